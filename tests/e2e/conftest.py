"""Fixtures of the end-to-end tests: the fake Bot API and the real bot as a subprocess."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import IO, Any

import pytest

from .fake_bot_api import FakeBotApi

REPO_ROOT = Path(__file__).resolve().parents[2]
_PROCESSES = pytest.StashKey[list["BotProcess"]]()
_FAKE_API = pytest.StashKey[FakeBotApi]()
# Only what a Python process needs from the outer environment: never a developer's real
# TELEGRAM_BOT_TOKEN, WEBHOOK_URL or proxy settings (httpx would send 127.0.0.1 through a proxy).
_PASSED_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT", "VIRTUAL_ENV")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: end-to-end test of the bot process or the fake API")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Any:  # a failing test shows the bot's output and the last Bot API requests
    report = yield
    if report.failed:
        for process in item.stash.get(_PROCESSES, []):
            report.sections.append((f"bot process output ({process.log_path})", process.output()))
        api = item.stash.get(_FAKE_API, None)
        if api is not None:
            recent = "\n".join(str(request) for request in api.requests[-30:])
            report.sections.append(("fake Bot API: last requests", recent))
    return report


class BotProcess:
    """`python -m bot` running against the fake Bot API, its output going to a log file."""

    def __init__(
        self, process: asyncio.subprocess.Process, log_path: Path, log: IO[bytes], start_mark: int
    ) -> None:
        self.process = process
        self.log_path = log_path
        self.start_mark = start_mark  # requests before this index came from earlier processes
        self._log = log

    @property
    def pid(self) -> int:
        """The process id."""
        return self.process.pid

    @property
    def returncode(self) -> int | None:
        """The exit code, or None while it runs."""
        return self.process.returncode

    def kill(self) -> None:
        """SIGKILL: a crash, nothing gets to clean up."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        """SIGTERM: what systemd and docker send to stop the bot."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)

    async def wait(self, timeout: float = 10.0) -> int:  # noqa: ASYNC109 (asked-for API)
        """Wait for the exit and return the exit code; fail the test after `timeout` seconds."""
        try:
            async with asyncio.timeout(timeout):
                return await self.process.wait()
        except TimeoutError:
            raise AssertionError(
                f"the bot (pid {self.pid}) did not exit within {timeout} s"
            ) from None

    async def until_polling(self, api: FakeBotApi, timeout: float = 15.0) -> None:  # noqa: ASYNC109
        """Wait until the bot long-polls the fake (start-up done); fail at once if it exits."""
        polling = asyncio.ensure_future(
            api.wait_for("getUpdates", timeout=timeout, since=self.start_mark)
        )
        exited = asyncio.ensure_future(self.process.wait())
        await asyncio.wait({polling, exited}, return_when=asyncio.FIRST_COMPLETED)
        exited.cancel()
        if not polling.done():
            polling.cancel()
            raise AssertionError(f"the bot exited with {self.returncode} before polling")
        polling.result()

    def output(self) -> str:
        """Everything the process wrote to stdout and stderr so far."""
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")


BotFactory = Callable[..., Awaitable[BotProcess]]


@pytest.fixture
async def fake_api(request: pytest.FixtureRequest) -> AsyncIterator[FakeBotApi]:
    """A started fake Bot API; the test fails if it rejected any request."""
    api = FakeBotApi()
    await api.start()
    request.node.stash[_FAKE_API] = api
    try:
        yield api
    finally:
        await api.stop()
    api.assert_no_rejections()


@pytest.fixture
async def bot_process(
    fake_api: FakeBotApi, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[BotFactory]:
    """Factory: `await bot_process(**env_overrides)` starts `python -m bot` in tmp_path."""
    processes: list[BotProcess] = []
    request.node.stash[_PROCESSES] = processes
    logs: list[IO[bytes]] = []

    async def start(**overrides: str) -> BotProcess:
        env = {name: os.environ[name] for name in _PASSED_ENV if name in os.environ}
        env.update(
            PYTHONPATH=str(REPO_ROOT),
            PYTHONUNBUFFERED="1",
            NO_PROXY="127.0.0.1,localhost",
            TELEGRAM_BOT_TOKEN=fake_api.token,
            TELEGRAM_API_BASE_URL=fake_api.base_url,
            TELEGRAM_API_FILE_URL=fake_api.file_url,
            DATABASE_PATH=str(tmp_path / "bot.sqlite3"),
            LOG_LEVEL="DEBUG",
            REMINDER_SWEEP_SECONDS="1",
            QUIET_HOURS="",
        )
        env.update(overrides)
        log_path = tmp_path / f"bot-{len(processes) + 1}.log"
        log = log_path.open("wb")
        logs.append(log)
        start_mark = fake_api.mark()
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=tmp_path, env=env, stdout=log, stderr=log
        )
        processes.append(BotProcess(process, log_path, log, start_mark))
        return processes[-1]

    try:
        yield start
    finally:
        for process in processes:
            process.kill()
        for process in processes:
            await process.process.wait()  # SIGKILL cannot be ignored: this returns
        for log in logs:
            log.close()
