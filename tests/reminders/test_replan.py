"""Reminders follow the user: a new time zone moves them, unblocking brings them back."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from advisor.models import Situation
from handlers.order_store import set_archived, update_order
from handlers.settings import COMMON_ZONES
from storage import orders, reminders, users
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


async def test_a_known_end_time_is_the_same_instant_in_the_new_zone(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk K: a timer read in Moscow ran out at 02:48 on the 10th; moved to Vladivostok
    (7 hours ahead) the order still said 02:48, 7 hours before the real end there."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 604, "en")
    ends_on = d + dt.timedelta(days=10)
    view = await save(bot, user, d, protection_ends_on=ends_on, protection_ends_at="02:48")
    archived = await save(bot, user, d, protection_ends_on=ends_on, protection_ends_at="02:48")
    await set_archived(bot.runtime, user, archived.order.id, archived=True)
    corrected = view.situation.model_copy(update={"item": "Red headphones"})
    await update_order(bot.runtime, user, view.order.id, corrected, d, undoable=True)
    zone = COMMON_ZONES.index("Asia/Vladivostok")
    await bot.press(604, f"s:tz:{zone}", lang="en")
    # Review L: an Undo would bring 02:48 back, read in the new zone; an archived order,
    # restored, would be planned from its old clock time.
    row = await orders.get_for_user(bot.runtime.db, view.order.id, 604)
    assert row is not None and row.undo is None
    stored = await orders.get_for_user(bot.runtime.db, archived.order.id, 604)
    assert stored is not None
    assert Situation.model_validate(stored.situation).protection_ends_at == dt.time(9, 48)
    row = await orders.get_for_user(bot.runtime.db, view.order.id, 604)
    assert row is not None
    moved = Situation.model_validate(row.situation)
    assert (moved.protection_ends_on, moved.protection_ends_at) == (ends_on, dt.time(9, 48))
    end = moscow(ends_on, 2, 48)  # the same instant: the day's reminders come before it
    pending = await rows(bot, view.order.id, "pending")
    assert all(r.due_at < end.timestamp() for r in pending if r.kind == "protection_ends")


async def test_a_snooze_moved_to_a_new_zone_stays_before_a_known_end(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review L: "remind me tomorrow" keeps its clock time in a new zone; moved west, that clock
    time came after the protection's known end."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 605, "en")
    ends_on = d + dt.timedelta(days=10)
    view = await save(bot, user, d, protection_ends_on=ends_on, protection_ends_at="20:00")
    pending = await rows(bot, view.order.id, "pending")
    [last_day] = [r for r in pending if (r.kind, r.offset_days) == ("protection_ends", 0)]
    await reminders.set_state(bot.runtime.db, [last_day.id], reminders.SENT)
    again = reminders.NewReminder(
        "protection_ends", last_day.deadline_on, 0, int(moscow(ends_on, 18, 30).timestamp())
    )
    async with bot.runtime.db.transaction() as conn:
        snooze_id = await reminders.add(conn, view.order.id, 605, again)
    zone = COMMON_ZONES.index("Europe/Kaliningrad")  # an hour behind Moscow
    await bot.press(605, f"s:tz:{zone}", lang="en")
    [snoozed] = [r for r in await rows(bot, view.order.id, "pending") if r.id == snooze_id]
    # 18:30 Kaliningrad would be 19:30 Moscow; the end is 20:00 Moscow, an hour before is 19:00.
    assert snoozed.due_at == int(moscow(ends_on, 19).timestamp())


async def test_a_snooze_of_a_deadline_the_plan_dropped_survives_a_new_zone(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk AB: "the first day to open a dispute", snoozed on that day (the advice no longer
    has it once it is today), was cancelled by a new time zone; the sweep would have sent it."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 606, "en")
    view = await save(bot, user, d)
    first_day = reminders.NewReminder("earliest_open", d.isoformat(), 0, 1)
    snooze = reminders.NewReminder(
        "earliest_open", d.isoformat(), 0, int(moscow(d + dt.timedelta(days=1), 10).timestamp())
    )
    async with bot.runtime.db.transaction() as conn:
        sent_id = await reminders.add(conn, view.order.id, 606, first_day)
        snooze_id = await reminders.add(conn, view.order.id, 606, snooze)
    assert sent_id is not None and snooze_id is not None
    await reminders.set_state(bot.runtime.db, [sent_id], reminders.SENT)
    zone = COMMON_ZONES.index("Asia/Vladivostok")
    await bot.press(606, f"s:tz:{zone}", lang="en")
    assert snooze_id in {r.id for r in await rows(bot, view.order.id, "pending")}


async def test_a_reminder_an_old_zone_planned_does_not_come_back_as_a_snooze(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk AF: moved east, the new zone's reminder was sent; an archive and restore then
    brought back the old zone's cancelled one of the same deadline (due hours later) as if it
    were a "remind me tomorrow": the same reminder twice."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 611, "en")
    view = await save(bot, user, d)
    order_id = view.order.id
    old = {(r.kind, r.deadline_on, r.offset_days): r for r in await rows(bot, order_id, "pending")}
    await bot.press(611, f"s:tz:{COMMON_ZONES.index('Asia/Vladivostok')}", lang="en")
    first = min(await rows(bot, order_id, "pending"), key=lambda r: r.due_at)
    key = (first.kind, first.deadline_on, first.offset_days)
    assert old[key].due_at > first.due_at, "the old zone's one came later"
    await bot.runtime.db.conn.execute(
        "UPDATE reminders SET state = 'sent' WHERE id = ?", (first.id,)
    )
    await bot.runtime.db.conn.commit()
    plan_at(monkeypatch, dt.datetime.fromtimestamp(first.due_at + 60, dt.UTC))
    user = await users.get(bot.runtime.db, 611)
    assert user is not None
    await set_archived(bot.runtime, user, order_id)
    await set_archived(bot.runtime, user, order_id, archived=False)
    again = [
        r
        for r in await rows(bot, order_id, "pending")
        if (r.kind, r.deadline_on, r.offset_days) == key
    ]
    assert again == [], "sent once; its old zone's copy stays cancelled"


@pytest.mark.parametrize("zone", ["Europe/Moscow", "Asia/Vladivostok"])
async def test_a_time_zone_chosen_after_saving_sends_no_reminder_the_save_had_passed(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    """Walk of 2026-12-03: the dispute window closing that day, saved at 11:20 ("too close for a
    reminder"), and a reminder came seconds after the time zone was chosen, kept or another."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 11, 20))
    user = await known_user(bot, 611, "en")
    confirmed = {
        "received": True,
        "delivery_status": None,
        "problem": "not_working",
        "receipt_confirmed_on": d - dt.timedelta(days=15),
        "protection_ends_on": None,
    }
    view = await save(bot, user, d, **confirmed)
    assert view.advice.deadlines and await rows(bot, view.order.id, "pending") == []
    await bot.press(611, f"s:tz:{COMMON_ZONES.index(zone)}", lang="en")
    assert (await users.get(bot.runtime.db, 611)).timezone == zone  # type: ignore[union-attr]
    assert await rows(bot, view.order.id, "pending") == []


async def test_a_protection_end_a_new_zone_moves_to_the_next_day_keeps_todays_reminder(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review of 2026-12-03: at 09:00 in Moscow, an end tomorrow at 23:00 is the day after in
    Vladivostok; today's reminder, pending for 10:00, was dropped and none came instead."""
    d = today(bot)
    now = moscow(d, 9)
    plan_at(monkeypatch, now)
    user = await known_user(bot, 612, "en")
    ends = {"protection_ends_on": d + dt.timedelta(days=1), "protection_ends_at": dt.time(23, 0)}
    view = await save(bot, user, d, **ends)
    assert any(r.due_at > now.timestamp() for r in await rows(bot, view.order.id, "pending"))
    await bot.press(612, f"s:tz:{COMMON_ZONES.index('Asia/Vladivostok')}", lang="en")
    due_now = [
        r
        for r in await rows(bot, view.order.id, "pending")
        if r.kind == "protection_ends" and r.due_at <= now.timestamp()
    ]
    assert len(due_now) == 1
