"""Conversation state: the question a user is on and the answers so far."""

from __future__ import annotations

import json
import sqlite3
import time
from contextvars import ContextVar
from typing import Any

from storage import deferred
from storage.db import Database
from storage.models import Conversation

# The conversation of the user whose update is being handled: read by the update's first query
# (storage.session.begin_update) and kept current by `save` and `clear`, which saves a query on
# every message. Scoped to the update's context; `forget` ends it.
_current: ContextVar[tuple[int, Conversation | None] | None] = ContextVar(
    "current_conversation", default=None
)


def from_row(row: sqlite3.Row | None) -> Conversation | None:
    """A conversations row as a model."""
    if row is None:
        return None
    data = dict(row)
    data["state"] = json.loads(data["state"])
    return Conversation(**data)


def remember(user_id: int, conversation: Conversation | None) -> None:
    """Keep the user's conversation for the rest of the update being handled."""
    _current.set((user_id, conversation))


def forget() -> None:
    """End the update's cached conversation (the next update reads the database again)."""
    _current.set(None)


async def get(db: Database, user_id: int) -> Conversation | None:
    """The user's conversation in progress, if any."""
    cached = _current.get()
    if cached is not None and cached[0] == user_id:
        return cached[1]
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM conversations WHERE user_id = ?", (user_id,)
    )
    return from_row(rows[0] if rows else None)


_UPSERT = """
    INSERT INTO conversations (user_id, flow, state, order_id, message_id, updated_at)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (user_id) DO UPDATE SET
        flow = excluded.flow, state = excluded.state, order_id = excluded.order_id,
        message_id = excluded.message_id, updated_at = excluded.updated_at
"""
_DELETE = "DELETE FROM conversations WHERE user_id = ? RETURNING user_id"


def _held_back_key(user_id: int) -> str | None:
    """The key to hold this user's conversation write back under, if it may be held back.

    Only the conversation of the user whose update is being handled: its cache stays the
    truth until the write reaches the database with the update's next write.
    """
    cached = _current.get()
    return f"conversation:{user_id}" if cached is not None and cached[0] == user_id else None


async def save(
    db: Database,
    user_id: int,
    flow: str,
    state: dict[str, Any],
    *,
    order_id: int | None = None,
    message_id: int | None = None,
) -> None:
    """Create or replace the user's conversation state.

    During the user's own update the write is held back until that update's next write
    (storage/deferred.py); reads in the update see it at once.
    """
    now = int(time.time())
    encoded = json.dumps(state)
    parameters = (user_id, flow, encoded, order_id, message_id, now)
    key = _held_back_key(user_id)
    if key is None or not deferred.defer(key, _UPSERT, parameters):
        await db.write(_UPSERT, parameters)
    if key is not None:
        saved = Conversation(
            user_id=user_id,
            flow=flow,
            state=json.loads(encoded),  # as a later read would return it, not the caller's dict
            order_id=order_id,
            message_id=message_id,
            updated_at=now,
        )
        remember(user_id, saved)


async def unsuspend(db: Database, user_id: int) -> Conversation | None:
    """Bring back a conversation another one put on hold (its `state["suspended"]`, as typing
    a time zone does), ending the one on top; return the user's conversation after that."""
    current = await get(db, user_id)
    suspended = current.state.get("suspended") if current is not None else None
    if not isinstance(suspended, dict):
        return current
    try:
        previous = Conversation.model_validate(suspended)
    except ValueError:
        return current
    await save(
        db,
        user_id,
        previous.flow,
        previous.state,
        order_id=previous.order_id,
        message_id=previous.message_id,
    )
    return await get(db, user_id)


async def clear(db: Database, user_id: int) -> bool:
    """End the user's conversation; return whether there was one."""
    key = _held_back_key(user_id)
    if key is not None:
        cached = _current.get()
        had_one = cached is not None and cached[1] is not None
        if deferred.defer(key, _DELETE, (user_id,)):
            remember(user_id, None)
            return had_one
    deleted = await db.write(_DELETE, (user_id,))
    if key is not None:
        remember(user_id, None)
    return bool(deleted)
