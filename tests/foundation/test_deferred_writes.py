"""An update's conversation writes go with its next write: one transaction, one trip."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Update

from storage import deferred
from storage.db import Database
from tests.conversation.support import conversation_of, message_id, question_id, walk
from tests.support.harness import BotHarness


@pytest.fixture
async def db() -> AsyncIterator[Database]:
    database = await Database.open(":memory:")
    await database.write("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)")
    try:
        yield database
    finally:
        deferred.close_unit()
        await database.close()


async def values(db: Database) -> dict[str, int]:
    return {row[0]: row[1] for row in await db.conn.execute_fetchall("SELECT k, v FROM t")}


async def test_outside_an_update_nothing_is_held_back(db: Database) -> None:
    assert deferred.defer("k", "INSERT INTO t VALUES ('a', 1)", ()) is False
    assert await values(db) == {}


async def test_held_back_writes_go_first_with_the_next_write_and_the_latest_per_key_wins(
    db: Database,
) -> None:
    deferred.open_unit()
    assert deferred.defer("row-a", "INSERT OR REPLACE INTO t VALUES ('a', ?)", (1,))
    assert deferred.defer("row-a", "INSERT OR REPLACE INTO t VALUES ('a', ?)", (2,))
    assert await values(db) == {}  # nothing written yet
    rows = await db.write("INSERT INTO t VALUES ('b', 3) RETURNING v")
    assert [row[0] for row in rows] == [3]
    assert await values(db) == {"a": 2, "b": 3}
    assert deferred.close_unit() == []


async def test_a_failing_write_takes_the_held_back_ones_with_it(db: Database) -> None:
    deferred.open_unit()
    deferred.defer("row-a", "INSERT INTO t VALUES ('a', 1)", ())
    with pytest.raises(sqlite3.IntegrityError):
        await db.write("INSERT INTO t VALUES ('b', NULL)")  # NOT NULL fails
    assert await values(db) == {}  # one transaction: neither is kept


async def test_run_and_transaction_write_the_held_back_ones_first(db: Database) -> None:
    deferred.open_unit()
    deferred.defer("a", "INSERT INTO t VALUES ('a', 1)", ())
    seen = await db.run(lambda conn: conn.execute("SELECT count(*) FROM t").fetchone()[0])
    assert seen == 1
    deferred.defer("b", "INSERT INTO t VALUES ('b', 2)", ())
    async with db.transaction() as conn:
        rows = await conn.execute_fetchall("SELECT v FROM t WHERE k = 'b'")
        assert [row[0] for row in rows] == [2]


async def test_a_button_press_costs_two_database_trips(bot: BotHarness) -> None:
    await walk(bot, 700, "en", ["/new"])
    shown = await message_id(bot, 700)
    trips = 0
    conn = bot.runtime.db.conn
    original = conn._execute

    async def counting(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal trips
        trips += 1
        return await original(fn, *args, **kwargs)

    conn._execute = counting  # type: ignore[method-assign]
    try:
        await bot.press(700, "q:received:c:no", "en", message_id=shown)
    finally:
        conn._execute = original  # type: ignore[method-assign]
    # The update's start (skip check, user, conversation) and its end (state, handled mark).
    assert trips == 2
    stored = await conversation_of(bot, 700)
    assert stored is not None and stored.state["history"] == ["received"]


async def test_when_the_handled_mark_cannot_be_written_the_state_is_not_kept_either(
    bot: BotHarness, db_path: Path
) -> None:
    await walk(bot, 701, "en", ["/new"])
    before = await conversation_of(bot, 701)
    assert before is not None
    await bot.runtime.db.conn.execute(
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON processed_updates"
        " BEGIN SELECT RAISE(ABORT, 'disk is full'); END"
    )
    payload = {
        "update_id": 99_001,
        "callback_query": {
            "id": "cq-99001",
            "from": {"id": 701, "is_bot": False, "first_name": "T", "language_code": "en"},
            "chat_instance": "ci",
            "data": "q:received:c:no",
            "message": {
                "message_id": before.message_id,
                "date": 0,
                "chat": {"id": 701, "type": "private"},
                "from": {"id": 1, "is_bot": True, "first_name": "Bot"},
                "text": "q",
            },
        },
    }
    await bot.app.process_update(Update.de_json(payload, bot.app.bot))
    after_failure = await conversation_of(bot, 701)
    assert after_failure is not None and after_failure.state == before.state
    # Telegram delivers the unconfirmed update again: handled from the kept state, once.
    await bot.runtime.db.conn.execute("DROP TRIGGER refuse")
    bot.request.clear()
    await bot.app.process_update(Update.de_json(payload, bot.app.bot))
    assert question_id(bot.last()) == "delivery_status"
    stored = await conversation_of(bot, 701)
    assert stored is not None and stored.state["history"] == ["received"]
    bot.request.clear()
    await bot.app.process_update(Update.de_json(payload, bot.app.bot))
    assert bot.request.sent() == []  # a third delivery is skipped


async def test_when_telegram_fails_to_show_the_next_question_the_answer_is_still_kept(
    bot: BotHarness,
) -> None:
    await walk(bot, 702, "en", ["/new"])
    shown = await message_id(bot, 702)
    bot.request.fail_with["editMessageText"] = (502, {"ok": False, "description": "Bad Gateway"})
    bot.request.clear()
    update = await bot.press(702, "q:received:c:no", "en", message_id=shown)
    sorry = bot.last("sendMessage")
    assert "Nothing you entered is lost" in sorry.text
    stored = await conversation_of(bot, 702)
    assert stored is not None and stored.state["history"] == ["received"]
    rows = await bot.runtime.db.conn.execute_fetchall(
        "SELECT 1 FROM processed_updates WHERE update_id = ?", (update.update_id,)
    )
    assert list(rows)  # handled (with its error): a redelivery is not answered again
