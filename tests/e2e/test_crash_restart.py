"""kill -9 and restart over HTTP: the conversation goes on where it stopped, and every update is
handled exactly once whether the bot died after handling it or before."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

import pytest

from locales import get_translator

from .conftest import BotFactory, BotProcess
from .driver import UserDriver, in_chat, processed, until, until_handled
from .fake_bot_api import FakeBotApi
from .test_journeys import question_of

pytestmark = pytest.mark.e2e

# How long the fake holds a call: long enough to kill the bot while it waits.
HOLD = 2.0


def db_of(tmp_path: Path) -> Path:
    """The database file every bot process of a test shares."""
    return tmp_path / "bot.sqlite3"


async def crash(bot: BotProcess) -> None:
    """SIGKILL and wait for the process to be gone."""
    bot.kill()
    assert await bot.wait(timeout=5) == -9


async def restart(fake_api: FakeBotApi, bot_process: BotFactory) -> BotProcess:
    """Start a new bot process on the same database and wait until it polls."""
    bot = await bot_process()
    await bot.until_polling(fake_api)
    return bot


def step_number(text: str | None) -> int:
    """The question's number in its "5/14" counter."""
    found = re.search(r"(\d+)/\d+", text or "")
    assert found, text
    return int(found.group(1))


def delivered_ids(fake_api: FakeBotApi, since: int) -> set[int]:
    """The update ids getUpdates handed out from request `since` on."""
    return {
        update["update_id"]
        for record in fake_api.requests[since:]
        if record.method == "getUpdates" and record.ok
        for update in record.result
    }


def accepted_messages(fake_api: FakeBotApi, chat_id: int, since: int = 0) -> int:
    """How many messages the bot got into the chat from request `since` on."""
    return sum(
        1
        for record in fake_api.requests[since:]
        if in_chat(record, chat_id) and record.method == "sendMessage"
    )


async def test_a_conversation_continues_at_the_same_question_after_kill_9(
    fake_api: FakeBotApi, bot_process: BotFactory, tmp_path: Path
) -> None:
    tr = get_translator("ru")
    bot = await restart(fake_api, bot_process)
    driver = UserDriver(fake_api, db_of(tmp_path), 7101, "ru")
    await driver.send("/new")
    await driver.press(tr.gettext("No, it has not arrived"))
    await driver.press(tr.gettext("It is on its way, the tracking moves"))
    await driver.press(tr.gettext("No, not yet"))
    await driver.send("12 дней назад")
    assert question_of(driver) == "receipt_confirmed"
    before = step_number(driver.replies[-1].text)
    question_message = driver.screen()["message_id"]

    await crash(bot)
    bot = await restart(fake_api, bot_process)

    # The question from before the crash still works: its button answers it.
    await driver.press(tr.gettext("No, not yet"))
    assert question_of(driver) == "protection_end"
    assert driver.replies[-1].params["message_id"] == question_message

    await crash(bot)
    await restart(fake_api, bot_process)

    # /start offers to continue, and Continue shows the question where the user stopped.
    offer = await driver.send("/start")
    assert question_of(driver) is None and "▶️" in " ".join(driver.buttons()), offer
    await driver.press(tr.gettext("▶️ Continue"))
    assert question_of(driver) == "protection_end"
    shown = driver.replies[-1].text or ""
    assert tr.gettext("When does Buyer Protection end?") in shown
    assert step_number(shown) == before + 1, "the answers given before the crash still count"
    await driver.send("через 2 дня")
    assert question_of(driver) == "seller_contact"


async def test_updates_handled_before_a_kill_are_not_handled_again_when_redelivered(
    fake_api: FakeBotApi, bot_process: BotFactory, tmp_path: Path
) -> None:
    users = [7201, 7202, 7203]
    bot = await restart(fake_api, bot_process)
    # The bot's next getUpdates (the one that confirms these updates) is held until it dies.
    fake_api.slow_down("getUpdates", HOLD)
    pushed = [
        fake_api.push_update(fake_api.message(user, "/start", language_code="en")) for user in users
    ]
    ids = [update["update_id"] for update in pushed]
    await until_handled(db_of(tmp_path), ids)
    assert [accepted_messages(fake_api, user) for user in users] == [1, 1, 1]
    await crash(bot)
    assert fake_api.confirmed_offset <= min(ids), "the updates must still be unconfirmed"

    fake_api.slow_down("getUpdates", None)
    mark = fake_api.mark()
    await restart(fake_api, bot_process)
    await until(lambda: set(ids) <= delivered_ids(fake_api, mark), "the updates are redelivered")
    await until(lambda: fake_api.confirmed_offset > max(ids), "the restarted bot confirms")

    # Updates are handled in order: once the probe is answered, the redeliveries were seen.
    probe = UserDriver(fake_api, db_of(tmp_path), users[0], "en")
    await probe.send("/help")
    assert [accepted_messages(fake_api, user, since=mark) for user in users] == [1, 0, 0]


async def test_an_update_fetched_but_not_handled_before_a_kill_is_answered_once_after(
    fake_api: FakeBotApi, bot_process: BotFactory, tmp_path: Path
) -> None:
    user = 7301
    bot = await restart(fake_api, bot_process)
    fake_api.slow_down("getUpdates", HOLD)
    fake_api.slow_down("sendMessage", HOLD)
    update = fake_api.push_update(fake_api.message(user, "/start", language_code="ru"))
    # The bot is answering: its reply is on the wire, held by the server, when it is killed.
    held = await fake_api.wait_for("sendMessage", lambda r: r.chat_id == user)
    await crash(bot)
    assert processed(db_of(tmp_path), [update["update_id"]]) == set()

    fake_api.slow_down("getUpdates", None)
    fake_api.slow_down("sendMessage", None)
    mark = fake_api.mark()
    await restart(fake_api, bot_process)
    await until_handled(db_of(tmp_path), [update["update_id"]])
    await until(lambda: held.ok is not None, "the held reply of the dead bot is settled", HOLD + 2)
    assert held.ok is False, "the reply of the killed bot never reached the chat"
    assert accepted_messages(fake_api, user) == 1
    assert accepted_messages(fake_api, user, since=mark) == 1


async def test_a_batch_is_confirmed_only_after_it_was_handled_so_a_kill_loses_none(
    fake_api: FakeBotApi, bot_process: BotFactory, tmp_path: Path
) -> None:
    users = [7401, 7402, 7403]
    bot = await restart(fake_api, bot_process)
    # Three updates come in one getUpdates batch; the first reply is held by the server.
    fake_api.slow_down("sendMessage", HOLD, answer_late=True)
    pushed = [fake_api.push_update(fake_api.message(u, "/help", language_code="en")) for u in users]
    await fake_api.wait_for("sendMessage", lambda r: r.chat_id == users[0])
    # PTB would normally ask for the next batch at once, confirming all three before they are
    # handled; the bot must not confirm until the batch is handled.
    assert fake_api.confirmed_offset <= pushed[0]["update_id"]
    await crash(bot)
    fake_api.slow_down("sendMessage", None)

    await restart(fake_api, bot_process)
    ids = [u["update_id"] for u in pushed]
    await until_handled(db_of(tmp_path), ids)
    # The reply in flight at the kill may come twice; every other update is answered once.
    assert accepted_messages(fake_api, users[0]) in (1, 2)
    assert [accepted_messages(fake_api, u) for u in users[1:]] == [1, 1]


async def test_a_reply_hanging_at_sigterm_leaves_its_update_to_be_answered_after_the_restart(
    fake_api: FakeBotApi, bot_process: BotFactory, tmp_path: Path
) -> None:
    """Walk CB: a Bot API call hanging when SIGTERM came held the shutdown for 9 s and then
    confirmed the update it was answering, which a restart never saw again: no reply at all."""
    user = 7501
    bot = await restart(fake_api, bot_process)
    fake_api.slow_down("sendMessage", 8)  # longer than the bot's 5-second read timeout
    update = fake_api.push_update(fake_api.message(user, "/start", language_code="en"))
    await fake_api.wait_for("sendMessage", lambda r: r.chat_id == user)
    await asyncio.sleep(1)
    began = time.monotonic()
    bot.terminate()
    # The hanging call ends at its own timeout; nothing more is tried while stopping.
    assert await bot.wait(timeout=6) == 0, bot.output()
    assert time.monotonic() - began < 5, bot.output()
    assert fake_api.confirmed_offset <= update["update_id"]
    assert processed(db_of(tmp_path), [update["update_id"]]) == set()
    assert "handled again at the next start" in bot.output()

    fake_api.slow_down("sendMessage", None)
    mark = fake_api.mark()
    await restart(fake_api, bot_process)
    await until_handled(db_of(tmp_path), [update["update_id"]])
    assert accepted_messages(fake_api, user, since=mark) == 1
