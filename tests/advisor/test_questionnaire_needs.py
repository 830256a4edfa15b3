"""The questionnaire asks only what the decision needs: the reviewer's cases, one by one."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.models import Advice, Situation
from advisor.parsing import parse_note
from advisor.parsing.numbers import NOTE_NOT_ENGLISH
from advisor.policy import advise_buyer
from advisor.questionnaire import (
    FlowState,
    answer_choice,
    answer_text,
    build_situation,
    current_question,
    finish_multi,
    skip,
    start,
    toggle_option,
)
from advisor.questionnaire import flow as engine

TODAY = dt.date(2026, 3, 1)
CASE_DETAILS = {"evidence", "price", "item", "order_number", "tracking_number", "details"}


def _qid(state: FlowState) -> str | None:
    question = current_question(state, TODAY)
    return question.id if question else None


def _walk(*answers: str | None) -> FlowState:
    """Answer in turn: a choice code, a typed text (`=...`), None to skip, "" to finish a multi."""
    state = start()
    for answer in answers:
        question = current_question(state, TODAY)
        assert question is not None, f"complete before {answer!r}: {state.history}"
        if answer is None:
            state = skip(state, TODAY)
        elif answer == "":
            state = finish_multi(state, TODAY)
        elif answer.startswith("="):
            state, parsed = answer_text(state, answer[1:], TODAY)
            assert parsed.ok, (question.id, answer)
        else:
            state = answer_choice(state, answer, TODAY)
    return state


def _advice(state: FlowState) -> tuple[Situation, Advice]:
    assert _qid(state) is None, state.history
    situation = build_situation(state, TODAY)
    return situation, advise_buyer(situation)


def test_shipped_yesterday_waits_without_case_details() -> None:
    state = _walk("no", "not_updating", "none", "=yesterday", "no", None)
    _situation, advice = _advice(state)
    assert advice.action == "wait" and advice.why[0] == "rule_3_too_early"
    assert not (CASE_DETAILS | {"tracking_last_change", "seller_contact"}) & set(state.history)


def test_shipped_yesterday_still_asks_a_stable_fact_for_the_saved_order() -> None:
    state = _walk("no", "wrong_address", "none", "=yesterday", "no", None)
    assert _qid(state) == "address_error_by"
    _situation, advice = _advice(answer_choice(state, "seller", TODAY))
    assert advice.why[0] == "rule_3_too_early"
    # The buyer's own error: the redirect at the post office cannot wait for day 10 (walk AN).
    _situation, advice = _advice(answer_choice(state, "buyer", TODAY))
    assert advice.action == "contact_carrier" and advice.why[0] == "rule_8_buyer_error"


def test_in_transit_with_protection_far_away_waits_without_case_details() -> None:
    state = _walk("no", "in_transit", "none", "=20 days ago", "no", "=in 60 days", "not_contacted")
    _situation, advice = _advice(state)
    assert advice.action == "wait"
    assert not CASE_DETAILS & set(state.history)


def test_delivered_not_received_asks_the_evidence_that_decides_rule_9() -> None:
    prefix = ("no", "delivered_not_received", "none", "=20 days ago", "no", "=in 30 days")
    state = _walk(*prefix, "not_contacted", "standard")
    assert _qid(state) == "evidence"
    carrier = finish_multi(state, TODAY)
    # The post office first, and a message to the seller: it names the item and the order.
    assert _qid(carrier) == "item"
    while current_question(carrier, TODAY) is not None:
        carrier = skip(carrier, TODAY)
    _situation, advice = _advice(carrier)
    assert advice.action == "contact_carrier"
    assert "price" not in carrier.history
    statement = finish_multi(toggle_option(state, "post_office_statement", TODAY), TODAY)
    assert _qid(statement) == "price"
    statement, _ = answer_text(statement, "30 $", TODAY)
    assert _qid(statement) == "item"
    while current_question(statement, TODAY) is not None:
        statement = skip(statement, TODAY)
    _situation, advice = _advice(statement)
    assert advice.action == "open_dispute" and advice.amount == 30


def test_too_late_comes_before_the_questions_about_the_solution() -> None:
    state = _walk("yes", "damaged", "none", "yes", "=01.01.2026")
    assert _qid(state) == "evidence"  # not usable or prefer_return
    answers = ("yes", "damaged", "none", "yes", "=01.01.2026", "", "=20 $", "=Phone case")
    state = _walk(*answers, None, None)
    situation, advice = _advice(state)
    assert advice.action == "too_late" and situation.item == "Phone case"
    assert not {"usable", "prefer_return"} & set(state.history)
    # The price: the late complaint asks what a dispute would have (walk AI).
    assert "price" in state.history and situation.price == 20


def test_too_late_for_a_parcel_skips_its_details() -> None:
    prefix = ("no", "returned_to_seller", "none", "=01.01.2026", "no")
    assert _qid(_walk(*prefix, "=30 days ago")) == "evidence"  # not "not_collected"
    assert _qid(_walk(*prefix, "=in 30 days")) == "not_collected"


def test_the_same_case_in_time_asks_about_the_solution() -> None:
    state = _walk("yes", "damaged", "none", "yes", "=yesterday")
    assert _qid(state) == "usable"


@pytest.mark.parametrize("qid_path", [("=Беспроводные наушники",), ("=Phone case", None, "=Левый")])
def test_cyrillic_for_the_english_text_is_kept_with_a_warning(qid_path: tuple[str, ...]) -> None:
    state = _walk("yes", "not_working", "none", "no", None, "no", "", None)
    assert _qid(state) == "item"
    *before, last = qid_path
    for answer in before:
        state = skip(state, TODAY) if answer is None else answer_text(state, answer[1:], TODAY)[0]
    state, parsed = answer_text(state, last[1:], TODAY)
    assert parsed.ok and parsed.warning == NOTE_NOT_ENGLISH
    assert last[1:] in state.answers.values()


def test_english_notes_and_other_notes() -> None:
    assert parse_note("Wireless earbuds", english=True).warning is None
    assert parse_note("Наушники", english=True).warning == NOTE_NOT_ENGLISH
    assert parse_note("Наушники").warning is None  # a note not meant for the English text
    assert not parse_note("   ", english=True).ok


def test_the_current_question_is_cached_per_answers_today_and_base() -> None:
    engine._question_at.cache_clear()
    state = _walk("no", "in_transit", "none")
    for _ in range(3):
        assert _qid(state) == "shipped_on"
    info = engine._question_at.cache_info()
    assert info.hits >= 2 and info.maxsize is not None
    later = current_question(state, TODAY + dt.timedelta(days=1))
    assert later is not None and engine._question_at.cache_info().misses > info.misses
