"""Saved orders of a user."""

from __future__ import annotations

import json
import time
from typing import Any

import aiosqlite

from storage.db import Database
from storage.models import Order, User


def _order(row: aiosqlite.Row) -> Order:
    data = dict(row)
    data["situation"] = json.loads(data["situation"])
    return Order(**data)


async def create(
    conn: aiosqlite.Connection,
    user_id: int,
    situation: dict[str, Any],
    *,
    label: str | None = None,
    stage: str = "none",
    next_deadline: tuple[str, str] | None = None,
) -> int:
    """Insert an order inside the caller's transaction; return its id."""
    now = int(time.time())
    kind, on = next_deadline or (None, None)
    cursor = await conn.execute(
        """
        INSERT INTO orders (user_id, label, situation, stage, next_deadline_kind,
                            next_deadline_on, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
        (user_id, label, json.dumps(situation), stage, kind, on, now, now),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def update(
    conn: aiosqlite.Connection,
    order_id: int,
    situation: dict[str, Any],
    *,
    stage: str,
    next_deadline: tuple[str, str] | None,
    undo: str | None = None,
) -> None:
    """Replace an order's situation and summary inside the caller's transaction; `undo` is
    what may take this change back (None: nothing, any earlier undo is gone)."""
    kind, on = next_deadline or (None, None)
    await conn.execute(
        """
        UPDATE orders SET situation = ?, stage = ?, next_deadline_kind = ?,
                          next_deadline_on = ?, updated_at = ?, undo = ?
        WHERE id = ?
        """,
        (json.dumps(situation), stage, kind, on, int(time.time()), undo, order_id),
    )


async def set_status(conn: aiosqlite.Connection, order_id: int, status: str) -> None:
    """Archive or reactivate an order inside the caller's transaction."""
    await conn.execute(
        "UPDATE orders SET status = ?, updated_at = ? WHERE id = ?",
        (status, int(time.time()), order_id),
    )


async def set_label(conn: aiosqlite.Connection, order_id: int, label: str | None) -> None:
    """Rename an order inside the caller's transaction."""
    await conn.execute(
        "UPDATE orders SET label = ?, updated_at = ? WHERE id = ?",
        (label, int(time.time()), order_id),
    )


async def delete(conn: aiosqlite.Connection, order_id: int) -> None:
    """Delete an order (its reminders go with it) inside the caller's transaction."""
    await conn.execute("DELETE FROM orders WHERE id = ?", (order_id,))


async def get_for_user(db: Database, order_id: int, user_id: int) -> Order | None:
    """The order if it exists and belongs to this user; None otherwise."""
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM orders WHERE id = ? AND user_id = ?", (order_id, user_id)
    )
    return _order(rows[0]) if rows else None


async def with_order_number(db: Database, user_id: int, number: str) -> Order | None:
    """The user's latest order (active or archived) saved with this AliExpress order number."""
    rows = await db.conn.execute_fetchall(
        """
        SELECT * FROM orders WHERE user_id = ? AND json_extract(situation, '$.order_number') = ?
        ORDER BY id DESC LIMIT 1
        """,
        (user_id, number),
    )
    return _order(rows[0]) if rows else None


async def list_for_user(
    db: Database, user_id: int, *, status: str = "active", limit: int = 5, offset: int = 0
) -> list[Order]:
    """One page of a user's orders, newest first."""
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM orders WHERE user_id = ? AND status = ? ORDER BY id DESC LIMIT ? OFFSET ?",
        (user_id, status, limit, offset),
    )
    return [_order(row) for row in rows]


# The owner's columns beside the order's, renamed where the two tables share a name.
_OWNER = "owner_"
_OWNER_COLUMNS = ", ".join(
    f"u.{column} AS {_OWNER}{column}"
    for column in (
        *("user_id", "chat_id", "language", "telegram_language", "timezone", "blocked"),
        *("created_at", "updated_at"),
    )
)


async def active_with_owners(
    conn: aiosqlite.Connection, *, after_id: int, limit: int
) -> list[tuple[Order, User]]:
    """The next `limit` active orders after id `after_id` (by id) of users who have not
    blocked the bot, each with its owner: for work over every order, read inside the caller's
    transaction so that nothing changes them meanwhile."""
    rows = await conn.execute_fetchall(
        f"""
        SELECT o.*, {_OWNER_COLUMNS} FROM orders o JOIN users u ON u.user_id = o.user_id
        WHERE o.status = 'active' AND u.blocked = 0 AND o.id > ?
        ORDER BY o.id LIMIT ?
        """,
        (after_id, limit),
    )
    pages = []
    for row in rows:
        data = dict(row)
        owner = {k.removeprefix(_OWNER): data.pop(k) for k in list(data) if k.startswith(_OWNER)}
        data["situation"] = json.loads(data["situation"])
        pages.append((Order(**data), User(**owner)))
    return pages


async def any_saved(db: Database) -> bool:
    """Whether any order was ever saved (archived ones count)."""
    rows = await db.conn.execute_fetchall("SELECT 1 FROM orders LIMIT 1")
    return bool(rows)


async def saved_since(db: Database, user_id: int, since: int) -> int:
    """How many of the user's orders (archived ones too) were saved after `since` (Unix time)."""
    rows = await db.conn.execute_fetchall(
        "SELECT COUNT(*) FROM orders WHERE user_id = ? AND created_at > ?", (user_id, since)
    )
    return int(rows[0][0]) if rows else 0


async def count_for_user(db: Database, user_id: int, *, status: str = "active") -> int:
    """How many orders of that status the user has."""
    rows = await db.conn.execute_fetchall(
        "SELECT COUNT(*) FROM orders WHERE user_id = ? AND status = ?", (user_id, status)
    )
    return int(rows[0][0]) if rows else 0
