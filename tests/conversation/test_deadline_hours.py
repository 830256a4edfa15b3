"""A deadline with a time of day less than a day away is counted in hours (walk of 2026-12-03:
Buyer Protection ending at 1:17 AM was "tomorrow" at 8:17 PM, read as a whole day more)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from advisor.decide import decide
from advisor.models import Situation
from handlers import advice_card
from handlers.advice_card import relative_moment, render_advice
from locales import get_translator

ZONE = ZoneInfo("Europe/Kyiv")
TODAY = dt.date(2026, 12, 3)


def _broken_item(ends_at: dt.time) -> Situation:
    return Situation.model_validate(
        {
            "today": TODAY,
            "received": True,
            "problem": "not_working",
            "price": 40,
            "evidence": ["unboxing_video", "defect_video"],
            "protection_ends_on": TODAY + dt.timedelta(days=1),
            "protection_ends_at": ends_at,
        }
    )


@pytest.mark.parametrize(("lang", "said"), [("en", "in 5 hours"), ("ru", "через 5 часов")])
def test_an_end_after_midnight_is_counted_in_hours(
    monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    evening = dt.datetime(2026, 12, 3, 20, 17, tzinfo=ZONE)
    monkeypatch.setattr(advice_card, "now_utc", lambda: evening.astimezone(dt.UTC))
    situation = _broken_item(dt.time(1, 17))
    tr = get_translator(lang)
    card = render_advice(situation, decide(situation), today=TODAY, zone=ZONE, tr=tr)
    tomorrow = tr.gettext("tomorrow")
    ending = [line for line in card.splitlines() if said in line]
    assert len(ending) == 2, card  # the warning at the top and the deadline's line
    assert all(tomorrow not in line for line in ending)


def test_a_day_or_more_ahead_or_no_time_is_counted_in_days() -> None:
    tr = get_translator("en")
    evening = dt.datetime(2026, 12, 3, 20, 17, tzinfo=ZONE)
    tomorrow = TODAY + dt.timedelta(days=1)
    assert relative_moment(tr, tomorrow, dt.time(21, 0), TODAY, evening) == "tomorrow"
    assert relative_moment(tr, tomorrow, None, TODAY, evening) == "tomorrow"
    assert relative_moment(tr, TODAY, dt.time(20, 50), TODAY, evening) == "in less than an hour"
    assert relative_moment(tr, TODAY, dt.time(22, 0), TODAY, evening) == "in 2 hours"
    # A card drawn for another day than the clock's (a test's fixed today) keeps its days.
    earlier = TODAY - dt.timedelta(days=1)
    assert relative_moment(tr, tomorrow, dt.time(1, 0), earlier, evening) == "in 2 days"


def test_hours_are_rounded_not_cut() -> None:
    """Third walk of 2026-12-03: "5 hours" typed a minute ago showed as "in 4 hours"."""
    tr = get_translator("en")
    evening = dt.datetime(2026, 12, 3, 22, 27, tzinfo=ZONE)
    assert relative_moment(tr, TODAY + dt.timedelta(days=1), dt.time(3, 26), TODAY, evening) == (
        "in 5 hours"
    )
