"""Gettext catalogs for Russian and English, compiled in memory from the `.po` files.

No manual compile step: the first use of a language reads its `.po` file with Babel and turns
it into a `GNUTranslations` object, so a fresh checkout runs and tests as it is.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency as babel_format_currency
from babel.numbers import format_decimal as babel_format_decimal

LOCALES_DIR = Path(__file__).resolve().parent
DOMAIN = "messages"
LANGUAGES: tuple[str, ...] = ("ru", "en")


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def fill(message: str, values: Mapping[str, object]) -> str:
    """Put values into a translated message; a value ending in a period absorbs the message's.

    "25 марта 2026 г." or "3 шт." at the end of a sentence: no doubled period.
    """
    for key, value in values.items():
        if isinstance(value, str) and value.endswith("."):
            message = message.replace(f"%({key})s.", f"%({key})s")
    return message % values


def po_path(lang: str) -> Path:
    """Path of the `.po` catalog of a language."""
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _compiled(lang: str) -> gettext.GNUTranslations:
    with po_path(lang).open("rb") as po_file:
        catalog = read_po(po_file, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    # Fuzzy entries are never used: they are guesses nobody has checked.
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


class Translator:
    """One language's messages plus Babel formatting of dates, numbers and money."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language: {lang!r}")
        self.lang = lang
        self.locale = Locale.parse(lang)
        self._translations = _compiled(lang)

    def gettext(self, message: str) -> str:
        """Translate one message."""
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Translate a message with a count, choosing the language's plural form."""
        return self._translations.ngettext(singular, plural, n)

    def days(self, n: int) -> str:
        """A count of days with the right plural form (`1 день`, `2 дня`, `5 дней`)."""
        return self.ngettext("%(n)s day", "%(n)s days", n) % {"n": n}

    def format_date(self, value: dt.date, fmt: str = "long") -> str:
        """A date as the language writes it (`1 декабря 2026 г.`, `December 1, 2026`)."""
        return babel_format_date(value, format=fmt, locale=self.locale)

    def format_time(self, value: dt.time | dt.datetime) -> str:
        """A time of day as the language writes it (`08:12`, `8:12 AM`)."""
        return babel_format_time(value, format="short", locale=self.locale)

    def format_date_time(self, value: dt.datetime, fmt: str = "long") -> str:
        """A date and its time of day ("December 1, 2026, 8:12 AM")."""
        return self.gettext("%(date)s, %(time)s") % {
            "date": self.format_date(value.date(), fmt),
            "time": self.format_time(value.time()),
        }

    def format_money(self, amount: float | Decimal, currency: str) -> str:
        """An amount with its currency as the language writes it (`12,50 $`, `$12.50`)."""
        text = babel_format_currency(Decimal(str(amount)), currency, locale=self.locale)
        # A currency without a sign of its own comes out glued to the number in English
        # ("RUB597.00"); bank statements and people write "RUB 597.00".
        code = len(currency)
        if text.startswith(currency) and text[code : code + 1].isdigit():
            text = f"{currency}\u00a0{text[code:]}"
        return text

    def format_number(self, value: float | int | Decimal) -> str:
        """A plain number in the language's notation."""
        return babel_format_decimal(value, locale=self.locale)

    def format_amount(self, value: float | Decimal) -> str:
        """An amount whose currency is not known yet, with its cents (`1 200,50`, `1,200.50`)."""
        return babel_format_decimal(Decimal(str(value)), format="#,##0.00", locale=self.locale)


@cache
def get_translator(lang: str) -> Translator:
    """The shared translator of a supported language."""
    return Translator(lang)
