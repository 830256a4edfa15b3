"""Processed update ids: a redelivered update after a crash is not handled twice."""

from __future__ import annotations

import time

from storage.db import Database


async def was_processed(db: Database, update_id: int) -> bool:
    """Whether this update was already handled to the end."""
    # execute_fetchall is one trip to the database thread (a cursor's fetch and close are two more).
    rows = await db.conn.execute_fetchall(
        "SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,)
    )
    return bool(rows)


async def mark_processed(db: Database, update_id: int) -> None:
    """Remember that this update has been handled."""
    await db.write(
        "INSERT INTO processed_updates (update_id, processed_at) VALUES (?, ?)"
        " ON CONFLICT (update_id) DO NOTHING",
        (update_id, int(time.time())),
    )


async def forget_older_than(db: Database, seconds: int) -> int:
    """Drop ids older than `seconds` (Telegram redelivers for at most a day); return how many."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "DELETE FROM processed_updates WHERE processed_at < ?", (int(time.time()) - seconds,)
        )
        return cursor.rowcount
