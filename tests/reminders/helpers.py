"""Helpers for the reminder tests: a user with a saved order planned at a fixed instant."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from advisor.models import Situation
from handlers import order_store
from handlers.clock import user_today
from handlers.order_store import OrderView, save_new_order
from storage import reminders, users
from storage.models import User
from storage.reminders import Reminder
from tests.support.harness import BotHarness

CYRILLIC = re.compile("[а-яА-ЯёЁ]")
MOSCOW_OFFSET = dt.timedelta(hours=3)  # the default zone, no DST


def today(bot: BotHarness) -> dt.date:
    """Today in the bot's default time zone (Europe/Moscow)."""
    return user_today(None, bot.runtime.default_timezone)


def moscow(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """`hour:minute` in Moscow on `day`, as a UTC instant."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC) - MOSCOW_OFFSET


def plan_at(monkeypatch: pytest.MonkeyPatch, now: dt.datetime) -> None:
    """Make the order store plan reminders as if it were `now`."""
    monkeypatch.setattr(order_store, "now_utc", lambda: now)


async def known_user(bot: BotHarness, user_id: int, lang: str) -> User:
    """A user who has talked to the bot in a private chat."""
    await bot.send_text(user_id, "/start", lang=lang)
    user = await users.get(bot.runtime.db, user_id)
    assert user is not None
    return user


def in_transit(day: dt.date, **changes: Any) -> Situation:
    """A parcel on its way, protection ending in 9 days: advice "wait", reminders ahead."""
    data: dict[str, Any] = {
        "today": day,
        "received": False,
        "delivery_status": "in_transit",
        "item": "Blue headphones",
        "order_number": "8123456789012345",
        "shipped_on": day - dt.timedelta(days=30),
        "protection_ends_on": day + dt.timedelta(days=9),
    }
    data.update(changes)
    return Situation.model_validate(data)


async def save(bot: BotHarness, user: User, day: dt.date, **changes: Any) -> OrderView:
    """Save an in-transit order for the user on `day`."""
    return await save_new_order(bot.runtime, user, in_transit(day, **changes), day)


async def rows(bot: BotHarness, order_id: int, state: str | None = None) -> list[Reminder]:
    """The order's reminders (of one state, or all)."""
    return await reminders.for_order(bot.runtime.db, order_id, state)


async def states(bot: BotHarness, order_id: int) -> dict[str, int]:
    """How many reminders of the order are in each state."""
    found: dict[str, int] = {}
    for reminder in await rows(bot, order_id, None):
        found[reminder.state] = found.get(reminder.state, 0) + 1
    return found
