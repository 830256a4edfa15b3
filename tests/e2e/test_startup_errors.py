"""Settings that only prove wrong at start: one line naming the setting, no traceback, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import BotFactory
from .fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e

WRONG_TOKEN = "987654321:WRONG_token_abcdefghijklmnopqrstuvwxyz"


def last_line(output: str) -> str:
    return output.strip().splitlines()[-1]


async def test_a_token_telegram_rejects_is_a_bad_setting(
    fake_api: FakeBotApi, bot_process: BotFactory
) -> None:
    bot = await bot_process(TELEGRAM_BOT_TOKEN=WRONG_TOKEN, LOG_LEVEL="INFO")
    assert await bot.wait(timeout=15) == 2
    output = bot.output()
    assert "Traceback" not in output
    assert last_line(output).startswith("Bad setting: TELEGRAM_BOT_TOKEN")
    assert WRONG_TOKEN not in output and WRONG_TOKEN.split(":")[1] not in output
    # The fake refused the wrong token as Telegram would: that is this test's point.
    assert fake_api.rejections
    fake_api.rejections.clear()


@pytest.mark.parametrize("where", ["a directory", "under a missing root"])
async def test_a_database_path_that_cannot_be_opened_is_a_bad_setting(
    bot_process: BotFactory, tmp_path: Path, where: str
) -> None:
    path = tmp_path if where == "a directory" else Path("/proc/no-such-dir/bot.sqlite3")
    bot = await bot_process(DATABASE_PATH=str(path), LOG_LEVEL="INFO")
    assert await bot.wait(timeout=15) == 2
    output = bot.output()
    assert "Traceback" not in output
    assert last_line(output).startswith("Bad setting: DATABASE_PATH")


async def test_an_unreachable_bot_api_is_one_line(bot_process: BotFactory) -> None:
    bot = await bot_process(TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot", LOG_LEVEL="INFO")
    assert await bot.wait(timeout=20) == 1
    output = bot.output()
    assert "Traceback" not in output
    assert "TELEGRAM_API_BASE_URL" in last_line(output)


async def test_a_database_of_a_newer_version_is_a_bad_setting(
    bot_process: BotFactory, tmp_path: Path
) -> None:
    """Walk Z: a file from a newer release (rolled back since) ended in a traceback."""
    import sqlite3
    from contextlib import closing

    path = tmp_path / "newer.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA user_version = 99")
    bot = await bot_process(DATABASE_PATH=str(path), LOG_LEVEL="INFO")
    assert await bot.wait(timeout=15) == 2
    output = bot.output()
    assert "Traceback" not in output
    line = last_line(output)
    assert line.startswith("Bad setting: DATABASE_PATH") and "newer version" in line


async def test_an_address_that_is_no_bot_api_names_the_url_too(
    fake_api: FakeBotApi, bot_process: BotFactory
) -> None:
    """Walk Z: a wrong path on the server (404) was blamed on the token alone."""
    base = fake_api.base_url.replace("/bot", "/robot")
    bot = await bot_process(TELEGRAM_API_BASE_URL=base, LOG_LEVEL="INFO")
    assert await bot.wait(timeout=15) == 2
    output = bot.output()
    line = last_line(output)
    assert line.startswith("Bad setting: TELEGRAM_BOT_TOKEN or TELEGRAM_API_BASE_URL"), line
    # Review AG: PTB's "Can not load invalid JSON data" came with a traceback before it.
    assert "Traceback" not in output
    fake_api.rejections.clear()


async def test_a_webhook_port_in_use_is_a_bad_setting(bot_process: BotFactory) -> None:
    """Review AG: a port in use (or an address that is none) ended in a traceback, after the
    webhook had been registered with Telegram."""
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        bot = await bot_process(
            WEBHOOK_URL="https://example.org/hook",
            WEBHOOK_SECRET_TOKEN="abc",
            WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(port),
            LOG_LEVEL="INFO",
        )
        assert await bot.wait(timeout=15) == 2
    output = bot.output()
    assert "Traceback" not in output
    assert last_line(output).startswith("Bad setting: WEBHOOK_LISTEN/WEBHOOK_PORT"), output
