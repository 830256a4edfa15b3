"""Dates typed as days from today are marked, and move with the user's today (walk of
2026-12-03: "6 days" typed by a Los Angeles buyer at 10 PM, counted in Moscow, became "in 7
days" once the zone was chosen)."""

from __future__ import annotations

import datetime as dt

from advisor.questionnaire.flow import build_situation
from advisor.questionnaire.relative_dates import counted_from_today, recounted
from tests.conversation.support import engine_state

DAY = dt.date(2026, 12, 10)
# Not received, tracking stuck since a date: shipped, the protection end and the last tracking
# change are all typed.
STUCK = ["c:no", "c:not_updating", "c:none", "30 days ago", "c:no", "20 days", "c:date"]
STUCK += ["10 days ago", "c:not_contacted"]
# The seller asks to close a dispute opened 20 days ago.
OPENED_20_DAYS_AGO = ["c:no", "c:in_transit", "c:seller_asks_to_close", "c:earlier", "20 days ago"]
OPENED_20_DAYS_AGO += ["s"]


def test_answers_counted_from_today_are_marked_and_absolute_dates_are_not() -> None:
    state = engine_state(STUCK, DAY)
    assert state.relative_dates == ["shipped_on", "protection_end", "tracking_last_date"]
    absolute = engine_state([*STUCK[:5], "30.12.2026", *STUCK[6:]], DAY)
    assert "protection_end" not in absolute.relative_dates
    assert absolute.answers["protection_end"] == "2026-12-30"


def test_the_fields_they_gave_are_found_with_the_way_they_move() -> None:
    state = engine_state(STUCK, DAY)
    assert counted_from_today(state, DAY) == [
        ("days_since_tracking_update", -1),
        ("protection_ends_on", 1),
        ("shipped_on", 1),
    ]
    assert counted_from_today(engine_state(["c:no", "c:in_transit", "c:none"], DAY), DAY) == []


def test_a_day_back_moves_the_dates_back_and_the_days_since_up() -> None:
    state = engine_state(STUCK, DAY)
    situation = build_situation(state, DAY)
    moved = recounted(situation, counted_from_today(state, DAY), -1)
    assert moved.protection_ends_on == dt.date(2026, 12, 29)  # "20 days" from December 9
    assert moved.shipped_on == dt.date(2026, 11, 9)
    assert moved.days_since_tracking_update == (situation.days_since_tracking_update or 0) + 1
    assert moved.price == situation.price and moved.today == situation.today
    assert recounted(situation, counted_from_today(state, DAY), 0) == situation


def test_a_nested_date_moves_too() -> None:
    """The day a dispute was opened lives in the situation's dispute."""
    state = engine_state([*OPENED_20_DAYS_AGO, "m", "s", "s", "s", "s", "s"], DAY)
    counted = counted_from_today(state, DAY)
    assert ("dispute.opened_on", 1) in counted
    situation = build_situation(state, DAY)
    moved = recounted(situation, counted, 1)
    assert situation.dispute.opened_on is not None
    assert moved.dispute.opened_on == situation.dispute.opened_on + dt.timedelta(days=1)
