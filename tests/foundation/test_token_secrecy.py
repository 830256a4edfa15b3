"""The bot token never appears in log output, even from httpx or in tracebacks."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from telegram import Bot
from telegram.error import TelegramError

from bot.logging_setup import configure_logging
from tests.support.harness import TEST_TOKEN


@pytest.fixture
async def local_api() -> AsyncIterator[str]:
    """A tiny local Bot API: getMe works, everything else fails with an error."""

    async def handle(request: web.Request) -> web.Response:
        if request.match_info["method"] == "getMe":
            return web.json_response(
                {
                    "ok": True,
                    "result": {"id": 1, "is_bot": True, "first_name": "B", "username": "b"},
                }
            )
        return web.json_response(
            {"ok": False, "error_code": 400, "description": "Bad Request"}, status=400
        )

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}/bot"
    finally:
        await runner.cleanup()


async def test_token_not_in_logs_of_real_requests(
    local_api: str, capfd: pytest.CaptureFixture[str]
) -> None:
    configure_logging("DEBUG", secrets=(TEST_TOKEN,))
    # Even if someone turns httpx's request logging back on, the formatter redacts the URL.
    logging.getLogger("httpx").setLevel(logging.DEBUG)
    try:
        async with Bot(TEST_TOKEN, base_url=local_api) as bot:
            await bot.get_me()
            with pytest.raises(TelegramError):
                await bot.send_message(1, "hi")
        logging.getLogger("test").info("about to fail with %s", f"{local_api}{TEST_TOKEN}/getMe")
        try:
            raise RuntimeError(f"request to {local_api}{TEST_TOKEN}/sendMessage failed")
        except RuntimeError:
            logging.getLogger("test").exception("boom")
    finally:
        logging.getLogger().handlers.clear()
    out, err = capfd.readouterr()
    output = out + err
    assert "getMe" in output, "the run should have produced request logs"
    assert "[REDACTED]" in output
    assert TEST_TOKEN not in output
    assert TEST_TOKEN.split(":")[1] not in output


def test_settings_repr_hides_token() -> None:
    from tests.support.harness import make_settings

    settings = make_settings("bot.sqlite3")  # never opened
    assert TEST_TOKEN not in repr(settings) and TEST_TOKEN not in str(settings.model_dump())


def test_a_network_error_quoting_the_token_is_printed_redacted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from telegram.error import NetworkError

    import bot.__main__ as entry

    def unreachable(_settings: object) -> None:
        # As httpx words a URL whose port ran into the token (a base URL without "/bot").
        raise NetworkError(f"InvalidURL(\"Invalid port: '46449{TEST_TOKEN}'\")")

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "bot.sqlite3"))
    monkeypatch.setattr(entry, "run", unreachable)
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    assert entry.main() == 1
    err = capsys.readouterr().err
    assert "Cannot reach the Bot API at TELEGRAM_API_BASE_URL" in err
    assert TEST_TOKEN not in err and TEST_TOKEN.split(":")[1] not in err
    assert "[REDACTED]" in err


def test_redact_removes_a_token_glued_to_other_digits() -> None:
    from bot.logging_setup import REDACTED, redact

    text = redact(f"port 46449{TEST_TOKEN} and again {TEST_TOKEN}", (TEST_TOKEN,))
    assert TEST_TOKEN.split(":")[1] not in text and text.count(REDACTED) == 2


def test_a_job_cancelled_at_shutdown_is_one_info_line(capsys: pytest.CaptureFixture[str]) -> None:
    """The scheduler logs a job cancelled at shutdown as an error with a traceback."""
    import asyncio

    configure_logging("INFO")
    try:
        raise asyncio.CancelledError
    except asyncio.CancelledError:
        logging.getLogger("apscheduler.executors.default").error(
            "Error running job %s", "sweep", exc_info=True
        )
    logging.getLogger("apscheduler.executors.default").error("Error running job %s", "other")
    err = capsys.readouterr().err
    assert (
        "INFO apscheduler.executors.default: Error running job sweep: cancelled at shutdown" in err
    )
    assert "Traceback" not in err
    assert "ERROR apscheduler.executors.default: Error running job other" in err
