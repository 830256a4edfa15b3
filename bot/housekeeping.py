"""Periodic clean-up: processed update ids are only needed while Telegram could redeliver them."""

from __future__ import annotations

import logging

from telegram.ext import Application, CallbackContext

from handlers.runtime import RUNTIME_KEY, Runtime
from storage import updates

log = logging.getLogger(__name__)

# Telegram keeps unconfirmed updates for 24 hours; two days leaves a margin.
KEEP_UPDATE_IDS_SECONDS = 2 * 24 * 3600
CLEANUP_EVERY_SECONDS = 6 * 3600
CLEANUP_JOB = "forget-old-update-ids"


async def forget_old_update_ids(context: CallbackContext | Application) -> int:  # type: ignore[type-arg]
    """Drop processed update ids older than two days; return how many."""
    app = context if isinstance(context, Application) else context.application
    rt: Runtime | None = app.bot_data.get(RUNTIME_KEY)
    if rt is None:
        return 0
    removed = await updates.forget_older_than(rt.db, KEEP_UPDATE_IDS_SECONDS)
    if removed:
        log.info("forgot %s processed update ids older than two days", removed)
    return removed


async def install_housekeeping(app: Application) -> None:  # type: ignore[type-arg]
    """Clean up once at start, then every few hours on the JobQueue."""
    await forget_old_update_ids(app)
    if app.job_queue is not None:
        app.job_queue.run_repeating(
            forget_old_update_ids,
            interval=CLEANUP_EVERY_SECONDS,
            first=CLEANUP_EVERY_SECONDS,
            name=CLEANUP_JOB,
            job_kwargs={"misfire_grace_time": None, "coalesce": True},
        )
