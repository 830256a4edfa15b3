"""Every path through the new-order questionnaire ends in a valid Situation and an Advice."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from itertools import count

import pytest

from advisor.models import INPUT_EVIDENCE, Advice, Situation
from advisor.policy import advise_buyer
from advisor.questionnaire import (
    FlowState,
    answer_choice,
    answer_text,
    build_situation,
    current_question,
    finish_multi,
    progress,
    skip,
    start,
    toggle_option,
)
from advisor.texts import applicable_texts, compose_texts

TODAY = dt.date(2026, 3, 1)

# Valid sample inputs per parser; the walk rotates through them (and the skip) so every sample
# is used somewhere without multiplying the paths.
SAMPLES: dict[str, tuple[str, ...]] = {
    "date": ("yesterday", "20 days ago", "01.02.2026"),
    "protection_end": ("in 20 days", "1 day", "через 5 дней", "5 days ago", "12 дн 14 ч 10 мин"),
    "money": ("12.50 $", "990", "15 EUR", "990 руб"),
    "quantity": ("5", "1", "0", "3"),
    "faulty": ("1", "0"),
    "tracking": ("RB123456785GB", "LP00123456789012"),
    "order_number": ("8123456789012345",),
    "note": ("Wireless earbuds",),
}
# Text questions whose answer changes which questions follow: every variant is walked (the ship
# date decides rule 3, "too early", and with it the questions about the tracking and seller).
BRANCHING_TEXT = {"protection_end", "requested_amount", "price", "quantity_ordered", "shipped_on"}
# Choice questions nothing else depends on: rotated instead of walked exhaustively.
LEAF_CHOICES = {"currency", "shipping_method"}


def _text_variants(state: FlowState, qid: str, parser: str, skippable: bool) -> list[FlowState]:
    results = []
    for sample in SAMPLES[parser]:
        new_state, parsed = answer_text(state, sample, TODAY)
        if parsed.ok and new_state is not state:
            results.append(new_state)
    assert results or skippable, f"no sample input is accepted by {qid}"
    if skippable:
        results.append(skip(state, TODAY))
    return results


def _walk(state: FlowState, turn: Iterator[int], path: list[str]) -> Iterator[FlowState]:
    question = current_question(state, TODAY)
    if question is None:
        yield state
        return
    assert len(path) < 40, f"no end in sight: {path}"
    if question.kind == "choice":
        assert question.options, f"{question.id} offers no option"
        variants = [answer_choice(state, o.code, TODAY) for o in question.options]
        branching = question.id not in LEAF_CHOICES
    elif question.kind == "multi":
        everything = state
        for option in question.options:
            everything = toggle_option(everything, option.code, TODAY)
        variants = [finish_multi(state, TODAY), finish_multi(everything, TODAY)]
        branching = False
    else:
        assert question.parser is not None
        skippable = question.skip_label is not None
        variants = _text_variants(state, question.id, question.parser, skippable)
        branching = question.id in BRANCHING_TEXT
    chosen = variants if branching else [variants[next(turn) % len(variants)]]
    for variant in chosen:
        yield from _walk(variant, turn, [*path, question.id])


@pytest.fixture(scope="module")
def complete_states() -> list[FlowState]:
    states = list(_walk(start(), count(), []))
    assert len(states) > 500
    return states


@pytest.fixture(scope="module")
def advices(complete_states: list[FlowState]) -> list[Advice]:
    return [advise_buyer(build_situation(state, TODAY)) for state in complete_states]


def test_every_path_builds_a_situation_that_validates(
    complete_states: list[FlowState], advices: list[Advice]
) -> None:
    for state in complete_states:
        situation = build_situation(state, TODAY)
        again = Situation.model_validate_json(situation.model_dump_json())
        assert again == situation
    assert all(isinstance(advice, Advice) for advice in advices)


def test_every_state_survives_json(complete_states: list[FlowState]) -> None:
    for state in complete_states[::7]:
        restored = FlowState.model_validate_json(state.model_dump_json())
        assert build_situation(restored, TODAY) == build_situation(state, TODAY)


def test_progress_reaches_its_total_at_the_end(complete_states: list[FlowState]) -> None:
    for state in complete_states[::11]:
        answered, total = progress(state, TODAY)
        assert answered == total == len(state.history)


def test_every_question_and_action_is_reachable(
    complete_states: list[FlowState], advices: list[Advice]
) -> None:
    from advisor.questionnaire.new_flow import STEPS

    asked = Counter(qid for state in complete_states for qid in state.history)
    missing = [step.question.id for step in STEPS if not asked[step.question.id]]
    assert not missing
    outcomes = {advice.action.value for advice in advices}
    assert outcomes >= {
        "wait",
        "too_late",
        "contact_seller",
        "ask_extension",
        "contact_carrier",
        "open_dispute",
        "do_not_dispute",
        "keep_dispute_open",
        "accept_offer",
        "reject_offer",
        "provide_evidence",
        "ship_return",
        "wait_refund",
        "appeal",
    }


def _asked_when(states: list[FlowState], qid: str) -> list[dict[str, object]]:
    return [state.answers for state in states if qid in state.history]


def test_no_price_where_the_advice_cannot_use_it(complete_states: list[FlowState]) -> None:
    priced = _asked_when(complete_states, "price")
    assert priced
    for answers in priced:
        assert answers.get("problem") not in {
            "changed_mind",
            "wrong_size_buyer",
            "misread_description",
        }
        assert answers.get("customs_issue") != "duty_required"
        assert answers.get("address_error_by") != "buyer"


def test_quantities_only_for_a_short_shipment(complete_states: list[FlowState]) -> None:
    for qid in ("quantity_ordered", "quantity_received"):
        asked = _asked_when(complete_states, qid)
        assert asked
        assert all(answers["problem"] == "short_quantity" for answers in asked)
    short = [s for s in complete_states if s.answers.get("problem") == "short_quantity"]
    assert any("quantity_received" in s.history for s in short)


def test_branch_questions_only_where_their_rule_reads_them(
    complete_states: list[FlowState],
) -> None:
    flaws = {"not_as_described", "quality", "damaged", "missing_parts"}
    assert all(a["problem"] in flaws for a in _asked_when(complete_states, "usable"))
    for answers in _asked_when(complete_states, "shipping_method"):
        assert answers["delivery_status"] == "delivered_not_received"
    for answers in _asked_when(complete_states, "seller_contact"):
        assert answers["delivery_status"] in {
            "in_transit",
            "not_updating",
            "no_tracking",
            "delivered_not_received",
        }
    for answers in _asked_when(complete_states, "return_cost"):
        assert answers["prefer_return"] == "yes" and answers["problem"] in flaws
    for answers in _asked_when(complete_states, "offer_amount"):
        assert answers["dispute_stage"] == "seller_offer"


def test_a_running_dispute_skips_the_timing_questions(complete_states: list[FlowState]) -> None:
    # An offer outside AliExpress with no dispute opened is an order with no dispute yet.
    running = [
        s
        for s in complete_states
        if s.answers["dispute_stage"] != "none" and s.answers.get("opened_when") != "not_opened"
    ]
    assert running
    for state in running:
        assert not {"protection_end", "shipped_on", "receipt_confirmed"} & set(state.history)


def test_the_shortest_paths_for_a_hopeless_problem() -> None:
    state = start()
    for code in ("yes", "changed_mind", "none"):
        state = answer_choice(state, code, TODAY)
    assert current_question(state, TODAY) is None
    assert advise_buyer(build_situation(state, TODAY)).action.value == "do_not_dispute"


def test_questions_come_in_catalogue_order(complete_states: list[FlowState]) -> None:
    """A condition that read a later answer would show up as a question asked out of order."""
    from advisor.questionnaire.new_flow import STEPS

    position = {step.question.id: n for n, step in enumerate(STEPS)}
    for state in complete_states:
        order = [position[qid] for qid in state.history]
        assert order == sorted(order), state.history


def _situations(
    complete_states: list[FlowState], advices: list[Advice]
) -> Iterator[tuple[FlowState, Situation, Advice]]:
    for state, advice in zip(complete_states, advices, strict=True):
        yield state, build_situation(state, TODAY), advice


def test_the_price_is_asked_exactly_when_the_advice_uses_it(
    complete_states: list[FlowState], advices: list[Advice]
) -> None:
    before_dispute = 0
    for state, situation, advice in _situations(complete_states, advices):
        if situation.dispute.stage != "none":
            continue
        before_dispute += 1
        with_price = situation.model_copy(update={"price": 100.0})
        priced = advise_buyer(with_price)
        if "price" in state.history and priced.action == "too_late":
            # The late complaint asks what a dispute would have, with an amount (walk AI).
            appeal = compose_texts(with_price, priced, "en")["appeal"]["en"]
            assert re.search(r"refund of [^\n]*[0-9]", appeal), state.history
        elif "price" in state.history:
            assert priced.amount is not None, state.history
        else:
            assert priced == advice, state.history
    assert before_dispute > 100


def test_texts_questions_only_for_an_advice_with_texts(
    complete_states: list[FlowState], advices: list[Advice]
) -> None:
    for state, situation, advice in _situations(complete_states, advices):
        asked = {"item", "order_number", "details"} & set(state.history)
        if asked:
            assert applicable_texts(advice), state.history
        elif situation.dispute.stage == "none":
            assert not applicable_texts(advice), state.history


def test_evidence_only_where_it_changes_the_advice_or_its_texts(
    complete_states: list[FlowState], advices: list[Advice]
) -> None:
    for state, situation, advice in _situations(complete_states, advices):
        if "evidence" in state.history or situation.dispute.stage != "none":
            continue
        everything = situation.model_copy(update={"evidence": sorted(INPUT_EVIDENCE)})
        assert advise_buyer(everything) == advice, state.history
        assert not {"dispute", "appeal"} & set(applicable_texts(advice)), state.history


def test_a_final_too_late_asks_nothing_about_the_solution(
    complete_states: list[FlowState], advices: list[Advice]
) -> None:
    late = [s for s, a in zip(complete_states, advices, strict=True) if a.action == "too_late"]
    assert late
    for state in late:
        assert not {"usable", "prefer_return", "not_collected"} & set(state.history)
        assert "item" in state.history  # the complaint for the support chat is a text


def test_too_early_asks_no_evidence_price_or_texts(
    complete_states: list[FlowState], advices: list[Advice]
) -> None:
    early = [
        state
        for state, advice in zip(complete_states, advices, strict=True)
        if advice.why[:1] == ["rule_3_too_early"]
    ]
    assert early
    for state in early:
        skipped = {"item", "order_number", "tracking_number", "details"}
        if state.answers["delivery_status"] != "delivered_not_received":
            # Rule 9 acts before day 10 unless the statement is in hand and the seller was
            # asked (advisor.policy, departure 4): those two are asked there.
            skipped |= {"evidence", "seller_contact"}
        assert not skipped & set(state.history), state.history
        assert not {"price", "tracking_last_change"} & set(state.history)


def test_the_problem_question_tells_a_fault_from_poor_quality() -> None:
    """Walk D: a speaker with one channel silent, taken as "quality", asked a 30 % partial
    refund where a full one was due: the option names a fault, and the hint tells the two apart."""
    from advisor.questionnaire import questions

    labels = {option.code: option.label for option in questions.PROBLEM.options}
    assert "fault" in labels["not_working"]
    assert questions.PROBLEM.hint is not None and questions.PROBLEM.hint_kind == "explain"
    assert labels["not_working"] in questions.PROBLEM.hint
