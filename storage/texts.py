"""The user's latest generated texts, offered in inline mode."""

from __future__ import annotations

import time

from storage.db import Database
from storage.models import SavedText


async def save(db: Database, user_id: int, texts: dict[str, dict[str, str]]) -> None:
    """Replace the user's latest texts with these ({kind: {lang: body}})."""
    now = int(time.time())
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM latest_texts WHERE user_id = ?", (user_id,))
        for kind, by_lang in texts.items():
            for lang, body in by_lang.items():
                await conn.execute(
                    "INSERT INTO latest_texts (user_id, kind, lang, body, updated_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (user_id, kind, lang, body, now),
                )


async def latest(db: Database, user_id: int) -> list[SavedText]:
    """The user's latest texts, English first."""
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM latest_texts WHERE user_id = ?"
        " ORDER BY kind, CASE lang WHEN 'en' THEN 0 ELSE 1 END",
        (user_id,),
    )
    return [SavedText(**dict(row)) for row in rows]
