"""Parsers for what people type: dates, protection timers, money, tracking and order numbers."""

from .dates import DatePreference, parse_date, parse_protection_end
from .numbers import parse_note, parse_order_number, parse_quantity
from .result import Parsed

__all__ = [
    "DatePreference",
    "Parsed",
    "parse_date",
    "parse_note",
    "parse_order_number",
    "parse_protection_end",
    "parse_quantity",
]
