"""Users: language, time zone and the blocked flag."""

from __future__ import annotations

import time

from storage.db import Database
from storage.models import User

# A user wrote to the bot: record them, keep chat and language current, and unblock them.
UPSERT_SEEN = """
    INSERT INTO users (user_id, chat_id, telegram_language, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (user_id) DO UPDATE SET
        chat_id = COALESCE(excluded.chat_id, users.chat_id),
        telegram_language = COALESCE(excluded.telegram_language, users.telegram_language),
        -- Only a private chat shows the bot is not blocked: a group message or an inline
        -- query comes from a user who may still block it.
        blocked = CASE WHEN excluded.chat_id IS NULL THEN users.blocked ELSE 0 END,
        updated_at = excluded.updated_at
    RETURNING *
"""


async def upsert_seen(
    db: Database, user_id: int, chat_id: int | None, telegram_language: str | None
) -> User:
    """Record that a user wrote to the bot (in a private chat: unblocking them) and return
    their profile."""
    now = int(time.time())
    rows = await db.write(UPSERT_SEEN, (user_id, chat_id, telegram_language, now, now))
    # The written row comes back with the upsert: no second query on every update.
    return User(**dict(next(iter(rows))))


async def get(db: Database, user_id: int) -> User | None:
    """The user's profile, or None for someone the bot has never seen."""
    rows = await db.conn.execute_fetchall("SELECT * FROM users WHERE user_id = ?", (user_id,))
    return User(**dict(rows[0])) if rows else None


async def set_language(db: Database, user_id: int, language: str) -> None:
    """Store the user's chosen language."""
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE users SET language = ?, updated_at = ? WHERE user_id = ?",
            (language, int(time.time()), user_id),
        )


async def set_timezone(db: Database, user_id: int, timezone: str) -> None:
    """Store the user's IANA time zone."""
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE users SET timezone = ?, updated_at = ? WHERE user_id = ?",
            (timezone, int(time.time()), user_id),
        )


async def set_blocked(db: Database, user_id: int, blocked: bool = True) -> None:
    """Mark that the user blocked the bot (or that their chat is gone)."""
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE users SET blocked = ?, updated_at = ? WHERE user_id = ?",
            (int(blocked), int(time.time()), user_id),
        )


async def delete(db: Database, user_id: int) -> None:
    """Remove the user and, through the foreign keys, everything that belongs to them, from the
    file and from its write-ahead log."""
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM users WHERE user_id = ?", (user_id,))
    await db.checkpoint()
