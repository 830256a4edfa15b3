"""Reminder benchmark (issue 5): prints its figures, the last line one JSON object.

    .venv/bin/python bench/reminders.py [--workdir DIR]

1. Start-up time and RSS of the application with an empty database and with 1,000,000 pending
   reminders (100,000 users, 90 days), each measured in a fresh subprocess.
2. The time of one sweep that finds the 1,000 due reminders among them (the database work
   that finds and claims them: `sweep_ms`), and the full `sweep_once` that also renders,
   sends them to a zero-latency fake Bot API without a rate limiter and marks them sent
   (`full_sweep_ms`).
3. Scheduling 100,000 reminders the naive way (one JobQueue.run_once each) and our way (rows in
   the reminders table), memory and time per reminder, each in a fresh subprocess.
4. 3,000 due reminders sent through AIORateLimiter at 300 messages a second to a zero-latency
   fake Bot API: the achieved rate and the busiest 1-second window.
Not a test: nothing here asserts; compare the figures with the targets in the issue.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.fake_api import TOKEN, ZeroLatencyApi, memory_mb  # noqa: E402

USERS = 100_000
PER_USER = 10
DUE = 1_000
DAYS = 90
NAIVE_COUNT = 100_000
SEND_COUNT = 3_000
SEND_LIMIT = 300
SITUATION = json.dumps(
    {
        "today": "2026-06-01",
        "received": False,
        "delivery_status": "in_transit",
        "item": "Blue headphones",
        "order_number": "8123456789012345",
        "protection_ends_on": "2026-06-10",
    }
)


def rss_mb() -> float:
    """Resident set size of this process in MB (Linux)."""
    return memory_mb()["rss_mb"]


async def migrated(path: Path) -> None:
    """Create the database file with the bot's schema."""
    from storage.db import Database

    db = await Database.open(path)
    await db.close()


def situation_on(day: dt.date) -> str:
    """A parcel in transit whose Buyer Protection ends on `day`, as stored JSON."""
    return json.dumps(
        {**json.loads(SITUATION), "today": day.isoformat(), "protection_ends_on": day.isoformat()}
    )


def fill(path: Path, users: int, per_user: int, due: int, now: int) -> None:
    """Users, one order each, and `per_user` pending reminders each; `due` of them due by now.

    The due ones are what the orders plan (the sweep cancels any other): one per order, on the
    day its Buyer Protection ends; the rest are later and never reached.
    """
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    rng = random.Random(5)
    today = dt.date.fromtimestamp(now)
    situation = situation_on(today)
    with conn:
        conn.executemany(
            "INSERT INTO users (user_id, chat_id, language, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            ((u, u, "ru" if u % 2 else "en", now, now) for u in range(1, users + 1)),
        )
        conn.executemany(
            "INSERT INTO orders (id, user_id, label, situation, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            ((u, u, f"Order {u}", situation, now, now) for u in range(1, users + 1)),
        )
        total = users * per_user
        due_rows = {u * per_user + rng.randrange(per_user) for u in rng.sample(range(users), due)}

        def rows() -> Any:
            for i in range(total):
                user = i // per_user + 1
                if i in due_rows:
                    yield (
                        user,
                        user,
                        "protection_ends",
                        today.isoformat(),
                        0,
                        now - rng.randint(1, 3600),
                    )
                    continue
                due_at = now + rng.randint(60, DAYS * 86400)
                day = dt.date.fromtimestamp(due_at).isoformat()
                yield user, user, "protection_ends", day, i % per_user, due_at

        conn.executemany(
            "INSERT INTO reminders (order_id, user_id, kind, deadline_on, offset_days, due_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows(),
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def child(mode: str, arg: str) -> None:
    """Run one measurement in this (fresh) process and print it as JSON."""
    print(json.dumps(asyncio.run(CHILDREN[mode](arg))))


async def measure_startup(db_path: str) -> dict[str, float]:
    """Build the application and run its post_init against the database."""
    from bot.app import build_application
    from bot.settings import Settings

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, telegram_bot_token=TOKEN, database_path=db_path, quiet_hours=""
    )
    gc.collect()
    start = time.perf_counter()
    app = build_application(settings, request=ZeroLatencyApi())
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    elapsed = time.perf_counter() - start
    gc.collect()
    rss = rss_mb()
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)
    return {"seconds": elapsed, "rss_mb": rss}


async def measure_naive(_: str) -> dict[str, float]:
    """One JobQueue.run_once per reminder, as the trap in DESIGN.md does."""
    from telegram.ext import ApplicationBuilder

    app = ApplicationBuilder().token(TOKEN).request(ZeroLatencyApi()).build()
    await app.initialize()
    queue = app.job_queue
    assert queue is not None
    await queue.start()

    async def remind(context: Any) -> None:
        """Never runs: every job is in the future."""

    base = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    for i in range(NAIVE_COUNT):
        queue.run_once(remind, when=base + dt.timedelta(seconds=i * 77), chat_id=i, data=i)
    elapsed = time.perf_counter() - start
    gc.collect()
    after = rss_mb()
    await queue.stop(wait=False)
    await app.shutdown()
    return {
        "bytes": (after - before) * 1024 * 1024 / NAIVE_COUNT,
        "us": elapsed * 1e6 / NAIVE_COUNT,
    }


async def measure_ours(db_path: str) -> dict[str, float]:
    """The same number of reminders written as rows, one transaction per order (10 each)."""
    from storage import reminders
    from storage.db import Database

    db = await Database.open(db_path)
    orders = NAIVE_COUNT // PER_USER
    now = int(time.time())
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO users (user_id, chat_id, created_at, updated_at) VALUES (?, ?, ?, ?)",
            [(u, u, now, now) for u in range(1, orders + 1)],
        )
        await conn.executemany(
            "INSERT INTO orders (id, user_id, situation, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [(u, u, SITUATION, now, now) for u in range(1, orders + 1)],
        )
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    for order in range(1, orders + 1):
        planned = [
            reminders.NewReminder("protection_ends", "2026-06-10", k, now + 86400 + order * 7 + k)
            for k in range(PER_USER)
        ]
        async with db.transaction() as conn:
            await reminders.replace_for_order(conn, order, order, planned)
    elapsed = time.perf_counter() - start
    gc.collect()
    after = rss_mb()
    await db.close()
    return {
        "bytes": max(after - before, 0.0) * 1024 * 1024 / NAIVE_COUNT,
        "us": elapsed * 1e6 / NAIVE_COUNT,
    }


CHILDREN = {"startup": measure_startup, "naive": measure_naive, "ours": measure_ours}


def in_child(mode: str, arg: str = "") -> dict[str, float]:
    """Run a measurement in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, arg],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


async def measure_sweep(db_path: Path, now: int) -> float:
    """Milliseconds for the sweep's database work to find and claim the 1,000 due ones."""
    from handlers.reminder_sweep import BATCH_SIZE
    from storage import reminders
    from storage.db import Database

    db = await Database.open(db_path)
    start = time.perf_counter()
    claimed = 0
    while batch := await reminders.claim_due(db, now, BATCH_SIZE):
        claimed += len(batch)
    elapsed = (time.perf_counter() - start) * 1000
    assert claimed == DUE, claimed
    await reminders.release_stale(db, now + 1)
    await db.close()
    return elapsed


async def measure_full_sweep(db_path: Path, now: int) -> float:
    """Milliseconds for `sweep_once` to claim, render, send and mark the 1,000 due reminders
    (zero-latency fake Bot API, no rate limiter)."""
    from telegram.ext import ExtBot

    from advisor.timers import DEFAULT_TIMERS
    from handlers.reminder_sweep import sweep_once
    from handlers.runtime import Runtime
    from storage.db import Database

    bot = ExtBot(TOKEN, request=ZeroLatencyApi())
    await bot.initialize()
    db = await Database.open(db_path)
    rt = Runtime(db=db, timers=DEFAULT_TIMERS, default_language="ru", default_timezone="UTC")
    start = time.perf_counter()
    result = await sweep_once(bot, rt, now=dt.datetime.fromtimestamp(now, dt.UTC))
    elapsed = (time.perf_counter() - start) * 1000
    await bot.shutdown()
    await db.close()
    assert result.sent == DUE, result
    return elapsed


def limiter_for(limit: int, capacity: int = 2) -> Any:
    """AIORateLimiter that never lets more than `limit` messages into any 1-second window.

    aiolimiter's leaky bucket lets its whole capacity out at once and then drains at its rate,
    so a 1-second window holds fewer than capacity + rate sends: with the rate set to
    limit - capacity + 1 a second, at most `limit` (3 per 10 ms gave 301 at 300/s). The
    capacity of 2 rather than 1 absorbs the event loop's wake-up lag: with 1 each send waits
    for the previous one's timer and the bench reaches only about 80% of the limit.
    """
    from telegram.ext import AIORateLimiter

    return AIORateLimiter(
        overall_max_rate=capacity,
        overall_time_period=capacity / (limit - capacity + 1),
        max_retries=0,
    )


def busiest_second(times: list[float]) -> int:
    """The most sends inside any 1-second window."""
    busiest, left = 0, 0
    for right, at in enumerate(times):
        while at - times[left] >= 1.0:
            left += 1
        busiest = max(busiest, right - left + 1)
    return busiest


async def measure_sending(db_path: Path) -> tuple[float, float]:
    """Send SEND_COUNT due reminders through the rate limiter; achieved rate, busiest second."""
    from telegram.ext import ExtBot

    from advisor.timers import DEFAULT_TIMERS
    from handlers.reminder_sweep import sweep_once
    from handlers.runtime import Runtime
    from storage.db import Database

    now = int(time.time())
    await migrated(db_path)
    fill(db_path, SEND_COUNT, 1, SEND_COUNT, now)
    api = ZeroLatencyApi()
    bot = ExtBot(TOKEN, request=api, rate_limiter=limiter_for(SEND_LIMIT))
    await bot.initialize()
    db = await Database.open(db_path)
    rt = Runtime(db=db, timers=DEFAULT_TIMERS, default_language="ru", default_timezone="UTC")
    start = time.perf_counter()
    result = await sweep_once(bot, rt, now=dt.datetime.fromtimestamp(now, dt.UTC))
    elapsed = time.perf_counter() - start
    await bot.shutdown()
    await db.close()
    assert result.sent == SEND_COUNT == len(api.sent_at), result
    return len(api.sent_at) / elapsed, float(busiest_second(api.sent_at))


async def main(workdir: Path) -> None:
    """Run every measurement and print the figures."""
    empty, full = workdir / "empty.sqlite3", workdir / "full.sqlite3"
    await migrated(empty)
    await migrated(full)
    now = int(time.time())
    start = time.perf_counter()
    fill(full, USERS, PER_USER, DUE, now)
    size = full.stat().st_size / 1024 / 1024
    print(f"built {USERS * PER_USER:,} pending reminders in {time.perf_counter() - start:.1f} s")
    print(
        f"database file: {size:.0f} MB ({size * 1024 * 1024 / (USERS * PER_USER):.0f} bytes "
        "per reminder on disk, with users, orders and indexes)"
    )

    runs: dict[str, list[dict[str, float]]] = {"empty": [], "full": []}
    for _ in range(3):
        for name, path in (("empty", empty), ("full", full)):
            runs[name].append(in_child("startup", str(path)))
    startup = {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
    rss = {k: statistics.median(r["rss_mb"] for r in v) for k, v in runs.items()}
    print(f"start-up, empty database: {startup['empty']:.3f} s, RSS {rss['empty']:.1f} MB")
    print(f"start-up, 1,000,000 pending: {startup['full']:.3f} s, RSS {rss['full']:.1f} MB")
    print(
        f"  difference: {startup['full'] - startup['empty']:+.3f} s (target < 1 s), "
        f"{rss['full'] - rss['empty']:+.1f} MB (target < 30 MB)"
    )

    sweep_ms = await measure_sweep(full, now)
    print(
        f"time of one sweep that finds the {DUE:,} due ones (find + claim): {sweep_ms:.1f} ms "
        "(target < 50 ms)"
    )
    full_sweep_ms = await measure_full_sweep(full, now)
    print(
        f"full sweep_once of the {DUE:,} due (find, claim, render, send to a zero-latency API "
        f"without rate limiter, mark sent): {full_sweep_ms:.1f} ms"
    )

    naive = in_child("naive")
    ours = in_child("ours", str(workdir / "ours.sqlite3"))
    print(
        f"naive JobQueue.run_once x {NAIVE_COUNT:,}: {naive['bytes']:.0f} bytes and "
        f"{naive['us']:.1f} µs per reminder"
    )
    print(
        f"ours, rows in the reminders table x {NAIVE_COUNT:,}: {ours['bytes']:.0f} bytes and "
        f"{ours['us']:.1f} µs per reminder"
    )
    bytes_ratio = naive["bytes"] / ours["bytes"] if ours["bytes"] > 0 else float("inf")
    print(
        f"  ratio naive/ours: memory {bytes_ratio:.0f}x, time {naive['us'] / ours['us']:.2f}x "
        "(ours also survives a restart)"
    )

    rate, busiest = await measure_sending(workdir / "send.sqlite3")
    print(
        f"sent {SEND_COUNT:,} due reminders in one sweep through AIORateLimiter at "
        f"{SEND_LIMIT}/s to a zero-latency fake Bot API: {rate:.1f} msg/s "
        f"({rate / SEND_LIMIT:.0%} of the limit; busiest 1-second window {busiest:.0f} messages)"
    )
    print(
        json.dumps(
            {
                "startup_s_empty": round(startup["empty"], 4),
                "startup_s_full": round(startup["full"], 4),
                "rss_mb_empty": round(rss["empty"], 1),
                "rss_mb_full": round(rss["full"], 1),
                "sweep_ms": round(sweep_ms, 2),
                "full_sweep_ms": round(full_sweep_ms, 1),
                "naive_bytes_per_reminder": round(naive["bytes"], 1),
                "ours_bytes_per_reminder": round(ours["bytes"], 1),
                "naive_us_per_reminder": round(naive["us"], 2),
                "ours_us_per_reminder": round(ours["us"], 2),
                "send_rate": round(rate, 1),
                "send_limit": SEND_LIMIT,
            }
        )
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "ARG"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(*options.child)
    elif options.workdir:
        options.workdir.mkdir(parents=True, exist_ok=True)
        asyncio.run(main(options.workdir))
    else:
        with tempfile.TemporaryDirectory(prefix="bench-reminders-") as tmp:
            asyncio.run(main(Path(tmp)))
