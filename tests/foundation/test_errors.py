"""The global error handler, and a failure at the very start of an update."""

from __future__ import annotations

import logging

import pytest

from storage import orders, session, users
from tests.support.harness import BotHarness


async def test_a_failing_handler_is_logged_and_the_user_told_in_their_language(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(users, "set_language", broken)
    with caplog.at_level(logging.ERROR):
        await bot.press(31, "lang:en", lang="ru")
    assert bot.answered_callbacks(), "the button is answered even when the handler fails"
    reply = bot.last()
    assert "Извините" in reply.text and "m:new" in reply.button_data()
    assert any(r.exc_info and "disk on fire" in str(r.exc_info[1]) for r in caplog.records)


async def test_a_user_who_blocked_the_bot_is_not_written_to_again(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = {
        "ok": False,
        "error_code": 403,
        "description": "Forbidden: bot was blocked by the user",
    }
    bot.request.fail_with["sendMessage"] = (403, blocked)
    with caplog.at_level(logging.INFO):
        await bot.send_text(32, "/help", lang="en")
    sends = [call for call in bot.request.calls if call.method == "sendMessage"]
    assert len(sends) == 1, "no second message to say the first one failed"
    assert not any(r.levelno >= logging.ERROR for r in caplog.records)
    assert any("cannot be written to" in r.getMessage() for r in caplog.records)


async def test_a_failed_start_of_update_never_acts_as_the_previous_user(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # User A (Russian) has a saved order and was the last one handled.
    await bot.send_text(41, "/start", lang="ru")
    async with bot.runtime.db.transaction() as conn:
        await orders.create(conn, 41, {"today": "2026-11-22"}, label="SECRET of A")
    await bot.send_text(41, "/orders", lang="ru")

    real = session.begin_update

    async def failing_for_b(db, update_id, user_id, *args):  # type: ignore[no-untyped-def]
        if user_id == 42:
            raise OSError("database is locked")
        return await real(db, update_id, user_id, *args)

    monkeypatch.setattr(session, "begin_update", failing_for_b)
    bot.request.clear()
    for step in ("/orders", "lang:en"):
        if step.startswith("/"):
            await bot.send_text(42, step, lang="en")
        else:
            await bot.press(42, step, lang="en")
    texts = " ".join(call.text for call in bot.request.sent())
    assert "SECRET" not in texts
    assert "Sorry" in texts and "Извините" not in texts, "B is answered in B's language"
    user_a = await users.get(bot.runtime.db, 41)
    assert user_a is not None and user_a.language is None, "A's settings are untouched"


async def test_an_error_mid_questionnaire_offers_to_continue_at_the_same_question(
    bot: BotHarness,
) -> None:
    from handlers.conversation.flow import FLOW_QUESTION
    from handlers.conversation.render import NAMESPACE, RESUME
    from handlers.errors import QUESTION_FLOW, RESUME_DATA

    assert (QUESTION_FLOW, RESUME_DATA) == (FLOW_QUESTION, f"{NAMESPACE}:{RESUME}")
    await bot.send_text(33, "/new", lang="en")
    await bot.press(33, "q:received:c:no", lang="en")
    failure = {"ok": False, "error_code": 500, "description": "Internal Server Error"}
    bot.request.fail_with["editMessageText"] = (500, failure)
    await bot.press(33, "q:delivery_status:c:in_transit", lang="en")
    sorry = bot.last("sendMessage")
    assert sorry.button_data()[0] == RESUME_DATA and "m:new" in sorry.button_data()
    del bot.request.fail_with["editMessageText"]
    await bot.press(33, RESUME_DATA, lang="en")
    assert "q:dispute_stage:c:none" in bot.last().button_data()  # the next question, kept


async def test_an_error_outside_a_questionnaire_offers_the_menu_only(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(users, "set_language", broken)
    await bot.press(34, "lang:en", lang="ru")
    assert "q:resume" not in bot.last().button_data()


async def test_pressing_help_on_the_help_screen_is_no_error(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    # Telegram refuses an edit to the same text and buttons: the screen is already right.
    await bot.send_text(35, "/help", lang="ru")
    same = "Bad Request: message is not modified: specified new message content and reply markup"
    bot.request.fail_with["editMessageText"] = (
        400,
        {"ok": False, "error_code": 400, "description": same + " are exactly the same"},
    )
    bot.request.clear()
    with caplog.at_level(logging.WARNING):
        await bot.press(35, "m:help", lang="ru")
    assert bot.request.sent("sendMessage") == []  # no apology
    assert not any(r.levelno >= logging.ERROR for r in caplog.records)
    assert len(bot.answered_callbacks()) == 1
