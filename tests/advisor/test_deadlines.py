"""Deadline arithmetic: days left, the dispute window, pre-dispute and stage deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from advisor.deadlines import (
    actionable,
    days_left,
    deadlines_for,
    is_urgent,
    pre_dispute_deadlines,
    stage_deadlines,
    window_end,
)
from advisor.decide import decide
from advisor.models import Situation
from advisor.timers import DEFAULT_TIMERS, Timers

TODAY = dt.date(2026, 3, 10)


def situation(**fields: Any) -> Situation:
    data: dict[str, Any] = {"today": TODAY.isoformat(), "received": False}
    data.setdefault("delivery_status", "in_transit")
    return Situation.model_validate({**data, **fields})


def d(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.mark.parametrize(("end", "left"), [(None, None), (d(7), 7), (d(0), 0), (d(-1), -1)])
def test_days_left(end: dt.date | None, left: int | None) -> None:
    assert days_left(situation(protection_ends_on=end)) == left


@pytest.mark.parametrize(
    ("left", "urgent"), [(None, False), (3, False), (2, True), (0, True), (-5, True)]
)
def test_urgent(left: int | None, urgent: bool) -> None:
    assert is_urgent(left, DEFAULT_TIMERS) is urgent


def test_window_end_prefers_receipt_confirmation() -> None:
    assert window_end(situation(), DEFAULT_TIMERS) is None
    assert window_end(situation(protection_ends_on=d(3)), DEFAULT_TIMERS) == d(18)
    both = situation(protection_ends_on=d(3), receipt_confirmed_on=d(-2))
    assert window_end(both, DEFAULT_TIMERS) == d(13)
    assert window_end(both, Timers(after_close_window_days=30)) == d(28)


def test_pre_dispute_deadlines_not_received() -> None:
    found = pre_dispute_deadlines(
        situation(protection_ends_on=d(20), shipped_on=d(-5)), DEFAULT_TIMERS
    )
    assert {(x.kind, x.date) for x in found} == {
        ("protection_ends", d(20)),
        ("open_dispute_by", d(18)),
        ("earliest_open", d(5)),
        ("dispute_window_closes", d(35)),
    }


@pytest.mark.parametrize(("shipped", "ahead"), [(-9, True), (-10, False), (-11, False)])
def test_earliest_open_only_while_ahead(shipped: int, ahead: bool) -> None:
    found = pre_dispute_deadlines(situation(shipped_on=d(shipped)), DEFAULT_TIMERS)
    assert [x.kind for x in found] == (["earliest_open"] if ahead else [])


def test_received_orders_have_no_dispute_by_nor_earliest_open() -> None:
    received = situation(
        received=True, problem="damaged", protection_ends_on=d(20), shipped_on=d(-1)
    )
    found = pre_dispute_deadlines(received, DEFAULT_TIMERS)
    assert [x.kind for x in found] == ["protection_ends", "dispute_window_closes"]


def test_nothing_known_means_no_deadlines() -> None:
    assert deadlines_for(situation(), DEFAULT_TIMERS) == []


def test_deadlines_are_sorted_by_date() -> None:
    found = deadlines_for(situation(protection_ends_on=d(1), shipped_on=d(-9)), DEFAULT_TIMERS)
    dates = [x.date for x in found]
    assert dates == sorted(dates)
    assert found[0].kind == "open_dispute_by"


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        ("open", [("seller_response_due", 5), ("escalation", 7)]),
        ("evidence_requested", [("evidence_due", 3)]),
        ("return_agreed", [("return_ship_by", 10)]),
        ("return_shipped", [("return_auto_refund", 30)]),
        ("won", [("refund_expected_by", 15)]),
        ("seller_asks_to_close", []),
        ("seller_offer", []),
        ("seller_offplatform_offer", []),
        ("escalated", []),
        ("lost", []),
    ],
)
def test_stage_deadlines(stage: str, expected: list[tuple[str, int]]) -> None:
    start = d(-4)
    found = stage_deadlines(situation(dispute={"stage": stage, "since": start}), DEFAULT_TIMERS)
    assert [(x.kind, (x.date - start).days) for x in found] == expected


def test_stage_deadlines_follow_the_timers() -> None:
    timers = Timers(seller_response_days=3, escalation_days=15)
    found = stage_deadlines(situation(dispute={"stage": "open", "opened_on": d(-1)}), timers)
    assert [x.date for x in found] == [d(2), d(14)]


def test_stage_deadlines_need_the_day_the_stage_began() -> None:
    opened = situation(dispute={"stage": "open", "since": d(-1)})
    assert [x.date for x in stage_deadlines(opened, DEFAULT_TIMERS)] == [d(4), d(6)]
    won = situation(dispute={"stage": "won", "since": d(-10)})
    assert stage_deadlines(won, DEFAULT_TIMERS)[0].date == d(5)
    # The day the dispute opened is not the day it was won: no guessed deadline.
    assert (
        stage_deadlines(situation(dispute={"stage": "won", "opened_on": d(-10)}), DEFAULT_TIMERS)
        == []
    )
    assert stage_deadlines(situation(dispute={"stage": "won"}), DEFAULT_TIMERS) == []
    assert stage_deadlines(situation(dispute={"stage": "open"}), DEFAULT_TIMERS) == []


@pytest.mark.parametrize(("by", "shown"), [("buyer", False), ("seller", True)])
def test_no_open_the_dispute_by_where_the_buyers_address_error_leaves_none_to_win(
    by: str, shown: bool
) -> None:
    lost = situation(
        delivery_status="wrong_address", address_error_by=by, protection_ends_on=d(20).isoformat()
    )
    advice = decide(lost)
    assert "open_dispute_by" in {dl.kind for dl in advice.deadlines}, "the JSON keeps it"
    kinds = {dl.kind for dl in actionable(advice, lost).deadlines}
    assert ("open_dispute_by" in kinds) is shown
    assert "protection_ends" in kinds


def test_no_last_day_to_open_a_dispute_where_the_advice_is_not_to_open_one() -> None:
    """Walk P: customs duty the buyer won't pay (rule 7, do_not_dispute) listed "the last
    reliable day to open a dispute"."""
    from advisor.deadlines import actionable
    from advisor.decide import decide

    duty = Situation(
        today=dt.date(2026, 3, 1),
        received=False,
        delivery_status="at_customs",
        customs_issue="duty_required",
        protection_ends_on=dt.date(2026, 3, 30),
    )
    advice = decide(duty)
    assert advice.action == "do_not_dispute"
    assert "open_dispute_by" in {d.kind for d in advice.deadlines}, "the JSON keeps it"
    kinds = {d.kind for d in actionable(advice, duty).deadlines}
    assert "open_dispute_by" not in kinds and "protection_ends" in kinds
