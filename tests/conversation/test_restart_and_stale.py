"""Restarts mid-flow, /start with a questionnaire in progress, stale and forged buttons."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from locales import get_translator
from tests.conversation.support import (
    conversation_of,
    plain,
    put_state,
    question_id,
    saved_away,
    walk,
)
from tests.support.harness import BotHarness, make_settings

OUT_OF_DATE = "This menu is out of date."


async def test_restart_mid_flow_continues_at_the_same_question(db_path: Path) -> None:
    first = await BotHarness(make_settings(db_path)).start()
    try:
        await walk(first, 300, "en", ["/new", "q:received:c:no", "q:delivery_status:c:in_transit"])
        await walk(first, 300, "en", ["q:dispute_stage:c:none"])
        assert question_id(first.last()) == "shipped_on"
    finally:
        await first.stop()

    second = await BotHarness(make_settings(db_path)).start()
    try:
        # The next message just works: it answers the question shown before the restart.
        await second.send_text(300, "10 days ago", "en")
        assert question_id(second.last()) == "receipt_confirmed"
        stored = await conversation_of(second, 300)
        assert stored is not None
        assert stored.state["history"] == [
            "received",
            "delivery_status",
            "dispute_stage",
            "shipped_on",
        ]
    finally:
        await second.stop()


async def test_restart_then_a_button_of_the_shown_question_works(db_path: Path) -> None:
    first = await BotHarness(make_settings(db_path)).start()
    try:
        await walk(first, 301, "ru", ["/new", "q:received:c:yes"])
    finally:
        await first.stop()
    second = await BotHarness(make_settings(db_path)).start()
    try:
        await walk(second, 301, "ru", ["q:problem:c:not_working"])
        assert question_id(second.last()) == "dispute_stage"
        assert second.answered_callbacks()
    finally:
        await second.stop()


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_start_in_the_middle_offers_continue_or_start_over(
    bot: BotHarness, lang: str
) -> None:
    await walk(bot, 302, lang, ["/new", "q:received:c:no", "/start"])
    offer = bot.last()
    assert {"q:resume", "q:restart"} <= set(offer.button_data())
    await walk(bot, 302, lang, ["q:resume"])
    assert question_id(bot.last()) == "delivery_status"
    await walk(bot, 302, lang, ["/new", "q:restart"])
    assert question_id(bot.last()) == "received"
    stored = await conversation_of(bot, 302)
    assert stored is not None and stored.state["history"] == []


async def test_start_without_a_questionnaire_greets(bot: BotHarness) -> None:
    await walk(bot, 303, "en", ["/start"])
    assert "AliExpress" in bot.last().text and "m:new" in bot.last().button_data()
    await walk(bot, 303, "en", ["/start new"])
    assert question_id(bot.last()) == "received"


async def test_menu_button_starts_the_questionnaire(bot: BotHarness) -> None:
    await walk(bot, 304, "en", ["/start", "m:new"])
    assert bot.last().method == "editMessageText" and question_id(bot.last()) == "received"
    assert bot.answered_callbacks()


async def test_button_of_an_earlier_question_re_sends_the_current_one(bot: BotHarness) -> None:
    await walk(bot, 305, "en", ["/new", "q:received:c:no"])
    bot.request.clear()
    await bot.press(305, "q:received:c:yes", "en")
    answer = bot.answered_callbacks()[-1]
    assert answer.params.get("text") == OUT_OF_DATE
    assert question_id(bot.last()) == "delivery_status"
    stored = await conversation_of(bot, 305)
    assert stored is not None and stored.state["answers"] == {"received": "no"}


@pytest.mark.parametrize(
    "data",
    [
        "q:zzz",
        "q:received:c:yes:extra",
        "q:received:c:maybe",
        "q:received:c",
        "q:received:t:yes",
        "q:received:skip",
        "q:re ceived:c:yes",
        "a:bogus",
        "a:t:essay",
        "a:save:1",
    ],
)
async def test_forged_buttons_are_refused_and_logged(
    bot: BotHarness, data: str, caplog: pytest.LogCaptureFixture
) -> None:
    await walk(bot, 306, "en", ["/new"])
    before = await conversation_of(bot, 306)
    bot.request.clear()
    with caplog.at_level(logging.INFO):
        await bot.press(306, data, "en")
    # Every callback query is answered, and only once (Telegram refuses a second answer).
    assert len(bot.answered_callbacks()) == 1
    assert bot.answered_callbacks()[0].params.get("text") == OUT_OF_DATE
    assert "out of date" in bot.last().text and "m:new" in bot.last().button_data()
    assert (await conversation_of(bot, 306)) == before
    assert any("forged" in r.message or "stale" in r.message for r in caplog.records)


@pytest.mark.parametrize("data", ["q:received:c:yes", "q:resume", "a:save", "a:t:dispute"])
async def test_buttons_without_a_conversation_are_out_of_date(bot: BotHarness, data: str) -> None:
    await walk(bot, 307, "ru", ["/start"])
    bot.request.clear()
    await bot.press(307, data, "ru")
    assert bot.answered_callbacks()
    tr = get_translator("ru")
    assert tr.gettext("This menu is out of date. Here is a fresh one:") in plain(bot.last().text)


async def test_an_old_advice_card_is_out_of_date_after_saving(bot: BotHarness) -> None:
    await put_state(bot, 308, "en", ["c:no", "c:in_transit", "c:none", "s", "c:no", "s"])
    await walk(bot, 308, "en", ["q:seller_contact:c:not_contacted"])
    await walk(bot, 308, "en", ["q:evidence:done", "q:price:skip", "q:item:skip"])
    await walk(bot, 308, "en", ["q:order_number:skip", "q:tracking_number:skip"])
    await walk(bot, 308, "en", ["q:details:skip"])
    card = await conversation_of(bot, 308)
    assert card is not None and card.flow == "advice"
    await walk(bot, 308, "en", ["a:save"])
    bot.request.clear()
    await bot.press(308, "a:save", "en", message_id=card.message_id or 1)
    assert "out of date" in bot.last().text
    async with bot.runtime.db.conn.execute(
        "SELECT COUNT(*) FROM orders WHERE user_id = 308"
    ) as cursor:
        assert (await cursor.fetchone())[0] == 1


async def test_a_card_replaced_by_a_newer_one_is_out_of_date(bot: BotHarness) -> None:
    await put_state(bot, 309, "en", ["c:yes", "c:changed_mind", "c:none"])
    card = await conversation_of(bot, 309)
    assert card is not None
    # The state was stored directly; finishing it shows a card on the pressed message.
    await walk(bot, 309, "en", ["q:resume"])
    shown = await conversation_of(bot, 309)
    assert shown is not None and shown.flow == "advice"
    bot.request.clear()
    await bot.press(309, "a:save", "en", message_id=(shown.message_id or 1) + 77)
    assert "out of date" in bot.last().text


async def test_advice_card_buttons_work_after_a_restart(db_path: Path) -> None:
    first = await BotHarness(make_settings(db_path)).start()
    try:
        path = ["c:no", "c:no_tracking", "c:none", "s", "c:no", "1 day", "m", "s", "s", "s", "s"]
        await put_state(first, 310, "ru", path)
        await walk(first, 310, "ru", ["q:details:skip"])
        card = await conversation_of(first, 310)
        assert card is not None and card.flow == "advice"
    finally:
        await first.stop()
    second = await BotHarness(make_settings(db_path)).start()
    try:
        await second.press(310, "a:t:dispute", "ru", message_id=card.message_id or 1)
        assert any("<pre>" in call.text for call in second.request.sent("sendMessage"))
    finally:
        await second.stop()


# A parcel without tracking up to its last question: the advice card comes next.
_TO_THE_CARD = ["c:no", "c:no_tracking", "c:none", "s", "c:no", "1 day", "m", "s", "s", "s", "s"]


async def _unsaved_advice(bot: BotHarness, user_id: int) -> None:
    """Answer the questionnaire up to its advice card, shown and not saved, in English."""
    await put_state(bot, user_id, "en", _TO_THE_CARD)
    await walk(bot, user_id, "en", ["q:details:skip"])


def _sent_id(bot: BotHarness) -> int:
    """The message id Telegram gave the last message the bot sent."""
    return bot.request.next_message_id


async def test_start_over_on_an_offer_the_buyer_has_moved_past_keeps_the_answers(
    bot: BotHarness,
) -> None:
    """Two offers to continue; Continue on the newer, then Start over on the older one: the
    answers stay and the current question comes back (walk M: seven answers wiped)."""
    await walk(bot, 311, "en", ["/new", "q:received:c:no", "/start"])
    older = _sent_id(bot)
    await walk(bot, 311, "en", ["/start"])
    newer = _sent_id(bot)
    await bot.press(311, "q:resume", "en", message_id=newer)
    assert question_id(bot.last()) == "delivery_status"
    await bot.press(311, "q:restart", "en", message_id=older)
    assert bot.answered_callbacks()[-1].params.get("text") == OUT_OF_DATE
    assert question_id(bot.last()) == "delivery_status"
    stored = await conversation_of(bot, 311)
    assert stored is not None and stored.state["answers"] == {"received": "no"}
    # Start over on an offer newer than the screen still starts over.
    await walk(bot, 311, "en", ["/start"])
    await bot.press(311, "q:restart", "en", message_id=_sent_id(bot))
    stored = await conversation_of(bot, 311)
    assert stored is not None and stored.state["answers"] == {}


async def test_unsaved_advice_shown_again_takes_the_buttons_off_its_older_copy(
    bot: BotHarness,
) -> None:
    """Typing under the card shows it again: the older copy loses its buttons, so its Save
    cannot answer "out of date" while looking alive (walk M)."""
    await _unsaved_advice(bot, 312)
    first = await conversation_of(bot, 312)
    assert first is not None and first.flow == "advice"
    bot.request.clear()
    await bot.send_text(312, "thanks", "en")
    retired = bot.request.sent("editMessageReplyMarkup")
    assert [call.params["message_id"] for call in retired] == [first.message_id]
    again = await conversation_of(bot, 312)
    assert again is not None and again.message_id != first.message_id
    await bot.press(312, "a:save", "en", message_id=again.message_id or 1)
    assert saved_away(await conversation_of(bot, 312)), "saved"


async def test_start_over_on_an_older_unsaved_advice_offer_keeps_the_advice(
    bot: BotHarness,
) -> None:
    await _unsaved_advice(bot, 313)
    await walk(bot, 313, "en", ["/start"])
    older = _sent_id(bot)
    await walk(bot, 313, "en", ["/start"])
    await bot.press(313, "a:show", "en", message_id=_sent_id(bot))
    await bot.press(313, "a:new", "en", message_id=older)
    assert bot.answered_callbacks()[-1].params.get("text") == OUT_OF_DATE
    stored = await conversation_of(bot, 313)
    assert stored is not None and stored.flow == "advice"
    assert "a:save" in bot.last().button_data()


@pytest.mark.parametrize(
    ("steps", "back"), [(["/new", "q:received:c:no"], "q:resume"), (None, "a:show")]
)
async def test_an_out_of_date_menu_leads_back_to_the_work_in_progress(
    bot: BotHarness, steps: list[str] | None, back: str
) -> None:
    """Walk M: a stale button or an unknown command showed the bare menu, as if the
    questionnaire or the unsaved advice were gone."""
    if steps is None:
        await _unsaved_advice(bot, 314)
    else:
        await walk(bot, 314, "en", steps)
    await bot.press(314, "o:99999", "en", message_id=1)  # not this user's order: refused
    assert bot.last().button_data()[0] == back
    await bot.send_text(314, "/nonsense", "en")
    assert bot.last().button_data()[0] == back
    await bot.press(314, back, "en", message_id=2)
    if back == "q:resume":
        assert question_id(bot.last()) == "delivery_status"
    else:
        assert "a:save" in bot.last().button_data()


async def test_an_older_unsaved_advice_offers_start_over_keeps_a_questionnaire_since(
    bot: BotHarness,
) -> None:
    """Review Q: the advice offer's Start over on an old message wiped the questionnaire the
    buyer had started (and answered) from a newer offer."""
    await _unsaved_advice(bot, 315)
    await walk(bot, 315, "en", ["/start"])
    older = _sent_id(bot)
    await walk(bot, 315, "en", ["/start"])
    await bot.press(315, "a:new", "en", message_id=_sent_id(bot))
    await walk(bot, 315, "en", ["q:received:c:no"])
    await bot.press(315, "a:new", "en", message_id=older)
    assert bot.answered_callbacks()[-1].params.get("text") == OUT_OF_DATE
    stored = await conversation_of(bot, 315)
    assert stored is not None and stored.state["answers"] == {"received": "no"}
    assert question_id(bot.last()) == "delivery_status"
