"""Reminders follow the user: a new time zone moves them, unblocking brings them back."""

from __future__ import annotations

import time

import pytest

from handlers.settings import COMMON_ZONES
from storage import reminders, users
from tests.reminders.helpers import known_user, moscow, plan_at, rows, save, states, today
from tests.support.harness import BotHarness


def _member(status: str, user_id: int) -> dict[str, object]:
    member: dict[str, object] = {
        "user": {"id": user_id, "is_bot": False, "first_name": "T"},
        "status": status,
    }
    if status == "kicked":
        member["until_date"] = 0
    return member


async def test_new_time_zone_moves_pending_reminders(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 601, "en")
    view = await save(bot, user, d)
    before = sorted(r.due_at for r in await rows(bot, view.order.id, "pending"))
    zone = COMMON_ZONES.index("Asia/Vladivostok")
    await bot.press(601, f"s:tz:{zone}", lang="en")
    after = sorted(r.due_at for r in await rows(bot, view.order.id, "pending"))
    assert len(after) == len(before)
    # 10:00 in Vladivostok (UTC+10) is 7 hours before 10:00 in Moscow (UTC+3).
    assert [b - a for a, b in zip(after, before, strict=True)] == [7 * 3600] * len(before)


async def test_unblocking_brings_the_reminders_back(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 602, "en")
    view = await save(bot, user, d)
    planned = len(await rows(bot, view.order.id, "pending"))
    chat = {"id": 602, "type": "private", "first_name": "T"}
    for old, new in (("member", "kicked"), ("kicked", "member")):
        change = {
            "chat": chat,
            "from": bot.user(602, "en"),
            "date": int(time.time()),
            "old_chat_member": _member(old, 602),
            "new_chat_member": _member(new, 602),
        }
        if new == "kicked":
            # What the sweep does when Telegram answers Forbidden.
            await reminders.stop_for_user(bot.runtime.db, 602)
            assert (await states(bot, view.order.id)).get("pending", 0) == 0
        await bot.process({"my_chat_member": change})
    assert len(await rows(bot, view.order.id, "pending")) == planned


async def test_writing_after_a_block_whose_unblock_was_missed_brings_the_reminders_back(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk X: the sweep marked the user blocked and cancelled their reminders; their unblock
    update never came (the bot was down), their /start cleared the flag but planned nothing."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 603, "en")
    view = await save(bot, user, d)
    planned = len(await rows(bot, view.order.id, "pending"))
    assert planned > 0
    await users.set_blocked(bot.runtime.db, 603)
    await reminders.stop_for_user(bot.runtime.db, 603)
    assert (await states(bot, view.order.id)).get("pending", 0) == 0
    await bot.send_text(603, "/start", "en")
    assert len(await rows(bot, view.order.id, "pending")) == planned
    assert not (await users.get(bot.runtime.db, 603)).blocked  # type: ignore[union-attr]
    await bot.send_text(603, "/help", "en")  # not blocked now: nothing planned twice
    assert len(await rows(bot, view.order.id, "pending")) == planned
