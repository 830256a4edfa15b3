"""The name the user knows an order by, on every screen, reminder and calendar file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from locales import Translator


def order_name(tr: Translator, label: str | None, data: dict[str, Any], created_at: int) -> str:
    """The order's own name (its label, else its item or AliExpress order number), or, for one
    saved with none of them, the day it was saved: "Order of Nov 30, 2026". Not escaped.

    Not the database id: "1. Order #9" in a list of one read as two different numbers.
    """
    for name in (label, data.get("item"), data.get("order_number")):
        if isinstance(name, str) and name.strip():
            return name.strip()
    saved = dt.datetime.fromtimestamp(created_at, dt.UTC).date()
    return tr.gettext("Order of %(date)s") % {"date": tr.format_date(saved, "medium")}
