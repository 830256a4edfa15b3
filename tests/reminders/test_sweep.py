"""The sweep through the real Application: sent once, crash recovery, changed orders, blocking."""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from telegram.error import RetryAfter, TimedOut

from advisor import labels
from advisor.models import DeadlineKind, Situation
from handlers.clock import now_utc
from handlers.order_store import delete_order, set_archived, update_order
from handlers.reminder_message import _WINDOW_AFTER_PROTECTION
from handlers.reminder_sweep import sweep_once
from locales import get_translator
from storage import reminders, users
from tests.reminders.helpers import (
    known_user,
    moscow,
    plan_at,
    rows,
    save,
    states,
    today,
)
from tests.support.harness import BotHarness, make_settings

DAY = dt.timedelta(days=1)


async def sweep(bot: BotHarness, at: dt.datetime) -> Any:
    return await sweep_once(bot.app.bot, bot.runtime, now=at)


def reminder_sends(bot: BotHarness) -> list[Any]:
    return [c for c in bot.request.sent("sendMessage") if "r:" in " ".join(c.button_data())]


async def test_saving_an_order_plans_its_reminders(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 501, "ru"), d)
    planned = [(r.kind, r.offset_days, r.due_at) for r in await rows(bot, view.order.id)]
    protection, window = d + 9 * DAY, d + 24 * DAY
    assert planned == [
        ("protection_ends", 7, int(moscow(protection - 7 * DAY, 10).timestamp())),
        ("protection_ends", 2, int(moscow(protection - 2 * DAY, 10).timestamp())),
        ("protection_ends", 1, int(moscow(protection - DAY, 10).timestamp())),
        ("protection_ends", 0, int(moscow(protection, 10).timestamp())),
        # Walk CE: the first day after protection ended, not 12 days of silence.
        ("dispute_window_closes", 14, int(moscow(protection + DAY, 10).timestamp())),
        ("dispute_window_closes", 3, int(moscow(window - 3 * DAY, 10).timestamp())),
        ("dispute_window_closes", 1, int(moscow(window - DAY, 10).timestamp())),
        ("dispute_window_closes", 0, int(moscow(window, 10).timestamp())),
    ]


async def test_a_due_reminder_is_sent_once_and_a_second_sweep_sends_nothing(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 502, "en"), d)
    bot.request.clear()
    at = moscow(d + 2 * DAY, 10, 1)
    assert (await sweep(bot, at)).sent == 1
    assert (await sweep(bot, at)).sent == 0
    assert (await sweep(bot, at + dt.timedelta(hours=3))).sent == 0
    sent = reminder_sends(bot)
    assert len(sent) == 1 and sent[0].params["chat_id"] == 502
    assert await states(bot, view.order.id) == {"sent": 1, "pending": 7}
    assert (await sweep(bot, moscow(d + 7 * DAY, 10))).sent == 1


async def test_crash_between_claim_and_mark_is_recovered_on_restart(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await BotHarness(make_settings(db_path)).start()
    # Saved three days ago: its 7-day reminder came due yesterday; the rest are ahead.
    d = today(first) - 3 * DAY
    plan_at(monkeypatch, moscow(d, 12))
    now = now_utc()
    try:
        view = await save(first, await known_user(first, 503, "ru"), d)
        # A sweep claims the due reminder, then the process dies before sending or marking.
        claimed = await reminders.claim_due(first.runtime.db, int(now.timestamp()), 10)
        assert [c.reminder.offset_days for c in claimed] == [7]
        assert (await sweep(first, now)).sent == 0  # a live claim is left alone
    finally:
        await first.stop()
    second = await BotHarness(make_settings(db_path)).start()
    try:
        assert (await sweep(second, now_utc())).sent == 1
        assert (await sweep(second, now_utc())).sent == 0
        assert len(reminder_sends(second)) == 1
        assert (await states(second, view.order.id))["sent"] == 1
    finally:
        await second.stop()


async def test_after_downtime_only_the_latest_of_a_deadline_goes_out(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 504, "ru"), d)
    result = await sweep(bot, moscow(d + 8 * DAY, 11))  # the 7-, 2- and 1-day ones are due
    assert (result.sent, result.superseded) == (1, 2)
    sent = [r.offset_days for r in await rows(bot, view.order.id, "sent")]
    assert sent == [1]


async def test_passed_deadline_covered_by_a_later_reminder_is_superseded(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 505, "en"), d)
    # Down until after the window's 3-day reminder: protection has ended, the window has not.
    result = await sweep(bot, moscow(d + 21 * DAY, 11))
    assert (result.sent, result.superseded) == (1, 5)
    sent = await rows(bot, view.order.id, "sent")
    assert [(r.kind, r.offset_days) for r in sent] == [("dispute_window_closes", 3)]
    what = labels.deadline_text(get_translator("en"), DeadlineKind.dispute_window_closes)
    assert what in reminder_sends(bot)[-1].text


async def test_protection_ended_while_away_is_said_before_the_windows_reminder(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk AB: down over the protection's end, the bot superseded its reminders for the
    window's, still days away: nothing said that protection had ended."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 507, "en"), d)
    result = await sweep(bot, moscow(d + 10 * DAY, 9))  # protection ended yesterday
    assert result.sent == 1
    sent = await rows(bot, view.order.id, "sent")
    assert [(r.kind, r.offset_days) for r in sent] == [("protection_ends", 0)]
    assert "Buyer Protection has ended" in reminder_sends(bot)[-1].text
    pending = {r.kind for r in await rows(bot, view.order.id, "pending")}
    assert "dispute_window_closes" in pending


async def test_the_day_after_protection_ended_the_window_reminder_says_so(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk CE: after the protection's last-day reminder nothing came for 12 days, though each
    day waited weakens the dispute. The day after, the window's reminder says it has ended."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 508, "en"), d)
    assert (await sweep(bot, moscow(d + 9 * DAY, 10, 1))).sent == 1  # the last day
    result = await sweep(bot, moscow(d + 10 * DAY, 10, 1))
    assert result.sent == 1
    sent = await rows(bot, view.order.id, "sent")
    assert [(r.kind, r.offset_days) for r in sent][-1] == ("dispute_window_closes", 14)
    tr = get_translator("en")
    assert tr.gettext(_WINDOW_AFTER_PROTECTION) in reminder_sends(bot)[-1].text


async def test_a_snooze_past_its_deadline_is_sent_although_later_reminders_wait(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk D: "Remind me tomorrow" on the protection's last-day reminder, pressed after that
    day, promised a reminder the sweep then dropped for the window's, weeks away."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 506, "en"), d)
    end = d + 9 * DAY
    assert (await sweep(bot, moscow(end, 10, 1))).sent == 1  # "today is the last day"
    [last_day] = await rows(bot, view.order.id, "sent")
    assert (last_day.kind, last_day.offset_days) == ("protection_ends", 0)
    # Pressed the next morning: the snooze is the same reminder again, due the day after.
    again = reminders.NewReminder(
        kind="protection_ends",
        deadline_on=last_day.deadline_on,
        offset_days=0,
        due_at=int(moscow(end + DAY, 9).timestamp()),
    )
    async with bot.runtime.db.transaction() as conn:
        await reminders.add(conn, view.order.id, 506, again)
    result = await sweep(bot, moscow(end + DAY, 9, 1))
    assert (result.sent, result.superseded) == (1, 0)
    assert await states(bot, view.order.id) == {"sent": 2, "superseded": 3, "pending": 4}


async def test_a_snooze_due_with_the_windows_reminder_is_said_by_it_alone(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk CE: the day after protection ended the window's reminder comes; a snooze of the
    last day's reminder due with it would say the same again."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 509, "en"), d)
    end = d + 9 * DAY
    assert (await sweep(bot, moscow(end, 10, 1))).sent == 1
    again = reminders.NewReminder(
        kind="protection_ends",
        deadline_on=end.isoformat(),
        offset_days=0,
        due_at=int(moscow(end + DAY, 10).timestamp()),
    )
    async with bot.runtime.db.transaction() as conn:
        await reminders.add(conn, view.order.id, 509, again)
    bot.request.clear()
    result = await sweep(bot, moscow(end + DAY, 10, 1))
    assert (result.sent, result.superseded) == (1, 1)
    [sent] = reminder_sends(bot)
    assert get_translator("en").gettext(_WINDOW_AFTER_PROTECTION) in sent.text


async def test_reminders_of_a_changed_order_are_moved(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 506, "ru")
    view = await save(bot, user, d)
    opened = view.situation.model_dump(mode="json")
    opened["dispute"] = {"stage": "open", "opened_on": d.isoformat(), "since": d.isoformat()}
    await update_order(bot.runtime, user, view.order.id, Situation.model_validate(opened), d)
    pending = await rows(bot, view.order.id, "pending")
    assert [(r.kind, r.deadline_on, r.offset_days) for r in pending] == [
        ("seller_response_due", (d + 5 * DAY).isoformat(), 1),
        ("seller_response_due", (d + 5 * DAY).isoformat(), 0),
        ("escalation", (d + 7 * DAY).isoformat(), 1),
        ("escalation", (d + 7 * DAY).isoformat(), 0),
    ]
    assert (await states(bot, view.order.id))["cancelled"] == 8
    bot.request.clear()
    assert (await sweep(bot, moscow(d + 2 * DAY, 11))).sent == 0
    assert (await sweep(bot, moscow(d + 5 * DAY, 11))).sent == 1
    assert "У продавца есть время до конца указанного выше дня" in reminder_sends(bot)[-1].text


async def test_archived_and_deleted_orders_get_nothing(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 507, "ru")
    archived = await save(bot, user, d)
    deleted = await save(bot, user, d)
    await set_archived(bot.runtime, user, archived.order.id, archived=True)
    await delete_order(bot.runtime, user, deleted.order.id)
    assert await states(bot, archived.order.id) == {"cancelled": 8}
    assert await rows(bot, deleted.order.id, None) == []
    bot.request.clear()
    assert (await sweep(bot, moscow(d + 30 * DAY, 11))).sent == 0
    assert reminder_sends(bot) == []
    # Restoring it plans again what is still ahead.
    await set_archived(bot.runtime, user, archived.order.id, archived=False)
    assert len(await rows(bot, archived.order.id, "pending")) == 8


async def test_an_archived_order_with_a_pending_row_is_cancelled_by_the_sweep(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 508, "ru"), d)
    async with bot.runtime.db.transaction() as conn:  # archived behind the order store's back
        await conn.execute("UPDATE orders SET status = 'archived' WHERE id = ?", (view.order.id,))
    result = await sweep(bot, moscow(d + 2 * DAY, 11))
    assert (result.sent, result.cancelled) == (0, 1)


@pytest.mark.parametrize(
    ("status", "description"),
    [
        (403, "Forbidden: bot was blocked by the user"),
        (400, "Bad Request: chat not found"),
    ],
)
async def test_blocked_or_gone_chat_marks_the_user_blocked_and_stops_reminders(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, status: int, description: str
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 509, "en")
    view = await save(bot, user, d)
    bot.request.fail_with["sendMessage"] = (
        status,
        {"ok": False, "error_code": status, "description": description},
    )
    result = await sweep(bot, moscow(d + 2 * DAY, 11))
    assert (result.sent, result.blocked_users) == (0, 1)
    stored = await users.get(bot.runtime.db, user.user_id)
    assert stored is not None and stored.blocked
    assert await states(bot, view.order.id) == {"failed": 1, "cancelled": 7}
    del bot.request.fail_with["sendMessage"]
    assert (await sweep(bot, moscow(d + 30 * DAY, 11))).sent == 0


async def test_other_bad_request_fails_that_reminder_only(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 510, "en")
    view = await save(bot, user, d)
    bot.request.fail_with["sendMessage"] = (
        400,
        {"ok": False, "error_code": 400, "description": "Bad Request: can't parse entities"},
    )
    result = await sweep(bot, moscow(d + 2 * DAY, 11))
    assert (result.sent, result.failed, result.blocked_users) == (0, 1, 0)
    assert await states(bot, view.order.id) == {"failed": 1, "pending": 7}


class _FailingBot:
    """A bot whose sendMessage raises the given error."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    async def send_message(self, *args: Any, **kwargs: Any) -> None:
        raise self.error


@pytest.mark.parametrize(
    ("error_type", "delay"), [(RetryAfter, 31), (TimedOut, 60)], ids=["retry_after", "timed_out"]
)
async def test_retry_after_and_network_errors_put_it_back_for_later(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, error_type: type[Exception], delay: int
) -> None:
    with warnings.catch_warnings():  # PTB 22 warns about RetryAfter's int/timedelta change
        warnings.simplefilter("ignore")
        error = RetryAfter(30) if error_type is RetryAfter else TimedOut()
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 511, "ru"), d)
    at = moscow(d + 2 * DAY, 11)
    result = await sweep_once(_FailingBot(error), bot.runtime, now=at)  # type: ignore[arg-type]
    assert (result.sent, result.retried) == (0, 1)
    first = (await rows(bot, view.order.id, "pending"))[0]
    assert (first.offset_days, first.due_at) == (7, int(at.timestamp()) + delay)
    assert (await sweep(bot, at + dt.timedelta(seconds=delay))).sent == 1


async def test_quiet_hours_hold_a_night_reminder_until_morning(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness = await BotHarness(make_settings(db_path, quiet_hours="22-9")).start()
    try:
        d = today(harness)
        plan_at(monkeypatch, moscow(d, 12))
        view = await save(harness, await known_user(harness, 512, "ru"), d)
        # The bot was down; it comes back at 23:00 Moscow time, two days later.
        result = await sweep(harness, moscow(d + 2 * DAY, 23))
        assert (result.sent, result.deferred) == (0, 1)
        first = (await rows(harness, view.order.id, "pending"))[0]
        assert first.due_at == int(moscow(d + 3 * DAY, 9).timestamp())
        # On the deadline day itself, waiting for the morning would miss it: sent at night.
        result = await sweep(harness, moscow(d + 9 * DAY, 23))
        assert result.sent == 1
        sent = await rows(harness, view.order.id, "sent")
        assert [(r.kind, r.offset_days) for r in sent] == [("protection_ends", 0)]
    finally:
        await harness.stop()


async def test_quiet_hours_hold_an_overdue_reminder_until_morning(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness = await BotHarness(make_settings(db_path, quiet_hours="22-9")).start()
    try:
        d = today(harness)
        plan_at(monkeypatch, moscow(d, 12))
        view = await save(harness, await known_user(harness, 513, "ru"), d)
        # Down for long: back at 03:00 the day after the dispute window closed (day 24). The
        # last reminder is not covered by a later one: it is told, but in the morning.
        result = await sweep(harness, moscow(d + 25 * DAY, 3))
        assert (result.sent, result.superseded, result.deferred) == (0, 7, 1)
        assert reminder_sends(harness) == []
        (last,) = await rows(harness, view.order.id, "pending")
        assert last.due_at == int(moscow(d + 25 * DAY, 9).timestamp())
        assert (await sweep(harness, moscow(d + 25 * DAY, 9))).sent == 1
    finally:
        await harness.stop()


async def test_shutdown_stops_sending_and_leaves_the_rest_for_the_next_start(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await BotHarness(make_settings(db_path)).start()
    d = today(first)
    plan_at(monkeypatch, moscow(d, 12))
    try:
        for user_id in (521, 522, 523):
            await save(first, await known_user(first, user_id, "en"), d)
        at = moscow(d + 2 * DAY, 10, 1)
        result = await sweep_once(first.app.bot, first.runtime, now=at, should_stop=lambda: True)
        assert (result.sent, result.left_for_restart) == (0, 3)
        assert reminder_sends(first) == []
    finally:
        await first.stop()
    second = await BotHarness(make_settings(db_path)).start()
    try:
        # What start-up does (bot.scheduler.install_sweep), at the sweep's moment.
        assert await reminders.release_stale(second.runtime.db, int(at.timestamp()) + 1) == 3
        assert (await sweep(second, at)).sent == 3
    finally:
        await second.stop()


async def test_a_sweep_costs_one_database_trip_per_sent_reminder(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    for user_id in range(531, 541):
        await save(bot, await known_user(bot, user_id, "en"), d)
    conn = bot.runtime.db.conn
    trips = 0
    execute = conn._execute

    async def counted(fn: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal trips
        trips += 1
        return await execute(fn, *args, **kwargs)

    monkeypatch.setattr(conn, "_execute", counted)
    result = await sweep(bot, moscow(d + 2 * DAY, 10, 1))
    assert result.sent == 10
    # Give back stale claims, claim the batch with its context, then one mark per reminder.
    assert trips == 2 + 10


async def test_a_reminder_the_order_would_no_longer_plan_is_cancelled_not_sent(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Planned by an earlier version of the bot: protection-end reminders of an order whose
    # receipt is confirmed, where only the dispute window counts (they named a day past it).
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 520, "en"), d)
    assert {r.kind for r in await rows(bot, view.order.id, "pending")} >= {"protection_ends"}
    confirmed = view.situation.model_dump(mode="json")
    confirmed.update(received=True, delivery_status=None, problem="not_working")
    confirmed["receipt_confirmed_on"] = (d - 12 * DAY).isoformat()
    await bot.runtime.db.conn.execute(
        "UPDATE orders SET situation = ? WHERE id = ?", (json.dumps(confirmed), view.order.id)
    )
    await bot.runtime.db.conn.commit()
    result = await sweep(bot, moscow(d + 2 * DAY, 10, 1))  # the first (7-day) one is due
    assert result.sent == 0 and result.cancelled == 1
    assert reminder_sends(bot) == []


async def test_the_first_day_to_open_a_dispute_is_still_told_on_that_day(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # earliest_open is listed only while it is ahead: on its own day the sweep's check must
    # still count it as planned (a review found it cancelled).
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 8))
    view = await save(
        bot,
        await known_user(bot, 521, "en"),
        d,
        shipped_on=d - 3 * DAY,
        protection_ends_on=d + 50 * DAY,
    )
    planned = {(r.kind, r.deadline_on) for r in await rows(bot, view.order.id, "pending")}
    assert ("earliest_open", (d + 7 * DAY).isoformat()) in planned
    result = await sweep(bot, moscow(d + 7 * DAY, 10, 1))
    assert result.cancelled == 0 and result.sent == 1


async def test_quiet_hours_do_not_hold_a_reminder_past_a_known_end(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review L: down overnight, the day-before reminder came due at 01:00 in quiet hours and
    waited for 09:00, an hour after the protection ran out at 08:00. It goes out at once."""
    bot = await BotHarness(make_settings(db_path, quiet_hours="22-9")).start()
    try:
        d = today(bot)
        plan_at(monkeypatch, moscow(d, 12))
        view = await save(bot, await known_user(bot, 507, "en"), d, protection_ends_at="08:00")
        end = d + 9 * DAY
        result = await sweep(bot, moscow(end, 1))
        assert (result.sent, result.deferred) == (1, 0)
        [sent] = await rows(bot, view.order.id, "sent")
        assert (sent.kind, sent.offset_days) == ("protection_ends", 1)
        # Without a known time the same reminder waits for the morning, as before.
        other = await save(bot, await known_user(bot, 508, "en"), d)
        assert (await sweep(bot, moscow(end, 1))).deferred >= 1
        assert await rows(bot, other.order.id, "sent") == []
    finally:
        await bot.stop()
