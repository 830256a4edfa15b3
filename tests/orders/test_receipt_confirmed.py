"""A confirmed receipt starts the dispute window: the protection end no longer sets a deadline."""

from __future__ import annotations

import datetime as dt

from advisor.deadlines import actionable
from advisor.decide import decide
from advisor.models import DeadlineKind
from tests.orders.support import known_user, pending_reminder_kinds, received_situation, save, today
from tests.support.harness import BotHarness

_DAY = dt.timedelta(days=1)


def test_actionable_drops_protection_deadlines_once_receipt_is_confirmed(
    bot: BotHarness,
) -> None:
    later_protection = {"protection_ends_on": today(bot) + 30 * _DAY}
    unconfirmed = received_situation(bot, **later_protection)
    advice = decide(unconfirmed)
    assert actionable(advice, unconfirmed) is advice, "nothing changes before a confirmation"

    confirmed = received_situation(
        bot, receipt_confirmed_on=today(bot) - 2 * _DAY, **later_protection
    )
    advice = decide(confirmed)
    kinds = {d.kind for d in advice.deadlines}
    assert DeadlineKind.protection_ends in kinds, "the advisor's JSON keeps every deadline"
    shown = actionable(advice, confirmed)
    assert [(d.kind, d.date) for d in shown.deadlines] == [
        (DeadlineKind.dispute_window_closes, today(bot) + 13 * _DAY)
    ]


async def test_confirmed_receipt_order_has_no_protection_reminders_nor_extension(
    bot: BotHarness,
) -> None:
    user = await known_user(bot, 610, "en")
    view = await save(
        bot,
        user,
        receipt_confirmed_on=today(bot) - 2 * _DAY,
        protection_ends_on=today(bot) + 30 * _DAY,
    )
    assert await pending_reminder_kinds(bot, view.order.id) == {"dispute_window_closes"}

    await bot.press(610, f"o:{view.order.id}", "en")
    card = bot.last()
    assert "Last possible day to open a dispute" in card.text
    assert "Buyer Protection ends" not in card.text, card.text
    assert not any(data.endswith(":ext") for data in card.button_data()), card.button_data()


async def test_unconfirmed_received_order_keeps_protection_reminders_and_extension(
    bot: BotHarness,
) -> None:
    user = await known_user(bot, 611, "en")
    view = await save(bot, user, protection_ends_on=today(bot) + 30 * _DAY)
    assert "protection_ends" in await pending_reminder_kinds(bot, view.order.id)
    await bot.press(611, f"o:{view.order.id}", "en")
    assert any(data.endswith(":ext") for data in bot.last().button_data())
