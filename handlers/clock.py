"""The user's time zone and today's date there (only handlers read the clock)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.models import User


@cache
def zone_info(name: str) -> ZoneInfo:
    """The zone of an IANA name, loaded once (an unknown name raises, as ZoneInfo does).

    ZoneInfo itself keeps only the last eight zones used: the time zone buttons (twenty zones)
    and a sweep over users of many zones read each zone's file again, about 70 µs a time. The
    names are the tz database's, a few hundred at most.
    """
    return ZoneInfo(name)


def zone_or_default(name: str | None, default_timezone: str) -> ZoneInfo:
    """The zone named, or the default one if unset or unknown."""
    try:
        return zone_info(name or default_timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return zone_info(default_timezone)


def user_zone(user: User | None, default_timezone: str) -> ZoneInfo:
    """The user's time zone, or the default one if unset or unknown."""
    return zone_or_default(user.timezone if user else None, default_timezone)


def now_utc() -> dt.datetime:
    """The current instant, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


def user_today(user: User | None, default_timezone: str, now: dt.datetime | None = None) -> dt.date:
    """Today's date in the user's time zone."""
    return (now or now_utc()).astimezone(user_zone(user, default_timezone)).date()
