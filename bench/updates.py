"""Update benchmark (issue 6): prints its figures, the last line one JSON object.

    .venv/bin/python bench/updates.py [--workdir DIR] [--updates 5000] [--users 500]

1. (a) A bare PTB application echoing text and (b) this bot handling questionnaire steps
   (/new, button answers, typed answers, the advice card's Save, My orders) with its real
   SQLite writes, each for the same number of updates from the same number of users, handed
   to the running application as polling does (batches of 100 decoded updates on its update
   queue, the next batch once the queue is handled) with a zero-latency fake Bot API. The bot
   handles different users at once (bot/concurrency.py); the baseline is the faster of PTB's
   one-at-a-time default and its concurrent mode. Updates per second (wall time of the
   batches), p50/p99 of each update's handling time (from its start to its end, so with
   MAX_CONCURRENT_UPDATES handled alongside it includes their turns), and the ratio b/a.
   (c) PTB making only the bot's Bot API calls for the same mix of presses and typed answers,
   through its request and rate limiter: the ceiling of (b); the gap is the bot's own work.
   (d) This bot with its handlers replaced by (c)'s: its middleware (two database trips per
   update), request wrappers, limiter and concurrency; the gap to (b) is the handlers' work.
2. RSS of the bot in a fresh subprocess started against a database holding 100,000 users and
   300,000 orders (one pending reminder each), after it handled 2,000 updates of random users.

Both applications run without Telegram's 30-messages-a-second pacing (AIORateLimiter's limits
set to 0): the figures are processing capacity; deployed, sending is paced at 30 messages a
second whatever the capacity. Not a test: nothing here asserts.
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
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from telegram import Update  # noqa: E402
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, MessageHandler  # noqa: E402
from telegram.ext import filters as tg_filters  # noqa: E402

from bench.fake_api import BOT, TOKEN, ZeroLatencyApi, memory_mb  # noqa: E402

STEPS_PER_USER = 10
ERRORS = "bench_errors"  # bot_data key: how many updates reached the error handlers
RSS_USERS, RSS_ORDERS_PER_USER, RSS_UPDATES = 100_000, 3, 2_000
# Typed answers tried in turn at a text question until the questionnaire accepts one.
TYPED = ("yesterday", "10 days ago", "40 days ago", "10", "12.50 $", "3", "1", "RB123456785GB")
TYPED += ("8123456789012345", "A blue phone case")


def unthrottled(**kwargs: Any) -> AIORateLimiter:
    """The bot's rate limiter without the 30-a-second pacing (it still wraps every call)."""
    return AIORateLimiter(**{**kwargs, "overall_max_rate": 0, "group_max_rate": 0})


_update_ids = iter(range(1, 10**9))


def text_update(user_id: int, text: str) -> dict[str, Any]:
    """A private text message (a command gets its entity, as Telegram adds it)."""
    message: dict[str, Any] = {
        "message_id": next(_update_ids),
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "from": {"id": user_id, "is_bot": False, "first_name": "U", "language_code": "ru"},
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": next(_update_ids), "message": message}


def press_update(user_id: int, data: str, message_id: int) -> dict[str, Any]:
    """An inline button press on message `message_id`."""
    user = {"id": user_id, "is_bot": False, "first_name": "U", "language_code": "ru"}
    message = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "from": BOT,
        "text": "screen",
    }
    query = {"id": str(next(_update_ids)), "from": user, "chat_instance": "c", "data": data}
    return {"update_id": next(_update_ids), "callback_query": {**query, "message": message}}


def walk(rng: random.Random, today: dt.date) -> tuple[list[tuple[str, str]], Any]:
    """A random valid path through the new-order questionnaire: its steps and final state."""
    from advisor.questionnaire import (
        answer_choice,
        answer_text,
        current_question,
        finish_multi,
        skip,
        start,
        toggle_option,
    )

    steps: list[tuple[str, str]] = []
    state = start("new")
    while (question := current_question(state, today)) is not None:
        qid = question.id
        moves: list[tuple[tuple[str, str], Any]] = []
        if question.skip_label:
            moves.append((("press", f"q:{qid}:skip"), skip(state, today)))
        if question.kind == "choice":
            for code in question.option_codes():
                moves.append((("press", f"q:{qid}:c:{code}"), answer_choice(state, code, today)))
        elif question.kind == "multi":
            if rng.random() < 0.5:
                code = question.options[0].code
                steps.append(("press", f"q:{qid}:t:{code}"))
                state = toggle_option(state, code, today)
            moves.append((("press", f"q:{qid}:done"), finish_multi(state, today)))
        else:
            for typed in TYPED:
                new_state, parsed = answer_text(state, typed, today)
                if parsed.ok:
                    moves.append((("text", typed), new_state))
                    break
        step, state = rng.choice(moves)
        steps.append(step)
    return steps, state


def script(rng: random.Random, today: dt.date) -> list[tuple[str, str]]:
    """One user's steps: /new, a random path of answers, Save, then My orders and the menu."""
    path, _state = walk(rng, today)
    steps = [("text", "/new"), *path, ("press", "a:save"), ("press", "m:orders")]
    while len(steps) < STEPS_PER_USER:
        steps.append(("press", rng.choice(["m:orders", "m:menu"])))
    return steps[:STEPS_PER_USER]


BATCH = 100  # getUpdates hands over at most 100 updates at a time


def percentile(values: list[float], share: float) -> float:
    """The `share` percentile of `values` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(name: str, run: Run) -> dict[str, float]:
    """Print and return updates per second and p50/p99 in milliseconds."""
    latencies = run.latencies
    figures = {
        "updates_per_s": len(latencies) / run.wall,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "mean_ms": statistics.fmean(latencies) * 1000,
    }
    print(
        f"{name}: {len(latencies)} updates in {run.wall:.2f} s = {figures['updates_per_s']:.0f}/s,"
        f" p50 {figures['p50_ms']:.2f} ms, p99 {figures['p99_ms']:.2f} ms"
    )
    return figures


class Run:
    """What one run measured: the wall time of the timed batches and each update's latency."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.latencies: list[float] = []


def timing(app: Application, run: Run) -> None:  # type: ignore[type-arg]
    """Record in `run` how long the application takes to handle each update, from its start."""
    processor = app.update_processor
    inner = processor.do_process_update

    async def timed(coroutine: Awaitable[Any]) -> None:
        start = time.perf_counter()
        await coroutine
        run.latencies.append(time.perf_counter() - start)

    async def do_process_update(update: object, coroutine: Awaitable[Any]) -> None:
        await inner(update, timed(coroutine))

    processor.do_process_update = do_process_update  # type: ignore[method-assign]


async def deliver(app: Application, payloads: list[dict[str, Any]], run: Run) -> None:  # type: ignore[type-arg]
    """Hand `payloads` to the running application as polling does, timing until all are handled.

    As getUpdates: at most 100 at a time, each decoded into an `Update` and queued, and the next
    batch only once the queue is handled (bot/polling.py confirms a batch only then).
    """
    for first in range(0, len(payloads), BATCH):
        start = time.perf_counter()
        for payload in payloads[first : first + BATCH]:
            app.update_queue.put_nowait(Update.de_json(payload, app.bot))
        await app.update_queue.join()
        run.wall += time.perf_counter() - start


async def bare(users: int, updates: int, concurrent: bool) -> dict[str, float]:
    """(a) A bare PTB application that echoes every text (PTB's default: one at a time)."""

    async def echo(update: Update, _context: Any) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)

    request = ZeroLatencyApi()
    builder = ApplicationBuilder().token(TOKEN).request(request).get_updates_request(request)
    app = builder.concurrent_updates(concurrent).build()
    app.add_handler(MessageHandler(tg_filters.TEXT, echo))
    await app.initialize()
    await app.start()
    rng = random.Random(1)
    texts = ["hello", "12.50 $", "yesterday", "RB123456785GB", "Где моя посылка?"]
    await deliver(app, [text_update(9_000_000 + i, rng.choice(texts)) for i in range(300)], Run())
    run = Run()
    timing(app, run)
    await deliver(app, [text_update(1 + i % users, rng.choice(texts)) for i in range(updates)], run)
    await app.stop()
    await app.shutdown()
    mode = "concurrent" if concurrent else "one at a time"
    return summary(f"(a) bare PTB echo, {mode}", run)


def _floor_handlers() -> list[Any]:
    """Handlers making only this bot's Bot API calls: a press answered and its message edited
    (with a question's text and keyboard), a text answered with a message."""
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup
    from telegram.ext import CallbackQueryHandler

    rows = [[InlineKeyboardButton(f"Option {n}", callback_data=f"q:x:c:o{n}")] for n in range(4)]
    keyboard = InlineKeyboardMarkup(rows)
    screen = "<b>Question 3/9</b>\nHave you received the parcel?\n<i>Examples: 12.50 $</i>"

    async def press(update: Update, _context: Any) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer()
        await update.callback_query.edit_message_text(screen, reply_markup=keyboard)

    async def text(update: Update, _context: Any) -> None:
        assert update.message is not None
        await update.message.reply_text(screen, reply_markup=keyboard)

    return [CallbackQueryHandler(press), MessageHandler(tg_filters.TEXT, text)]


def _floor_payloads(users: int, count: int, rng: random.Random) -> list[dict[str, Any]]:
    """The bot's mix of updates (about three presses to one typed answer) for (c) and (d)."""
    payloads = []
    for index in range(count):
        user_id = 1 + index % users
        if rng.random() < 0.75:
            payloads.append(press_update(user_id, "q:x:c:o1", 5))
        else:
            payloads.append(text_update(user_id, "yesterday"))
    return payloads


async def _run_floor(app: Application, users: int, updates: int, name: str) -> dict[str, float]:  # type: ignore[type-arg]
    """Warm up, then time `updates` of the floor's mix on a started application."""
    rng = random.Random(5)
    await deliver(app, _floor_payloads(users, 300, rng), Run())
    run = Run()
    timing(app, run)
    await deliver(app, _floor_payloads(users, updates, rng), run)
    return summary(name, run)


async def api_floor(users: int, updates: int) -> dict[str, float]:
    """(c) PTB making only this bot's Bot API calls, with its request and rate limiter: a press
    answered and its message edited, a text answered with a message. The bot can go no faster
    than this; what it takes beyond is its own work."""
    from bot.requests import BotCalls

    request = ZeroLatencyApi()
    builder = ApplicationBuilder().token(TOKEN).request(BotCalls(request))
    app = builder.get_updates_request(request).rate_limiter(unthrottled()).build()
    app.add_handlers(_floor_handlers())
    await app.initialize()
    await app.start()
    figures = await _run_floor(app, users, updates, "(c) PTB making only the bot's Bot API calls")
    await app.stop()
    await app.shutdown()
    return figures


async def storage_floor(workdir: Path, users: int, updates: int) -> dict[str, float]:
    """(d) This bot as built (its middleware: the update's start and its handled mark, two
    trips to the database; its request wrappers, limiter and concurrency) with its handlers
    replaced by (c)'s: the most the bot's design could reach; (b) below it is the handlers'
    own work (questionnaire, rendering, state)."""
    app, _request = await start_bot(workdir / "storage-floor.sqlite3")
    for handler in list(app.handlers.get(0, [])):
        app.remove_handler(handler, 0)
    app.add_handlers(_floor_handlers())
    figures = await _run_floor(app, users, updates, "(d) the bot's middleware and storage only")
    await stop_bot(app)
    return figures


def bench_settings(db_path: Path) -> Any:
    """The settings the benchmarked bot runs with (no `.env`, no quiet hours)."""
    from bot.settings import Settings

    return Settings(  # type: ignore[call-arg]
        _env_file=None, telegram_bot_token=TOKEN, database_path=db_path, quiet_hours=""
    )


async def start_bot(db_path: Path) -> tuple[Application, ZeroLatencyApi]:  # type: ignore[type-arg]
    """This bot as `python -m bot` builds it, on `db_path`, initialised as run_polling would."""
    import bot.app

    bot.app.AIORateLimiter = unthrottled  # type: ignore[assignment,misc]
    settings = bench_settings(db_path)
    request = ZeroLatencyApi()
    app = bot.app.build_application(settings, request=request)
    app.bot_data[ERRORS] = 0

    async def count_error(_update: object, context: Any) -> None:
        context.application.bot_data[ERRORS] += 1

    app.add_error_handler(count_error)  # runs after the bot's own error handler
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.start()
    return app, request


async def stop_bot(app: Application) -> None:  # type: ignore[type-arg]
    """Stop and shut the application down and close its database."""
    await app.stop()
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)


async def drive(app: Application, user_steps: dict[int, list[tuple[str, str]]], run: Run) -> None:  # type: ignore[type-arg]
    """Round by round, every user's next step, delivered as polling would (timed in `run`)."""
    from storage import conversations

    db = app.bot_data["runtime"].db
    for index in range(max(len(s) for s in user_steps.values())):
        payloads = []
        for user_id, steps in user_steps.items():
            if index >= len(steps):
                continue
            kind, value = steps[index]
            if kind == "text":
                payloads.append(text_update(user_id, value))
                continue
            # The screen a user presses on is the one the bot last showed them (read untimed).
            stored = await conversations.get(db, user_id)
            message_id = (stored.message_id if stored else None) or 1
            payloads.append(press_update(user_id, value, message_id))
        await deliver(app, payloads, run)


async def this_bot(workdir: Path, users: int, updates: int) -> dict[str, float]:
    """(b) This bot handling questionnaire steps of `users` users, `updates` in all."""
    from handlers.clock import user_today

    app, request = await start_bot(workdir / "bench.sqlite3")
    today = user_today(None, app.bot_data["runtime"].default_timezone)
    rng = random.Random(2)
    await drive(app, {9_000_000 + u: script(rng, today) for u in range(30)}, Run())  # warm-up
    per_user = max(1, updates // users)
    user_steps = {1 + u: script(rng, today)[:per_user] for u in range(users)}
    calls = request.calls
    run = Run()
    timing(app, run)
    await drive(app, user_steps, run)
    kinds = [kind for steps in user_steps.values() for kind, _ in steps]
    print(
        f"(b) steps: {kinds.count('press')} button presses, {kinds.count('text')} typed;"
        f" {request.calls - calls} Bot API calls"
    )
    rows = await app.bot_data["runtime"].db.conn.execute_fetchall("SELECT count(*) FROM orders")
    print(f"(b) orders saved during the run: {rows[0][0]}; errors: {app.bot_data[ERRORS]}")
    await stop_bot(app)
    return summary("(b) this bot", run)


def populate(db_path: Path) -> None:
    """100,000 users with 300,000 orders and a pending reminder each, in the bot's schema."""
    from storage.db import Database

    async def migrate() -> None:
        from bot.app import runtime_for
        from handlers.replan import REMINDER_SETTINGS, reminder_settings
        from storage import applied_settings

        db = await Database.open(db_path)
        # Recorded as the bot's own settings: else the bot would plan the reminders of all
        # 300,000 orders again at its start, in the middle of the measurement.
        rt = runtime_for(bench_settings(db_path), db)
        async with db.transaction() as conn:
            await applied_settings.put(conn, REMINDER_SETTINGS, reminder_settings(rt))
        await db.close()

    asyncio.run(migrate())
    today = dt.date.today()
    sample = _sample_situation(today)
    now = int(time.time())
    conn = sqlite3.connect(db_path)
    with conn:
        conn.executemany(
            "INSERT INTO users (user_id, chat_id, telegram_language, created_at, updated_at)"
            " VALUES (?, ?, 'ru', ?, ?)",
            ((u, u, now, now) for u in range(1, RSS_USERS + 1)),
        )
        conn.executemany(
            "INSERT INTO orders (id, user_id, situation, stage, next_deadline_kind,"
            " next_deadline_on, created_at, updated_at)"
            " VALUES (?, ?, ?, 'none', 'protection_ends', ?, ?, ?)",
            (
                (o, 1 + (o - 1) // RSS_ORDERS_PER_USER, sample, today.isoformat(), now, now)
                for o in range(1, RSS_USERS * RSS_ORDERS_PER_USER + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO reminders (order_id, user_id, kind, deadline_on, offset_days, due_at)"
            " VALUES (?, ?, 'protection_ends', ?, 2, ?)",
            (
                (o, 1 + (o - 1) // RSS_ORDERS_PER_USER, today.isoformat(), now + 86_400 + o)
                for o in range(1, RSS_USERS * RSS_ORDERS_PER_USER + 1)
            ),
        )
    conn.close()


def _sample_situation(today: dt.date) -> str:
    """A real saved situation: a seeded path of the new-order questionnaire, as JSON."""
    from advisor.questionnaire import build_situation

    _steps, state = walk(random.Random(3), today)
    return build_situation(state, today).model_dump_json()


async def rss_child(db_path: Path) -> None:
    """In a fresh process: start the bot on the big database, handle updates, report RSS."""
    app, _request = await start_bot(db_path)
    rng = random.Random(4)
    steps = {}
    for _ in range(RSS_UPDATES // 4):
        user_id = rng.randint(1, RSS_USERS)
        steps[user_id] = [("press", "m:orders"), ("text", "/new"), ("press", "q:received:c:yes")]
        steps[user_id].append(("press", f"o:{(user_id - 1) * RSS_ORDERS_PER_USER + 1}"))
    await drive(app, steps, Run())
    gc.collect()
    figures = {**memory_mb(), "errors": app.bot_data[ERRORS]}
    await stop_bot(app)
    print(json.dumps(figures))


def measure_rss(db_path: Path) -> dict[str, float]:
    """Run `rss_child` in a fresh interpreter and read its figures."""
    out = subprocess.run(
        [sys.executable, __file__, "--rss-child", str(db_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    """Run both parts and print the figures; the last line is one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--updates", type=int, default=5000)
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--rss-child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child is not None:
        asyncio.run(rss_child(args.rss_child))
        return
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        run(args.workdir, args.updates, args.users)
        return
    # The databases take about 350 MB: gone with the run unless --workdir keeps them.
    with tempfile.TemporaryDirectory(prefix="bench-updates-") as scratch:
        run(Path(scratch), args.updates, args.users)


def run(workdir: Path, updates: int, users: int) -> None:
    """Both parts of the benchmark in `workdir`; the last line printed is one JSON object."""
    print(f"workdir {workdir}; {updates} updates from {users} users")
    # The baseline is the faster of PTB's two ways of running a bare application.
    a = max(
        (asyncio.run(bare(users, updates, concurrent)) for concurrent in (False, True)),
        key=lambda figures: figures["updates_per_s"],
    )
    b = asyncio.run(this_bot(workdir, users, updates))
    ratio = b["updates_per_s"] / a["updates_per_s"]
    print(f"ratio b/a: {ratio:.2f} (target at least 0.5)")
    c = asyncio.run(api_floor(users, updates))
    print(
        f"ratio c/a: {c['updates_per_s'] / a['updates_per_s']:.2f}: the most the bot could reach;"
        f" its own work per update: {1000 / b['updates_per_s'] - 1000 / c['updates_per_s']:.2f} ms"
    )
    d = asyncio.run(storage_floor(workdir, users, updates))
    print(
        f"ratio d/a: {d['updates_per_s'] / a['updates_per_s']:.2f}: with the bot's middleware and"
        " storage; its handlers' own work per update:"
        f" {1000 / b['updates_per_s'] - 1000 / d['updates_per_s']:.2f} ms"
    )

    big = workdir / "big.sqlite3"
    began = time.perf_counter()
    populate(big)
    print(
        f"populated {RSS_USERS:,} users, {RSS_USERS * RSS_ORDERS_PER_USER:,} orders and as many"
        f" reminders in {time.perf_counter() - began:.1f} s ({big.stat().st_size / 2**20:.0f} MB)"
    )
    empty = measure_rss(workdir / "empty.sqlite3")
    full = measure_rss(big)
    print(
        f"RSS after {RSS_UPDATES} updates ({full['errors']} errors): {full['rss_mb']:.1f} MB"
        " with 100k users"
        f" (peak {full['peak_mb']:.1f} MB); {empty['rss_mb']:.1f} MB with an empty database"
        " (target under 150 MB)"
    )
    print(
        json.dumps(
            {
                "bare_updates_per_s": round(a["updates_per_s"], 1),
                "bot_updates_per_s": round(b["updates_per_s"], 1),
                "ratio": round(ratio, 3),
                "bot_p50_ms": round(b["p50_ms"], 3),
                "bot_p99_ms": round(b["p99_ms"], 3),
                "rss_mb_100k_users": round(full["rss_mb"], 1),
            }
        )
    )


if __name__ == "__main__":
    main()
