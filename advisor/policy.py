"""The bot's advice: DOMAIN.md's rule table (`decide`) with four departures for the buyer's money.

`decide` reads the table literally, and `python -m advisor decide` (the contract other programs
use) stays so. Read literally, two cases say "wait" while the buyer's protection is ending, and
one leaves a running dispute without a date, which user walks found costs the money; the bot
(its card, reminders, texts and questionnaire) takes `advise_buyer` instead:

1. The seller "extended" Buyer Protection, but the end the buyer gives is within
   `open_now_days` (or already past): section 2's "open the dispute now, promises or not" wins
   over rule 4's "seller already extended -> wait". An extension not on the order page is only
   a promise.
2. Receipt confirmed for a parcel that never came: the confirmation paid the seller and ended
   the protection (section 1); only the window after it is left. Where the table, judging the
   protection as ending today, would open the dispute, the bot does so now (risk high, as after
   rule 2), not "protection date unknown -> wait"; otherwise the table's advice stands.
3. An offer, a request to close or an offer outside AliExpress is on the table: nothing is
   agreed yet, so the escalation clock started at the opening keeps running ("no agreement in
   `escalation_days`" after opening, section 4; 003 counts it from the opening). Section 8
   gives these stages no deadline, and the bot would go silent until the buyer answered; it
   keeps the `escalation` deadline of the opening instead.
4. A parcel not received, too early for a dispute (rule 3's "wait"), whose own rule says to act
   now without one: the post office's statement for a parcel marked delivered (rule 9), the
   redirect of a parcel the buyer sent to a wrong address (rule 8), legitimate customs duty to
   pay (rule 7). Waiting loses what only acting now keeps (a parcel is redirected only while it
   moves, customs holds it for a limited time), and the dispute these rules prepare can still
   be opened on its first day (walk AN). Rules that would open the dispute keep rule 3's wait.
"""

from __future__ import annotations

import datetime as dt

from advisor.deadlines import days_left, deadlines_for
from advisor.decide import advice_of, decide
from advisor.models import (
    Action,
    Advice,
    Deadline,
    DeadlineKind,
    DeliveryStatus,
    Risk,
    Situation,
    Stage,
)
from advisor.rules.base import Facts
from advisor.rules.received import rule_15_risk
from advisor.rules.table import case_outcome
from advisor.rules.why import Why
from advisor.timers import DEFAULT_TIMERS, Timers

_DAY = dt.timedelta(days=1)

# Rule 4 reads the extension only for a parcel in transit or with tracking not updating.
_EXTENSION_STATUSES = frozenset({DeliveryStatus.in_transit, DeliveryStatus.not_updating})
# Rule 4's urgent lines, as said of a promised extension.
_PROMISED = {
    "rule_4_in_transit_urgent": Why.extension_only_promised,
    "rule_4_protection_ended": Why.extension_end_passed,
}
# The urgent lines of rules 4, 5 and 7, as said once the confirmation ended the protection.
_ENDED = {
    "rule_4_in_transit_urgent": Why.rule_4_protection_ended,
    "rule_5_no_tracking_dispute": Why.rule_5_protection_ended,
    "rule_5_protection_ending": Why.rule_5_protection_ended,
    "rule_7_customs_urgent": Why.rule_7_protection_ended,
}


# Stages with the seller's offer or request waiting for the buyer: no agreement yet (departure 3).
PROPOSAL_STAGES = frozenset(
    {Stage.seller_offer, Stage.seller_asks_to_close, Stage.seller_offplatform_offer}
)


def advise_buyer(situation: Situation, timers: Timers = DEFAULT_TIMERS) -> Advice:
    """`decide`, but opening the dispute where waiting would lose the protection and keeping
    the escalation date while an offer is open (see above)."""
    if situation.dispute.stage in PROPOSAL_STAGES:
        return _escalation_runs(situation, timers)
    if situation.dispute.stage is not Stage.none or situation.received:
        return decide(situation, timers)
    if situation.receipt_confirmed_on is not None:
        return _receipt_confirmed(situation, timers)
    if situation.seller.extended and situation.delivery_status in _EXTENSION_STATUSES:
        return _extension_promised(situation, timers)
    return _too_early_to_wait(situation, timers)


# What rules 7-9 advise before any dispute, which rule 3's "too early" must not hold up.
_ACT_BEFORE_DISPUTE = frozenset({Action.contact_carrier, Action.do_not_dispute})


def _too_early_to_wait(situation: Situation, timers: Timers) -> Advice:
    """`decide`, but a rule 3 wait gives way to a rule that acts now without a dispute."""
    advice = decide(situation, timers)
    if advice.why != [str(Why.rule_3_too_early)]:
        return advice
    facts = Facts.of(situation, timers)
    outcome = case_outcome(facts)
    if outcome.action not in _ACT_BEFORE_DISPUTE:
        return advice
    rule_15_risk(facts, outcome)
    return advice_of(situation, timers, outcome)


def _without_extension(situation: Situation) -> Situation:
    seller = situation.seller.model_copy(update={"extended": False})
    return situation.model_copy(update={"seller": seller})


def judged_by_an_old_end(situation: Situation) -> bool:
    """Whether the advice reads the protection end as one the seller's extension replaced, the
    new end unknown: its window closing makes no dispute too late (see below)."""
    return (
        situation.protection_end_before_extension
        and situation.seller.extended
        and not situation.received
        and situation.receipt_confirmed_on is None
        and situation.dispute.stage is Stage.none
        and situation.delivery_status in _EXTENSION_STATUSES
    )


def _extension_promised(situation: Situation, timers: Timers) -> Advice:
    """Within `open_now_days` of the end given (or past it) the extension counts for nothing."""
    left = days_left(situation)
    if left is None or left > timers.open_now_days:
        return decide(situation, timers)
    without = _without_extension(situation)
    advice = decide(without, timers)
    if advice.action is Action.too_late and judged_by_an_old_end(situation):
        # The end given is one the extension replaced, past even the window after it (walk BI,
        # review BL: "too late for a dispute" for a protection the seller had just extended, or
        # so a few days after saving): judged as just ended, as a passed end within the window
        # is, with no date of its own to show or remind of. Not the extension's own new end,
        # whose window does close (walk BS: "open the dispute" forever).
        just_ended = without.model_copy(
            update={"protection_ends_on": situation.today - _DAY, "protection_ends_at": None}
        )
        advice = decide(just_ended, timers).model_copy(update={"deadlines": []})
    if advice.action is not Action.open_dispute:
        return decide(situation, timers)
    why = [str(_PROMISED.get(code, code)) for code in advice.why]
    return advice.model_copy(update={"why": why})


def _receipt_confirmed(situation: Situation, timers: Timers) -> Advice:
    """A parcel not received, its receipt confirmed: judged as protection ending today, with
    the situation's own deadlines (the window after the confirmation)."""
    ended_today = _without_extension(situation).model_copy(
        update={"protection_ends_on": situation.today}
    )
    advice = decide(ended_today, timers)
    if advice.action is not Action.open_dispute:
        # Too late, too early, not to dispute, the carrier first: the table's own advice.
        return decide(situation, timers)
    why = [str(_ENDED.get(code, code)) for code in advice.why]
    return advice.model_copy(
        update={
            "why": [str(Why.receipt_confirmed_not_received), *why],
            # The confirmation says "received" against the buyer: as after the protection
            # ended (rule 2), the dispute is a risky one.
            "risk": Risk.high,
            "deadlines": deadlines_for(situation, timers),
        }
    )


def _escalation_runs(situation: Situation, timers: Timers) -> Advice:
    """The stage's advice with the opening's escalation date, when the opening is known, the
    dispute was not escalated already, and the date is still ahead or passed while the offer
    was waiting."""
    advice = decide(situation, timers)
    opened = situation.dispute.opened_on
    if opened is None or any(d.kind is DeadlineKind.escalation for d in advice.deadlines):
        return advice
    if situation.dispute.escalated:
        return advice  # AliExpress stepped in before the offer: nothing left to escalate
    escalation = Deadline(
        kind=DeadlineKind.escalation, date=opened + dt.timedelta(days=timers.escalation_days)
    )
    since = situation.dispute.since
    after_offer = since is not None and since > escalation.date
    # An offer to accept needs no "ask AliExpress to step in" beside it (review BZ).
    if escalation.date < situation.today and (after_offer or advice.action is Action.accept_offer):
        # Passed before the offer: AliExpress has stepped in or will when asked; an offer made
        # after that (the follow-up is offered from later stages too) is no reason to say so
        # again. Passed while the offer waited, or when the offer's day is unknown (a new
        # order's), it is (walks BV, BW: the card went silent while the open dispute's card and
        # the reminder said to ask AliExpress to step in).
        return advice
    deadlines = sorted([*advice.deadlines, escalation], key=lambda deadline: deadline.date)
    return advice.model_copy(update={"deadlines": deadlines})
