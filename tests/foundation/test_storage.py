"""Storage: migrations, transactions and durability on real SQLite files."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage import conversations, orders, texts, updates, users
from storage.db import Database, migrations

TABLES = {"users", "orders", "reminders", "conversations", "latest_texts", "processed_updates"}


async def table_names(db: Database) -> set[str]:
    async with db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'") as cursor:
        return {row[0] for row in await cursor.fetchall()}


async def test_migrations_from_empty_file_and_rerun_is_noop(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "bot.sqlite3"
    db = await Database.open(path)
    try:
        latest = len(migrations())
        assert await db.schema_version() == latest
        assert TABLES <= await table_names(db)
        assert await db.migrate() == latest
        assert await db.schema_version() == latest
    finally:
        await db.close()
    reopened = await Database.open(path)
    try:
        assert await reopened.schema_version() == latest
    finally:
        await reopened.close()


async def test_pragmas(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        async with db.conn.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"
        async with db.conn.execute("PRAGMA foreign_keys") as cursor:
            assert (await cursor.fetchone())[0] == 1
        async with db.conn.execute("PRAGMA busy_timeout") as cursor:
            assert (await cursor.fetchone())[0] >= 1000
    finally:
        await db.close()


async def test_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        await users.upsert_seen(db, 1, 1, "ru")
        with pytest.raises(RuntimeError):
            async with db.transaction() as conn:
                await orders.create(conn, 1, {"today": "2026-11-22", "received": True})
                await conn.execute("UPDATE users SET language = 'en' WHERE user_id = 1")
                raise RuntimeError("boom in the middle")
        assert await orders.count_for_user(db, 1) == 0
        user = await users.get(db, 1)
        assert user is not None and user.language is None
    finally:
        await db.close()


async def test_foreign_key_violation_rolls_back_whole_transaction(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:
        await users.upsert_seen(db, 1, 1, "ru")
        with pytest.raises(Exception, match="FOREIGN KEY"):
            async with db.transaction() as conn:
                await orders.create(conn, 1, {"x": 1})
                await orders.create(conn, 999, {"x": 2})  # no such user
        assert await orders.count_for_user(db, 1) == 0
    finally:
        await db.close()


async def test_data_survives_close_and_reopen(db_path: Path) -> None:
    db = await Database.open(db_path)
    await users.upsert_seen(db, 5, 50, "en")
    await users.set_language(db, 5, "ru")
    await users.set_timezone(db, 5, "Asia/Almaty")
    async with db.transaction() as conn:
        order_id = await orders.create(conn, 5, {"today": "2026-11-22"}, label="earbuds")
    await conversations.save(db, 5, "q", {"answers": {"received": False}}, message_id=7)
    await texts.save(db, 5, {"dispute": {"en": "Hello", "ru": "Привет"}})
    await updates.mark_processed(db, 42)
    await db.close()

    db = await Database.open(db_path)
    try:
        user = await users.get(db, 5)
        assert user is not None
        assert (user.language, user.timezone, user.chat_id) == ("ru", "Asia/Almaty", 50)
        order = await orders.get_for_user(db, order_id, 5)
        assert order is not None and order.label == "earbuds"
        assert await orders.get_for_user(db, order_id, 6) is None
        conversation = await conversations.get(db, 5)
        assert conversation is not None and conversation.state["answers"] == {"received": False}
        assert [t.body for t in await texts.latest(db, 5)] == ["Hello", "Привет"]
        assert await updates.was_processed(db, 42)
    finally:
        await db.close()


async def test_deleting_user_cascades(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:
        await users.upsert_seen(db, 7, 7, "ru")
        async with db.transaction() as conn:
            await orders.create(conn, 7, {"a": 1})
        await conversations.save(db, 7, "q", {})
        await texts.save(db, 7, {"dispute": {"en": "x"}})
        await users.delete(db, 7)
        for table in ("users", "orders", "conversations", "latest_texts", "reminders"):
            async with db.conn.execute(f"SELECT COUNT(*) FROM {table}") as cursor:
                assert (await cursor.fetchone())[0] == 0, table
    finally:
        await db.close()


async def test_memory_database_for_unit_tests() -> None:
    db = await Database.open(":memory:")
    try:
        assert TABLES <= await table_names(db)
    finally:
        await db.close()


async def test_run_executes_several_statements_in_one_trip(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:

        def work(conn):  # type: ignore[no-untyped-def]
            conn.execute("INSERT INTO users (user_id, created_at, updated_at) VALUES (77, 1, 1)")
            return conn.execute("SELECT COUNT(*) FROM users").fetchone()[0]

        assert await db.run(work) == 1
        assert await users.get(db, 77) is not None
    finally:
        await db.close()


async def test_begin_update_skips_processed_and_writes_only_on_change(db_path: Path) -> None:
    from storage import session

    db = await Database.open(db_path)
    try:
        first = await session.begin_update(db, 1, 9, 9, "ru")
        assert not first.already_processed and first.user is not None
        assert first.conversation is None
        await conversations.save(db, 9, "q", {"a": 1})
        again = await session.begin_update(db, 2, 9, 9, "ru")
        assert again.user is not None and again.user.updated_at == first.user.updated_at
        assert again.conversation is not None and again.conversation.state == {"a": 1}
        await users.set_blocked(db, 9, True)
        # A message in a group (no private chat id) does not show the bot was unblocked.
        in_group = await session.begin_update(db, 4, 9, None, "en")
        assert in_group.user is not None and in_group.user.blocked
        back = await session.begin_update(db, 3, 9, 9, "en")
        assert back.user is not None and not back.user.blocked
        assert back.user.telegram_language == "en"
        await updates.mark_processed(db, 3)
        assert (await session.begin_update(db, 3, 9, 9, "en")).already_processed
    finally:
        await db.close()


async def test_conversation_cache_follows_writes(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:
        await users.upsert_seen(db, 4, 4, "ru")
        conversations.remember(4, None)
        await conversations.save(db, 4, "q", {"step": 2}, message_id=5)
        cached = await conversations.get(db, 4)
        assert cached is not None and cached.state == {"step": 2} and cached.message_id == 5
        await conversations.clear(db, 4)
        assert await conversations.get(db, 4) is None
        conversations.forget()
        assert await conversations.get(db, 4) is None
    finally:
        conversations.forget()
        await db.close()


async def test_an_order_saved_before_migration_3_upgrades_with_nothing_to_undo(
    tmp_path: Path,
) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    for number, _name, sql in migrations()[:2]:  # the schema of the previous release
        old.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
    old.execute("INSERT INTO users (user_id, created_at, updated_at) VALUES (7, 0, 0)")
    old.execute(
        "INSERT INTO orders (id, user_id, situation, created_at, updated_at)"
        " VALUES (1, 7, '{\"received\": true}', 0, 0)"
    )
    old.commit()
    old.close()
    db = await Database.open(path)
    try:
        assert await db.schema_version() == len(migrations())
        order = await orders.get_for_user(db, 1, 7)
        assert order is not None and order.undo is None and order.situation == {"received": True}
    finally:
        await db.close()
