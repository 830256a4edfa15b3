"""Correcting a short shipment's counts on a saved order (walk AE: one typo in "how many came"
set the amount asked, the dispute text and every offer's judging, and only deleting the order
could fix it)."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.parsing.numbers import QUANTITY_OTHER_TOTAL
from advisor.questionnaire.correction import MORE_THAN_ORDERED_SAVED, NONE_MISSING_SAVED
from locales import fill, get_translator
from tests.conversation.support import plain
from tests.orders.support import (
    button_ending,
    known_user,
    press_on_screen,
    save,
    stored_situation,
    today,
)
from tests.support.harness import BotHarness

SHORT = {"problem": "short_quantity", "quantity_ordered": 5, "quantity_received": 3}


async def _correct_counts(bot: BotHarness, user_id: int, order_id: int, lang: str) -> None:
    await press_on_screen(bot, user_id, f"o:{order_id}:fix", lang)
    await press_on_screen(bot, user_id, button_ending(bot, ":c:quantities"), lang)


async def _all_work(bot: BotHarness, user_id: int, lang: str) -> None:
    """ "They all work" at the pieces that came broken, asked after the counts."""
    await press_on_screen(bot, user_id, button_ending(bot, "quantity_faulty:skip"), lang)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_corrected_counts_change_the_share_asked(bot: BotHarness, lang: str) -> None:
    tr = get_translator(lang)
    user = await known_user(bot, 570, lang)
    view = await save(bot, user, **SHORT)
    assert view.advice.amount == 16.0  # 40 x 2 / 5
    await _correct_counts(bot, 570, view.order.id, lang)
    assert tr.gettext("How many pieces did you order?") in bot.last().text
    await bot.send_text(570, "5", lang)
    await bot.send_text(570, "2", lang)
    await _all_work(bot, 570, lang)
    stored = await stored_situation(bot, view.order.id)
    assert (stored["quantity_ordered"], stored["quantity_received"]) == (5, 2)
    assert tr.format_money(24, "USD") in bot.last().text  # 40 x 3 / 5


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_counts_typed_as_a_part_of_the_whole_are_read(bot: BotHarness, lang: str) -> None:
    # Walk BY: "2 of 3" was unreadable. The whole must be what was ordered.
    tr = get_translator(lang)
    user = await known_user(bot, 571, lang)
    view = await save(bot, user, **SHORT)
    await _correct_counts(bot, 571, view.order.id, lang)
    await bot.send_text(571, "1 из 4" if lang == "ru" else "1 of 4", lang)  # the whole: 4
    await bot.send_text(571, "1 of 5", lang)
    assert fill(tr.gettext(QUANTITY_OTHER_TOTAL), {"ordered": "4"}) in plain(bot.last().text)
    await bot.send_text(571, "получила 1 из 4" if lang == "ru" else "got 1/4", lang)
    await _all_work(bot, 571, lang)
    stored = await stored_situation(bot, view.order.id)
    assert (stored["quantity_ordered"], stored["quantity_received"]) == (4, 1)


async def test_the_counts_are_offered_only_for_a_short_shipment(bot: BotHarness) -> None:
    user = await known_user(bot, 571, "en")
    broken = await save(bot, user)
    await press_on_screen(bot, 571, f"o:{broken.order.id}:fix", "en")
    assert not any(d.endswith(":c:quantities") for d in bot.last().button_data())


@pytest.mark.parametrize(
    ("received", "refusal"), [("5", NONE_MISSING_SAVED), ("7", MORE_THAN_ORDERED_SAVED)]
)
async def test_a_received_count_of_all_ordered_is_refused_and_nothing_changes(
    bot: BotHarness, received: str, refusal: str
) -> None:
    """Walk BC: the refusal sent the buyer Back to "What is wrong with the order?", a question
    a saved order's corrections do not have; it names /new instead."""
    user = await known_user(bot, 572, "ru")
    view = await save(bot, user, **SHORT)
    await _correct_counts(bot, 572, view.order.id, "ru")
    await bot.send_text(572, "5", "ru")
    await bot.send_text(572, received, "ru")
    said = "\n".join(call.text for call in bot.request.sent()[-2:])
    assert get_translator("ru").gettext(refusal) % {"ordered": "5"} in said
    assert "Сколько штук пришло?" in bot.last().text, "asked again"
    stored = await stored_situation(bot, view.order.id)
    assert (stored["quantity_ordered"], stored["quantity_received"]) == (5, 3)


@pytest.mark.parametrize(("asked", "after"), [(16.0, 24.0), (20.0, 20.0)])
async def test_a_dispute_asking_the_old_share_asks_the_new_one(
    bot: BotHarness, asked: float, after: float
) -> None:
    """Walk AI: the dispute asked 40 x 2 / 5 = 16 from the mistyped count; corrected to 2 of 5
    received it kept 16, and a seller's offer of 16 read as "accept" though 24 was owed. The
    share moves with the counts; an amount the buyer typed themselves stays."""
    opened = (today(bot) - dt.timedelta(days=1)).isoformat()
    dispute = {
        "stage": "open",
        "opened_on": opened,
        "requested_solution": "refund_only",
        "requested_amount": asked,
    }
    user = await known_user(bot, 573, "en")
    view = await save(bot, user, **SHORT, dispute=dispute)
    await _correct_counts(bot, 573, view.order.id, "en")
    await bot.send_text(573, "5", "en")
    await bot.send_text(573, "2", "en")
    await _all_work(bot, 573, "en")
    stored = await stored_situation(bot, view.order.id)
    assert stored["quantity_received"] == 2
    assert stored["dispute"]["requested_amount"] == after
