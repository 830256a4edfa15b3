"""The first step of every update, in one trip to the database thread."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

from storage import conversations, users
from storage.db import Database
from storage.models import Conversation, User


@dataclass(frozen=True)
class UpdateStart:
    """What handling an update starts from."""

    already_processed: bool
    user: User | None = None
    conversation: Conversation | None = None
    # The user had blocked the bot and writes to it again: their reminders were cancelled.
    unblocked: bool = False


def _needs_write(row: sqlite3.Row | None, chat_id: int | None, language: str | None) -> bool:
    """Whether the stored profile misses what this update tells about the user."""
    if row is None:
        return True
    return (chat_id is not None and (bool(row["blocked"]) or row["chat_id"] != chat_id)) or (
        language is not None and row["telegram_language"] != language
    )


def _begin(
    conn: sqlite3.Connection,
    update_id: int,
    user_id: int | None,
    chat_id: int | None,
    language: str | None,
) -> UpdateStart:
    seen = conn.execute("SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,))
    if seen.fetchone() is not None:
        return UpdateStart(already_processed=True)
    if user_id is None:
        return UpdateStart(already_processed=False)
    row = conn.execute("SELECT * FROM users WHERE user_id = ?", (user_id,)).fetchone()
    unblocked = row is not None and bool(row["blocked"]) and chat_id is not None
    if _needs_write(row, chat_id, language):
        # Only a new user, a new chat or language, or a returning blocked user costs a write.
        now = int(time.time())
        row = conn.execute(users.UPSERT_SEEN, (user_id, chat_id, language, now, now)).fetchone()
    conversation = conn.execute(
        "SELECT * FROM conversations WHERE user_id = ?", (user_id,)
    ).fetchone()
    return UpdateStart(
        already_processed=False,
        user=User(**dict(row)),
        conversation=conversations.from_row(conversation),
        unblocked=unblocked,
    )


async def begin_update(
    db: Database,
    update_id: int,
    user_id: int | None,
    chat_id: int | None,
    telegram_language: str | None,
) -> UpdateStart:
    """Skip check, user record and conversation for an update, in one database trip.

    A redelivered update (handled before a crash) comes back as `already_processed`; otherwise
    the user is recorded (unblocked, chat and language kept current) and their conversation read.
    """
    return await db.run(lambda conn: _begin(conn, update_id, user_id, chat_id, telegram_language))
