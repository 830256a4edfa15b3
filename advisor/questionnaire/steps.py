"""Building blocks shared by the flows: date steps, money answers and their currency."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from advisor.parsing import Parsed, parse_date, parse_money, parse_order_number, parse_tracking
from advisor.parsing.dates import day_of
from advisor.texts.common import ITEM_MAX
from locales import N_

from . import questions as q
from .model import Ctx, Question, Step

OTHER_CURRENCY = N_(
    "Please give the amount in %(currency)s, the currency of the amounts you gave before."
)
ITEM_IS_A_QUESTION = N_(
    "This looks like a question, not the item (it would go into the dispute text). What did"
    " you order? A few words are enough, for example: wireless earbuds."
)
ITEM_IS_A_PRICE = N_(
    "This looks like a price, not the item. What did you order? A few words are enough, for"
    " example: wireless earbuds."
)

ITEM_IS_A_NUMBER = N_(
    "This looks like an order or tracking number, not the item. What did you order? A few words"
    " are enough, for example: wireless earbuds."
)
ITEM_IS_A_DATE = N_(
    "This looks like a date, not the item. What did you order? A few words are enough, for"
    " example: wireless earbuds."
)

BEFORE_SHIPPING = N_(
    "This is before the seller shipped the order (%(shipped)s). Please check the date."
)
PROTECTION_BEFORE_SHIPPING = N_(
    "This is before the seller shipped the order (%(shipped)s). Please check the date: Buyer "
    "Protection starts when the seller ships."
)


# The evidence options that fit an item in hand (a parcel that never came has none of these).
RECEIVED_EVIDENCE = frozenset({"unboxing_video", "photos", "defect_video", "chat_screenshot"})


# Problems with no defect to film: pieces missing or nothing in the parcel (walk CM: a short
# shipment was offered "a video that shows the defect").
NO_DEFECT_PROBLEMS = frozenset({"short_quantity", "empty_package"})


def evidence_fits(
    code: str, *, received: bool, status: str | None, problem: str | None = None
) -> bool:
    """Whether an evidence option fits the case: what an item in hand shows (a defect's video
    where there is a defect), or for a parcel that never came the screenshots, and the
    statements its status calls for."""
    if received:
        return code in RECEIVED_EVIDENCE and not (
            code == "defect_video" and problem in NO_DEFECT_PROBLEMS
        )
    if code in ("tracking_screenshot", "chat_screenshot"):
        return True
    if code == "post_office_statement":
        return status in ("delivered_not_received", "wrong_address")
    return code == "customs_document" and status == "at_customs"


def not_before_shipping(message: str = BEFORE_SHIPPING) -> Callable[[Ctx, Any], Any]:
    """A check refusing a date before the shipping date given earlier: a typo that would turn
    the advice into "too late" or a parcel stuck before it left."""

    def check(ctx: Ctx, value: Any) -> Parsed[Any] | None:
        shipped = ctx.date("shipped_on")
        if shipped is None or not isinstance(value, dt.date) or day_of(value) >= shipped:
            return None
        return Parsed(error=message, params={"shipped": shipped.isoformat()})

    return check


# The days "2 weeks ago or more" of the tracking's last change stands for (its label's).
STUCK_BUTTON_DAYS = 14


def stuck_button_fits(ctx: Ctx, code: str) -> bool:
    """ "2 weeks ago or more" only for a parcel shipped at least that long ago (walk BI: a parcel
    shipped 12 days before took it, and the seller was told "not updated for at least 14 days,
    shipped 12 days ago")."""
    shipped = ctx.date("shipped_on") or (ctx.base.shipped_on if ctx.base else None)
    if code != "over_14" or shipped is None:
        return True
    return (ctx.today - shipped).days >= STUCK_BUTTON_DAYS


def past_date(_ctx: Ctx) -> dict[str, Any]:
    """Parser options for a date that has already happened."""
    return {"prefer": "past", "latest": _ctx.today}


def store_when(code: str, today: dt.date) -> Any:
    """Store "today"/"yesterday" as the date they meant on the day they were answered."""
    if code == "today":
        return today.isoformat()
    if code == "yesterday":
        return (today - dt.timedelta(days=1)).isoformat()
    return code


def when_steps(
    pair: tuple[Question, Question],
    when: Callable[[Ctx], bool],
    check: Callable[[Ctx, Any], Any] | None = None,
) -> tuple[Step, Step]:
    """The today / yesterday / typed-date pair of steps, both asked only under `when`; `check`
    refuses a typed date that cannot be (before the step it follows)."""
    choice, typed = pair
    choice_id = choice.id

    def quick_date_fits(c: Ctx, code: str) -> bool:
        """The quick "Today" and "Yesterday" pass the same check as a typed date, or go."""
        if check is None or code not in ("today", "yesterday"):
            return True
        return check(c, dt.date.fromisoformat(store_when(code, c.today))) is None

    return (
        Step(choice, when=when, store_choice=store_when, options_when=quick_date_fits),
        Step(
            typed,
            when=lambda c: when(c) and c.get(choice_id) == q.EARLIER,
            parser_options=past_date,
            check=check,
        ),
    )


def when_date(ctx: Ctx, prefix: str) -> dt.date | None:
    """The date answered through a when-pair (buttons or typed), or None."""
    typed = ctx.date(f"{prefix}_date")
    if typed is not None:
        return typed
    chosen = ctx.get(f"{prefix}_when")
    if isinstance(chosen, str) and chosen not in (q.EARLIER, q.NOT_OPENED):
        return dt.date.fromisoformat(chosen)
    return None


def money_json(value: Any) -> list[Any]:
    """A parsed Money as the stored JSON answer: [amount as a string, currency or null]."""
    return [str(value.amount), value.currency]


def money_amount(ctx: Ctx, qid: str) -> float | None:
    """The amount of a stored money answer, or None when unanswered or skipped."""
    stored = ctx.get(qid)
    return float(Decimal(stored[0])) if stored else None


def money_currency(ctx: Ctx, qid: str) -> str | None:
    """The currency written with a stored money answer, or None."""
    stored = ctx.get(qid)
    return stored[1] if stored else None


def currency_check(known: Callable[[Ctx], str | None]) -> Callable[[Ctx, Any], Any]:
    """A check refusing an amount written in another currency than the one known so far."""

    def check(ctx: Ctx, value: Any) -> Any:
        expected = known(ctx)
        if expected and value.currency and value.currency != expected:
            return Parsed(error=OTHER_CURRENCY, params={"currency": expected})
        return None

    return check


# Tracking formats a name never takes; an unknown format may be a model name ("A7S2 Mk3").
_TRACKING_FORMATS = frozenset({"s10", "cainiao", "yunexpress", "numeric"})


# A number with two decimals is money, never a name.
_AMOUNT_WITH_CENTS = re.compile(r"\d{1,7}[.,]\d{2}")


def not_a_price(ctx: Ctx, value: Any) -> Parsed[Any] | None:
    """A check refusing an amount, an order or tracking number, a date or a question typed
    where the item is asked: it would go into the texts as what was ordered (walk BP: the
    order number, asked next, became "Item: 8123456789012345").

    Only an amount with its currency, or with cents ("19.99": walk of 2026-12-03, "Item:
    19.99" in the seller message): a bare whole number names many items (an 18650 battery).
    """
    text = str(value)
    money = parse_money(text)
    if money.ok and money.value is not None and money.value.currency is not None:
        return Parsed(error=ITEM_IS_A_PRICE)
    if _AMOUNT_WITH_CENTS.fullmatch(text.strip()):
        return Parsed(error=ITEM_IS_A_PRICE)
    tracking = parse_tracking(text)
    if tracking.value is not None and tracking.value.carrier in _TRACKING_FORMATS:
        return Parsed(error=ITEM_IS_A_NUMBER)
    if parse_order_number(text).ok:
        return Parsed(error=ITEM_IS_A_NUMBER)
    if parse_date(text, ctx.today).ok:
        return Parsed(error=ITEM_IS_A_DATE)
    if "?" in text:
        # "hi again, what do I do now?" became the dispute text's item (walk N); no item's
        # name asks anything.
        return Parsed(error=ITEM_IS_A_QUESTION)
    return None


def item_step(when: Callable[[Ctx], bool]) -> Step:
    """The item question, asked when `when` says: in English for the texts, and not a price."""
    # No longer than the texts take it: a name cut short in the dispute text would go unseen.
    options = {"english": True, "max_length": ITEM_MAX}
    return Step(q.ITEM, when=when, parser_options=lambda _c: options, check=not_a_price)
