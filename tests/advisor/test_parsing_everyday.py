"""Everyday phrasings a walk of 2026-12-03 found refused: "on the 3rd of November", "the 3rd of
last month", "in about 3 weeks", "order number is …", "продавец предлагает 1500 рублей"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from advisor.parsing import parse_date, parse_money, parse_protection_end
from advisor.parsing.dates import DATE_ESTIMATE, DATE_IMPOSSIBLE
from advisor.parsing.numbers import parse_order_number

TODAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("on the 3rd of November", dt.date(2026, 11, 3)),
        ("the 3rd of November", dt.date(2026, 11, 3)),
        ("it shipped on the 3rd of last month", dt.date(2026, 11, 3)),
        ("3rd of last month", dt.date(2026, 11, 3)),
        ("the 1st of this month", dt.date(2026, 12, 1)),
        ("3-го числа прошлого месяца", dt.date(2026, 11, 3)),
        ("2 числа этого месяца", dt.date(2026, 12, 2)),
    ],
)
def test_a_day_of_a_named_or_near_month_is_read(typed: str, meant: dt.date) -> None:
    read = parse_date(typed, TODAY, prefer="past", latest=TODAY)
    assert (read.value, read.error) == (meant, None)


def test_the_near_month_crosses_the_year() -> None:
    january = dt.date(2027, 1, 10)
    assert parse_date("the 3rd of last month", january, prefer="past").value == dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    "typed", ["31st of last month", "the 31st of last month", "31-го числа прошлого месяца"]
)
def test_a_day_the_near_month_lacks_is_said_to_be_no_such_day(typed: str) -> None:
    read = parse_date(typed, TODAY, prefer="past")
    assert (read.value, read.error) == (None, DATE_IMPOSSIBLE)  # not "could not read"


@pytest.mark.parametrize("typed", ["in about 3 weeks", "через примерно 3 недели"])
def test_a_hedge_inside_a_relative_date_is_an_estimate(typed: str) -> None:
    read = parse_protection_end(typed, TODAY)
    assert read.value == dt.date(2026, 12, 24)
    assert read.warning == DATE_ESTIMATE


@pytest.mark.parametrize(
    "typed",
    ["order number is 8123456789012345", "my order number is 8123456789012345",
     "мой номер заказа — 8123456789012345"],
)  # fmt: skip
def test_an_order_number_said_in_a_sentence_is_read(typed: str) -> None:
    assert parse_order_number(typed).value == "8123456789012345"


def test_a_bare_is_is_no_order_label() -> None:
    assert parse_order_number("is 8123456789012345").value is None


@pytest.mark.parametrize(
    ("typed", "amount", "currency"),
    [
        ("продавец предлагает 1500 рублей", "1500", "RUB"),
        ("the seller offers 15 $", "15", "USD"),
        ("seller offered $15", "15", "USD"),
        ("он предлагает 1500", "1500", None),
    ],
)
def test_an_amount_with_who_offers_it_is_read(
    typed: str, amount: str, currency: str | None
) -> None:
    read = parse_money(typed)
    assert read.value is not None
    assert (read.value.amount, read.value.currency) == (Decimal(amount), currency)


@pytest.mark.parametrize(
    ("typed", "amount"), [("я просил 2000 руб", "2000"), ("I asked for $20", "20")]
)
def test_an_ask_said_with_its_verb_is_read(typed: str, amount: str) -> None:
    """Second walk of 2026-12-03: "я просил 2000 руб" at "what did you ask for?" was refused."""
    read = parse_money(typed)
    assert read.value is not None and read.value.amount == Decimal(amount)


@pytest.mark.parametrize(
    ("typed", "days"),
    [("не знаю, может через месяц", 31), ("через месяц примерно", 31),
     ("возможно через 2 недели", 14), ("in 2 weeks i think", 14)],
)  # fmt: skip
def test_a_hedged_protection_end_is_an_estimate(typed: str, days: int) -> None:
    """Notes of 2026-12-03: "может через месяц" and "через месяц примерно" were refused."""
    read = parse_protection_end(typed, TODAY)
    assert (read.value, read.warning) == (TODAY + dt.timedelta(days=days), DATE_ESTIMATE)
