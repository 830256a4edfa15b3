"""Which reminders an order gets: its deadlines x offsets -> send instants (pure, no clock).

A reminder for a deadline `offset` days before it is due at `hour` o'clock local time on that
day. Quiet hours move a night-time instant to the next morning, unless the deadline day ends
between the night and that morning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from advisor.deadlines import REFUND_DATES, time_of_day, usual_protection_end
from advisor.models import (
    Action,
    Advice,
    Deadline,
    DeadlineKind,
    DeliveryStatus,
    Situation,
    Stage,
    WarningCode,
)
from advisor.timers import DEFAULT_TIMERS, Timers

_DAY = dt.timedelta(days=1)

# Statuses of a parcel that is still on its way: only then can asking for an extension help.
COMING: frozenset[DeliveryStatus] = frozenset(
    {
        DeliveryStatus.no_tracking,
        DeliveryStatus.in_transit,
        DeliveryStatus.not_updating,
        DeliveryStatus.at_customs,
    }
)

# Advice that says no dispute should (or can) be opened: no "open it now" reminders then.
_NO_DISPUTE: frozenset[Action] = frozenset({Action.do_not_dispute, Action.too_late})

QuietHours = tuple[int, int] | None


# Raised when the planning rules change in code: the bot then plans every saved order's
# reminders again at its next start (handlers/replan.py), as after a change of settings.
# 2: the dispute window's first day after Buyer Protection ended (walk CE).
# 3: a last day's reminder due after a known end comes an hour before it instead.
# 4: the window after protection reminded every few days while the advice is to open it.
# 5: the usual protection end reminded when the real one is unknown; a dispute to open (or to
#    open if writing first fails) reminded a week before protection ends, not only 2 days.
# 6: a refund still awaited is reminded again a week after its date.
PLAN_VERSION = 6

# A refund still awaited is reminded this many days after its date too (an offset below zero).
REFUND_CHASE_DAYS = 7


@dataclass(frozen=True)
class ReminderSchedule:
    """Days before each deadline kind to remind, and the local hour reminders go out."""

    protection_days: tuple[int, ...] = (7, 2, 1, 0)
    return_ship_days: tuple[int, ...] = (2, 1, 0)
    window_days: tuple[int, ...] = (3, 1, 0)
    evidence_days: tuple[int, ...] = (1, 0)
    dispute_days: tuple[int, ...] = (1, 0)  # the seller's response and escalation dates
    refund_days: tuple[int, ...] = (0,)  # the automatic refund after a return, refund expected
    earliest_open_days: tuple[int, ...] = (0,)
    hour: int = 10

    def offsets(self, kind: DeadlineKind) -> tuple[int, ...]:
        """The offsets (days before) for one deadline kind, largest first."""
        chosen = {
            # The protection reminders at or below open_now_days already say "open it now".
            DeadlineKind.open_dispute_by: (),
            DeadlineKind.protection_ends: self.protection_days,
            DeadlineKind.return_ship_by: self.return_ship_days,
            DeadlineKind.dispute_window_closes: self.window_days,
            DeadlineKind.evidence_due: self.evidence_days,
            DeadlineKind.seller_response_due: self.dispute_days,
            DeadlineKind.escalation: self.dispute_days,
            DeadlineKind.return_auto_refund: self.refund_days,
            DeadlineKind.refund_expected_by: self.refund_days,
            DeadlineKind.earliest_open: self.earliest_open_days,
        }[kind]
        return tuple(sorted(set(chosen), reverse=True))


DEFAULT_SCHEDULE = ReminderSchedule()


@dataclass(frozen=True)
class PlannedReminder:
    """One reminder to store: which deadline, how many days before, and when to send it."""

    kind: DeadlineKind
    deadline_on: dt.date
    offset_days: int
    due_at: dt.datetime  # aware, UTC


def parse_days(value: str) -> tuple[int, ...]:
    """`"7,2,1,0"` -> (7, 2, 1, 0); ValueError for anything but 0-365 integers."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    days = tuple(int(part) for part in parts)
    if any(not 0 <= day <= 365 for day in days):
        raise ValueError("days must be whole numbers from 0 to 365")
    return days


def local_instant(day: dt.date, hour: int, zone: ZoneInfo) -> dt.datetime:
    """`hour` o'clock on `day` in `zone`, as an aware UTC instant (a DST gap moves it later)."""
    local = dt.datetime.combine(day, dt.time(hour), tzinfo=zone)
    return local.astimezone(dt.UTC)


def deadline_end(deadline_on: dt.date, zone: ZoneInfo) -> dt.datetime:
    """The instant the deadline day ends in `zone` (midnight after it), UTC."""
    return local_instant(deadline_on + _DAY, 0, zone)


def in_quiet_hours(instant: dt.datetime, zone: ZoneInfo, quiet: QuietHours) -> bool:
    """Whether the instant falls inside the quiet hours of the local day."""
    if quiet is None:
        return False
    start, end = quiet
    hour = instant.astimezone(zone).hour
    if start < end:
        return start <= hour < end
    return hour >= start or hour < end


def after_quiet_hours(
    instant: dt.datetime, zone: ZoneInfo, quiet: QuietHours, deadline_on: dt.date
) -> dt.datetime:
    """The instant moved to the morning if it falls at night, unless the deadline ends before
    the morning comes (a deadline already passed cannot be missed by waiting: it waits too)."""
    if quiet is None or not in_quiet_hours(instant, zone, quiet):
        return instant
    local = instant.astimezone(zone)
    morning = local_instant(local.date(), quiet[1], zone)
    if morning <= instant:
        morning = local_instant(local.date() + _DAY, quiet[1], zone)
    if instant < deadline_end(deadline_on, zone) <= morning:
        return instant
    return morning


def reminded_deadlines(advice: Advice, situation: Situation) -> list[Deadline]:
    """The deadlines reminders are planned for: the advice's, and for a parcel awaited with the
    protection's end unknown, the usual end counted from shipping, which the card names (walk
    of 2026-12-03: "wait", the usual end 10 days away, and no reminder at all)."""
    usual = usual_protection_end(situation)
    if usual is None:
        return advice.deadlines
    return [*advice.deadlines, Deadline(kind=DeadlineKind.protection_ends, date=usual)]


# Advice to open a dispute, or to write first and open it if that fails.
_OPEN_OR_WRITE_FIRST = frozenset(
    {Action.open_dispute, Action.contact_seller, Action.contact_carrier}
)

# The deadlines whose reminders speak of opening a dispute.
_OPENING_KINDS = frozenset(
    {DeadlineKind.protection_ends, DeadlineKind.dispute_window_closes, DeadlineKind.earliest_open}
)


def _wanted(
    kind: DeadlineKind, offset: int, advice: Advice, situation: Situation, timers: Timers
) -> bool:
    """Whether a reminder of this kind and offset fits the order as it is now."""
    if kind in _OPENING_KINDS:
        # Their reminders say to open the dispute: not where none should be opened, nor where
        # the buyer's own address error leaves none to win (rule 8).
        if advice.action in _NO_DISPUTE or WarningCode.buyer_address_error in advice.warnings:
            return False
    if kind is DeadlineKind.protection_ends and offset > timers.open_now_days:
        # The early reminders are about the parcel still on its way, before any dispute.
        awaited = (
            not situation.received
            and situation.delivery_status in COMING
            and situation.dispute.stage is Stage.none
        )
        if not awaited and situation.dispute.stage is Stage.none:
            # Walk of 2026-12-03: "open a dispute" saved 20 days before the end, and the first
            # reminder came 2 days before it. A week before, it says to open it by the safe day.
            return advice.action in _OPEN_OR_WRITE_FIRST and offset <= timers.extension_ask_days
        if situation.seller.refused_extension:
            # Rule 4: a refusal turns the advice into "open the dispute" once the end is
            # `extension_ask_days` away; that day must not pass in silence (walk K).
            return awaited and offset <= timers.extension_ask_days
        # Ask the seller to extend: not once they have.
        return awaited and not situation.seller.extended
    return True


def wanted_offsets(
    kind: DeadlineKind,
    advice: Advice,
    situation: Situation,
    *,
    schedule: ReminderSchedule = DEFAULT_SCHEDULE,
    timers: Timers = DEFAULT_TIMERS,
) -> tuple[int, ...]:
    """The days before a deadline of this kind the bot reminds at, for the order as it is now."""
    offsets = schedule.offsets(kind)
    if kind in REFUND_DATES and offsets:
        # Seed 003: a refund not come 10-15 days after its date is to be traced, through support
        # and then the bank; a reminder on the day alone left the buyer with nothing after it.
        offsets = (*offsets, -REFUND_CHASE_DAYS)
    if kind is DeadlineKind.dispute_window_closes and _window_after_protection(situation):
        # Walk CE: after the protection-end reminders, nothing for 12 days while each day waited
        # weakens the dispute: also the first day after protection ended.
        extra = {timers.after_close_window_days - 1}
        if advice.action is Action.open_dispute:
            extra |= _after_protection_days(timers.after_close_window_days)
        offsets = tuple(sorted({*offsets, *(day for day in extra if day >= 0)}, reverse=True))
    return tuple(offset for offset in offsets if _wanted(kind, offset, advice, situation, timers))


# While the advice is to open the dispute after protection has ended, a reminder comes at
# most this many days after the last one (walk C: saved the day after the end, the next
# reminder came 11 days later).
AFTER_PROTECTION_GAP = 4


def _after_protection_days(window_days: int) -> set[int]:
    """The window's days (as offsets before it closes) reminded while a dispute should be opened
    after protection ended: its first two days, then every `AFTER_PROTECTION_GAP` days until
    the last days, which the schedule's own window days remind (3, 1, 0)."""
    first = window_days - 1
    return {first - 1, *range(first, 3, -AFTER_PROTECTION_GAP)}


def _window_after_protection(situation: Situation) -> bool:
    """Whether the dispute window counts from the protection's end (not from a receipt the
    buyer confirmed, the day they were already here)."""
    return situation.receipt_confirmed_on is None and situation.protection_ends_on is not None


# A reminder before a deadline whose time is known comes at least this long before it.
END_LEAD = dt.timedelta(hours=1)


def known_end(
    kind: DeadlineKind | None, deadline_on: dt.date, situation: Situation, zone: ZoneInfo
) -> dt.datetime | None:
    """The instant (UTC) a deadline runs out, when its time of day is known (`time_of_day`)."""
    at = time_of_day(kind, deadline_on, situation)
    if at is None:
        return None
    return dt.datetime.combine(deadline_on, at, tzinfo=zone).astimezone(dt.UTC)


def latest_reminder(
    kind: DeadlineKind | None, deadline_on: dt.date, situation: Situation, zone: ZoneInfo
) -> dt.datetime | None:
    """The last instant a reminder for this deadline is still of use, when its time is known:
    a protection running out at 08:12 gets no 10:00 reminder that day."""
    ends = known_end(kind, deadline_on, situation, zone)
    return ends - END_LEAD if ends is not None else None


def plan_reminders(
    advice: Advice,
    situation: Situation,
    *,
    zone: ZoneInfo,
    quiet_hours: QuietHours,
    offsets: ReminderSchedule = DEFAULT_SCHEDULE,
    now: dt.datetime,
    timers: Timers = DEFAULT_TIMERS,
) -> list[PlannedReminder]:
    """The reminders still ahead of `now` for the advice's deadlines, earliest first."""
    planned: dict[tuple[DeadlineKind, dt.date, int], PlannedReminder] = {}
    for deadline in reminded_deadlines(advice, situation):
        latest = latest_reminder(deadline.kind, deadline.date, situation, zone)
        for offset in wanted_offsets(
            deadline.kind, advice, situation, schedule=offsets, timers=timers
        ):
            due = local_instant(deadline.date - offset * _DAY, offsets.hour, zone)
            due = after_quiet_hours(due, zone, quiet_hours, deadline.date)
            if latest is not None and due > latest:
                due = _sooner_the_same_day(due, latest, zone, quiet_hours)
            if due is None or due < now:
                continue
            key = (deadline.kind, deadline.date, offset)
            planned[key] = PlannedReminder(deadline.kind, deadline.date, offset, due)
    return sorted(planned.values(), key=lambda r: (r.due_at, r.kind.value))


def _sooner_the_same_day(
    due: dt.datetime, latest: dt.datetime, zone: ZoneInfo, quiet: QuietHours
) -> dt.datetime | None:
    """A reminder due after the last useful moment of its deadline (a protection running out
    at 10:19, the reminder hour 10:00): at that moment instead, if it is the same day and not
    in quiet hours (walk CE: the last day's reminder was dropped though 09:19 was free)."""
    same_day = latest.astimezone(zone).date() == due.astimezone(zone).date()
    if not same_day or in_quiet_hours(latest, zone, quiet):
        return None
    return latest


SOON = dt.timedelta(hours=3)
# The last reminder of a day's deadline comes no later than this before its end, and no sooner
# than this after the press.
LAST_CALL = dt.timedelta(minutes=30)


# Dates the seller or AliExpress keeps, or from which the buyer may act: on the day itself
# "remind me tomorrow" misses nothing (the seller's answer is due, the refund expected).
NOT_THE_BUYERS = frozenset(
    {
        DeadlineKind.seller_response_due,
        DeadlineKind.escalation,
        DeadlineKind.return_auto_refund,
        DeadlineKind.refund_expected_by,
        DeadlineKind.earliest_open,
    }
)


def snooze_until(
    now: dt.datetime,
    *,
    zone: ZoneInfo,
    quiet_hours: QuietHours,
    hour: int,
    deadline_on: dt.date,
    kind: DeadlineKind | None = None,
    latest: dt.datetime | None = None,
) -> dt.datetime | None:
    """When "remind me tomorrow" fires: tomorrow at the reminder hour, after quiet hours.

    None on the last day of a deadline the buyer must meet, after any deadline's day, or after
    `latest` (see `latest_reminder`): tomorrow would be too late (see `snooze_today`).
    """
    today = now.astimezone(zone).date()
    if today > deadline_on or (today == deadline_on and kind not in NOT_THE_BUYERS):
        return None
    due = local_instant(today + _DAY, hour, zone)
    due = after_quiet_hours(due, zone, quiet_hours, deadline_on)
    return None if latest is not None and due > latest else due


def snooze_today(
    now: dt.datetime,
    *,
    zone: ZoneInfo,
    quiet_hours: QuietHours,
    deadline_on: dt.date,
    latest: dt.datetime | None = None,
) -> dt.datetime | None:
    """On the deadline's last day (or the day before a morning end): again in a few hours, or
    at the last moment still worth a reminder when that comes sooner (walk BA: an end at 22:06,
    and from 18:00 on "no time is left" though 21:06 was), or None when even that has passed."""
    due = after_quiet_hours(now + SOON, zone, quiet_hours, deadline_on)
    limit = latest if latest is not None else deadline_end(deadline_on, zone) - LAST_CALL
    if due < limit:
        return due
    if now + LAST_CALL > limit or after_quiet_hours(limit, zone, quiet_hours, deadline_on) != limit:
        return None  # too soon, or at night before a morning end: not worth waking for
    return limit
