"""The dispute-stage follow-ups: small flows that change a saved Situation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from advisor.amounts import cents
from advisor.deadlines import seller_answered
from advisor.models import (
    Dispute,
    Situation,
    Solution,
    Stage,
)
from advisor.parsing import Parsed
from advisor.parsing.dates import day_of
from advisor.rules.stages import return_amount
from locales import N_

from . import questions as q
from .arrived import ARRIVED_STEPS, build_arrived
from .correction import CORRECTION_STEPS, build_correction
from .dispute_ask import ask_unsure, asked_in_opened, open_claim, requested_as_fits
from .dispute_dates import not_before
from .followup_common import (
    after_saved_shipping,
    currency_step,
    followup_currency,
    item_received,
    offer_amount_check,
    order_currency,
    patched,
    price_missing,
    price_step,
    price_steps,
    protection_end_answer,
    request_unknown,
    requested_amount_check,
    saved,
    with_price,
    with_stage,
)
from .model import Ctx, Flow, Step, always
from .parcel_followups import (
    CONTACTED_STEPS,
    EXTENDED_STEPS,
    PROTECTION_END_STEPS,
    STATUS_STEPS,
    build_contacted,
    build_extended,
    build_not_extended,
    build_protection_end,
    build_status,
)
from .steps import (
    PROTECTION_BEFORE_SHIPPING,
    evidence_fits,
    item_step,
    money_amount,
    when_date,
    when_steps,
)

FOLLOWUPS: dict[str, str] = {
    "extended": N_("The seller extended Buyer Protection"),
    "opened": N_("I opened a dispute"),
    "offer": N_("The seller made an offer"),
    "asks_close": N_("The seller asks me to close the dispute"),
    "offplatform_offer": N_("The seller offers money outside AliExpress"),
    "evidence_requested": N_("AliExpress asks me for evidence"),
    "escalated": N_("AliExpress has stepped in"),
    "cancelled": N_("I cancelled the dispute"),
    "evidence_sent": N_("I sent the evidence AliExpress asked for"),
    "return_agreed": N_("The seller agreed to a return"),
    "return_shipped": N_("I have sent the item back"),
    "won": N_("The dispute was decided in my favour"),
    "lost": N_("I lost the dispute"),
    "details": N_("The item and the order's numbers"),
    "accepted": N_("I accepted the seller's offer"),
    "declined": N_("I said no: the dispute goes on"),
    "seller_rejected": N_("The seller rejected the dispute"),
    "not_extended": N_("The seller did not extend Buyer Protection"),
    "contacted": N_("I wrote to the seller"),
    "status": N_("What the tracking says now"),
    "arrived": N_("The parcel arrived, with a problem"),
    "correction": N_("A correction of the order's details"),
    "evidence": N_("The evidence I have"),
    "protection_end": N_("When Buyer Protection ends"),
}


def _offer_unjudged(c: Ctx) -> bool:
    """Neither a price nor the amount asked: an offer could not be judged by its amount."""
    asked = saved(c).dispute.requested_amount is not None or bool(c.get("requested_amount"))
    return price_missing(c) and not asked


def _build_opened(c: Ctx) -> Situation:
    base = with_price(c, saved(c))
    opened = when_date(c, "opened") or c.today
    changes: dict[str, object] = {"opened_on": opened}
    asked = asked_in_opened(c, base.price)
    currency = base.currency
    if asked is not None:
        changes.update(asked)
        if order_currency(c) is None and followup_currency(c):
            currency = followup_currency(c) or currency
    elif base.dispute.requested_solution is None and (claim := open_claim(c)) is not None:
        # What the open dispute claims (the advice for it at the "open" stage): also when the
        # advice before was to write to the seller first, which names no solution.
        changes.update(requested_solution=claim[0], requested_amount=claim[2])
    situation = with_stage(c, Stage.open, opened, **changes)
    return patched(situation, price=base.price, currency=currency)


def _build_offer(c: Ctx) -> Situation:
    asked: dict[str, object] = {}
    if c.get("requested_solution"):
        asked["requested_solution"] = Solution(c.get("requested_solution"))
    if c.get("requested_amount"):
        asked["requested_amount"] = money_amount(c, "requested_amount")
    offered = c.get("offer_solution")
    situation = with_stage(
        c,
        Stage.seller_offer,
        c.today,
        # Not asked for a parcel that never came: a refund is all a seller can offer then.
        offer_solution=Solution(offered) if offered else Solution.refund_only,
        offer_amount=money_amount(c, "offer_amount"),
        **asked,
    )
    currency = followup_currency(c)
    if currency and order_currency(c) is None:
        # Nothing in the saved order had a currency yet: the offer's one is the order's.
        situation = patched(situation, currency=currency)
    return with_price(c, situation)


def _build_lost(c: Ctx) -> Situation:
    return with_price(c, with_stage(c, Stage.lost, c.today))


def asked_amount(c: Ctx) -> float | None:
    """The amount the saved dispute asks: as recorded, or as its advice claims it; None when
    neither says."""
    amount = saved(c).dispute.requested_amount
    if amount is None and (claim := open_claim(c)) is not None:
        amount = claim[2]
    return amount


AWARDED_NOT_LESS = N_(
    "That is not less than you asked for (%(asked)s). If AliExpress decided to refund all of it,"
    " go back and choose “Yes, all I asked for”; if not, please check the amount."
)


def _awarded_check(c: Ctx, value: object) -> Parsed[object] | None:
    """The amount decided: in the order's currency, not above the price, and after "Less", less
    than the ask (walk of 2026-12-03: $20 was taken as "less" than a $15 ask)."""
    refused = offer_amount_check(c, value)
    asked = asked_amount(c)
    amount = getattr(value, "amount", None)
    if refused is not None or asked is None or amount is None or c.get("won_amount") != "less":
        return refused
    if cents(float(amount)) < cents(asked):
        return None
    return Parsed(error=AWARDED_NOT_LESS, params={"asked": f"{asked:.2f} {saved(c).currency}"})


def _build_won(c: Ctx) -> Situation:
    """The dispute decided in the buyer's favour: the refund now expected is the amount decided,
    all that was asked or the one typed (unknown when skipped)."""
    dispute = saved(c).dispute
    changes: dict[str, object] = {}
    claim = open_claim(c) if dispute.requested_solution is None else None
    if claim is not None:
        changes["requested_solution"] = claim[0]
    if c.answered("won_awarded"):
        changes["requested_amount"] = money_amount(c, "won_awarded")
    elif dispute.requested_amount is None:
        changes["requested_amount"] = asked_amount(c)
    return with_stage(c, Stage.won, when_date(c, "won"), **changes)


def _build_accepted(c: Ctx) -> Situation:
    """The offer accepted: a return offer means the return is agreed, else the refund comes
    (as after a dispute won); either way the refund now expected is the one offered."""
    dispute = saved(c).dispute
    day = when_date(c, "accepted")
    solution = dispute.offer_solution or dispute.requested_solution or Solution.refund_only
    amount = dispute.offer_amount  # unknown: the claim stands in for it
    # The offer stays with the stage it led to: the card tells an accepted offer from a win.
    asked = {
        "requested_solution": solution,
        "requested_amount": amount,
        "offer_solution": dispute.offer_solution,
        "offer_amount": dispute.offer_amount,
    }
    if solution is Solution.return_and_refund:
        return with_stage(c, Stage.return_agreed, day, **asked)
    return with_stage(c, Stage.won, day, **asked)


def _amount_unknown(c: Ctx) -> bool:
    """The saved dispute does not say the amount the buyer asked for."""
    return saved(c).dispute.requested_amount is None


def _opened_unknown(c: Ctx) -> bool:
    """The saved dispute does not say when it was opened (saved mid-dispute by /new)."""
    return saved(c).dispute.opened_on is None


def _build_declined(c: Ctx) -> Situation:
    """The buyer said no to an offer or to closing: the dispute goes on, its timers counting
    from the day it was opened (not from today: a guessed later date is the worst kind of
    wrong), the refused offer gone.

    Past the escalation date there was no agreement in time, so AliExpress has stepped in
    (DOMAIN section 2, `escalation_days`): escalated, not open with a deadline long gone.
    Before it the dispute is open again with `since` after the opening, which is how the stored
    dispute says the seller has answered (advisor.deadlines.seller_answered: "the seller's
    answer is due" no longer applies). An answer on the opening day itself gets the day after:
    an open dispute's `since` is neither shown nor counted from.
    """
    opened = saved(c).dispute.opened_on or when_date(c, "opened") or c.today
    if saved(c).dispute.escalated:
        # Said no to an offer made once AliExpress had stepped in: it is still AliExpress's.
        return with_stage(c, Stage.escalated, c.today, opened_on=opened)
    escalated_on = opened + dt.timedelta(days=c.timers.escalation_days)
    if c.today > escalated_on:  # on the day itself the card still counts it as ahead
        return with_stage(c, Stage.escalated, escalated_on, opened_on=opened)
    since = max(c.today, opened + dt.timedelta(days=1))
    return with_stage(c, Stage.open, since, opened_on=opened)


def _build_rejected(c: Ctx) -> Situation:
    """The seller rejected the dispute: it goes on, answered (`since` after the opening), as
    after "I said no", but open even past the escalation date: whether AliExpress has stepped
    in is the buyer's to say (review AQ), and the card asks them to call it in until then."""
    opened = saved(c).dispute.opened_on or when_date(c, "opened") or c.today
    since = max(c.today, opened + dt.timedelta(days=1))
    return with_stage(c, Stage.open, since, opened_on=opened)


def _missing(field: str) -> Callable[[Ctx], bool]:
    """The saved order lacks `field`: the new-order questionnaire asks it only for texts."""
    return lambda c: getattr(saved(c), field) is None


# The item and numbers that the texts name, for an order saved while its advice had no text
# (wait, ask the seller): once a dispute is open, its text should say which order it is about.
_DETAIL_STEPS = (
    item_step(_missing("item")),
    Step(q.ORDER_NUMBER, when=_missing("order_number")),
    Step(
        q.TRACKING_NUMBER, when=lambda c: not saved(c).received and _missing("tracking_number")(c)
    ),
)


def evidence_to_add(situation: Situation) -> tuple[str, ...]:
    """The evidence options that fit the order and it does not have yet (what the evidence
    follow-up offers; nothing means there is nothing to add)."""
    held = {str(code) for code in situation.evidence or ()}
    status = situation.delivery_status.value if situation.delivery_status else None
    return tuple(
        option.code
        for option in q.MORE_EVIDENCE.options
        if option.code not in held
        and evidence_fits(
            option.code,
            received=situation.received,
            status=status,
            problem=situation.problem.value if situation.problem else None,
        )
    )


def _build_evidence(c: Ctx) -> Situation:
    """The evidence collected since: added to what the order had (the card, the risk and the
    texts' "Attached:" follow it)."""
    base = saved(c)
    added = [code for code in c.get("more_evidence", []) if code in evidence_to_add(base)]
    return patched(base, today=c.today, evidence=[*(base.evidence or []), *added])


def _build_details(c: Ctx) -> Situation:
    answered = {f: c.get(f) for f in ("item", "order_number", "tracking_number") if c.get(f)}
    return patched(saved(c), today=c.today, **answered)


def _stage_only(stage: Stage) -> Callable[[Ctx], Situation]:
    return lambda c: with_stage(c, stage, c.today)


# A cancelled dispute reopens only while Buyer Protection runs (seed 001): cancelled after its
# end, nothing is left to open or to advise (walk BM: an end given after "I cancelled" made the
# advice "open a dispute").
# Walk BT: "0" was refused as a typo ("must be greater than zero"), leaving the buyer whose
# seller refuses to pay with no way to say so from here.
OFFER_OF_NOTHING = N_(
    "An offer of 0 means the seller refuses to pay. Tap “📦 Back to the order” and choose "
    "“🙅 Seller rejected the dispute”."
)

# Where the card has no "Seller rejected the dispute" (the seller answered already, AliExpress
# stepped in, walk CF: the pointer led nowhere): the dispute simply goes on.
OFFER_OF_NOTHING_GOES_ON = N_(
    "An offer of 0 means the seller refuses to pay: that is no offer, and the dispute goes on as"
    " it is. Tap “📦 Back to the order”."
)


def _offer_of_nothing(c: Ctx) -> str:
    """The refusal of an offer of 0: pointing to "Seller rejected the dispute" where the card
    offers it (an open dispute the seller has not answered yet)."""
    base = saved(c)
    rejectable = base.dispute.stage is Stage.open and not seller_answered(base)
    return OFFER_OF_NOTHING if rejectable else OFFER_OF_NOTHING_GOES_ON


CANCELLED_AFTER_THE_END = N_(
    "Buyer Protection ended on %(date)s, so a dispute cancelled now cannot be opened again, and"
    " there is nothing more to advise for this order. If the date is right, go back to the"
    " order and archive it; if not, send the right one."
)


_AFTER_SHIPPING = after_saved_shipping(PROTECTION_BEFORE_SHIPPING)


def _cancel_end_check(c: Ctx, value: object) -> Parsed[dt.date] | None:
    """The protection's end asked when cancelling: not one before the shipping, nor one passed."""
    refused = _AFTER_SHIPPING(c, value)
    if refused is not None or not isinstance(value, dt.date) or day_of(value) >= c.today:
        return refused
    return Parsed(error=CANCELLED_AFTER_THE_END, params={"date": day_of(value).isoformat()})


CANCELLED_STEPS = (
    # An order entered mid-dispute has no end (the questionnaire does not ask it then): asked,
    # as a new dispute can be opened only until then.
    Step(
        q.PROTECTION_END,
        when=lambda c: saved(c).protection_ends_on is None,
        check=_cancel_end_check,
    ),
)


def _build_cancelled(c: Ctx) -> Situation:
    """The buyer cancelled the dispute: none is open, and a new one may be opened while Buyer
    Protection runs (seeds 000, 001); nothing of the old one is judged or reminded of again."""
    return patched(saved(c), today=c.today, dispute=Dispute(), **protection_end_answer(c))


def _dated_stage(stage: Stage, prefix: str) -> Callable[[Ctx], Situation]:
    return lambda c: with_stage(c, stage, when_date(c, prefix))


def _keeping_the_item(c: Ctx) -> bool:
    """The dispute asks for a refund while the buyer keeps the item (as recorded, or as the
    advice claims it when the order does not say)."""
    solution = saved(c).dispute.requested_solution
    if solution is None:
        claim = open_claim(c)
        solution = claim[0] if claim is not None else None
    return solution is Solution.refund_only


def _return_accepted(c: Ctx) -> bool:
    return c.get("return_who") != "asked"


def _build_return_agreed(c: Ctx) -> Situation:
    """The return agreed; or, where the dispute asked to keep the item and the seller only asks
    for it back, the seller's offer of a return (judged as one: the switch is a reason to say
    no, its amount unknown)."""
    if _return_accepted(c):
        return _return_stage(Stage.return_agreed, "ret_agreed")(c)
    dispute = saved(c).dispute
    # The amount of a return offer already recorded stays (review of 2026-12-03).
    offered = dispute.offer_amount if dispute.offer_solution is Solution.return_and_refund else None
    return with_stage(
        c,
        Stage.seller_offer,
        c.today,
        offer_solution=Solution.return_and_refund,
        offer_amount=offered,
    )


def _return_stage(stage: Stage, prefix: str) -> Callable[[Ctx], Situation]:
    """A return agreed or shipped: from now on the dispute asks the refund of a return, so the
    stages after it (won, lost) do not fall back to a partial claim for keeping the item."""

    def build(c: Ctx) -> Situation:
        asked = {
            "requested_solution": Solution.return_and_refund,
            "requested_amount": return_amount(saved(c)),
        }
        return with_stage(c, stage, when_date(c, prefix), **asked)

    return build


FOLLOWUP_FLOWS: dict[str, Flow] = {
    flow.name: flow
    for flow in (
        Flow("extended", EXTENDED_STEPS, build_extended, needs_base=True),
        Flow(
            "opened",
            (
                *when_steps(q.OPENED, always, not_before("opened")),
                # The price first: a full refund is an amount, and an ask above it a typo.
                price_step(price_missing),
                Step(q.REQUESTED_AS, when=ask_unsure, options_when=requested_as_fits),
                Step(
                    q.REQUESTED_SOLUTION,
                    when=lambda c: c.get("requested_as") == "other" and item_received(c),
                ),
                Step(
                    q.REQUESTED_AMOUNT,
                    when=lambda c: c.get("requested_as") == "other",
                    check=requested_amount_check,
                ),
                currency_step(),
            ),
            _build_opened,
            needs_base=True,
        ),
        Flow(
            "offer",
            (
                # Nothing to send back for a parcel that never came: refund only, not asked.
                Step(q.OFFER_SOLUTION, when=item_received),
                Step(
                    q.OFFER_AMOUNT,
                    parser_options=lambda c: {"zero_error": _offer_of_nothing(c)},
                    check=offer_amount_check,
                ),
                Step(
                    q.REQUESTED_SOLUTION,
                    when=lambda c: request_unknown(c) and item_received(c),
                ),
                # Also when only the amount is unknown (a dispute opened without a price):
                # the offer is judged by it.
                Step(q.REQUESTED_AMOUNT, when=_amount_unknown, check=requested_amount_check),
                *price_steps(_offer_unjudged),
            ),
            _build_offer,
            needs_base=True,
        ),
        Flow("asks_close", (), _stage_only(Stage.seller_asks_to_close), needs_base=True),
        Flow("offplatform_offer", (), _stage_only(Stage.seller_offplatform_offer), needs_base=True),
        Flow(
            "evidence_requested",
            when_steps(q.EVIDENCE_REQUESTED, always, not_before("evreq")),
            _dated_stage(Stage.evidence_requested, "evreq"),
            needs_base=True,
        ),
        Flow("escalated", (), _stage_only(Stage.escalated), needs_base=True),
        # Walk BD: a cancelled dispute could not be recorded, and "keep the dispute open" went on.
        Flow("cancelled", CANCELLED_STEPS, _build_cancelled, needs_base=True),
        # Walk AL: with the evidence sent, AliExpress decides; its reminders stop.
        Flow("evidence_sent", (), _stage_only(Stage.escalated), needs_base=True),
        Flow(
            "return_agreed",
            (
                Step(q.RETURN_WHO, when=_keeping_the_item),
                *when_steps(q.RETURN_AGREED, _return_accepted, not_before("ret_agreed")),
            ),
            _build_return_agreed,
            needs_base=True,
        ),
        Flow(
            "return_shipped",
            when_steps(q.RETURN_SHIPPED, always, not_before("ret_shipped")),
            _return_stage(Stage.return_shipped, "ret_shipped"),
            needs_base=True,
        ),
        Flow(
            "won",
            (
                *when_steps(q.WON, always, not_before("won")),
                Step(q.WON_AMOUNT, when=lambda c: asked_amount(c) is not None),
                Step(
                    q.WON_AWARDED,
                    when=lambda c: asked_amount(c) is None or c.get("won_amount") == "less",
                    check=_awarded_check,
                    skip_when=lambda c: q.SKIP_DONT_KNOW if asked_amount(c) is None else None,
                ),
            ),
            _build_won,
            needs_base=True,
        ),
        # An appeal names the compensation expected (002): the price, when the order has none.
        Flow("lost", price_steps(price_missing), _build_lost, needs_base=True),
        Flow("details", _DETAIL_STEPS, _build_details, needs_base=True),
        Flow(
            "accepted",
            when_steps(q.ACCEPTED, always, not_before("accepted")),
            _build_accepted,
            needs_base=True,
        ),
        Flow("not_extended", (), build_not_extended, needs_base=True),
        Flow("contacted", CONTACTED_STEPS, build_contacted, needs_base=True),
        Flow("status", STATUS_STEPS, build_status, needs_base=True),
        Flow("protection_end", PROTECTION_END_STEPS, build_protection_end, needs_base=True),
        Flow("arrived", ARRIVED_STEPS, build_arrived, needs_base=True),
        Flow("correction", CORRECTION_STEPS, build_correction, needs_base=True),
        Flow(
            "evidence",
            (
                Step(
                    q.MORE_EVIDENCE,
                    options_when=lambda c, code: code in evidence_to_add(saved(c)),
                ),
            ),
            _build_evidence,
            needs_base=True,
        ),
        Flow(
            "declined",
            when_steps(q.OPENED, _opened_unknown, not_before("opened")),
            _build_declined,
            needs_base=True,
        ),
        # Walk AL: a seller rejecting the dispute could not be recorded, and "if the seller
        # stays silent, it closes in your favour" went on. The dispute goes on, as after "I
        # said no": answered, the escalation ahead.
        Flow(
            "seller_rejected",
            when_steps(q.OPENED, _opened_unknown, not_before("opened")),
            _build_rejected,
            needs_base=True,
        ),
    )
}
