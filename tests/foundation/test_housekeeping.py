"""Old processed update ids are forgotten at start; recent ones are kept."""

from __future__ import annotations

import time
from pathlib import Path

from bot.housekeeping import CLEANUP_JOB, KEEP_UPDATE_IDS_SECONDS
from storage import updates
from storage.db import Database
from tests.support.harness import BotHarness, make_settings


async def test_start_forgets_update_ids_older_than_two_days(db_path: Path) -> None:
    db = await Database.open(db_path)
    old = int(time.time()) - KEEP_UPDATE_IDS_SECONDS - 60
    await db.write("INSERT INTO processed_updates VALUES (1, ?)", (old,))
    await updates.mark_processed(db, 2)
    await db.close()

    bot = await BotHarness(make_settings(db_path)).start()
    try:
        assert not await updates.was_processed(bot.runtime.db, 1)
        assert await updates.was_processed(bot.runtime.db, 2)
        assert bot.app.job_queue is not None
        assert bot.app.job_queue.get_jobs_by_name(CLEANUP_JOB)
    finally:
        await bot.stop()
