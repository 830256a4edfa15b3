"""The new-order answers read back: the branch they are on and the Situation they describe."""

from __future__ import annotations

import datetime as dt

from advisor.deadlines import ALIEXPRESS_STEPPED_IN
from advisor.models import (
    AddressErrorBy,
    CustomsIssue,
    DeliveryStatus,
    Dispute,
    Evidence,
    Problem,
    Seller,
    ShippingMethod,
    Situation,
    Solution,
    Stage,
)
from advisor.timers import DEFAULT_TIMERS

from . import questions as q
from .model import Ctx
from .steps import money_amount, money_currency, when_date

MONEY_IDS = ("offer_amount", "requested_amount", "price")
SELLER_FLAGS: dict[str, Seller] = {
    "not_contacted": Seller(),
    "no_reply": Seller(contacted=True),
    "replied": Seller(contacted=True, responded=True),
    "extended": Seller(contacted=True, responded=True, extended=True),
    "refused": Seller(contacted=True, responded=True, refused_extension=True),
}


def is_received(c: Ctx) -> bool:
    """The parcel has arrived."""
    return c.get("received") == "yes"


def is_not_received(c: Ctx) -> bool:
    """The parcel has not arrived."""
    return c.get("received") == "no"


def delivery_status(c: Ctx) -> str | None:
    """What the tracking says, on the not-received branch only."""
    return c.get("delivery_status") if is_not_received(c) else None


def dispute_stage(c: Ctx) -> str | None:
    """The dispute stage answered, or None before the question; "none" for a seller's offer
    outside AliExpress made before any dispute was opened."""
    if c.get("opened_when") == q.NOT_OPENED:
        return "none"
    return c.get("dispute_stage")


def known_currency(c: Ctx) -> str | None:
    """The currency of the amounts given so far (typed with an amount or chosen)."""
    for qid in MONEY_IDS:
        currency = money_currency(c, qid)
        if currency:
            return currency
    chosen = c.get("currency")
    return chosen.upper() if chosen else None


def days_since_update(c: Ctx) -> int | None:
    """Days since the tracking last changed, from the answers about it (None: not known)."""
    chosen = c.get("tracking_last_change")
    if chosen == "over_14":
        # "2 weeks or more": the lower bound is what the buyer told us for sure.
        return DEFAULT_TIMERS.stuck_days
    if chosen == "under_14":
        # "Less than 2 weeks": at least today, a lower bound that grows with the saved order's
        # days (walk AB: unknown, it never counted as stuck however long the order waited).
        return 0
    last = c.date("tracking_last_date")
    return max((c.today - last).days, 0) if last else None


def tri_state(value: str | None) -> bool | None:
    """A yes/no/unknown answer as True/False/None."""
    return {"yes": True, "no": False}.get(value or "")


def _evidence(c: Ctx) -> list[Evidence] | None:
    """The evidence chosen; None when the question was not asked (not the same as none)."""
    if not c.answered("evidence"):
        return None
    return [Evidence(code) for code in c.get("evidence", [])]


# An answer, not a stage of the contract: the dispute is open, the seller has answered (see
# `seller_answered`), as the saved order's "Seller rejected the dispute" records it.
SELLER_REJECTED = "seller_rejected"


def _dispute(c: Ctx) -> Dispute:
    answered = dispute_stage(c) or "none"
    stage = Stage.open if answered == SELLER_REJECTED else Stage(answered)
    since = {
        Stage.open: when_date(c, "opened"),
        Stage.evidence_requested: when_date(c, "evreq"),
        Stage.return_agreed: when_date(c, "ret_agreed"),
        Stage.return_shipped: when_date(c, "ret_shipped"),
        Stage.won: when_date(c, "won"),
    }.get(stage)
    if answered == SELLER_REJECTED and since is not None:
        since = max(c.today, since + dt.timedelta(days=1))  # answered after the opening
    offer = c.get("offer_solution")
    requested = c.get("requested_solution")
    if stage in (Stage.return_agreed, Stage.return_shipped):
        requested = Solution.return_and_refund.value  # what a return is
    return Dispute(
        stage=stage,
        since=since,
        opened_on=when_date(c, "opened"),
        offer_solution=Solution(offer) if offer else None,
        offer_amount=money_amount(c, "offer_amount"),
        requested_solution=Solution(requested) if requested else None,
        requested_amount=money_amount(c, "requested_amount"),
        returned_on=since if stage is Stage.return_shipped else None,
        escalated=stage in ALIEXPRESS_STEPPED_IN,
    )


def _end_answer(c: Ctx) -> str:
    """The question whose answer is the protection end: the one after the seller's extension,
    when the buyer gave it."""
    return "extended_end" if c.date("extended_end") is not None else "protection_end"


def pieces_faulty(c: Ctx) -> int | None:
    """The pieces that came but do not work, as answered (None: all of them work, or none
    came)."""
    if not c.answered("quantity_received") or not c.get("quantity_received"):
        return None
    faulty = c.get("quantity_faulty")
    return int(faulty) if faulty else None


def build(c: Ctx) -> Situation:
    """The Situation described by the answers of a complete new-order flow."""
    status = delivery_status(c)
    problem = c.get("problem") if is_received(c) else None
    customs = c.get("customs_issue")
    method = c.get("shipping_method")
    return Situation(
        today=c.today,
        received=is_received(c),
        item=c.get("item"),
        order_number=c.get("order_number"),
        tracking_number=c.get("tracking_number"),
        details=c.get("details"),
        price=money_amount(c, "price"),
        currency=known_currency(c),
        shipped_on=c.date("shipped_on"),
        protection_ends_on=c.date(_end_answer(c)),
        protection_ends_at=c.time(_end_answer(c)),
        # Extended, the new end skipped: the end given is the one the extension replaced.
        protection_end_before_extension=(
            c.get("seller_contact") == "extended"
            and c.answered("extended_end")
            and c.date("extended_end") is None
            and c.date("protection_end") is not None
        ),
        receipt_confirmed_on=c.date("receipt_date"),
        shipping_method=ShippingMethod(method) if method else ShippingMethod.unknown,
        delivery_status=DeliveryStatus(status) if status else None,
        days_since_tracking_update=days_since_update(c) if status == "not_updating" else None,
        customs_issue=CustomsIssue(customs) if customs and customs != "unknown" else None,
        address_error_by=AddressErrorBy(c.get("address_error_by", "seller")),
        not_collected=tri_state(c.get("not_collected")),
        problem=Problem(problem) if problem else None,
        usable=tri_state(c.get("usable")),
        quantity_ordered=c.get("quantity_ordered"),
        quantity_received=c.get("quantity_received"),
        quantity_faulty=pieces_faulty(c),
        prefer_return=tri_state(c.get("prefer_return")),
        return_cost=money_amount(c, "return_cost"),
        seller=SELLER_FLAGS[c.get("seller_contact", "not_contacted")].model_copy(),
        evidence=_evidence(c),
        dispute=_dispute(c),
    )
