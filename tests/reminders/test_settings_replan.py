"""Other reminder settings at a restart: every active order's reminders are planned again."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from bot.scheduler import REPLAN_JOB
from handlers import replan
from handlers.order_store import OrderView, set_archived
from handlers.replan import REMINDER_SETTINGS, replan_all, replan_if_settings_changed
from storage import applied_settings, reminders, users
from tests.reminders.helpers import known_user, moscow, plan_at, rows, save, today
from tests.support.harness import BotHarness, make_settings


def _freeze(monkeypatch: pytest.MonkeyPatch, now: dt.datetime) -> None:
    plan_at(monkeypatch, now)
    monkeypatch.setattr(replan, "now_utc", lambda: now)


async def _offsets(bot: BotHarness, order_id: int) -> list[int]:
    """The days before the protection end that the order's pending reminders go out."""
    pending = await rows(bot, order_id, "pending")
    return sorted({r.offset_days for r in pending if r.kind == "protection_ends"}, reverse=True)


async def _restarted(db_path: Path, **settings: str) -> BotHarness:
    return await BotHarness(make_settings(db_path, **settings)).start()


async def _first_run(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, user_id: int, lang: str = "en"
) -> tuple[BotHarness, dt.date, OrderView]:
    """A first run with the default settings, one order saved at 08:00 (still running)."""
    first = await BotHarness(make_settings(db_path)).start()
    d = today(first)
    _freeze(monkeypatch, moscow(d, 8))
    return first, d, await save(first, await known_user(first, user_id, lang), d)


async def test_new_reminder_days_replan_saved_orders_at_start(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await BotHarness(make_settings(db_path)).start()
    d = today(first)
    _freeze(monkeypatch, moscow(d, 8))
    # A new database: the settings are recorded at start, nothing to re-plan.
    assert await replan_if_settings_changed(first.runtime) is None
    assert first.app.job_queue is not None
    assert not first.app.job_queue.get_jobs_by_name(REPLAN_JOB)
    user = await known_user(first, 701, "en")
    view = await save(first, user, d)  # protection ends in 9 days
    assert await _offsets(first, view.order.id) == [7, 2, 1, 0]
    await first.stop()

    second = await _restarted(db_path, protection_reminder_days="5,3")
    try:
        assert await replan_if_settings_changed(second.runtime) == 1
        assert await _offsets(second, view.order.id) == [5, 3]
        recorded = await applied_settings.get(second.runtime.db, REMINDER_SETTINGS)
        assert recorded == replan.reminder_settings(second.runtime)
        # Recorded: the next start with the same settings leaves the reminders alone.
        ids = [r.id for r in await rows(second, view.order.id, "pending")]
        assert await replan_if_settings_changed(second.runtime) is None
        assert [r.id for r in await rows(second, view.order.id, "pending")] == ids
    finally:
        await second.stop()


async def test_the_start_job_replans_while_the_bot_runs(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _d, view = await _first_run(db_path, monkeypatch, 702, "ru")
    await first.stop()

    second = await _restarted(db_path, reminder_hour="18")
    assert second.app.job_queue is not None
    assert second.app.job_queue.get_jobs_by_name(REPLAN_JOB)
    await second.app.start()  # runs the job queue, as run_polling does
    try:
        for _ in range(200):
            due = [r.due_at for r in await rows(second, view.order.id, "pending")]
            if due and all(_moscow_hour(at) == 18 for at in due):
                break
            await asyncio.sleep(0.02)
        else:
            pytest.fail("the reminders were not moved to the new hour")
    finally:
        await second.app.stop()
        await second.stop()


async def test_orders_saved_before_the_settings_were_recorded_are_replanned(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _d, _view = await _first_run(db_path, monkeypatch, 707)
    # As a database from before the settings were recorded.
    await first.runtime.db.write("DELETE FROM applied_settings")
    await first.stop()

    second = await _restarted(db_path)
    try:
        assert second.app.job_queue is not None
        assert second.app.job_queue.get_jobs_by_name(REPLAN_JOB)
        assert await replan_if_settings_changed(second.runtime) == 1
    finally:
        await second.stop()


def _moscow_hour(due_at: int) -> int:
    return (dt.datetime.fromtimestamp(due_at, dt.UTC) + dt.timedelta(hours=3)).hour


async def test_replan_skips_archived_orders_and_blocked_users_and_keeps_sent(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    _freeze(monkeypatch, moscow(d, 8))
    active = await save(bot, await known_user(bot, 703, "en"), d)
    archived_user = await known_user(bot, 704, "en")
    archived = await save(bot, archived_user, d)
    await set_archived(bot.runtime, archived_user, archived.order.id)
    blocked = await save(bot, await known_user(bot, 705, "en"), d)
    await reminders.stop_for_user(bot.runtime.db, 705)
    await users.set_blocked(bot.runtime.db, 705)
    first = (await rows(bot, active.order.id, "pending"))[0]
    await bot.runtime.db.write("UPDATE reminders SET state = 'sent' WHERE id = ?", (first.id,))
    # Re-planned once that reminder went out.
    _freeze(monkeypatch, dt.datetime.fromtimestamp(first.due_at + 60, dt.UTC))

    assert await replan_all(bot.runtime) == 1
    assert await rows(bot, archived.order.id, "pending") == []
    assert await rows(bot, blocked.order.id, "pending") == []
    assert [r.id for r in await rows(bot, active.order.id, "sent")] == [first.id]
    pending = await rows(bot, active.order.id, "pending")
    assert pending, "the reminders still ahead are planned"
    assert all(r.due_at > first.due_at for r in pending)


async def test_replan_pages_through_every_order_and_keeps_unreadable_ones(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    _freeze(monkeypatch, moscow(d, 8))
    user = await known_user(bot, 706, "en")
    views = [await save(bot, user, d) for _ in range(5)]
    broken = views[2].order.id
    kept = [r.id for r in await rows(bot, broken, "pending")]
    await bot.runtime.db.write(
        'UPDATE orders SET situation = \'{"received": "maybe"}\' WHERE id = ?', (broken,)
    )
    await bot.runtime.db.write("UPDATE reminders SET offset_days = 99 WHERE state = 'pending'")

    assert await replan_all(bot.runtime, page=2) == 4
    for view in views:
        offsets = await _offsets(bot, view.order.id)
        if view.order.id == broken:
            assert sorted(r.id for r in await rows(bot, broken, "pending")) == sorted(kept)
            assert offsets == [99]
        else:
            assert offsets == [7, 2, 1, 0]


async def test_a_reminder_due_while_the_bot_was_down_survives_the_replan(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review: the re-plan cancelled every pending reminder and planned only those ahead, so
    # the one due during the downtime ("today is the last day") was lost.
    d = today(bot)
    _freeze(monkeypatch, moscow(d, 8))
    view = await save(bot, await known_user(bot, 708, "en"), d)
    pending = await rows(bot, view.order.id, "pending")
    overdue = min(pending, key=lambda r: r.due_at)
    _freeze(monkeypatch, dt.datetime.fromtimestamp(overdue.due_at + 3600, dt.UTC))
    assert await replan_all(bot.runtime) == 1
    after = {r.id: r for r in await rows(bot, view.order.id, "pending")}
    assert overdue.id in after, "the due reminder stays for the sweep"
    keys = [(r.kind, r.deadline_on, r.offset_days) for r in after.values()]
    assert len(keys) == len(set(keys)), "nothing planned twice"


async def test_a_later_reminder_hour_does_not_send_todays_reminder_again(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _d, view = await _first_run(db_path, monkeypatch, 709)
    sent = min(await rows(first, view.order.id, "pending"), key=lambda r: r.due_at)
    await first.runtime.db.write("UPDATE reminders SET state = 'sent' WHERE id = ?", (sent.id,))
    await first.stop()

    second = await _restarted(db_path, reminder_hour="18")
    try:
        # Re-planned at noon of the day it went out at 10:00: 18:00 is still ahead.
        sent_day = dt.datetime.fromtimestamp(sent.due_at, dt.UTC).date()
        _freeze(monkeypatch, moscow(sent_day, 12))
        assert await replan_if_settings_changed(second.runtime) == 1
        again = [
            r
            for r in await rows(second, view.order.id, "pending")
            if (r.kind, r.deadline_on, r.offset_days)
            == (sent.kind, sent.deadline_on, sent.offset_days)
        ]
        assert again == [], "the reminder sent this morning is not planned again for 18:00"
        moved = await rows(second, view.order.id, "pending")
        assert moved and all(_moscow_hour(r.due_at) == 18 for r in moved)
    finally:
        await second.stop()


async def test_a_replan_stopped_half_way_is_done_again_even_with_the_old_settings_back(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, d, _view = await _first_run(db_path, monkeypatch, 710)
    await first.stop()

    second = await _restarted(db_path, protection_reminder_days="5,3")

    async def stopped(*_args: object, **_kwargs: object) -> int:
        raise asyncio.CancelledError  # the bot stopped during the re-plan

    monkeypatch.setattr(replan, "replan_all", stopped)
    with pytest.raises(asyncio.CancelledError):
        await replan_if_settings_changed(second.runtime)
    assert await applied_settings.get(second.runtime.db, REMINDER_SETTINGS) is None
    await second.stop()
    monkeypatch.undo()
    _freeze(monkeypatch, moscow(d, 8))

    third = await _restarted(db_path)  # the old settings again
    try:
        assert third.app.job_queue is not None
        assert third.app.job_queue.get_jobs_by_name(REPLAN_JOB), "re-planned all the same"
    finally:
        await third.stop()


async def test_an_order_that_cannot_be_planned_does_not_stop_the_others(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    _freeze(monkeypatch, moscow(d, 8))
    user = await known_user(bot, 711, "en")
    views = [await save(bot, user, d) for _ in range(3)]
    real_advise = replan.advise

    def failing(situation: Any, day: dt.date, rt: Any) -> Any:
        if situation.item == "broken":
            raise RuntimeError("a bug in the advisor")
        return real_advise(situation, day, rt)

    broken = await save(bot, user, d, item="broken")
    monkeypatch.setattr(replan, "advise", failing)
    assert await replan_all(bot.runtime, page=2) == len(views)
    assert await rows(bot, broken.order.id, "pending"), "its reminders are kept"


async def test_a_remind_me_tomorrow_survives_the_replan(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Walk H2: the snoozed copy of a sent reminder was cancelled with the other pending ones.
    d = today(bot)
    _freeze(monkeypatch, moscow(d, 8))
    view = await save(bot, await known_user(bot, 712, "en"), d)
    sent = min(await rows(bot, view.order.id, "pending"), key=lambda r: r.due_at)
    await bot.runtime.db.write("UPDATE reminders SET state = 'sent' WHERE id = ?", (sent.id,))
    snoozed_at = sent.due_at + 86_400
    async with bot.runtime.db.transaction() as conn:
        snoozed = await reminders.add(
            conn,
            view.order.id,
            712,
            reminders.NewReminder(sent.kind, sent.deadline_on, sent.offset_days, snoozed_at),
        )
    _freeze(monkeypatch, dt.datetime.fromtimestamp(sent.due_at + 3600, dt.UTC))
    assert await replan_all(bot.runtime) == 1
    kept = {r.id: r.due_at for r in await rows(bot, view.order.id, "pending")}
    assert kept.get(snoozed) == snoozed_at


async def _protection_offsets(bot: BotHarness, order_id: int, state: str) -> dict[int, int]:
    found = await rows(bot, order_id, state)
    return {r.offset_days: r.due_at for r in found if r.kind == "protection_ends"}


async def test_a_reminder_moved_earlier_today_goes_out_now(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review: at 09:00, REMINDER_HOUR 10 -> 8 put today's reminder at 08:00, already past: it
    # was cancelled and nothing replaced it.
    first, d, view = await _first_run(db_path, monkeypatch, 713)  # protection ends on d + 9
    await first.stop()
    second = await _restarted(db_path, reminder_hour="8")
    try:
        now = moscow(d + dt.timedelta(days=7), 9)  # the "2 days left" one was due at 10:00
        _freeze(monkeypatch, now)
        await replan_if_settings_changed(second.runtime)
        pending = await _protection_offsets(second, view.order.id, "pending")
        assert pending.get(2) == int(now.timestamp()), pending
        assert _moscow_hour(pending[1]) == 8 and _moscow_hour(pending[0]) == 8
    finally:
        await second.stop()


async def test_a_reminder_the_plan_never_had_is_not_sent_late(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Saved at 11:00 two days before the end: the 10:00 "2 days left" was already past and never
    # planned; a re-plan (a new zone) must not send it now.
    d = today(bot)
    _freeze(monkeypatch, moscow(d, 11))
    user = await known_user(bot, 714, "en")
    view = await save(bot, user, d, protection_ends_on=d + dt.timedelta(days=2))
    assert 2 not in await _protection_offsets(bot, view.order.id, "pending")
    await replan_all(bot.runtime)
    assert 2 not in await _protection_offsets(bot, view.order.id, "pending")


async def test_a_deadline_moved_by_a_timer_change_is_reminded_of_today(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review: SELLER_RESPONSE_DAYS 5 -> 3 moved the seller's answer to today; its reminder of
    # this morning had been for another day, so the order had none at all.
    first = await BotHarness(make_settings(db_path)).start()
    d = today(first)
    _freeze(monkeypatch, moscow(d, 8))
    opened = {"stage": "open", "opened_on": (d - dt.timedelta(days=3)).isoformat()}
    view = await save(first, await known_user(first, 715, "en"), d, dispute=opened)
    await first.stop()
    second = await _restarted(db_path, seller_response_days="3")
    try:
        now = moscow(d, 12)
        _freeze(monkeypatch, now)
        await replan_if_settings_changed(second.runtime)
        due = [
            r
            for r in await rows(second, view.order.id, "pending")
            if r.kind == "seller_response_due" and r.deadline_on == d.isoformat()
        ]
        assert [r.due_at for r in due] == [int(now.timestamp())]
    finally:
        await second.stop()


async def test_a_due_reminder_is_left_for_the_sweep_to_judge(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review: "the first day to open a dispute" is not in the advice on its own day, and the
    # re-plan cancelled it while it was due; the sweep judges it by the day before.
    d = today(bot)
    _freeze(monkeypatch, moscow(d, 8))
    user = await known_user(bot, 716, "en")
    shipped = {"shipped_on": d - dt.timedelta(days=5), "delivery_status": "no_tracking"}
    view = await save(bot, user, d, **shipped)
    first_day = [r for r in await rows(bot, view.order.id, "pending") if r.kind == "earliest_open"]
    assert first_day, "the plan has the first day to open a dispute"
    _freeze(monkeypatch, dt.datetime.fromtimestamp(first_day[0].due_at + 3600, dt.UTC))
    await replan_all(bot.runtime)
    kept = {r.id for r in await rows(bot, view.order.id, "pending")}
    assert first_day[0].id in kept


async def test_an_order_failing_half_way_keeps_all_its_reminders(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review: the failure was caught inside the page's transaction, so the cancellations made
    # before it were committed without the new reminders.
    d = today(bot)
    _freeze(monkeypatch, moscow(d, 8))
    user = await known_user(bot, 717, "en")
    kept_view = await save(bot, user, d)
    broken = await save(bot, user, d, item="broken")
    before = sorted(r.id for r in await rows(bot, broken.order.id, "pending"))
    await bot.runtime.db.write("UPDATE reminders SET offset_days = 99 WHERE state = 'pending'")
    real = replan.reconcile_reminders

    async def half_way(conn: Any, rt: Any, owner: Any, order_id: int, *rest: Any) -> None:
        await real(conn, rt, owner, order_id, *rest)
        if order_id == broken.order.id:
            raise RuntimeError("the disk is full")

    monkeypatch.setattr(replan, "reconcile_reminders", half_way)
    assert await replan_all(bot.runtime) == 1
    assert sorted(r.id for r in await rows(bot, broken.order.id, "pending")) == before
    assert 99 not in {r.offset_days for r in await rows(bot, kept_view.order.id, "pending")}


async def test_a_new_version_of_the_planning_rules_replans_saved_orders_at_start(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk CE: the window's first day after protection was added in code; orders saved before
    would have gone without it until the buyer next changed them."""
    first, _d, view = await _first_run(db_path, monkeypatch, 705)
    await first.stop()
    monkeypatch.setattr(replan, "PLAN_VERSION", replan.PLAN_VERSION + 1)
    second = await _restarted(db_path)
    try:
        assert await replan_if_settings_changed(second.runtime) == 1
        assert await _offsets(second, view.order.id) == [7, 2, 1, 0]
    finally:
        await second.stop()
