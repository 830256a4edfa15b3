"""The outcome of parsing one user message: a value, or a localizable reason it failed."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, TypeVar

from locales import N_, Translator, fill

T = TypeVar("T")

MAX_INPUT = 1000
TOO_LONG = N_(
    "This message is too long to be read as an answer. The maximum is %(limit)s characters."
)

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Parameters holding counts are shown in the reader's number notation (1 000 in Russian).
_NUMBER_KEYS = frozenset({"limit", "minimum", "maximum"})
_EXAMPLE = re.compile(r"[0-9]+(?:\.[0-9]{2})?")
_SPACES = re.compile(r"\s+")
# A parameter "12.50 USD" is an amount of money, shown in the reader's notation ($12.50).
_MONEY = re.compile(r"([0-9]+(?:\.[0-9]+)?) ([A-Z]{3})")


class _Params(dict[str, str]):
    """Placeholder values; a placeholder nobody filled shows as `…`, never as raw `%(name)s`."""

    def __missing__(self, key: str) -> str:
        return "…"


@dataclass(frozen=True)
class Parsed(Generic[T]):
    """A parsed value, or an error msgid; a warning msgid flags a value worth a second look."""

    value: T | None = None
    error: str | None = None
    warning: str | None = None
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether a value was read."""
        return self.value is not None and self.error is None

    def error_text(self, tr: Translator) -> str:
        """The translated error with its placeholders filled, or "" when there is none."""
        if self.error is None:
            return ""
        return _render(tr, self.error, self.params)

    def warning_text(self, tr: Translator) -> str | None:
        """The translated warning with its placeholders filled, or None."""
        if self.warning is None:
            return None
        return _render(tr, self.warning, self.params)


def failure(message: str, **params: str) -> Parsed[T]:
    """An error result from a msgid and its placeholder values."""
    return Parsed(error=message, params=params)


def too_long(text: str, limit: int = MAX_INPUT) -> Parsed[T] | None:
    """The early refusal of over-long input, before any regex runs on it; None if it fits."""
    if len(text) > limit:
        return failure(TOO_LONG, limit=str(limit))
    return None


def clean(text: str) -> str:
    """Input in one comparable form: NFKC, lower case, ё→е, no control chars, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    # Zero-width and control characters sneak in with copy-paste from web pages.
    text = "".join(ch if unicodedata.category(ch) not in ("Cc", "Cf") else " " for ch in text)
    text = text.lower().replace("ё", "е")
    return _SPACES.sub(" ", text).strip()


def _format_param(tr: Translator, key: str, value: str) -> str:
    if _ISO_DATE.fullmatch(value):
        try:
            return tr.format_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if key in _NUMBER_KEYS and value.lstrip("-").isdigit():
        return tr.format_number(int(value))
    if key == "example" and _EXAMPLE.fullmatch(value):
        # An amount to type: "19.90" with its cents as the language writes them, "990" bare.
        return tr.format_amount(Decimal(value)) if "." in value else tr.format_number(int(value))
    money = _MONEY.fullmatch(value)
    if money:
        return tr.format_money(float(money.group(1)), money.group(2))
    return value


def _render(tr: Translator, message: str, params: Mapping[str, str]) -> str:
    translated = tr.gettext(message)
    if "%" not in translated:
        return translated
    values = _Params({key: _format_param(tr, key, value) for key, value in params.items()})
    try:
        return fill(translated, values)
    except (TypeError, ValueError):
        # A broken translation must not take the conversation down; show the English.
        try:
            return fill(message, values)
        except (TypeError, ValueError):
            return message
