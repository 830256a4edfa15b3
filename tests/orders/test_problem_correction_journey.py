"""Correcting what is wrong with a saved order, through the bot: the order's card, stored
situation and advice follow the new problem."""

from __future__ import annotations

import pytest

from locales import get_translator
from tests.conversation.support import plain
from tests.orders.support import (
    button_ending,
    known_user,
    press_on_screen,
    save,
    stored_situation,
)
from tests.support.harness import BotHarness


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_mis_tapped_problem_is_corrected_from_the_order(bot: BotHarness, lang: str) -> None:
    tr = get_translator(lang)
    user = await known_user(bot, 580, lang)
    view = await save(bot, user, problem="damaged", usable=True)  # a partial refund (rule 14)
    assert view.advice.refund == "partial"
    await press_on_screen(bot, 580, f"o:{view.order.id}:fix", lang)
    assert tr.gettext("What is wrong with it") in [b["text"] for b in bot.last().buttons]
    await press_on_screen(bot, 580, button_ending(bot, ":c:problem"), lang)
    screen = bot.last()
    assert tr.gettext("What is wrong with the order?") in plain(screen.text)
    assert tr.gettext("It arrived broken or damaged") not in [b["text"] for b in screen.buttons]
    assert tr.gettext("↩️ Keep it as it is") in [b["text"] for b in screen.buttons]
    await press_on_screen(bot, 580, button_ending(bot, ":c:not_working"), lang)
    await press_on_screen(bot, 580, button_ending(bot, ":c:no"), lang)  # keep it, no return
    stored = await stored_situation(bot, view.order.id)
    assert stored["problem"] == "not_working" and stored["prefer_return"] is False
    # Rule 12: a full refund of the 40 paid.
    assert tr.format_money(40, "USD") in plain(bot.last().text)


async def test_keeping_the_problem_leaves_the_order_as_it_was(bot: BotHarness) -> None:
    user = await known_user(bot, 581, "en")
    view = await save(bot, user, problem="damaged", usable=True)
    before = await stored_situation(bot, view.order.id)
    await press_on_screen(bot, 581, f"o:{view.order.id}:fix", "en")
    await press_on_screen(bot, 581, button_ending(bot, ":c:problem"), "en")
    await press_on_screen(bot, 581, button_ending(bot, ":skip"), "en")
    after = await stored_situation(bot, view.order.id)
    assert after["problem"] == before["problem"] == "damaged"
    assert after["usable"] is True
