"""Parsers for what people type: dates, protection timers, money, tracking and order numbers.

Every parser takes any `str`, never raises, and returns a `Parsed`: a value, or an error msgid
to translate with `Parsed.error_text(tr)`.
"""

from collections.abc import Callable
from typing import Any

from .dates import DatePreference, parse_date
from .money import Money, parse_money
from .numbers import parse_faulty, parse_note, parse_order_number, parse_quantity
from .protection import parse_protection_end
from .result import MAX_INPUT, Parsed
from .tracking import TrackingNumber, parse_tracking

PARSERS: dict[str, Callable[..., Parsed[Any]]] = {
    "date": parse_date,
    "protection_end": parse_protection_end,
    "money": parse_money,
    "quantity": parse_quantity,
    "faulty": parse_faulty,
    "tracking": parse_tracking,
    "order_number": parse_order_number,
    "note": parse_note,
}

__all__ = [
    "MAX_INPUT",
    "PARSERS",
    "DatePreference",
    "Money",
    "Parsed",
    "TrackingNumber",
    "parse_date",
    "parse_money",
    "parse_note",
    "parse_order_number",
    "parse_protection_end",
    "parse_quantity",
    "parse_tracking",
]
