"""Database work queued by updates handled at the same time shares one trip to its thread."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator

import pytest

from storage.db import Database, TripEnded


@pytest.fixture
async def db() -> AsyncIterator[Database]:
    database = await Database.open(":memory:")
    await database.write("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)")
    try:
        yield database
    finally:
        await database.close()


def count_trips(db: Database) -> list[int]:
    """Count trips to the database thread from now on (the returned list holds the count)."""
    trips = [0]
    original = db.conn._execute

    async def counting(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        trips[0] += 1
        return await original(fn, *args, **kwargs)

    db.conn._execute = counting  # type: ignore[method-assign]
    return trips


async def test_work_queued_together_shares_one_trip_in_order(db: Database) -> None:
    trips = count_trips(db)
    results = await asyncio.gather(
        *(
            db.write("INSERT INTO t (k, v) VALUES (?, ?) RETURNING k", (k, f"v{k}"))
            for k in range(20)
        ),
        db.run(lambda conn: conn.execute("SELECT count(*) FROM t").fetchone()[0]),
    )
    assert trips[0] == 1
    assert [rows[0][0] for rows in results[:20]] == list(range(20))
    assert results[20] == 20  # queued last, it sees every insert before it


async def test_a_failing_work_fails_alone(db: Database) -> None:
    good, bad, after = await asyncio.gather(
        db.write("INSERT INTO t (k, v) VALUES (1, 'a')"),
        db.write("INSERT INTO t (k, v) VALUES (2, NULL)"),
        db.write("INSERT INTO t (k, v) VALUES (3, 'c')"),
        return_exceptions=True,
    )
    assert isinstance(bad, sqlite3.IntegrityError)
    assert good == [] and after == []
    rows = await db.conn.execute_fetchall("SELECT k FROM t ORDER BY k")
    assert [row[0] for row in rows] == [1, 3]


async def test_a_failing_work_is_undone_whole_and_the_rest_of_its_trip_kept(db: Database) -> None:
    def half_done(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO t (k, v) VALUES (5, 'first of two')")
        conn.execute("INSERT INTO t (k, v) VALUES (6, NULL)")  # fails: v is NOT NULL

    before, failed, after = await asyncio.gather(
        db.write("INSERT INTO t (k, v) VALUES (4, 'a')"),
        db.run(half_done),
        db.write("INSERT INTO t (k, v) VALUES (7, 'b')"),
        return_exceptions=True,
    )
    assert isinstance(failed, sqlite3.IntegrityError)
    assert before == [] and after == []
    rows = await db.conn.execute_fetchall("SELECT k FROM t ORDER BY k")
    assert [row[0] for row in rows] == [4, 7]  # nothing of the failed work is kept


async def test_a_trip_commits_once_for_all_its_work(db: Database) -> None:
    statements: list[str] = []
    await db.conn.set_trace_callback(statements.append)
    await asyncio.gather(
        *(db.write("INSERT INTO t (k, v) VALUES (?, 'x')", (k,)) for k in range(10))
    )
    await db.conn.set_trace_callback(None)
    assert statements.count("COMMIT") == 1
    rows = await db.conn.execute_fetchall("SELECT count(*) FROM t")
    assert rows[0][0] == 10


async def test_work_that_begins_a_transaction_itself_fails_alone(db: Database) -> None:
    def careless(conn: sqlite3.Connection) -> int:
        conn.execute("INSERT INTO t (k, v) VALUES (9, 'x')")
        conn.execute("BEGIN IMMEDIATE")
        return 1

    outcome, after = await asyncio.gather(
        db.run(careless),
        db.write("INSERT INTO t (k, v) VALUES (10, 'y')"),
        return_exceptions=True,
    )
    assert isinstance(outcome, sqlite3.OperationalError)
    assert after == []
    rows = await db.conn.execute_fetchall("SELECT k FROM t ORDER BY k")
    assert [row[0] for row in rows] == [10]


@pytest.mark.parametrize("ending", ["COMMIT", "ROLLBACK"])
async def test_work_that_ends_the_trips_transaction_fails_its_whole_trip(
    db: Database, ending: str
) -> None:
    def careless(conn: sqlite3.Connection) -> int:
        conn.execute(ending)
        return 1

    outcomes = await asyncio.gather(
        db.write("INSERT INTO t (k, v) VALUES (1, 'before')"),
        db.run(careless),
        db.write("INSERT INTO t (k, v) VALUES (2, 'after')"),
        return_exceptions=True,
    )
    # Whether the work before it was kept is unknown to the trip: no one may hear "done".
    assert all(isinstance(outcome, TripEnded) for outcome in outcomes)
    # The next trip works: its BEGIN would fail if a transaction had been left open.
    assert await db.run(lambda conn: 2) == 2


async def test_a_transaction_in_progress_keeps_queued_work_out_until_it_commits(
    db: Database,
) -> None:
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO t (k, v) VALUES (1, 'in the transaction')")
        queued = asyncio.create_task(
            db.run(lambda c: c.execute("SELECT count(*) FROM t").fetchone()[0])
        )
        await asyncio.sleep(0.01)
        assert not queued.done()
    assert await queued == 1


async def test_work_queued_on_a_closed_database_fails_instead_of_hanging() -> None:
    database = await Database.open(":memory:")
    await database.close()
    with pytest.raises((ValueError, sqlite3.ProgrammingError)):
        await asyncio.wait_for(database.run(lambda conn: 1), 5)


async def test_a_trip_cancelled_at_shutdown_cancels_its_waiting_work(db: Database) -> None:
    started = asyncio.Event()
    release = asyncio.Event()
    loop = asyncio.get_running_loop()

    def slow(conn: sqlite3.Connection) -> int:
        loop.call_soon_threadsafe(started.set)
        asyncio.run_coroutine_threadsafe(release.wait(), loop).result(5)
        return 1

    waiting = asyncio.create_task(db.run(slow))
    await asyncio.wait_for(started.wait(), 5)
    trip = db._trip
    assert trip is not None
    trip.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    release.set()
    await asyncio.sleep(0.05)
    assert await db.run(lambda conn: 2) == 2  # a later trip works
