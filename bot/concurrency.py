"""Handle different users' updates at the same time and one user's updates in order.

PTB's default handles one update after another, so every Bot API round trip (tens of
milliseconds to Telegram) holds up every other user. Its `SimpleUpdateProcessor` runs them all
at once, which would let a user's second button press overtake the first. This processor does
both: concurrency across users, arrival order within one user (or one chat for updates
without a user).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def ordering_key(update: object) -> int | None:
    """Whose updates must not overlap: the user's, else the chat's, else all such updates'."""
    if isinstance(update, Update):
        if update.effective_user is not None:
            return update.effective_user.id
        if update.effective_chat is not None:
            return update.effective_chat.id
    return None


# Updates in flight at most (handled or waiting their turn): polling hands over 100 at a time and
# fetches more only once they are handled (bot/polling.py).
IN_FLIGHT = 1000


class _Turn:
    """A user's lock and how many of their updates hold or wait for it."""

    __slots__ = ("lock", "updates")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.updates = 0


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Updates of different users concurrently; each user's one at a time, in arrival order.

    A lock exists only while one of its user's updates is being handled or waits, so nothing
    per user stays in memory. Locks are FIFO, and PTB starts an update's task in arrival order,
    so a user's updates are handled in the order Telegram sent them. An update takes one of the
    `places` (MAX_CONCURRENT_UPDATES) only once it is its user's turn: a user who sends many
    updates at once waits on their own lock without holding places other users need.
    """

    def __init__(self, max_concurrent_updates: int) -> None:
        # PTB's own limit is taken before `do_process_update` runs, i.e. before the user's
        # turn; it only bounds the updates in flight (polling hands over 100 at a time).
        super().__init__(max(max_concurrent_updates, IN_FLIGHT))
        self.places = max_concurrent_updates
        self._places = asyncio.Semaphore(max_concurrent_updates)
        self._turns: dict[int | None, _Turn] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the user's earlier updates and for a free place, then handle this one."""
        key = ordering_key(update)
        turn = self._turns.get(key)
        if turn is None:
            turn = self._turns[key] = _Turn()
        turn.updates += 1
        try:
            try:
                await turn.lock.acquire()
                try:
                    await self._places.acquire()
                except BaseException:
                    turn.lock.release()
                    raise
            except BaseException:
                # Cancelled while waiting (shutdown): the update's coroutine never starts.
                if isinstance(coroutine, Coroutine):
                    coroutine.close()
                raise
            try:
                await coroutine
            finally:
                self._places.release()
                turn.lock.release()
        finally:
            turn.updates -= 1
            if turn.updates == 0:
                del self._turns[key]

    @property
    def users_in_progress(self) -> int:
        """How many users have an update being handled or waiting (for tests and figures)."""
        return len(self._turns)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close (the application waits for the updates in progress)."""
