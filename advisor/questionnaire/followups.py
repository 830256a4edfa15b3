"""The dispute-stage follow-ups: small flows that change a saved Situation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pydantic import BaseModel

from advisor.models import Action, Dispute, Refund, Situation, Solution, Stage
from advisor.parsing import Parsed
from advisor.parsing.dates import PROTECTION_FUTURE_DAYS, add_days
from advisor.rules.stages import return_amount
from advisor.timers import Timers
from locales import N_

from . import questions as q
from .model import Ctx, Flow, Step
from .steps import (
    BEFORE_SHIPPING,
    currency_check,
    evidence_fits,
    item_step,
    money_amount,
    money_currency,
    when_date,
    when_steps,
)

EXTENSION_IN_THE_PAST = N_(
    "This date has already passed, and an extension moves the end of Buyer Protection later. "
    "Please send a date between %(earliest)s and %(latest)s."
)
EXTENSION_BEFORE_SAVED_END = N_(
    "Buyer Protection was to end on %(ended)s, and an extension moves the end later: if the "
    "order page still shows that date, the extension has not happened yet. Please send a date "
    "between %(earliest)s and %(latest)s."
)

BEFORE_OPENED = N_("This is before the dispute was opened (%(date)s). Please check the date.")
BEFORE_RETURN_AGREED = N_(
    "This is before the seller agreed to the return (%(date)s). Please check the date."
)
BEFORE_RETURN_SHIPPED = N_(
    "This is before you sent the item back (%(date)s). Please check the date."
)
ABOVE_PRICE = N_(
    "This is more than you paid for the order (%(price)s), and a refund is never more than that."
    " Please check the amount."
)

FOLLOWUPS: dict[str, str] = {
    "extended": N_("The seller extended Buyer Protection"),
    "opened": N_("I opened a dispute"),
    "offer": N_("The seller made an offer"),
    "asks_close": N_("The seller asks me to close the dispute"),
    "offplatform_offer": N_("The seller offers money outside AliExpress"),
    "evidence_requested": N_("AliExpress asks me for evidence"),
    "escalated": N_("AliExpress has stepped in"),
    "return_agreed": N_("The seller agreed to a return"),
    "return_shipped": N_("I have sent the item back"),
    "won": N_("The dispute was decided in my favour"),
    "lost": N_("I lost the dispute"),
    "details": N_("The item and the order's numbers"),
    "accepted": N_("I accepted the seller's offer"),
    "declined": N_("I said no: the dispute goes on"),
    "not_extended": N_("The seller did not extend Buyer Protection"),
    "evidence": N_("The evidence I have"),
}


def _base(c: Ctx) -> Situation:
    if c.base is None:
        raise ValueError("a follow-up needs the saved situation")
    return c.base


def _order_currency(c: Ctx) -> str | None:
    """The currency of the saved order, when it has any amount at all."""
    base = _base(c)
    amounts = (base.price, base.dispute.requested_amount, base.dispute.offer_amount)
    return base.currency if any(a is not None for a in amounts) else None


def _price_missing(c: Ctx) -> bool:
    """The saved order has no price: the amount asked, an offer check or an appeal needs one."""
    return _base(c).price is None


def _item_received(c: Ctx) -> bool:
    """Whether the buyer has the item (a return is possible at all)."""
    return _base(c).received


def _request_unknown(c: Ctx) -> bool:
    """The saved dispute does not say what the buyer asked for (saved at "open" by /new).

    The offer is judged against the ask, so it is asked here rather than assumed to be the
    advice's own claim, which the buyer may well have gone beyond.
    """
    dispute = _base(c).dispute
    return dispute.requested_solution is None and dispute.requested_amount is None


def _offer_unjudged(c: Ctx) -> bool:
    """Neither a price nor the amount asked: an offer could not be judged by its amount."""
    asked = _base(c).dispute.requested_amount is not None or bool(c.get("requested_amount"))
    return _price_missing(c) and not asked


def _followup_currency(c: Ctx) -> str | None:
    """The currency known so far: of the saved amounts, the offer, the ask, the price or the
    choice."""
    for qid in ("offer_amount", "requested_amount", "price"):
        currency = money_currency(c, qid)
        if currency:
            return currency
    chosen = c.get("currency")
    return _order_currency(c) or (chosen.upper() if chosen else None)


def _price_prompt(c: Ctx) -> str | None:
    """The whole order's total when several pieces were ordered (the refund is a share of it)."""
    ordered = _base(c).quantity_ordered
    return q.TOTAL_PRICE_PROMPT if ordered is not None and ordered > 1 else None


def _price_steps(when: Callable[[Ctx], bool]) -> tuple[Step, Step]:
    """The price (skippable) and, for an amount typed without one, its currency."""
    return (
        Step(
            q.PRICE,
            when=when,
            check=currency_check(_followup_currency),
            prompt_when=_price_prompt,
        ),
        Step(
            q.CURRENCY,
            when=lambda c: bool(c.get("price")) and _followup_currency(c) is None,
        ),
    )


def _with_price(c: Ctx, situation: Situation) -> Situation:
    """The situation with the price answered in this follow-up, if any."""
    price = money_amount(c, "price")
    if price is None:
        return situation
    currency = _followup_currency(c) or situation.currency
    return _patched(situation, price=price, currency=currency)


def _patched(base: Situation, **update: object) -> Situation:
    """The saved situation with some fields replaced, validated again."""
    data = base.model_dump()
    data.update(
        {key: v.model_dump() if isinstance(v, BaseModel) else v for key, v in update.items()}
    )
    return Situation.model_validate(data)


def _with_stage(c: Ctx, stage: Stage, since: dt.date | None, **changes: object) -> Situation:
    """The saved situation moved to a new dispute stage, for today."""
    base = _base(c)
    dispute = {**base.dispute.model_dump(), "stage": stage, "since": since or c.today, **changes}
    return _patched(base, today=c.today, dispute=dispute)


def _not_before(prefix: str) -> Callable[[Ctx, object], Parsed[dt.date] | None]:
    """A check refusing a typed date before what must have come first: the shipping for the
    opening, the opening for a later step, the agreed return for its shipping (a year read
    wrongly, "5 December" taken as last year's, shows up here)."""

    def check(c: Ctx, value: object) -> Parsed[dt.date] | None:
        if not isinstance(value, dt.date):
            return None
        base = _base(c)
        dispute = base.dispute
        earlier: list[tuple[dt.date, str, str]] = []
        if base.shipped_on is not None:
            earlier.append((base.shipped_on, BEFORE_SHIPPING, "shipped"))
        if prefix != "opened" and dispute.opened_on is not None:
            earlier.append((dispute.opened_on, BEFORE_OPENED, "date"))
        if prefix == "ret_shipped" and dispute.stage is Stage.return_agreed and dispute.since:
            earlier.append((dispute.since, BEFORE_RETURN_AGREED, "date"))
        if prefix == "won" and dispute.since is not None:
            # Decided after the return the buyer dated: not before it was agreed or sent.
            if dispute.stage is Stage.return_agreed:
                earlier.append((dispute.since, BEFORE_RETURN_AGREED, "date"))
            elif dispute.stage is Stage.return_shipped:
                earlier.append((dispute.since, BEFORE_RETURN_SHIPPED, "date"))
        broken = [e for e in earlier if value < e[0]]
        if not broken:
            return None
        day, message, key = max(broken, key=lambda e: e[0])
        return Parsed(error=message, params={key: day.isoformat()})

    return check


def _within_price(c: Ctx, value: object) -> Parsed[object] | None:
    """A refund offered or asked above the price paid is a typo (34500 for 3450): judged as it
    is, it would be "accept" and the card would ask for ten times the price."""
    price = money_amount(c, "price") or _base(c).price
    amount = getattr(value, "amount", None)
    if price is None or amount is None or float(amount) <= price + 0.005:
        return None
    currency = _followup_currency(c) or _base(c).currency
    return Parsed(error=ABOVE_PRICE, params={"price": f"{price:.2f} {currency}"})


def _offer_amount_check(c: Ctx, value: object) -> Parsed[object] | None:
    return currency_check(_order_currency)(c, value) or _within_price(c, value)


def _requested_amount_check(c: Ctx, value: object) -> Parsed[object] | None:
    return currency_check(_followup_currency)(c, value) or _within_price(c, value)


def _earliest_extension(c: Ctx) -> dt.date:
    """The first end an extension can give: after the saved end, and not in the past."""
    saved = _base(c).protection_ends_on
    # Strictly later than the saved end: the same date is the order page unchanged, a promise
    # and not an extension.
    later = saved + dt.timedelta(days=1) if saved is not None else c.today
    return max(c.today, later)


def _later_protection_end(c: Ctx, value: object) -> Parsed[dt.date] | None:
    """An extension moves the end later: refuse a date already past or before the saved end."""
    if not isinstance(value, dt.date):
        return None
    saved = _base(c).protection_ends_on
    earliest = _earliest_extension(c)
    if value >= earliest:
        return None
    latest = add_days(c.today, PROTECTION_FUTURE_DAYS) or dt.date.max
    params = {"earliest": earliest.isoformat(), "latest": latest.isoformat()}
    if saved is not None:
        params["ended"] = saved.isoformat()
    if value < c.today:
        return Parsed(error=EXTENSION_IN_THE_PAST, params=params)
    return Parsed(error=EXTENSION_BEFORE_SAVED_END, params=params)


def _build_extended(c: Ctx) -> Situation:
    base = _base(c)
    seller = base.seller.model_copy(
        update={"contacted": True, "responded": True, "extended": True, "refused_extension": False}
    )
    return _patched(
        base, today=c.today, protection_ends_on=c.date("new_protection_end"), seller=seller
    )


def _requested_by_advice(situation: Situation, timers: Timers) -> dict[str, object]:
    """What the advice asks for: the solution and amount that go into the opened dispute."""
    try:
        from advisor.decide import decide
    except ImportError:  # pragma: no cover - the rules land separately
        return {}
    advice = decide(situation, timers)
    if advice.solution is None:
        return {}
    return {"requested_solution": advice.solution, "requested_amount": advice.amount}


# The claim the order's card showed: (solution, refund, amount), or None when it advised
# something else than opening a dispute.
Claim = tuple[Solution, Refund | None, float | None]


def _card_claim(c: Ctx) -> Claim | None:
    """What the order's advice suggested asking in the dispute, if it suggested opening one."""

    def compute() -> Claim | None:
        from advisor.policy import advise_buyer

        advice = advise_buyer(_base(c).model_copy(update={"today": c.today}), c.timers)
        if advice.action is not Action.open_dispute or advice.solution is None:
            return None
        return advice.solution, advice.refund, advice.amount

    return c.cached("card_claim", compute)


_FULL_ASKS = {
    "full": Solution.refund_only,
    "full_keep": Solution.refund_only,
    "full_return": Solution.return_and_refund,
}


def _open_claim(c: Ctx) -> Claim | None:
    """What the dispute claims by the advice once it is open (what is recorded when the buyer
    is not asked), or None when it names no solution."""

    def compute() -> Claim | None:
        from advisor.decide import decide

        current = _base(c).model_copy(
            update={"today": c.today, "dispute": Dispute(stage=Stage.open, opened_on=c.today)}
        )
        advice = decide(current, c.timers)
        if advice.solution is None:
            return None
        return advice.solution, advice.refund, advice.amount

    return c.cached("open_claim", compute)


def _ask_unsure(c: Ctx) -> bool:
    """Whether to ask what the opened dispute asks: the order does not say, and the advice's
    claim is not a full refund, so the buyer may well have asked more, and an offer judged
    against the smaller claim would be "accept" (walk F)."""
    if not _request_unknown(c):
        return False
    claim = _open_claim(c)
    return claim is None or claim[1] is not Refund.full


def _requested_as_fits(c: Ctx, code: str) -> bool:
    """The answers that fit the order: the card's suggestion when it made one, a full refund
    (kept or returned for an item received) unless that is the suggestion itself."""
    claim = _card_claim(c)
    if code == "advised":
        return claim is not None
    if code in _FULL_ASKS:
        if (code == "full") == _item_received(c):
            return False
        return claim is None or claim[:2] != (_FULL_ASKS[code], Refund.full)
    return True


def _asked_in_opened(c: Ctx, price: float | None) -> dict[str, object] | None:
    """What the buyer said they asked for when opening, or None when not asked."""
    choice = c.get("requested_as")
    if choice == "advised":
        claim = _card_claim(c)
        if claim is not None:
            return {"requested_solution": claim[0], "requested_amount": claim[2]}
    if choice in _FULL_ASKS:
        return {"requested_solution": _FULL_ASKS[choice], "requested_amount": price}
    if choice == "other":
        solution = c.get("requested_solution") or Solution.refund_only
        amount = money_amount(c, "requested_amount")
        return {"requested_solution": Solution(solution), "requested_amount": amount}
    return None


def _build_opened(c: Ctx) -> Situation:
    base = _with_price(c, _base(c))
    opened = when_date(c, "opened") or c.today
    changes: dict[str, object] = {"opened_on": opened}
    asked = _asked_in_opened(c, base.price)
    currency = base.currency
    if asked is not None:
        changes.update(asked)
        if _order_currency(c) is None and money_currency(c, "requested_amount"):
            currency = money_currency(c, "requested_amount")
    elif base.dispute.requested_solution is None:
        # What the open dispute claims (the advice for it at the "open" stage): also when the
        # advice before was to write to the seller first, which names no solution.
        current = base.model_copy(
            update={"today": c.today, "dispute": Dispute(stage=Stage.open, opened_on=opened)}
        )
        changes.update(_requested_by_advice(current, c.timers))
    situation = _with_stage(c, Stage.open, opened, **changes)
    return _patched(situation, price=base.price, currency=currency)


def _build_offer(c: Ctx) -> Situation:
    asked: dict[str, object] = {}
    if c.get("requested_solution"):
        asked["requested_solution"] = Solution(c.get("requested_solution"))
    if c.get("requested_amount"):
        asked["requested_amount"] = money_amount(c, "requested_amount")
    offered = c.get("offer_solution")
    situation = _with_stage(
        c,
        Stage.seller_offer,
        c.today,
        # Not asked for a parcel that never came: a refund is all a seller can offer then.
        offer_solution=Solution(offered) if offered else Solution.refund_only,
        offer_amount=money_amount(c, "offer_amount"),
        **asked,
    )
    currency = money_currency(c, "offer_amount") or money_currency(c, "requested_amount")
    if currency and _order_currency(c) is None:
        # Nothing in the saved order had a currency yet: the offer's one is the order's.
        situation = _patched(situation, currency=currency)
    return _with_price(c, situation)


def _build_lost(c: Ctx) -> Situation:
    return _with_price(c, _with_stage(c, Stage.lost, c.today))


def _build_accepted(c: Ctx) -> Situation:
    """The offer accepted: a return offer means the return is agreed, else the refund comes
    (as after a dispute won); either way the refund now expected is the one offered."""
    dispute = _base(c).dispute
    day = when_date(c, "accepted")
    solution = dispute.offer_solution or dispute.requested_solution or Solution.refund_only
    amount = dispute.offer_amount  # unknown: the claim stands in for it
    asked = {"requested_solution": solution, "requested_amount": amount}
    if solution is Solution.return_and_refund:
        return _with_stage(c, Stage.return_agreed, day, **asked)
    return _with_stage(c, Stage.won, day, **asked)


def _opened_unknown(c: Ctx) -> bool:
    """The saved dispute does not say when it was opened (saved mid-dispute by /new)."""
    return _base(c).dispute.opened_on is None


def _build_declined(c: Ctx) -> Situation:
    """The buyer said no to an offer or to closing: the dispute is open again, its timers
    counting from the day it was opened (not from today: a guessed later date is the worst
    kind of wrong), the refused offer gone. `since` is today: the seller has answered since
    the opening (advisor.deadlines.actionable drops "the seller's answer due" then)."""
    opened = _base(c).dispute.opened_on or when_date(c, "opened") or c.today
    return _with_stage(
        c, Stage.open, c.today, opened_on=opened, offer_solution=None, offer_amount=None
    )


def _missing(field: str) -> Callable[[Ctx], bool]:
    """The saved order lacks `field`: the new-order questionnaire asks it only for texts."""
    return lambda c: getattr(_base(c), field) is None


# The item and numbers that the texts name, for an order saved while its advice had no text
# (wait, ask the seller): once a dispute is open, its text should say which order it is about.
_DETAIL_STEPS = (
    item_step(_missing("item")),
    Step(q.ORDER_NUMBER, when=_missing("order_number")),
    Step(
        q.TRACKING_NUMBER, when=lambda c: not _base(c).received and _missing("tracking_number")(c)
    ),
)


def _build_not_extended(c: Ctx) -> Situation:
    """The seller refused to extend (or never answered the request): rule 4 opens the dispute
    once protection is close to its end, instead of asking again."""
    base = _base(c)
    seller = base.seller.model_copy(
        update={"contacted": True, "extended": False, "refused_extension": True}
    )
    return _patched(base, today=c.today, seller=seller)


def evidence_to_add(situation: Situation) -> tuple[str, ...]:
    """The evidence options that fit the order and it does not have yet (what the evidence
    follow-up offers; nothing means there is nothing to add)."""
    held = {str(code) for code in situation.evidence or ()}
    status = situation.delivery_status.value if situation.delivery_status else None
    return tuple(
        option.code
        for option in q.MORE_EVIDENCE.options
        if option.code not in held
        and evidence_fits(option.code, received=situation.received, status=status)
    )


def _build_evidence(c: Ctx) -> Situation:
    """The evidence collected since: added to what the order had (the card, the risk and the
    texts' "Attached:" follow it)."""
    base = _base(c)
    added = [code for code in c.get("more_evidence", []) if code in evidence_to_add(base)]
    return _patched(base, today=c.today, evidence=[*(base.evidence or []), *added])


def _build_details(c: Ctx) -> Situation:
    answered = {f: c.get(f) for f in ("item", "order_number", "tracking_number") if c.get(f)}
    return _patched(_base(c), today=c.today, **answered)


def _stage_only(stage: Stage) -> Callable[[Ctx], Situation]:
    return lambda c: _with_stage(c, stage, c.today)


def _dated_stage(stage: Stage, prefix: str) -> Callable[[Ctx], Situation]:
    return lambda c: _with_stage(c, stage, when_date(c, prefix))


def _return_stage(stage: Stage, prefix: str) -> Callable[[Ctx], Situation]:
    """A return agreed or shipped: from now on the dispute asks the refund of a return, so the
    stages after it (won, lost) do not fall back to a partial claim for keeping the item."""

    def build(c: Ctx) -> Situation:
        asked = {
            "requested_solution": Solution.return_and_refund,
            "requested_amount": return_amount(_base(c)),
        }
        return _with_stage(c, stage, when_date(c, prefix), **asked)

    return build


def _always(_c: Ctx) -> bool:
    return True


FOLLOWUP_FLOWS: dict[str, Flow] = {
    flow.name: flow
    for flow in (
        Flow(
            "extended",
            (
                Step(
                    q.NEW_PROTECTION_END,
                    check=_later_protection_end,
                    parser_options=lambda c: {"shown_earliest": _earliest_extension(c)},
                ),
            ),
            _build_extended,
            needs_base=True,
        ),
        Flow(
            "opened",
            (
                *when_steps(q.OPENED, _always, _not_before("opened")),
                Step(q.REQUESTED_AS, when=_ask_unsure, options_when=_requested_as_fits),
                Step(
                    q.REQUESTED_SOLUTION,
                    when=lambda c: c.get("requested_as") == "other" and _item_received(c),
                ),
                Step(
                    q.REQUESTED_AMOUNT,
                    when=lambda c: c.get("requested_as") == "other",
                    check=_requested_amount_check,
                ),
                *_price_steps(_price_missing),
            ),
            _build_opened,
            needs_base=True,
        ),
        Flow(
            "offer",
            (
                # Nothing to send back for a parcel that never came: refund only, not asked.
                Step(q.OFFER_SOLUTION, when=_item_received),
                Step(q.OFFER_AMOUNT, check=_offer_amount_check),
                Step(
                    q.REQUESTED_SOLUTION,
                    when=lambda c: _request_unknown(c) and _item_received(c),
                ),
                Step(q.REQUESTED_AMOUNT, when=_request_unknown, check=_requested_amount_check),
                *_price_steps(_offer_unjudged),
            ),
            _build_offer,
            needs_base=True,
        ),
        Flow("asks_close", (), _stage_only(Stage.seller_asks_to_close), needs_base=True),
        Flow("offplatform_offer", (), _stage_only(Stage.seller_offplatform_offer), needs_base=True),
        Flow(
            "evidence_requested",
            when_steps(q.EVIDENCE_REQUESTED, _always, _not_before("evreq")),
            _dated_stage(Stage.evidence_requested, "evreq"),
            needs_base=True,
        ),
        Flow("escalated", (), _stage_only(Stage.escalated), needs_base=True),
        Flow(
            "return_agreed",
            when_steps(q.RETURN_AGREED, _always, _not_before("ret_agreed")),
            _return_stage(Stage.return_agreed, "ret_agreed"),
            needs_base=True,
        ),
        Flow(
            "return_shipped",
            when_steps(q.RETURN_SHIPPED, _always, _not_before("ret_shipped")),
            _return_stage(Stage.return_shipped, "ret_shipped"),
            needs_base=True,
        ),
        Flow(
            "won",
            when_steps(q.WON, _always, _not_before("won")),
            _dated_stage(Stage.won, "won"),
            needs_base=True,
        ),
        # An appeal names the compensation expected (002): the price, when the order has none.
        Flow("lost", _price_steps(_price_missing), _build_lost, needs_base=True),
        Flow("details", _DETAIL_STEPS, _build_details, needs_base=True),
        Flow(
            "accepted",
            when_steps(q.ACCEPTED, _always, _not_before("accepted")),
            _build_accepted,
            needs_base=True,
        ),
        Flow("not_extended", (), _build_not_extended, needs_base=True),
        Flow(
            "evidence",
            (
                Step(
                    q.MORE_EVIDENCE,
                    options_when=lambda c, code: code in evidence_to_add(_base(c)),
                ),
            ),
            _build_evidence,
            needs_base=True,
        ),
        Flow(
            "declined",
            when_steps(q.OPENED, _opened_unknown, _not_before("opened")),
            _build_declined,
            needs_base=True,
        ),
    )
}
