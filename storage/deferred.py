"""Writes an update may hold back until its next write, so its last ones share one trip.

While an update is handled, its user's conversation row is written again and again (the new
state, then the id of the message that shows it). Held back here, such a write goes to the
database with the next write of the same update, at the latest with the mark that the update
was handled: in the same transaction, so a crash keeps both or neither, and in one trip to the
database thread instead of one each. Every write made through `Database` runs the held-back
ones first, so the order of writes is what the code says.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from typing import Any

Statement = tuple[str, Sequence[Any]]

# The held-back writes of the update being handled, by key (a later write of the same row
# replaces an earlier one); None outside an update, where every write goes at once.
_pending: ContextVar[dict[str, Statement] | None] = ContextVar("deferred_writes", default=None)


def open_unit() -> None:
    """Start holding back writes for the update being handled (dropping any left over)."""
    _pending.set({})


def close_unit() -> list[Statement]:
    """Stop holding back writes; return those still held (normally none)."""
    pending = _pending.get()
    _pending.set(None)
    return list(pending.values()) if pending else []


def defer(key: str, sql: str, parameters: Sequence[Any]) -> bool:
    """Hold a write back until the update's next write; False outside an update (write now)."""
    pending = _pending.get()
    if pending is None:
        return False
    pending.pop(key, None)  # the replacing write goes last, after any written in between
    pending[key] = (sql, parameters)
    return True


def take() -> list[Statement]:
    """The held-back writes, in order, now to be written by the caller."""
    pending = _pending.get()
    if not pending:
        return []
    statements = list(pending.values())
    pending.clear()
    return statements
