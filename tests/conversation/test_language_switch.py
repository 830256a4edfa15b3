"""Switching the language mid-questionnaire keeps the answers and offers the way back to them."""

from __future__ import annotations

from tests.conversation.support import (
    answers_part,
    conversation_of,
    put_state,
    question_id,
    walk,
)
from tests.support.harness import BotHarness


async def test_switching_language_mid_questionnaire_offers_to_continue_it(
    bot: BotHarness,
) -> None:
    await put_state(bot, 950, "ru", ["c:no", "c:in_transit"])
    before = await conversation_of(bot, 950)
    assert before is not None
    await bot.send_text(950, "/language", "ru")
    await bot.press(950, "lang:en", "ru")
    done = bot.last()
    assert done.text == "Done, I will speak English from now on."
    assert done.button_data()[0] == "q:resume" and "m:new" in done.button_data()
    assert done.buttons[0]["text"] == "▶️ Continue the questionnaire"  # in the new language

    await walk(bot, 950, "en", ["q:resume"])
    stored = await conversation_of(bot, 950)
    assert stored is not None and answers_part(stored.state) == answers_part(before.state)
    assert question_id(bot.last()) is not None


async def test_switching_language_without_a_questionnaire_shows_the_plain_menu(
    bot: BotHarness,
) -> None:
    await bot.send_text(951, "/language", "ru")
    await bot.press(951, "lang:en", "ru")
    assert "q:resume" not in bot.last().button_data() and "m:new" in bot.last().button_data()
