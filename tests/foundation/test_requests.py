"""The request wrappers around the HTTP client: edits answered without Telegram's echo."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import BadRequest

from bot.requests import EditsWithoutEcho
from tests.support.recording import RecordingRequest

TOKEN = "123456:requests_test_token"


async def bot_on(request: RecordingRequest) -> Bot:
    wrapped = EditsWithoutEcho(request)
    bot = Bot(TOKEN, request=wrapped, get_updates_request=wrapped)
    await bot.initialize()
    return bot


async def test_an_edit_is_made_as_asked_and_answered_true() -> None:
    request = RecordingRequest()
    bot = await bot_on(request)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Next", callback_data="q:x:c:yes")]])
    result = await bot.edit_message_text("new text", chat_id=5, message_id=77, reply_markup=markup)
    assert result is True
    (call,) = request.sent("editMessageText")
    assert call.params["chat_id"] == 5 and call.params["message_id"] == 77
    assert call.params["text"] == "new text"
    assert call.button_data() == ["q:x:c:yes"]
    assert await bot.edit_message_reply_markup(chat_id=5, message_id=77) is True


async def test_a_refused_edit_still_raises_telegrams_error() -> None:
    request = RecordingRequest()
    request.fail_with["editMessageText"] = (
        400,
        {"ok": False, "error_code": 400, "description": "Bad Request: message is not modified"},
    )
    bot = await bot_on(request)
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("same", chat_id=5, message_id=77)


async def test_other_calls_keep_telegrams_answer() -> None:
    request = RecordingRequest()
    bot = await bot_on(request)
    sent = await bot.send_message(5, "hello")
    assert isinstance(sent, Message)
    assert sent.message_id == request.next_message_id and sent.text == "hello"
    assert (await bot.get_me()).id == request._result("getMe", {})["id"]
