"""The order's card says when its next reminder comes (second walk of 2026-12-03: no screen did,
so a buyer could not tell whether the last safe day was covered)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from locales import fill, get_translator
from tests.conversation.support import plain
from tests.orders.support import known_user, save
from tests.support.harness import BotHarness


async def _earliest_pending(bot: BotHarness, order_id: int) -> int:
    rows = await bot.runtime.db.conn.execute_fetchall(
        "SELECT MIN(due_at) FROM reminders WHERE order_id = ? AND state = 'pending'", (order_id,)
    )
    return int(rows[0][0])


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_the_card_names_the_next_reminders_time(bot: BotHarness, lang: str) -> None:
    tr = get_translator(lang)
    user = await known_user(bot, 760, lang)
    view = await save(bot, user)  # protection ends in 20 days: reminders before it
    due = await _earliest_pending(bot, view.order.id)
    await bot.press(760, f"o:{view.order.id}", lang)
    local = dt.datetime.fromtimestamp(due, dt.UTC).astimezone(
        ZoneInfo(bot.runtime.default_timezone)
    )
    line = fill(tr.gettext("🔔 Next reminder: %(when)s."), {"when": tr.format_date_time(local)})
    assert line in plain(bot.last().text)


async def test_no_line_once_nothing_is_pending_or_archived(bot: BotHarness) -> None:
    user = await known_user(bot, 761, "en")
    view = await save(bot, user)
    await bot.runtime.db.conn.execute(
        "UPDATE reminders SET state = 'cancelled' WHERE order_id = ?", (view.order.id,)
    )
    await bot.runtime.db.conn.commit()
    await bot.press(761, f"o:{view.order.id}", "en")
    assert "Next reminder" not in bot.last().text
    archived = await save(bot, user)
    await bot.press(761, f"o:{archived.order.id}:arcy", "en")
    await bot.press(761, f"o:{archived.order.id}", "en")
    assert "Next reminder" not in bot.last().text
    assert "In the archive" in bot.last().text
