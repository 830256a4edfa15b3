"""A refund not come by its date: reminded a week after it, with a message for support to send
(seed 003: support first, then the bank with the refund's confirmation)."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import pytest

from advisor.cli import advice_json
from advisor.models import Advice, Situation
from advisor.policy import advise_buyer
from advisor.reminder_plan import REFUND_CHASE_DAYS
from advisor.texts import applicable_texts, compose_texts
from advisor.timers import DEFAULT_TIMERS
from handlers.reminder_message import _REFUND_STILL_MISSING
from handlers.reminder_sweep import sweep_once
from locales import get_translator
from tests.orders.support import CYRILLIC, known_user, order_row, received_situation, save
from tests.reminders.helpers import moscow, plan_at, rows, today
from tests.support.harness import BotHarness, make_settings

DAY = dt.timedelta(days=1)


def won(bot: BotHarness, days_ago: int, **dispute: Any) -> dict[str, Any]:
    """A dispute decided in the buyer's favour `days_ago` days ago, $25 asked."""
    decided = today(bot) - days_ago * DAY
    return {"stage": "won", "since": decided, "requested_amount": 25.0, **dispute}


def advised(situation: Situation) -> Advice:
    return advise_buyer(situation, DEFAULT_TIMERS)


def test_the_support_message_is_offered_only_once_the_refund_date_has_passed(
    bot: BotHarness,
) -> None:
    # Won 15 days ago: the refund is expected today, not late yet.
    on_the_day = received_situation(bot, dispute=won(bot, 15))
    advice = advised(on_the_day)
    assert advice.action.value == "wait_refund"
    assert applicable_texts(advice, today(bot)) == ()
    assert "support" not in compose_texts(on_the_day, advice, "ru")
    # A day later it is late.
    assert applicable_texts(advice, today(bot) + DAY) == ("support",)
    # Without a day to judge by (the questionnaire's own choices), nothing changes.
    assert applicable_texts(advice) == ()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_support_message_names_the_order_amount_and_dates(bot: BotHarness, lang: str) -> None:
    situation = received_situation(bot, dispute=won(bot, 20))
    texts = compose_texts(situation, advised(situation), lang)
    assert set(texts) == {"support"}
    english = texts["support"]["en"]
    assert "8123456789012345" in english and "Wireless earbuds" in english
    assert "$25.00" in english
    en = get_translator("en")
    assert en.format_date(today(bot) - 20 * DAY) in english  # decided on
    assert en.format_date(today(bot) - 5 * DAY) in english  # refund due by
    assert "confirmation" in english and "bank" in english
    assert not CYRILLIC.search(english)
    if lang == "ru":
        copy = texts["support"]["ru"]
        assert "25,00" in copy and "подтверждение" in copy and ".." not in copy


def test_after_a_return_the_message_says_when_the_item_went_back(bot: BotHarness) -> None:
    shipped = today(bot) - 40 * DAY
    dispute = {"stage": "return_shipped", "since": shipped, "returned_on": shipped}
    situation = received_situation(bot, dispute=dispute)
    english = compose_texts(situation, advised(situation), "en")["support"]["en"]
    tr = get_translator("en")
    assert f"I sent the item back on {tr.format_date(shipped)}" in english
    # The timer releases the refund: it ran out, no "should have reached my card by" that day.
    ran_out = tr.format_date(shipped + 30 * DAY)
    assert f"The return period ran out on {ran_out}" in english
    assert "should have reached" not in english
    assert "$40.00" in english  # the price paid: nothing else was asked


def test_the_contracts_json_keeps_its_three_kinds_of_text(bot: BotHarness) -> None:
    """DOMAIN.md section 8 lists dispute, seller_message and appeal: the support message is
    the bot's, not the advisor's JSON."""
    situation = received_situation(bot, dispute=won(bot, 20))
    data = advice_json(situation, "ru", with_texts=True)
    assert data["action"] == "wait_refund" and data["texts"] == {}


async def test_a_refund_is_reminded_on_its_day_and_a_week_after(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 711, "en")
    view = await save(bot, user, dispute=won(bot, 0))
    due = d + 15 * DAY
    planned = [(r.kind, r.offset_days, r.due_at) for r in await rows(bot, view.order.id)]
    assert planned == [
        ("refund_expected_by", 0, int(moscow(due, 10).timestamp())),
        (
            "refund_expected_by",
            -REFUND_CHASE_DAYS,
            int(moscow(due + REFUND_CHASE_DAYS * DAY, 10).timestamp()),
        ),
    ]


async def test_no_week_after_reminder_when_refund_reminders_are_off(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    off = await BotHarness(make_settings(db_path, refund_reminder_days="")).start()
    try:
        plan_at(monkeypatch, moscow(today(off), 12))
        view = await save(off, await known_user(off, 712, "en"), dispute=won(off, 0))
        assert await rows(off, view.order.id) == []
    finally:
        await off.stop()


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_the_week_after_reminder_offers_the_support_message(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user_id = 720 + len(lang)
    view = await save(bot, await known_user(bot, user_id, lang), dispute=won(bot, 20))
    order_id = view.order.id
    # Saved 5 days after the refund's date: the reminder on the day is past, the chase is not.
    assert [r.offset_days for r in await rows(bot, order_id)] == [-REFUND_CHASE_DAYS]
    bot.request.clear()
    result = await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 2 * DAY, 10, 1))
    assert result.sent == 1
    reminder = bot.last("sendMessage")
    tr = get_translator(lang)
    assert html.escape(tr.gettext(_REFUND_STILL_MISSING)) in reminder.text
    assert "25" in reminder.text  # the refund to expect
    assert f"o:{order_id}:tsu" in reminder.button_data()
    assert not any(data.endswith(":tmr") for data in reminder.button_data())

    bot.request.clear()
    await bot.press(user_id, f"o:{order_id}:tsu", lang=lang)
    blocks = [call.text for call in bot.request.sent("sendMessage")]
    assert tr.gettext(
        "Message in English for the AliExpress support chat about the missing refund."
    ) in html.unescape(blocks[0])
    assert "$25.00" in blocks[0] and "bank" in blocks[0]
    assert len(blocks) == (2 if lang == "ru" else 1)
    if lang == "ru":
        assert "подтверждение" in blocks[1]
    assert await order_row(bot, order_id) is not None


async def test_no_english_note_hint_under_the_support_message(bot: BotHarness) -> None:
    """The buyer's Russian note is in neither copy of it: nothing to add in English."""
    user = await known_user(bot, 741, "ru")
    note = "Наушники не заряжаются"
    order_id = (await save(bot, user, details=note, dispute=won(bot, 20))).order.id
    bot.request.clear()
    await bot.press(741, f"o:{order_id}:tsu", lang="ru")
    sent = [call.text for call in bot.request.sent("sendMessage")]
    assert len(sent) == 2 and note not in " ".join(sent)
    hint = get_translator("ru").gettext(
        "Your note is not in English, so the English text leaves it out. If it matters, add a"
        " short line in English to the text before you send it."
    )
    assert hint not in sent


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_the_order_card_offers_the_support_message_once_late(
    bot: BotHarness, lang: str
) -> None:
    user_id = 730 + len(lang)
    user = await known_user(bot, user_id, lang)
    waiting = (await save(bot, user, dispute=won(bot, 3))).order.id
    late = (await save(bot, user, dispute=won(bot, 16))).order.id
    tr = get_translator(lang)

    await bot.press(user_id, f"o:{waiting}", lang=lang)
    assert f"o:{waiting}:tsu" not in bot.last().button_data()
    await bot.press(user_id, f"o:{late}", lang=lang)
    card = bot.last()
    assert f"o:{late}:tsu" in card.button_data()
    assert tr.gettext("💬 Message to support") in [b["text"] for b in card.buttons]
    assert html.escape(tr.gettext("Check whether the refund has come")) in card.text


def test_the_questionnaires_card_offers_it_too(bot: BotHarness) -> None:
    """The in-dispute questionnaire's card of a refund already late (won 20 days ago)."""
    from handlers.conversation.card_screen import advice_keyboard

    situation = received_situation(bot, dispute=won(bot, 20))
    tr = get_translator("ru")
    keyboard = advice_keyboard(tr, advised(situation), today(bot), situation)
    data = [button.callback_data for row in keyboard.inline_keyboard for button in row]
    assert "a:t:support" in data
    fresh = received_situation(bot, dispute=won(bot, 2))
    keyboard = advice_keyboard(tr, advised(fresh), today(bot), fresh)
    assert not any(
        str(button.callback_data).startswith("a:t:")
        for row in keyboard.inline_keyboard
        for button in row
    )
