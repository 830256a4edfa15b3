"""Catalogs: complete in both languages, plurals right, loaded without a compile step."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from locales import LANGUAGES, get_translator, po_path
from locales.runtime import from_telegram, resolve_language
from locales.sync import extract_template, untranslated


def catalog(lang: str):  # type: ignore[no-untyped-def]
    with po_path(lang).open("rb") as po_file:
        return read_po(po_file, locale=lang)


def message_ids(cat) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.id if isinstance(m.id, str) else m.id[0] for m in cat if m.id}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_msgid_in_code_is_in_catalog(lang: str) -> None:
    used = message_ids(extract_template())
    missing = used - message_ids(catalog(lang))
    assert not missing, f"{lang}: run `python -m locales.sync`; missing {sorted(missing)[:5]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_untranslated_or_fuzzy(lang: str) -> None:
    assert untranslated(catalog(lang)) == []


def test_russian_strings_are_russian() -> None:
    cat = catalog("ru")
    latin_only = [
        m.id
        for m in cat
        if m.id
        and isinstance(m.string, str)
        and re.search("[A-Za-z]{4,}", m.id)
        and not re.search("[а-яё]", m.string, re.IGNORECASE)
        and not re.fullmatch(r"[\W\dA-Za-z ]*(AliExpress|PayPal|EMS|USD|EUR)[\W\dA-Za-z ]*", m.id)
    ]
    assert len(latin_only) <= len(list(cat)) // 20, latin_only[:10]


def _english_strings_matching(pattern: str, flags: int = 0) -> list[object]:
    """The English msgids (both forms of a plural) in which `pattern` occurs."""
    return [
        m.id
        for m in catalog("en")
        if m.id
        and any(
            re.search(pattern, part, flags)
            for part in ((m.id,) if isinstance(m.id, str) else m.id)  # plurals: (one, many)
        )
    ]


def test_english_strings_have_no_cyrillic() -> None:
    # Examples such as "990 руб" read as noise to an English user (a user walk found them).
    assert _english_strings_matching("[а-яё]", re.IGNORECASE) == []


def test_english_examples_write_dates_as_english_speakers_do() -> None:
    # "15.03.2026" is how Russians write a date; English examples say "March 15, 2026".
    assert _english_strings_matching(r"\b[0-9]{2}\.[0-9]{2}\.[0-9]{4}\b") == []


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1 день"), (2, "2 дня"), (5, "5 дней"), (11, "11 дней"), (21, "21 день"), (22, "22 дня")],
)
def test_russian_plurals(n: int, expected: str) -> None:
    tr = get_translator("ru")
    assert tr.days(n) == expected


@pytest.mark.parametrize(("n", "expected"), [(1, "1 day"), (2, "2 days"), (21, "21 days")])
def test_english_plurals(n: int, expected: str) -> None:
    tr = get_translator("en")
    assert tr.days(n) == expected


def test_money_and_dates_formatted_by_babel() -> None:
    import datetime as dt

    ru, en = get_translator("ru"), get_translator("en")
    assert ru.format_money(1200.5, "RUB") == "1\xa0200,50\xa0₽"
    assert en.format_money(12.5, "USD") == "$12.50"
    assert "декабря" in ru.format_date(dt.date(2026, 12, 1))
    assert en.format_date(dt.date(2026, 12, 1)) == "December 1, 2026"


@pytest.mark.parametrize(
    ("currency", "expected"),
    [("RUB", "RUB\xa01,990.00"), ("KZT", "KZT\xa01,990.00"), ("EUR", "€1,990.00")],
)
def test_english_money_without_a_sign_keeps_a_space_after_its_code(
    currency: str, expected: str
) -> None:
    assert get_translator("en").format_money(1990, currency) == expected


@pytest.mark.parametrize(
    ("stored", "code", "default", "expected"),
    [
        ("en", "ru", "ru", "en"),
        (None, "ru-RU", "en", "ru"),
        (None, "uk", "en", "ru"),
        (None, "be", "en", "ru"),
        (None, "kk", "en", "ru"),
        (None, "en-GB", "ru", "en"),
        (None, "fr", "ru", "en"),
        (None, None, "ru", "ru"),
        (None, None, "en", "en"),
        ("xx", None, "en", "en"),
    ],
)
def test_language_resolution(
    stored: str | None, code: str | None, default: str, expected: str
) -> None:
    assert resolve_language(stored, code, default) == expected


def test_garbage_language_code_does_not_raise() -> None:
    for code in ["", "-", "12", "😀", "x" * 500, "ru_RU", "RU"]:
        from_telegram(code)


# Placeholders that hold a date in words ("2 декабря 2026 г."), which in Russian ends with its
# own period.
_DATE_PLACEHOLDERS = re.compile(r"%\((?:date|open_by|latest|earliest|read|other)\)s\.")


def test_a_russian_date_never_gets_a_second_period() -> None:
    """Walk BK: "…до 2 декабря 2026 г.." — Babel's Russian date ends with "г.", and a message
    ending its sentence after the date added another period."""
    doubled = [
        message.id
        for message in catalog("ru")
        if message.id
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
        if _DATE_PLACEHOLDERS.search(text or "")
    ]
    assert not doubled
