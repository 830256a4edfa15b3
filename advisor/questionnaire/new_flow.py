"""The questionnaire for a new problem order: which question follows which answer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from functools import lru_cache

from advisor.amounts import cents
from advisor.models import Action, Advice, Evidence
from advisor.parsing import Parsed
from advisor.parsing.dates import day_of
from advisor.policy import PROPOSAL_STAGES, advise_buyer
from advisor.rules.why import Why
from advisor.texts import applicable_texts
from advisor.texts.common import DETAILS_MAX
from advisor.timers import DEFAULT_TIMERS, Timers
from locales import N_

from . import questions as q
from .large_price import large_price
from .model import Ctx, Flow, Step
from .new_answers import MONEY_IDS, build, known_currency, tri_state
from .new_answers import delivery_status as _status
from .new_answers import dispute_stage as _stage
from .new_answers import is_not_received as _not_received
from .new_answers import is_received as _received
from .steps import (
    PROTECTION_BEFORE_SHIPPING,
    currency_check,
    evidence_fits,
    item_step,
    money_amount,
    money_currency,
    not_before_shipping,
    past_date,
    stuck_button_fits,
    when_steps,
)

# Walk BT: "0" was refused as a typo; a seller who refuses to pay has not made an offer, and
# the dispute is open, heading for AliExpress to step in.
OFFER_OF_NOTHING = N_(
    "An offer of 0 means the seller refuses to pay: the dispute is simply open. Tap “⬅️ Back” "
    "to the question about the dispute and choose “Yes, it is open, waiting for the seller”."
)

# Received problems rule 11 answers with do_not_dispute whatever else is true.
HOPELESS_PROBLEMS = frozenset({"wrong_size_buyer", "misread_description", "changed_mind"})
# Rule 12: a full refund; a preferred return changes the solution.
FULL_REFUND_PROBLEMS = frozenset(
    {"wrong_item", "empty_package", "expired", "counterfeit", "not_working"}
)
# Rule 14: a partial refund while the item is usable.
FLAW_PROBLEMS = frozenset({"not_as_described", "quality", "damaged", "missing_parts"})
# Rule 12's full refund keeps the item: the return is only the buyer's wish (walk N: "for a
# full refund" made it read as the price of one, paid in postage).
KEEP_AND_FULL_REFUND_PROMPT = N_(
    "You can ask for a full refund and keep the item. Would you still rather send it back?"
)


# The problems the return question is asked for (an empty parcel has nothing to send back).
RETURNABLE_PROBLEMS = (FULL_REFUND_PROBLEMS | FLAW_PROBLEMS) - {"empty_package"}


def return_prompt(problem: str | None, usable: bool | None) -> str | None:
    """Where the full refund comes without a return (rule 12), the return question says so."""
    full_anyway = problem in FULL_REFUND_PROBLEMS or usable is False
    return KEEP_AND_FULL_REFUND_PROMPT if full_anyway else None


def prefer_return_prompt(c: Ctx) -> str | None:
    """The return question's prompt for the problem and use answered in this flow."""
    return return_prompt(c.get("problem"), tri_state(c.get("usable")))


def return_cost_asked(
    problem: str | None, usable: bool | None, prefer_return: bool | None, priced: bool
) -> bool:
    """Rule 14's return of a flawed, usable item: its postage decides full or partial, asked
    when there is a price to weigh it against."""
    return bool(prefer_return) and problem in FLAW_PROBLEMS and usable is not False and priced


# Stages whose advice comes with a text (dispute description, reply to an offer, appeal).
TEXT_STAGES = frozenset(
    {
        "open",
        "seller_rejected",
        "seller_offer",
        "seller_asks_to_close",
        "seller_offplatform_offer",
        "escalated",
        "evidence_requested",
        "lost",
    }
)
# A return agreed or made, a dispute won: what it asked is the refund to come (walk A: "the
# full price you paid" for a claim the buyer never gave). A return asks nothing but its amount.
RETURN_STAGES = frozenset({"return_agreed", "return_shipped"})
ASKED_STAGES = TEXT_STAGES | RETURN_STAGES | {"won"}
EVIDENCE_STAGES = frozenset(
    {"open", "seller_rejected", "seller_asks_to_close", "escalated", "evidence_requested", "lost"}
)
RECEIVED_ONLY_STAGES = frozenset({"return_agreed", "return_shipped"})


# Stages whose advice counts from the day the dispute was opened (DOMAIN 8; advisor/policy.py
# keeps the escalation date while an offer or a request waits for the buyer).
OPENING_DATED = frozenset({"open", "seller_rejected", *(stage.value for stage in PROPOSAL_STAGES)})


def _opened_steps() -> tuple[Step, Step]:
    """When the dispute was opened; for a seller's offer outside AliExpress also "I have not
    opened one", after which the order is one with no dispute yet (see dispute_stage)."""
    choice, typed = when_steps(q.OPENED_OR_NOT, lambda c: _stage(c) in OPENING_DATED)
    dated = choice.options_when

    def fits(c: Ctx, code: str) -> bool:
        if code == q.NOT_OPENED:
            return c.get("dispute_stage") == "seller_offplatform_offer"
        return dated is None or dated(c, code)

    return dataclasses.replace(choice, options_when=fits), typed


def _no_dispute(c: Ctx) -> bool:
    return _stage(c) == "none"


def _asks_asked(c: Ctx) -> bool:
    """A dispute under way whose advice restates what it asks (its texts, an offer judged
    against it): what the buyer asked is asked, not assumed from the rules (walk G: a broken
    teapot's dispute was restated as "a partial refund", the usable question never asked)."""
    return _stage(c) in ASKED_STAGES


def _ask_forgotten(c: Ctx) -> bool:
    """A dispute under way with the requested amount forgotten: the rules' own claim stands in
    for it (and an offer is compared with that), so the facts it rests on are asked."""
    return _asks_asked(c) and c.answered("requested_amount") and not c.get("requested_amount")


def _details(c: Ctx) -> bool:
    """The facts of the problem matter: no dispute yet, or one whose ask is not remembered (a
    return's is the price, whatever the facts: review U)."""
    return _no_dispute(c) or (_ask_forgotten(c) and _stage(c) not in RETURN_STAGES)


def _hopeless(c: Ctx) -> bool:
    """Rules 7 and 11 say do_not_dispute whatever the timing or the evidence."""
    if _received(c):
        return c.get("problem") in HOPELESS_PROBLEMS
    return _status(c) == "at_customs" and c.get("customs_issue") == "duty_required"


def _buyer_address_error(c: Ctx) -> bool:
    return _status(c) == "wrong_address" and c.get("address_error_by") == "buyer"


def _timing(c: Ctx) -> bool:
    """Dates matter only while no dispute runs and a dispute can be the answer."""
    return _no_dispute(c) and not _hopeless(c)


def _dispute_possible(c: Ctx) -> bool:
    return _timing(c) and not _buyer_address_error(c)


def _amount_matters(c: Ctx) -> bool:
    """The price sets the amount asked: in a possible dispute, to judge an offer by, or for
    the compensation an appeal after a lost dispute names (DOMAIN.md section 4)."""
    possible = not _hopeless(c) and not _buyer_address_error(c)
    asked_later = _ask_forgotten(c) or _stage(c) == "lost"
    return _dispute_possible(c) or (asked_later and possible)


def _texts_possible(c: Ctx) -> bool:
    return _dispute_possible(c) or _stage(c) in TEXT_STAGES


def _urgent(c: Ctx) -> bool:
    """Protection ends within `open_now_days` (or has ended): rules 5 and 9 open at once."""
    end = c.date("protection_end")
    return end is not None and (end - c.today).days <= c.timers.open_now_days


def _seller_matters(c: Ctx) -> bool:
    """Rule 4 reads the seller's flags always, rules 5 and 9 only when not urgent."""
    if not _no_dispute(c):
        return False
    status = _status(c)
    if status in ("in_transit", "not_updating"):
        return True
    return status in ("no_tracking", "delivered_not_received") and not _urgent(c)


def _extended_end_unknown(c: Ctx) -> bool:
    """The seller extended protection, and the end the buyer gave (if any) is already past."""
    if c.get("seller_contact") != "extended":
        return False
    end = c.date("protection_end")
    return end is None or end < c.today


# Noted, not refused: the buyer reads the end off the order page, so a typo may as well be in
# the shipping date (walk CH: shipped yesterday, ends in 5 days, advised to wait past the end).
PROTECTION_BEFORE_FIRST_OPEN = N_(
    "Noted: %(date)s. That is before %(first)s, the first day a dispute about a parcel that has"
    " not come can be opened, and Buyer Protection usually lasts 60 to 90 days. Please check"
    " both dates; if one is a typo, go back and type it again."
)


def _protection_end_check(message: str) -> Callable[[Ctx, object], Parsed[object] | None]:
    """Refuse an end before the shipping; note one before the first day to open a dispute."""
    before_shipping = not_before_shipping(message)

    def check(c: Ctx, value: object) -> Parsed[object] | None:
        refused = before_shipping(c, value)
        if refused is not None or not _not_received(c) or not isinstance(value, dt.date):
            return refused
        shipped = c.date("shipped_on")
        if shipped is None:
            return None
        first = shipped + dt.timedelta(days=c.timers.earliest_open_days)
        end = day_of(value)
        if end < c.today or end >= first:
            return None
        params = {"date": end.isoformat(), "first": first.isoformat()}
        return Parsed(value=value, warning=PROTECTION_BEFORE_FIRST_OPEN, params=params)

    return check


def _stage_option(c: Ctx, code: str) -> bool:
    return _received(c) or code not in RECEIVED_ONLY_STAGES


def _seller_option(c: Ctx, code: str) -> bool:
    """No extension answers once receipt is confirmed: the confirmation ended the protection."""
    return c.get("receipt_confirmed") != "yes" or code not in ("extended", "refused")


def _evidence_option(c: Ctx, code: str) -> bool:
    # No chat to take a screenshot of when the buyer has not written to the seller (walk A).
    if code == "chat_screenshot" and c.get("seller_contact") == "not_contacted":
        return False
    return evidence_fits(code, received=_received(c), status=_status(c), problem=c.get("problem"))


def _currency_needed(c: Ctx) -> bool:
    has_amount = any(c.get(qid) for qid in MONEY_IDS)
    return has_amount and known_currency(c) is None


def _return_cost_needed(c: Ctx) -> bool:
    asked = return_cost_asked(
        c.get("problem"),
        tri_state(c.get("usable")),
        tri_state(c.get("prefer_return")),
        priced=bool(c.get("price")),
    )
    return _received(c) and _no_dispute(c) and asked


# The texts that name the evidence the buyer has ("Attached: ...", "I have the evidence ready").
EVIDENCE_TEXTS = frozenset({"dispute", "appeal"})
# The only answers rules 1 and 3 read: without any of them neither can fire.
TIMING_DATES = ("shipped_on", "receipt_date", "protection_end")
# Any positive price: the probe asks only whether the advice uses a price at all.
PROBE_PRICE = 100.0


def _provisional(c: Ctx) -> Advice:
    """The advice on the answers so far, the questions not reached yet at their defaults.

    Only conditions whose verdict the missing answers cannot change call it: rules 1 and 3
    read nothing but the dates, and the evidence, price and text questions come after every
    question that decides the action.
    """
    return c.cached("advice", lambda: _advice_for(_answers_key(c), c.today, "", c.timers))


def _answers_key(c: Ctx) -> str:
    return c.cached("key", lambda: json.dumps(dict(c.answers), sort_keys=True, default=str))


@lru_cache(maxsize=4096)
def _advice_for(
    answers_key: str, today: dt.date, probe: str = "", timers: Timers = DEFAULT_TIMERS
) -> Advice:
    """The bot's advice (advise_buyer) on new-order answers (JSON); the probe adds every
    evidence offered or a price.

    Cached: the conditions of several steps, the progress walk and the next update ask it for
    the same answers, and building and deciding is the costly part of choosing a question.
    """
    c = Ctx(answers=json.loads(answers_key), today=today, timers=timers)
    situation = build(c)
    if probe == "evidence":
        offered = [Evidence(o.code) for o in q.EVIDENCE.options if _evidence_option(c, o.code)]
        situation = situation.model_copy(update={"evidence": offered})
    elif probe == "price":
        situation = situation.model_copy(update={"price": PROBE_PRICE})
    return advise_buyer(situation, timers)


def _timing_verdict(c: Ctx) -> str | None:
    """Rule 1 (too late) or rule 3 (too early) when the dates alone decide the advice."""
    if not _no_dispute(c) or not any(c.get(qid) for qid in TIMING_DATES):
        return None
    why = _provisional(c).why
    first = why[0] if why else None
    return first if first in (Why.rule_1_too_late, Why.rule_3_too_early) else None


def _not_too_late(c: Ctx) -> bool:
    """Rule 1 is final: what only shapes the solution, amount or risk is not worth asking."""
    return _timing_verdict(c) != Why.rule_1_too_late


def _not_too_early(c: Ctx) -> bool:
    """Under rule 3 a fact that changes by the day (tracking, the seller's replies) would be
    stale by the time a dispute can be opened; stable facts are still asked for the saved order.
    """
    return _timing_verdict(c) != Why.rule_3_too_early


def _evidence_matters(c: Ctx) -> bool:
    """Evidence changes the advice (risk, or rule 9's post office statement) or its texts."""
    if not (_dispute_possible(c) or _stage(c) in EVIDENCE_STAGES):
        return False
    advice = _provisional(c)
    if EVIDENCE_TEXTS & set(applicable_texts(advice)):
        return True
    return _advice_for(_answers_key(c), c.today, "evidence", c.timers) != advice


def _price_matters(c: Ctx) -> bool:
    """The advice carries an amount (or judges an offer) only with a price; so does the late
    complaint, asking what a dispute would have (walk AI: "I request a full refund." with no
    amount, the price never asked)."""
    if _provisional(c).action is Action.too_late:
        return not _hopeless(c) and not _buyer_address_error(c)
    if not _amount_matters(c):
        return False
    if _ask_forgotten(c):
        return True
    return _advice_for(_answers_key(c), c.today, "price", c.timers) != _provisional(c)


def _texts_wanted(c: Ctx) -> bool:
    """The item, numbers and note go only into texts, so only an advice with texts asks them."""
    return _texts_possible(c) and bool(applicable_texts(_provisional(c)))


# The texts that carry the buyer's own note (the message to the seller does not).
DETAILS_TEXTS = frozenset({"dispute", "appeal"})


def appeal_only(advice: Advice) -> bool:
    """Whether the appeal is the only text of the advice that a note goes into."""
    return DETAILS_TEXTS & set(applicable_texts(advice)) == {"appeal"}


def _appeal_only(c: Ctx) -> bool:
    return appeal_only(_provisional(c))


def _details_prompt(c: Ctx) -> str | None:
    """The appeal's prompt where the appeal is the only text the note goes into."""
    return q.DETAILS_APPEAL_PROMPT if _appeal_only(c) else None


def _details_options(c: Ctx) -> dict[str, object]:
    """As much as the dispute text takes (more would be cut from it unseen), in English; for an
    appeal alone, the copy in the buyer's language keeps any note (walk BO), so its warning
    says only that the English appeal leaves it out."""
    return {"max_length": DETAILS_MAX, "english": True, "appeal": _appeal_only(c)}


def _details_wanted(c: Ctx) -> bool:
    """The note goes only into a dispute text or an appeal: not asked for a seller message."""
    return _texts_possible(c) and bool(DETAILS_TEXTS & set(applicable_texts(_provisional(c))))


_check_currency = currency_check(known_currency)

PRICE_BELOW_REFUND = N_(
    "This is less than the refund you gave before (%(amount)s), and a refund is never more than"
    " the price paid. Please check the price, or press ⬅️ Back to fix that amount."
)


def _check_price(c: Ctx, value: object) -> Parsed[object] | None:
    """The price in its currency, and not below an offer or ask given earlier (34500 typed for
    3450 would be judged "accept", as in the follow-ups)."""
    refused = _check_currency(c, value)
    if refused is not None:
        return refused
    price = getattr(value, "amount", None)
    for qid in ("offer_amount", "requested_amount"):
        amount = money_amount(c, qid)
        if price is not None and amount is not None and cents(amount) > cents(float(price)):
            currency = money_currency(c, qid) or known_currency(c) or ""
            shown = f"{amount:.2f} {currency}".strip()
            return Parsed(error=PRICE_BELOW_REFUND, params={"amount": shown})
    return large_price(value, known_currency(c))


NONE_MISSING = N_(
    "That is as many as you ordered (%(ordered)s), so none is missing. If something else is "
    "wrong, press ⬅️ Back until “What is wrong with the order?” and choose that problem."
)


MORE_THAN_ORDERED = N_(
    "That is more than you ordered (%(ordered)s), so none is missing. If something else is "
    "wrong, press ⬅️ Back until “What is wrong with the order?” and choose that problem."
)


def fewer_than_ordered(c: Ctx, received: object) -> Parsed[int] | None:
    """A short shipment has fewer units than ordered: all of them (or more) is another problem."""
    ordered = int(c.get("quantity_ordered", 1))
    if isinstance(received, int) and received >= ordered:
        error = NONE_MISSING if received == ordered else MORE_THAN_ORDERED
        return Parsed(error=error, params={"ordered": str(ordered)})
    return None


def pieces_ordered(c: Ctx) -> dict[str, int]:
    """The received-pieces question's parser reads "2 of 3" against the pieces ordered."""
    return {"ordered": int(c.get("quantity_ordered", 1))}


MORE_FAULTY_THAN_CAME = N_(
    "Only %(received)s came, as you said earlier. How many of them do not work? For example: 1."
)


# Walk of 2026-12-03: "no" to "Do all the pieces that came work?" was taken as "They all work".
FAULTY_HOW_MANY = N_("So some do not work: how many? Type the number, for example 1.")
# Said to "all work", "все работают": the skip, as its button.
ALL_WORK_WORDS = frozenset(
    {"yes", "да", "all work", "they all work", "all of them work", "все работают", "все рабочие",
     "все целые", "все ок", "все в порядке"}
)  # fmt: skip


def no_more_than_came(c: Ctx, faulty: object) -> Parsed[int] | None:
    """Of the pieces that came, at most all can be faulty."""
    received = int(c.get("quantity_received", 0))
    if isinstance(faulty, int) and faulty > received:
        return Parsed(error=MORE_FAULTY_THAN_CAME, params={"received": str(received)})
    return None


def _some_came(c: Ctx) -> bool:
    return c.answered("quantity_received") and int(c.get("quantity_received") or 0) > 0


def quantity_steps(when: Callable[[Ctx], bool]) -> tuple[Step, Step, Step]:
    """How many pieces were ordered and came, and how many of those do not work, for a short
    shipment (rule 13), when `when`."""
    return (
        Step(
            q.QUANTITY_ORDERED,
            when=lambda c: when(c) and c.get("problem") == "short_quantity",
            parser_options=lambda _c: {"minimum": 1},
        ),
        Step(
            q.QUANTITY_RECEIVED,
            when=lambda c: c.answered("quantity_ordered"),
            parser_options=pieces_ordered,
            # A short shipment: fewer than ordered (0 means nothing arrived, rule 13).
            check=fewer_than_ordered,
        ),
        faulty_step(),
    )


def faulty_step() -> Step:
    """How many of the pieces that came do not work: counted with the missing ones."""
    return Step(
        q.QUANTITY_FAULTY,
        when=_some_came,
        # "1 of 3" counts of the pieces that came.
        parser_options=lambda c: {"ordered": int(c.get("quantity_received") or 0)},
        check=no_more_than_came,
    )


def _price_prompt(c: Ctx) -> str | None:
    return q.TOTAL_PRICE_PROMPT if int(c.get("quantity_ordered", 1)) > 1 else None


STEPS: tuple[Step, ...] = (
    Step(q.RECEIVED),
    Step(q.DELIVERY_STATUS, when=_not_received),
    Step(q.PROBLEM, when=_received),
    Step(q.DISPUTE_STAGE, options_when=_stage_option),
    # Also while an offer or a request waits: the escalation date counts from the opening.
    *_opened_steps(),
    # A parcel that never came has nothing to send back: refund only, not asked.
    Step(q.OFFER_SOLUTION, when=lambda c: _stage(c) == "seller_offer" and _received(c)),
    Step(
        q.OFFER_AMOUNT,
        when=lambda c: _stage(c) == "seller_offer",
        parser_options=lambda _c: {"zero_error": OFFER_OF_NOTHING},
        check=_check_currency,
    ),
    Step(
        q.REQUESTED_SOLUTION,
        when=lambda c: _asks_asked(c) and _received(c) and _stage(c) not in RETURN_STAGES,
    ),
    # A dispute won: the refund expected is the amount decided (walk of 2026-12-03).
    Step(
        q.REQUESTED_AMOUNT,
        when=_asks_asked,
        check=_check_currency,
        prompt_when=lambda c: q.AWARDED_PROMPT if _stage(c) == "won" else None,
    ),
    *when_steps(q.EVIDENCE_REQUESTED, lambda c: _stage(c) == "evidence_requested"),
    *when_steps(q.RETURN_AGREED, lambda c: _stage(c) == "return_agreed"),
    *when_steps(q.RETURN_SHIPPED, lambda c: _stage(c) == "return_shipped"),
    *when_steps(q.WON, lambda c: _stage(c) == "won"),
    # Customs duty the buyer won't pay is rule 7's do_not_dispute whatever the dates: asked first.
    Step(q.CUSTOMS_ISSUE, when=lambda c: _details(c) and _status(c) == "at_customs"),
    # The dates next: rules 1 and 3 decide on them alone, before any detail of the case.
    Step(q.SHIPPED_ON, when=lambda c: _not_received(c) and _timing(c), parser_options=past_date),
    Step(q.RECEIPT_CONFIRMED, when=_timing),
    Step(
        q.RECEIPT_DATE,
        when=lambda c: _timing(c) and c.get("receipt_confirmed") == "yes",
        parser_options=past_date,
        check=not_before_shipping(),
    ),
    Step(
        q.PROTECTION_END,
        when=lambda c: _timing(c) and c.get("receipt_confirmed") == "no",
        check=_protection_end_check(PROTECTION_BEFORE_SHIPPING),
    ),
    Step(
        q.ADDRESS_ERROR_BY,
        when=lambda c: _details(c) and _status(c) == "wrong_address" and _not_too_late(c),
    ),
    Step(
        q.NOT_COLLECTED,
        when=lambda c: _details(c) and _status(c) == "returned_to_seller" and _not_too_late(c),
    ),
    Step(
        q.TRACKING_LAST_CHANGE,
        when=lambda c: _no_dispute(c) and _status(c) == "not_updating" and _not_too_early(c),
        options_when=stuck_button_fits,
    ),
    Step(
        q.TRACKING_LAST_DATE,
        when=lambda c: c.get("tracking_last_change") == "date",
        parser_options=past_date,
        check=not_before_shipping(),
    ),
    Step(
        q.USABLE,
        when=lambda c: _details(c) and c.get("problem") in FLAW_PROBLEMS and _not_too_late(c),
    ),
    *quantity_steps(_details),
    Step(
        q.PREFER_RETURN,
        when=lambda c: (
            _received(c)
            and _timing(c)
            and c.get("problem") in RETURNABLE_PROBLEMS
            and _not_too_late(c)
        ),
        prompt_when=prefer_return_prompt,
    ),
    Step(
        q.SELLER_CONTACT,
        when=lambda c: _seller_matters(c) and _not_too_early(c),
        options_when=_seller_option,
    ),
    Step(
        q.EXTENDED_END,
        when=_extended_end_unknown,
        check=_protection_end_check(PROTECTION_BEFORE_SHIPPING),
        parser_options=lambda _c: {"after_extension": True},
    ),
    Step(
        q.SHIPPING_METHOD,
        when=lambda c: (
            _no_dispute(c) and _status(c) == "delivered_not_received" and _not_too_late(c)
        ),
    ),
    Step(q.EVIDENCE, when=_evidence_matters, options_when=_evidence_option),
    Step(q.PRICE, when=_price_matters, check=_check_price, prompt_when=_price_prompt),
    Step(q.CURRENCY, when=_currency_needed),
    # A free return is a return cost too (DOMAIN: return_cost >= 0).
    Step(
        q.RETURN_COST,
        when=_return_cost_needed,
        check=_check_currency,
        parser_options=lambda _c: {"allow_zero": True},
    ),
    item_step(_texts_wanted),
    Step(q.ORDER_NUMBER, when=_texts_wanted),
    Step(q.TRACKING_NUMBER, when=lambda c: _not_received(c) and _texts_wanted(c)),
    Step(
        q.DETAILS,
        when=_details_wanted,
        prompt_when=_details_prompt,
        parser_options=_details_options,
    ),
)


NEW_FLOW = Flow(name="new", steps=STEPS, build=build)
