"""The user's latest generated texts, offered in inline mode."""

from __future__ import annotations

import json
import time
from typing import Any

import aiosqlite

from storage import deferred
from storage.db import Database
from storage.models import SavedText

_FORGET_UNSAVED = "DELETE FROM latest_texts WHERE user_id = ? AND order_id IS NULL"


async def save(
    db: Database,
    user_id: int,
    texts: dict[str, dict[str, str]],
    order_id: int | None = None,
    card: str | None = None,
) -> None:
    """Replace the latest texts of the saved order `order_id` (None: of the advice card not
    saved yet, which `card` names) with these ({kind: {lang: body}}); other orders keep
    theirs."""
    now = int(time.time())
    async with db.transaction() as conn:
        await conn.execute(
            "DELETE FROM latest_texts WHERE user_id = ? AND coalesce(order_id, 0) = ?",
            (user_id, order_id or 0),
        )
        for kind, by_lang in texts.items():
            for lang, body in by_lang.items():
                await conn.execute(
                    "INSERT INTO latest_texts"
                    " (user_id, kind, lang, body, updated_at, order_id, card)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (user_id, kind, lang, body, now, order_id, card),
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
    db: Database, user_id: int, order_id: int | None = None, card: str | None = None
) -> list[SavedText]:
    """The user's latest texts, or only the order `order_id`'s, or only those written for the
    unsaved card `card` (saved as an order since, or not): the most recently written order
    first, then by kind, English first."""
    where, params = "t.user_id = ?", (user_id,)
    if order_id is not None:
        where, params = "t.user_id = ? AND t.order_id = ?", (user_id, order_id)
    elif card is not None:
        where, params = "t.user_id = ? AND t.card = ?", (user_id, card)
    # Written later means a higher rowid (each save deletes the order's rows and inserts anew);
    # updated_at has whole seconds only.
    rows = await db.conn.execute_fetchall(
        "SELECT t.*, o.label AS order_label, o.situation AS order_situation,"
        " o.created_at AS order_created_at"
        " FROM latest_texts t LEFT JOIN orders o ON o.id = t.order_id"
        f" WHERE {where}"  # where: one of three fixed fragments
        " ORDER BY max(t.rowid) OVER (PARTITION BY coalesce(t.order_id, 0)) DESC,"
        " t.kind, CASE t.lang WHEN 'en' THEN 0 ELSE 1 END",
        params,
    )
    return [_saved_text(dict(row)) for row in rows]


def _saved_text(row: dict[str, Any]) -> SavedText:
    situation = row.pop("order_situation")
    return SavedText(**row, order_situation=json.loads(situation) if situation else None)
