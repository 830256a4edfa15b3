"""The follow-ups of a saved order before any dispute: the seller extended protection or did
not, the buyer wrote to the seller, the tracking says something new."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from advisor.models import AddressErrorBy, CustomsIssue, DeliveryStatus, ShippingMethod, Situation
from advisor.parsing import Parsed
from advisor.parsing.dates import add_days, day_of
from advisor.parsing.protection import PROTECTION_FUTURE_DAYS
from locales import N_

from . import questions as q
from .followup_common import (
    after_saved_shipping,
    patched,
    protection_end_answer,
    protection_end_step,
    saved,
)
from .model import Ctx, Step, always
from .new_answers import days_since_update, tri_state
from .steps import past_date, stuck_button_fits

EXTENSION_IN_THE_PAST = N_(
    "This date has already passed, and an extension moves the end of Buyer Protection later. "
    "Please send a date between %(earliest)s and %(latest)s."
)
EXTENSION_BEFORE_SAVED_END = N_(
    "The saved end of Buyer Protection is %(ended)s, and an extension moves the end later: if "
    "the order page still shows that date, the extension has not happened yet. Please send a "
    "date between %(earliest)s and %(latest)s."
)


def _earliest_extension(c: Ctx) -> dt.date:
    """The first end an extension can give: after the saved end, and not in the past."""
    saved_end = saved(c).protection_ends_on
    # Strictly later than the saved end: the same date is the order page unchanged, a promise
    # and not an extension.
    later = saved_end + dt.timedelta(days=1) if saved_end is not None else c.today
    return max(c.today, later)


def _saved_end(c: Ctx) -> dt.date | None:
    """The saved end an extension counts from, with the time it runs out when known: "extended
    by 15 days" keeps that time (walk K: dropped, the last day's reminder came after it)."""
    base = saved(c)
    day, at = base.protection_ends_on, base.protection_ends_at
    if day is not None and at is not None:
        return dt.datetime.combine(day, at)
    return day


def _later_protection_end(c: Ctx, value: object) -> Parsed[dt.date] | None:
    """An extension moves the end later: refuse a date already past or before the saved end."""
    if not isinstance(value, dt.date):
        return None
    value = day_of(value)
    saved_end = saved(c).protection_ends_on
    earliest = _earliest_extension(c)
    if value >= earliest:
        return None
    latest = add_days(c.today, PROTECTION_FUTURE_DAYS) or dt.date.max
    params = {"earliest": earliest.isoformat(), "latest": latest.isoformat()}
    if saved_end is not None:
        params["ended"] = saved_end.isoformat()
    if value < c.today:
        return Parsed(error=EXTENSION_IN_THE_PAST, params=params)
    return Parsed(error=EXTENSION_BEFORE_SAVED_END, params=params)


def build_extended(c: Ctx) -> Situation:
    """The seller extended protection to the new end the buyer typed; with the new end not
    known, the end saved stays, as the one the extension replaced (the advice then counts to it,
    as the new-order questionnaire's "extended, end unknown" does)."""
    base = saved(c)
    seller = base.seller.model_copy(
        update={"contacted": True, "responded": True, "extended": True, "refused_extension": False}
    )
    new_end = c.date("new_protection_end")
    if new_end is None:
        return patched(
            base,
            today=c.today,
            seller=seller,
            protection_end_before_extension=base.protection_ends_on is not None,
        )
    return patched(
        base,
        today=c.today,
        protection_ends_on=new_end,
        # "Extended by 15 days" keeps the old time of day (read with it); a new end typed as a
        # date has none known (walk M: the old time shown beside a typed 09:00).
        protection_ends_at=c.time("new_protection_end"),
        seller=seller,
    )


def build_not_extended(c: Ctx) -> Situation:
    """The seller refused to extend (or never answered the request): rule 4 opens the dispute
    once protection is close to its end, instead of asking again."""
    base = saved(c)
    seller = base.seller.model_copy(
        update={"contacted": True, "extended": False, "refused_extension": True}
    )
    return patched(base, today=c.today, seller=seller)


def build_contacted(c: Ctx) -> Situation:
    """The buyer wrote to the seller as advised: rules 5 and 9 open the dispute once the seller
    has been asked, rule 4 waits for the stuck parcel instead of asking again. Whether the
    seller answered goes into the dispute text ("the seller did not reply" only if so)."""
    base = saved(c)
    answered = c.get("seller_answered") == "yes"
    seller = base.seller.model_copy(update={"contacted": True, "responded": answered})
    return patched(base, today=c.today, seller=seller, **protection_end_answer(c))


CONTACTED_STEPS = (Step(q.SELLER_ANSWERED), protection_end_step(always))


def build_protection_end(c: Ctx) -> Situation:
    """The saved order with Buyer Protection's end, from the order's own button (walk F: it
    was only reachable through "Correct a detail")."""
    return patched(saved(c), today=c.today, **protection_end_answer(c))


PROTECTION_END_STEPS = (protection_end_step(always),)


def _status_is(status: DeliveryStatus) -> Callable[[Ctx], bool]:
    return lambda c: c.get("delivery_status") == status.value


def build_status(c: Ctx) -> Situation:
    """The parcel's new tracking status, with what depends on it (the new-order questionnaire's
    own questions): rules 4-10 judge the order by it from now on."""
    base = saved(c)
    status = DeliveryStatus(c.get("delivery_status"))
    customs = c.get("customs_issue")
    method = c.get("shipping_method")
    stuck = status is DeliveryStatus.not_updating
    return patched(
        base,
        today=c.today,
        delivery_status=status,
        days_since_tracking_update=days_since_update(c) if stuck else None,
        customs_issue=CustomsIssue(customs) if customs and customs != "unknown" else None,
        address_error_by=AddressErrorBy(c.get("address_error_by", "seller")),
        not_collected=tri_state(c.get("not_collected")),
        shipping_method=ShippingMethod(method) if method else base.shipping_method,
        **protection_end_answer(c),
    )


# What the tracking says now: the new-order questions about the status, for a saved order.
STATUS_STEPS = (
    Step(q.DELIVERY_STATUS),
    Step(q.CUSTOMS_ISSUE, when=_status_is(DeliveryStatus.at_customs)),
    Step(q.ADDRESS_ERROR_BY, when=_status_is(DeliveryStatus.wrong_address)),
    Step(q.NOT_COLLECTED, when=_status_is(DeliveryStatus.returned_to_seller)),
    Step(
        q.TRACKING_LAST_CHANGE,
        when=_status_is(DeliveryStatus.not_updating),
        options_when=stuck_button_fits,
    ),
    Step(
        q.TRACKING_LAST_DATE,
        when=lambda c: c.get("tracking_last_change") == "date",
        parser_options=past_date,
        check=after_saved_shipping(),
    ),
    Step(
        q.SHIPPING_METHOD,
        when=lambda c: (
            _status_is(DeliveryStatus.delivered_not_received)(c)
            and saved(c).shipping_method is ShippingMethod.unknown
        ),
    ),
    protection_end_step(always),
)


EXTENDED_STEPS = (
    Step(
        q.NEW_PROTECTION_END,
        check=_later_protection_end,
        parser_options=lambda c: {
            "shown_earliest": _earliest_extension(c),
            "extended_from": _saved_end(c),
            "after_extension": True,
        },
    ),
)
