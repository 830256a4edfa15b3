"""The unsaved advice card's "✏️ Change any answer" (walk A: going back from the card to the
problem took about ten presses of "Change the last answer")."""

from __future__ import annotations

import pytest

from advisor.questionnaire import answered_questions, back_to
from handlers.conversation.card_screen import read_advice_state
from locales import get_translator
from tests.conversation.support import (
    conversation_of,
    engine_state,
    plain,
    put_state,
    question_id,
    today,
    walk,
)
from tests.support.harness import BotHarness

# No tracking, the seller silent, protection ending in 20 days, the details skipped at the card.
PATH = ["c:no", "c:no_tracking", "c:none", "s", "c:no", "20 days", "c:no_reply", "m"]
PATH += ["s", "s", "s", "s"]


async def _card(bot: BotHarness, user_id: int, lang: str) -> None:
    await put_state(bot, user_id, lang, PATH)
    await walk(bot, user_id, lang, ["q:details:skip"])
    stored = await conversation_of(bot, user_id)
    assert stored is not None and stored.flow == "advice"


def test_back_to_a_question_undoes_the_answers_from_it_and_keeps_them_to_offer() -> None:
    state = engine_state(PATH)
    again = back_to(state, "delivery_status")
    assert again.history == state.history[:1]
    assert set(state.history[1:]) <= set(again.earlier)
    with pytest.raises(ValueError, match="not answered"):
        back_to(again, "delivery_status")
    asked = answered_questions(state, today())
    assert [question.id for question, _value in asked] == state.history


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_the_card_lists_the_answers_and_asks_the_one_picked_again(
    bot: BotHarness, lang: str
) -> None:
    tr = get_translator(lang)
    await _card(bot, 300, lang)
    card = bot.last()
    assert "a:edit" in card.button_data() and "a:back" in card.button_data()
    assert tr.gettext("✏️ Change any answer") in [button["text"] for button in card.buttons]
    before = await conversation_of(bot, 300)

    await walk(bot, 300, lang, ["a:edit"])
    listing = bot.last("editMessageText")
    text = plain(listing.text)
    assert tr.gettext("Which answer do you want to change?") in text
    assert "1. " + tr.gettext("Have you received the parcel?") in text
    assert tr.gettext("No, it has not arrived") in text.split("\n")[3]  # the first answer
    assert tr.gettext("not given") in text  # a skipped answer
    data = listing.button_data()
    assert data[0] == "a:edit:1" and data[-1] == "a:show"
    stored = await conversation_of(bot, 300)
    assert stored is not None and before is not None and stored.state == before.state

    await walk(bot, 300, lang, ["a:edit:2"])
    assert question_id(bot.last()) == "delivery_status"
    assert "q:delivery_status:keepall" in bot.last().button_data()
    # Every later answer comes back with one tap, the skipped note too (second walk of
    # 2026-12-03: it stopped at the note to "keep" with no note to keep): the same advice.
    await walk(bot, 300, lang, ["q:delivery_status:keepall"])
    after = await conversation_of(bot, 300)
    assert after is not None and after.flow == "advice"
    now, then = read_advice_state(after), read_advice_state(before)
    assert now is not None and then is not None
    assert now[0] == then[0] and now[1].answers == then[1].answers


async def test_another_answer_picked_from_the_list_changes_the_advice(bot: BotHarness) -> None:
    await _card(bot, 301, "en")
    before = read_advice_state(await conversation_of(bot, 301))
    assert before is not None and before[0].delivery_status == "no_tracking"
    await walk(bot, 301, "en", ["a:edit", "a:edit:2", "q:delivery_status:c:in_transit"])
    stored = await conversation_of(bot, 301)
    assert stored is not None and stored.flow == "q"
    assert stored.state["answers"]["delivery_status"] == "in_transit"
    assert stored.state["answers"]["received"] == "no", "the answer before it stays"


async def test_back_to_the_advice_from_the_list(bot: BotHarness) -> None:
    await _card(bot, 302, "en")
    card = bot.last().text
    await walk(bot, 302, "en", ["a:edit", "a:show"])
    assert bot.last("editMessageText").text == card
    assert "a:save" in bot.last().button_data()


@pytest.mark.parametrize("data", ["a:edit:0", "a:edit:99", "a:edit:x", "a:edit:-1", "a:edit:1234"])
async def test_a_forged_answer_number_is_refused(bot: BotHarness, data: str) -> None:
    await _card(bot, 303, "en")
    before = await conversation_of(bot, 303)
    await walk(bot, 303, "en", [data])
    assert bot.answered_callbacks(), "every query is answered"
    assert "out of date" in bot.last().text
    after = await conversation_of(bot, 303)
    assert after is not None and before is not None and after.state == before.state


async def test_the_list_of_a_card_replaced_since_is_out_of_date(bot: BotHarness) -> None:
    await _card(bot, 304, "en")
    old = await conversation_of(bot, 304)
    assert old is not None and old.message_id is not None
    await walk(bot, 304, "en", ["a:new"])  # a new questionnaire replaces the card
    await bot.press(304, "a:edit:2", "en", message_id=old.message_id)
    stored = await conversation_of(bot, 304)
    assert stored is not None and stored.flow == "q"
    assert question_id(bot.last()) != "delivery_status"
