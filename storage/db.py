"""One aiosqlite connection with migrations, serialized writes and explicit transactions."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
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
        """Run one write statement as its own transaction; return its rows (RETURNING ...).

        SQLite makes a single statement outside BEGIN...COMMIT atomic on its own, so this is one
        trip to the database thread instead of three; the lock keeps it out of a transaction
        another coroutine has open on this shared connection. Writes the update held back
        (storage/deferred.py) go first, in the same transaction and trip.
        """
        async with self._write_lock:
            held = deferred.take()
            if not held:
                return list(await self.conn.execute_fetchall(sql, parameters))
            statement = (sql, parameters)
            return await self.conn._execute(lambda: _write_all(self.conn._conn, held, statement))

    async def run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work(connection)` on the database thread in one trip, serialized with writes.

        For the few hot paths where several statements would otherwise cost one trip each
        (every update starts with one). `work` must not leave a transaction open. Writes the
        update held back go first, in the same trip.
        """
        async with self._write_lock:
            held = deferred.take()

            def work_after_held(conn: sqlite3.Connection) -> T:
                if held:
                    _write_all(conn, held)
                return work(conn)

            # aiosqlite runs every call on its single thread; `_execute` queues a callable
            # there. It is not public API, so tests/foundation/test_storage.py covers it.
            return await self.conn._execute(lambda: work_after_held(self.conn._conn))

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
    """Run `statements` and then `last` in one transaction; return the rows of `last`."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for sql, parameters in statements:
            conn.execute(sql, parameters)
        rows = conn.execute(*last).fetchall() if last is not None else []
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return rows
