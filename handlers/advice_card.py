"""The advice card: what to do now, as one HTML message (shared by the questionnaire and orders).

`render_advice(situation, advice, today=..., zone=...)` is the one renderer of an `Advice`:
the questionnaire shows it at the end of a new order, and the order card (handlers.orders)
puts it under the order's own header. It returns HTML with every piece of text escaped, at
most `MAX_CARD` characters; it reads the current update's language unless a `tr` is passed
(code running without an update, such as a reminder job, passes one).
"""

from __future__ import annotations

import datetime as dt
import html
from zoneinfo import ZoneInfo

from babel.numbers import format_percent

from advisor import labels
from advisor.deadlines import time_of_day
from advisor.models import (
    Action,
    Advice,
    Deadline,
    DeadlineKind,
    Evidence,
    Reason,
    Refund,
    Risk,
    Situation,
    Solution,
    Stage,
    WarningCode,
)
from advisor.texts.common import proof_for_reason
from advisor.timers import DEFAULT_TIMERS, Timers
from handlers.advice_wording import (
    SETTLED,
    action_headline,
    action_hint,
    overdue_refund,
    shown_warnings,
    warning_text,
    why_lines,
)
from handlers.clock import now_utc, zone_info
from handlers.date_caveats import (
    estimated_dates,
    extension_end_unknown,
    open_by_safe_day,
    protection_end_unknown,
    too_late_recheck,
    usual_protection_end,
)
from handlers.evidence_tips import evidence_tips
from handlers.return_caveat import return_not_needed
from handlers.zone_names import zone_city
from locales import N_, Translator
from locales.runtime import translator

MAX_CARD = 3500  # leaves room for an order header within Telegram's 4,096 characters


def relative_day(tr: Translator, day: dt.date, today: dt.date) -> str:
    """`today`, `tomorrow`, `in N days`, `yesterday`, `N days ago`, with the language's plurals."""
    days = (day - today).days
    if days == 0:
        return tr.gettext("today")
    if days == 1:
        return tr.gettext("tomorrow")
    if days == -1:
        return tr.gettext("yesterday, already passed")
    if days > 1:
        return tr.ngettext("in %(n)s day", "in %(n)s days", days) % {"n": days}
    return tr.ngettext("%(n)s day ago, already passed", "%(n)s days ago, already passed", -days) % {
        "n": -days
    }


def relative_moment(
    tr: Translator, day: dt.date, at: dt.time | None, today: dt.date, now: dt.datetime | None
) -> str:
    """As `relative_day`, but by the hour when the moment's time of day is known and it is less
    than a day ahead of `now` (the user's local time on `today`): Buyer Protection ending at
    1:17 AM was "tomorrow" at 8 PM, read as a whole day more (walk of 2026-12-03)."""
    if at is None or now is None or now.date() != today:
        return relative_day(tr, day, today)
    left = dt.datetime.combine(day, at) - now.replace(tzinfo=None)
    if not dt.timedelta(0) < left < dt.timedelta(days=1):
        return relative_day(tr, day, today)
    if left < dt.timedelta(hours=1):
        return tr.gettext("in less than an hour")
    # Rounded: "5 hours" typed a minute ago is not "in 4 hours" (walk of 2026-12-03).
    hours = round(left.total_seconds() / 3600)
    return tr.ngettext("in %(n)s hour", "in %(n)s hours", hours) % {"n": hours}


def local_now(zone: ZoneInfo | str | None) -> dt.datetime | None:
    """The current time in `zone` (a name or a zone), or None without one."""
    if zone is None:
        return None
    return now_utc().astimezone(zone if isinstance(zone, ZoneInfo) else zone_info(str(zone)))


def deadline_item(
    tr: Translator,
    deadline: Deadline,
    today: dt.date,
    situation: Situation | None = None,
    now: dt.datetime | None = None,
) -> str:
    """One deadline as an HTML line: what, the date in bold (with the time Buyer Protection runs
    out, when the timer gave it), and how far it is (in hours when less than a day, by `now`)."""
    at = deadline_time(deadline, situation)
    what = html.escape(labels.deadline_text(tr, deadline.kind))
    date = html.escape(labels.deadline_date(tr, deadline, at))
    when = html.escape(relative_moment(tr, deadline.date, at, today, now))
    return f"• {what}: <b>{date}</b> ({when})"


def deadline_time(deadline: Deadline, situation: Situation | None) -> dt.time | None:
    """The local time a deadline runs out, where known (the protection's, from the timer)."""
    return time_of_day(deadline.kind, deadline.date, situation) if situation else None


def _field(title: str, value: str) -> str:
    return f"<b>{html.escape(title)}</b> {html.escape(value)}"


def _amount_without_price(
    tr: Translator, situation: Situation, advice: Advice, timers: Timers
) -> str | None:
    """What to ask when the price is unknown: the share of it the rules would ask."""
    if advice.refund is Refund.full:
        return tr.gettext("the full price you paid")
    if advice.refund is not Refund.partial:
        return None
    ordered, working = situation.quantity_ordered, situation.pieces_working()
    if advice.reason is Reason.short_quantity and ordered and working is not None:
        # Rule 13: price x missing / ordered (the pieces that do not work count as missing).
        share = {"missing": ordered - working, "ordered": ordered}
        return tr.gettext("%(missing)s/%(ordered)s of the price you paid") % share
    percent = format_percent(timers.partial_share, locale=tr.locale)
    return tr.gettext("%(share)s of the price you paid") % {"share": percent}


def _amount(tr: Translator, situation: Situation, advice: Advice, timers: Timers) -> str | None:
    if advice.amount is None:
        if advice.solution is None or advice.action is Action.accept_offer:
            return None  # an offer of unknown amount: no share of a price to tell
        return _amount_without_price(tr, situation, advice, timers)
    if not advice.currency:
        return None
    amount = tr.format_money(advice.amount, advice.currency)
    if advice.refund is Refund.partial and situation.price is not None:
        paid = tr.format_money(situation.price, advice.currency)
        return tr.gettext("%(amount)s (you paid %(paid)s)") % {"amount": amount, "paid": paid}
    return amount


def _terms(tr: Translator, situation: Situation, advice: Advice, timers: Timers) -> list[str]:
    # Once a dispute is under way the reason is already chosen and the amount may be an
    # offer's: headings that tell the buyer what to pick would read oddly.
    under_way = situation.dispute.stage is not Stage.none
    lines: list[str] = []
    if advice.reason is not None:
        title = tr.gettext("Dispute reason:") if under_way else tr.gettext("Reason to choose:")
        lines.append(_field(title, labels.reason_wording(tr, advice.reason)))
    if advice.solution is not None:
        solution = labels.solution_text(tr, advice.solution)
        # An offer taken against an unknown price: "full" would be the claim's word, not a fact.
        unchecked = advice.action is Action.accept_offer and situation.price is None
        if advice.refund is not None and not unchecked:
            solution = f"{solution}, {labels.refund_text(tr, advice.refund).lower()}"
        lines.append(_field(tr.gettext("Solution:"), solution))
    amount = _amount(tr, situation, advice, timers)
    if amount is not None:
        title = tr.gettext("Amount:") if under_way else tr.gettext("Amount to ask for:")
        lines.append(_field(title, amount))
    # A dispute won is a refund to wait for: "at your cost" under it read as a return still to
    # make (walk I); one sent back says when. Nor has a dispute lost (walk of 2026-12-03:
    # "Return shipping: at your cost" above the appeal).
    settled = situation.dispute.stage in (Stage.won, Stage.lost)
    unreturned = settled and situation.dispute.returned_on is None
    if advice.solution is Solution.return_and_refund and not unreturned:
        lines.append(_field(tr.gettext("Return shipping:"), _return_cost(tr, situation, advice)))
    risky = advice.reason is not None or under_way or advice.risk is not Risk.low
    if risky and advice.action not in SETTLED:
        # The risk is of losing a dispute: without one (too late, wait, ask the seller) a
        # "Low risk" line would only mislead; a high one (rules 7, 8, 11) is still a warning.
        # Once an offer is to be taken or the money is on its way, nothing is left to lose.
        risk = labels.risk_level(tr, advice.risk)
        # The return's proof listed under a return to ship is no evidence the dispute lacks
        # (walk BO: "low, with the evidence below" above a parcel not sent yet).
        returning = advice.action is Action.ship_return
        if (
            advice.risk is Risk.low
            and situation.evidence is None
            and advice.evidence
            and not returning
        ):
            # Never asked what the buyer has (walks W, N): low only with the evidence listed.
            risk = tr.gettext("Low, with the evidence listed below")
        lines.append(_field(tr.gettext("Risk:"), risk))
    return lines


def _return_cost(tr: Translator, situation: Situation, advice: Advice) -> str:
    """Who pays the return and what is left of the refund after it (the buyer pays, DOMAIN 1);
    once the item went back, the day it did."""
    if situation.dispute.returned_on is not None:
        sent = tr.format_date(situation.dispute.returned_on)
        return tr.gettext("sent back on %(date)s") % {"date": sent}
    cost = situation.return_cost
    if cost is None:
        return tr.gettext("at your cost")
    if cost == 0:
        return tr.gettext("free of charge")
    currency = advice.currency or situation.currency
    shown = tr.format_money(cost, currency)
    if advice.amount is None or advice.amount <= cost:
        return tr.gettext("%(cost)s, at your cost") % {"cost": shown}
    left = tr.format_money(round(advice.amount - cost, 2), currency)
    return tr.gettext("%(cost)s, at your cost (%(left)s of the refund left after it)") % {
        "cost": shown,
        "left": left,
    }


# What proves a return was sent (DOMAIN 4, return_agreed: "with tracking, photo of the parcel
# and receipt"): the dispute's own evidence is already with AliExpress by then.
RETURN_PROOF = (
    N_("a photo of the packed parcel with its address label"),
    N_("the post office receipt"),
    N_("the return tracking number, entered in the dispute"),
)


CHAT_ONCE_WRITTEN = N_("Screenshots of your chat with the seller, once you have written to them")


def _evidence_label(tr: Translator, code: Evidence, advice: Advice) -> str:
    """A piece of evidence by what it must show where the reason has no defect to show, as the
    texts name it (walk BC: "photos of the item and the problem" for an empty parcel)."""
    own = proof_for_reason(Evidence(code), advice.reason)
    if own is None:
        return labels.evidence_text(tr, code)
    name = tr.gettext(own)
    return name[:1].upper() + name[1:]


def _evidence(tr: Translator, situation: Situation, advice: Advice) -> list[str]:
    """The evidence: all the buyer said they have, then the rest the advice names (still to
    prepare, or, beside what they have, still useful). For a return to ship, what proves it
    was sent."""
    if advice.action is Action.ship_return:
        proof = [tr.gettext(item) for item in RETURN_PROOF]
        return _listed(tr.gettext("Keep as proof of the return:"), proof, "📎")
    have = list(situation.evidence or ())
    # All the buyer has, as the texts say "Attached: ..." of all of it: the advice's first.
    held_codes = [code for code in advice.evidence if code in have]
    held_codes += [code for code in have if code not in held_codes]
    held = [_evidence_label(tr, code, advice) for code in held_codes]
    rest_codes = [code for code in advice.evidence if code not in have]
    rest = [_evidence_label(tr, code, advice) for code in rest_codes]
    if Evidence.chat_screenshot in rest_codes and not situation.seller.contacted:
        # Walk CL: listed as if there were a chat, to a buyer who said they had not written.
        at = rest_codes.index(Evidence.chat_screenshot)
        rest[at] = tr.gettext(CHAT_ONCE_WRITTEN)
    # What the buyer has may not be what the reason needs (walk AS: chat screenshots for a short
    # shipment, "evidence missing", and the photos listed as merely "also useful").
    missing = WarningCode.evidence_missing in advice.warnings
    title = (
        tr.gettext("Also useful, if you have it:")
        if held and not missing
        else tr.gettext("Evidence to prepare:")
    )
    tips = evidence_tips(tr, advice, [*held_codes, *rest_codes], rest_codes)
    return [
        *_listed(tr.gettext("Evidence you have:"), held, "✅"),
        *_listed(title, rest, "📎"),
        *(f"💡 {html.escape(tip)}" for tip in tips),
    ]


# Asking for an extension with the safe last day to open known: the day the asking ends, so
# the buyer does not wait for an answer past it (walk B: three days left, "open a dispute if
# they refuse or protection is about to end", and the message asked for 15 more days).
ASK_UNTIL = N_(
    "Ask the seller in the order chat today to extend Buyer Protection. If it is not extended"
    " by %(date)s (%(when)s), open the dispute that day: do not wait for an answer any longer."
)


def _ask_until(tr: Translator, advice: Advice, today: dt.date) -> str | None:
    """The extension hint with the day to open the dispute by, if the advice is to ask and that
    day is known and not passed."""
    if advice.action is not Action.ask_extension:
        return None
    by = next((d.date for d in advice.deadlines if d.kind is DeadlineKind.open_dispute_by), None)
    if by is None or by < today:
        return None
    return tr.gettext(ASK_UNTIL) % {
        "date": tr.format_date(by),
        "when": relative_day(tr, by, today),
    }


# A received item's dispute with protection about to end: rules 12-14 know no urgency, and the
# card read as any other "open a dispute" (walk AS: ending in two hours, risk low, no word).
ENDING_SOON = N_("Buyer Protection ends %(when)s: open the dispute before it does.")


def _protection_ending(
    situation: Situation, advice: Advice, today: dt.date, timers: Timers
) -> dt.date | None:
    """The protection's end when it is within `open_now_days` and the advice is to open a
    dispute for an item in hand; else None."""
    if advice.action is not Action.open_dispute or not situation.received:
        return None
    ends = next((d.date for d in advice.deadlines if d.kind is DeadlineKind.protection_ends), None)
    if ends is None or not 0 <= (ends - today).days <= timers.open_now_days:
        return None
    return ends


def _listed(title: str, items: list[str], bullet: str) -> list[str]:
    if not items:
        return []
    return ["", f"<b>{html.escape(title)}</b>", *(f"{bullet} {html.escape(i)}" for i in items)]


def shown_deadlines(situation: Situation, advice: Advice, today: dt.date) -> list[Deadline]:
    """The deadlines worth a line, by date. A passed "last reliable day to open" is left out:
    the advice already says to open now while protection runs, and "already passed" under
    "Open a dispute" reads as "too late". So is the window after a protection still running
    (receipt not confirmed): it is rule 2's risky last chance, and shown beside the protection's
    end it read as the real deadline (walk F); it is shown once protection has ended."""
    protection_runs = situation.receipt_confirmed_on is None and any(
        deadline.kind is DeadlineKind.protection_ends and deadline.date >= today
        for deadline in advice.deadlines
    )
    shown = [
        deadline
        for deadline in advice.deadlines
        if not (deadline.kind is DeadlineKind.open_dispute_by and deadline.date < today)
        and not (deadline.kind is DeadlineKind.dispute_window_closes and protection_runs)
    ]
    return sorted(shown, key=lambda deadline: deadline.date)


# What a dispute deadline already passed means, and what to do about it (DOMAIN 4, "open").
PASSED_MEANING = {
    DeadlineKind.seller_response_due: N_(
        "The seller's time to answer has passed: if they did not answer, the dispute closes in"
        " your favour. Check the dispute page."
    ),
    DeadlineKind.escalation: N_(
        "The time for an agreement has passed: if AliExpress has not stepped in yet, ask for it"
        " on the dispute page, then press “🧑‍⚖️ AliExpress stepped in” on the order."
    ),
    DeadlineKind.evidence_due: N_(
        "The time to upload the evidence has passed: if the dispute page still lets you, upload"
        " it now; if not, send it to AliExpress support in the chat."
    ),
    DeadlineKind.return_ship_by: N_(
        "The time to ship the return has passed: if you have not sent it yet, send it today and"
        " enter the tracking number on the dispute page; if the page no longer lets you, write to"
        " AliExpress support in the chat. Then press “🚚 Return shipped” on the order."
    ),
    DeadlineKind.return_auto_refund: N_(
        "The return timer has run out: if the refund has not come, write to AliExpress support in"
        " the chat with your return tracking number."
    ),
    DeadlineKind.refund_expected_by: N_(
        "The refund should have arrived by now: if it has not, ask AliExpress support in the chat"
        " for the refund confirmation, and your bank to find the payment with it."
    ),
}


REFUND_OVERDUE = N_("Check whether the refund has come")


def _deadlines(
    tr: Translator,
    situation: Situation,
    advice: Advice,
    today: dt.date,
    zone: object,
    overdue: DeadlineKind | None,
    zone_chosen: bool,
) -> list[str]:
    ordered = shown_deadlines(situation, advice, today)
    if not ordered:
        return []
    title = tr.gettext("Deadlines:")
    if zone is not None:
        name = {"zone": zone_city(str(zone), tr.locale)}
        # Walk of 2026-12-03: a US buyer who never chose a zone read "your time zone, Moscow".
        title = (
            tr.gettext("Deadlines (dates in your time zone, %(zone)s):") % name
            if zone_chosen
            else tr.gettext("Deadlines (dates in %(zone)s time until you choose your zone):") % name
        )
    passed = [
        f"ℹ️ {html.escape(tr.gettext(PASSED_MEANING[d.kind]))}"
        for d in ordered
        # The refund's passed date is said at the top already (walk CG).
        if d.date < today and d.kind in PASSED_MEANING and d.kind is not overdue
    ]
    now = local_now(zone)  # type: ignore[arg-type]
    lines = [deadline_item(tr, d, today, situation, now) for d in ordered]
    return ["", f"<b>{html.escape(title)}</b>", *lines, *passed]


def render_advice(
    situation: Situation,
    advice: Advice,
    *,
    today: dt.date,
    zone: ZoneInfo | str | None = None,
    tr: Translator | None = None,
    timers: Timers = DEFAULT_TIMERS,
    zone_chosen: bool = True,
) -> str:
    """The advice as an HTML card: headline, what to do, reason, solution and amount, risk,
    evidence, warnings, deadlines relative to `today` (in the user's `zone`) and why.

    `timers` are the bot's settings: the share a partial refund asks when the price is unknown.
    `zone_chosen`: False while `zone` is only the default one, which the deadlines then say.
    """
    tr = tr or translator()
    terms = _terms(tr, situation, advice, timers)
    headline, hint = action_headline(tr, advice, situation), action_hint(tr, advice, situation)
    overdue = overdue_refund(advice, today)
    if overdue is not None:
        # Walk CG: "wait for the refund" at the top, days after its date, with what to do now
        # only in a line under the dates.
        headline, hint = tr.gettext(REFUND_OVERDUE), tr.gettext(PASSED_MEANING[overdue])
    hint = _ask_until(tr, advice, today) or hint
    head = [
        f"<b>👉 {html.escape(headline)}</b>",
        html.escape(hint),
        *(["", *terms] if terms else []),  # no empty block: each list below opens with a gap
    ]
    codes = shown_warnings(situation, advice)
    warnings = [warning_text(tr, situation, code, advice.action) for code in codes]
    ending = _protection_ending(situation, advice, today, timers)
    if ending is not None:
        at = time_of_day(DeadlineKind.protection_ends, ending, situation)
        when = relative_moment(tr, ending, at, today, local_now(zone))
        warnings.insert(0, tr.gettext(ENDING_SOON) % {"when": when})
    # Walk CM: a rough or unknown date deciding the advice, said so with what to check.
    caveats = [
        too_late_recheck(tr, situation, advice, today, timers),
        usual_protection_end(tr, situation, lambda day: relative_day(tr, day, today)),
        extension_end_unknown(tr, situation),
        estimated_dates(tr, situation),
        open_by_safe_day(tr, advice, lambda day: relative_day(tr, day, today)),
        return_not_needed(tr, advice),
        # Said already, for a parcel awaited ("look it up on the order page").
        None
        if WarningCode.protection_date_unknown in codes
        else protection_end_unknown(tr, situation, timers),
    ]
    warnings += [caveat for caveat in caveats if caveat]
    body = [
        *_evidence(tr, situation, advice),
        *_listed(tr.gettext("Important:"), warnings, "⚠️"),
        *_deadlines(tr, situation, advice, today, zone, overdue, zone_chosen),
    ]
    card = "\n".join([*head, *body, *why_lines(tr, situation, advice, timers)])
    if len(card) > MAX_CARD:
        card = "\n".join([*head, *body])
    while len(card) > MAX_CARD:
        # Whole lines only, so no HTML tag is cut in half.
        card = card.rsplit("\n", 1)[0]
    return card
