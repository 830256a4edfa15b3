"""Different users' updates run at the same time; one user's run one at a time, in order."""

from __future__ import annotations

import asyncio
from pathlib import Path

from telegram import Bot, Update

from bot.concurrency import PerUserUpdateProcessor, ordering_key
from tests.support.harness import BotHarness, make_settings


def text_update(update_id: int, user_id: int, text: str, bot: Bot | None = None) -> Update:
    """A private text message from `user_id`."""
    return Update.de_json(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "chat": {"id": user_id, "type": "private"},
                "from": {"id": user_id, "is_bot": False, "first_name": "U", "language_code": "en"},
                "text": text,
                **(
                    {"entities": [{"type": "bot_command", "offset": 0, "length": len(text)}]}
                    if text.startswith("/")
                    else {}
                ),
            },
        },
        bot,
    )


async def test_other_users_go_on_while_one_users_update_waits_and_their_next_waits_its_turn() -> (
    None
):
    processor = PerUserUpdateProcessor(8)
    events: list[str] = []
    release_first = asyncio.Event()

    async def handle(name: str, wait: asyncio.Event | None = None) -> None:
        events.append(f"{name} start")
        if wait is not None:
            await wait.wait()
        events.append(f"{name} end")

    first = asyncio.create_task(
        processor.process_update(text_update(1, 10, "a"), handle("u10 first", release_first))
    )
    second = asyncio.create_task(
        processor.process_update(text_update(2, 10, "b"), handle("u10 second"))
    )
    other = asyncio.create_task(processor.process_update(text_update(3, 20, "c"), handle("u20")))
    await other
    assert events == ["u10 first start", "u20 start", "u20 end"]
    assert processor.users_in_progress == 1  # user 10: one handling, one waiting
    release_first.set()
    await asyncio.gather(first, second)
    assert events[3:] == ["u10 first end", "u10 second start", "u10 second end"]
    assert processor.users_in_progress == 0  # nothing per user is kept


async def test_a_users_updates_keep_their_arrival_order_under_load() -> None:
    processor = PerUserUpdateProcessor(4)
    handled: dict[int, list[int]] = {user: [] for user in range(5)}

    async def handle(user: int, number: int) -> None:
        await asyncio.sleep(0.001 * ((number * 7 + user) % 3))  # uneven handling times
        handled[user].append(number)

    tasks = [
        asyncio.create_task(
            processor.process_update(
                text_update(number * 10 + user, 100 + user, "x"), handle(user, number)
            )
        )
        for number in range(12)
        for user in range(5)
    ]
    await asyncio.gather(*tasks)
    assert all(numbers == list(range(12)) for numbers in handled.values())


async def test_a_cancelled_waiting_update_neither_runs_nor_leaks_its_users_lock() -> None:
    processor = PerUserUpdateProcessor(8)
    release = asyncio.Event()
    ran: list[str] = []

    async def handle(name: str, wait: asyncio.Event | None = None) -> None:
        ran.append(name)
        if wait is not None:
            await wait.wait()

    first = asyncio.create_task(
        processor.process_update(text_update(1, 10, "a"), handle("first", release))
    )
    waiting = asyncio.create_task(processor.process_update(text_update(2, 10, "b"), handle("x")))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    waiting.cancel()
    release.set()
    await first
    assert waiting.cancelled()
    assert ran == ["first"]
    assert processor.users_in_progress == 0


async def test_a_user_who_sends_many_updates_at_once_does_not_hold_up_the_others() -> None:
    processor = PerUserUpdateProcessor(2)
    release = asyncio.Event()
    done: list[str] = []

    async def handle(name: str, wait: asyncio.Event | None = None) -> None:
        if wait is not None:
            await wait.wait()
        done.append(name)

    flood = [
        asyncio.create_task(
            processor.process_update(text_update(n, 10, "x"), handle(f"u10 #{n}", release))
        )
        for n in range(20)
    ]
    await asyncio.sleep(0)
    others = [
        asyncio.create_task(processor.process_update(text_update(100 + u, u, "y"), handle(f"u{u}")))
        for u in (20, 30, 40)
    ]
    await asyncio.wait_for(asyncio.gather(*others), 5)
    assert done == ["u20", "u30", "u40"]  # user 10's first update holds one place, no more
    release.set()
    await asyncio.gather(*flood)
    assert done[3:] == [f"u10 #{n}" for n in range(20)]
    assert processor.users_in_progress == 0


def test_updates_without_a_user_are_ordered_by_chat_and_otherwise_together() -> None:
    assert ordering_key(text_update(1, 42, "x")) == 42
    channel_post = Update.de_json(
        {
            "update_id": 5,
            "channel_post": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": -100, "type": "channel"},
                "text": "x",
            },
        },
        None,
    )
    assert ordering_key(channel_post) == -100
    assert ordering_key(object()) is None


async def test_the_bot_handles_queued_updates_concurrently_and_each_users_in_order(
    tmp_path: Path,
) -> None:
    harness = await BotHarness(
        make_settings(tmp_path / "bot.sqlite3", max_concurrent_updates=16)
    ).start()
    app = harness.app
    assert isinstance(app.update_processor, PerUserUpdateProcessor)
    assert app.update_processor.places == 16
    await app.start()
    try:
        for update_id, (user, text) in enumerate(
            [(501, "/start"), (502, "/start"), (501, "/help"), (503, "/start"), (501, "/new")],
            start=1,
        ):
            await app.update_queue.put(text_update(9000 + update_id, user, text, app.bot))
        await asyncio.wait_for(app.update_queue.join(), 10)
    finally:
        await app.stop()
        await harness.stop()
    replies = harness.request.sent("sendMessage")
    by_user = {
        user: [c for c in replies if c.params["chat_id"] == user] for user in (501, 502, 503)
    }
    assert all(by_user[user] for user in (502, 503))
    first_texts = [c.params["text"] for c in by_user[501]]
    assert len(first_texts) == 3
    # /start greets, /help explains, /new asks the first question: in the order they were sent.
    start_reply = by_user[502][0].params["text"]
    assert first_texts[0] == start_reply
    assert first_texts[1] != start_reply and first_texts[2] not in (start_reply, first_texts[1])
    assert app.update_processor.users_in_progress == 0
