"""The request wrappers around the HTTP client: edits answered without Telegram's echo."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import BadRequest

from bot.requests import BotCalls, EditsWithoutEcho
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
        {"ok": False, "error_code": 400, "description": "Bad Request: message to edit not found"},
    )
    bot = await bot_on(request)
    with pytest.raises(BadRequest, match="not found"):
        await bot.edit_message_text("same", chat_id=5, message_id=77)


@pytest.mark.parametrize("method", ["editMessageText", "editMessageReplyMarkup"])
async def test_an_edit_that_changes_nothing_is_a_success(method: str) -> None:
    request = RecordingRequest()
    not_modified = "Bad Request: message is not modified: specified new message content and"
    request.fail_with[method] = (
        400,
        {"ok": False, "error_code": 400, "description": not_modified + " reply markup are exactly"},
    )
    bot = await bot_on(request)
    if method == "editMessageText":
        assert await bot.edit_message_text("same", chat_id=5, message_id=77) is True
    else:
        assert await bot.edit_message_reply_markup(chat_id=5, message_id=77) is True
    request.fail_with["sendMessage"] = request.fail_with[method]  # only edits are forgiven
    with pytest.raises(BadRequest):
        await bot.send_message(5, "hello")


async def test_other_calls_keep_telegrams_answer() -> None:
    request = RecordingRequest()
    bot = await bot_on(request)
    sent = await bot.send_message(5, "hello")
    assert isinstance(sent, Message)
    assert sent.message_id == request.next_message_id and sent.text == "hello"
    assert (await bot.get_me()).id == request._result("getMe", {})["id"]


TOO_OLD = {
    "ok": False,
    "error_code": 400,
    "description": "Bad Request: query is too old and response timeout expired or query ID is"
    " invalid",
}


async def test_a_button_answer_refused_as_too_old_counts_as_done() -> None:
    request = RecordingRequest()
    request.fail_with["answerCallbackQuery"] = (400, TOO_OLD)
    bot = Bot(TOKEN, request=BotCalls(request), get_updates_request=BotCalls(request))
    await bot.initialize()
    assert await bot.answer_callback_query("q1") is True
    assert [call.method for call in request.calls][-1] == "answerCallbackQuery"


async def test_other_refusals_of_a_button_answer_still_raise() -> None:
    request = RecordingRequest()
    request.fail_with["answerCallbackQuery"] = (
        400,
        {"ok": False, "error_code": 400, "description": "Bad Request: MESSAGE_TOO_LONG"},
    )
    bot = Bot(TOKEN, request=BotCalls(request), get_updates_request=BotCalls(request))
    await bot.initialize()
    with pytest.raises(BadRequest, match=r"(?i)message_too_long"):
        await bot.answer_callback_query("q1", text="x")
    request.fail_with["sendMessage"] = (400, TOO_OLD)  # only a button answer is forgiven
    with pytest.raises(BadRequest):
        await bot.send_message(5, "hello")
