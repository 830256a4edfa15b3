"""Reminders over HTTP: a saved order's reminder arrives when it comes due, and a kill -9 in the
middle of sending many loses none of them (only the one in flight may arrive twice).

A reminder is due at the reminder hour of its day, and the planner drops instants already past
when the order is saved, so no reminder can come due "naturally" within a test. The tests move
due times to now in the database instead: that is the clock reaching the reminder hour.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from pathlib import Path

import pytest

from advisor import labels
from advisor.models import DeadlineKind
from advisor.questionnaire import (
    answer_choice,
    answer_text,
    build_situation,
    finish_multi,
    skip,
    start,
)
from bot.app import runtime_for
from handlers.order_store import save_new_order
from handlers.replan import REMINDER_SETTINGS, reminder_settings
from locales import get_translator
from storage import applied_settings, users
from storage.db import Database
from tests.support.harness import make_settings

from .conftest import BotFactory
from .driver import UserDriver, execute, query, until
from .fake_bot_api import FakeBotApi, RecordedRequest

pytestmark = pytest.mark.e2e

ENV = {"DEFAULT_TIMEZONE": "UTC", "PROTECTION_REMINDER_DAYS": "7,2,1,0", "REMINDER_HOUR": "23"}
REMINDER_TIMEOUT = 10.0


def today() -> dt.date:
    """Today as the bot sees it with DEFAULT_TIMEZONE=UTC."""
    return dt.datetime.now(dt.UTC).date()


def reminder_messages(fake_api: FakeBotApi, since: int = 0) -> list[RecordedRequest]:
    """Accepted reminder messages (they carry `r:` buttons), oldest first."""
    return [
        record
        for record in fake_api.requests[since:]
        if record.ok is True
        and record.method == "sendMessage"
        and any(data.startswith("r:") for data in record.callback_data)
    ]


def states(db_path: Path) -> dict[int, str]:
    """Each reminder's state by its id."""
    return dict(query(db_path, "SELECT id, state FROM reminders"))  # type: ignore[arg-type]


def bring_due(db_path: Path, reminder_ids: list[int]) -> None:
    """The clock reaches these reminders' hour: they are due now."""
    marks = ",".join("?" * len(reminder_ids))
    now = int(time.time())
    changed = execute(
        db_path, f"UPDATE reminders SET due_at = ? WHERE id IN ({marks})", (now, *reminder_ids)
    )
    assert changed == len(reminder_ids)


async def test_a_saved_orders_reminder_arrives_when_it_comes_due(
    fake_api: FakeBotApi, bot_process: BotFactory, tmp_path: Path
) -> None:
    db_path = tmp_path / "bot.sqlite3"
    tr = get_translator("en")
    await (await bot_process(**ENV)).until_polling(fake_api)
    driver = UserDriver(fake_api, db_path, 7401, "en")
    await driver.send("/new")
    for label in (
        "No, it has not arrived",
        "It is on its way, the tracking moves",
        "No, not yet",
    ):
        await driver.press(tr.gettext(label))
    await driver.send("12 days ago")
    await driver.press(tr.gettext("No, not yet"))
    await driver.send("in 5 days")
    # Ask the seller to extend protection: no evidence or price to give, the item for the text.
    await driver.press(tr.gettext("Yes, but there is no reply"))
    await driver.send("desk lamp")
    for _ in range(2):  # order number, tracking number (a seller message carries no note)
        await driver.press(tr.gettext("Skip"))
    await driver.press(tr.gettext("🔔 Save & remind me"))

    planned = query(
        db_path,
        "SELECT id, kind, deadline_on, offset_days FROM reminders WHERE state = 'pending' "
        "ORDER BY due_at, id",
    )
    protection_end = today() + dt.timedelta(days=5)
    assert (DeadlineKind.protection_ends.value, protection_end.isoformat(), 2) in [
        row[1:] for row in planned
    ], planned
    first = next(row for row in planned if row[1] == "protection_ends" and row[3] == 2)
    assert reminder_messages(fake_api) == []  # nothing is due yet

    bring_due(db_path, [first[0]])
    await until(lambda: bool(reminder_messages(fake_api)), "the reminder is sent", REMINDER_TIMEOUT)
    await until(lambda: states(db_path)[first[0]] == "sent", "it is marked sent")
    (reminder,) = reminder_messages(fake_api)
    assert reminder.chat_id == 7401
    text = reminder.text or ""
    assert tr.gettext("Reminder: %(order)s") % {"order": "desk lamp"} in text
    assert labels.deadline_text(tr, DeadlineKind.protection_ends) in text
    assert tr.format_date(protection_end) in text
    assert {f"r:{_order_id(db_path)}:card"} <= set(reminder.callback_data)

    # Its button opens the order's card.
    replies = await driver.press(tr.gettext("📦 Open the order"))
    assert "desk lamp" in (replies[-1].text or "")
    # No other reminder of the order is due: nothing more was sent.
    assert len(reminder_messages(fake_api)) == 1


def _order_id(db_path: Path) -> int:
    (row,) = query(db_path, "SELECT id FROM orders")
    return int(row[0])


SEEDED_USERS = range(7500, 7530)
ANSWERS = ["c:no", "c:in_transit", "c:none", "s", "c:no", "in 5 days", "c:no_reply"]


async def seed_orders(db_path: Path, fake_api: FakeBotApi) -> list[int]:
    """30 users who talked to the bot before, each with one saved order; return the ids of
    one pending reminder per order (the others are cancelled), all due now."""
    day = today()
    db = await Database.open(db_path)
    # Saved by this bot with the settings it runs with (ENV): nothing to re-plan at its start.
    settings = make_settings(db_path, **{name.lower(): value for name, value in ENV.items()})
    rt = runtime_for(settings, db)
    async with db.transaction() as conn:
        await applied_settings.put(conn, REMINDER_SETTINGS, reminder_settings(rt))
    try:
        for user_id in SEEDED_USERS:
            fake_api.chats[user_id] = fake_api.chat(user_id)  # the chat exists in Telegram
            user = await users.upsert_seen(db, user_id, user_id, "ru" if user_id % 2 else "en")
            state = start("new")
            for answer in [*ANSWERS, f"lamp {user_id}", "s", "s"]:  # order, tracking numbers
                if answer.startswith("c:"):
                    state = answer_choice(state, answer[2:], day)
                elif answer == "s":
                    state = skip(state, day)
                elif answer == "m":
                    state = finish_multi(state, day)
                else:
                    state, parsed = answer_text(state, answer, day)
                    assert parsed.ok, answer
            await save_new_order(rt, user, build_situation(state, day), day)
    finally:
        await db.close()
    kept = [
        row[0]
        for row in query(
            db_path,
            "SELECT MIN(id) FROM reminders WHERE state = 'pending' AND kind = 'protection_ends' "
            "GROUP BY order_id",
        )
    ]
    assert len(kept) == len(SEEDED_USERS)
    marks = ",".join("?" * len(kept))
    execute(
        db_path,
        f"UPDATE reminders SET state = 'cancelled' WHERE state = 'pending' AND id NOT IN ({marks})",
        tuple(kept),
    )
    bring_due(db_path, kept)
    return kept


async def test_a_kill_9_while_reminders_go_out_loses_none(
    fake_api: FakeBotApi, bot_process: BotFactory, tmp_path: Path
) -> None:
    db_path = tmp_path / "bot.sqlite3"
    reminder_ids = await seed_orders(db_path, fake_api)
    # A slow Telegram: one message every 0.1 s, each answered 0.1 s after it is delivered, so
    # the kill lands mid-sweep while one delivered message waits for its answer.
    fake_api.slow_down("sendMessage", 0.1, answer_late=True)
    first = await bot_process(**ENV)
    await until(lambda: len(reminder_messages(fake_api)) >= 8, "some reminders went out")
    first.kill()
    await first.wait(timeout=5)
    at_kill = states(db_path)
    delivered_before = Counter(r.chat_id for r in reminder_messages(fake_api))
    assert 0 < len(delivered_before) < len(reminder_ids), "the kill must come mid-sweep"
    assert all(count == 1 for count in delivered_before.values())
    sent_at_kill = {rid for rid in reminder_ids if at_kill[rid] == "sent"}
    # Delivered but not yet marked sent when the process died: only these may come twice.
    owner = dict(query(db_path, "SELECT id, user_id FROM reminders"))
    in_flight = {
        rid for rid in reminder_ids if at_kill[rid] != "sent" and delivered_before[owner[rid]]
    }
    # One delivered message waits for its answer; one answered may not be marked yet.
    assert 1 <= len(in_flight) <= 3, in_flight

    fake_api.slow_down("sendMessage", None)
    mark = fake_api.mark()
    await bot_process(**ENV)
    await until(
        lambda: all(states(db_path)[rid] == "sent" for rid in reminder_ids),
        "every reminder is marked sent",
        REMINDER_TIMEOUT,
    )
    delivered = Counter(r.chat_id for r in reminder_messages(fake_api))
    assert set(delivered) == set(SEEDED_USERS), "every reminder arrived"
    twice = {chat for chat, count in delivered.items() if count > 1}
    assert twice <= {owner[rid] for rid in in_flight}, (twice, in_flight)
    assert max(delivered.values()) <= 2
    again = Counter(r.chat_id for r in reminder_messages(fake_api, since=mark))
    assert not {owner[rid] for rid in sent_at_kill} & set(again), "a sent one went out again"


async def test_sigterm_during_a_sweep_stops_within_5_seconds_and_loses_no_reminder(
    fake_api: FakeBotApi, bot_process: BotFactory, tmp_path: Path
) -> None:
    db_path = tmp_path / "bot.sqlite3"
    reminder_ids = await seed_orders(db_path, fake_api)
    fake_api.slow_down("sendMessage", 0.1, answer_late=True)
    first = await bot_process(**ENV)
    await until(lambda: len(reminder_messages(fake_api)) >= 5, "some reminders went out")
    first.terminate()
    assert await first.wait(timeout=5) == 0, first.output()
    unsent = [
        rid for rid, state in states(db_path).items() if rid in reminder_ids and state != "sent"
    ]

    fake_api.slow_down("sendMessage", None)
    await bot_process(**ENV)
    await until(
        lambda: all(states(db_path)[rid] == "sent" for rid in reminder_ids),
        "every reminder is marked sent",
        REMINDER_TIMEOUT,
    )
    delivered = Counter(r.chat_id for r in reminder_messages(fake_api))
    assert set(delivered) == set(SEEDED_USERS), "every reminder arrived"
    owner = dict(query(db_path, "SELECT id, user_id FROM reminders"))
    twice = {chat for chat, count in delivered.items() if count > 1}
    assert twice <= {owner[rid] for rid in unsent}, twice
