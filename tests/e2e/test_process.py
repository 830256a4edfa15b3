"""`python -m bot` as a real process against the fake Bot API: greeting, languages, shutdown."""

from __future__ import annotations

import asyncio
import re

import pytest

from .conftest import BotFactory, BotProcess
from .fake_bot_api import FakeBotApi, RecordedRequest

pytestmark = pytest.mark.e2e

START_TIMEOUT = 15.0


def cyrillic_share(text: str) -> float:
    """The share of Cyrillic letters among all letters of a text."""
    letters = [char for char in text if char.isalpha()]
    return sum(bool(re.match(r"[а-яё]", c, re.IGNORECASE)) for c in letters) / max(len(letters), 1)


def visible_text(reply: RecordedRequest) -> str:
    """The message text and the button labels."""
    return " ".join([reply.text or "", *(button["text"] for button in reply.buttons)])


async def polling_bot(fake_api: FakeBotApi, bot_process: BotFactory) -> BotProcess:
    """Start the bot and wait until it polls for updates (post_init is done by then)."""
    bot = await bot_process()
    await bot.until_polling(fake_api, timeout=START_TIMEOUT)
    return bot


async def greet(fake_api: FakeBotApi, chat_id: int, language_code: str) -> RecordedRequest:
    """Send /start from a new user and return the bot's first message to them."""
    fake_api.push_update(fake_api.message(chat_id, "/start", language_code=language_code))
    return await fake_api.wait_for("sendMessage", lambda r: r.chat_id == chat_id)


async def test_start_in_russian_gets_a_russian_greeting_with_an_inline_menu(
    fake_api: FakeBotApi, bot_process: BotFactory
) -> None:
    await polling_bot(fake_api, bot_process)
    reply = await greet(fake_api, 1001, "ru")
    assert reply.buttons, "the greeting should carry the inline menu"
    assert all(
        "callback_data" in b or "url" in b or "switch_inline_query" in b for b in reply.buttons
    )
    assert cyrillic_share(visible_text(reply)) > 0.6, visible_text(reply)


async def test_start_in_english_gets_an_english_greeting_with_an_inline_menu(
    fake_api: FakeBotApi, bot_process: BotFactory
) -> None:
    await polling_bot(fake_api, bot_process)
    reply = await greet(fake_api, 1002, "en")
    assert reply.buttons, "the greeting should carry the inline menu"
    assert cyrillic_share(visible_text(reply)) == 0, visible_text(reply)


async def test_sigterm_exits_0_within_5_seconds_and_confirms_the_handled_update(
    fake_api: FakeBotApi, bot_process: BotFactory
) -> None:
    bot = await polling_bot(fake_api, bot_process)
    update = fake_api.push_update(fake_api.message(1003, "/start", language_code="en"))
    await fake_api.wait_for("sendMessage", lambda r: r.chat_id == 1003)
    bot.terminate()
    assert await bot.wait(timeout=5) == 0, bot.output()
    # PTB confirms what it handled on the way out, so a restart does not answer /start twice.
    assert fake_api.confirmed_offset > update["update_id"]


@pytest.mark.parametrize("second", ["SIGINT", "SIGTERM"])
async def test_a_second_stop_signal_while_stopping_is_ignored(
    fake_api: FakeBotApi, bot_process: BotFactory, second: str
) -> None:
    """Walk Z: two signals a few milliseconds apart (a supervisor signalling the process and
    its group, a double Ctrl-C) left the process hanging on the database thread for good."""
    import signal

    bot = await polling_bot(fake_api, bot_process)
    await greet(fake_api, 1010, "en")
    bot.process.send_signal(signal.SIGINT)
    bot.process.send_signal(getattr(signal, second))
    assert await bot.wait(timeout=5) == 0, bot.output()
    assert "database closed" in bot.output()


async def test_the_token_never_appears_in_the_output(
    fake_api: FakeBotApi, bot_process: BotFactory
) -> None:
    bot = await polling_bot(fake_api, bot_process)  # LOG_LEVEL=DEBUG: the most talkative
    await greet(fake_api, 1004, "ru")
    bot.terminate()
    await bot.wait(timeout=5)
    output = bot.output()
    assert "getUpdates" in output, "at DEBUG the bot should log its Bot API calls"
    secret = fake_api.token.split(":", 1)[1]
    assert secret not in output
    assert fake_api.token not in output


async def test_a_killed_bot_restarts_and_answers(
    fake_api: FakeBotApi, bot_process: BotFactory
) -> None:
    first = await polling_bot(fake_api, bot_process)
    await greet(fake_api, 1005, "en")
    first.kill()
    await first.wait(timeout=5)
    mark = fake_api.mark()
    second = await bot_process()
    await second.until_polling(fake_api, timeout=START_TIMEOUT)
    fake_api.push_update(fake_api.message(1005, "/start", language_code="en"))
    reply = await fake_api.wait_for("sendMessage", lambda r: r.chat_id == 1005, since=mark)
    assert reply.buttons


async def test_an_update_the_library_cannot_read_is_skipped_and_polling_goes_on(
    fake_api: FakeBotApi, bot_process: BotFactory
) -> None:
    bot = await polling_bot(fake_api, bot_process)
    unreadable = fake_api.message(1003, "poll", language_code="en")
    unreadable["message"].pop("text")
    unreadable["message"]["poll"] = {"id": "p", "question": "q"}  # required fields missing
    fake_api.push_update(unreadable)
    reply = await greet(fake_api, 1004, "en")  # an update after it is handled
    assert reply.buttons
    await asyncio.sleep(1.0)  # PTB's retry pause; a stuck loop would ask over and over
    polls = len(fake_api.calls("getUpdates"))
    assert polls < 20, f"{polls} getUpdates: polling is stuck on the unreadable update"
    log = bot.output()
    assert log.count("Error while parsing updates") <= 1
    assert f"update {unreadable['update_id']} cannot be read" in log
