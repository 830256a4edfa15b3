"""Correcting one detail of a saved order: its price (and currency), item, order and tracking
numbers, its protection end, shipping and receipt dates, what the dispute asked and when it was
opened or reached its step, or, before a dispute, what is wrong with it (and what the new problem
needs), whether the item is usable, whether the buyer would send it back and what that costs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from advisor.amounts import at_least, cents, shortfall_share
from advisor.deadlines import offer_agreed, offer_taken
from advisor.models import DeliveryStatus, ShippingMethod, Situation, Solution, Stage
from advisor.parsing import Parsed
from advisor.policy import advise_buyer
from advisor.texts.common import DETAILS_MAX
from locales import N_

from . import questions as q
from .dispute_dates import not_before, opened_check
from .followup_common import (
    PRICE_BELOW_AMOUNTS,
    after_saved_shipping,
    currency_step,
    followup_currency,
    patched,
    price_prompt,
    requested_amount_check,
    saved,
    within_price,
)
from .large_price import large_price
from .model import Ctx, Step
from .new_answers import pieces_faulty, tri_state
from .new_flow import (
    FLAW_PROBLEMS,
    NONE_MISSING,
    RETURNABLE_PROBLEMS,
    appeal_only,
    faulty_step,
    fewer_than_ordered,
    pieces_ordered,
    return_cost_asked,
    return_prompt,
)
from .steps import (
    PROTECTION_BEFORE_SHIPPING,
    currency_check,
    item_step,
    money_amount,
    money_currency,
    past_date,
    when_date,
    when_steps,
)

CORRECTION_OTHER_CURRENCY = N_(
    "This order's other amounts (the dispute's, the seller's offer or the return postage) are in"
    " %(currency)s: please give the price in %(currency)s too."
)
CORRECTION_BELOW_OFFER = N_(
    "The seller's offer saved for this order is %(offer)s, more than this price. Please check "
    "the price; if the offer was mistyped, report the offer again from the order."
)


# Walk BC: the new order's "press Back until 'What is wrong'" led nowhere here; Back leads to
# the problem question, or to the corrections, which hold it.
NONE_MISSING_SAVED = N_(
    "That is as many as you ordered (%(ordered)s), so none is missing. Send how many pieces"
    " came; if they all came and something else is wrong, tap “⬅️ Back” and correct what is"
    " wrong with it."
)
MORE_THAN_ORDERED_SAVED = N_(
    "That is more than you ordered (%(ordered)s), so none is missing. Send how many pieces"
    " came; if they all came and something else is wrong, tap “⬅️ Back” and correct what is"
    " wrong with it."
)


def _fewer_than_ordered_saved(c: Ctx, received: object) -> Parsed[int] | None:
    """`fewer_than_ordered`, with a way on that a saved order has."""
    refused = fewer_than_ordered(c, received)
    if refused is None:
        return None
    error = NONE_MISSING_SAVED if refused.error == NONE_MISSING else MORE_THAN_ORDERED_SAVED
    return Parsed(error=error, params=refused.params)


def _correcting(field: str) -> Callable[[Ctx], bool]:
    return lambda c: c.get("correction") == field


def _typed_amounts(situation: Situation) -> bool:
    """Whether the order holds amounts the buyer typed in its currency besides the price (an
    offer, a return postage that costs something, an ask typed without a price); an ask of a
    price follows it or is asked again (walk AC: "$35" asked, "3000 RUB" paid made it RUB 35)."""
    typed_ask = situation.price is None and situation.dispute.requested_amount is not None
    return bool(situation.dispute.offer_amount or situation.return_cost or typed_ask)


def _only_the_ask_has_a_currency(situation: Situation) -> bool:
    """No price, offer or postage: the ask is the order's one amount, so retyping it in another
    currency corrects the order's currency (walk AY: a wrong currency chosen for an ask typed
    without a price, and the ask and the price each refused the other one)."""
    return (
        situation.price is None and not situation.dispute.offer_amount and not situation.return_cost
    )


def _requested_check(c: Ctx, value: object) -> Parsed[object] | None:
    currency = getattr(value, "currency", None)
    base = saved(c)
    if currency not in (None, base.currency) and _only_the_ask_has_a_currency(base):
        return within_price(c, value)
    return requested_amount_check(c, value)


def _asked_the_whole_price(situation: Situation) -> bool:
    """Whether the dispute asked the whole (old) price: a full refund, whatever it comes to."""
    asked, price = situation.dispute.requested_amount, situation.price
    return asked is not None and price is not None and at_least(asked, price)


def _ask_again(c: Ctx) -> bool:
    """A changed price under a dispute that asked part of the old one: that part may have been
    worked out from the wrong price, so only the buyer can say what the dispute asks (walk S).
    Not when there was no price before (the ask was the buyer's own) or it stays the same."""
    base = saved(c)
    if base.dispute.requested_amount is None or _asked_the_whole_price(base):
        return False
    if offer_agreed(base):
        return False  # the refund agreed stays whatever the price (review BH)
    price = money_amount(c, "price")
    if price is None or base.price is None:
        return False
    return price != base.price or (followup_currency(c) or base.currency) != base.currency


def _price_check(c: Ctx, value: object) -> Parsed[object] | None:
    """A price in another currency corrects the order's currency too (a wrong one chosen in
    the questionnaire), unless the offer or the return postage is in the old one; and no price
    below the seller's saved offer (it would be judged an offer of more than was paid)."""
    base = saved(c)
    currency = getattr(value, "currency", None)
    if currency not in (None, base.currency) and _typed_amounts(base):
        return Parsed(error=CORRECTION_OTHER_CURRENCY, params={"currency": base.currency})
    offer, amount = base.dispute.offer_amount, getattr(value, "amount", None)
    if offer is not None and amount is not None and cents(float(amount)) < cents(offer):
        shown = f"{offer:.2f} {base.currency}"
        return Parsed(error=CORRECTION_BELOW_OFFER, params={"offer": shown})
    asked = base.dispute.requested_amount
    # An ask typed without a price stays as it is (a part of the old price is asked again, the
    # whole of it moves with it): below it the card would claim more than was paid (walk I).
    if (base.price is None and asked is not None and amount is not None) and cents(
        float(amount)
    ) < cents(asked):
        shown = f"{asked:.2f} {base.currency}"
        return Parsed(error=PRICE_BELOW_AMOUNTS, params={"amount": shown})
    return large_price(value, base.currency if base.price is not None else None)


def _problem(base: Situation) -> str | None:
    return base.problem.value if base.problem is not None else None


def _problem_now(c: Ctx) -> str | None:
    """The order's problem as corrected now, or as saved."""
    if c.get("correction") == "problem" and c.get("problem"):
        return str(c.get("problem"))
    return _problem(saved(c))


def _new_problem(c: Ctx, *problems: frozenset[str] | str) -> bool:
    """Whether the problem was corrected now, to one of `problems` (codes or sets of them)."""
    if c.get("correction") != "problem" or not c.get("problem"):
        return False
    chosen = c.get("problem")
    return any(chosen == p if isinstance(p, str) else chosen in p for p in problems)


def _fits(c: Ctx, code: str) -> bool:
    """The details the order has to correct: the tracking and shipping of a parcel still
    awaited, the protection end until receipt is confirmed, the receipt date after; the item's
    use and the wish to return it while no dispute fixed the solution, for the problems the
    questionnaire asks them of."""
    base = saved(c)
    if code in ("tracking_number", "shipped_on"):
        return not base.received
    if code == "shipping_method":
        # Saver makes rule 9's dispute riskier (walk AY: a mis-tap could not be undone).
        return not base.received and base.delivery_status is DeliveryStatus.delivered_not_received
    if code == "protection_end":
        return base.receipt_confirmed_on is None
    if code == "receipt_date":
        return base.receipt_confirmed_on is not None
    if code == "quantities":
        # A short shipment's counts set its amount (rule 13): a typo there is a wrong ask
        # (walk AE: the only way out was deleting the order).
        return _problem(base) == "short_quantity"
    if code == "requested":
        # What the dispute asked: offers are judged by it, the texts restate it (walk Q). Not
        # once an offer was taken: the ask is the refund agreed then (walk BD: a corrected ask
        # became the refund to expect, and the accepted offer a "dispute won").
        return base.dispute.stage is not Stage.none and not offer_agreed(base)
    if code == "opened_on":
        # The dispute's dates count from it (walk B: a typo moved them for good).
        return base.dispute.stage is not Stage.none
    if code in ("won_on", "accepted_on"):
        # The day of an accepted offer is not "when the dispute was decided" (walk BD).
        # Won after the return was sent back: decided on the return, whatever led to it.
        taken = offer_taken(base) and base.dispute.returned_on is None
        return base.dispute.stage is Stage.won and taken == (code == "accepted_on")
    if code in _STAGE_DATES:
        return base.dispute.stage is _STAGE_DATES[code][0]
    before_dispute = base.received and base.dispute.stage is Stage.none
    if code == "problem":
        # Once a dispute is open, its reason was chosen on AliExpress and cannot change.
        return before_dispute
    if code == "usable":
        return before_dispute and _problem(base) in FLAW_PROBLEMS
    if code == "prefer_return":
        return before_dispute and _problem(base) in RETURNABLE_PROBLEMS
    if code == "return_cost":
        # The postage typed for a return of a flawed item: it decides full or partial.
        asked = return_cost_asked(
            _problem(base), base.usable, base.prefer_return, priced=base.price is not None
        )
        return before_dispute and asked
    return True


def _usable(c: Ctx) -> bool | None:
    """Whether the item is usable, as corrected now or as saved."""
    if c.answered("usable"):
        return tri_state(c.get("usable"))
    return saved(c).usable


def _asks_usable(c: Ctx) -> bool:
    """The item's use, corrected on its own, or asked as the questionnaire asks it when the
    problem is now a flaw (rule 14) and the order does not know it yet."""
    if c.get("correction") == "usable":
        return True
    return _new_problem(c, FLAW_PROBLEMS) and saved(c).usable is None


def _asks_return(c: Ctx) -> bool:
    """The return wish is asked when corrected, and again after the item's use is: its answer
    may have rested on it (walk H: "unusable, send it back" kept as a return, postage and all,
    once usable; "send it back" kept when keeping it now gives the full refund)."""
    if c.get("correction") == "prefer_return":
        return True
    if c.get("correction") == "problem":
        # The wish rested on the old problem: a full refund may now come without a return.
        return _new_problem(c, RETURNABLE_PROBLEMS) and (
            c.answered("usable") or not _asks_usable(c)
        )
    return (
        c.get("correction") == "usable"
        and c.answered("usable")
        and (_problem(saved(c)) in RETURNABLE_PROBLEMS)
    )


def _prefer_return_prompt(c: Ctx) -> str | None:
    return return_prompt(_problem_now(c), _usable(c))


def _return_cost_needed(c: Ctx) -> bool:
    """The return's postage, corrected on its own, or asked as in the questionnaire when the
    return is now wished for a flawed item still usable (rule 14)."""
    if c.get("correction") == "return_cost":
        return True
    if not _asks_return(c) or not c.answered("prefer_return"):
        return False
    base = saved(c)
    wished = tri_state(c.get("prefer_return"))
    return return_cost_asked(_problem_now(c), _usable(c), wished, priced=base.price is not None)


# The date of the step the dispute is at, corrected: the stage it is the date of, and the
# prefix of the questions the stage's follow-up asked it with (q.RETURN_AGREED: "ret_agreed").
_STAGE_DATES: dict[str, tuple[Stage, str]] = {
    "evreq_on": (Stage.evidence_requested, "evreq"),
    "ret_agreed_on": (Stage.return_agreed, "ret_agreed"),
    "ret_shipped_on": (Stage.return_shipped, "ret_shipped"),
    "won_on": (Stage.won, "won"),
    "accepted_on": (Stage.won, "accepted"),
}
# Their `since` is their own day, even when it is the opening's too (walk of 2026-12-03: evidence
# asked for the day the dispute was opened, and the opening corrected to days before moved the
# evidence's deadline with it, into the past).
_STAGES_WITH_OWN_DATE = frozenset(stage for stage, _prefix in _STAGE_DATES.values())
# The prefix of the questions that ask each dated detail again ("opened" for opened_when and
# opened_date).
DATE_PREFIXES: dict[str, str] = {
    "opened_on": "opened",
    **{code: prefix for code, (_stage, prefix) in _STAGE_DATES.items()},
}
_WHEN_QUESTIONS = (q.EVIDENCE_REQUESTED, q.RETURN_AGREED, q.RETURN_SHIPPED, q.WON, q.ACCEPTED)


def _stage_date_steps() -> tuple[Step, ...]:
    """The when-questions of each dated stage, asked when its date is corrected."""
    asked = {pair[0].id.removesuffix("_when"): pair for pair in _WHEN_QUESTIONS}
    steps: list[Step] = []
    for code, (_stage, prefix) in _STAGE_DATES.items():
        steps += when_steps(asked[prefix], _correcting(code), not_before(prefix))
    return tuple(steps)


def _corrected_dispute_dates(c: Ctx, base: Situation) -> dict[str, object]:
    """The dispute with the date corrected (its deadlines count from it), or nothing."""
    dispute = base.dispute
    field = c.get("correction")
    if field == "opened_on" and (opened := when_date(c, "opened")) is not None:
        update: dict[str, object] = {"opened_on": opened}
        own_date = dispute.stage in _STAGES_WITH_OWN_DATE
        if not own_date and dispute.since in (None, dispute.opened_on):
            update["since"] = opened  # the stage dated by the opening (open, escalated...)
        return {"dispute": dispute.model_copy(update=update)}
    if field in _STAGE_DATES and (day := when_date(c, _STAGE_DATES[field][1])) is not None:
        update = {"since": day}
        if dispute.stage is Stage.return_shipped:
            update["returned_on"] = day
        return {"dispute": dispute.model_copy(update=update)}
    return {}


# A detail's question skipped in a correction keeps the saved value (walk AM: "Skip" at the
# price read as dropping it).
KEEP_AS_IT_IS = N_("↩️ Keep it as it is")


def _keeps_the_ask(c: Ctx) -> bool:
    """Correcting what the dispute asks, with an amount recorded: skipping it keeps that amount
    (walk AR: "I don't remember" dropped it, and the advice's own amount took its place)."""
    return _correcting("requested")(c) and saved(c).dispute.requested_amount is not None


def _note_options(c: Ctx) -> dict[str, object]:
    """The note read as the new-order questionnaire reads it: as long as the dispute text takes,
    in English, with the appeal's warning where an appeal is the only text it goes into."""
    appeal = appeal_only(advise_buyer(saved(c)))
    return {"max_length": DETAILS_MAX, "english": True, "appeal": appeal, "correcting": True}


def _kept(step: Step) -> Step:
    """The step with its skip button saying what skipping does here: nothing changes."""
    return replace(step, question=step.question.model_copy(update={"skip_label": KEEP_AS_IT_IS}))


# One detail corrected: the question the new-order questionnaire asked it with, skippable
# (skipped: nothing changes).
CORRECTION_STEPS = (
    Step(q.CORRECTION, options_when=_fits),
    # The problems other than the saved one, and "Keep it as it is".
    _kept(
        Step(
            q.PROBLEM,
            when=_correcting("problem"),
            options_when=lambda c, code: code != _problem(saved(c)),
        )
    ),
    _kept(Step(q.PRICE, when=_correcting("price"), check=_price_check, prompt_when=price_prompt)),
    currency_step(),
    Step(
        q.QUANTITY_ORDERED,
        # A short shipment's counts set its amount (rule 13): asked when it becomes one.
        when=lambda c: _correcting("quantities")(c) or _new_problem(c, "short_quantity"),
        parser_options=lambda _c: {"minimum": 1},
    ),
    Step(
        q.QUANTITY_RECEIVED,
        when=lambda c: c.answered("quantity_ordered"),
        parser_options=pieces_ordered,
        check=_fewer_than_ordered_saved,
    ),
    faulty_step(),
    Step(
        q.REQUESTED_SOLUTION,
        when=lambda c: _correcting("requested")(c) and saved(c).received,
    ),
    Step(
        q.REQUESTED_AMOUNT,
        when=lambda c: _ask_again(c) or _correcting("requested")(c),
        check=_requested_check,
        skip_when=lambda c: KEEP_AS_IT_IS if _keeps_the_ask(c) else None,
        # A dispute won: what comes back is the amount decided (walk of 2026-12-03).
        prompt_when=lambda c: q.AWARDED_PROMPT if saved(c).dispute.stage is Stage.won else None,
    ),
    _kept(item_step(_correcting("item"))),
    _kept(Step(q.DETAILS, when=_correcting("details"), parser_options=_note_options)),
    _kept(Step(q.ORDER_NUMBER, when=_correcting("order_number"))),
    _kept(Step(q.TRACKING_NUMBER, when=_correcting("tracking_number"))),
    _kept(
        Step(
            q.PROTECTION_END,
            when=_correcting("protection_end"),
            check=after_saved_shipping(PROTECTION_BEFORE_SHIPPING),
        )
    ),
    _kept(Step(q.SHIPPED_ON, when=_correcting("shipped_on"), parser_options=past_date)),
    # The other deliveries, and "Keep it as it is" for the one saved (walk BA: the saved one
    # offered as if new, and no way to leave it).
    _kept(
        Step(
            q.SHIPPING_METHOD,
            when=_correcting("shipping_method"),
            options_when=lambda c, code: code != saved(c).shipping_method.value,
        )
    ),
    _kept(
        Step(
            q.RECEIPT_DATE,
            when=_correcting("receipt_date"),
            parser_options=past_date,
            check=after_saved_shipping(),
        )
    ),
    Step(q.USABLE, when=_asks_usable),
    Step(q.PREFER_RETURN, when=_asks_return, prompt_when=_prefer_return_prompt),
    Step(
        q.RETURN_COST,
        when=_return_cost_needed,
        check=currency_check(followup_currency),
        parser_options=lambda _c: {"allow_zero": True},
    ),
    *when_steps(q.OPENED, _correcting("opened_on"), opened_check),
    *_stage_date_steps(),
)

# The corrected dates and the order's fields they replace.
_DATES = {
    "protection_end": "protection_ends_on",
    "shipped_on": "shipped_on",
    "receipt_date": "receipt_confirmed_on",
}


def _asked_for(c: Ctx, price: float) -> float | None:
    """The dispute's asked amount with the corrected price: the whole old price is the whole
    new one (it was asked as "a full refund"); a part of a changed price is what the buyer says
    now (not remembered: None, and offers are judged against the advice's own claim); else it
    stays."""
    base = saved(c)
    if _asked_the_whole_price(base):
        return price
    if _ask_again(c):
        return money_amount(c, "requested_amount")
    return base.dispute.requested_amount


def _shortfall_share(
    price: float | None, ordered: int | None, received: int | None
) -> float | None:
    """Rule 13's share of the price for the missing pieces, when the counts say one."""
    if price is None or ordered is None or received is None or not 0 <= received < ordered:
        return None
    return shortfall_share(price, ordered, received)


def _share_with_counts(base: Situation, ordered: int, working: int) -> float | None:
    """The dispute's new ask when the counts are corrected: the missing pieces' share again,
    where it asked the share of the old counts (walk AI: it kept the old share, and an offer
    of that much was "accept" though more was owed). An ask of the buyer's own stays."""
    asked = base.dispute.requested_amount
    old = _shortfall_share(base.price, base.quantity_ordered, base.pieces_working())
    if asked is None or old is None or cents(asked) != cents(old) or offer_agreed(base):
        return None
    return _shortfall_share(base.price, ordered, working)


_ALL_PROBLEMS = frozenset(q.PROBLEM.option_codes())


def _problem_changes(c: Ctx, base: Situation) -> dict[str, object]:
    """The new problem, and the facts asked for the old one alone dropped as the questionnaire
    would not have them: the counts of a short shipment, the return wish of a problem with
    nothing to send back, the postage of a return rule 14 no longer weighs."""
    problem = str(c.get("problem"))
    changes: dict[str, object] = {"problem": problem}
    if problem != "short_quantity" and not c.answered("quantity_received"):
        changes |= {"quantity_ordered": None, "quantity_received": None, "quantity_faulty": None}
    if problem not in RETURNABLE_PROBLEMS:
        changes |= {"prefer_return": None, "return_cost": None}
    else:
        wished = tri_state(c.get("prefer_return")) if c.answered("prefer_return") else None
        usable = _usable(c)
        if not return_cost_asked(problem, usable, wished, priced=base.price is not None):
            changes["return_cost"] = None
    return changes


def build_correction(c: Ctx) -> Situation:
    """The saved order with the detail typed instead of what it had (the advice, its amounts
    and texts follow)."""
    base = saved(c)
    fields = ("item", "order_number", "tracking_number", "details")
    changes: dict[str, object] = {field: c.get(field) for field in fields if c.get(field)}
    changes |= {field: c.date(qid) for qid, field in _DATES.items() if c.date(qid)}
    if c.date("protection_end"):
        # The end corrected: its time too (none typed, none known).
        changes["protection_ends_at"] = c.time("protection_end")
    if c.answered("quantity_received"):
        faulty = pieces_faulty(c)
        changes["quantity_ordered"] = c.get("quantity_ordered")
        changes["quantity_received"] = c.get("quantity_received")
        changes["quantity_faulty"] = faulty
        working = c.get("quantity_received") - (faulty or 0)
        share = _share_with_counts(base, c.get("quantity_ordered"), working)
        if share is not None:
            changes["dispute"] = base.dispute.model_copy(update={"requested_amount": share})
    if c.get("shipping_method"):
        changes["shipping_method"] = ShippingMethod(c.get("shipping_method"))
    for field in ("usable", "prefer_return"):
        if c.get(field) is not None:
            changes[field] = tri_state(c.get(field))
    if c.answered("return_cost"):
        # "I don't know" is an answer too: unknown, as in the questionnaire (walk K: it kept
        # the old postage, and the partial refund it made).
        changes["return_cost"] = money_amount(c, "return_cost")
    if c.get("correction") == "requested":
        solution = c.get("requested_solution")
        amount = money_amount(c, "requested_amount")
        if amount is None and _keeps_the_ask(c):
            amount = base.dispute.requested_amount  # "Keep it as it is"
        asked: dict[str, object] = {"requested_amount": amount}
        if solution is not None:
            asked["requested_solution"] = Solution(solution)
        changes["dispute"] = base.dispute.model_copy(update=asked)
        currency = money_currency(c, "requested_amount")
        if currency not in (None, base.currency) and _only_the_ask_has_a_currency(base):
            changes["currency"] = currency
    changes |= _corrected_dispute_dates(c, base)
    if _new_problem(c, *_ALL_PROBLEMS):
        changes |= _problem_changes(c, base)
    price = money_amount(c, "price")
    if price is not None:
        changes["price"] = price
        changes["currency"] = followup_currency(c) or base.currency
        if base.dispute.requested_amount is not None and not offer_agreed(base):
            asked = _asked_for(c, price)
            changes["dispute"] = base.dispute.model_copy(update={"requested_amount": asked})
    return patched(base, today=c.today, **changes)
