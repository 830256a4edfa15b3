"""When the dispute's steps happened: a typed date before a step that came first is a typo (a
year read wrongly, "5 December" taken as last year's), refused with what it would contradict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from advisor.models import Stage
from advisor.parsing import Parsed
from locales import N_

from .followup_common import saved
from .model import Ctx
from .steps import BEFORE_SHIPPING

BEFORE_OPENED = N_("This is before the dispute was opened (%(date)s). Please check the date.")
BEFORE_RETURN_AGREED = N_(
    "This is before the seller agreed to the return (%(date)s). Please check the date."
)
BEFORE_RETURN_SHIPPED = N_(
    "This is before you sent the item back (%(date)s). Please check the date."
)
# Walk AY: "the next step" read oddly for the day the dispute was decided.
AFTER_LATER_STEP = N_(
    "This is after %(date)s, the date saved for a later step of this dispute, and the dispute"
    " was opened before that. Please check the date."
)


def not_before(prefix: str) -> Callable[[Ctx, object], Parsed[dt.date] | None]:
    """A check refusing a typed date before what must have come first: the shipping for the
    opening, the opening for a later step, the agreed return for its shipping (a year read
    wrongly, "5 December" taken as last year's, shows up here)."""

    def check(c: Ctx, value: object) -> Parsed[dt.date] | None:
        if not isinstance(value, dt.date):
            return None
        base = saved(c)
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
            elif dispute.returned_on is not None:  # correcting the date of a decided return
                earlier.append((dispute.returned_on, BEFORE_RETURN_SHIPPED, "date"))
        broken = [e for e in earlier if value < e[0]]
        if not broken:
            return None
        day, message, key = max(broken, key=lambda e: e[0])
        return Parsed(error=message, params={key: day.isoformat()})

    return check


def opened_check(c: Ctx, value: object) -> Parsed[dt.date] | None:
    """The opening date corrected: not before the shipping, and not after the step the dispute
    is at now, when that has a date of its own (walk B: a typo there moved every deadline)."""
    refused = not_before("opened")(c, value)
    if refused is not None or not isinstance(value, dt.date):
        return refused
    dispute = saved(c).dispute
    later = dispute.since if dispute.since != dispute.opened_on else None
    if later is not None and value > later:
        return Parsed(error=AFTER_LATER_STEP, params={"date": later.isoformat()})
    return None
