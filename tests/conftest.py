"""Shared fixtures: a running bot on a real SQLite file, driven through `process_update`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.harness import BotHarness, make_settings


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh database file path."""
    return tmp_path / "bot.sqlite3"


@pytest.fixture
async def bot(db_path: Path) -> AsyncIterator[BotHarness]:
    """The real application with a recording request, started and stopped around the test."""
    harness = await BotHarness(make_settings(db_path)).start()
    try:
        yield harness
    finally:
        await harness.stop()
