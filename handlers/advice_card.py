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
from advisor.models import (
    Action,
    Advice,
    Deadline,
    DeadlineKind,
    Reason,
    Refund,
    Risk,
    Situation,
    Stage,
    WarningCode,
)
from advisor.rules.why import Why
from advisor.timers import DEFAULT_TIMERS, Timers
from handlers.zone_names import zone_city
from locales import N_, Translator
from locales.runtime import translator

MAX_CARD = 3500  # leaves room for an order header within Telegram's 4,096 characters

# Once the buyer is to take an offer or wait for the money, whether the dispute's evidence is
# ready no longer explains anything ("a dispute is easier to win with it").
_EVIDENCE_WHYS = frozenset(
    {Why.rule_15_evidence_ready, Why.rule_15_evidence_missing, Why.rule_15_evidence_unknown}
)
_SETTLED = frozenset({Action.accept_offer, Action.wait_refund})

# The hints of labels.ACTION_HINTS that point at "the dates below", for advice without any
# deadline (a stage whose timers the advisor cannot know, such as a seller asking to close).
HINTS_WITHOUT_DEADLINES: dict[Action, str] = {
    Action.wait: N_(
        "Nothing to do yet: keep an eye on the tracking and come back when something changes."
    ),
    Action.keep_dispute_open: N_(
        "Do not close or cancel the dispute: talk to the seller only inside the dispute "
        "and keep an eye on the timer on the dispute page."
    ),
    Action.provide_evidence: N_(
        "Upload the evidence AliExpress asked for to the dispute before the time shown on the "
        "dispute page runs out."
    ),
    Action.wait_refund: N_(
        "The refund is on its way: check your card or wallet and write to support "
        "if it does not arrive in the time AliExpress gives."
    ),
}


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


def deadline_item(tr: Translator, deadline: Deadline, today: dt.date) -> str:
    """One deadline as an HTML line: what, the date in bold, and how far it is."""
    what = html.escape(labels.deadline_text(tr, deadline.kind))
    date = html.escape(tr.format_date(deadline.date))
    when = html.escape(relative_day(tr, deadline.date, today))
    return f"• {what}: <b>{date}</b> ({when})"


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
    ordered, received = situation.quantity_ordered, situation.quantity_received
    if advice.reason is Reason.short_quantity and ordered and received is not None:
        # Rule 13: price x missing / ordered.
        share = {"missing": ordered - received, "ordered": ordered}
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
    risky = advice.reason is not None or under_way or advice.risk is not Risk.low
    if risky and advice.action not in _SETTLED:
        # The risk is of losing a dispute: without one (too late, wait, ask the seller) a
        # "Low risk" line would only mislead; a high one (rules 7, 8, 11) is still a warning.
        # Once an offer is to be taken or the money is on its way, nothing is left to lose.
        lines.append(_field(tr.gettext("Risk:"), labels.risk_level(tr, advice.risk)))
    return lines


def _evidence(tr: Translator, situation: Situation, advice: Advice) -> list[str]:
    """The evidence the advice names: what the buyer said they have, then the rest (still to
    prepare, or, beside what they have, still useful)."""
    have = set(situation.evidence or ())
    held = [labels.evidence_text(tr, code) for code in advice.evidence if code in have]
    rest = [labels.evidence_text(tr, code) for code in advice.evidence if code not in have]
    title = (
        tr.gettext("Also useful, if you have it:") if held else tr.gettext("Evidence to prepare:")
    )
    return [
        *_listed(tr.gettext("Evidence you have:"), held, "✅"),
        *_listed(title, rest, "📎"),
    ]


def _listed(title: str, items: list[str], bullet: str) -> list[str]:
    if not items:
        return []
    return ["", f"<b>{html.escape(title)}</b>", *(f"{bullet} {html.escape(i)}" for i in items)]


# Receipt already confirmed: "don't confirm receipt" comes too late, and the protection end
# no longer matters (the dispute window counts from the confirmation, and it is listed).
_MOOT_ONCE_CONFIRMED = frozenset(
    {WarningCode.dont_confirm_receipt, WarningCode.protection_date_unknown}
)


def _shown_warnings(situation: Situation, advice: Advice) -> list[WarningCode]:
    """The advice's warnings, less those the buyer's answers or the stage have made moot."""
    moot: set[WarningCode] = set()
    if situation.receipt_confirmed_on is not None:
        moot |= _MOOT_ONCE_CONFIRMED
    if advice.action in _SETTLED:
        moot.add(WarningCode.evidence_missing)  # "without it the dispute is likely lost"
    return [code for code in advice.warnings if code not in moot]


# Non-receipt disputes are won on the tracking alone (002): missing screenshots weaken one, they
# do not lose it, as the general warning says.
NOT_RECEIVED_EVIDENCE = N_(
    "Take screenshots of the tracking and of your chat with the seller before you open the "
    "dispute: they make it stronger."
)
NOT_RECEIVED_EVIDENCE_OPEN = N_(
    "Add screenshots of the tracking and of your chat with the seller to the dispute: they make "
    "it stronger."
)


def _warning_text(tr: Translator, situation: Situation, code: WarningCode) -> str:
    """A warning in words, fitted to a parcel that never came where the general one is not."""
    if code is WarningCode.evidence_missing and not situation.received:
        opened = situation.dispute.stage is not Stage.none
        return tr.gettext(NOT_RECEIVED_EVIDENCE_OPEN if opened else NOT_RECEIVED_EVIDENCE)
    return labels.warning_text(tr, code)


def _shown_deadlines(advice: Advice, today: dt.date) -> list[Deadline]:
    """The deadlines worth a line, by date. A passed "last reliable day to open" is left out:
    the advice already says to open now while protection runs, and "already passed" under
    "Open a dispute" reads as "too late"."""
    shown = [
        deadline
        for deadline in advice.deadlines
        if not (deadline.kind is DeadlineKind.open_dispute_by and deadline.date < today)
    ]
    return sorted(shown, key=lambda deadline: deadline.date)


def _deadlines(tr: Translator, advice: Advice, today: dt.date, zone: object) -> list[str]:
    ordered = _shown_deadlines(advice, today)
    if not ordered:
        return []
    title = tr.gettext("Deadlines:")
    if zone is not None:
        name = zone_city(str(zone), tr.locale)
        title = tr.gettext("Deadlines (dates in your time zone, %(zone)s):") % {"zone": name}
    return ["", f"<b>{html.escape(title)}</b>", *(deadline_item(tr, d, today) for d in ordered)]


def offer_accepted(situation: Situation) -> bool:
    """Whether the order is `won` because the buyer accepted the seller's offer ("I accepted the
    offer" records the offer as the ask), not because the dispute was decided."""
    dispute = situation.dispute
    return (
        dispute.stage is Stage.won
        and dispute.offer_amount is not None
        and dispute.requested_amount == dispute.offer_amount
        and dispute.requested_solution == (dispute.offer_solution or dispute.requested_solution)
    )


# "The dispute is closed in your favour" would overstate an agreement (maybe a partial refund).
ACCEPTED_WHY = N_("You accepted the seller's offer, so its refund is on its way.")


def _why(tr: Translator, situation: Situation, advice: Advice) -> list[str]:
    texts: list[str] = []
    for code in advice.why:
        if advice.action in _SETTLED and code in _EVIDENCE_WHYS:
            continue
        if code == Why.stage_won and offer_accepted(situation):
            texts.append(tr.gettext(ACCEPTED_WHY))
            continue
        try:
            texts.append(labels.why_text(tr, code))
        except (KeyError, ValueError):
            continue  # a rule code without a text: say nothing rather than show a code
    if not texts:
        return []
    why = tr.gettext("Why: %(why)s") % {"why": " ".join(texts)}
    return ["", f"<i>{html.escape(why)}</i>"]


# The buyer never said what they asked: the offer only meets the advice's own claim.
ACCEPT_ON_CLAIM = N_(
    "The offer is at least the refund this problem calls for, so you can accept it, "
    "unless you asked for more in the dispute; accepting closes the dispute for good."
)
# Nothing to check the offer's amount against: the buyer must judge it.
ACCEPT_UNCHECKED = N_(
    "Accept the offer only if it is the refund you expect: its amount could not be checked, and "
    "accepting closes the dispute for good."
)
# Rule 11 (the buyer's own choice): no dispute, but not a dead end (000, 002).
NOT_WORTH_IT = N_(
    "AliExpress would side with the seller, so a dispute would be lost. You can still ask the "
    "seller in the order chat: some agree to an exchange or a return at your cost; an order "
    "not shipped yet can simply be cancelled."
)
# Hints for an action whose usual wording would say something untrue in one case (its first
# why): (with deadlines, without them).
HINTS_BY_WHY: dict[tuple[Action, str], tuple[str, str]] = {
    (Action.accept_offer, Why.stage_offer_meets_claim): (ACCEPT_ON_CLAIM, ACCEPT_ON_CLAIM),
    (Action.accept_offer, Why.stage_offer_amount_unchecked): (ACCEPT_UNCHECKED, ACCEPT_UNCHECKED),
    (Action.do_not_dispute, Why.rule_11_not_worth_dispute): (NOT_WORTH_IT, NOT_WORTH_IT),
    # The refund of a return comes only once the seller confirms it (or the timer runs out).
    (Action.wait_refund, Why.stage_return_shipped): (
        N_(
            "Wait for the seller to confirm that the item came back: the refund follows, and "
            "comes by itself by the date below if the seller never confirms."
        ),
        N_(
            "Wait for the seller to confirm that the item came back: the refund follows, and "
            "comes by itself when the time AliExpress gives runs out."
        ),
    ),
}


def action_hint(tr: Translator, advice: Advice) -> str:
    """What to do, in one sentence; without deadlines, a wording that promises no dates."""
    special = HINTS_BY_WHY.get((advice.action, advice.why[0] if advice.why else ""))
    if special is not None:
        return tr.gettext(special[0] if advice.deadlines else special[1])
    if not advice.deadlines and advice.action in HINTS_WITHOUT_DEADLINES:
        return tr.gettext(HINTS_WITHOUT_DEADLINES[advice.action])
    return labels.action_hint(tr, advice.action)


def render_advice(
    situation: Situation,
    advice: Advice,
    *,
    today: dt.date,
    zone: ZoneInfo | str | None = None,
    tr: Translator | None = None,
    timers: Timers = DEFAULT_TIMERS,
) -> str:
    """The advice as an HTML card: headline, what to do, reason, solution and amount, risk,
    evidence, warnings, deadlines relative to `today` (in the user's `zone`) and why.

    `timers` are the bot's settings: the share a partial refund asks when the price is unknown.
    """
    tr = tr or translator()
    terms = _terms(tr, situation, advice, timers)
    head = [
        f"<b>👉 {html.escape(labels.action_title(tr, advice.action))}</b>",
        html.escape(action_hint(tr, advice)),
        *(["", *terms] if terms else []),  # no empty block: each list below opens with a gap
    ]
    warnings = [_warning_text(tr, situation, code) for code in _shown_warnings(situation, advice)]
    body = [
        *_evidence(tr, situation, advice),
        *_listed(tr.gettext("Important:"), warnings, "⚠️"),
        *_deadlines(tr, advice, today, zone),
    ]
    card = "\n".join([*head, *body, *_why(tr, situation, advice)])
    if len(card) > MAX_CARD:
        card = "\n".join([*head, *body])
    while len(card) > MAX_CARD:
        # Whole lines only, so no HTML tag is cut in half.
        card = card.rsplit("\n", 1)[0]
    return card
