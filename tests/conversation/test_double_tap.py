"""A quick double tap: Telegram delivers both taps, and the second is answered quietly (review
AG: it showed "That button belongs to an earlier question" or "This menu is out of date" under
the right result)."""

from __future__ import annotations

from storage import orders
from tests.conversation.support import conversation_of, put_state, question_id, walk
from tests.support.harness import BotHarness


async def test_a_double_tapped_answer_is_recorded_once_and_nothing_more_is_said(
    bot: BotHarness,
) -> None:
    await walk(bot, 330, "en", ["/start", "/new"])
    shown = await conversation_of(bot, 330)
    assert shown is not None and shown.message_id is not None
    await bot.press(330, "q:received:c:no", "en", message_id=shown.message_id)
    after_first = len(bot.request.sent())
    state = await conversation_of(bot, 330)
    await bot.press(330, "q:received:c:no", "en", message_id=shown.message_id, double_tap=True)
    assert len(bot.request.sent()) == after_first, "no warning, no second copy of the question"
    assert len(bot.answered_callbacks()) == 2, "each tap is answered"
    assert bot.answered_callbacks()[-1].params.get("text") is None
    assert await conversation_of(bot, 330) == state
    assert question_id(bot.last()) == "delivery_status"


async def test_a_double_tapped_save_saves_once_and_adds_no_menu(bot: BotHarness) -> None:
    await put_state(bot, 331, "en", ["c:no", "c:in_transit", "c:none", "s", "c:no", "s"])
    await walk(bot, 331, "en", ["q:seller_contact:c:not_contacted", "q:evidence:done"])
    await walk(bot, 331, "en", ["q:price:skip", "q:item:skip", "q:order_number:skip"])
    await walk(bot, 331, "en", ["q:tracking_number:skip", "q:details:skip"])
    card = await conversation_of(bot, 331)
    assert card is not None and card.flow == "advice" and card.message_id is not None
    await bot.press(331, "a:save", "en", message_id=card.message_id)
    saved_screen = bot.last()
    await bot.press(331, "a:save", "en", message_id=card.message_id, double_tap=True)
    assert bot.last() is saved_screen, "nothing under the saved order"
    assert len(await orders.list_for_user(bot.runtime.db, 331)) == 1


async def test_the_same_button_pressed_again_later_is_out_of_date(bot: BotHarness) -> None:
    await walk(bot, 332, "en", ["/start", "/new"])
    shown = await conversation_of(bot, 332)
    assert shown is not None and shown.message_id is not None
    await bot.press(332, "q:received:c:no", "en", message_id=shown.message_id)
    await bot.press(332, "q:received:c:no", "en", message_id=shown.message_id)
    assert "That button belongs to an earlier question" in bot.last().text


async def test_a_double_tapped_tick_stays_ticked(bot: BotHarness) -> None:
    """Walk AI: the second tap unticked what the first ticked, and the evidence was lost."""
    await put_state(bot, 333, "en", ["c:no", "c:no_tracking", "c:none", "s", "c:no", "s"])
    await walk(bot, 333, "en", ["q:seller_contact:c:no_reply"])
    screen = await conversation_of(bot, 333)
    assert screen is not None and screen.message_id is not None
    assert question_id(bot.last()) == "evidence"
    tick = "q:evidence:t:tracking_screenshot"
    await bot.press(333, tick, "en", message_id=screen.message_id)
    await bot.press(333, tick, "en", message_id=screen.message_id, double_tap=True)
    ticked = [b["text"] for b in bot.last().buttons if b.get("callback_data") == tick]
    assert ticked and ticked[0].startswith("✅"), ticked
    # Pressed again a moment later, it is a deliberate untick.
    await bot.press(333, tick, "en", message_id=screen.message_id)
    ticked = [b["text"] for b in bot.last().buttons if b.get("callback_data") == tick]
    assert not ticked[0].startswith("✅")


async def test_a_double_tapped_text_button_sends_the_text_once(bot: BotHarness) -> None:
    path = ["c:no", "c:no_tracking", "c:none", "s", "c:no", "1 day", "m", "s", "s", "s", "s"]
    await put_state(bot, 334, "en", path)
    await walk(bot, 334, "en", ["q:details:skip"])
    card = await conversation_of(bot, 334)
    assert card is not None and card.message_id is not None
    text_button = next(d for d in bot.last().button_data() if d.startswith("a:t:"))
    await bot.press(334, text_button, "en", message_id=card.message_id)
    sent = len(bot.request.sent("sendMessage"))
    await bot.press(334, text_button, "en", message_id=card.message_id, double_tap=True)
    assert len(bot.request.sent("sendMessage")) == sent


async def test_quick_presses_of_different_buttons_all_count(bot: BotHarness) -> None:
    """Review AK: tick A, tick B, untick A, all quickly: the untick was dropped as a repeat."""
    await put_state(bot, 335, "en", ["c:no", "c:no_tracking", "c:none", "s", "c:no", "s"])
    await walk(bot, 335, "en", ["q:seller_contact:c:no_reply"])
    screen = await conversation_of(bot, 335)
    assert screen is not None and screen.message_id is not None
    first, second = "q:evidence:t:tracking_screenshot", "q:evidence:t:chat_screenshot"
    for data in (first, second, first):
        await bot.press(335, data, "en", message_id=screen.message_id, double_tap=True)
    marks = {b["callback_data"]: b["text"].startswith("✅") for b in bot.last().buttons}
    assert (marks[first], marks[second]) == (False, True)
