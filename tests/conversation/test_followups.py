"""Follow-ups of a saved order run on the questionnaire engine and update the order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from advisor.models import DeliveryStatus, Situation
from handlers.order_store import delete_order, save_new_order
from locales import get_translator
from storage import orders, users
from tests.conversation.support import conversation_of, question_id, today, walk
from tests.support.harness import BotHarness, make_settings


async def _saved_order(bot: BotHarness, user_id: int, lang: str) -> int:
    await bot.send_text(user_id, "/start", lang)
    user = await users.get(bot.runtime.db, user_id)
    assert user is not None
    situation = Situation(
        today=today(),
        received=False,
        delivery_status=DeliveryStatus.in_transit,
        protection_ends_on=today() + dt.timedelta(days=5),
        price=30,
        item="lamp",
    )
    view = await save_new_order(bot.runtime, user, situation, today())
    return view.order.id


async def _situation(bot: BotHarness, user_id: int, order_id: int) -> Situation:
    order = await orders.get_for_user(bot.runtime.db, order_id, user_id)
    assert order is not None
    return Situation.model_validate(order.situation)


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_seller_extended_asks_the_new_date_then_updates_the_order(
    bot: BotHarness, lang: str
) -> None:
    order_id = await _saved_order(bot, 500, lang)
    await walk(bot, 500, lang, [f"o:{order_id}:ext"])
    assert question_id(bot.last()) == "new_protection_end"
    stored = await conversation_of(bot, 500)
    assert stored is not None and stored.order_id == order_id
    await walk(bot, 500, lang, ["in 30 days" if lang == "en" else "через 30 дней"])
    situation = await _situation(bot, 500, order_id)
    assert situation.protection_ends_on == today() + dt.timedelta(days=30)
    assert situation.seller.extended
    assert await conversation_of(bot, 500) is None
    assert f"o:{order_id}:opn" in bot.last().button_data()  # the order card again


async def test_opened_then_a_follow_up_without_questions_completes_at_once(
    bot: BotHarness,
) -> None:
    order_id = await _saved_order(bot, 501, "en")
    await walk(bot, 501, "en", [f"o:{order_id}:opn", "q:opened_when:c:today"])
    situation = await _situation(bot, 501, order_id)
    assert situation.dispute.stage == "open" and situation.dispute.opened_on == today()
    await walk(bot, 501, "en", [f"o:{order_id}:cls"])
    assert (await _situation(bot, 501, order_id)).dispute.stage == "seller_asks_to_close"
    assert await conversation_of(bot, 501) is None


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_cancel_in_a_follow_up_goes_back_to_the_unchanged_order(
    bot: BotHarness, lang: str
) -> None:
    order_id = await _saved_order(bot, 502, lang)
    before = await _situation(bot, 502, order_id)
    await walk(bot, 502, lang, [f"o:{order_id}:opn", "q:opened_when:c:earlier"])
    question = bot.last()
    back = next(b for b in question.buttons if b["callback_data"] == "q:opened_date:x")
    assert back["text"] == get_translator(lang).gettext("📦 Back to the order")
    await walk(bot, 502, lang, ["q:opened_date:x"])
    assert await conversation_of(bot, 502) is None
    assert await _situation(bot, 502, order_id) == before
    card = bot.last()
    assert card.method == "editMessageText" and f"o:{order_id}:opn" in card.button_data()


async def test_cancel_of_a_follow_up_whose_order_was_deleted_shows_the_menu(
    bot: BotHarness,
) -> None:
    order_id = await _saved_order(bot, 504, "en")
    await walk(bot, 504, "en", [f"o:{order_id}:ext"])
    user = await users.get(bot.runtime.db, 504)
    assert user is not None and await delete_order(bot.runtime, user, order_id)
    await walk(bot, 504, "en", ["q:new_protection_end:x"])
    assert await conversation_of(bot, 504) is None
    assert "m:new" in bot.last().button_data()
    assert len(bot.answered_callbacks()) == 2


async def test_a_follow_up_survives_a_restart(db_path: Path) -> None:
    first = await BotHarness(make_settings(db_path)).start()
    try:
        order_id = await _saved_order(first, 503, "en")
        await walk(first, 503, "en", [f"o:{order_id}:opn", "q:opened_when:c:earlier"])
    finally:
        await first.stop()
    second = await BotHarness(make_settings(db_path)).start()
    try:
        await second.send_text(503, "3 days ago", "en")
        situation = await _situation(second, 503, order_id)
        assert situation.dispute.opened_on == today() - dt.timedelta(days=3)
    finally:
        await second.stop()


async def test_cancel_command_in_a_follow_up_shows_the_unchanged_order(bot: BotHarness) -> None:
    order_id = await _saved_order(bot, 505, "en")
    before = await _situation(bot, 505, order_id)
    await walk(bot, 505, "en", [f"o:{order_id}:ext"])
    await bot.send_text(505, "/cancel", "en")
    assert await conversation_of(bot, 505) is None
    assert await _situation(bot, 505, order_id) == before
    assert "unchanged" in bot.request.sent()[-2].text
    assert f"o:{order_id}:ext" in bot.last().button_data(), "the order card again"
