"""The benchmark's rate limiter keeps every 1-second window at or under the configured limit."""

from __future__ import annotations

import asyncio

from telegram.ext import ExtBot

from bench.fake_api import TOKEN, ZeroLatencyApi
from bench.reminders import busiest_second, limiter_for

LIMIT = 100
COUNT = 150  # 1.5 s at 100/s: enough windows to catch a burst on top of the rate


async def test_no_one_second_window_goes_over_the_limit() -> None:
    api = ZeroLatencyApi()
    bot = ExtBot(TOKEN, request=api, rate_limiter=limiter_for(LIMIT))
    await bot.initialize()
    try:
        await asyncio.gather(*(bot.send_message(1, f"m{i}") for i in range(COUNT)))
    finally:
        await bot.shutdown()
    assert len(api.sent_at) == COUNT
    busiest = busiest_second(api.sent_at)
    assert 0.8 * LIMIT <= busiest <= LIMIT  # never above, and not throttled far below


def test_busiest_second_counts_a_sliding_window() -> None:
    assert busiest_second([0.0, 0.5, 0.99, 1.0, 1.2]) == 4
    assert busiest_second([0.0, 1.0, 2.0]) == 1
