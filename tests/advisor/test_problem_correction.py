"""Correcting a saved order's problem: the questions the new problem needs, the facts the old
one alone had dropped, and the advice that follows."""

from __future__ import annotations

import datetime as dt

from advisor.decide import decide
from advisor.models import Dispute, Problem, Situation, Stage
from advisor.questionnaire import (
    FlowState,
    answer_choice,
    answer_text,
    build_situation,
    current_question,
    skip,
    start,
)

TODAY = dt.date(2026, 3, 10)
DAMAGED = Situation(
    today=dt.date(2026, 3, 1),
    received=True,
    problem="damaged",
    usable=True,
    prefer_return=True,
    return_cost=8.0,
    price=40.0,
    currency="USD",
    protection_ends_on=dt.date(2026, 4, 1),
    evidence=["photos"],
)


def _question(state: FlowState) -> tuple[str | None, tuple[str, ...]]:
    question = current_question(state, TODAY)
    if question is None:
        return None, ()
    return question.id, question.option_codes()


def _correcting_problem(base: Situation) -> FlowState:
    return answer_choice(start("correction", base), "problem", TODAY)


def test_the_problem_is_offered_before_a_dispute_only() -> None:
    assert "problem" in _question(start("correction", DAMAGED))[1]
    opened = DAMAGED.model_copy(
        update={"dispute": Dispute(stage=Stage.open, opened_on=TODAY, since=TODAY)}
    )
    assert "problem" not in _question(start("correction", opened))[1]
    awaited = Situation(today=TODAY, received=False, delivery_status="in_transit")
    assert "problem" not in _question(start("correction", awaited))[1]


def test_the_saved_problem_is_not_offered_and_keeping_it_changes_nothing() -> None:
    state = _correcting_problem(DAMAGED)
    qid, codes = _question(state)
    assert qid == "problem" and "damaged" not in codes and "not_working" in codes
    kept = skip(state, TODAY)  # "Keep it as it is"
    assert _question(kept)[0] is None
    assert build_situation(kept, TODAY).problem == DAMAGED.problem


def test_a_full_refund_problem_asks_the_return_again_and_drops_the_postage() -> None:
    state = answer_choice(_correcting_problem(DAMAGED), "not_working", TODAY)
    assert _question(state)[0] == "prefer_return"  # it rested on "damaged"
    state = answer_choice(state, "no", TODAY)
    assert _question(state)[0] is None
    fixed = build_situation(state, TODAY)
    assert fixed.problem.value == "not_working"
    assert fixed.prefer_return is False and fixed.return_cost is None
    assert decide(fixed).refund == "full"  # rule 12, no longer rule 14's partial


def test_a_short_shipment_asks_the_counts_and_its_share_follows() -> None:
    state = answer_choice(_correcting_problem(DAMAGED), "short_quantity", TODAY)
    assert _question(state)[0] == "quantity_ordered"
    state, parsed = answer_text(state, "4", TODAY)
    assert parsed.ok and _question(state)[0] == "quantity_received"
    state, parsed = answer_text(state, "3", TODAY)
    assert parsed.ok and _question(state)[0] == "quantity_faulty"
    state = skip(state, TODAY)  # "They all work"
    assert _question(state)[0] is None
    fixed = build_situation(state, TODAY)
    assert (fixed.quantity_ordered, fixed.quantity_received, fixed.quantity_faulty) == (4, 3, None)
    assert fixed.prefer_return is None and fixed.return_cost is None
    assert decide(fixed).amount == 10.0  # one of four pieces of 40 (rule 13)


def test_leaving_a_short_shipment_drops_its_counts() -> None:
    short = DAMAGED.model_copy(
        update={
            "problem": Problem.short_quantity,
            "usable": None,
            "prefer_return": None,
            "return_cost": None,
            "quantity_ordered": 4,
            "quantity_received": 3,
        }
    )
    state = answer_choice(_correcting_problem(short), "quality", TODAY)
    assert _question(state)[0] == "usable"  # a flaw: rule 14 needs the item's use
    state = answer_choice(state, "yes", TODAY)
    assert _question(state)[0] == "prefer_return"
    state = answer_choice(state, "no", TODAY)
    fixed = build_situation(state, TODAY)
    assert fixed.problem.value == "quality" and fixed.usable is True
    assert fixed.quantity_ordered is None and fixed.quantity_received is None
    assert decide(fixed).refund == "partial"


def test_a_hopeless_problem_needs_nothing_more() -> None:
    state = answer_choice(_correcting_problem(DAMAGED), "changed_mind", TODAY)
    assert _question(state)[0] is None
    fixed = build_situation(state, TODAY)
    assert fixed.prefer_return is None and fixed.return_cost is None
    assert decide(fixed).action == "do_not_dispute"
