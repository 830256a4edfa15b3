"""Weekdays with "next" or "last" whose week is in doubt (notes of 2026-12-03: "next Friday" said
on a Thursday was read as tomorrow, unsaid), and "this Friday"."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.parsing import parse_date, parse_protection_end
from advisor.parsing.dates import DATE_WEEK_IN_DOUBT

THURSDAY = dt.date(2026, 12, 3)
SATURDAY = dt.date(2026, 12, 5)


@pytest.mark.parametrize(
    "typed",
    ["next friday", "Next Friday", "by next friday", "в следующую пятницу", "до следующей пятницы"],
)
def test_next_weekday_later_this_week_reads_two_ways(typed: str) -> None:
    read = parse_protection_end(typed, THURSDAY)
    assert read.value == dt.date(2026, 12, 4)
    assert read.warning == DATE_WEEK_IN_DOUBT
    assert read.params == {"read": "2026-12-04", "other": "2026-12-11"}


@pytest.mark.parametrize(
    ("typed", "today", "meant"),
    [
        ("next monday", THURSDAY, dt.date(2026, 12, 7)),  # next week's: no other reading
        ("next thursday", THURSDAY, dt.date(2026, 12, 10)),  # today's weekday: a week on
        ("next friday", SATURDAY, dt.date(2026, 12, 11)),
        ("this friday", THURSDAY, dt.date(2026, 12, 4)),
        ("в эту пятницу", THURSDAY, dt.date(2026, 12, 4)),
        ("this coming friday", THURSDAY, dt.date(2026, 12, 4)),
        ("friday", THURSDAY, dt.date(2026, 12, 4)),
        ("до пятницы", THURSDAY, dt.date(2026, 12, 4)),
    ],
)
def test_a_weekday_whose_week_is_clear_reads_one_way(
    typed: str, today: dt.date, meant: dt.date
) -> None:
    read = parse_protection_end(typed, today)
    assert (read.value, read.warning) == (meant, None)


@pytest.mark.parametrize("typed", ["last friday", "в прошлую пятницу"])
def test_last_weekday_earlier_this_week_reads_two_ways(typed: str) -> None:
    read = parse_date(typed, SATURDAY, prefer="past", latest=SATURDAY)
    assert read.value == dt.date(2026, 12, 4)
    assert read.params == {"read": "2026-12-04", "other": "2026-11-27"}
    assert read.warning == DATE_WEEK_IN_DOUBT


def test_last_weekday_of_last_week_reads_one_way() -> None:
    read = parse_date("last friday", THURSDAY, prefer="past", latest=THURSDAY)
    assert (read.value, read.warning) == (dt.date(2026, 11, 27), None)


def test_the_other_week_out_of_the_questions_range_is_not_offered() -> None:
    # The earliest day a question takes is after the week before: one reading only.
    read = parse_date(
        "last friday", SATURDAY, prefer="past", earliest=dt.date(2026, 12, 1), latest=SATURDAY
    )
    assert (read.value, read.warning) == (dt.date(2026, 12, 4), None)
