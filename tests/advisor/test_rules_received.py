"""Rules 11-15 of DOMAIN.md section 4: the item came wrong; amounts, returns and risk."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.decide import decide
from advisor.models import Advice, Problem, Situation
from advisor.timers import Timers

TODAY = dt.date(2026, 3, 10)


def advise(problem: str, timers: Timers | None = None, **fields: Any) -> Advice:
    """Decide a received item with a problem, price 20 USD unless given."""
    data = {"today": TODAY.isoformat(), "received": True, "problem": problem, "price": 20}
    situation = Situation.model_validate({**data, **fields})
    return decide(situation) if timers is None else decide(situation, timers)


@pytest.mark.parametrize("problem", ["wrong_size_buyer", "misread_description", "changed_mind"])
def test_rule_11_not_worth_a_dispute(problem: str) -> None:
    advice = advise(problem, usable=False, prefer_return=True)
    assert (advice.action, advice.risk, advice.reason, advice.amount) == (
        "do_not_dispute",
        "high",
        None,
        None,
    )
    assert advice.why == ["rule_11_not_worth_dispute"]
    assert advice.evidence == []


@pytest.mark.parametrize(
    ("problem", "fields", "reason", "solution"),
    [
        ("wrong_item", {}, "wrong_item", "refund_only"),
        ("empty_package", {}, "empty_package", "refund_only"),
        ("expired", {}, "expired", "refund_only"),
        ("counterfeit", {"usable": True}, "counterfeit", "refund_only"),
        ("not_working", {}, "not_working", "refund_only"),
        ("not_working", {"prefer_return": True}, "not_working", "return_and_refund"),
        ("damaged", {"usable": False}, "damaged", "refund_only"),
        ("quality", {"usable": False, "prefer_return": True}, "quality", "return_and_refund"),
        ("short_quantity", {"usable": False}, "short_quantity", "refund_only"),
    ],
)
def test_rule_12_full_refund(
    problem: str, fields: dict[str, Any], reason: str, solution: str
) -> None:
    advice = advise(problem, **fields)
    assert (advice.action, advice.reason, advice.solution, advice.refund, advice.amount) == (
        "open_dispute",
        reason,
        solution,
        "full",
        20.0,
    )
    expected = "rule_12_return_full" if solution == "return_and_refund" else "rule_12_full_refund"
    assert advice.why[0] == expected


@pytest.mark.parametrize(
    ("price", "ordered", "received", "reason", "refund", "amount", "why"),
    [
        (20, 4, 1, "short_quantity", "partial", 15.0, "rule_13_partial_missing"),
        (10, 3, 1, "short_quantity", "partial", 6.67, "rule_13_partial_missing"),
        (10, 3, 2, "short_quantity", "partial", 3.33, "rule_13_partial_missing"),
        # DOMAIN.md section 8's order of operations: round(1.05 * 7 / 10, 2) is 0.74, not 0.73.
        (1.05, 10, 3, "short_quantity", "partial", 0.74, "rule_13_partial_missing"),
        (20, 4, 0, "empty_package", "full", 20.0, "rule_13_nothing_received"),
        (20, None, 0, "empty_package", "full", 20.0, "rule_13_nothing_received"),
        (20, None, None, "short_quantity", "partial", 6.0, "rule_13_partial_missing"),
    ],
)
def test_rule_13_short_quantity(
    price: float,
    ordered: int | None,
    received: int | None,
    reason: str,
    refund: str,
    amount: float,
    why: str,
) -> None:
    advice = advise(
        "short_quantity", price=price, quantity_ordered=ordered, quantity_received=received
    )
    assert (advice.action, advice.reason, advice.solution) == (
        "open_dispute",
        reason,
        "refund_only",
    )
    assert (advice.refund, advice.amount, advice.why[0]) == (refund, amount, why)


@pytest.mark.parametrize("problem", ["not_as_described", "quality", "damaged", "missing_parts"])
@pytest.mark.parametrize("usable", [True, None])
def test_rule_14_partial_for_usable_flaws(problem: str, usable: bool | None) -> None:
    advice = advise(problem, usable=usable)
    assert (advice.action, advice.reason, advice.solution, advice.refund, advice.amount) == (
        "open_dispute",
        problem,
        "refund_only",
        "partial",
        6.0,
    )
    # "I don't know" is decided as usable, and the line says it was assumed.
    assert advice.why[0] == ("rule_14_partial" if usable else "rule_14_partial_usable_unknown")


@pytest.mark.parametrize(
    ("fields", "solution", "refund", "amount"),
    [
        ({"prefer_return": True}, "return_and_refund", "full", 20.0),
        ({"prefer_return": True, "return_cost": 0}, "return_and_refund", "full", 20.0),
        ({"prefer_return": True, "return_cost": 9.99}, "return_and_refund", "full", 20.0),
        # Exactly at return_cost_ratio x price: returning is a bad deal.
        ({"prefer_return": True, "return_cost": 10}, "refund_only", "partial", 6.0),
        ({"prefer_return": True, "return_cost": 15}, "refund_only", "partial", 6.0),
        ({"prefer_return": False, "return_cost": 1}, "refund_only", "partial", 6.0),
    ],
)
def test_rule_14_prefer_return(
    fields: dict[str, Any], solution: str, refund: str, amount: float
) -> None:
    advice = advise("damaged", **fields)
    assert (advice.solution, advice.refund, advice.amount) == (solution, refund, amount)
    # A wish to send it back turned down says why (the cost), and only then.
    turned_down = bool(fields.get("prefer_return")) and solution == "refund_only"
    assert ("rule_14_return_too_costly" in advice.why) is turned_down


def test_rule_14_with_price_unknown() -> None:
    advice = advise("quality", price=None, prefer_return=True, return_cost=5)
    assert (advice.solution, advice.refund, advice.amount, advice.currency) == (
        "return_and_refund",
        "full",
        None,
        None,
    )
    partial = advise("quality", price=None)
    assert (partial.refund, partial.amount, partial.currency) == ("partial", None, None)


def test_rule_14_follows_the_timers() -> None:
    timers = Timers(partial_share=0.5, return_cost_ratio=0.2)
    assert advise("damaged", timers=timers).amount == 10.0
    advice = advise("damaged", timers=timers, prefer_return=True, return_cost=4)
    assert advice.solution == "refund_only"


def test_rule_14_sizes_evidence() -> None:
    advice = advise("not_as_described")
    assert {"size_label_photo", "ruler_photo", "photos"} <= set(advice.evidence)


@pytest.mark.parametrize(
    ("problem", "listing"),
    [("missing_parts", True), ("counterfeit", True), ("wrong_item", True), ("damaged", False)],
)
def test_the_listing_is_evidence_where_it_shows_what_should_have_come(
    problem: str, listing: bool
) -> None:
    """Walk AN: what should be in the box, or the brand the listing claimed."""
    advice = advise(problem, usable=True)
    assert ("order_page_screenshot" in advice.evidence) is listing
    assert {"unboxing_video", "photos"} <= set(advice.evidence)


@pytest.mark.parametrize(
    ("evidence", "risk", "why"),
    [
        ([], "medium", "rule_15_evidence_missing"),
        (["photos"], "low", "rule_15_evidence_ready"),
        (["unboxing_video"], "low", "rule_15_evidence_ready"),
        (["defect_video"], "low", "rule_15_evidence_ready"),
        (["chat_screenshot", "tracking_screenshot"], "medium", "rule_15_evidence_missing"),
    ],
)
def test_rule_15_received_evidence(evidence: list[str], risk: str, why: str) -> None:
    advice = advise("not_working", evidence=evidence)
    assert (advice.risk, advice.why[-1]) == (risk, why)
    assert ("evidence_missing" in advice.warnings) == (risk == "medium")


def test_received_items_have_no_receipt_warning() -> None:
    assert "dont_confirm_receipt" not in advise("damaged").warnings


PROBLEMS = [p.value for p in Problem]


@settings(max_examples=80, deadline=None)
@given(
    problem=st.sampled_from(PROBLEMS),
    price=st.one_of(st.none(), st.floats(min_value=0.01, max_value=1e5)),
    usable=st.one_of(st.none(), st.booleans()),
    prefer_return=st.one_of(st.none(), st.booleans()),
    return_cost=st.one_of(st.none(), st.floats(min_value=0, max_value=1e5)),
    evidence=st.lists(st.sampled_from(["photos", "unboxing_video", "chat_screenshot"])),
)
def test_received_amount_never_exceeds_price(
    problem: str,
    price: float | None,
    usable: bool | None,
    prefer_return: bool | None,
    return_cost: float | None,
    evidence: list[str],
) -> None:
    advice = advise(
        problem,
        price=price,
        usable=usable,
        prefer_return=prefer_return,
        return_cost=return_cost,
        evidence=evidence,
    )
    if price is None or advice.amount is None:
        assert advice.amount is None and advice.currency is None
    else:
        assert 0 <= advice.amount <= round(price, 2)
        assert advice.currency == "USD"
        assert advice.amount == round(advice.amount, 2)
    assert (advice.reason is None) == (advice.action != "open_dispute")
    assert advice.why and advice.why[0].startswith("rule_1")
