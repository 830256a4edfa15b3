"""One aiosqlite connection with migrations, serialized writes and explicit transactions."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from storage import deferred

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
T = TypeVar("T")
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """The numbered migrations shipped with the package, as (number, name, sql) in order."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [number for number, _, _ in found]
    if numbers != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {numbers}")
    return found


class Database:
    """The bot's SQLite database: one connection, writes serialized by a lock."""

    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._write_lock = asyncio.Lock()
        # Work queued by `run` and `write` for the next trip to the database thread.
        self._queued: list[tuple[Callable[[sqlite3.Connection], Any], asyncio.Future[Any]]] = []
        self._trip: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, path: str | Path) -> Database:
        """Open (creating if needed) the database file and bring its schema up to date."""
        path = str(path)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        try:
            conn.row_factory = aiosqlite.Row
            await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            await conn.execute("PRAGMA foreign_keys = ON")
            # Deleted rows are overwritten, not left in free space: "delete my data" means gone.
            await conn.execute("PRAGMA secure_delete = ON")
            if path != ":memory:":
                await conn.execute("PRAGMA journal_mode = WAL")
                # WAL with NORMAL is durable across application crashes; only a power loss can
                # drop the last transactions, never corrupt the file.
                await conn.execute("PRAGMA synchronous = NORMAL")
            database = cls(conn, path)
            await database.migrate()
        except BaseException:
            await conn.close()
            raise
        return database

    async def close(self) -> None:
        """Wait for the write in progress, then close the connection."""
        async with self._write_lock:
            await self.conn.close()

    async def schema_version(self) -> int:
        """The number of the last migration applied."""
        async with self.conn.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self) -> int:
        """Apply the migrations newer than the file's `user_version`; return the new version."""
        async with self._write_lock:
            current = await self.schema_version()
            for number, name, sql in migrations():
                if number <= current:
                    continue
                log.info("applying migration %s", name)
                try:
                    # executescript runs the whole file; the explicit BEGIN/COMMIT keeps the
                    # schema change and the version bump in one transaction.
                    await self.conn.executescript(
                        f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;"
                    )
                except BaseException:
                    if self.conn.in_transaction:
                        await self.conn.execute("ROLLBACK")
                    raise
                current = number
            return current

    async def write(self, sql: str, parameters: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run one write statement, atomic on its own; return its rows (RETURNING ...).

        Writes the update held back (storage/deferred.py) go first, atomic with it. Shares its
        trip to the database thread with other updates' work (see `run`).
        """
        statement = (sql, parameters)
        held = deferred.take()
        if not held:
            return await self._queue(lambda conn: conn.execute(sql, parameters).fetchall())
        return await self._queue(lambda conn: _write_all(conn, held, statement))

    async def run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work(connection)` on the database thread, serialized with every other write.

        For the hot paths where several statements would otherwise cost one trip each (every
        update starts with one). Writes the update held back go first. Work queued by updates
        handled at the same time shares one trip to the database thread, in the order it was
        queued: each work is atomic (its own savepoint; if it raises, all it wrote is undone),
        and the trip commits once, before any caller hears its result. `work` must not begin,
        commit or roll back a transaction itself (`TripEnded` if it does).
        """
        held = deferred.take()
        if not held:
            return await self._queue(work)

        def work_after_held(conn: sqlite3.Connection) -> T:
            _write_all(conn, held)
            return work(conn)

        return await self._queue(work_after_held)

    async def _queue(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Queue `work` for the next trip to the database thread and wait for its result."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queued.append((work, future))
        if self._trip is None:
            self._trip = asyncio.create_task(self._make_trips())
        return await future

    async def _make_trips(self) -> None:
        """Take everything queued to the database thread in one trip, until nothing is left."""
        try:
            async with self._write_lock:
                while self._queued:
                    batch, self._queued = self._queued, []
                    # aiosqlite runs every call on its single thread; `_execute` queues a
                    # callable there. Not public API: tests/foundation/test_storage.py covers it.
                    try:
                        outcomes = await self.conn._execute(partial(_each, self.conn._conn, batch))
                    except asyncio.CancelledError:
                        for _work, future in batch:
                            future.cancel()
                        raise
                    except Exception as error:  # the connection itself failed
                        outcomes = [(False, error)] * len(batch)
                    for (_work, future), (ok, value) in zip(batch, outcomes, strict=True):
                        if future.done():
                            continue  # its caller gave up (cancelled)
                        if ok:
                            future.set_result(value)
                        else:
                            future.set_exception(value)
        finally:
            self._trip = None
            for _work, future in self._queued:  # queued while the connection was closing
                if not future.done():
                    future.set_exception(sqlite3.ProgrammingError("the database is closed"))
            self._queued = []

    async def checkpoint(self) -> None:
        """Copy the write-ahead log into the file and empty it: the old page images there (such
        as a deleted user's rows) go too."""
        async with self._write_lock:
            await self.conn.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction: all its statements commit together or not at all."""
        async with self._write_lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                for sql, parameters in deferred.take():
                    await self.conn.execute(sql, parameters)
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            else:
                await self.conn.execute("COMMIT")


def _write_all(
    conn: sqlite3.Connection,
    statements: list[deferred.Statement],
    last: deferred.Statement | None = None,
) -> list[sqlite3.Row]:
    """Run `statements` and then `last` (atomic together: a trip runs each work in its own
    savepoint); return the rows of `last`."""
    for sql, parameters in statements:
        conn.execute(sql, parameters)
    return conn.execute(*last).fetchall() if last is not None else []


class TripEnded(RuntimeError):
    """Database work ended the trip's transaction itself (works must not BEGIN/COMMIT)."""


def _each(
    conn: sqlite3.Connection,
    batch: list[tuple[Callable[[sqlite3.Connection], Any], asyncio.Future[Any]]],
) -> list[tuple[bool, Any]]:
    """Run every work of a trip on the database thread; each one's result or exception.

    One transaction for the trip, one savepoint for each work: a failing work is undone alone,
    and the trip commits once (one write to the log instead of one per work). The results are
    returned only after that commit, so no caller hears of a write that might not be kept.
    """
    outcomes: list[tuple[bool, Any]] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for work, _future in batch:
            conn.execute("SAVEPOINT work")
            try:
                outcome: tuple[bool, Any] = (True, work(conn))
            except Exception as error:
                outcome = (False, error)
            if not conn.in_transaction:
                # The work committed or rolled back the trip itself: what the works before it
                # wrote may or may not be kept, so none of them may report success.
                log.error("database work ended the trip's transaction; the trip is reported failed")
                ended = TripEnded("database work ended the trip's transaction")
                return [(False, ended)] * len(batch)
            if not outcome[0]:
                conn.execute("ROLLBACK TO work")
            conn.execute("RELEASE work")
            outcomes.append(outcome)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return outcomes
