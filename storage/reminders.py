"""Reminders: the only record of what to send when. The sweep claims due rows, then marks them.

States: pending -> claimed -> sent; pending -> cancelled (the order changed, was archived or the
user blocked the bot); claimed -> superseded (a later reminder covers it) or failed (Telegram
refused it for good); claimed -> pending (given back after a crash or a RetryAfter).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import aiosqlite
from pydantic import BaseModel

from storage.db import Database

PENDING = "pending"
CLAIMED = "claimed"
SENT = "sent"
CANCELLED = "cancelled"
SUPERSEDED = "superseded"
FAILED = "failed"


class Reminder(BaseModel):
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


class DueReminder(BaseModel):
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


async def replace_for_order(
    conn: aiosqlite.Connection, order_id: int, user_id: int, planned: Iterable[NewReminder]
) -> int:
    """Cancel the order's pending reminders and insert the planned ones, in the caller's
    transaction; return how many were inserted."""
    await cancel_for_order(conn, order_id)
    rows = [(order_id, user_id, r.kind, r.deadline_on, r.offset_days, r.due_at) for r in planned]
    await conn.executemany(
        """
        INSERT INTO reminders (order_id, user_id, kind, deadline_on, offset_days, due_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        rows,
    )
    return len(rows)


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
    """Give claimed rows older than `claimed_before` back to pending (their sender died)."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            # Literal states: SQLite only uses a partial index when it sees the literal.
            "UPDATE reminders SET state = 'pending', claimed_at = NULL "
            "WHERE state = 'claimed' AND claimed_at < ?",
            (claimed_before,),
        )
    return cursor.rowcount


async def claim_due(db: Database, now: int, limit: int) -> list[DueReminder]:
    """Claim up to `limit` pending reminders due by `now`, earliest first, with their context."""
    async with db.transaction() as conn:
        # The inner query walks the partial index reminders_pending_due only.
        async with conn.execute(
            """
            UPDATE reminders SET state = 'claimed', claimed_at = ?, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM reminders WHERE state = 'pending' AND due_at <= ?
                ORDER BY due_at LIMIT ?
            )
            RETURNING id
            """,
            (now, now, limit),
        ) as cursor:
            ids = [row[0] for row in await cursor.fetchall()]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    async with db.conn.execute(
        f"""
        SELECT r.*, u.chat_id, u.language, u.telegram_language, u.timezone, u.blocked,
               o.status AS order_status, o.label, o.situation
        FROM reminders r
        JOIN users u ON u.user_id = r.user_id
        JOIN orders o ON o.id = r.order_id
        WHERE r.id IN ({marks})
        ORDER BY r.due_at, r.id
        """,
        ids,
    ) as cursor:
        rows = await cursor.fetchall()
    return [_due(row) for row in rows]


def _due(row: aiosqlite.Row) -> DueReminder:
    data = dict(row)
    reminder = Reminder(**{name: data[name] for name in Reminder.model_fields})
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
    )


async def set_state(
    db: Database, ids: Sequence[int], state: str, *, sent_at: int | None = None
) -> None:
    """Move claimed reminders to a final state (sent, superseded, cancelled, failed)."""
    if not ids:
        return
    async with db.transaction() as conn:
        await conn.executemany(
            "UPDATE reminders SET state = ?, sent_at = COALESCE(?, sent_at) "
            "WHERE id = ? AND state = ?",
            [(state, sent_at, reminder_id, CLAIMED) for reminder_id in ids],
        )


async def requeue(db: Database, reminder_id: int, due_at: int) -> None:
    """Put a claimed reminder back to pending, due at `due_at`."""
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE reminders SET state = ?, due_at = ?, claimed_at = NULL "
            "WHERE id = ? AND state = ?",
            (PENDING, due_at, reminder_id, CLAIMED),
        )


async def later_pending(db: Database, order_id: int, after: int) -> bool:
    """Whether the order has a pending reminder due after `after`."""
    async with db.conn.execute(
        "SELECT 1 FROM reminders WHERE order_id = ? AND state = ? AND due_at > ? LIMIT 1",
        (order_id, PENDING, after),
    ) as cursor:
        return await cursor.fetchone() is not None


async def next_due_at(db: Database) -> int | None:
    """When the earliest pending reminder is due, or None when nothing is pending."""
    async with db.conn.execute(
        "SELECT MIN(due_at) FROM reminders WHERE state = 'pending'"
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else None


async def stop_for_user(db: Database, user_id: int) -> int:
    """The user blocked the bot or their chat is gone: cancel their pending reminders."""
    async with db.transaction() as conn:
        return await cancel_for_user(conn, user_id)
