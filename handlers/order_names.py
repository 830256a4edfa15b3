"""The name the user knows an order by, on every screen, reminder and calendar file."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from locales import N_, Translator

# What went wrong, naming an order saved without its item or number.
NOT_RECEIVED = N_("Not received")
PROBLEM_NAMES = {
    "not_working": N_("Not working"),
    "damaged": N_("Damaged"),
    "wrong_item": N_("Wrong item"),
    "not_as_described": N_("Not as described"),
    "quality": N_("Poor quality"),
    "missing_parts": N_("Missing parts"),
    "short_quantity": N_("Fewer pieces"),
    "empty_package": N_("Empty parcel"),
    "counterfeit": N_("Fake"),
    "expired": N_("Expired"),
    "wrong_size_buyer": N_("Wrong size"),
    "misread_description": N_("Not what I expected"),
    "changed_mind": N_("Changed my mind"),
}


def order_name(
    tr: Translator, label: str | None, data: dict[str, Any], created_at: int, zone: ZoneInfo
) -> str:
    """The order's own name (its label, else its item or AliExpress order number), or, for one
    saved with none of them, when it was saved, in the user's time zone: "Order saved Nov 30,
    2026, 14:05" (the time tells two saved the same day apart; "saved", as "order of" reads as
    the day it was placed, walk E). Not escaped.

    Not the database id: "1. Order #9" in a list of one read as two different numbers.
    """
    for name in (label, data.get("item"), data.get("order_number")):
        if isinstance(name, str) and name.strip():
            return name.strip()
    when = tr.format_date_time(dt.datetime.fromtimestamp(created_at, zone), "medium")
    what = _what_went_wrong(data)
    if what is None:
        return tr.gettext("Order saved %(date)s") % {"date": when}
    # Several saved the same minute (walk X) still differ by what went wrong with them.
    return tr.gettext("%(problem)s, saved %(date)s") % {
        "problem": tr.gettext(what),
        "date": when,
    }


def _what_went_wrong(data: dict[str, Any]) -> str | None:
    """A msgid for what went wrong with the order, as it was saved, or None if unknown."""
    if data.get("received") is False:
        return NOT_RECEIVED
    problem = data.get("problem")
    return PROBLEM_NAMES.get(problem) if isinstance(problem, str) else None
