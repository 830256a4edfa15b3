"""The reminder sweep on PTB's JobQueue: one repeating job and one early wake-up, never a job
per reminder. The reminders table stays the only record; start-up loads nothing from it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.settings import Settings
from handlers.clock import now_utc
from handlers.reminder_sweep import SweepResult, sweep_once
from handlers.replan import replan_if_settings_changed, replan_needed_at_start
from handlers.runtime import RUNTIME_KEY, Runtime
from storage import reminders

log = logging.getLogger(__name__)

SWEEP_JOB = "reminder-sweep"
WAKE_JOB = "reminder-wake"
SCHEDULER_KEY = "reminder_scheduler"
MIN_WAKE_SECONDS = 0.5
# APScheduler skips a run that starts more than misfire_grace_time (1 s by default) late: a
# busy or suspended process must sweep late rather than never; missed runs fold into one.
JOB_KWARGS: dict[str, Any] = {"misfire_grace_time": None, "coalesce": True, "max_instances": 1}


class ReminderScheduler:
    """Runs the sweep every `interval` seconds and early when a reminder is due sooner."""

    def __init__(self, app: Application, interval: float) -> None:  # type: ignore[type-arg]
        self.app = app
        self.interval = interval
        self._lock = asyncio.Lock()

    async def sweep(self, context: CallbackContext | None = None) -> SweepResult:  # type: ignore[type-arg]
        """One sweep (never two at once), then plan the next early wake-up."""
        rt: Runtime | None = self.app.bot_data.get(RUNTIME_KEY)
        if rt is None:
            return SweepResult()
        async with self._lock:
            result = await sweep_once(self.app.bot, rt, should_stop=lambda: not self.app.running)
        await self.plan_wake(rt)
        return result

    async def plan_wake(self, rt: Runtime) -> float | None:
        """Schedule a one-off sweep at the next due reminder if it comes before the next
        regular one; return its delay in seconds (None when not needed)."""
        queue = self.app.job_queue
        next_due = await reminders.next_due_at(rt.db)
        if queue is None or next_due is None:
            return None
        delay = next_due - now_utc().timestamp()
        if delay >= self.interval:
            return None
        delay = max(delay, MIN_WAKE_SECONDS)
        for job in queue.get_jobs_by_name(WAKE_JOB):
            job.schedule_removal()
        queue.run_once(self.sweep, when=delay, name=WAKE_JOB, job_kwargs=JOB_KWARGS)
        return delay


async def install_sweep(app: Application, settings: Settings) -> ReminderScheduler:  # type: ignore[type-arg]
    """Give back claims of a previous run and start the repeating sweep (from `post_init`)."""
    rt: Runtime = app.bot_data[RUNTIME_KEY]
    # One process per bot token (Telegram refuses a second poller), so every claim older than
    # this start belongs to a run that died between sending and marking.
    released = await reminders.release_stale(rt.db, int(now_utc().timestamp()) + 1)
    if released:
        log.info("gave back %s reminders claimed before a crash", released)
    scheduler = ReminderScheduler(app, settings.reminder_sweep_seconds)
    app.bot_data[SCHEDULER_KEY] = scheduler
    if app.job_queue is None:
        log.warning("no JobQueue (python-telegram-bot[job-queue] missing): reminders are off")
        return scheduler
    app.job_queue.run_repeating(
        scheduler.sweep,
        interval=settings.reminder_sweep_seconds,
        first=1.0,
        name=SWEEP_JOB,
        job_kwargs=JOB_KWARGS,
    )
    return scheduler


REPLAN_JOB = "replan-reminders"


async def _replan(context: CallbackContext) -> None:  # type: ignore[type-arg]
    rt: Runtime | None = context.application.bot_data.get(RUNTIME_KEY)
    if rt is not None:
        await replan_if_settings_changed(rt)


async def install_replan(app: Application) -> None:  # type: ignore[type-arg]
    """Started with other reminder settings than the saved orders were planned with: plan
    their reminders again in the background (with many orders that takes a while, and
    updates are handled meanwhile; handlers/replan.py)."""
    rt: Runtime = app.bot_data[RUNTIME_KEY]
    if not await replan_needed_at_start(rt) or app.job_queue is None:
        return  # without a JobQueue there are no reminders at all (see install_sweep)
    app.job_queue.run_once(
        _replan, when=0, name=REPLAN_JOB, job_kwargs={"misfire_grace_time": None}
    )
