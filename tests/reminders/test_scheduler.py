"""The JobQueue wiring: one repeating sweep, an early wake-up, no job per reminder."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from bot.scheduler import SCHEDULER_KEY, SWEEP_JOB, WAKE_JOB, ReminderScheduler
from handlers.clock import now_utc
from storage import reminders
from tests.reminders.helpers import known_user, moscow, plan_at, rows, save, today
from tests.support.harness import BotHarness, make_settings


def test_one_repeating_sweep_that_is_never_dropped_for_being_late(bot: BotHarness) -> None:
    queue = bot.app.job_queue
    assert queue is not None
    jobs = queue.get_jobs_by_name(SWEEP_JOB)
    assert len(jobs) == 1
    job = jobs[0].job
    assert job.misfire_grace_time is None and job.coalesce is True
    assert job.trigger.interval == dt.timedelta(seconds=bot.settings.reminder_sweep_seconds)


async def test_saving_orders_adds_no_jobs(bot: BotHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    queue = bot.app.job_queue
    assert queue is not None
    before = len(queue.jobs())
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 801, "en")
    for _ in range(3):
        await save(bot, user, d)
    assert len(queue.jobs()) == before


async def _add_due_in(bot: BotHarness, order_id: int, seconds: float) -> None:
    due = int(now_utc().timestamp() + seconds)
    async with bot.runtime.db.transaction() as conn:
        await conn.execute("UPDATE reminders SET due_at = ? WHERE order_id = ?", (due, order_id))


async def test_wakes_up_early_for_a_reminder_due_before_the_next_sweep(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    scheduler: ReminderScheduler = bot.app.bot_data[SCHEDULER_KEY]
    queue = bot.app.job_queue
    assert queue is not None
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 802, "en"), d)
    assert await scheduler.plan_wake(bot.runtime) is None  # days ahead: the regular sweep will do
    await _add_due_in(bot, view.order.id, 5)
    delay = await scheduler.plan_wake(bot.runtime)
    assert delay is not None and 3 < delay <= 5
    await scheduler.plan_wake(bot.runtime)
    assert len(queue.get_jobs_by_name(WAKE_JOB)) == 1


async def test_the_running_job_queue_sends_a_due_reminder(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness = await BotHarness(make_settings(db_path, reminder_sweep_seconds=0.2)).start()
    queue = harness.app.job_queue
    assert queue is not None
    try:
        d = today(harness)
        plan_at(monkeypatch, moscow(d, 12))
        view = await save(harness, await known_user(harness, 803, "ru"), d)
        await _add_due_in(harness, view.order.id, -1)
        # A running application (as under run_polling): its JobQueue runs the sweep.
        await harness.app.start()
        for _ in range(50):
            if not await rows(harness, view.order.id, "pending"):
                break
            await asyncio.sleep(0.1)
        sent = await rows(harness, view.order.id, "sent")
        # All seven came due at once for one order; the latest of each deadline goes out.
        assert [(r.kind, r.offset_days) for r in sent] == [
            ("protection_ends", 0),
            ("dispute_window_closes", 0),
        ]
        assert await reminders.next_due_at(harness.runtime.db) is None
    finally:
        if harness.app.running:
            await harness.app.stop()
        await harness.stop()
