"""/cancel drops nothing the user did not mean to (walk AM): typing a time zone is cancelled
alone, and unsaved advice or many answers are asked about first, as the ✖️ button asks."""

from __future__ import annotations

import pytest

from advisor.questionnaire import FlowState, current_question
from handlers.conversation.card_screen import advice_token
from locales import get_translator
from storage import conversations
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

# No tracking, the seller silent, protection ending in 20 days: the details question is last.
TO_DETAILS = ["c:no", "c:no_tracking", "c:none", "s", "c:no", "20 days", "c:no_reply", "m"]
TO_DETAILS += ["s", "s", "s", "s"]


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_cancel_while_typing_a_time_zone_keeps_the_questionnaire(
    bot: BotHarness, lang: str
) -> None:
    state = await put_state(bot, 701, lang, ["c:no", "c:in_transit", "c:none"])
    await bot.send_text(701, "/settings", lang)
    await bot.press(701, "s:tzt", lang)
    await bot.send_text(701, "/cancel", lang)
    reply = bot.last()
    tr = get_translator(lang)
    assert reply.text == tr.gettext("Cancelled: the time zone is unchanged.")
    assert "q:resume" in reply.button_data()
    stored = await conversation_of(bot, 701)
    assert stored is not None and stored.flow == "q"
    assert stored.state["history"] == state.history
    await bot.press(701, "q:resume", lang)
    assert question_id(bot.last()) == "shipped_on"


async def test_cancel_with_answers_worth_keeping_asks_first(bot: BotHarness) -> None:
    state = await put_state(bot, 702, "en", ["c:no", "c:in_transit", "c:none", "5 days ago"])
    await bot.send_text(702, "/cancel", "en")
    asked = bot.last()
    assert "Stop this questionnaire?" in asked.text
    assert "q:resume" in asked.button_data()
    stop = next(data for data in asked.button_data() if data.endswith(":xx"))
    stored = await conversation_of(bot, 702)
    assert stored is not None and stored.state["history"] == state.history
    await bot.press(702, stop, "en", message_id=stored.message_id or 0)
    assert await conversation_of(bot, 702) is None
    assert "Cancelled. Your saved orders are untouched." in plain(bot.last().text)


async def test_cancel_with_few_answers_cancels_at_once(bot: BotHarness) -> None:
    await put_state(bot, 703, "en", ["c:no", "c:in_transit"])
    await bot.send_text(703, "/cancel", "en")
    assert bot.last().text == "Cancelled. Your saved orders are untouched."
    assert await conversation_of(bot, 703) is None


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_cancel_on_unsaved_advice_asks_before_dropping_it(bot: BotHarness, lang: str) -> None:
    await put_state(bot, 704, lang, TO_DETAILS)
    await walk(bot, 704, lang, ["q:details:skip"])
    assert (await conversation_of(bot, 704)).flow == "advice"  # type: ignore[union-attr]
    await bot.send_text(704, "/cancel", lang)
    asked = bot.last()
    tr = get_translator(lang)
    assert asked.text == tr.gettext(
        "Drop the advice that is not saved yet? It cannot be brought back."
    )
    stored = await conversation_of(bot, 704)
    assert stored is not None
    assert asked.button_data() == [f"a:drop:{advice_token(stored)}", "a:show"]
    assert (await conversation_of(bot, 704)).flow == "advice"  # type: ignore[union-attr]
    await bot.press(704, "a:show", lang)
    assert "a:save" in bot.last().button_data()  # the card again, still unsaved

    await bot.send_text(704, "/cancel", lang)
    await bot.press(704, bot.last().button_data()[0], lang)
    assert await conversation_of(bot, 704) is None
    assert tr.gettext("Cancelled. Your saved orders are untouched.") in plain(bot.last().text)


@pytest.mark.parametrize("data", ["a:drop:1", "a:drop", "a:drop:0123abcd"])
async def test_dropping_advice_that_is_gone_is_out_of_date(bot: BotHarness, data: str) -> None:
    await bot.send_text(705, "/start", "en")
    await bot.press(705, data, "en")
    assert bot.answered_callbacks()
    assert "out of date" in plain(bot.last().text)


async def test_an_old_drop_confirmation_leaves_newer_advice_alone(bot: BotHarness) -> None:
    """Review AV: "Drop it?" left unanswered, the advice saved and another one made: the old
    "Yes, drop it" dropped the new advice without asking."""
    await put_state(bot, 708, "en", TO_DETAILS)
    await walk(bot, 708, "en", ["q:details:skip"])
    await bot.send_text(708, "/cancel", "en")
    old_drop = bot.last().button_data()[0]
    await walk(bot, 708, "en", ["a:save"])
    dumped = engine_state(TO_DETAILS).model_dump(mode="json")
    await conversations.save(bot.runtime.db, 708, "q", dumped, message_id=50)
    await bot.press(708, "q:details:skip", "en", message_id=50)
    newer = await conversation_of(bot, 708)
    assert newer is not None and newer.flow == "advice" and newer.message_id == 50
    await bot.press(708, old_drop, "en", message_id=51)
    assert "out of date" in plain(bot.last().text)
    assert await conversation_of(bot, 708) == newer


async def test_an_old_stop_confirmation_leaves_a_newer_questionnaire_alone(
    bot: BotHarness,
) -> None:
    """Review AV: "Stop?" left unanswered, the questionnaire started over and brought back to
    the same question: the old "Yes, stop" dropped it without asking."""
    answers = ["c:no", "c:in_transit", "c:none", "5 days ago"]
    await put_state(bot, 709, "en", answers)
    await bot.send_text(709, "/cancel", "en")
    stop_message = (await conversation_of(bot, 709)).message_id  # type: ignore[union-attr]
    stop = next(data for data in bot.last().button_data() if data.endswith(":xx"))
    await put_state(bot, 709, "en", answers)  # started over, the same answers again
    again = await conversation_of(bot, 709)
    assert again is not None and not again.state["cancel_asked"]
    await bot.press(709, stop, "en", message_id=stop_message)
    assert "out of date" in plain(bot.last().text) or bot.answered_callbacks()
    stored = await conversation_of(bot, 709)
    assert stored is not None and stored.state["history"] == again.state["history"]


async def test_the_question_behind_the_stop_question_loses_its_buttons(bot: BotHarness) -> None:
    """Walk AR: after /cancel and "No, continue" both copies of the question answered."""
    await put_state(bot, 706, "en", ["c:no", "c:in_transit", "c:none", "5 days ago"])
    shown = (await conversation_of(bot, 706)).message_id  # type: ignore[union-attr]
    bot.request.clear()
    await bot.send_text(706, "/cancel", "en")
    retired = [c.params["message_id"] for c in bot.request.sent("editMessageReplyMarkup")]
    assert retired == [shown]


async def test_an_old_drop_confirmation_leaves_advice_made_anew_in_its_message_alone(
    bot: BotHarness,
) -> None:
    """Walk AX: "Start over" answered a new questionnaire in the same message, and the old
    "Yes, drop it" dropped the new advice."""
    await put_state(bot, 710, "en", TO_DETAILS)
    await walk(bot, 710, "en", ["q:details:skip"])
    await bot.send_text(710, "/cancel", "en")
    old_drop = bot.last().button_data()[0]
    first = await conversation_of(bot, 710)
    assert first is not None
    # Another advice shown in the same message, as "Start over" does.
    state = {**first.state, "situation": {**first.state["situation"], "item": "A lamp"}}
    await conversations.save(bot.runtime.db, 710, "advice", state, message_id=first.message_id)
    newer = await conversation_of(bot, 710)
    assert newer is not None and newer.message_id == first.message_id
    await bot.press(710, old_drop, "en", message_id=51)
    assert "out of date" in plain(bot.last().text)
    assert await conversation_of(bot, 710) == newer


async def _back_to_the_first_question(bot: BotHarness, user_id: int, lang: str) -> str:
    """Press Back until the first question is on screen: its id."""
    stored = await conversation_of(bot, user_id)
    assert stored is not None
    question = current_question(FlowState.model_validate(stored.state), today())
    assert question is not None
    asked = question.id
    while stored.state["history"]:
        await walk(bot, user_id, lang, [f"q:{asked}:back"])
        asked = question_id(bot.last())
        stored = await conversation_of(bot, user_id)
        assert stored is not None
    return asked


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_back_from_the_first_question_over_answers_stepped_back_asks_first(
    bot: BotHarness, lang: str
) -> None:
    """Walk BE: five answers stepped back over, one more Back on the first question dropped
    them all at once, though /cancel asks before dropping three."""
    await put_state(bot, 707, lang, ["c:no", "c:in_transit", "c:none", "5 days ago"])
    first = await _back_to_the_first_question(bot, 707, lang)
    await walk(bot, 707, lang, [f"q:{first}:back"])
    asked = bot.last()
    tr = get_translator(lang)
    stop = tr.ngettext(
        "Stop this questionnaire? The %(n)s answer you gave will be lost.",
        "Stop this questionnaire? The %(n)s answers you gave will be lost.",
        4,
    ) % {"n": 4}
    assert plain(asked.text) == stop
    stored = await conversation_of(bot, 707)
    assert stored is not None and len(stored.state["earlier"]) == 4
    await walk(bot, 707, lang, ["q:resume"])
    assert question_id(bot.last()) == first
    assert f"q:{first}:keepall" in bot.last().button_data()


async def test_back_from_the_first_question_over_few_answers_leaves_at_once(
    bot: BotHarness,
) -> None:
    await put_state(bot, 708, "en", ["c:no", "c:in_transit"])
    first = await _back_to_the_first_question(bot, 708, "en")
    await walk(bot, 708, "en", [f"q:{first}:back"])
    assert "Stop this questionnaire?" not in bot.last().text
    assert await conversation_of(bot, 708) is None
