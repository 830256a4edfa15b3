"""Every parser takes any text without raising, and its messages read well in both languages."""

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.parsing import PARSERS, Parsed, dates, money, numbers, protection, result, tracking
from locales import get_translator

TODAY = dt.date(2026, 6, 15)
DATED = {"date", "protection_end"}


def _call(name: str, text: str, today: dt.date = TODAY) -> Parsed[Any]:
    parser = PARSERS[name]
    return parser(text, today) if name in DATED else parser(text)


def test_registry_names() -> None:
    assert set(PARSERS) == {
        "date", "protection_end", "money", "quantity", "faulty", "tracking", "order_number",
        "note",
    }  # fmt: skip


def _check(parsed: Parsed[Any]) -> None:
    assert isinstance(parsed, Parsed)
    assert (parsed.value is None) != (parsed.error is None)
    assert parsed.ok == (parsed.error is None)


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60))
def test_no_text_makes_a_parser_raise(name: str, text: str) -> None:
    _check(_call(name, text))


@pytest.mark.parametrize("name", sorted(DATED))
@settings(max_examples=200, deadline=None)
@given(text=st.from_regex(r"[0-9 .:/-]{0,12}[a-zа-я ]{0,12}[0-9]{0,5}", fullmatch=True),
       today=st.dates())  # fmt: skip
def test_date_like_text_on_any_day_never_raises(name: str, text: str, today: dt.date) -> None:
    _check(_call(name, text, today))


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(max_examples=100, deadline=None)
@given(text=st.from_regex(r"[-−+$€₽., '0-9a-zа-я]{0,30}", fullmatch=True))
def test_number_like_text_never_raises(name: str, text: str) -> None:
    _check(_call(name, text))


NASTY = [
    "",
    " ",
    "🙂🙂🙂",
    "\x00\x1b[31m\u202e",
    "31.02.2026",
    "01.01.0001",
    "31.12.9999",
    "через 99999 дней",
    "-5 $",
    "9" * 999,
    "1 " * 499,
    "a" * 10_000,
    "1" * 10_000,
    ("12 д " * 2000),
]


@pytest.mark.parametrize("name", sorted(PARSERS))
@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
def test_nasty_inputs(name: str, text: str) -> None:
    parsed = _call(name, text)
    _check(parsed)
    if len(text) > 1000:
        # A note names its own limit (walk AU); every other answer the limit of any message.
        assert parsed.error == (numbers.NOTE_TOO_LONG if name == "note" else result.TOO_LONG)


@pytest.mark.parametrize(
    "today", [dt.date.min, dt.date.max, dt.date(1, 1, 2), dt.date(9999, 12, 30)]
)
def test_calendar_edges(today: dt.date) -> None:
    for text in ["сегодня", "завтра", "вчера", "через 3 дня", "3 days ago", "1.12", "5 дней"]:
        _check(dates.parse_date(text, today))
        _check(protection.parse_protection_end(text, today))
        late = dt.datetime.combine(today, dt.time(23, 59), tzinfo=dt.UTC)
        _check(protection.parse_protection_end(text, today, now=late))


TODAY_ERRORS = [
    (_call("date", "x" * 2000), result.TOO_LONG),
    (_call("date", "?"), dates.DATE_UNREADABLE),
    (_call("date", "31.02.2026"), dates.DATE_IMPOSSIBLE),
    (_call("date", "01.01.1900"), dates.DATE_OUT_OF_RANGE),
    (_call("protection_end", "?"), protection.PROTECTION_UNREADABLE),
    (_call("protection_end", "300 days"), dates.DATE_OUT_OF_RANGE),
    (_call("money", "?"), money.MONEY_UNREADABLE),
    (_call("money", "-5 $"), money.MONEY_NOT_POSITIVE),
    (_call("money", "9999999999 $"), money.MONEY_TOO_LARGE),
    (_call("money", "1 $ 2 $"), money.MONEY_SEVERAL),
    (_call("money", "5 XYZ"), money.MONEY_UNKNOWN_CURRENCY),
    (_call("money", "5 бананов"), money.MONEY_JUST_THE_AMOUNT),
    (_call("tracking", "?"), tracking.TRACKING_UNREADABLE),
    (_call("quantity", "?"), numbers.QUANTITY_UNREADABLE),
    (_call("quantity", "-1"), numbers.QUANTITY_OUT_OF_RANGE),
    (_call("order_number", "?"), numbers.ORDER_UNREADABLE),
    (_call("note", " "), numbers.NOTE_EMPTY),
    (_call("note", "a" * 600), numbers.NOTE_TOO_LONG),
]
WARNINGS = [
    (_call("tracking", "RB123456784GB"), tracking.TRACKING_CHECK_DIGIT),
    (_call("tracking", "UA123456789"), tracking.TRACKING_UNKNOWN_FORMAT),
]


@pytest.mark.parametrize(("parsed", "msgid"), TODAY_ERRORS, ids=[m for _, m in TODAY_ERRORS])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_error_text_is_translated_and_filled(parsed: Parsed[Any], msgid: str, lang: str) -> None:
    assert parsed.error == msgid
    text = parsed.error_text(get_translator(lang))
    assert text
    assert "%(" not in text
    assert parsed.warning_text(get_translator(lang)) is None
    if lang == "ru":
        assert text != parsed.error_text(get_translator("en")), "no Russian translation"


@pytest.mark.parametrize(("parsed", "msgid"), WARNINGS, ids=[m for _, m in WARNINGS])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_warning_text_is_translated(parsed: Parsed[Any], msgid: str, lang: str) -> None:
    assert parsed.ok
    assert parsed.warning == msgid
    assert parsed.error_text(get_translator(lang)) == ""
    text = parsed.warning_text(get_translator(lang))
    assert text
    assert "%(" not in text
    if lang == "ru":
        assert text != parsed.warning_text(get_translator("en"))


def test_range_error_formats_dates_for_the_language() -> None:
    parsed = dates.parse_date("01.01.1900", TODAY)
    assert "15 июня 2024\u202fг." in parsed.error_text(get_translator("ru"))
    assert "June 15, 2024" in parsed.error_text(get_translator("en"))


def test_counts_use_the_language_number_format() -> None:
    parsed = numbers.parse_quantity("20000")
    assert "10\xa0000" in parsed.error_text(get_translator("ru"))
    assert "10,000" in parsed.error_text(get_translator("en"))


def test_missing_placeholder_never_shows_raw() -> None:
    parsed: Parsed[int] = Parsed(error=numbers.QUANTITY_OUT_OF_RANGE)
    assert "%(" not in parsed.error_text(get_translator("ru"))
