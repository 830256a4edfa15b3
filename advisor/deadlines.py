"""Deadline arithmetic of DOMAIN.md sections 4 and 8: days left, the dispute window, dated steps."""

from __future__ import annotations

import datetime as dt

from advisor.models import Action, Advice, Deadline, DeadlineKind, Situation, Stage, WarningCode
from advisor.timers import Timers

_DAY = dt.timedelta(days=1)
# Buyer Protection runs this long from shipping unless extended (DOMAIN 1, seed 003).
USUAL_PROTECTION_DAYS = 60

# Stage -> the deadlines that count from the day the stage began, with the timer giving the days.
_STAGE_TIMERS: dict[Stage, tuple[tuple[DeadlineKind, str], ...]] = {
    Stage.open: (
        (DeadlineKind.seller_response_due, "seller_response_days"),
        (DeadlineKind.escalation, "escalation_days"),
    ),
    Stage.evidence_requested: ((DeadlineKind.evidence_due, "evidence_days"),),
    Stage.return_agreed: ((DeadlineKind.return_ship_by, "return_ship_days"),),
    Stage.return_shipped: ((DeadlineKind.return_auto_refund, "return_auto_refund_days"),),
    Stage.won: ((DeadlineKind.refund_expected_by, "refund_arrival_days"),),
}


def time_of_day(kind: DeadlineKind | None, day: dt.date, situation: Situation) -> dt.time | None:
    """The local time a deadline runs out, where known: Buyer Protection's end on its own day,
    read from the order page's timer. None for every other deadline (its whole day counts)."""
    if kind is not DeadlineKind.protection_ends or day != situation.protection_ends_on:
        return None
    return situation.protection_ends_at


def days_left(situation: Situation) -> int | None:
    """Days from today to the end of Buyer Protection (negative once it ended), or None."""
    if situation.protection_ends_on is None:
        return None
    return (situation.protection_ends_on - situation.today).days


def is_urgent(left: int | None, timers: Timers) -> bool:
    """Whether protection ends so soon that a dispute must be opened now."""
    return left is not None and left <= timers.open_now_days


def protection_end_wanted(situation: Situation) -> bool:
    """Whether the dispute window would count from a protection end the order does not know:
    neither the end nor a confirmed receipt (the window counts from that instead)."""
    return situation.protection_ends_on is None and situation.receipt_confirmed_on is None


def window_end(situation: Situation, timers: Timers) -> dt.date | None:
    """Last day a dispute can still be opened: receipt confirmed (else protection end) + window."""
    start = situation.receipt_confirmed_on or situation.protection_ends_on
    if start is None:
        return None
    return start + timers.after_close_window_days * _DAY


def earliest_open(situation: Situation, timers: Timers) -> dt.date | None:
    """First day a not-received dispute can be opened (shipped + earliest_open_days), or None."""
    if situation.shipped_on is None:
        return None
    return situation.shipped_on + timers.earliest_open_days * _DAY


def pre_dispute_deadlines(situation: Situation, timers: Timers) -> list[Deadline]:
    """Deadlines while no dispute is open (DOMAIN.md section 8, "Deadlines while ...")."""
    found: list[Deadline] = []
    end = situation.protection_ends_on
    if end is not None:
        found.append(Deadline(kind=DeadlineKind.protection_ends, date=end))
        if not situation.received:
            found.append(
                Deadline(kind=DeadlineKind.open_dispute_by, date=end - timers.open_now_days * _DAY)
            )
    first = earliest_open(situation, timers)
    if not situation.received and first is not None and situation.today < first:
        found.append(Deadline(kind=DeadlineKind.earliest_open, date=first))
    last = window_end(situation, timers)
    if last is not None:
        found.append(Deadline(kind=DeadlineKind.dispute_window_closes, date=last))
    return found


def stage_start(situation: Situation) -> dt.date | None:
    """The day the current dispute stage's timers count from (DOMAIN.md section 8).

    `opened_on` for `open` (else `since`), `since` for every other stage; None when unknown: a
    deadline guessed from today could be later than the real one, the worst kind of wrong.
    """
    dispute = situation.dispute
    if dispute.stage is Stage.open:
        return dispute.opened_on or dispute.since
    return dispute.since


def stage_deadlines(situation: Situation, timers: Timers) -> list[Deadline]:
    """Deadlines of the dispute's current stage, counted from the day it began."""
    start = stage_start(situation)
    if start is None:
        return []
    return [
        Deadline(kind=kind, date=start + getattr(timers, setting) * _DAY)
        for kind, setting in _STAGE_TIMERS.get(situation.dispute.stage, ())
    ]


def deadlines_for(situation: Situation, timers: Timers) -> list[Deadline]:
    """Every deadline of the situation, earliest first."""
    if situation.dispute.stage is Stage.none:
        found = pre_dispute_deadlines(situation, timers)
    else:
        found = stage_deadlines(situation, timers)
    return sorted(found, key=lambda deadline: deadline.date)


# Deadlines that only the Buyer Protection end sets.
_PROTECTION_BOUND = frozenset({DeadlineKind.protection_ends, DeadlineKind.open_dispute_by})


def actionable(advice: Advice, situation: Situation) -> Advice:
    """The advice with only the deadlines the buyer can act on, for what the bot shows and
    reminds of.

    Once receipt is confirmed, the dispute window counts from the confirmation (DOMAIN.md
    section 8, `window_end`): the protection end, even extended later, no longer says how long
    a dispute can be opened, and "open it no later than" that day would name a day after the
    window closed. Once the seller has answered (see `seller_answered`), "the seller's answer
    due" is moot. Where the buyer's own address error leaves no dispute to win (rule 8), or the
    advice is not to dispute at all, "open a dispute no later than" and "the first day to open
    a dispute" would read as advice to open one. The advisor's own JSON keeps every deadline.
    """
    dropped: set[DeadlineKind] = set()
    if situation.receipt_confirmed_on is not None:
        dropped |= _PROTECTION_BOUND
    if WarningCode.buyer_address_error in advice.warnings or advice.action is Action.do_not_dispute:
        # "Open a dispute no later than" would read as advice to open one, and so would "the
        # first day to open one" (before day 10, advisor.policy departure 4: review AP).
        dropped |= {DeadlineKind.open_dispute_by, DeadlineKind.earliest_open}
    if seller_answered(situation):
        dropped.add(DeadlineKind.seller_response_due)
    kept = [d for d in advice.deadlines if d.kind not in dropped]
    if len(kept) == len(advice.deadlines):
        return advice
    return advice.model_copy(update={"deadlines": kept})


def offer_taken(situation: Situation) -> bool:
    """Whether the dispute's ask is a seller's offer the buyer accepted ("I accepted the offer"
    records the offer as the ask, see the follow-ups' `_build_accepted`)."""
    dispute = situation.dispute
    return (
        dispute.offer_amount is not None
        and dispute.requested_amount == dispute.offer_amount
        and dispute.requested_solution == (dispute.offer_solution or dispute.requested_solution)
    )


# The stages at which AliExpress has stepped in: deciding, or asking the evidence to decide by
# (review of 2026-12-03); `Dispute.escalated` keeps it through the stages after them.
ALIEXPRESS_STEPPED_IN = frozenset({Stage.escalated, Stage.evidence_requested})


# The stages an accepted offer leads to ("I accepted the offer": a refund, or a return).
_AGREED_STAGES = frozenset({Stage.won, Stage.return_agreed, Stage.return_shipped})


def offer_agreed(situation: Situation) -> bool:
    """Whether the dispute rests on a seller's offer the buyer accepted: its ask is the refund
    agreed, not a claim to correct or to work out again from the price (walk BD, review BH)."""
    return situation.dispute.stage in _AGREED_STAGES and offer_taken(situation)


def seller_answered(situation: Situation) -> bool:
    """A dispute open again after the seller's offer or request was refused ("I said no" keeps
    the opening date and sets `since` to a later day, see the follow-ups' `_build_declined`):
    "if the seller stays silent, it closes in your favour" no longer applies."""
    dispute = situation.dispute
    return (
        dispute.stage is Stage.open
        and dispute.opened_on is not None
        and dispute.since is not None
        and dispute.since > dispute.opened_on
    )


def upcoming(advice: Advice, today: dt.date) -> list[Deadline]:
    """The advice's deadlines from `today` on, nearest first, those of one day in the advice's
    order (a passed one has nothing left to remind of)."""
    return sorted((d for d in advice.deadlines if d.date >= today), key=lambda d: d.date)


REFUND_DATES = (DeadlineKind.return_auto_refund, DeadlineKind.refund_expected_by)


def overdue_refund(advice: Advice, today: dt.date) -> DeadlineKind | None:
    """The refund's date that passed while the advice still waits for the refund, if any."""
    if advice.action is not Action.wait_refund:
        return None
    passed = [d for d in advice.deadlines if d.kind in REFUND_DATES and d.date < today]
    return passed[-1].kind if passed else None


def usual_protection_end(situation: Situation) -> dt.date | None:
    """For a parcel awaited with the protection's end unknown and its shipping day known, the
    usual end counted from shipping; None otherwise. Not once receipt was confirmed (that ended
    the protection) nor during a dispute (its own dates count)."""
    if (
        situation.received
        or situation.receipt_confirmed_on is not None
        or situation.protection_ends_on is not None
        or situation.shipped_on is None
        or situation.dispute.stage is not Stage.none
    ):
        return None
    return situation.shipped_on + dt.timedelta(days=USUAL_PROTECTION_DAYS)
