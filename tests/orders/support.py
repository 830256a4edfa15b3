"""Helpers for the orders tests: a known user with saved orders, rows read straight from SQLite."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from advisor.models import Situation
from handlers.clock import user_today
from handlers.order_store import OrderView, save_new_order
from storage import conversations, users
from storage.models import User
from tests.support.harness import BotHarness

CYRILLIC = re.compile("[а-яА-ЯёЁ]")


def today(bot: BotHarness) -> dt.date:
    """Today in the bot's default time zone (the test users keep the default)."""
    return user_today(None, bot.runtime.default_timezone)


async def known_user(bot: BotHarness, user_id: int, lang: str) -> User:
    """A user who has talked to the bot (so the profile row exists)."""
    await bot.send_text(user_id, "/start", lang=lang)
    user = await users.get(bot.runtime.db, user_id)
    assert user is not None
    return user


def received_situation(bot: BotHarness, **changes: Any) -> Situation:
    """An item that arrived broken: a clear case for a full refund of its price."""
    data: dict[str, Any] = {
        "today": today(bot),
        "received": True,
        "problem": "not_working",
        "item": "Wireless earbuds",
        "order_number": "8123456789012345",
        "price": 40.0,
        "currency": "USD",
        "evidence": ["unboxing_video", "defect_video"],
        "protection_ends_on": today(bot) + dt.timedelta(days=20),
    }
    data.update(changes)
    return Situation.model_validate(data)


async def save(bot: BotHarness, user: User, **changes: Any) -> OrderView:
    """Save an order for the user, as "Save & remind me" would."""
    return await save_new_order(bot.runtime, user, received_situation(bot, **changes), today(bot))


async def order_row(bot: BotHarness, order_id: int) -> dict[str, Any] | None:
    """The order's row as stored, or None."""
    async with bot.runtime.db.conn.execute(
        "SELECT * FROM orders WHERE id = ?", (order_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return dict(row) if row else None


async def stored_situation(bot: BotHarness, order_id: int) -> dict[str, Any]:
    """The order's situation as stored (JSON), which must exist."""
    row = await order_row(bot, order_id)
    assert row is not None
    situation: dict[str, Any] = json.loads(row["situation"])
    return situation


async def pending_reminder_kinds(bot: BotHarness, order_id: int) -> set[str]:
    """The kinds of the order's pending reminders."""
    rows = await bot.runtime.db.conn.execute_fetchall(
        "SELECT kind FROM reminders WHERE order_id = ? AND state = 'pending'", (order_id,)
    )
    return {row[0] for row in rows}


def button_ending(bot: BotHarness, suffix: str) -> str:
    """The callback data of the last screen's one button ending with `suffix`."""
    matches = [data for data in bot.last().button_data() if data.endswith(suffix)]
    assert len(matches) == 1, bot.last().button_data()
    return matches[0]


async def press_on_screen(bot: BotHarness, user_id: int, data: str, lang: str) -> None:
    """Press `data` on the conversation's current screen, as the buyer's client would."""
    conversation = await conversations.get(bot.runtime.db, user_id)
    message_id = (conversation.message_id if conversation else None) or 1
    await bot.press(user_id, data, lang, message_id=message_id)
