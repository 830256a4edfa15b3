"""The user's time zone and today's date there (only handlers read the clock)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.models import User


def user_zone(user: User | None, default_timezone: str) -> ZoneInfo:
    """The user's time zone, or the default one if unset or unknown."""
    name = (user.timezone if user else None) or default_timezone
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(default_timezone)


def now_utc() -> dt.datetime:
    """The current instant, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


def user_today(user: User | None, default_timezone: str, now: dt.datetime | None = None) -> dt.date:
    """Today's date in the user's time zone."""
    return (now or now_utc()).astimezone(user_zone(user, default_timezone)).date()
