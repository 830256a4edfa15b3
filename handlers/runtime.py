"""What handlers need at run time, built once by the composition root in `post_init`."""

from __future__ import annotations

from dataclasses import dataclass

from telegram.ext import CallbackContext

from advisor.reminder_plan import DEFAULT_SCHEDULE, ReminderSchedule
from advisor.timers import Timers
from storage.db import Database

RUNTIME_KEY = "runtime"


@dataclass(frozen=True)
class Runtime:
    """Long-lived resources and settings shared by every handler."""

    db: Database
    timers: Timers
    default_language: str
    default_timezone: str
    quiet_hours: tuple[int, int] | None = None
    reminder_schedule: ReminderSchedule = DEFAULT_SCHEDULE


def runtime(context: CallbackContext) -> Runtime:  # type: ignore[type-arg]
    """The application's runtime (set in `post_init`)."""
    return context.application.bot_data[RUNTIME_KEY]
