"""A lost dispute whose appeal worked: from the card to the refund's date and reminders."""

from __future__ import annotations

import html

import pytest

from advisor import labels
from advisor.models import Action
from locales import get_translator
from tests.orders.support import (
    button_ending,
    known_user,
    order_row,
    pending_reminder_kinds,
    press_on_screen,
    save,
    today,
)
from tests.support.harness import BotHarness


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_appeal_won_moves_a_lost_dispute_to_the_refund(bot: BotHarness, lang: str) -> None:
    tr = get_translator(lang)
    user_id = 760 + len(lang)
    user = await known_user(bot, user_id, lang)
    lost = {"stage": "lost", "since": today(bot).isoformat(), "requested_amount": 40.0}
    order_id = (await save(bot, user, dispute=lost)).order.id
    assert await pending_reminder_kinds(bot, order_id) == set()

    await press_on_screen(bot, user_id, f"o:{order_id}", lang)
    card = bot.last()
    assert html.escape(labels.action_title(tr, Action.appeal)) in card.text
    assert f"o:{order_id}:apw" in card.button_data()
    assert tr.gettext("✅ Appeal won: a refund is coming") in [b["text"] for b in card.buttons]

    await press_on_screen(bot, user_id, f"o:{order_id}:apw", lang)
    assert tr.gettext("When was the dispute decided?") in html.unescape(bot.last().text)
    await press_on_screen(bot, user_id, button_ending(bot, ":c:today"), lang)
    await press_on_screen(bot, user_id, button_ending(bot, ":c:all"), lang)
    card = bot.last()
    assert html.escape(labels.action_title(tr, Action.wait_refund)) in card.text
    assert tr.format_money(40, "USD") in card.text
    assert (await order_row(bot, order_id))["stage"] == "won"
    assert "refund_expected_by" in await pending_reminder_kinds(bot, order_id)
    # Decided: no second appeal won.
    assert f"o:{order_id}:apw" not in card.button_data()
