"""Correcting one detail of a saved order: its price, item, order number or tracking number."""

from __future__ import annotations

from collections.abc import Callable

from advisor.amounts import at_least
from advisor.models import Situation
from advisor.parsing import Parsed
from locales import N_

from . import questions as q
from .followup_common import (
    currency_step,
    followup_currency,
    patched,
    price_prompt,
    requested_amount_check,
    saved,
)
from .model import Ctx, Step
from .steps import item_step, money_amount

CORRECTION_OTHER_CURRENCY = N_(
    "The dispute's amounts of this order are in %(currency)s: please give the price in "
    "%(currency)s too."
)


def _correcting(field: str) -> Callable[[Ctx], bool]:
    return lambda c: c.get("correction") == field


def _typed_amounts(situation: Situation) -> bool:
    """Whether the order holds amounts the buyer typed in its currency besides the price (an
    offer, the return postage); the asked amount follows the price or is asked again."""
    amounts = (situation.dispute.offer_amount, situation.return_cost)
    return any(amount is not None for amount in amounts)


def _asked_the_whole_price(situation: Situation) -> bool:
    """Whether the dispute asked the whole (old) price: a full refund, whatever it comes to."""
    asked, price = situation.dispute.requested_amount, situation.price
    return asked is not None and price is not None and at_least(asked, price)


def _ask_again(c: Ctx) -> bool:
    """A corrected price under a dispute that asked part of the old one: that part was worked
    out from the wrong price, so only the buyer can say what the dispute asks (walk S)."""
    base = saved(c)
    typed = money_amount(c, "price") is not None
    return typed and base.dispute.requested_amount is not None and not _asked_the_whole_price(base)


def _price_currency(c: Ctx, value: object) -> Parsed[object] | None:
    """A price in another currency corrects the order's currency too (a wrong one chosen in
    the questionnaire), unless the dispute's amounts are in the old one."""
    base = saved(c)
    currency = getattr(value, "currency", None)
    if currency is None or currency == base.currency or not _typed_amounts(base):
        return None
    return Parsed(error=CORRECTION_OTHER_CURRENCY, params={"currency": base.currency})


# One detail corrected: the question the new-order questionnaire asked it with, skippable
# (skipped: nothing changes).
CORRECTION_STEPS = (
    Step(
        q.CORRECTION,
        options_when=lambda c, code: code != "tracking_number" or not saved(c).received,
    ),
    Step(q.PRICE, when=_correcting("price"), check=_price_currency, prompt_when=price_prompt),
    currency_step(),
    Step(q.REQUESTED_AMOUNT, when=_ask_again, check=requested_amount_check),
    item_step(_correcting("item")),
    Step(q.ORDER_NUMBER, when=_correcting("order_number")),
    Step(q.TRACKING_NUMBER, when=_correcting("tracking_number")),
)


def _asked_for(c: Ctx, price: float) -> float | None:
    """The dispute's asked amount with the corrected price: the whole old price is the whole
    new one (it was asked as "a full refund"); a part of it is what the buyer says now (not
    remembered: None, and offers are judged against the advice's own claim)."""
    base = saved(c)
    if _asked_the_whole_price(base):
        return price
    return money_amount(c, "requested_amount")


def build_correction(c: Ctx) -> Situation:
    """The saved order with the detail typed instead of what it had (the advice, its amounts
    and texts follow)."""
    base = saved(c)
    fields = ("item", "order_number", "tracking_number")
    changes: dict[str, object] = {field: c.get(field) for field in fields if c.get(field)}
    price = money_amount(c, "price")
    if price is not None:
        changes["price"] = price
        changes["currency"] = followup_currency(c) or base.currency
        if base.dispute.requested_amount is not None:
            asked = _asked_for(c, price)
            changes["dispute"] = base.dispute.model_copy(update={"requested_amount": asked})
    return patched(base, today=c.today, **changes)
