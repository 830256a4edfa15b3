"""What an opened dispute asks for: the advice's claim, or what the buyer says they asked.

Offers are judged against the ask (DOMAIN.md section 4, `seller_offer`): recorded as the
advice's partial claim while the buyer asked for everything, a lower offer would read as one
to accept, and accepting is final (walk F). So when the claim is less than a full refund the
"I opened the dispute" follow-up asks.
"""

from __future__ import annotations

from advisor.models import Action, Dispute, Refund, Solution, Stage

from .followup_common import item_received, request_unknown, saved, with_price
from .model import Ctx
from .steps import money_amount

# The claim the order's card showed: (solution, refund, amount), or None when it advised
# something else than opening a dispute.
Claim = tuple[Solution, Refund | None, float | None]


def card_claim(c: Ctx) -> Claim | None:
    """What the order's advice suggested asking in the dispute, if it suggested opening one."""

    def compute() -> Claim | None:
        from advisor.policy import advise_buyer

        # The price asked just before counts: the card had no amount without it.
        priced = with_price(c, saved(c))
        advice = advise_buyer(priced.model_copy(update={"today": c.today}), c.timers)
        if advice.action is not Action.open_dispute or advice.solution is None:
            return None
        return advice.solution, advice.refund, advice.amount

    return c.cached("card_claim", compute)


FULL_ASKS = {
    "full": Solution.refund_only,
    "full_keep": Solution.refund_only,
    "full_return": Solution.return_and_refund,
}


def open_claim(c: Ctx) -> Claim | None:
    """What the dispute claims by the advice once it is open (what is recorded when the buyer
    is not asked), or None when it names no solution (the day it was opened changes nothing in
    the claim, only its deadlines)."""

    def compute() -> Claim | None:
        from advisor.decide import decide

        current = with_price(c, saved(c)).model_copy(
            update={"today": c.today, "dispute": Dispute(stage=Stage.open, opened_on=c.today)}
        )
        advice = decide(current, c.timers)
        if advice.solution is None:
            return None
        return advice.solution, advice.refund, advice.amount

    return c.cached("open_claim", compute)


def ask_unsure(c: Ctx) -> bool:
    """Whether to ask what the opened dispute asks: the order does not say, and the advice's
    claim is not a full refund, so the buyer may well have asked more, and an offer judged
    against the smaller claim would be "accept" (walk F)."""
    if not request_unknown(c):
        return False
    claim = open_claim(c)
    return claim is None or claim[1] is not Refund.full


def requested_as_fits(c: Ctx, code: str) -> bool:
    """The answers that fit the order: the card's suggestion when it made one, a full refund
    (kept or returned for an item received) unless that is the suggestion itself, and only
    with a price to say how much that is (else "Something else" asks the amount)."""
    claim = card_claim(c)
    if code == "advised":
        return claim is not None
    if code in FULL_ASKS:
        if (code == "full") == item_received(c) or with_price(c, saved(c)).price is None:
            return False
        return claim is None or claim[:2] != (FULL_ASKS[code], Refund.full)
    return True


def asked_in_opened(c: Ctx, price: float | None) -> dict[str, object] | None:
    """What the buyer said they asked for when opening, or None when not asked."""
    choice = c.get("requested_as")
    if choice == "advised":
        claim = card_claim(c)
        if claim is not None:
            return {"requested_solution": claim[0], "requested_amount": claim[2]}
    if choice in FULL_ASKS:
        return {"requested_solution": FULL_ASKS[choice], "requested_amount": price}
    if choice == "other":
        solution = c.get("requested_solution") or Solution.refund_only
        amount = money_amount(c, "requested_amount")
        return {"requested_solution": Solution(solution), "requested_amount": amount}
    return None
