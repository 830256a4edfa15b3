"""The questionnaire engine: the next question, answers, skip, back, and the final Situation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from advisor.amounts import example_amounts
from advisor.models import Situation
from advisor.parsing import PARSERS, Money, Parsed, TrackingNumber
from advisor.parsing.dates import DATE_ESTIMATE, DATE_ROUGH, READS_TWO_WAYS
from advisor.parsing.money import (
    MONEY_ESTIMATE,
    MONEY_JUST_THE_AMOUNT,
    MONEY_NEGATIVE,
    MONEY_NOT_POSITIVE,
    MONEY_PERCENT,
    MONEY_UNREADABLE,
    percent_of,
)
from advisor.parsing.numbers import part_that_came
from advisor.parsing.protection import PROTECTION_PASSED
from advisor.parsing.tracking import TRACKING_CHECK_DIGIT
from advisor.timers import DEFAULT_TIMERS, Timers
from locales import N_

from .correction import CORRECTION_OTHER_CURRENCY
from .dispute_ask import Claim, card_claim
from .followup_common import followup_currency
from .followups import FOLLOWUP_FLOWS, asked_amount
from .large_price import PRICE_LARGE
from .model import Ctx, Flow, FlowState, Question, Step
from .new_answers import known_currency
from .new_flow import NEW_FLOW
from .steps import OTHER_CURRENCY, money_amount, money_currency, money_json

FLOWS: dict[str, Flow] = {"new": NEW_FLOW, **FOLLOWUP_FLOWS}
# Parser warnings that hold the answer for the user to confirm or fix (see needs_confirmation).
CONFIRM_WARNINGS = frozenset(
    {TRACKING_CHECK_DIGIT, *READS_TWO_WAYS, PROTECTION_PASSED, PRICE_LARGE}
)


def _flow(state: FlowState) -> Flow:
    try:
        return FLOWS[state.flow]
    except KeyError:
        raise ValueError(f"unknown flow: {state.flow!r}") from None


def _ctx(state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS) -> Ctx:
    """The answered questions only: an unfinished multi selection is not an answer yet."""
    answers = {qid: state.answers.get(qid) for qid in state.history}
    base = Situation.model_validate(state.base) if state.base is not None else None
    return Ctx(answers=answers, today=today, base=base, timers=timers)


def _resolve(step: Step, ctx: Ctx) -> Question:
    """The step's question as asked after these answers: its options and prompt fitted."""
    update: dict[str, Any] = {}
    if step.options_when is not None:
        update["options"] = tuple(
            o for o in step.question.options if step.options_when(ctx, o.code)
        )
    prompt = step.prompt_when(ctx) if step.prompt_when is not None else None
    if prompt is not None:
        update["prompt"] = prompt
    skip_label = step.skip_when(ctx) if step.skip_when is not None else None
    if skip_label is not None:
        update["skip_label"] = skip_label
    return step.question.model_copy(update=update) if update else step.question


def _next_step(flow: Flow, ctx: Ctx, first: int = 0) -> int | None:
    """The index of the first unanswered step from `first` on that is asked, or None."""
    for index in range(first, len(flow.steps)):
        step = flow.steps[index]
        if not ctx.answered(step.question.id) and step.when(ctx):
            return index
    return None


def _current_step(flow: Flow, ctx: Ctx) -> Step | None:
    index = _next_step(flow, ctx)
    return flow.steps[index] if index is not None else None


def _keys(state: FlowState) -> tuple[str, str | None]:
    """The answered questions and the saved situation as JSON: a cache key for the flow's walk.

    Asked several times per update (render, answer, progress), so remembered for the objects it
    was made from: the engine never changes a state's answers, history or saved situation in
    place (a new state gets new ones through model_copy), so while a state holds the same three
    objects its key is the same. The memo holds them, so their ids cannot be reused meanwhile.
    """
    made_from = (state.answers, state.history, state.base)
    ids = (id(made_from[0]), id(made_from[1]), id(made_from[2]))
    seen = _KEYS_SEEN.get(ids)
    if seen is not None and all(a is b for a, b in zip(seen[0], made_from, strict=True)):
        return seen[1]
    answers = {qid: state.answers.get(qid) for qid in state.history}
    key = json.dumps(answers, sort_keys=True, default=str)
    base = json.dumps(state.base, sort_keys=True, default=str) if state.base is not None else None
    if len(_KEYS_SEEN) >= _KEYS_KEPT:
        _KEYS_SEEN.clear()
    _KEYS_SEEN[ids] = (made_from, (key, base))
    return key, base


# The keys of the states of the updates being handled (a few at a time); see `_keys`.
_KEYS_KEPT = 256
_KEYS_SEEN: dict[tuple[int, int, int], tuple[tuple[Any, Any, Any], tuple[str, str | None]]] = {}


def _ctx_of(
    answers_key: str, today: dt.date, base_key: str | None, timers: Timers = DEFAULT_TIMERS
) -> Ctx:
    base = Situation.model_validate(json.loads(base_key)) if base_key is not None else None
    return Ctx(answers=json.loads(answers_key), today=today, base=base, timers=timers)


@lru_cache(maxsize=2048)
def _question_at(
    flow_name: str, answers_key: str, today: dt.date, base_key: str | None, timers: Timers
) -> Question | None:
    """The current question of a state, or None when complete.

    Pure in its arguments and asked several times per update (render, answer, progress), while
    the walk evaluates every step's condition, some of them running the rules: so it is cached.
    Questions are frozen, so a cached one is safe to share.
    """
    ctx = _ctx_of(answers_key, today, base_key, timers)
    step = _current_step(FLOWS[flow_name], ctx)
    return _resolve(step, ctx) if step is not None else None


def _require(
    state: FlowState, today: dt.date, kind: str | None = None, *, timers: Timers = DEFAULT_TIMERS
) -> tuple[Step, Question]:
    question = current_question(state, today, timers=timers)
    if question is None:
        raise ValueError("the questionnaire is complete")
    if kind is not None and question.kind != kind:
        raise ValueError(f"question {question.id!r} is not a {kind} question")
    return _flow(state).by_id[question.id], question


def _answered(state: FlowState, qid: str, value: Any) -> FlowState:
    answers = {k: v for k, v in state.answers.items() if k in state.history}
    answers[qid] = value
    update: dict[str, Any] = {"answers": answers, "history": [*state.history, qid]}
    if qid in state.earlier:  # answered anew: the earlier answer is no longer offered
        update["earlier"] = {k: v for k, v in state.earlier.items() if k != qid}
        kind = _flow(state).by_id[qid].question.kind
        if kind == "choice" and state.earlier[qid] != value and qid not in _SAME_STORY_CHOICES:
            # Another choice may lead another way, where the later answers, given for the first
            # one, would be kept unseen (review AP: a not-received note in a damaged item's text):
            # only the order's own facts stay. Ticks and typed answers lead the same way (review
            # AQ: new evidence ticks dropped the typed price and numbers).
            update["earlier"] = {
                k: v for k, v in update["earlier"].items() if k in _FACTS_OF_ANY_STORY
            }
    return state.model_copy(update=update)


# Answers about the order and its dispute, whatever the problem or the tracking says: kept to
# offer again after another story's choice (walk of 2026-12-03: "the tracking has not changed for
# long" instead of "on its way" made the buyer type the ship date, protection end and the rest
# anew, under "the answers after it stay"). The buyer's note too: never kept unseen (Keep all
# stops at it, see keep_all_earlier), it is shown to keep or rewrite (walk of 2026-12-03: it went
# without a word). Not the story's own answers (evidence, the customs or address details...), nor
# the seller contact, whose answers mean other things by status (asked to extend a parcel on its
# way, or written to about one marked delivered: review of 2026-12-03).
_FACTS_OF_ANY_STORY = frozenset(
    {
        "dispute_stage",
        "opened_when",
        "opened_date",
        "offer_solution",
        "offer_amount",
        "requested_solution",
        "requested_amount",
        "evreq_when",
        "evreq_date",
        "ret_agreed_when",
        "ret_agreed_date",
        "ret_shipped_when",
        "ret_shipped_date",
        "won_when",
        "won_date",
        "shipped_on",
        "receipt_confirmed",
        "receipt_date",
        "protection_end",
        "extended_end",
        "shipping_method",
        "quantity_ordered",
        "price",
        "currency",
        "item",
        "order_number",
        "tracking_number",
        "details",
    }
)


# Choices that only refine the same story: the later answers (evidence, price, item, numbers,
# note) still hold after another one, and are offered again (walk CC: "send it back" instead of
# "keep it" made the buyer type the price, item, order number and note anew).
_SAME_STORY_CHOICES = frozenset(
    {
        "prefer_return",
        "usable",
        "seller_contact",
        "seller_answered",
        "shipping_method",
        "receipt_confirmed",
        "not_collected",
        "address_error_by",
        "customs_issue",
        "tracking_last_change",
        "currency",
    }
)


def start(flow: str = "new", base: Situation | None = None) -> FlowState:
    """A fresh state of a flow; follow-ups need the saved Situation they change."""
    definition = FLOWS.get(flow)
    if definition is None:
        raise ValueError(f"unknown flow: {flow!r}")
    if definition.needs_base and base is None:
        raise ValueError(f"the follow-up {flow!r} needs the saved situation")
    dumped = base.model_dump(mode="json") if base is not None else None
    return FlowState(flow=flow, base=dumped)


def current_question(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> Question | None:
    """The question to ask now, or None when the answers are complete."""
    _flow(state)  # an unknown flow fails here, not inside the cache
    key, base = _keys(state)
    return _question_at(state.flow, key, today, base, timers)


def is_complete(state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS) -> bool:
    """Whether every question the flow needs is answered."""
    return current_question(state, today, timers=timers) is None


def answer_choice(
    state: FlowState, code: str, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> FlowState:
    """Answer the current choice question with one of its option codes."""
    step, question = _require(state, today, "choice", timers=timers)
    if code not in question.option_codes():
        raise ValueError(f"unknown option {code!r} for question {question.id!r}")
    value = step.store_choice(code, today) if step.store_choice else code
    return _answered(state, question.id, value)


def answer_typed_currency(
    state: FlowState, currency: str, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> FlowState:
    """Answer the currency question with a currency it has no button for (an ISO code the
    money parser knows, "INR"), as its button would: the amounts typed without one are in it.
    Not the X codes (metals, "no currency")."""
    _step, question = _require(state, today, "choice", timers=timers)
    code = currency.lower()
    if question.id != "currency" or len(code) != 3 or not code.isalpha() or code[0] == "x":
        raise ValueError(f"{currency!r} does not answer question {question.id!r}")
    return _answered(state, question.id, code)


def selected_options(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> list[str]:
    """The options selected so far in the current multi question."""
    _step, question = _require(state, today, "multi", timers=timers)
    return _selection(state, question)


def _selection(state: FlowState, question: Question) -> list[str]:
    """The options of a multi question selected in `state`, in the question's order."""
    chosen = state.answers.get(question.id) or []
    return [code for code in question.option_codes() if code in chosen]


def toggle_option(
    state: FlowState, code: str, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> FlowState:
    """Select or unselect one option of the current multi question."""
    _step, question = _require(state, today, "multi", timers=timers)
    if code not in question.option_codes():
        raise ValueError(f"unknown option {code!r} for question {question.id!r}")
    chosen = set(_selection(state, question)) ^ {code}
    selection = [c for c in question.option_codes() if c in chosen]
    return state.model_copy(update={"answers": {**state.answers, question.id: selection}})


def finish_multi(state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS) -> FlowState:
    """Accept the current multi selection (possibly empty) as the answer."""
    _step, question = _require(state, today, "multi", timers=timers)
    return _answered(state, question.id, _selection(state, question))


def _to_json(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Money):
        return money_json(value)
    if isinstance(value, TrackingNumber):
        return value.number
    return value


def answer_text(
    state: FlowState,
    text: str,
    today: dt.date,
    *,
    timers: Timers = DEFAULT_TIMERS,
    now: dt.datetime | None = None,
) -> tuple[FlowState, Parsed[Any]]:
    """Parse a typed answer; on failure the state is returned unchanged with the failed Parsed.

    `now`, the user's local time, lets a Buyer Protection timer count its hours.
    """
    step, question = _require(state, today, "text", timers=timers)
    answered, parsed = _parse_text(state, step, question, text, today, timers, now)
    came = part_that_came(text) if parsed.ok and question.id == "quantity_ordered" else None
    if came is not None:
        # "2 of 5" where the pieces ordered are asked: the 2 is offered at the next question,
        # to keep with one tap (walk CF: typed again).
        answered = answered.model_copy(
            update={"earlier": {**answered.earlier, "quantity_received": came}}
        )
    return answered, parsed


def needs_confirmation(parsed: Parsed[Any]) -> bool:
    """Whether a parsed answer is probably a typo the user should confirm before it counts.

    A failed S10 check digit, and a slash date that reads both ways (12/05: May or December);
    an unknown tracking format is common and legitimate.
    """
    return parsed.ok and parsed.warning in CONFIRM_WARNINGS


def hold_answer(
    state: FlowState, text: str, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> FlowState:
    """Keep a typed answer on the current question, unanswered until `accept_held`.

    Held like an unfinished multi selection (in `answers`, not in `history`), so another typed
    answer, Skip or Back simply replaces or drops it.
    """
    _step, question = _require(state, today, "text", timers=timers)
    return state.model_copy(update={"answers": {**state.answers, question.id: text}})


def held_answer(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> tuple[str, Parsed[Any]] | None:
    """The typed answer held on the current question and its parse (with the warning), or None."""
    question = current_question(state, today, timers=timers)
    if question is None or question.kind != "text":
        return None
    text = state.answers.get(question.id)
    if not isinstance(text, str):
        return None
    step = _flow(state).by_id[question.id]
    _state, parsed = _parse_text(state, step, question, text, today, timers)
    return (text, parsed) if parsed.ok else None


def accept_held(state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS) -> FlowState:
    """Accept the held answer despite its warning; ValueError when nothing is held."""
    held = held_answer(state, today, timers=timers)
    if held is None:
        raise ValueError("no answer is held on the current question")
    step, question = _require(state, today, "text", timers=timers)
    new_state, _parsed = _parse_text(state, step, question, held[0], today, timers)
    return new_state


def held_readings(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> tuple[dt.date, dt.date] | None:
    """A held date's two readings (a slash date's day first, then month first; a weekday's
    nearer one, then the one a week from it), or None."""
    held = held_answer(state, today, timers=timers)
    if held is None or held[1].warning not in READS_TWO_WAYS:
        return None
    read, other = held[1].value, held[1].params.get("other")
    if not isinstance(read, dt.date) or other is None:
        return None
    return read, dt.date.fromisoformat(other)


def accept_reading(
    state: FlowState, today: dt.date, month_first: bool, *, timers: Timers = DEFAULT_TIMERS
) -> tuple[FlowState, Parsed[Any]]:
    """Answer with one reading of the held slash date, day first or month first (12/5 as
    December 5, as in the US), checked as if typed with the month's name; the answered state
    and its parse (a protection end far ahead is said so). ValueError when no date that reads
    both ways is held or that reading is not taken."""
    readings = held_readings(state, today, timers=timers)
    if readings is None:
        raise ValueError("no date that reads both ways is held on the current question")
    step, question = _require(state, today, "text", timers=timers)
    chosen = readings[1 if month_first else 0].isoformat()
    new_state, parsed = _parse_text(state, step, question, chosen, today, timers)
    if not parsed.ok:
        raise ValueError(f"that reading does not fit question {question.id!r}")
    return new_state, parsed


def drop_held(state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS) -> FlowState:
    """Forget the held answer, so the current question is asked afresh."""
    question = current_question(state, today, timers=timers)
    if question is None or question.id not in state.answers or question.kind != "text":
        return state
    answers = {k: v for k, v in state.answers.items() if k != question.id}
    return state.model_copy(update={"answers": answers})


def _parse_text(
    state: FlowState,
    step: Step,
    question: Question,
    text: str,
    today: dt.date,
    timers: Timers = DEFAULT_TIMERS,
    now: dt.datetime | None = None,
) -> tuple[FlowState, Parsed[Any]]:
    """Parse and check a typed answer; the answered state, or the unchanged one on failure."""
    if question.parser is None or question.parser not in PARSERS:
        raise ValueError(f"question {question.id!r} has no known parser")
    ctx = _ctx(state, today, timers=timers)
    parser = PARSERS[question.parser]
    options = step.parser_options(ctx) if step.parser_options else {}
    if question.estimate_ok:
        options = {**options, "allow_estimate": True}
    if question.parser == "protection_end" and now is not None:
        parsed = parser(text, today, now=now, **options)
    elif question.parser in ("date", "protection_end"):
        parsed = parser(text, today, **options)
    else:
        parsed = parser(text, **options)
    if parsed.ok and parsed.warning == MONEY_ESTIMATE and not question.estimate_checked:
        parsed = dataclasses.replace(parsed, warning=None)
    if not parsed.ok:
        share = _share_of_price(ctx, question, parsed)
        if share is None:
            return state, _in_required_currency(state, parsed, today, timers)
        parsed = share
    estimated = parsed.warning in (DATE_ESTIMATE, DATE_ROUGH)  # before a check's word
    if step.check is not None:
        checked = step.check(ctx, parsed.value)
        if checked is not None and not checked.ok:
            return state, checked
        # Taken, with a word to check it; a date that reads two ways keeps its two buttons, and
        # the reading pressed is checked then (second walk of 2026-12-03: "next Friday" shipped
        # a week before lost them to "that is before the first day to open a dispute").
        if checked is not None and parsed.warning not in READS_TWO_WAYS:
            parsed = checked
    answered = _answered(state, question.id, _to_json(parsed.value))
    counted = question.parser in ("date", "protection_end") and _counted_from_today(
        parsed.value, lambda later: parser(text, later, **options).value, today
    )
    relative = [qid for qid in state.relative_dates if qid != question.id]
    if counted:
        relative.append(question.id)
    if relative != state.relative_dates:
        answered = answered.model_copy(update={"relative_dates": relative})
    estimates = [qid for qid in state.estimated_dates if qid != question.id]
    if estimated:
        estimates.append(question.id)
    if estimates != state.estimated_dates:
        answered = answered.model_copy(update={"estimated_dates": estimates})
    return answered, parsed


def _counted_from_today(value: Any, read_on: Callable[[dt.date], Any], today: dt.date) -> bool:
    """Whether a typed date was counted from today ("in 6 days", "вчера"): read a day later, it
    is a day later. A date with a time of day (a timer's hours) is an instant: not counted."""
    if type(value) is not dt.date:
        return False
    try:
        return bool(read_on(today + dt.timedelta(days=1)) == value + dt.timedelta(days=1))
    except (ValueError, OverflowError):
        return False


def skip(state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS) -> FlowState:
    """Answer the current question with "I don't know" / "Skip" (stored as null)."""
    _step, question = _require(state, today, timers=timers)
    if question.skip_label is None:
        raise ValueError(f"question {question.id!r} cannot be skipped")
    return _answered(state, question.id, None)


def can_go_back(state: FlowState) -> bool:
    """Whether there is an answer to undo."""
    return bool(state.history)


def back(state: FlowState) -> FlowState:
    """Undo the last answer (and any unfinished multi selection); unchanged at the start."""
    if not state.history:
        return state.model_copy(update={"answers": {}})
    undone, history = state.history[-1], state.history[:-1]
    answers = {k: v for k, v in state.answers.items() if k in history}
    step = _flow(state).by_id.get(undone)
    if step is not None and step.question.kind == "multi":
        # Its ticks stay, unfinished again, to change or keep (review V: redone from memory).
        answers[undone] = state.answers.get(undone) or []
    earlier = {**state.earlier, undone: state.answers.get(undone)}
    return state.model_copy(update={"answers": answers, "history": history, "earlier": earlier})


def back_to(state: FlowState, qid: str) -> FlowState:
    """Undo the answers back to question `qid`'s, so it is asked again and the answers after it
    are offered as earlier ones (Back, as many times as it takes); ValueError if `qid` was not
    answered."""
    if qid not in state.history:
        raise ValueError(f"question {qid!r} was not answered")
    while qid in state.history:
        state = back(state)
    return state


def answered_questions(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> list[tuple[Question, Any]]:
    """The questions answered so far, in order, as they were asked (prompts fitted to the
    answers before them), each with its stored answer (None: skipped)."""
    flow = _flow(state)
    asked: list[tuple[Question, Any]] = []
    for index, qid in enumerate(state.history):
        step = flow.by_id.get(qid)
        if step is None:
            continue
        before = _ctx(
            state.model_copy(update={"history": state.history[:index]}), today, timers=timers
        )
        asked.append((_resolve(step, before), state.answers.get(qid)))
    return asked


def keep_earlier(state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS) -> FlowState:
    """Answer the current question with the answer Back took from it, checked as if given
    anew (the answers before it may have changed); ValueError when there is none that fits."""
    step, question = _require(state, today, timers=timers)
    if question.id not in state.earlier or held_answer(state, today, timers=timers) is not None:
        raise ValueError(f"no earlier answer to keep for question {question.id!r}")
    value = state.earlier[question.id]
    if value is None:
        return skip(state, today, timers=timers)
    if question.id == "currency" and value not in question.option_codes():
        # One typed, with no button (review AQ).
        return answer_typed_currency(state, str(value), today, timers=timers)
    if question.kind == "choice":
        return answer_choice(
            state, _earlier_code(step, question, value, today), today, timers=timers
        )
    if question.kind == "multi":
        if not isinstance(value, list) or not set(value) <= set(question.option_codes()):
            raise ValueError(f"the earlier selection no longer fits question {question.id!r}")
        selected = state.model_copy(update={"answers": {**state.answers, question.id: value}})
        return finish_multi(selected, today, timers=timers)
    return _keep_typed(state, step, question, value, today, timers)


def _earlier_code(step: Step, question: Question, value: Any, today: dt.date) -> str:
    """The option that gave a stored choice: its code, or the one whose stored value it is
    ("Yesterday" is stored as the date it meant, so a day later it no longer is)."""
    for code in question.option_codes():
        if value == code or (step.store_choice and step.store_choice(code, today) == value):
            return code
    raise ValueError(f"the earlier answer no longer fits question {question.id!r}")


def _keep_typed(
    state: FlowState, step: Step, question: Question, value: Any, today: dt.date, timers: Timers
) -> FlowState:
    """A stored typed answer given again: written out as typing would, parsed and checked."""
    # A protection end with its hour (not a note that holds a "T").
    timed = (
        question.parser in ("date", "protection_end") and isinstance(value, str) and "T" in value
    )
    text = _typed_form(value[:10] if timed else value)
    kept, parsed = _parse_text(state, step, question, text, today, timers)
    if not parsed.ok or _to_json(parsed.value) != (value[:10] if timed else value):
        raise ValueError(f"the earlier answer no longer fits question {question.id!r}")
    if timed:  # the hour is not typeable as a date: the date was checked, the time stays
        kept = _answered(state, question.id, value)
    return kept


def _typed_form(value: Any) -> str:
    """A stored typed answer as text its parser reads back to the same value."""
    if isinstance(value, list) and value:  # an amount: [amount, currency or null]
        return " ".join(str(part) for part in value if part)
    return str(value)


def with_earlier_ticks(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> FlowState:
    """The state with the current multi question's earlier selection ticked again, as Back
    leaves it (walk AR: reached again after a changed answer, its boxes were empty and "Done"
    dropped the earlier ticks); unchanged otherwise."""
    if not state.earlier:  # the common case, on every question shown: nothing to look up
        return state
    question = current_question(state, today, timers=timers)
    if question is None or question.kind != "multi" or question.id in state.answers:
        return state
    earlier = state.earlier.get(question.id)
    if not isinstance(earlier, list) or not earlier:
        return state
    ticks = [code for code in question.option_codes() if code in earlier]
    return state.model_copy(update={"answers": {**state.answers, question.id: ticks}})


def earlier_answer(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> tuple[Any] | None:
    """(the answer Back took from the current question,) when it can be kept, else None; not
    while ticks Back left on a multi question, or a typed answer, wait there."""
    if not state.earlier:  # the common case, on every question shown: nothing to look up
        return None
    question = current_question(state, today, timers=timers)
    if question is None or question.id not in state.earlier or question.id in state.answers:
        return None
    try:
        keep_earlier(state, today, timers=timers)
    except ValueError:
        return None
    return (state.earlier[question.id],)


def advised_claim(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> Claim | None:
    """What the saved order's advice suggested asking in its dispute, or None (a new order, or
    advice to do something else): said beside "What you advised", whose card is gone by then
    (walk AL: the buyer had to remember what it was)."""
    if state.base is None:
        return None
    return card_claim(_ctx(state, today, timers=timers))


def asked_in_dispute(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> float | None:
    """The amount the saved order's dispute asks (as recorded, or as its advice claims it), in
    the order's currency; None for a new order or when neither says."""
    if state.base is None:
        return None
    return asked_amount(_ctx(state, today, timers=timers))


def keep_all_earlier(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> tuple[FlowState, int]:
    """Keep earlier answers question after question until one is missing or no longer fits,
    or is the buyer's own words about the problem (shown to keep or rewrite: walk AR, "only 6 of
    10 came" kept beside a changed count): the state and how many were kept; ValueError when not
    even the current one can be."""
    state = keep_earlier(state, today, timers=timers)
    kept = 1
    while (earlier := earlier_answer(state, today, timers=timers)) is not None:
        question = current_question(state, today, timers=timers)
        # A note skipped is kept skipped: there are no words of the buyer's to check (second
        # walk of 2026-12-03: it stopped there, "keep your note", with no note and no Keep).
        if question is not None and question.id == "details" and earlier[0]:
            break
        state = keep_earlier(state, today, timers=timers)
        kept += 1
    return state, kept


def build_situation(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> Situation:
    """The Situation of a complete state (a follow-up patches its saved situation), naming the
    dates given as estimates."""
    # Imported here: estimated_dates builds situations with this module's flows.
    from .estimated_dates import with_estimates

    if not is_complete(state, today, timers=timers):
        raise ValueError("the questionnaire is not complete")
    built = _flow(state).build(_ctx(state, today, timers=timers))
    return with_estimates(built, state, today, timers=timers)


def _typical(step: Step, question: Question, today: dt.date) -> Any:
    """The answer a progress estimate assumes: the first option, an empty selection, a skip."""
    if question.kind == "choice" and question.options:
        code = question.options[0].code
        return step.store_choice(code, today) if step.store_choice else code
    if question.kind == "multi":
        return []
    return None


def progress(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> tuple[int, int]:
    """(questions answered, estimated total) for a "3/9" counter.

    The estimate follows a typical continuation, so an answer can shorten or lengthen it; the
    total is never below one the counter already showed (`remember_progress`): a path that
    turns out shorter simply ends early.
    """
    _flow(state)  # an unknown flow fails here, not inside the cache
    key, base = _keys(state)
    answered = len(state.history)
    estimate = answered + _remaining(state.flow, key, today, base, timers)
    if estimate == answered:
        return answered, answered  # complete
    return answered, max(estimate, state.total_seen)


def remember_progress(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> FlowState:
    """The state remembering the total its counter shows now (keep it with the state)."""
    _answered_count, total = progress(state, today, timers=timers)
    if total <= state.total_seen:
        return state
    return state.model_copy(update={"total_seen": total})


@lru_cache(maxsize=4096)
def _remaining(
    flow_name: str, answers_key: str, today: dt.date, base_key: str | None, timers: Timers
) -> int:
    """How many questions a typical continuation still asks.

    Pure in its arguments, and many users walk the same paths, so it is cached. The walk goes on
    from the step just answered: a condition reads only earlier answers, so the steps before it
    keep their verdict (test_questions_come_in_catalogue_order holds the flows to that).
    """
    flow = FLOWS[flow_name]
    ctx = _ctx_of(answers_key, today, base_key, timers)
    answers = dict(ctx.answers)
    remaining = 0
    index = _next_step(flow, ctx)
    while index is not None:
        step = flow.steps[index]
        question = _resolve(step, ctx)
        answers[question.id] = _typical(step, question, today)
        # The walk's steps judge by the provisional advice on the answers actually given: an
        # estimate needs no advice for every assumed answer, each a new case for the rules
        # (a fifth of an update's handling, measured with py-spy on bench/updates.py).
        ctx = Ctx(answers=answers, today=today, base=ctx.base, timers=timers, memo=ctx.memo)
        remaining += 1
        index = _next_step(flow, ctx, index + 1)
    return remaining


def amounts_currency(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> str | None:
    """The currency of the amounts answered so far: typed with one, chosen, or the saved
    order's (what an amount typed without a currency will be stored in); None when unknown."""
    ctx = _ctx(state, today, timers=timers)
    return known_currency(ctx) if state.flow == "new" else followup_currency(ctx)


# Amounts refused with examples in several currencies, where only one is taken (review V):
# the same refusals with examples in that one.
MONEY_UNREADABLE_IN = N_(
    "I could not read this amount. Please send just the number, in %(currency)s, for example:"
    " %(example)s."
)
MONEY_NOT_POSITIVE_IN = N_(
    "The amount must be greater than zero, in %(currency)s, for example: %(example)s."
)
MONEY_NEGATIVE_IN = N_(
    "The amount cannot be negative, in %(currency)s, for example: 0 (free) or %(example)s."
)
MONEY_PERCENT_IN = N_(
    "Please send the amount of money, not a percentage, in %(currency)s, for example: %(example)s."
)
_IN_ONE_CURRENCY = {
    MONEY_PERCENT: MONEY_PERCENT_IN,
    MONEY_UNREADABLE: MONEY_UNREADABLE_IN,
    MONEY_JUST_THE_AMOUNT: MONEY_UNREADABLE_IN,
    MONEY_NOT_POSITIVE: MONEY_NOT_POSITIVE_IN,
    MONEY_NEGATIVE: MONEY_NEGATIVE_IN,
}


# The amounts a share of the price can be ("the seller offers 30%").
_SHARES_OF_PRICE = frozenset({"offer_amount", "requested_amount"})


def _share_of_price(ctx: Ctx, question: Question, refused: Parsed[Any]) -> Parsed[Money] | None:
    """A percentage typed for an offer or an ask, as that share of the price when the price is
    known (given in this questionnaire, or the saved order's); None otherwise."""
    if question.id not in _SHARES_OF_PRICE:
        return None
    price, currency = money_amount(ctx, "price"), money_currency(ctx, "price")
    if price is None and ctx.base is not None and ctx.base.price is not None:
        price, currency = ctx.base.price, ctx.base.currency
    if price is None:
        return None
    return percent_of(refused, Decimal(str(price)), currency or known_currency(ctx))


def _in_required_currency(
    state: FlowState, refused: Parsed[Any], today: dt.date, timers: Timers
) -> Parsed[Any]:
    """A refused amount explained in the one currency the question takes, if it takes one."""
    message = _IN_ONE_CURRENCY.get(refused.error) if refused.error else None
    currency = required_currency(state, today, timers=timers) if message else None
    if message is None or currency is None:
        return refused
    example = str(example_amounts(currency)[0])
    return Parsed(error=message, params={"currency": currency, "example": example})


# Refusals of an amount in another currency than the amounts given before.
_OTHER_CURRENCY_ERRORS = frozenset({OTHER_CURRENCY, CORRECTION_OTHER_CURRENCY})


def required_currency(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> str | None:
    """The one currency the current amount question accepts (that of the amounts given
    before), or None when any will do: so its examples show no other (walk Y)."""
    question = current_question(state, today, timers=timers)
    if question is None or question.parser != "money":
        return None
    expected = amounts_currency(state, today, timers=timers)
    step = _flow(state).by_id[question.id]
    if expected is None or step.check is None:
        return None
    # Asked the question's own check: an amount in some other currency, refused or not.
    other = Money(amount=Decimal(1), currency="EUR" if expected != "EUR" else "USD")
    refused = step.check(_ctx(state, today, timers=timers), other)
    return expected if refused is not None and refused.error in _OTHER_CURRENCY_ERRORS else None
