"""A parcel that arrives while its not-received dispute is under way (known issue until now:
the card offered no way to record it)."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from handlers.conversation.flow import ARRIVED_IN_DISPUTE, ARRIVED_IN_DISPUTE_ASK
from locales import get_translator
from tests.orders.support import (
    button_ending,
    known_user,
    pending_reminder_kinds,
    press_on_screen,
    save,
    stored_situation,
    today,
)
from tests.support.harness import BotHarness

NOT_RECEIVED = {"received": False, "problem": None, "delivery_status": "in_transit"}


def _opened(bot: BotHarness, stage: str = "open") -> dict[str, object]:
    """A not-received dispute opened two days ago, asking the full price back."""
    opened = (today(bot) - dt.timedelta(days=2)).isoformat()
    return {
        "stage": stage,
        "since": opened,
        "opened_on": opened,
        "requested_solution": "refund_only",
        "requested_amount": 40.0,
    }


async def _arrive_damaged_but_usable(
    bot: BotHarness, user_id: int, order_id: int, lang: str
) -> None:
    """Record the parcel as arrived damaged, still usable, kept, with photos."""
    await press_on_screen(bot, user_id, f"o:{order_id}:arr", lang)
    await press_on_screen(bot, user_id, button_ending(bot, ":c:damaged"), lang)
    await press_on_screen(bot, user_id, button_ending(bot, "usable:c:yes"), lang)
    await press_on_screen(bot, user_id, button_ending(bot, "receipt_confirmed:c:no"), lang)
    await press_on_screen(bot, user_id, button_ending(bot, "prefer_return:c:no"), lang)
    await press_on_screen(bot, user_id, button_ending(bot, ":t:photos"), lang)
    await press_on_screen(bot, user_id, button_ending(bot, "evidence:done"), lang)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_parcel_arriving_during_its_dispute_renews_what_the_dispute_asks(
    bot: BotHarness, lang: str
) -> None:
    tr = get_translator(lang)
    user = await known_user(bot, 560, lang)
    view = await save(bot, user, **NOT_RECEIVED, dispute=_opened(bot))
    await press_on_screen(bot, 560, f"o:{view.order.id}", lang)
    assert f"o:{view.order.id}:arr" in bot.last().button_data()

    await _arrive_damaged_but_usable(bot, 560, view.order.id, lang)

    stored = await stored_situation(bot, view.order.id)
    assert (stored["received"], stored["problem"], stored["usable"]) == (True, "damaged", True)
    dispute = stored["dispute"]
    assert dispute["stage"] == "open" and dispute["opened_on"] == _opened(bot)["opened_on"]
    # A usable item with a flaw: rule 14's partial refund, 30 % of the price, not the full
    # price asked for a parcel that never came.
    assert (dispute["requested_solution"], dispute["requested_amount"]) == ("refund_only", 12.0)
    *_, card, note = bot.request.sent()
    assert f"o:{view.order.id}:fix" in card.button_data(), "the order's card, then the note"
    assert tr.format_money(12, "USD") in card.text
    # Walk BD: the new ask is said, as what to change the dispute to, not renewed silently.
    asked = f"{tr.gettext('Refund only')}, {tr.format_money(12, 'USD')}"
    assert note.text == html.escape(tr.gettext(ARRIVED_IN_DISPUTE_ASK)) % {
        "terms": f"<b>{html.escape(asked)}</b>"
    }
    assert not note.button_data(), "the note under the card has no buttons of its own"
    # The dispute's own timers go on.
    assert {"seller_response_due", "escalation"} <= await pending_reminder_kinds(bot, view.order.id)


async def test_the_arrival_is_offered_only_while_the_parcel_is_missing(bot: BotHarness) -> None:
    user = await known_user(bot, 561, "en")
    missing = await save(bot, user, **NOT_RECEIVED, dispute=_opened(bot, "seller_offer"))
    await press_on_screen(bot, 561, f"o:{missing.order.id}", "en")
    assert f"o:{missing.order.id}:arr" in bot.last().button_data()
    in_hand = await save(bot, user, problem="damaged", usable=True, dispute=_opened(bot))
    await press_on_screen(bot, 561, f"o:{in_hand.order.id}", "en")
    assert f"o:{in_hand.order.id}:arr" not in bot.last().button_data()


async def test_an_arrival_before_any_dispute_sends_no_dispute_note(bot: BotHarness) -> None:
    user = await known_user(bot, 562, "en")
    view = await save(bot, user, **NOT_RECEIVED)
    await _arrive_damaged_but_usable(bot, 562, view.order.id, "en")
    stored = await stored_situation(bot, view.order.id)
    assert stored["dispute"]["stage"] == "none" and stored["dispute"]["requested_amount"] is None
    texts = [call.text for call in bot.request.sent("sendMessage", "editMessageText")]
    assert html.escape(get_translator("en").gettext(ARRIVED_IN_DISPUTE)) not in texts


async def _arrive_unpriced(
    bot: BotHarness, user_id: int, order_id: int, steps: list[str], price: str | None
) -> dict[str, object]:
    """Record the arrival of an order saved without a price: the answers `steps` (button
    endings) up to the price question, then the price typed (None: skipped), kept, no evidence;
    the order as stored after."""
    await press_on_screen(bot, user_id, f"o:{order_id}:arr", "en")
    for step in steps:
        await press_on_screen(bot, user_id, button_ending(bot, step), "en")
    assert "q:price:" in " ".join(bot.last().button_data()), "the price is asked"
    if price is None:
        await press_on_screen(bot, user_id, button_ending(bot, "q:price:skip"), "en")
    else:
        await bot.send_text(user_id, price, "en")
    await press_on_screen(bot, user_id, button_ending(bot, "prefer_return:c:no"), "en")
    await press_on_screen(bot, user_id, button_ending(bot, "evidence:done"), "en")
    return await stored_situation(bot, order_id)


USABLE_FLAW = [":c:damaged", "usable:c:yes", "receipt_confirmed:c:no"]


@pytest.mark.parametrize(
    ("steps", "price", "expected"),
    [
        # Walk AI: the renewed ask had no amount ("a partial refund").
        (USABLE_FLAW, "40 $", (40.0, 12.0)),
        # Review AK: skipped, the share counts from the whole price the missing parcel's
        # dispute asked.
        (USABLE_FLAW, None, (40.0, 12.0)),
        # A full refund without a price asks what the missing parcel's dispute asked.
        ([":c:wrong_item", "receipt_confirmed:c:no"], None, (40.0, 40.0)),
    ],
)
async def test_an_arrival_without_a_price_still_asks_an_amount(
    bot: BotHarness, steps: list[str], price: str | None, expected: tuple[float, float]
) -> None:
    user = await known_user(bot, 563, "en")
    view = await save(bot, user, **NOT_RECEIVED, price=None, dispute=_opened(bot))
    stored = await _arrive_unpriced(bot, 563, view.order.id, steps, price)
    dispute = stored["dispute"]
    assert isinstance(dispute, dict)
    assert (stored["price"], dispute["requested_amount"]) == expected


async def test_an_arrival_with_no_amount_known_keeps_the_plain_note(bot: BotHarness) -> None:
    """Review BH: with neither a price nor an ask, the note said "ask for: Refund only", hiding
    the partial refund the card spoke of."""
    user = await known_user(bot, 564, "en")
    unknown_ask = {**_opened(bot), "requested_amount": None}
    view = await save(bot, user, **NOT_RECEIVED, price=None, dispute=unknown_ask)
    stored = await _arrive_unpriced(bot, 564, view.order.id, USABLE_FLAW, None)
    assert stored["dispute"]["requested_amount"] is None  # type: ignore[index]
    note = bot.request.sent()[-1]
    assert note.text == html.escape(get_translator("en").gettext(ARRIVED_IN_DISPUTE))
