"""Conversation state: the question a user is on and the answers so far."""

from __future__ import annotations

import json
import time
from typing import Any

from storage.db import Database
from storage.models import Conversation


async def get(db: Database, user_id: int) -> Conversation | None:
    """The user's conversation in progress, if any."""
    # One trip to the database thread per update matters: this runs for every message.
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM conversations WHERE user_id = ?", (user_id,)
    )
    if not rows:
        return None
    data = dict(rows[0])
    data["state"] = json.loads(data["state"])
    return Conversation(**data)


async def save(
    db: Database,
    user_id: int,
    flow: str,
    state: dict[str, Any],
    *,
    order_id: int | None = None,
    message_id: int | None = None,
) -> None:
    """Create or replace the user's conversation state."""
    await db.write(
        """
        INSERT INTO conversations (user_id, flow, state, order_id, message_id, updated_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (user_id) DO UPDATE SET
            flow = excluded.flow, state = excluded.state, order_id = excluded.order_id,
            message_id = excluded.message_id, updated_at = excluded.updated_at
        """,
        (user_id, flow, json.dumps(state), order_id, message_id, int(time.time())),
    )


async def clear(db: Database, user_id: int) -> bool:
    """End the user's conversation; return whether there was one."""
    deleted = await db.write(
        "DELETE FROM conversations WHERE user_id = ? RETURNING user_id", (user_id,)
    )
    return bool(deleted)
