"""The name the user knows an order by, on every screen, reminder and calendar file."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_time

from locales import Translator


def order_name(
    tr: Translator, label: str | None, data: dict[str, Any], created_at: int, zone: ZoneInfo
) -> str:
    """The order's own name (its label, else its item or AliExpress order number), or, for one
    saved with none of them, when it was saved, in the user's time zone: "Order of Nov 30,
    2026, 14:05" (the time tells two saved the same day apart). Not escaped.

    Not the database id: "1. Order #9" in a list of one read as two different numbers.
    """
    for name in (label, data.get("item"), data.get("order_number")):
        if isinstance(name, str) and name.strip():
            return name.strip()
    saved = dt.datetime.fromtimestamp(created_at, zone)
    when = tr.gettext("%(date)s, %(time)s") % {
        "date": tr.format_date(saved.date(), "medium"),
        "time": format_time(saved.time(), "short", locale=tr.locale),
    }
    return tr.gettext("Order of %(date)s") % {"date": when}
