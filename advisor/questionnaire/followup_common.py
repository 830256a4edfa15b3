"""What the dispute-stage follow-ups share: the saved situation, its price and currency, and
the checks of the amounts they ask."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pydantic import BaseModel

from advisor.amounts import cents
from advisor.deadlines import ALIEXPRESS_STEPPED_IN, offer_agreed, protection_end_wanted
from advisor.models import Situation, Stage
from advisor.parsing import Parsed
from advisor.parsing.dates import day_of
from locales import N_

from . import questions as q
from .large_price import large_price
from .model import Ctx, Step
from .steps import (
    BEFORE_SHIPPING,
    PROTECTION_BEFORE_SHIPPING,
    currency_check,
    money_amount,
    money_currency,
)

ABOVE_PRICE = N_(
    "This is more than you paid for the order (%(price)s), and a refund is never more than that."
    " Please check the amount."
)


def saved(c: Ctx) -> Situation:
    if c.base is None:
        raise ValueError("a follow-up needs the saved situation")
    return c.base


def order_currency(c: Ctx) -> str | None:
    """The currency of the saved order, when it has any amount at all."""
    base = saved(c)
    amounts = (base.price, base.dispute.requested_amount, base.dispute.offer_amount)
    return base.currency if any(a is not None for a in amounts) else None


def price_missing(c: Ctx) -> bool:
    """The saved order has no price: the amount asked, an offer check or an appeal needs one."""
    return saved(c).price is None


def item_received(c: Ctx) -> bool:
    """Whether the buyer has the item (a return is possible at all)."""
    return saved(c).received


def request_unknown(c: Ctx) -> bool:
    """The saved dispute does not say what the buyer asked for (saved at "open" by /new).

    The offer is judged against the ask, so it is asked here rather than assumed to be the
    advice's own claim, which the buyer may well have gone beyond.
    """
    dispute = saved(c).dispute
    return dispute.requested_solution is None and dispute.requested_amount is None


def followup_currency(c: Ctx) -> str | None:
    """The currency known so far: of the saved amounts, the offer, the ask, the price or the
    choice."""
    for qid in ("offer_amount", "requested_amount", "price"):
        currency = money_currency(c, qid)
        if currency:
            return currency
    chosen = c.get("currency")
    return order_currency(c) or (chosen.upper() if chosen else None)


def price_prompt(c: Ctx) -> str | None:
    """The whole order's total when several pieces were ordered (the refund is a share of it)."""
    ordered = saved(c).quantity_ordered
    return q.TOTAL_PRICE_PROMPT if ordered is not None and ordered > 1 else None


PRICE_BELOW_AMOUNTS = N_(
    "This is less than %(amount)s, the amount this order's dispute already names, and a refund"
    " is never more than the price paid. Please check the price."
)


def _price_check(c: Ctx, value: object) -> Parsed[object] | None:
    """The price in the currency known so far, and not below an amount the dispute names (the
    offer or the ask, saved or typed in this follow-up): walk Q, 20 typed for 200 made a $30
    offer one to accept, and accepting is final."""
    refused = currency_check(followup_currency)(c, value)
    if refused is not None:
        return refused
    price = getattr(value, "amount", None)
    dispute = saved(c).dispute
    named = (
        money_amount(c, "offer_amount"),
        money_amount(c, "requested_amount"),
        dispute.offer_amount,
        dispute.requested_amount,
    )
    highest = max((amount for amount in named if amount is not None), default=None)
    if price is None or highest is None or cents(highest) <= cents(float(price)):
        return large_price(value, followup_currency(c))
    currency = followup_currency(c) or saved(c).currency
    return Parsed(error=PRICE_BELOW_AMOUNTS, params={"amount": f"{highest:.2f} {currency}"})


def price_step(when: Callable[[Ctx], bool]) -> Step:
    """The price (skippable), in the currency of the amounts known so far, not below them."""
    return Step(q.PRICE, when=when, check=_price_check, prompt_when=price_prompt)


# The amounts a follow-up may have typed: without a currency and none known, it is asked.
_AMOUNTS = ("price", "offer_amount", "requested_amount")


def currency_step() -> Step:
    """The currency, when an amount was typed without one and the order has none (after the
    flow's amounts: a bare "2000" is not taken as dollars)."""
    return Step(
        q.CURRENCY,
        when=lambda c: any(c.get(qid) for qid in _AMOUNTS) and followup_currency(c) is None,
    )


def price_steps(when: Callable[[Ctx], bool]) -> tuple[Step, Step]:
    """The price (skippable) and, for amounts typed without one, their currency."""
    return price_step(when), currency_step()


def with_price(c: Ctx, situation: Situation) -> Situation:
    """The situation with the price answered in this follow-up, if any."""
    price = money_amount(c, "price")
    if price is None:
        return situation
    currency = followup_currency(c) or situation.currency
    return patched(situation, price=price, currency=currency)


def patched(base: Situation, **update: object) -> Situation:
    """The saved situation with some fields replaced, validated again.

    A new protection end, or a seller no longer extending, makes the end the current one: no
    longer one an extension replaced (walk BS: a passed window was never "too late").
    """
    data = base.model_dump()
    data.update(
        {key: v.model_dump() if isinstance(v, BaseModel) else v for key, v in update.items()}
    )
    new_end = data["protection_ends_on"] != base.protection_ends_on
    if new_end or not data["seller"]["extended"]:
        data["protection_end_before_extension"] = False
    return Situation.model_validate(data)


# The stages an agreed return moves on to with its offer (not a dispute lost: review BL).
_TOWARDS_THE_REFUND = frozenset({Stage.return_shipped, Stage.won})


def with_stage(c: Ctx, stage: Stage, since: dt.date | None, **changes: object) -> Situation:
    """The saved situation moved to a new dispute stage, for today. A seller's offer is on the
    table only at its own stage: kept after it, an offer of the asked amount would read as
    accepted when the dispute was later won."""
    base = saved(c)
    dispute = {**base.dispute.model_dump(), "stage": stage, "since": since or c.today}
    # An accepted offer stays with the return it led to, sent back and decided (review BH: the
    # shipped return forgot it, and its refund could be corrected as a claim).
    kept = offer_agreed(base) and stage in _TOWARDS_THE_REFUND
    if stage is not Stage.seller_offer and not kept:
        dispute.update(offer_solution=None, offer_amount=None)
    if stage is Stage.return_shipped:
        dispute.update(returned_on=since or c.today)
    if stage in ALIEXPRESS_STEPPED_IN:
        dispute.update(escalated=True)
    dispute.update(changes)
    return patched(base, today=c.today, dispute=dispute)


def within_price(c: Ctx, value: object) -> Parsed[object] | None:
    """A refund offered or asked above the price paid is a typo (34500 for 3450): judged as it
    is, it would be "accept" and the card would ask for ten times the price."""
    price = money_amount(c, "price") or saved(c).price
    amount = getattr(value, "amount", None)
    if price is None or amount is None or cents(float(amount)) <= cents(price):
        return None
    currency = followup_currency(c) or saved(c).currency
    return Parsed(error=ABOVE_PRICE, params={"price": f"{price:.2f} {currency}"})


def offer_amount_check(c: Ctx, value: object) -> Parsed[object] | None:
    return currency_check(order_currency)(c, value) or within_price(c, value)


def requested_amount_check(c: Ctx, value: object) -> Parsed[object] | None:
    return currency_check(followup_currency)(c, value) or within_price(c, value)


def after_saved_shipping(
    message: str = BEFORE_SHIPPING,
) -> Callable[[Ctx, object], Parsed[dt.date] | None]:
    """A check refusing a date before the saved order's shipping date (a typo), with `message`
    (the questionnaire's own checks read the shipping date from its answers instead)."""

    def check(c: Ctx, value: object) -> Parsed[dt.date] | None:
        shipped = saved(c).shipped_on
        if shipped is None or not isinstance(value, dt.date) or day_of(value) >= shipped:
            return None
        return Parsed(error=message, params={"shipped": shipped.isoformat()})

    return check


def protection_end_step(when: Callable[[Ctx], bool]) -> Step:
    """Buyer Protection's end, asked (skippable) where the saved order does not know it and
    `when` holds: every day of a parcel's wait counts against it (walk F: a parcel shipped 61
    days before was told to wait, with no date to remind of)."""
    return Step(
        q.PROTECTION_END,
        # Receipt confirmed: the window counts from it (review U, walk I: asked and ignored).
        when=lambda c: protection_end_wanted(saved(c)) and when(c),
        check=after_saved_shipping(PROTECTION_BEFORE_SHIPPING),
    )


def protection_end_answer(c: Ctx) -> dict[str, object]:
    """The order's fields the protection end answered sets (its date, and its time when the
    timer gave one); nothing when it was skipped or not asked."""
    ends_on = c.date("protection_end")
    if ends_on is None:
        return {}
    return {"protection_ends_on": ends_on, "protection_ends_at": c.time("protection_end")}
