"""/delete_my_data leaves nothing of the user behind; my_chat_member marks blocked users."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from storage import conversations, texts, users
from tests.orders.support import CYRILLIC, known_user, save
from tests.support.harness import BotHarness
from tests.support.recording import Call


def _shape(data: list[str]) -> set[str]:
    """Button data without the time a confirmation was shown (`del:yes:<time>`)."""
    return {":".join(d.split(":")[:2]) for d in data}


def _yes(ask: Call) -> str:
    """The "Yes, delete everything" data of a confirmation on screen."""
    return next(d for d in ask.button_data() if d.startswith("del:yes:"))


async def _tables_with_user_id(bot: BotHarness) -> list[str]:
    async with bot.runtime.db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ) as cursor:
        names = [row[0] for row in await cursor.fetchall()]
    found = []
    for name in names:
        async with bot.runtime.db.conn.execute(f"PRAGMA table_info({name})") as cursor:
            columns = {row[1] for row in await cursor.fetchall()}
        if "user_id" in columns:
            found.append(name)
    return found


async def _rows_of(bot: BotHarness, user_id: int) -> dict[str, int]:
    counts = {}
    for table in await _tables_with_user_id(bot):
        async with bot.runtime.db.conn.execute(
            f"SELECT COUNT(*) FROM {table} WHERE user_id = ?", (user_id,)
        ) as cursor:
            row = await cursor.fetchone()
        counts[table] = int(row[0])
    return counts


async def _add_reminder(bot: BotHarness, user_id: int, order_id: int) -> None:
    async with bot.runtime.db.transaction() as conn:
        await conn.execute(
            "INSERT INTO reminders (order_id, user_id, kind, deadline_on, offset_days, due_at)"
            " VALUES (?, ?, 'protection_ends', '2030-01-01', 1, ?)",
            (order_id, user_id, int(time.time()) + 3600),
        )


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_delete_my_data_leaves_no_row_behind(bot: BotHarness, lang: str) -> None:
    user = await known_user(bot, 300, lang)
    other = await known_user(bot, 301, lang)
    for item in ("Lamp", "Cable"):
        view = await save(bot, user, item=item)
        await _add_reminder(bot, 300, view.order.id)
    archived = await save(bot, user, item="Old")
    async with bot.runtime.db.transaction() as conn:
        await conn.execute(
            "UPDATE orders SET status = 'archived' WHERE id = ?", (archived.order.id,)
        )
    kept = await save(bot, other, item="Not mine")
    await _add_reminder(bot, 301, kept.order.id)
    await texts.save(bot.runtime.db, 300, {"dispute": {"en": "Hello", "ru": "Привет"}})
    await conversations.save(bot.runtime.db, 300, "q", {"x": 1}, order_id=view.order.id)
    before = await _rows_of(bot, 300)
    assert {"users", "orders", "reminders", "conversations", "latest_texts"} <= set(before)
    assert all(before[t] > 0 for t in ("users", "orders", "reminders", "conversations"))
    other_before = await _rows_of(bot, 301)

    await bot.send_text(300, "/delete_my_data", lang=lang)
    ask = bot.last()
    assert _shape(ask.button_data()) == {"del:yes", "del:no"}
    assert "3" in ask.text and bool(CYRILLIC.search(ask.text)) == (lang == "ru")
    await bot.press(300, "del:no", lang=lang)
    assert await _rows_of(bot, 300) == before

    await bot.press(300, _yes(ask), lang=lang)
    assert bot.last().text and bool(CYRILLIC.search(bot.last().text)) == (lang == "ru")
    after = await _rows_of(bot, 300)
    assert set(after) == set(before) and not any(after.values()), after
    assert await _rows_of(bot, 301) == other_before, "nobody else's data is touched"
    assert len(bot.answered_callbacks()) == 2


async def test_delete_confirmed_on_a_message_that_cannot_be_edited_says_done(
    bot: BotHarness,
) -> None:
    # Walk F: the data went, then "something went wrong" and a second answer to the press.
    await known_user(bot, 303, "en")
    bot.request.fail_with["editMessageText"] = (
        400,
        {"ok": False, "error_code": 400, "description": "Bad Request: message can't be edited"},
    )
    await bot.press(303, f"del:yes:{int(time.time())}", lang="en")
    assert await users.get(bot.runtime.db, 303) is None
    done = bot.last("sendMessage")
    assert "Done: I deleted your orders" in done.text
    assert "went wrong" not in done.text
    assert len(bot.answered_callbacks()) == 1


@pytest.mark.parametrize("data", ["del:maybe", "del:no:1", "del:yes:x", "del:ask:1"])
async def test_forged_delete_data_is_refused(bot: BotHarness, data: str) -> None:
    await known_user(bot, 302, "en")
    await bot.press(302, data, lang="en")
    assert await users.get(bot.runtime.db, 302) is not None
    assert "out of date" in bot.last().text and bot.answered_callbacks()


@pytest.mark.parametrize("age", ["old button", "expired", "from the future", "order saved since"])
async def test_a_yes_that_no_longer_confirms_what_it_asked_asks_again(
    bot: BotHarness, age: str
) -> None:
    """Walk AM: an old "Yes, delete everything" deleted an order saved after it was shown."""
    user = await known_user(bot, 305, "en")
    now = int(time.time())
    data = {
        "old button": "del:yes",
        "expired": f"del:yes:{now - 11 * 60}",
        "from the future": f"del:yes:{now + 3600}",
        "order saved since": f"del:yes:{now - 60}",
    }[age]
    if age == "order saved since":
        await save(bot, user, item="Saved after the question")
    await bot.press(305, data, lang="en")
    assert await users.get(bot.runtime.db, 305) is not None, "nothing is deleted"
    assert bot.answered_callbacks()[-1].params["text"] == (
        "This question is out of date: please confirm again."
    )
    again = bot.last("editMessageText")
    assert again.text.startswith("Delete everything I store about you?")
    fresh = _yes(again)
    assert now <= int(fresh.split(":")[2]) <= int(time.time())
    await bot.press(305, fresh, lang="en")
    assert await users.get(bot.runtime.db, 305) is None


async def test_keeping_my_data_offers_the_questionnaire_in_progress(bot: BotHarness) -> None:
    """Walk AM: "Nothing was deleted." showed the menu without "Continue the questionnaire"."""
    await known_user(bot, 306, "en")
    await bot.send_text(306, "/new", lang="en")
    await bot.press(306, "q:received:c:no", lang="en")
    await bot.send_text(306, "/delete_my_data", lang="en")
    await bot.press(306, "del:no", lang="en")
    assert "q:resume" in bot.last().button_data()


def _member(status: str) -> dict:
    member: dict = {"status": status, "user": {"id": 7000001, "is_bot": True, "first_name": "B"}}
    if status == "kicked":
        member["until_date"] = 0  # forever
    return member


def _member_update(bot: BotHarness, user_id: int, old: str, new: str) -> dict:
    change = {
        "chat": {"id": user_id, "type": "private", "first_name": "Test"},
        "from": bot.user(user_id, "en"),
        "date": int(time.time()),
        "old_chat_member": _member(old),
        "new_chat_member": _member(new),
    }
    return {"my_chat_member": change}


async def test_blocking_and_unblocking_the_bot(bot: BotHarness) -> None:
    await known_user(bot, 303, "en")
    await bot.process(_member_update(bot, 303, "member", "kicked"))
    user = await users.get(bot.runtime.db, 303)
    assert user is not None and user.blocked
    await bot.process(_member_update(bot, 303, "kicked", "member"))
    user = await users.get(bot.runtime.db, 303)
    assert user is not None and not user.blocked
    assert not bot.request.sent("sendMessage")[1:], "nothing is sent to a blocking user"


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_delete_my_data_without_orders_does_not_count_zero_orders(
    bot: BotHarness, lang: str
) -> None:
    await known_user(bot, 302, lang)
    await bot.send_text(302, "/delete_my_data", lang=lang)
    ask = bot.last()
    assert _shape(ask.button_data()) == {"del:yes", "del:no"}
    assert "0" not in ask.text and bool(CYRILLIC.search(ask.text)) == (lang == "ru")


async def test_deleted_data_is_gone_from_the_files_too(bot: BotHarness, db_path: Path) -> None:
    """Walk K: the deleted rows stayed readable in the -wal file until a checkpoint."""
    user = await known_user(bot, 304, "en")
    marker = "ZZ-secret-item-8123456789012345"
    await save(bot, user, item=marker)
    await texts.save(bot.runtime.db, 304, {"dispute": {"en": f"About {marker}"}})
    files = [db_path, db_path.with_name(db_path.name + "-wal")]
    assert any(marker.encode() in f.read_bytes() for f in files if f.exists())
    await bot.send_text(304, "/delete_my_data", lang="en")
    await bot.press(304, _yes(bot.last()), lang="en")
    for file in files:
        if file.exists():
            assert marker.encode() not in file.read_bytes(), file.name


async def test_settings_offer_to_delete_my_data(bot: BotHarness) -> None:
    """Walk AJ: deleting one's data was reachable only by typing /delete_my_data."""
    user = await known_user(bot, 304, "en")
    await save(bot, user, item="Lamp")
    await bot.press(304, "m:settings", lang="en")
    assert "del:ask" in bot.last().button_data()
    await bot.press(304, "del:ask", lang="en")
    ask = bot.last()
    assert _shape(ask.button_data()) == {"del:yes", "del:no"} and "1" in ask.text
    await bot.press(304, _yes(ask), lang="en")
    assert await users.get(bot.runtime.db, 304) is None
