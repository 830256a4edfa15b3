"""When reminders come for a user who never chose a time zone: the reminder hour in the default
zone (walk A: 10:00 Moscow time is 02:00 in New York, and only a pop-up said so)."""

from __future__ import annotations

import datetime as dt
import html

from handlers.clock import user_zone
from handlers.runtime import Runtime
from handlers.zone_names import is_offset_zone, zone_city
from locales import Translator
from locales.runtime import _
from storage.models import User


def reminder_time(rt: Runtime, user: User, tr: Translator) -> dict[str, str]:
    """The local hour reminders go out at and the city of the zone they count in (not escaped)."""
    return {
        "time": tr.format_time(dt.time(rt.reminder_schedule.hour)),
        "zone": zone_city(str(user_zone(user, rt.default_timezone)), tr.locale),
    }


def reminder_time_html(rt: Runtime, user: User, tr: Translator) -> dict[str, str]:
    """`reminder_time`, escaped for an HTML message."""
    return {key: html.escape(value) for key, value in reminder_time(rt, user, tr).items()}


def unchosen_zone_line(rt: Runtime, user: User, tr: Translator) -> str | None:
    """The order card's line saying in which zone reminders come, as HTML; None once the user
    chose a zone (the default one counts, chosen)."""
    if user.timezone is not None:
        return None
    return tr.gettext(
        "🕒 Reminders come at %(time)s, time zone: %(zone)s (not chosen yet)."
        " Not yours? Tap “🕒 My time zone”."
    ) % reminder_time_html(rt, user, tr)


def fixed_offset_note(zone: str) -> str | None:
    """For a zone saved as a bare UTC offset ("UTC-6"): that it keeps no summer time, and how
    to get it (walk C: a Dallas buyer typed UTC-6, and reminders would come an hour off half
    the year). None for a place's zone."""
    if not is_offset_zone(zone):
        return None
    return _(
        "This is a fixed UTC offset: it does not change for summer time. If your clocks change, "
        "type your city instead."
    )
