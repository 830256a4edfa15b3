"""A reminder names its deadline's day as "the day above" (walk of 2026-12-03: a reminder for
tomorrow's date said "до конца этого дня", read as the end of today)."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.models import DeadlineKind
from advisor.timers import DEFAULT_TIMERS
from handlers.reminder_message import what_to_do
from locales import get_translator

DAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    "kind",
    [
        DeadlineKind.seller_response_due,
        DeadlineKind.escalation,
        DeadlineKind.dispute_window_closes,
        DeadlineKind.earliest_open,
    ],
)
@pytest.mark.parametrize(
    ("lang", "said", "unsaid"),
    [("en", "day above", "this day"), ("ru", "указанного выше дня", "этого дня")],
)
def test_the_deadlines_day_is_the_day_above(
    kind: DeadlineKind, lang: str, said: str, unsaid: str
) -> None:
    text = what_to_do(get_translator(lang), kind, DAY + dt.timedelta(days=1), DAY, DEFAULT_TIMERS)
    assert said in text and unsaid not in text
