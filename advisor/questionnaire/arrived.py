"""The parcel of a saved not-received order arrived after all, with a problem: the order
becomes a received one, asked what the new-order questionnaire asks of an item in hand.

Also while a dispute about the missing parcel is under way: the dispute stays, and what it
asks becomes what rules 12-14 ask for the item in hand (the buyer edits the dispute to it).
"""

from __future__ import annotations

from advisor.decide import decide
from advisor.models import (
    Dispute,
    Evidence,
    Problem,
    Refund,
    Seller,
    Situation,
    Solution,
    Stage,
)

from . import questions as q
from .followup_common import (
    after_saved_shipping,
    followup_currency,
    patched,
    price_missing,
    price_steps,
    protection_end_answer,
    protection_end_step,
    saved,
    with_price,
)
from .model import Ctx, Step
from .new_answers import pieces_faulty, tri_state
from .new_flow import (
    FLAW_PROBLEMS,
    RETURNABLE_PROBLEMS,
    prefer_return_prompt,
    quantity_steps,
    return_cost_asked,
)
from .steps import (
    currency_check,
    evidence_fits,
    money_amount,
    past_date,
)


def _return_cost_needed(c: Ctx) -> bool:
    """Rule 14's return of a flawed item: its postage decides full or partial."""
    return return_cost_asked(
        c.get("problem"),
        tri_state(c.get("usable")),
        tri_state(c.get("prefer_return")),
        priced=saved(c).price is not None or money_amount(c, "price") is not None,
    )


def _receipt_unknown(c: Ctx) -> bool:
    """A receipt the order says was confirmed stays so: the dispute window counts from it
    (review J: a "no" here erased it)."""
    return saved(c).receipt_confirmed_on is None


ARRIVED_STEPS = (
    Step(q.PROBLEM),
    Step(q.USABLE, when=lambda c: c.get("problem") in FLAW_PROBLEMS),
    *quantity_steps(lambda _c: True),
    Step(q.RECEIPT_CONFIRMED, when=_receipt_unknown),
    Step(
        q.RECEIPT_DATE,
        when=lambda c: c.get("receipt_confirmed") == "yes",
        parser_options=past_date,
        check=after_saved_shipping(),
    ),
    protection_end_step(lambda c: c.get("receipt_confirmed") == "no"),
    # An item in hand is refunded in part or in full of its price: a parcel awaited often had
    # none saved (walk AI: the renewed ask of a dispute came with no amount at all).
    *price_steps(price_missing),
    Step(
        q.PREFER_RETURN,
        when=lambda c: c.get("problem") in RETURNABLE_PROBLEMS,
        prompt_when=prefer_return_prompt,
    ),
    Step(
        q.RETURN_COST,
        when=_return_cost_needed,
        check=currency_check(followup_currency),
        parser_options=lambda _c: {"allow_zero": True},
    ),
    # What an item in hand shows replaces the parcel's screenshots (the chat is offered again;
    # walk H: kept unticked, it still counted).
    Step(
        q.EVIDENCE,
        options_when=lambda c, code: evidence_fits(
            code, received=True, status=None, problem=c.get("problem")
        ),
    ),
)


def build_arrived(c: Ctx) -> Situation:
    """The saved order as a received one: the problem and what depends on it replace the
    parcel's tracking facts and the seller's answers about it (walk A: "the seller refused to
    extend Buyer Protection" in a wrong item's dispute); its numbers, price and dates stay."""
    base = _priced_by_its_dispute(with_price(c, saved(c)))
    received = patched(
        base,
        today=c.today,
        received=True,
        problem=Problem(c.get("problem")),
        delivery_status=None,
        days_since_tracking_update=None,
        customs_issue=None,
        not_collected=None,
        seller=Seller(),
        usable=tri_state(c.get("usable")),
        quantity_ordered=c.get("quantity_ordered"),
        quantity_received=c.get("quantity_received"),
        quantity_faulty=pieces_faulty(c),
        receipt_confirmed_on=base.receipt_confirmed_on or c.date("receipt_date"),
        **protection_end_answer(c),
        prefer_return=tri_state(c.get("prefer_return")),
        return_cost=money_amount(c, "return_cost"),
        evidence=[Evidence(code) for code in c.get("evidence") or []],
    )
    return _with_renewed_ask(c, received)


def _priced_by_its_dispute(base: Situation) -> Situation:
    """A missing parcel's dispute asked its whole price back (rules 4-10 ask in full; not a
    parcel returned uncollected, rule 6's part): with no price saved or given, that amount is
    the price a share of it is counted from (review AK: the renewed ask had none)."""
    asked = base.dispute.requested_amount
    whole = base.dispute.requested_solution in (None, Solution.refund_only)
    if base.price is not None or asked is None or not whole or base.not_collected:
        return base
    return patched(base, price=asked)


def _with_renewed_ask(c: Ctx, received: Situation) -> Situation:
    """A dispute opened for a parcel that never came asked its full price back; with the item
    in hand the dispute asks what the advice asks for its problem (a usable item with a flaw:
    rule 14's partial refund), recorded as the "I opened the dispute" follow-up records it."""
    dispute = received.dispute
    if dispute.stage is Stage.none:
        return received
    probe = received.model_copy(update={"dispute": Dispute(stage=Stage.open, opened_on=c.today)})
    claim = decide(probe, c.timers)
    if claim.solution is None:
        return received  # nothing to ask for the item (the buyer's own mistake): the ask stays
    amount = claim.amount
    if amount is None and claim.refund is Refund.full:
        # No price, a full refund: the whole price a missing parcel's dispute asked.
        amount = dispute.requested_amount
    renewed = dispute.model_copy(
        update={"requested_solution": claim.solution, "requested_amount": amount}
    )
    return received.model_copy(update={"dispute": renewed})
