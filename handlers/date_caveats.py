"""Card lines for advice that hangs on a date the buyer may not know exactly: "too late" counted
from a rough day, a parcel waited on with the protection's end unknown (walk CM), and an
extension whose new end is not known."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from advisor.deadlines import USUAL_PROTECTION_DAYS, window_end
from advisor.deadlines import usual_protection_end as usual_end_of
from advisor.models import Action, Advice, DeadlineKind, Situation, Stage
from advisor.timers import Timers
from locales import N_, Translator, fill

# "Too late" by at most this many days is worth a second look at the date (a month's part read
# as its earliest day, "в середине ноября" as the 10th, is off by up to ten).
RECHECK_TOO_LATE_DAYS = 21

TOO_LATE_IF_LATER = N_(
    "This is counted from %(date)s, the date you gave. If it was in fact %(latest)s or later,"
    " a dispute can still be opened: check the date on the order page and correct it."
)
USUAL_PROTECTION_END = N_(
    "Buyer Protection usually lasts %(days)s days from shipping: from %(shipped)s, that is"
    " %(date)s (%(when)s). Check the timer on the order page today: the advice depends on it."
)

# Walk of 2026-12-03: "extended, new end unknown" showed the old end as "Buyer Protection ends"
# with no word that the real end is later and where to find it.
EXTENSION_END_UNKNOWN = N_(
    "The seller extended Buyer Protection, but its new end is not known: the dates here count to"
    " the end before the extension (%(date)s), the safe side. Check the Buyer Protection timer on"
    " the order page and update the order with the new end."
)

# Walk of 2026-12-03: a broken charger with the end typed as "no idea" got a card with no date,
# no reminder and no word that the dispute must be opened before an end nobody knew.
# Walk of 2026-12-03 (second): "a dispute can be opened only until then" against /help's "15 days
# after it ends, but harder to win"; and "once the order is saved" on a saved order's card.
PROTECTION_END_UNKNOWN = N_(
    "When Buyer Protection ends is not known, so I cannot remind you before it. Open the dispute"
    " before it ends: after that only %(days)s days are left, and a dispute is harder to win."
    " Check the timer on the order page and add it with “⏳ Add when protection ends” on the saved"
    " order's card."
)

# Walk of 2026-12-03: "get a written statement from the post office" with the safe last day to
# open the dispute tomorrow, and no word that the dispute must not wait for the statement.
OPEN_BY_SAFE_DAY_ANYWAY = N_(
    "If writing first has not settled it by %(date)s (%(when)s), open the dispute that day"
    " anyway, with the evidence you have: a statement or an answer that comes later can be added"
    " to it."
)
# Advice to write to someone first, while the days to open a dispute run (asking for an
# extension says its own "if it is not extended by").
_FIRST_THEN_DISPUTE = frozenset({Action.contact_seller, Action.contact_carrier})


# Each estimated Situation date field, as the line above names it.
ESTIMATED_LABELS = {
    "shipped_on": N_("shipped %(date)s"),
    "receipt_confirmed_on": N_("receipt confirmed %(date)s"),
    "protection_ends_on": N_("Buyer Protection ends %(date)s"),
    "dispute.opened_on": N_("dispute opened %(date)s"),
    "dispute.returned_on": N_("item sent back %(date)s"),
    "dispute.since": N_("the dispute's latest step %(date)s"),
}


def estimated_dates(tr: Translator, situation: Situation) -> str | None:
    """The dates the buyer gave as an estimate, with the word to check them; None when none."""
    named: list[str] = []
    seen: list[dt.date] = []
    for path, label in ESTIMATED_LABELS.items():
        if path not in situation.estimated_dates:
            continue
        value: object = situation
        for name in path.split("."):
            value = getattr(value, name, None)
        # The step's date is the opening day itself while the dispute is just open: said once.
        if type(value) is not dt.date or (path == "dispute.since" and value in seen):
            continue
        seen.append(value)
        named.append(fill(tr.gettext(label), {"date": tr.format_date(value)}))
    if not named:
        return None
    # Notes of 2026-12-03: "maybe in a month" was said to be an estimate once, under the next
    # question; the card then showed Buyer Protection's end like one read off the order page.
    line = tr.ngettext(
        "This date is your estimate, not from the order page: %(dates)s. The deadlines and"
        " reminders count from it: check it on the order page and correct it here if it differs.",
        "These dates are your estimate, not from the order page: %(dates)s. The deadlines and"
        " reminders count from them: check them on the order page and correct them here if they"
        " differ.",
        len(named),
    )
    return fill(line, {"dates": "; ".join(named)})


def open_by_safe_day(
    tr: Translator, advice: Advice, relative: Callable[[dt.date], str]
) -> str | None:
    """Under advice to write to the seller or the post office first: that the dispute is opened
    by its safe last day whatever came of it; None otherwise."""
    if advice.action not in _FIRST_THEN_DISPUTE:
        return None
    safe = next((d.date for d in advice.deadlines if d.kind is DeadlineKind.open_dispute_by), None)
    if safe is None:
        return None
    params = {"date": tr.format_date(safe), "when": relative(safe)}
    return fill(tr.gettext(OPEN_BY_SAFE_DAY_ANYWAY), params)


def protection_end_unknown(tr: Translator, situation: Situation, timers: Timers) -> str | None:
    """With no protection end and no receipt confirmation to count the dispute window from, and
    no usual end to name (`usual_protection_end`): that it is unknown and where it is; None
    otherwise."""
    if (
        situation.protection_ends_on is not None
        or situation.receipt_confirmed_on is not None
        or situation.dispute.stage is not Stage.none
        or (not situation.received and situation.shipped_on is not None)
    ):
        return None
    return fill(tr.gettext(PROTECTION_END_UNKNOWN), {"days": str(timers.after_close_window_days)})


def extension_end_unknown(tr: Translator, situation: Situation) -> str | None:
    """For an extension whose new end the buyer did not know: that the dates count to the end it
    replaced, and where the new one is; None otherwise."""
    if not (situation.protection_end_before_extension and situation.seller.extended):
        return None
    if situation.protection_ends_on is None or situation.dispute.stage is not Stage.none:
        return None
    return fill(
        tr.gettext(EXTENSION_END_UNKNOWN), {"date": tr.format_date(situation.protection_ends_on)}
    )


def too_late_recheck(
    tr: Translator, situation: Situation, advice: Advice, today: dt.date, timers: Timers
) -> str | None:
    """Under "too late" by a few days: the day it was counted from, and from which day on a
    dispute would still be possible; None otherwise."""
    if advice.action is not Action.too_late:
        return None
    end = window_end(situation, timers)
    start = situation.receipt_confirmed_on or situation.protection_ends_on
    if end is None or start is None or (today - end).days > RECHECK_TOO_LATE_DAYS:
        return None
    latest = today - dt.timedelta(days=timers.after_close_window_days)
    params = {"date": tr.format_date(start), "latest": tr.format_date(latest)}
    return fill(tr.gettext(TOO_LATE_IF_LATER), params)


def usual_protection_end(
    tr: Translator, situation: Situation, relative: Callable[[dt.date], str]
) -> str | None:
    """For a parcel awaited with the protection's end unknown and its shipping day known: the
    usual end counted from shipping, with `relative` naming it from today; None otherwise.

    Not once receipt was confirmed: the confirmation ended the protection, and the dispute
    window counts from it (walk of 2026-12-03: the card named a usual end nine days after the
    window's last day, to plan by)."""
    usual = usual_end_of(situation)
    if usual is None or situation.shipped_on is None:
        return None
    params = {
        "days": str(USUAL_PROTECTION_DAYS),
        "shipped": tr.format_date(situation.shipped_on),
        "date": tr.format_date(usual),
        "when": relative(usual),
    }
    return fill(tr.gettext(USUAL_PROTECTION_END), params)
