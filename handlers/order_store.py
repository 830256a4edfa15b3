"""Saving and changing orders: the row, its advice summary and its reminders change together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import aiosqlite
from pydantic import ValidationError

from advisor.deadlines import actionable, upcoming
from advisor.models import Advice, DeadlineKind, Situation
from advisor.policy import advise_buyer
from advisor.reminder_plan import latest_reminder, plan_reminders
from handlers.clock import now_utc, user_today, user_zone
from handlers.order_undo import Before, undo_record
from handlers.runtime import Runtime
from storage import conversations, orders, reminders, texts
from storage.models import Order, User

ARCHIVED = "archived"
ACTIVE = "active"


@dataclass(frozen=True)
class OrderView:
    """A saved order with its situation re-read and advised for today."""

    order: Order
    situation: Situation
    advice: Advice


def advise(situation: Situation, today: dt.date, rt: Runtime) -> tuple[Situation, Advice]:
    """The situation moved to `today` and the advice for it, with the deadlines the buyer can
    act on (what the card, the list, the calendar and the reminders show)."""
    current = moved_to(situation, today)
    return current, actionable(advise_buyer(current, rt.timers), current)


def moved_to(situation: Situation, today: dt.date) -> Situation:
    """The situation as of `today`: the days the tracking has stood still grow with the days
    since it was saved (walk AB: "not changed for 5 days", saved, was still 5 ten days later,
    and rule 4 never turned to "write to the seller"). A follow-up saves the grown count."""
    update: dict[str, object] = {"today": today}
    stale, passed = situation.days_since_tracking_update, (today - situation.today).days
    if stale is not None and passed > 0:
        update["days_since_tracking_update"] = stale + passed
    return situation.model_copy(update=update)


def next_deadline(advice: Advice, today: dt.date) -> tuple[str, str] | None:
    """The nearest deadline from today on, as (kind, ISO date), or None."""
    ahead = upcoming(advice, today)
    if not ahead:
        return None
    return ahead[0].kind.value, ahead[0].date.isoformat()


def _stored(situation: Situation) -> dict[str, object]:
    return situation.model_dump(mode="json")


def _plan(
    rt: Runtime, user: User, situation: Situation, advice: Advice, now: dt.datetime
) -> list[reminders.NewReminder]:
    """The reminders the advice's deadlines want that are still ahead of `now`."""
    planned = plan_reminders(
        advice,
        situation,
        zone=user_zone(user, rt.default_timezone),
        quiet_hours=rt.quiet_hours,
        offsets=rt.reminder_schedule,
        now=now,
        timers=rt.timers,
    )
    return [
        reminders.NewReminder(
            kind=p.kind.value,
            deadline_on=p.deadline_on.isoformat(),
            offset_days=p.offset_days,
            due_at=int(p.due_at.timestamp()),
        )
        for p in planned
    ]


async def schedule_reminders(
    conn: aiosqlite.Connection,
    rt: Runtime,
    user: User,
    order_id: int,
    situation: Situation,
    advice: Advice,
) -> None:
    """Replace the order's pending reminders with those of its current advice (the order
    changed: what it planned before no longer holds), keeping a "remind me tomorrow" of a
    deadline the advice still has."""
    now = now_utc()
    planned = _plan(rt, user, situation, advice, now)
    deadlines = {(d.kind.value, d.date.isoformat()) for d in advice.deadlines}
    await reminders.replace_for_order(
        conn, order_id, user.user_id, planned, deadlines, int(now.timestamp())
    )


# Before any reminder: planning from it gives every reminder the advice wants, past ones too.
_EVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


async def reconcile_reminders(
    conn: aiosqlite.Connection,
    rt: Runtime,
    user: User,
    order_id: int,
    situation: Situation,
    advice: Advice,
    moved_from: ZoneInfo | None = None,
) -> None:
    """Move the order's pending reminders to the current plan when the order did not change
    but how reminders are planned did (settings, time zone): nothing lost, nothing repeated
    (storage.reminders.merge_for_order). `moved_from`: the user's previous zone, whose clock
    time a "remind me tomorrow" keeps in the new one; a new zone brings no new deadline, so
    none without reminders is owed one."""
    now = now_utc()
    zone = user_zone(user, rt.default_timezone)
    every = _plan(rt, user, situation, advice, _EVER)
    stamp = int(now.timestamp())
    today = now.astimezone(zone).date()
    # Per deadline, the latest reminder the plan has already passed today: the new settings
    # put it earlier than it was, or moved its deadline; it is owed now.
    latest_passed: dict[tuple[str, str], reminders.NewReminder] = {}
    for r in every:
        passed_today = r.due_at <= stamp and _local_day(r.due_at, zone) == today
        if passed_today and r.deadline_on >= today.isoformat():
            latest_passed[(r.kind, r.deadline_on)] = r  # `every` is in time order
    await reminders.merge_for_order(
        conn,
        order_id,
        user.user_id,
        planned=[r for r in every if r.due_at >= stamp],
        catch_up=list(latest_passed.values()),
        wanted={(r.kind, r.deadline_on, r.offset_days) for r in every},
        now=stamp,
        shift_snoozed=_snooze_shift(moved_from, zone, situation) if moved_from else None,
        new_deadlines_owed=moved_from is None,
    )


def _snooze_shift(
    old: ZoneInfo, new: ZoneInfo, situation: Situation
) -> Callable[[reminders.ReminderKey, int], int]:
    """A "remind me tomorrow" moved to the same wall-clock time in the new zone (10:00 stays
    10:00), but never past the last moment a reminder of its deadline is of use (review L: moved
    west, it came five hours after the protection's known end)."""

    def shift(key: reminders.ReminderKey, stamp: int) -> int:
        wall = dt.datetime.fromtimestamp(stamp, old).replace(tzinfo=None)
        moved = int(wall.replace(tzinfo=new).timestamp())
        kind, deadline_on, _offset = key
        day = dt.date.fromisoformat(deadline_on)
        latest = latest_reminder(deadline_kind(kind), day, situation, new)
        return min(moved, int(latest.timestamp())) if latest is not None else moved

    return shift


def deadline_kind(stored: str) -> DeadlineKind | None:
    """A stored reminder's deadline kind, or None for one this version does not know."""
    try:
        return DeadlineKind(stored)
    except ValueError:  # not written by this version
        return None


def _local_day(stamp: int, zone: ZoneInfo) -> dt.date:
    return dt.datetime.fromtimestamp(stamp, zone).date()


def default_label(situation: Situation) -> str | None:
    """The item's name or the order number, whichever the user gave."""
    return situation.item or situation.order_number


def _default_label_of(stored: dict[str, object]) -> str | None:
    """`default_label` of a stored situation (its item or order number)."""
    for field in ("item", "order_number"):
        value = stored.get(field)
        if isinstance(value, str) and value:
            return value
    return None


async def save_new_order(
    rt: Runtime, user: User, situation: Situation, today: dt.date, label: str | None = None
) -> OrderView:
    """Store a new order for the user and schedule its reminders, in one transaction."""
    situation, advice = advise(situation, today, rt)
    async with rt.db.transaction() as conn:
        order_id = await orders.create(
            conn,
            user.user_id,
            _stored(situation),
            label=label or default_label(situation),
            stage=situation.dispute.stage.value,
            next_deadline=next_deadline(advice, today),
        )
        await schedule_reminders(conn, rt, user, order_id, situation, advice)
        await texts.claim_unsaved(conn, user.user_id, order_id)
    view = await load_order(rt, user, order_id, today)
    assert view is not None  # just created for this user
    return view


async def update_order(
    rt: Runtime,
    user: User,
    order_id: int,
    situation: Situation,
    today: dt.date,
    *,
    undoable: bool = False,
    undoing: Before | None = None,
) -> OrderView | None:
    """Replace the order's situation, re-advise it and move its reminders; None if not theirs.

    With `undoable` the situation before the change is kept for the card's Undo button
    (handlers/order_undo.py); any other change forgets it. `undoing` is that Undo: the order
    gets its name from before back too.
    """
    order = await orders.get_for_user(rt.db, order_id, user.user_id)
    if order is None:
        return None
    situation, advice = advise(situation, today, rt)
    changed = _changed(order, situation)
    async with rt.db.transaction() as conn:
        undo = undo_record(order) if undoable and changed else None
        await _store_situation(conn, order_id, situation, advice, today, undo=undo)
        if changed:
            # Inline mode must not offer a text that says what the order no longer is.
            await texts.forget_for_order(conn, order_id)
        label = default_label(situation)
        if undoing is not None:
            if order.label != undoing.label:
                await orders.set_label(conn, order_id, undoing.label)
        elif label not in (None, order.label) and order.label in (
            None,
            _default_label_of(order.situation),
        ):
            # Saved without a name, or named by the item or number it had: the item or number
            # given or corrected since names it now.
            await orders.set_label(conn, order_id, label)
        if order.status == ACTIVE:
            await schedule_reminders(conn, rt, user, order_id, situation, advice)
    return await load_order(rt, user, order_id, today)


def _changed(order: Order, situation: Situation) -> bool:
    """Whether `situation` differs from the order's beyond the day it was looked at. The stored
    one is read through the model first: one saved before a field was added (review L:
    `protection_ends_at`) is not "changed" by the field's default alone."""
    try:
        stored = _stored(Situation.model_validate(order.situation))
    except ValidationError:
        stored = order.situation
    before = {k: v for k, v in stored.items() if k != "today"}
    after = {k: v for k, v in _stored(situation).items() if k != "today"}
    return before != after


async def undo_change(
    rt: Runtime, user: User, order_id: int, before: Before, today: dt.date
) -> OrderView | None:
    """Put the order back as it was before its last change: situation, reminders and name."""
    return await update_order(rt, user, order_id, before.situation, today, undoing=before)


async def set_archived(rt: Runtime, user: User, order_id: int, archived: bool = True) -> bool:
    """Archive (no more reminders) or restore an order; False if it is not the user's."""
    order = await orders.get_for_user(rt.db, order_id, user.user_id)
    if order is None:
        return False
    async with rt.db.transaction() as conn:
        await orders.set_status(conn, order_id, ARCHIVED if archived else ACTIVE)
        if archived:
            await reminders.cancel_for_order(conn, order_id)
        else:
            today = user_today(user, rt.default_timezone, now_utc())
            situation, advice = advise(Situation.model_validate(order.situation), today, rt)
            await schedule_reminders(conn, rt, user, order_id, situation, advice)
    if archived:
        # An update of it left half-way ends too: "continue" would only say the order is
        # archived and drop the answer (walk AY).
        current = await conversations.get(rt.db, user.user_id)
        if current is not None and current.order_id == order_id:
            await conversations.clear(rt.db, user.user_id)
    return True


async def delete_order(rt: Runtime, user: User, order_id: int) -> bool:
    """Delete the order with its reminders; False if it is not the user's."""
    if await orders.get_for_user(rt.db, order_id, user.user_id) is None:
        return False
    async with rt.db.transaction() as conn:
        # The foreign key cascade removes them too; cancelling first keeps that explicit.
        await reminders.cancel_for_order(conn, order_id)
        await orders.delete(conn, order_id)
    return True


async def replan_reminders(rt: Runtime, user: User, moved_from: ZoneInfo | None = None) -> int:
    """Plan the reminders of all the user's active orders again (new time zone, unblocked);
    `moved_from` the zone before a change of zone.

    Returns how many orders were re-planned. Pending reminders move; sent ones stay sent and
    are not planned again; ones already due stay for the sweep.
    """
    today = user_today(user, rt.default_timezone, now_utc())
    zone = user_zone(user, rt.default_timezone)
    if moved_from is not None:
        await _move_archived_ends(rt, user, moved_from, zone, today)
    count = 0
    page = 100
    while True:
        batch = await orders.list_for_user(rt.db, user.user_id, limit=page, offset=count)
        if not batch:
            return count
        async with rt.db.transaction() as conn:
            for order in batch:
                saved = Situation.model_validate(order.situation)
                moved = _end_in_zone(saved, moved_from, zone) if moved_from else None
                situation, advice = advise(moved or saved, today, rt)
                if moved is not None:
                    # Its undo goes (review L: it would bring the old zone's time back).
                    await _store_situation(conn, order.id, situation, advice, today, undo=None)
                await reconcile_reminders(conn, rt, user, order.id, situation, advice, moved_from)
        count += len(batch)


async def _move_archived_ends(
    rt: Runtime, user: User, before: ZoneInfo, now: ZoneInfo, today: dt.date
) -> None:
    """Archived orders' known end times follow the new zone too: restored, they are planned
    from it (review L). They have no reminders to move."""
    done = 0
    while batch := await orders.list_for_user(
        rt.db, user.user_id, status=ARCHIVED, limit=100, offset=done
    ):
        async with rt.db.transaction() as conn:
            for order in batch:
                moved = _end_in_zone(Situation.model_validate(order.situation), before, now)
                if moved is not None:
                    situation, advice = advise(moved, today, rt)
                    # Its undo goes (review L: it would bring the old zone's time back).
                    await _store_situation(conn, order.id, situation, advice, today, undo=None)
        done += len(batch)


async def _store_situation(
    conn: aiosqlite.Connection,
    order_id: int,
    situation: Situation,
    advice: Advice,
    today: dt.date,
    *,
    undo: str | None,
) -> None:
    """Store the order's situation with the summary its advice gives (stage, next deadline)."""
    await orders.update(
        conn,
        order_id,
        _stored(situation),
        stage=situation.dispute.stage.value,
        next_deadline=next_deadline(advice, today),
        undo=undo,
    )


def _end_in_zone(situation: Situation, before: ZoneInfo, now: ZoneInfo) -> Situation | None:
    """The situation with Buyer Protection's end read in the user's new zone, when its time is
    known: the timer ran out at one instant, which is another clock time there (walk K: moved
    from Vladivostok to Los Angeles, "02:48 tomorrow" stayed, 18 hours after the real end).
    None when nothing moves (no time known: a date alone stays the date the page shows)."""
    day, at = situation.protection_ends_on, situation.protection_ends_at
    if day is None or at is None:
        return None
    local = dt.datetime.combine(day, at, tzinfo=before).astimezone(now)
    if (local.date(), local.time()) == (day, at):
        return None
    update = {"protection_ends_on": local.date(), "protection_ends_at": local.time()}
    return situation.model_copy(update=update)


async def load_order(rt: Runtime, user: User, order_id: int, today: dt.date) -> OrderView | None:
    """The user's order with fresh advice; None if it does not exist or is someone else's."""
    order = await orders.get_for_user(rt.db, order_id, user.user_id)
    if order is None:
        return None
    situation, advice = advise(Situation.model_validate(order.situation), today, rt)
    return OrderView(order=order, situation=situation, advice=advice)
