"""A bot for fuzzing: the real application, with Telegram's send-rate throttle lifted."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import AIORateLimiter

import bot.app
from tests.support.harness import BotHarness, make_settings


def _unthrottled(**kwargs: Any) -> AIORateLimiter:
    # The limiter still wraps every call; only its 30-messages-a-second pacing is off, which
    # would otherwise make hundreds of fuzz examples take minutes.
    return AIORateLimiter(**{**kwargs, "overall_max_rate": 0, "group_max_rate": 0})


@pytest.fixture
async def fuzz_bot(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[BotHarness]:
    """The real application on a real SQLite file, without send-rate pacing."""
    monkeypatch.setattr(bot.app, "AIORateLimiter", _unthrottled)
    harness = await BotHarness(make_settings(db_path)).start()
    try:
        yield harness
    finally:
        await harness.stop()
