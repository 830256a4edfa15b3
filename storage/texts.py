"""The user's latest generated texts, offered in inline mode."""

from __future__ import annotations

import time

import aiosqlite

from storage import deferred
from storage.db import Database
from storage.models import SavedText

_FORGET_UNSAVED = "DELETE FROM latest_texts WHERE user_id = ? AND order_id IS NULL"


async def save(
    db: Database, user_id: int, texts: dict[str, dict[str, str]], order_id: int | None = None
) -> None:
    """Replace the latest texts of the saved order `order_id` (None: of the advice card not
    saved yet) with these ({kind: {lang: body}}); other orders keep theirs."""
    now = int(time.time())
    async with db.transaction() as conn:
        await conn.execute(
            "DELETE FROM latest_texts WHERE user_id = ? AND ifnull(order_id, 0) = ?",
            (user_id, order_id or 0),
        )
        for kind, by_lang in texts.items():
            for lang, body in by_lang.items():
                await conn.execute(
                    "INSERT INTO latest_texts (user_id, kind, lang, body, updated_at, order_id)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (user_id, kind, lang, body, now, order_id),
                )


async def claim_unsaved(conn: aiosqlite.Connection, user_id: int, order_id: int) -> None:
    """The texts of the advice card just saved as `order_id` become that order's (inside the
    caller's transaction)."""
    await conn.execute(
        "UPDATE latest_texts SET order_id = ? WHERE user_id = ? AND order_id IS NULL",
        (order_id, user_id),
    )


async def forget_unsaved(db: Database, user_id: int) -> None:
    """Drop the texts of advice cards not saved as orders: a new card is on screen, and the
    order it may be saved as must not take another card's texts. Held back with the update's
    other writes (storage/deferred.py) when there is an update."""
    key = f"texts-unsaved:{user_id}"
    if not deferred.defer(key, _FORGET_UNSAVED, (user_id,)):
        await db.write(_FORGET_UNSAVED, (user_id,))


async def forget_for_order(conn: aiosqlite.Connection, order_id: int) -> None:
    """Drop the texts written for the order as it was (it changed: they may say otherwise)."""
    await conn.execute("DELETE FROM latest_texts WHERE order_id = ?", (order_id,))


async def latest(
    db: Database, user_id: int, order_id: int | None = None, limit: int = 50
) -> list[SavedText]:
    """The user's latest texts (only the order `order_id`'s, when given): the most recently
    written order first, then by kind, English first."""
    where = "user_id = ?" if order_id is None else "user_id = ? AND order_id = ?"
    params = (user_id,) if order_id is None else (user_id, order_id)
    rows = await db.conn.execute_fetchall(
        f"SELECT * FROM latest_texts WHERE {where}"  # where: one of two fixed fragments
        " ORDER BY max(updated_at) OVER (PARTITION BY ifnull(order_id, 0)) DESC,"
        " ifnull(order_id, 0) DESC, kind, CASE lang WHEN 'en' THEN 0 ELSE 1 END LIMIT ?",
        (*params, limit),
    )
    return [SavedText(**dict(row)) for row in rows]
