"""Reminders: the only record of what to send when. The sweep claims due rows, then marks them.

States: pending -> sent; pending -> cancelled (the order changed, was archived or the user blocked
the bot), superseded (a later reminder covers it) or failed (Telegram refused it for good). While
a sweep sends a pending reminder, a row in reminder_claims holds it; a claim older than the
process start is a crash's leftover and is given back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

import aiosqlite

from storage.db import Database

PENDING = "pending"
SENT = "sent"
CANCELLED = "cancelled"
SUPERSEDED = "superseded"
FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Reminder:
    """One row of the reminders table."""

    id: int
    order_id: int
    user_id: int
    kind: str
    deadline_on: str
    offset_days: int
    due_at: int
    state: str
    claimed_at: int | None = None
    sent_at: int | None = None
    attempts: int = 0


@dataclass(frozen=True, slots=True)
class DueReminder:
    """A claimed reminder with what sending it needs: the user's chat and the order."""

    reminder: Reminder
    chat_id: int | None
    language: str | None
    telegram_language: str | None
    timezone: str | None
    blocked: bool
    order_status: str
    label: str | None
    situation: dict[str, Any]
    order_created_at: int


_REMINDER_FIELDS = tuple(field.name for field in fields(Reminder))


@dataclass(frozen=True)
class NewReminder:
    """A reminder to insert: deadline kind, ISO date, days before it, Unix due time."""

    kind: str
    deadline_on: str
    offset_days: int
    due_at: int


async def cancel_for_order(conn: aiosqlite.Connection, order_id: int) -> int:
    """Cancel the order's pending reminders inside the caller's transaction; return how many."""
    cursor = await conn.execute(
        "UPDATE reminders SET state = ? WHERE order_id = ? AND state = ?",
        (CANCELLED, order_id, PENDING),
    )
    return cursor.rowcount


async def cancel_for_user(conn: aiosqlite.Connection, user_id: int) -> int:
    """Cancel every pending reminder of the user inside the caller's transaction."""
    cursor = await conn.execute(
        "UPDATE reminders SET state = ? WHERE user_id = ? AND state = ?",
        (CANCELLED, user_id, PENDING),
    )
    return cursor.rowcount


ReminderKey = tuple[str, str, int]  # kind, deadline_on, offset_days: what a reminder is about


async def replace_for_order(
    conn: aiosqlite.Connection,
    order_id: int,
    user_id: int,
    planned: Iterable[NewReminder],
    deadlines: Collection[tuple[str, str]] = (),
    now: int = 0,
) -> int:
    """Cancel the order's pending reminders and insert the planned ones, in the caller's
    transaction; return how many were inserted.

    A "remind me tomorrow" (a repeat of a sent reminder) of one of the order's `deadlines`
    (kind, ISO date) stays pending: the user was told when it comes, and a change of something
    else (a corrected item name) must not drop it (walk B). One a change cancelled comes back
    when its deadline does and it is still ahead of `now` (review U: undoing a wrong tap lost
    it). One being sent stays too: the sweep settles it (sent, or back to pending on a retry).
    A snooze is written after the reminder it repeats: a row planned before it (one a new time
    zone replaced) is no snooze (walk AF: an old zone's reminder came back as one).
    """
    snoozes = await conn.execute_fetchall(
        """
        SELECT this.id, this.kind, this.deadline_on, this.offset_days, this.state
        FROM reminders AS this
        WHERE this.order_id = ? AND (this.state = ? OR (this.state = ? AND this.due_at > ?))
          AND EXISTS (
            SELECT 1 FROM reminders AS sent
            WHERE sent.order_id = this.order_id AND sent.kind = this.kind
              AND sent.deadline_on = this.deadline_on AND sent.offset_days = this.offset_days
              AND sent.state = ? AND sent.id < this.id)
        ORDER BY this.state = ? DESC, this.id DESC
        """,
        (order_id, PENDING, CANCELLED, now, SENT, PENDING),
    )
    kept: dict[ReminderKey, int] = {}
    for row in snoozes:
        key = (row["kind"], row["deadline_on"], row["offset_days"])
        if key[:2] in deadlines and key not in kept:  # the pending one first, else the latest
            kept[key] = row["id"]
    await conn.execute(
        f"UPDATE reminders SET state = ? WHERE order_id = ? AND state = ?"
        f" AND id NOT IN ({', '.join('?' * len(kept))})",
        (CANCELLED, order_id, PENDING, *kept.values()),
    )
    await conn.executemany(
        "UPDATE reminders SET state = ? WHERE id = ?", [(PENDING, i) for i in kept.values()]
    )
    taken = set(kept)
    rows = [
        (order_id, user_id, r.kind, r.deadline_on, r.offset_days, r.due_at)
        for r in planned
        if (r.kind, r.deadline_on, r.offset_days) not in taken
    ]
    await conn.executemany(
        """
        INSERT INTO reminders (order_id, user_id, kind, deadline_on, offset_days, due_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        rows,
    )
    return len(rows)


async def merge_for_order(
    conn: aiosqlite.Connection,
    order_id: int,
    user_id: int,
    planned: Iterable[NewReminder],
    catch_up: Iterable[NewReminder],
    wanted: set[ReminderKey],
    now: int,
    shift_snoozed: Callable[[ReminderKey, int], int] | None = None,
    new_deadlines_owed: bool = True,
) -> int:
    """Bring the order's pending reminders to a new plan without losing or repeating one, in
    the caller's transaction; return how many were inserted.

    For a change of how reminders are planned (settings, time zone), not of the order (that is
    `replace_for_order`). `planned` are the plan's reminders still ahead, `wanted` every one it
    has. Kept as they are: a reminder being sent now, one already due (the sweep judges it
    against the order), and a "remind me tomorrow" of one sent (also of a deadline the plan no
    longer has, not of one it moved to another date). `catch_up` are reminders the new plan
    has already passed today: one that was pending for later (an earlier hour, a zone further
    east) or of a deadline new to the order (a timer changed) goes out now, unless one as late
    for its deadline was sent or is kept. None already sent or kept is planned again.
    `shift_snoozed(key, due_at)` moves a "remind me tomorrow" still ahead (a new time zone: the
    same clock time the user was told, in the new zone). `new_deadlines_owed` False: a deadline
    without reminders is not new to the order but had none ahead when it was planned (a new
    time zone changes no deadline; a protection end it moves to another day takes its dropped
    reminders' place as before).
    """
    rows = await conn.execute_fetchall(
        """
        SELECT id, kind, deadline_on, offset_days, due_at, state,
               id IN (SELECT reminder_id FROM reminder_claims) AS claimed
        FROM reminders WHERE order_id = ? AND state IN (?, ?)
        """,
        (order_id, PENDING, SENT),
    )

    def key_of(row: aiosqlite.Row) -> ReminderKey:
        return row["kind"], row["deadline_on"], row["offset_days"]

    sent = {key_of(row) for row in rows if row["state"] == SENT}
    done = set(sent)
    dropped: list[aiosqlite.Row] = []
    shifted: list[tuple[int, int]] = []
    for row in rows:
        key = key_of(row)
        if row["state"] == SENT:
            continue
        # The order did not change: a "remind me tomorrow" the user was promised stays, also
        # of a deadline the plan no longer has (walk AB: "the first day to open", snoozed on
        # the day, was cancelled by a new time zone; the sweep would have sent it), but not of
        # one the new zone moved to another date.
        snoozed = key in sent and (key in wanted or key[0] not in {k[0] for k in wanted})
        if row["claimed"] or row["due_at"] <= now or snoozed:
            done.add(key)
            if snoozed and shift_snoozed is not None and not row["claimed"] and row["due_at"] > now:
                shifted.append((shift_snoozed(key, row["due_at"]), row["id"]))
        else:
            dropped.append(row)
    await conn.executemany("UPDATE reminders SET due_at = ? WHERE id = ?", shifted)
    await conn.executemany(
        "UPDATE reminders SET state = ? WHERE id = ?", [(CANCELLED, row["id"]) for row in dropped]
    )
    moved = {key_of(row) for row in dropped}
    moved_dates = {(kind, on) for kind, on, _offset in moved}
    deadlines = {key_of(row)[:2] for row in rows}
    fresh = []
    for r in catch_up:
        key = (r.kind, r.deadline_on, r.offset_days)
        # Owed: it was pending for later (moved earlier, or its deadline moved to another day),
        # or its deadline is new to the order; not one the plan never had (already past when
        # the order was saved: walk of 2026-12-03, a window closing that day got its reminder
        # right after the time zone was chosen, under "too close for a reminder").
        new_deadline = new_deadlines_owed and key[:2] not in deadlines
        # A deadline of the kind a dropped reminder was for, on another day: it moved (a new
        # time zone carrying a protection end across midnight, either way: review 2026-12-03).
        date_moved = key[:2] not in deadlines and any(
            kind == r.kind and on != r.deadline_on for kind, on in moved_dates
        )
        owed = key in moved or date_moved or new_deadline
        # Covered by a reminder as late or later for the same deadline, sent or kept.
        covered = any(k[:2] == key[:2] and k[2] <= r.offset_days for k in done)
        if owed and not covered:
            fresh.append(NewReminder(r.kind, r.deadline_on, r.offset_days, now))
            done.add(key)
    fresh += [r for r in planned if (r.kind, r.deadline_on, r.offset_days) not in done]
    await conn.executemany(
        """
        INSERT INTO reminders (order_id, user_id, kind, deadline_on, offset_days, due_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        [(order_id, user_id, r.kind, r.deadline_on, r.offset_days, r.due_at) for r in fresh],
    )
    return len(fresh)


async def add(
    conn: aiosqlite.Connection, order_id: int, user_id: int, new: NewReminder
) -> int | None:
    """Insert one pending reminder unless the same one is already pending; its id or None."""
    async with conn.execute(
        """
        SELECT 1 FROM reminders
        WHERE order_id = ? AND state = ? AND kind = ? AND deadline_on = ? AND due_at = ?
        """,
        (order_id, PENDING, new.kind, new.deadline_on, new.due_at),
    ) as cursor:
        if await cursor.fetchone():
            return None
    cursor = await conn.execute(
        """
        INSERT INTO reminders (order_id, user_id, kind, deadline_on, offset_days, due_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        (order_id, user_id, new.kind, new.deadline_on, new.offset_days, new.due_at),
    )
    return cursor.lastrowid


async def get(db: Database, reminder_id: int) -> Reminder | None:
    """One reminder by id."""
    async with db.conn.execute("SELECT * FROM reminders WHERE id = ?", (reminder_id,)) as cursor:
        row = await cursor.fetchone()
    return Reminder(**dict(row)) if row else None


async def for_order(db: Database, order_id: int, state: str | None = PENDING) -> list[Reminder]:
    """The order's reminders in that state (all states with None), by due time."""
    sql = "SELECT * FROM reminders WHERE order_id = ?"
    params: tuple[Any, ...] = (order_id,)
    if state is not None:
        sql += " AND state = ?"
        params = (order_id, state)
    async with db.conn.execute(sql + " ORDER BY due_at, id", params) as cursor:
        rows = await cursor.fetchall()
    return [Reminder(**dict(row)) for row in rows]


async def release_stale(db: Database, claimed_before: int) -> int:
    """Give back claims older than `claimed_before` (their sweep died before marking them)."""
    rows = await db.write(
        "DELETE FROM reminder_claims WHERE claimed_at < ? RETURNING reminder_id",
        (claimed_before,),
    )
    return len(rows)


_CLAIM = """
    INSERT INTO reminder_claims (reminder_id, claimed_at)
    SELECT id, ? FROM reminders
    WHERE state = 'pending' AND due_at <= ?
      AND id NOT IN (SELECT reminder_id FROM reminder_claims)
    ORDER BY due_at LIMIT ?
    RETURNING reminder_id
"""

_CLAIMED_WITH_CONTEXT = """
    SELECT r.*, u.chat_id, u.language, u.telegram_language, u.timezone, u.blocked,
           o.status AS order_status, o.label, o.situation, o.created_at AS order_created_at
    FROM reminders r
    JOIN users u ON u.user_id = r.user_id
    JOIN orders o ON o.id = r.order_id
    WHERE r.id IN ({marks})
    ORDER BY r.due_at, r.id
"""


def _claim(conn: sqlite3.Connection, now: int, limit: int) -> list[sqlite3.Row]:
    # One statement, so atomic on its own; walks the partial index reminders_pending_due (the
    # literal state lets SQLite use it).
    ids = [row[0] for row in conn.execute(_CLAIM, (now, now, limit)).fetchall()]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return conn.execute(_CLAIMED_WITH_CONTEXT.format(marks=marks), ids).fetchall()


async def claim_due(db: Database, now: int, limit: int) -> list[DueReminder]:
    """Claim up to `limit` pending reminders due by `now`, earliest first, with their context.

    A claim is a row in the small reminder_claims table: the reminder's own row (a random page
    of a big table) is only written once, when the outcome is marked. Claim and read are one
    trip to the database thread.
    """
    rows = await db.run(lambda conn: _claim(conn, now, limit))
    return [_due(row) for row in rows]


def _due(row: aiosqlite.Row) -> DueReminder:
    data = dict(row)
    reminder = Reminder(**{name: data[name] for name in _REMINDER_FIELDS})
    return DueReminder(
        reminder=reminder,
        chat_id=data["chat_id"],
        language=data["language"],
        telegram_language=data["telegram_language"],
        timezone=data["timezone"],
        blocked=bool(data["blocked"]),
        order_status=data["order_status"],
        label=data["label"],
        situation=json.loads(data["situation"]),
        order_created_at=data["order_created_at"],
    )


async def set_state(
    db: Database, ids: Sequence[int], state: str, *, sent_at: int | None = None
) -> None:
    """Settle claimed reminders: sent, superseded, cancelled or failed; the claims go."""
    if not ids:
        return

    def settle(conn: sqlite3.Connection) -> None:
        # A reminder cancelled while it was being sent (the order changed) stays cancelled.
        conn.executemany(
            "UPDATE reminders SET state = ?, sent_at = COALESCE(?, sent_at) "
            "WHERE id = ? AND state = 'pending'",
            [(state, sent_at, reminder_id) for reminder_id in ids],
        )
        conn.executemany("DELETE FROM reminder_claims WHERE reminder_id = ?", [(i,) for i in ids])

    # One trip per call: the sweep marks each reminder right after sending it, so a crash
    # repeats at most the ones in flight.
    await db.run(settle)


async def requeue(db: Database, reminder_id: int, due_at: int, *, failed: bool = False) -> None:
    """Give a claimed reminder back, due at `due_at`; `failed` counts a failed attempt."""

    def give_back(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE reminders SET due_at = ?, attempts = attempts + ? "
            "WHERE id = ? AND state = 'pending'",
            (due_at, int(failed), reminder_id),
        )
        conn.execute("DELETE FROM reminder_claims WHERE reminder_id = ?", (reminder_id,))

    await db.run(give_back)


async def later_pending(db: Database, order_id: int, after: int) -> bool:
    """Whether the order has a pending reminder due after `after`."""
    async with db.conn.execute(
        "SELECT 1 FROM reminders WHERE order_id = ? AND state = ? AND due_at > ? LIMIT 1",
        (order_id, PENDING, after),
    ) as cursor:
        return await cursor.fetchone() is not None


async def next_pending_at(db: Database, order_id: int) -> int | None:
    """When the order's earliest pending reminder is due (Unix time), or None."""
    async with db.conn.execute(
        "SELECT MIN(due_at) FROM reminders WHERE order_id = ? AND state = ?", (order_id, PENDING)
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else None


async def is_repeat(db: Database, reminder_id: int) -> bool:
    """Whether the reminder repeats one already sent (the same order, deadline and offset): a
    "remind me tomorrow" the user asked for."""
    async with db.conn.execute(
        """
        SELECT 1 FROM reminders AS sent JOIN reminders AS this
          ON sent.order_id = this.order_id AND sent.kind = this.kind
         AND sent.deadline_on = this.deadline_on AND sent.offset_days = this.offset_days
        WHERE this.id = ? AND sent.id != this.id AND sent.state = ? LIMIT 1
        """,
        (reminder_id, SENT),
    ) as cursor:
        return await cursor.fetchone() is not None


async def next_due_at(db: Database) -> int | None:
    """When the earliest pending reminder is due, or None when nothing is pending."""
    async with db.conn.execute(
        """
        SELECT MIN(due_at) FROM reminders
        WHERE state = 'pending' AND id NOT IN (SELECT reminder_id FROM reminder_claims)
        """
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else None


async def stop_for_user(db: Database, user_id: int) -> int:
    """The user blocked the bot or their chat is gone: cancel their pending reminders."""
    rows = await db.write(
        "UPDATE reminders SET state = ? WHERE user_id = ? AND state = ? RETURNING id",
        (CANCELLED, user_id, PENDING),
    )
    return len(rows)
