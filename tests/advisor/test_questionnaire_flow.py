"""The questionnaire engine: answers, skip, back, invalid input and stored dates."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.decide import decide
from advisor.policy import advise_buyer
from advisor.questionnaire import (
    FLOWS,
    FOLLOWUPS,
    FlowState,
    Question,
    accept_held,
    answer_choice,
    answer_text,
    back,
    build_situation,
    can_go_back,
    current_question,
    drop_held,
    finish_multi,
    held_answer,
    hold_answer,
    needs_confirmation,
    progress,
    remember_progress,
    selected_options,
    skip,
    start,
    toggle_option,
)
from advisor.questionnaire import questions as q
from advisor.questionnaire.new_flow import (
    MORE_THAN_ORDERED,
    NONE_MISSING,
    PRICE_BELOW_REFUND,
    PROTECTION_BEFORE_FIRST_OPEN,
)
from advisor.questionnaire.steps import BEFORE_SHIPPING, PROTECTION_BEFORE_SHIPPING
from advisor.timers import Timers
from locales import get_translator

TODAY = dt.date(2026, 3, 1)


def _answer(state: FlowState, *codes: str) -> FlowState:
    for code in codes:
        state = answer_choice(state, code, TODAY)
    return state


def _qid(state: FlowState) -> str | None:
    question = current_question(state, TODAY)
    return question.id if question else None


def test_a_new_flow_starts_with_received() -> None:
    state = start()
    assert _qid(state) == "received"
    assert not can_go_back(state)
    assert back(state) == state


def test_back_undoes_the_last_answer_only() -> None:
    state = _answer(start(), "no", "in_transit")
    assert _qid(state) == "dispute_stage"
    previous = back(state)
    assert previous.history == ["received"]
    assert "delivery_status" not in previous.answers
    assert _qid(previous) == "delivery_status"
    assert _qid(_answer(previous, "no_tracking")) == "dispute_stage"


def test_back_drops_an_unfinished_multi_selection() -> None:
    state = _answer(start(), "yes", "not_working", "none", "yes")
    state, _parsed = answer_text(state, "yesterday", TODAY)  # receipt date
    state = _answer(state, "no")  # keep the item
    assert _qid(state) == "evidence"
    state = toggle_option(state, "photos", TODAY)
    assert selected_options(state, TODAY) == ["photos"]
    earlier = back(state)
    assert "evidence" not in earlier.answers
    assert _qid(earlier) == "prefer_return"


def test_toggle_twice_unselects_and_done_accepts_an_empty_selection() -> None:
    state = _answer(start(), "yes", "not_working", "none", "yes")
    state, _parsed = answer_text(state, "yesterday", TODAY)  # receipt date
    state = _answer(state, "no")
    state = toggle_option(state, "photos", TODAY)
    state = toggle_option(state, "unboxing_video", TODAY)
    assert selected_options(state, TODAY) == ["unboxing_video", "photos"]
    state = toggle_option(state, "photos", TODAY)
    assert selected_options(state, TODAY) == ["unboxing_video"]
    done = finish_multi(state, TODAY)
    assert done.answers["evidence"] == ["unboxing_video"]
    assert _qid(done) == "price"


def test_wrong_codes_and_kinds_are_refused() -> None:
    state = start()
    with pytest.raises(ValueError):
        answer_choice(state, "maybe", TODAY)
    with pytest.raises(ValueError):
        toggle_option(state, "yes", TODAY)
    with pytest.raises(ValueError):
        answer_text(state, "yes", TODAY)
    with pytest.raises(ValueError):
        skip(state, TODAY)
    received_only = _answer(start(), "no")
    with pytest.raises(ValueError):
        answer_choice(received_only, "changed_mind", TODAY)


def test_not_received_has_no_return_stages() -> None:
    state = _answer(start(), "no", "in_transit")
    codes = {o.code for o in current_question(state, TODAY).options}
    assert "return_agreed" not in codes and "open" in codes
    state = _answer(start(), "yes", "damaged")
    codes = {o.code for o in current_question(state, TODAY).options}
    assert "return_agreed" in codes


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_invalid_text_keeps_the_state(lang: str) -> None:
    state = _answer(start(), "no", "in_transit", "none")
    assert _qid(state) == "shipped_on"
    same, parsed = answer_text(state, "whenever", TODAY)
    assert same == state
    assert not parsed.ok
    assert parsed.error_text(get_translator(lang))
    future, parsed = answer_text(state, "in 5 days", TODAY)
    assert future == state and not parsed.ok


def test_skip_stores_null_and_moves_on() -> None:
    state = _answer(start(), "no", "in_transit", "none")
    skipped = skip(state, TODAY)
    assert skipped.answers["shipped_on"] is None
    assert skipped.history[-1] == "shipped_on"
    assert _qid(skipped) == "receipt_confirmed"


def test_quantity_received_must_be_short() -> None:
    state = _answer(start(), "yes", "short_quantity", "none", "no")
    state = skip(state, TODAY)  # protection end
    state, parsed = answer_text(state, "5 pcs", TODAY)
    assert parsed.ok and _qid(state) == "quantity_received"
    for everything, error in (("5", NONE_MISSING), ("7", MORE_THAN_ORDERED)):
        same, parsed = answer_text(state, everything, TODAY)
        # Not a range error: all of it arrived, so the problem is another one (Back).
        assert same == state and parsed.error == error and parsed.params == {"ordered": "5"}
    same, parsed = answer_text(state, "-1", TODAY)
    assert same == state and not parsed.ok
    state, parsed = answer_text(state, "2", TODAY)
    assert parsed.ok and state.answers["quantity_received"] == 2


def _price_prompt_after(ordered: str) -> str:
    """The price question's prompt on a short shipment of `ordered` pieces, one received."""
    state = _answer(start(), "yes", "short_quantity", "none", "no")
    state = skip(state, TODAY)  # protection end
    state, _parsed = answer_text(state, ordered, TODAY)
    state, _parsed = answer_text(state, "0" if ordered == "1" else "1", TODAY)
    while (question := current_question(state, TODAY)) is not None and question.id != "price":
        state = skip(state, TODAY) if question.skip_label else finish_multi(state, TODAY)
    assert question is not None, "a short shipment asks the price"
    return question.prompt


def test_price_of_several_pieces_asks_the_whole_orders_total() -> None:
    # The refund is a share of what was paid for all the pieces (DOMAIN: price x missing /
    # ordered): the per-piece price of the listing would halve it.
    assert _price_prompt_after("2") == q.TOTAL_PRICE_PROMPT
    assert _price_prompt_after("1") == q.PRICE.prompt


def _at_return_cost() -> FlowState:
    """Damaged, usable, a return preferred, paid $20: the return cost is asked next."""
    state = _answer(start(), "yes", "damaged", "none", "yes")
    state, _parsed = answer_text(state, "yesterday", TODAY)  # receipt date
    state = _answer(state, "yes", "yes")  # usable, prefer a return
    state = finish_multi(state, TODAY)
    state, parsed = answer_text(state, "20 $", TODAY)
    assert parsed.ok and _qid(state) == "return_cost"
    return state


def test_a_second_amount_must_keep_the_currency() -> None:
    state = _at_return_cost()
    same, parsed = answer_text(state, "500 руб", TODAY)
    assert same == state and "USD" in parsed.error_text(get_translator("en"))
    state, parsed = answer_text(state, "7", TODAY)
    assert parsed.ok and state.answers["return_cost"] == ["7.00", None]


def test_a_free_return_is_a_return_cost_of_zero() -> None:
    state, parsed = answer_text(_at_return_cost(), "free", TODAY)
    assert parsed.ok and state.answers["return_cost"] == ["0", None]
    assert _qid(state) != "return_cost"


def test_a_price_without_currency_asks_for_it() -> None:
    state = _answer(start(), "yes", "not_working", "none", "no")
    state = skip(state, TODAY)  # protection end
    state = _answer(state, "no")  # keep the item
    state = finish_multi(state, TODAY)
    state, _ = answer_text(state, "990", TODAY)
    assert _qid(state) == "currency"
    state = answer_choice(state, "rub", TODAY)
    for _ in range(3):
        state = skip(state, TODAY)
    situation = build_situation(state, TODAY)
    assert situation.price == 990 and situation.currency == "RUB"


def _ask_forgotten(state: FlowState, today: dt.date = TODAY) -> FlowState:
    """What the dispute asked: refund only (asked of a received item), the amount forgotten."""
    question = current_question(state, today)
    if question is not None and question.id == "requested_solution":
        state = answer_choice(state, "refund_only", today)
    return skip(state, today)  # requested_amount


def test_today_is_stored_as_the_date_it_meant() -> None:
    state = _answer(start(), "no", "in_transit", "open", "yesterday")
    later = TODAY + dt.timedelta(days=3)
    state = _ask_forgotten(state, later)
    state = finish_multi(state, later)
    while current_question(state, later) is not None:
        state = skip(state, later)
    situation = build_situation(state, later)
    assert situation.dispute.opened_on == TODAY - dt.timedelta(days=1)
    assert situation.dispute.since == situation.dispute.opened_on
    assert situation.today == later


def test_not_updating_days_count_from_the_typed_date() -> None:
    state = _answer(start(), "no", "not_updating", "none")
    state = skip(state, TODAY)  # shipped on
    state = _answer(state, "no")
    state = skip(state, TODAY)  # protection end
    state = _answer(state, "date")
    state, parsed = answer_text(state, "20 days ago", TODAY)
    assert parsed.ok
    state = _answer(state, "not_contacted")
    while current_question(state, TODAY) is not None:
        state = skip(state, TODAY)
    situation = build_situation(state, TODAY)
    assert situation.days_since_tracking_update == 20


def test_seller_question_skipped_when_protection_is_about_to_end() -> None:
    state = _answer(start(), "no", "no_tracking", "none")
    state = skip(state, TODAY)
    state = _answer(state, "no")
    urgent, _ = answer_text(state, "1 day", TODAY)
    assert _qid(urgent) == "evidence"
    relaxed, _ = answer_text(state, "in 20 days", TODAY)
    assert _qid(relaxed) == "seller_contact"


def test_build_needs_a_complete_state_and_progress_grows() -> None:
    state = start()
    with pytest.raises(ValueError):
        build_situation(state, TODAY)
    first = progress(state, TODAY)
    state = _answer(state, "no")
    second = progress(state, TODAY)
    assert first[0] == 0 and second[0] == 1
    assert second[1] > second[0]


def test_unknown_flow_is_refused() -> None:
    with pytest.raises(ValueError):
        start("nonsense")


def _all_questions() -> list[Question]:
    return [step.question for flow in FLOWS.values() for step in flow.steps]


def test_every_question_text_has_a_russian_translation() -> None:
    ru = get_translator("ru")
    brand_names = {"AliExpress Standard Shipping", "AliExpress Saver Shipping"}
    brand_names.add("AliExpress Premium Shipping")
    texts = list(FOLLOWUPS.values())
    for question in _all_questions():
        texts += [question.prompt, *(o.label for o in question.options)]
        texts += [t for t in (question.skip_label, question.hint, question.examples) if t]
    for text in texts:
        if text in brand_names:
            continue
        translated = ru.gettext(text)
        assert translated != text, text
        assert any("а" <= ch.lower() <= "я" for ch in translated), text


def test_text_questions_name_a_known_parser() -> None:
    from advisor.parsing import PARSERS

    for question in _all_questions():
        assert (question.kind == "text") == (question.parser is not None), question.id
        assert question.parser is None or question.parser in PARSERS
        assert (question.kind == "text") != bool(question.options), question.id


def test_hints_that_explain_are_marked_so() -> None:
    kinds = {q.id: q.hint_kind for q in _all_questions() if q.hint}
    assert kinds["prefer_return"] == "explain" and kinds["details"] == "explain"
    assert kinds["protection_end"] == "locate" and kinds["order_number"] == "locate"
    assert Question(id="x", prompt="p", kind="text", parser="note").hint_kind == "locate"


@pytest.mark.parametrize("first", [["yes", "not_working"], ["no", "no_tracking"]])
def test_a_lost_dispute_asks_the_price_so_the_appeal_names_an_amount(first: list[str]) -> None:
    state = start("new")
    for code in [*first, "lost"]:
        state = answer_choice(state, code, TODAY)
    state = _ask_forgotten(state)
    state = finish_multi(state, TODAY)  # evidence
    question = current_question(state, TODAY)
    assert question is not None and question.id == "price" and question.skip_label
    state, parsed = answer_text(state, "25 $", TODAY)
    assert parsed.ok
    while current_question(state, TODAY) is not None:
        state = skip(state, TODAY)
    situation = build_situation(state, TODAY)
    assert situation.price == 25 and situation.currency == "USD"
    advice = decide(situation)
    assert advice.action == "appeal" and advice.amount == 25


def _at_tracking() -> FlowState:
    state = start("new")
    for code in ("no", "no_tracking", "none"):
        state = answer_choice(state, code, TODAY)
    state = skip(state, TODAY)  # shipped_on
    state = answer_choice(state, "no", TODAY)
    state = skip(state, TODAY)  # protection_end
    state = answer_choice(state, "no_reply", TODAY)
    state = finish_multi(state, TODAY)
    for _ in range(3):  # price, item, order number
        state = skip(state, TODAY)
    assert current_question(state, TODAY).id == "tracking_number"  # type: ignore[union-attr]
    return state


def test_a_held_answer_waits_until_accepted_dropped_or_retyped() -> None:
    state = _at_tracking()
    answered, parsed = answer_text(state, "RB123456784GB", TODAY)
    assert needs_confirmation(parsed)
    held = hold_answer(state, "RB123456784GB", TODAY)
    assert current_question(held, TODAY).id == "tracking_number"  # type: ignore[union-attr]
    assert held_answer(held, TODAY) is not None and held_answer(state, TODAY) is None
    assert held.history == state.history and progress(held, TODAY) == progress(state, TODAY)
    accepted = accept_held(held, TODAY)
    assert accepted == answered and accepted.history[-1] == "tracking_number"
    assert drop_held(held, TODAY) == state
    retyped, parsed = answer_text(held, "RB123456785GB", TODAY)
    assert not needs_confirmation(parsed) and retyped.answers["tracking_number"] == "RB123456785GB"
    assert back(held) == back(state)
    with pytest.raises(ValueError):
        accept_held(state, TODAY)


def test_only_a_probable_typo_needs_confirmation() -> None:
    state = _at_tracking()
    _state, unknown_format = answer_text(state, "ABCD123456", TODAY)
    assert unknown_format.ok and unknown_format.warning is not None
    assert not needs_confirmation(unknown_format)
    _state, fine = answer_text(state, "LP00123456789012", TODAY)
    assert not needs_confirmation(fine)


def test_the_counters_total_never_drops_back_once_shown() -> None:
    # Not received: the typical continuation (parcel in transit) is short; no tracking is long.
    state = remember_progress(start(), TODAY)
    totals = [progress(state, TODAY)[1]]
    for code in ("no", "no_tracking", "none"):
        state = remember_progress(answer_choice(state, code, TODAY), TODAY)
        totals.append(progress(state, TODAY)[1])
    assert totals == sorted(totals)
    assert remember_progress(state, TODAY) is state  # nothing new to remember
    restored = FlowState.model_validate_json(state.model_dump_json())
    assert progress(restored, TODAY) == progress(state, TODAY)
    # Without remembering, the estimate alone does drop back on this path.
    plain = answer_choice(start(), "no", TODAY)
    assert progress(plain, TODAY)[1] < totals[0]


def test_going_back_keeps_the_total_the_counter_showed() -> None:
    state = remember_progress(start(), TODAY)
    shown = progress(state, TODAY)[1]
    state = answer_choice(state, "no", TODAY)
    assert progress(state, TODAY)[1] >= shown
    back_to_start = back(state)
    assert progress(back_to_start, TODAY)[1] == shown


def test_the_configured_timers_decide_which_questions_are_asked() -> None:
    # Protection ends in 4 days: urgent only when "open now" is set to 4 days or more.
    state = _answer(start(), "no", "no_tracking", "none")
    state = skip(state, TODAY)
    state = _answer(state, "no")
    patient = Timers(open_now_days=2)
    hasty = Timers(open_now_days=5)
    relaxed, _ = answer_text(state, "in 4 days", TODAY, timers=patient)
    urgent, _ = answer_text(state, "in 4 days", TODAY, timers=hasty)
    assert current_question(relaxed, TODAY, timers=patient).id == "seller_contact"  # type: ignore[union-attr]
    assert current_question(urgent, TODAY, timers=hasty).id == "evidence"  # type: ignore[union-attr]
    # The same answers under the default timers still ask about the seller.
    assert _qid(urgent) == "seller_contact"


def test_a_finished_questionnaire_gives_advice_with_the_timers_it_was_asked_with() -> None:
    hasty = Timers(open_now_days=5)
    state = _answer(start(), "no", "no_tracking", "none")
    state = skip(state, TODAY, timers=hasty)
    state = answer_choice(state, "no", TODAY, timers=hasty)
    state, _ = answer_text(state, "in 4 days", TODAY, timers=hasty)
    while (question := current_question(state, TODAY, timers=hasty)) is not None:
        if question.kind == "multi":
            state = finish_multi(state, TODAY, timers=hasty)
        elif question.skip_label:
            state = skip(state, TODAY, timers=hasty)
        else:
            state = answer_choice(state, question.options[0].code, TODAY, timers=hasty)
    assert "seller_contact" not in state.history
    situation = build_situation(state, TODAY, timers=hasty)
    assert decide(situation, hasty).action.value == "open_dispute"


@pytest.mark.parametrize("confirmed", ["no", "yes"])
def test_a_date_before_shipping_is_refused_as_a_typo(confirmed: str) -> None:
    # Shipped 40 days ago; a protection end (or receipt) before that would read as "too late".
    state = _answer(start(), "no", "in_transit", "none")
    state, parsed = answer_text(state, "40 days ago", TODAY)
    assert parsed.ok
    state = _answer(state, confirmed)
    shipped = TODAY - dt.timedelta(days=40)
    before = (shipped - dt.timedelta(days=3)).strftime("%d.%m.%Y")
    same, parsed = answer_text(state, before, TODAY)
    expected = PROTECTION_BEFORE_SHIPPING if confirmed == "no" else BEFORE_SHIPPING
    assert same == state and parsed.error == expected
    assert parsed.params == {"shipped": shipped.isoformat()}
    after = (shipped + dt.timedelta(days=3)).strftime("%d.%m.%Y")
    state, parsed = answer_text(state, after, TODAY)
    assert parsed.ok


@pytest.mark.parametrize(
    ("shipped_ago", "end", "noted"),
    [
        ("yesterday", "in 5 days", True),  # walk CH: the first day to open is after the end
        ("yesterday", "in 8 days", True),
        ("yesterday", "in 9 days", False),  # the end on the first day to open
        ("30 days ago", "in 5 days", False),
        ("yesterday", "today", True),
    ],
)
def test_a_protection_end_before_the_first_day_to_open_is_taken_with_a_word_to_check_it(
    shipped_ago: str, end: str, noted: bool
) -> None:
    state = _answer(start(), "no", "in_transit", "none")
    state, _parsed = answer_text(state, shipped_ago, TODAY)
    state = _answer(state, "no")  # receipt not confirmed
    answered, parsed = answer_text(state, end, TODAY)
    assert parsed.ok and answered.answers["protection_end"] == parsed.value.isoformat()
    assert (parsed.warning == PROTECTION_BEFORE_FIRST_OPEN) is noted
    if noted:
        shipped = answered.answers["shipped_on"]
        first = dt.date.fromisoformat(shipped) + dt.timedelta(days=10)
        assert parsed.params == {"date": parsed.value.isoformat(), "first": first.isoformat()}


def test_a_last_tracking_update_before_shipping_is_refused() -> None:
    state = _answer(start(), "no", "not_updating", "none")
    state, _parsed = answer_text(state, "40 days ago", TODAY)
    state = _answer(state, "no")  # receipt not confirmed
    state, _parsed = answer_text(state, "in 30 days", TODAY)  # protection end
    state = _answer(state, "date")
    assert _qid(state) == "tracking_last_date"
    shipped = TODAY - dt.timedelta(days=40)
    before = (shipped - dt.timedelta(days=2)).strftime("%d.%m.%Y")
    same, parsed = answer_text(state, before, TODAY)
    assert same == state and parsed.error == BEFORE_SHIPPING


def test_no_extension_answers_once_receipt_is_confirmed() -> None:
    def seller_options(confirmed: str) -> tuple[str, ...]:
        state = _answer(start(), "no", "not_updating", "none")
        state, parsed = answer_text(state, "20 days ago", TODAY)
        assert parsed.ok
        state = answer_choice(state, confirmed, TODAY)
        while (question := current_question(state, TODAY)) is not None:
            if question.id == "seller_contact":
                return question.option_codes()
            if question.id == "receipt_date":
                state, _parsed = answer_text(state, "yesterday", TODAY)
            elif question.skip_label:
                state = skip(state, TODAY)
            else:
                state = answer_choice(state, question.option_codes()[0], TODAY)
        raise AssertionError("the seller question was not asked")

    assert {"extended", "refused"} <= set(seller_options("no"))
    assert not {"extended", "refused"} & set(seller_options("yes"))


def test_a_price_below_the_offer_given_before_is_refused() -> None:
    # The offer is asked before the price in /new: 34500 typed for 3450 would be judged "accept".
    state = _answer(start(), "yes", "damaged", "seller_offer", "today", "refund_only")
    state, parsed = answer_text(state, "34500 RUB", TODAY)
    assert parsed.ok
    while (question := current_question(state, TODAY)) is not None and question.id != "price":
        if question.kind == "text" and question.skip_label is None:
            raise AssertionError(question.id)
        if question.skip_label:
            state = skip(state, TODAY)
        elif question.kind == "multi":
            state = finish_multi(state, TODAY)
        else:
            state = answer_choice(state, question.option_codes()[0], TODAY)
    assert question is not None, "the price is asked to judge the offer"
    same, parsed = answer_text(state, "3450 RUB", TODAY)
    assert same == state and parsed.error == PRICE_BELOW_REFUND
    assert "34,500.00" in parsed.error_text(get_translator("en"))
    state, parsed = answer_text(state, "34500 RUB", TODAY)
    assert parsed.ok


def _at_tracking_last_date(shipped: str, today: dt.date) -> FlowState:
    state = start()
    for code in ("no", "not_updating", "none"):
        state = answer_choice(state, code, today)
    state, parsed = answer_text(state, shipped, today)
    assert parsed.ok
    while (question := current_question(state, today)) is not None:
        if question.id == "tracking_last_change":
            return answer_choice(state, "date", today)
        if question.id == "receipt_date":
            state, _parsed = answer_text(state, "yesterday", today)
            continue
        state = (
            skip(state, today)
            if question.skip_label
            else answer_choice(state, question.option_codes()[-1], today)
        )
    raise AssertionError("the tracking's last change was not asked")


def test_a_slash_date_ahead_when_read_day_first_is_read_month_first() -> None:
    # Asked in March when the tracking last changed, 02/04/2026 as 2 April is ahead: the only
    # reading the question takes is February 4.
    state = _at_tracking_last_date("20.01.2026", TODAY)
    new_state, parsed = answer_text(state, "02/04/2026", TODAY)
    assert parsed.ok, parsed.error
    assert new_state.answers["tracking_last_date"] == "2026-02-04"
    # A reading the step's own check refuses is not swapped silently (review): the refusal says
    # why, and the month's name settles it.
    same, parsed = answer_text(state, "02/01/2026", TODAY)
    assert same == state and not parsed.ok
    new_state, parsed = answer_text(state, "February 1, 2026", TODAY)
    assert parsed.ok and new_state.answers["tracking_last_date"] == "2026-02-01"


def test_a_yearless_slash_date_never_becomes_a_future_date_at_a_past_question() -> None:
    today = dt.date(2026, 3, 20)
    state = _at_tracking_last_date("10.03.2026", today)
    new_state, parsed = answer_text(state, "04/03", today)
    stored = new_state.answers.get("tracking_last_date")
    assert stored is None or stored <= today.isoformat(), stored
    assert parsed.warning is None or "2026-04-03" not in parsed.params.values()


def test_the_confirmation_date_cannot_be_skipped_but_an_estimate_is_taken() -> None:
    # Skipped, the order had no dispute window and no reminder at all (the window counts 15
    # days from the confirmation): the hint says where the date is, an estimate does.
    state = _answer(start(), "yes", "damaged", "none", "yes")
    question = current_question(state, TODAY)
    assert question is not None and question.id == "receipt_date"
    assert question.skip_label is None and question.hint == q.RECEIPT_DATE_HINT
    state, parsed = answer_text(state, "about 2 weeks ago", TODAY)
    assert parsed.ok
    assert state.answers["receipt_date"] == (TODAY - dt.timedelta(days=14)).isoformat()


@pytest.mark.parametrize(
    "stage", ["seller_offer", "seller_asks_to_close", "seller_offplatform_offer"]
)
def test_a_dispute_with_a_proposal_waiting_asks_when_it_was_opened(stage: str) -> None:
    # Walk I: saved at a seller's offer, the card had no date at all; the escalation date counts
    # from the opening (advisor/policy.py).
    state = _answer(start(), "no", "in_transit", stage)
    assert _qid(state) == "opened_when"
    state = _answer(state, "yesterday")
    while (question := current_question(state, TODAY)) is not None:
        if question.kind == "multi":
            state = finish_multi(state, TODAY)
        elif question.kind == "text" and question.skip_label is None:
            state, parsed = answer_text(state, "5 $", TODAY)
            assert parsed.ok, question.id
        elif question.skip_label:
            state = skip(state, TODAY)
        else:
            state = answer_choice(state, question.option_codes()[0], TODAY)
    situation = build_situation(state, TODAY)
    assert situation.dispute.opened_on == TODAY - dt.timedelta(days=1)
    advice = advise_buyer(situation)
    assert ("escalation", TODAY + dt.timedelta(days=6)) in [
        (d.kind, d.date) for d in advice.deadlines
    ]


def _to_the_end(state: FlowState, *texts: str) -> FlowState:
    """Type `texts` at the questions that take them in turn, skip the rest to the end."""
    typed = list(texts)
    while (question := current_question(state, TODAY)) is not None:
        if question.kind == "multi":
            state = finish_multi(state, TODAY)
        elif question.kind == "text" and typed:
            state, parsed = answer_text(state, typed.pop(0), TODAY)
            assert parsed.ok, question.id
        else:
            state = skip(state, TODAY)
    return state


@pytest.mark.parametrize("stage", ["open", "escalated", "lost", "seller_asks_to_close"])
def test_a_dispute_under_way_restates_what_the_buyer_asked(stage: str) -> None:
    """Walk G: a broken teapot's open dispute was restated as "a partial refund" (30 %), what
    the buyer had asked never asked."""
    state = _answer(start(), "yes", "damaged", stage)
    if _qid(state) == "opened_when":
        state = _answer(state, "yesterday")
    assert _qid(state) == "requested_solution"
    state = _answer(state, "refund_only")
    assert _qid(state) == "requested_amount"
    situation = build_situation(_to_the_end(state, "40 $"), TODAY)
    advice = decide(situation)
    assert (advice.solution, advice.amount, advice.currency) == ("refund_only", 40, "USD")


def test_a_dispute_won_names_the_refund_the_buyer_asked() -> None:
    """Walk A: a dispute won, entered with /new, said "Refund only, the full price you paid",
    a claim the buyer never gave."""
    state = _answer(start(), "yes", "not_working", "won")
    assert _qid(state) == "requested_solution"
    state = _answer(state, "return_and_refund")
    assert _qid(state) == "requested_amount"
    state, parsed = answer_text(state, "35 $", TODAY)
    assert parsed.ok
    situation = build_situation(_to_the_end(_answer(state, "yesterday")), TODAY)
    advice = decide(situation)
    assert (advice.solution, advice.amount, advice.currency) == ("return_and_refund", 35, "USD")


@pytest.mark.parametrize("stage", ["return_agreed", "return_shipped"])
def test_a_return_under_way_asks_only_its_amount(stage: str) -> None:
    state = _answer(start(), "yes", "wrong_item", stage)
    assert _qid(state) == "requested_amount"
    state, parsed = answer_text(state, "18 €", TODAY)
    assert parsed.ok
    situation = build_situation(_to_the_end(_answer(state, "yesterday")), TODAY)
    assert situation.dispute.requested_solution == "return_and_refund"
    assert situation.dispute.requested_amount == 18 and situation.currency == "EUR"


def test_a_note_for_the_appeal_alone_is_asked_for_the_appeal() -> None:
    """Walk A: too late for a dispute, the note was asked for "the dispute text": there is only
    the appeal."""
    from advisor.questionnaire.questions import DETAILS_APPEAL_PROMPT

    state = _answer(start(), "yes", "damaged", "none", "yes")
    state, parsed = answer_text(state, "40 days ago", TODAY)
    assert parsed.ok
    while (question := current_question(state, TODAY)) is not None and question.id != "details":
        state = finish_multi(state, TODAY) if question.kind == "multi" else skip(state, TODAY)
    assert question is not None and question.prompt == DETAILS_APPEAL_PROMPT
    # Walk BO: a Russian note is kept for the appeal's Russian copy; the warning says only the
    # English appeal leaves it out (review BZ: an English reader has no other copy).
    from advisor.parsing.numbers import NOTE_NOT_ENGLISH_APPEAL

    state, parsed = answer_text(state, "Продавец не отвечал", TODAY)
    assert parsed.ok and parsed.warning == NOTE_NOT_ENGLISH_APPEAL
    assert build_situation(_to_the_end(state), TODAY).details == "Продавец не отвечал"


def test_a_returns_amount_not_remembered_is_the_price() -> None:
    """Review U: "don't remember" at a return asked whether the item is usable, which changes
    nothing there: a return refunds the price."""
    state = skip(_answer(start(), "yes", "damaged", "return_agreed"), TODAY)
    state = _answer(state, "yesterday")
    assert _qid(state) == "price"
    advice = decide(build_situation(_to_the_end(state, "40 $"), TODAY))
    assert (advice.solution, advice.refund, advice.amount) == ("return_and_refund", "full", 40)


@pytest.mark.parametrize("stage", ["open", "escalated", "lost"])
def test_an_ask_not_remembered_is_worked_out_from_the_facts(stage: str) -> None:
    """The amount forgotten: the facts the rules' claim rests on are asked. Unusable is a full
    refund (rule 12), not rule 14's share for a usable item."""
    state = _answer(start(), "yes", "damaged", stage)
    if _qid(state) == "opened_when":
        state = _answer(state, "yesterday")
    state = skip(_answer(state, "refund_only"), TODAY)  # the amount: "I don't remember"
    assert _qid(state) == "usable"
    state = _answer(state, "no")
    advice = decide(build_situation(_to_the_end(state, "40 $"), TODAY))
    assert (advice.refund, advice.amount) == ("full", 40)


def test_a_lost_short_shipment_appeals_for_the_missing_share() -> None:
    """Walk G: 4 pairs of 10 came, the appeal asked 30 % of the price, not the missing 60 %."""
    state = _answer(start(), "yes", "short_quantity", "lost", "refund_only")
    state = skip(state, TODAY)  # the amount asked: not remembered
    assert _qid(state) == "quantity_ordered"
    advice = decide(build_situation(_to_the_end(state, "10", "4", "0", "40 €"), TODAY))
    assert (advice.action, advice.refund, advice.amount) == ("appeal", "partial", 24)


def test_no_chat_screenshot_is_offered_when_the_seller_was_not_written_to() -> None:
    """Walk A: "Screenshots of the chat with the seller" right after "Not yet" to "Have you
    written to the seller?"."""
    state = _answer(start(), "no", "in_transit", "none")
    while (question := current_question(state, TODAY)) is not None and question.id != "evidence":
        if question.id == "seller_contact":
            state = _answer(state, "not_contacted")
        elif question.id == "protection_end":  # urgent: the dispute now, with its evidence
            state = answer_text(state, "in 2 days", TODAY)[0]
        elif question.id == "shipped_on":
            state = answer_text(state, "30 days ago", TODAY)[0]
        elif question.kind == "choice":
            state = _answer(state, question.options[0].code)
        else:
            state = skip(state, TODAY) if question.skip_label else answer_text(state, "3", TODAY)[0]
    assert question is not None
    assert "seller_contact" in state.answers and "chat_screenshot" not in question.option_codes()


@pytest.mark.parametrize("old_end", [None, "3 days ago"])
def test_an_extension_with_no_end_known_asks_the_new_end(old_end: str | None) -> None:
    """Walk AF: "the seller extended it" with the end unknown (or an old one passed) made the
    advice wait with no date: no warning, no reminder before the new end ran out."""
    answers = ["no", "in_transit", "none"]
    state = _answer(start("new"), *answers)
    state, _ = answer_text(state, "30 days ago", TODAY)
    state = _answer(state, "no")
    state = skip(state, TODAY) if old_end is None else answer_text(state, old_end, TODAY)[0]
    assert _qid(state) == "seller_contact"
    state = _answer(state, "extended")
    assert _qid(state) == "extended_end"
    question = current_question(state, TODAY)
    assert question is not None and question.skip_label, "“I don't know” stays possible"
    state, parsed = answer_text(state, "in 20 days", TODAY)
    assert parsed.ok
    while (question := current_question(state, TODAY)) is not None:
        state = skip(state, TODAY) if question.skip_label else finish_multi(state, TODAY)
    situation = build_situation(state, TODAY)
    assert situation.protection_ends_on == TODAY + dt.timedelta(days=20)
    assert situation.seller.extended
    assert not situation.protection_end_before_extension, "the end given is the new one"


def test_an_extension_with_its_end_ahead_asks_nothing_more() -> None:
    state = _answer(start("new"), "no", "in_transit", "none")
    state, _ = answer_text(state, "30 days ago", TODAY)
    state = _answer(state, "no")
    state, _ = answer_text(state, "in 5 days", TODAY)
    state = _answer(state, "extended")
    assert _qid(state) != "extended_end"


def test_a_late_complaint_asks_the_price_its_amount_needs() -> None:
    """Walk AI: too late for a dispute, the complaint asks what one would have, but the price
    was never asked: "I request a full refund (refund only)." with no amount."""
    state = _answer(start("new"), "yes", "empty_package", "none", "yes")
    state, _ = answer_text(state, "60 days ago", TODAY)
    asked = []
    while (question := current_question(state, TODAY)) is not None:
        asked.append(question.id)
        if question.id == "price":
            state, _ = answer_text(state, "20 $", TODAY)
        else:
            state = skip(state, TODAY) if question.skip_label else finish_multi(state, TODAY)
    assert "price" in asked
    situation = build_situation(state, TODAY)
    advice = decide(situation)
    assert advice.action == "too_late"
    from advisor.texts import compose_texts

    appeal = compose_texts(situation, advice, "en")["appeal"]["en"]
    assert "I request a full refund of $20.00 (refund only)." in appeal


@pytest.mark.parametrize(("shipped", "offered"), [("12 days ago", False), ("14 days ago", True)])
def test_two_weeks_without_tracking_news_is_offered_only_two_weeks_after_shipping(
    shipped: str, offered: bool
) -> None:
    """Walk BI: shipped 12 days before, "2 weeks ago or more" was taken, and the seller was
    told "not updated for at least 14 days; shipped 12 days ago"."""
    state = _answer(start(), "no", "not_updating", "none")
    state, _parsed = answer_text(state, shipped, TODAY)
    state = _answer(state, "no")  # receipt not confirmed
    state, _parsed = answer_text(state, "in 30 days", TODAY)  # protection end
    question = current_question(state, TODAY)
    assert question is not None and question.id == "tracking_last_change"
    assert ("over_14" in question.option_codes()) is offered
    assert {"under_14", "date"} <= set(question.option_codes())


@pytest.mark.parametrize("ended_ago", [10, 14, 16, 30])
def test_an_extended_protection_with_only_a_passed_end_known_is_not_too_late(
    ended_ago: int,
) -> None:
    """Walk BI, review BL: the seller extended protection, the new end unknown ("I don't
    know"); the old end, past even the window after it, made the advice "too late for a
    dispute", at once or a few days after saving. Whatever the old end, and however long the
    order waits: "if the order page shows no later date, open the dispute now"."""
    from advisor.policy import advise_buyer
    from handlers.advice_wording import shown_warnings

    state = _answer(start(), "no", "in_transit", "none")
    state, _parsed = answer_text(state, "90 days ago", TODAY)
    state = _answer(state, "no")  # receipt not confirmed
    state, parsed = answer_text(state, f"{ended_ago} days ago", TODAY)  # the old end
    assert parsed.ok
    state = _answer(state, "extended")
    assert _qid(state) == "extended_end"
    state = skip(state, TODAY)
    while (question := current_question(state, TODAY)) is not None:
        multi = question.kind == "multi"
        state = finish_multi(state, TODAY) if multi else skip(state, TODAY)
    situation = build_situation(state, TODAY)
    assert situation.seller.extended and situation.protection_end_before_extension
    for later in (0, 3, 20):
        aged = situation.model_copy(update={"today": TODAY + dt.timedelta(days=later)})
        advice = advise_buyer(aged)
        assert advice.action == "open_dispute", (ended_ago, later)
        assert "extension_end_passed" in advice.why
        # Walk BM: not "Buyer Protection has already ended" beside "if the order page shows no
        # later date".
        assert "protection_expired" not in shown_warnings(aged, advice)


def _finished(state: FlowState) -> FlowState:
    """The questionnaire completed with skips, or the first option where nothing can be
    skipped."""
    while (question := current_question(state, TODAY)) is not None:
        if question.skip_label is not None:
            state = skip(state, TODAY)
        elif question.kind == "multi":
            state = finish_multi(state, TODAY)
        else:
            state = answer_choice(state, question.option_codes()[0], TODAY)
    return state


def test_a_rejected_dispute_is_open_and_answered_and_advised_to_escalate() -> None:
    """Walk CL: "The seller rejected the dispute" was no answer to "Is there a dispute?", and
    "open, waiting for the seller" led to waiting for an answer already given."""
    from advisor.deadlines import seller_answered

    state = _answer(start("new"), "no", "in_transit", "seller_rejected")
    assert _qid(state) == "opened_when"
    state, parsed = answer_text(_answer(state, "earlier"), "3 days ago", TODAY)
    assert parsed.ok
    situation = build_situation(_finished(state), TODAY)
    assert situation.dispute.stage == "open"
    assert situation.dispute.opened_on == TODAY - dt.timedelta(days=3)
    assert situation.dispute.since == TODAY and seller_answered(situation)
    assert advise_buyer(situation).action == "keep_dispute_open"


def test_a_dispute_open_and_waiting_is_not_taken_as_answered() -> None:
    from advisor.deadlines import seller_answered

    state = _answer(start("new"), "no", "in_transit", "open", "earlier")
    state, _parsed = answer_text(state, "3 days ago", TODAY)
    situation = build_situation(_finished(state), TODAY)
    assert situation.dispute.since == TODAY - dt.timedelta(days=3)
    assert not seller_answered(situation)


@pytest.mark.parametrize(
    ("problem", "offered"),
    [("short_quantity", False), ("empty_package", False), ("not_working", True), ("damaged", True)],
)
def test_a_defect_video_is_offered_only_where_there_is_a_defect(
    problem: str | None, offered: bool
) -> None:
    """Walk CM: a short shipment was offered "a video that shows the defect"."""
    from advisor.models import Situation
    from advisor.questionnaire.followups import evidence_to_add
    from advisor.questionnaire.steps import evidence_fits

    assert evidence_fits("defect_video", received=True, status=None, problem=problem) is offered
    assert evidence_fits("photos", received=True, status=None, problem=problem)
    situation = Situation(today=TODAY, received=True, problem=problem)
    assert ("defect_video" in evidence_to_add(situation)) is offered
