"""An edit of a message already sent changes nothing, and the user is told how to change it."""

from __future__ import annotations

import time

import pytest

from locales import get_translator
from tests.conversation.support import conversation_of, put_state
from tests.support.harness import BotHarness

IN_A_CONVERSATION = (
    "I only read new messages, not edits, so nothing has changed. To change an answer,"
    " go back to its question with the buttons and send the corrected answer as a new"
    " message."
)
OUTSIDE = "I only read new messages, not edits: please send it again as a new message."


async def _edit(bot: BotHarness, user_id: int, lang: str, text: str) -> int:
    """The user edits an earlier message of theirs to `text`; its message id."""
    payload = bot.message(user_id, lang, text=text, edit_date=int(time.time()))
    await bot.process({"edited_message": payload["message"]})
    return int(payload["message"]["message_id"])


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_an_edited_answer_changes_nothing_and_says_how_to_change_it(
    bot: BotHarness, lang: str
) -> None:
    await put_state(bot, 900, lang, ["c:no", "c:in_transit", "c:none", "s", "c:no"])
    before = await conversation_of(bot, 900)
    edited = await _edit(bot, 900, lang, "3 days ago")
    reply = bot.last()
    assert reply.method == "sendMessage"
    assert reply.text == get_translator(lang).gettext(IN_A_CONVERSATION)
    assert reply.params["reply_parameters"]["message_id"] == edited
    assert await conversation_of(bot, 900) == before


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_an_edit_outside_a_conversation_asks_to_send_it_again(
    bot: BotHarness, lang: str
) -> None:
    await bot.send_text(901, "/start", lang)
    await _edit(bot, 901, lang, "hello")
    assert bot.last().text == get_translator(lang).gettext(OUTSIDE)
    assert await conversation_of(bot, 901) is None


async def test_a_live_location_moving_gets_no_reply(bot: BotHarness) -> None:
    await put_state(bot, 902, "en", ["c:no", "c:in_transit"])
    bot.request.clear()
    location = {"latitude": 55.75, "longitude": 37.61, "live_period": 900}
    payload = bot.message(902, "en", location=location, edit_date=int(time.time()))
    await bot.process({"edited_message": payload["message"]})
    assert bot.request.sent() == []
