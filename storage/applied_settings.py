"""The settings the stored data was made with (a change means redoing what they shaped)."""

from __future__ import annotations

import aiosqlite

from storage.db import Database


async def get(db: Database, name: str) -> str | None:
    """The value recorded under `name`, or None when none was recorded yet."""
    rows = await db.conn.execute_fetchall(
        "SELECT value FROM applied_settings WHERE name = ?", (name,)
    )
    return str(rows[0][0]) if rows else None


async def put(conn: aiosqlite.Connection, name: str, value: str) -> None:
    """Record `value` under `name`, inside the caller's transaction."""
    await conn.execute(
        "INSERT INTO applied_settings (name, value) VALUES (?, ?)"
        " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (name, value),
    )


async def forget(conn: aiosqlite.Connection, name: str) -> None:
    """Drop the value recorded under `name`, inside the caller's transaction."""
    await conn.execute("DELETE FROM applied_settings WHERE name = ?", (name,))
