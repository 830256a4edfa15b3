"""What the advice card says, fitted to the case: the hint under the action, the "Why" line,
and which warnings are shown in which words.

The advisor's codes (action, why, warnings) are the same for every case they cover; a few read
untrue or moot for a particular one (an offer accepted on the advice's own claim, a shipped
return, a receipt already confirmed, a parcel that never came). The card's wording adapts here;
the advisor's JSON does not change.
"""

from __future__ import annotations

import html

from advisor import labels
from advisor.deadlines import (
    offer_taken,
    overdue_refund,
    protection_end_wanted,
    seller_answered,
)
from advisor.models import (
    Action,
    Advice,
    DeadlineKind,
    DeliveryStatus,
    Evidence,
    Problem,
    Situation,
    Stage,
    WarningCode,
)
from advisor.rules.why import Why
from advisor.timers import DEFAULT_TIMERS, Timers
from locales import N_, Translator

# Once the buyer is to take an offer or wait for the money, whether the dispute's evidence is
# ready no longer explains anything ("a dispute is easier to win with it").
_EVIDENCE_WHYS = frozenset(
    {Why.rule_15_evidence_ready, Why.rule_15_evidence_missing, Why.rule_15_evidence_unknown}
)
SETTLED = frozenset({Action.accept_offer, Action.wait_refund})
# Nor once the item is to be sent back: the card lists the return's own proof, which the buyer
# cannot have yet (walk BJ: "you already have the evidence" right under it).
_NO_EVIDENCE_WHY = SETTLED | {Action.ship_return}

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


# Receipt already confirmed: "don't confirm receipt" comes too late, and the protection end
# no longer matters (the dispute window counts from the confirmation, and it is listed).
_MOOT_ONCE_CONFIRMED = frozenset(
    {WarningCode.dont_confirm_receipt, WarningCode.protection_date_unknown}
)


def shown_warnings(situation: Situation, advice: Advice) -> list[WarningCode]:
    """The advice's warnings, less those the buyer's answers or the stage have made moot."""
    moot: set[WarningCode] = set()
    if situation.receipt_confirmed_on is not None:
        moot |= _MOOT_ONCE_CONFIRMED
    if Why.extension_end_passed in advice.why:
        # The seller says it is extended: "has already ended" is not known, and the "Why" says
        # to open the dispute if the order page shows no later end (walk BM).
        moot.add(WarningCode.protection_expired)
    if advice.action in _NO_EVIDENCE_WHY:
        # "Without it the dispute is likely lost", under the return's own proof (walk BK).
        moot.add(WarningCode.evidence_missing)
    if overdue_refund(advice, situation.today) is DeadlineKind.return_auto_refund:
        # The timer has run out: "the refund comes when it runs out" under a card saying to
        # write to support as it has not (walk CH).
        moot.add(WarningCode.dont_extend_return_timer)
    shown = [code for code in advice.warnings if code not in moot]
    unknown_end = WarningCode.protection_date_unknown
    if _protection_end_wanted(situation, advice) and unknown_end not in shown:
        shown.append(unknown_end)
    return shown


# Advice to write to someone first: rule 4 warns of an unknown protection end only when it says
# to wait, yet the days spent writing count against the protection too (walk F).
_WRITE_FIRST = frozenset({Action.contact_seller, Action.contact_carrier})


def _waiting_on_an_extension(situation: Situation, advice: Advice) -> bool:
    """Rule 4's wait on the seller's extension: with its new end unknown nothing reminds the
    buyer before it runs out (walk AF)."""
    return advice.action is Action.wait and situation.seller.extended


def _protection_end_wanted(situation: Situation, advice: Advice) -> bool:
    """A parcel still awaited, no dispute, the protection end unknown, advice to write first
    or to wait on an extension."""
    return (
        not situation.received
        and situation.dispute.stage is Stage.none
        and protection_end_wanted(situation)
        and (advice.action in _WRITE_FIRST or _waiting_on_an_extension(situation, advice))
        # Rule 8, the buyer's own address: the post office, whatever the protection's end.
        and WarningCode.buyer_address_error not in advice.warnings
    )


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


# Rule 2 keeps the warning on an outcome that opens no dispute (the buyer's own address error,
# a legitimate duty): "open the dispute at once" there contradicted the advice (walk AF).
PROTECTION_ENDED = N_("Buyer Protection has already ended: the seller has been paid.")


def warning_text(
    tr: Translator, situation: Situation, code: WarningCode, action: Action | None = None
) -> str:
    """A warning in words, fitted to a parcel that never came where the general one is not, and
    to advice that opens no dispute."""
    if code is WarningCode.evidence_missing and not situation.received:
        opened = situation.dispute.stage is not Stage.none
        return tr.gettext(NOT_RECEIVED_EVIDENCE_OPEN if opened else NOT_RECEIVED_EVIDENCE)
    if code is WarningCode.protection_expired and action not in (None, Action.open_dispute):
        return tr.gettext(PROTECTION_ENDED)
    ends, confirmed = situation.protection_ends_on, situation.receipt_confirmed_on
    if code is WarningCode.closing_is_final and confirmed is not None:
        # Walk CB: "only while Buyer Protection still runs", where the confirmation ended it.
        return tr.gettext(CANCEL_CONFIRMED) % {"date": tr.format_date(confirmed)}
    if code is WarningCode.closing_is_final and ends is not None:
        # Walk BJ: "only while Buyer Protection still runs", on a card that never said until
        # when (a dispute's card lists only its own dates).
        cancel = CANCEL_UNTIL if ends >= situation.today else CANCEL_TOO_LATE
        return tr.gettext(cancel) % {"date": tr.format_date(ends)}
    return labels.warning_text(tr, code)


CANCEL_UNTIL = N_(
    "An accepted offer ends the dispute for good; a cancelled dispute can be opened again only"
    " while Buyer Protection still runs: until %(date)s."
)
CANCEL_CONFIRMED = N_(
    "An accepted offer ends the dispute for good, and a cancelled one cannot be opened again:"
    " confirming receipt on %(date)s ended Buyer Protection."
)
CANCEL_TOO_LATE = N_(
    "An accepted offer ends the dispute for good, and a cancelled one cannot be opened again:"
    " Buyer Protection ended on %(date)s."
)


def offer_accepted(situation: Situation) -> bool:
    """Whether the order is `won` because the buyer accepted the seller's offer ("I accepted the
    offer" records the offer as the ask), not because the dispute was decided."""
    dispute = situation.dispute
    # After a return the refund follows the seller's confirmation, not the agreement (review BL).
    return dispute.stage is Stage.won and dispute.returned_on is None and offer_taken(situation)


# "The dispute is closed in your favour" would overstate an agreement (maybe a partial refund).
ACCEPTED_WHY = N_("You accepted the seller's offer, so its refund is on its way.")


# Tracking may stay empty for `no_tracking_grace_days` after shipping (DOMAIN 2, 003): said to a
# buyer told to wait or to write to the seller about a parcel without tracking, with how long it
# has been, so they know whether it is still normal (review BF: the setting said nothing).
_ACTIONS_BEFORE_A_DISPUTE = frozenset({Action.wait, Action.contact_seller})
LATE_TRACKING = N_("That is longer than usual.")


def tracking_grace(
    tr: Translator, situation: Situation, advice: Advice, timers: Timers = DEFAULT_TIMERS
) -> list[str]:
    """How long tracking may stay empty, and how long it has, for a parcel without tracking."""
    if (
        situation.received
        or situation.delivery_status is not DeliveryStatus.no_tracking
        or situation.shipped_on is None
        or advice.action not in _ACTIONS_BEFORE_A_DISPUTE
    ):
        return []
    grace = timers.no_tracking_grace_days
    days = (situation.today - situation.shipped_on).days
    texts = [
        tr.ngettext(
            "Tracking may show nothing for up to %(n)s day after shipping.",
            "Tracking may show nothing for up to %(n)s days after shipping.",
            grace,
        )
        % {"n": grace}
    ]
    if days > 0:
        texts.append(
            tr.ngettext(
                "Yours was shipped %(n)s day ago.", "Yours was shipped %(n)s days ago.", days
            )
            % {"n": days}
        )
    if days > grace:
        texts.append(tr.gettext(LATE_TRACKING))
    return texts


# Rules 12 and 14 in the words of the buyer's own problem (walk BC: "the item is missing, cannot
# be used or is not what you ordered" under a counterfeit in hand; "a flaw, but it does its job"
# under a dress of the wrong colour).
FULL_WHY_BY_PROBLEM: dict[Problem, str] = {
    Problem.wrong_item: N_(
        "You received a different item from the one you ordered: a full refund is fair."
    ),
    Problem.empty_package: N_("The package came empty: a full refund is fair."),
    Problem.expired: N_("The item came past its expiry date: a full refund is fair."),
    Problem.counterfeit: N_(
        "The item is a counterfeit, not what you paid for: a full refund is fair."
    ),
    Problem.not_working: N_("The item does not work: a full refund is fair."),
}
UNUSABLE_WHY = N_("The item cannot be used: a full refund is fair.")
PARTIAL_WHY_BY_PROBLEM: dict[Problem, str] = {
    Problem.damaged: N_(
        "The item is damaged but can still be used: a partial refund is the realistic request."
    ),
    Problem.not_as_described: N_(
        "The item differs from its description but can still be used:"
        " a partial refund is the realistic request."
    ),
    Problem.quality: N_(
        "The item is of poor quality but can still be used: a partial refund is"
        " the realistic request."
    ),
    Problem.missing_parts: N_(
        "Parts are missing but the item can still be used: a partial"
        " refund is the realistic request."
    ),
}


def _problem_why(situation: Situation, code: str) -> str | None:
    """The msgid of rule 12's or 14's reason in the words of the buyer's problem, if it has
    its own."""
    problem = situation.problem
    if problem is None:
        return None
    if code == Why.rule_12_full_refund:
        if problem in FULL_WHY_BY_PROBLEM:
            return FULL_WHY_BY_PROBLEM[problem]
        return UNUSABLE_WHY if situation.usable is False else None
    if code == Why.rule_14_partial:
        return PARTIAL_WHY_BY_PROBLEM.get(problem)
    return None


def why_lines(
    tr: Translator, situation: Situation, advice: Advice, timers: Timers = DEFAULT_TIMERS
) -> list[str]:
    """The card's "Why:" line (HTML, after a blank line), or nothing when no rule has words.

    `timers` are the bot's settings: how long tracking may stay empty after shipping."""
    texts: list[str] = []
    for code in advice.why:
        if advice.action in _NO_EVIDENCE_WHY and code in _EVIDENCE_WHYS:
            continue
        if code == Why.rule_12_full_refund and Why.rule_13_nothing_received in advice.why:
            # Rule 13 judged nothing arriving as an empty parcel: rule 12's "the item cannot be
            # used" would speak of an item that never came (walk L).
            continue
        if code == Why.stage_won and offer_accepted(situation):
            texts.append(tr.gettext(ACCEPTED_WHY))
            continue
        if code == Why.stage_open and seller_answered(situation):
            texts.append(tr.gettext(REFUSED_WHY))
            continue
        if code == Why.stage_open and _answer_time_passed(situation, advice):
            # Walk AT: "the seller has to answer" under a seller's answer date already passed.
            texts.append(tr.gettext(ANSWER_TIME_PASSED_WHY))
            continue
        own = _problem_why(situation, code)
        if own is not None:
            texts.append(tr.gettext(own))
            continue
        try:
            texts.append(labels.why_text(tr, code))
        except (KeyError, ValueError):
            continue  # a rule code without a text: say nothing rather than show a code
    texts.extend(tracking_grace(tr, situation, advice, timers))
    if not texts:
        return []
    why = tr.gettext("Why: %(why)s") % {"why": " ".join(texts)}
    return ["", f"<i>{html.escape(why)}</i>"]


# Open again after the buyer refused the seller's offer or request ("I said no"), or after the
# seller rejected the dispute: no agreement, whoever said no (walk AT).
REFUSED_WHY = N_(
    "The dispute goes on: the seller has answered without an agreement, and without one"
    " AliExpress steps in."
)
ANSWER_TIME_PASSED_WHY = N_("The dispute is open and the seller's time to answer has passed.")


def _answer_time_passed(situation: Situation, advice: Advice) -> bool:
    return any(
        d.kind is DeadlineKind.seller_response_due and d.date < situation.today
        for d in advice.deadlines
    )


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
# Rule 11 (the buyer's own choice): no dispute, but not a dead end (000, 002). The item has
# come by then: nothing left to cancel (walk AS).
NOT_WORTH_IT = N_(
    "AliExpress would side with the seller, so a dispute would be lost. You can still ask the "
    "seller in the order chat: some agree to an exchange or a return at your cost."
)
# Rule 7, legitimate duty: what to do instead of a dispute (walk AW: the card stopped at "not
# worth it").
PAY_THE_DUTY = N_(
    "AliExpress would side with the seller, so a dispute would be lost. To get the parcel, pay"
    " the duty as customs or the post office asks. If you refuse it, the parcel goes back to the"
    " seller and the money is most likely lost too."
)
# Hints for an action whose usual wording would say something untrue in one case (its first
# why): (with deadlines, without them).
REDIRECT = N_(
    "Ask the post office or carrier to redirect the parcel to your correct address, or to "
    "hold it for you to collect."
)
HINTS_BY_WHY: dict[tuple[Action, str], tuple[str, str]] = {
    (Action.accept_offer, Why.stage_offer_meets_claim): (ACCEPT_ON_CLAIM, ACCEPT_ON_CLAIM),
    (Action.accept_offer, Why.stage_offer_amount_unchecked): (ACCEPT_UNCHECKED, ACCEPT_UNCHECKED),
    (Action.do_not_dispute, Why.rule_11_not_worth_dispute): (NOT_WORTH_IT, NOT_WORTH_IT),
    (Action.do_not_dispute, Why.rule_7_duty_required): (PAY_THE_DUTY, PAY_THE_DUTY),
    # Rule 8, the buyer's own address: the parcel is redirected, no statement to collect.
    (Action.contact_carrier, Why.rule_8_buyer_error): (REDIRECT, REDIRECT),
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


# Headlines for an action whose usual title would say too much in one case (its first why).
TITLES_BY_WHY: dict[tuple[Action, str], str] = {
    # Nothing could check the amount: "Accept the seller's offer" would be a verdict (walk J).
    (Action.accept_offer, Why.stage_offer_amount_unchecked): N_(
        "Check the offer's amount before you accept it"
    ),
}


ESCALATE_TITLE = N_("Escalate the dispute to AliExpress")


def _escalate_now(advice: Advice, situation: Situation | None) -> bool:
    """An open dispute without an agreement: the buyer's move is to escalate (ESCALATE_NOW)."""
    return (
        advice.action is Action.keep_dispute_open
        and situation is not None
        and seller_answered(situation)
    )


def action_headline(tr: Translator, advice: Advice, situation: Situation | None = None) -> str:
    """The card's headline: the action's title, or its wording for the case at hand."""
    if _escalate_now(advice, situation):
        return tr.gettext(ESCALATE_TITLE)  # see ESCALATE_NOW
    special = TITLES_BY_WHY.get((advice.action, advice.why[0] if advice.why else ""))
    return tr.gettext(special) if special is not None else labels.action_title(tr, advice.action)


# Rule 3's wait for a parcel the tracking calls delivered: nothing to watch on the tracking, and
# the post office statement is what the dispute will need (walk AW: written to the seller, the
# buyer was told only to keep an eye on the tracking).
WAIT_FOR_DELIVERED = N_(
    "The dispute can be opened from the first day below. Meanwhile, if you do not have it yet,"
    " ask the post office for a written statement of who received the parcel: the dispute will"
    " need it."
)


def _waits_for_a_delivered_parcel(advice: Advice, situation: Situation | None) -> bool:
    return (
        situation is not None
        and advice.action is Action.wait
        and advice.why[:1] == [str(Why.rule_3_too_early)]
        and situation.delivery_status is DeliveryStatus.delivered_not_received
        and Evidence.post_office_statement not in (situation.evidence or ())
    )


# A wait whose only date is the first day a dispute can be opened (walk of 2026-12-03: "come back
# no later than the dates below" over a date from which, not by which, to act).
WAIT_UNTIL_OPENING = N_(
    "Nothing to do yet: keep an eye on the tracking. If the parcel has not come by the date"
    " below, a dispute can be opened from that day."
)


def _waits_only_for_opening(advice: Advice) -> bool:
    return (
        advice.action is Action.wait
        and bool(advice.deadlines)
        and all(d.kind is DeadlineKind.earliest_open for d in advice.deadlines)
    )


# The seller rejected the dispute, or the buyer refused the seller's offer: the buyer can call
# AliExpress in at once rather than wait for it (001: "если вы не согласны с действиями продавца,
# начинается обостренный спор"; 003: "при отклонении спора продавцом вам необходимо обострить
# диспут"). Walk CL: the card only said to keep the dispute open and watch the dates.
ESCALATE_NOW = N_(
    "There is no agreement with the seller, so you need not wait for AliExpress to step in by"
    " itself: in the dispute, press “Escalate” and AliExpress will decide. Add your evidence"
    " there, and do not close or cancel the dispute."
)


def action_hint(tr: Translator, advice: Advice, situation: Situation | None = None) -> str:
    """What to do, in one sentence; without deadlines, a wording that promises no dates."""
    if _waits_for_a_delivered_parcel(advice, situation) and advice.deadlines:
        return tr.gettext(WAIT_FOR_DELIVERED)
    if _escalate_now(advice, situation):
        return tr.gettext(ESCALATE_NOW)
    if _waits_only_for_opening(advice):
        return tr.gettext(WAIT_UNTIL_OPENING)
    # The first reason that has its own wording: after rule 2's "protection has ended" too
    # (review AZ: a legitimate duty after the end lost "pay the duty to get the parcel").
    keys = [(advice.action, code) for code in advice.why]
    special = next((HINTS_BY_WHY[key] for key in keys if key in HINTS_BY_WHY), None)
    if special is not None:
        return tr.gettext(special[0] if advice.deadlines else special[1])
    if not advice.deadlines and advice.action in HINTS_WITHOUT_DEADLINES:
        return tr.gettext(HINTS_WITHOUT_DEADLINES[advice.action])
    return labels.action_hint(tr, advice.action)
