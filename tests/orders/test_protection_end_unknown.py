"""A parcel saved without Buyer Protection's end (walk F): the card warns and offers a button to
add it, and the parcel's follow-ups ask it; once protection has ended, no "seller extended"."""

from __future__ import annotations

import datetime as dt
import html
import json

import pytest

from advisor import labels
from advisor.models import Action, DeadlineKind, WarningCode
from advisor.timers import DEFAULT_TIMERS
from handlers.reminder_message import _WINDOW_AFTER_PROTECTION, reminder_followups, what_to_do
from locales import get_translator
from storage import conversations
from tests.orders.support import (
    known_user,
    pending_reminder_kinds,
    received_situation,
    save,
    stored_situation,
    today,
)
from tests.support.harness import BotHarness

# Stuck for three weeks, the seller not asked, shipped two months ago: rule 4 says "write to
# the seller", whatever the protection's end.
STUCK = {
    "received": False,
    "problem": None,
    "delivery_status": "not_updating",
    "days_since_tracking_update": 21,
    "protection_ends_on": None,
    "evidence": ["tracking_screenshot"],
}


async def _press(bot: BotHarness, user_id: int, data: str, lang: str) -> None:
    conversation = await conversations.get(bot.runtime.db, user_id)
    message_id = (conversation.message_id if conversation else None) or 1
    await bot.press(user_id, data, lang, message_id=message_id)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_the_card_warns_and_offers_to_add_the_protection_end(
    bot: BotHarness, lang: str
) -> None:
    tr = get_translator(lang)
    user = await known_user(bot, 701, lang)
    view = await save(bot, user, shipped_on=today(bot) - dt.timedelta(days=61), **STUCK)
    assert view.advice.action is Action.contact_seller
    assert WarningCode.protection_date_unknown not in view.advice.warnings  # rule 4, literally
    await _press(bot, 701, f"o:{view.order.id}", lang)
    card = bot.last()
    warning = labels.warning_text(tr, WarningCode.protection_date_unknown)
    assert html.escape(warning) in card.text
    assert f"o:{view.order.id}:pend" in card.button_data()

    await _press(bot, 701, f"o:{view.order.id}:pend", lang)
    assert tr.gettext("When does Buyer Protection end?") in bot.last().text
    await bot.send_text(701, "in 5 days" if lang == "en" else "через 5 дней", lang)
    card = bot.last()
    assert f"o:{view.order.id}:pend" not in card.button_data()
    assert html.escape(warning) not in card.text
    ends = today(bot) + dt.timedelta(days=5)
    assert (await stored_situation(bot, view.order.id))["protection_ends_on"] == ends.isoformat()
    assert "protection_ends" in await pending_reminder_kinds(bot, view.order.id)


async def test_no_add_button_once_the_end_is_known_or_receipt_confirmed(bot: BotHarness) -> None:
    user = await known_user(bot, 702, "en")
    known = {**STUCK, "protection_ends_on": today(bot) + dt.timedelta(days=20)}
    for facts in (known, {**STUCK, "receipt_confirmed_on": today(bot) - dt.timedelta(days=2)}):
        view = await save(bot, user, **facts)
        await _press(bot, 702, f"o:{view.order.id}", "en")
        assert f"o:{view.order.id}:pend" not in bot.last().button_data()
    # A stale button of an order whose end is known since: the card as it is now.
    await _press(bot, 702, f"o:{view.order.id}:pend", "en")
    assert "q:protection_end:skip" not in bot.last().button_data()


@pytest.mark.parametrize(
    ("followup", "answer", "path", "expected"),
    [
        # "I wrote to the seller", not answered yet.
        ("wrs", "q:seller_answered:c:no", ("seller", "contacted"), True),
        # "The tracking changed": on its way again.
        ("sts", "q:delivery_status:c:in_transit", ("delivery_status",), "in_transit"),
    ],
)
async def test_the_parcels_follow_ups_ask_the_unknown_protection_end(
    bot: BotHarness, followup: str, answer: str, path: tuple[str, ...], expected: object
) -> None:
    user = await known_user(bot, 703, "en")
    view = await save(bot, user, **STUCK)
    await _press(bot, 703, f"o:{view.order.id}:{followup}", "en")
    await _press(bot, 703, answer, "en")
    assert "q:protection_end:skip" in bot.last().button_data()
    await bot.send_text(703, "in 12 days", "en")
    stored = await stored_situation(bot, view.order.id)
    assert stored["protection_ends_on"] == (today(bot) + dt.timedelta(days=12)).isoformat()
    fact: object = stored
    for part in path:  # the follow-up's own answer is kept with the end
        fact = fact[part]  # type: ignore[index]
    assert fact == expected


async def test_skipping_the_protection_end_keeps_it_unknown(bot: BotHarness) -> None:
    user = await known_user(bot, 704, "ru")
    view = await save(bot, user, **STUCK)
    await _press(bot, 704, f"o:{view.order.id}:wrs", "ru")
    await _press(bot, 704, "q:seller_answered:c:yes", "ru")
    await _press(bot, 704, "q:protection_end:skip", "ru")
    stored = await stored_situation(bot, view.order.id)
    assert stored["protection_ends_on"] is None
    assert stored["seller"]["responded"] is True  # type: ignore[index]
    assert f"o:{view.order.id}:pend" in bot.last().button_data()


def test_a_reminder_after_the_protection_ended_offers_no_extension(bot: BotHarness) -> None:
    ends = today(bot) + dt.timedelta(days=3)
    situation = received_situation(bot, **{**STUCK, "protection_ends_on": ends})
    assert "ext" in reminder_followups(situation)
    ended = situation.model_copy(update={"today": today(bot) + dt.timedelta(days=4)})
    assert "ext" not in reminder_followups(ended)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_windows_last_days_after_protection_say_open_now(bot: BotHarness, lang: str) -> None:
    tr = get_translator(lang)
    ended = received_situation(bot, **{**STUCK, "protection_ends_on": today(bot)})
    window = today(bot) + dt.timedelta(days=15)
    later = today(bot) + dt.timedelta(days=1)
    words = what_to_do(tr, DeadlineKind.dispute_window_closes, window, later, DEFAULT_TIMERS, ended)
    assert words == tr.gettext(_WINDOW_AFTER_PROTECTION)
    # A confirmed receipt: the window counts from it, the general words stay.
    confirmed = ended.model_copy(update={"receipt_confirmed_on": today(bot)})
    words = what_to_do(
        tr, DeadlineKind.dispute_window_closes, window, later, DEFAULT_TIMERS, confirmed
    )
    assert words != tr.gettext(_WINDOW_AFTER_PROTECTION)


def test_a_late_window_reminder_of_an_end_an_extension_replaced_says_what_the_card_does(
    bot: BotHarness,
) -> None:
    """Walk BW: the seller extended, the new end unknown; the window of the old end, reminded
    after it passed, said "the time has passed" under a card saying to open the dispute."""
    tr = get_translator("en")
    old_end = today(bot) - dt.timedelta(days=20)
    extended = received_situation(
        bot,
        **{
            **STUCK,
            "protection_ends_on": old_end,
            "seller": {"contacted": True, "responded": True, "extended": True},
            "protection_end_before_extension": True,
        },
    )
    window = old_end + dt.timedelta(days=15)
    kind = DeadlineKind.dispute_window_closes
    words = what_to_do(tr, kind, window, today(bot), DEFAULT_TIMERS, extended)
    assert words == labels.why_text(tr, "extension_end_passed")
    known = extended.model_copy(update={"protection_end_before_extension": False})
    words = what_to_do(tr, kind, window, today(bot), DEFAULT_TIMERS, known)
    assert "has passed" in words and "open the dispute now" not in words
    # Review BZ: once the parcel is said delivered, the extension's rule no longer applies and
    # the card says too late: so does the reminder.
    delivered = extended.model_copy(update={"delivery_status": "delivered_not_received"})
    words = what_to_do(tr, kind, window, today(bot), DEFAULT_TIMERS, delivered)
    assert "has passed" in words


def test_a_late_escalation_reminder_beside_an_offer_to_accept_says_to_answer_it(
    bot: BotHarness,
) -> None:
    """Walk CA: snoozed past the escalation day, the reminder said "ask AliExpress to step in"
    while the card said to accept the seller's offer (and hid the date)."""
    tr = get_translator("en")
    opened = today(bot) - dt.timedelta(days=9)
    dispute = {
        "stage": "seller_offer",
        "opened_on": opened.isoformat(),
        "since": (today(bot) - dt.timedelta(days=3)).isoformat(),
        "requested_solution": "refund_only",
        "requested_amount": 30,
        "offer_solution": "refund_only",
    }
    escalation = opened + dt.timedelta(days=7)
    kind = DeadlineKind.escalation
    good = received_situation(bot, dispute={**dispute, "offer_amount": 30})
    words = what_to_do(tr, kind, escalation, today(bot), DEFAULT_TIMERS, good)
    assert "gives what you asked for" in words and "step in" not in words
    low = received_situation(bot, dispute={**dispute, "offer_amount": 5})
    words = what_to_do(tr, kind, escalation, today(bot), DEFAULT_TIMERS, low)
    assert "ask for it on the dispute page" in words


async def test_receipt_confirmed_the_protection_end_is_not_asked(bot: BotHarness) -> None:
    """Review U, walk I: the tracking's follow-up asked the end after receipt was confirmed,
    and the answer counted for nothing (the window counts from the confirmation)."""
    user = await known_user(bot, 706, "en")
    confirmed = {**STUCK, "receipt_confirmed_on": today(bot) - dt.timedelta(days=2)}
    view = await save(bot, user, **confirmed)
    await _press(bot, 706, f"o:{view.order.id}:sts", "en")
    await _press(bot, 706, "q:delivery_status:c:in_transit", "en")
    assert "q:protection_end:skip" not in bot.last().button_data()
    assert (await stored_situation(bot, view.order.id))["delivery_status"] == "in_transit"


async def test_no_unknown_end_warning_where_the_advice_does_not_depend_on_it(
    bot: BotHarness,
) -> None:
    """Rule 8, the buyer's own address error: the post office, whatever the protection's end."""
    tr = get_translator("en")
    user = await known_user(bot, 708, "en")
    own_error = {
        **STUCK,
        "delivery_status": "wrong_address",
        "address_error_by": "buyer",
        "days_since_tracking_update": None,
    }
    view = await save(bot, user, **own_error)
    assert view.advice.action is Action.contact_carrier
    await _press(bot, 708, f"o:{view.order.id}", "en")
    warning = labels.warning_text(tr, WarningCode.protection_date_unknown)
    assert html.escape(warning) not in bot.last().text


async def test_a_stuck_parcel_counts_the_days_since_it_was_saved(bot: BotHarness) -> None:
    """Walk AB: "the tracking has not changed for 5 days", saved, still read 5 days ten days
    later, and rule 4 never turned to "write to the seller"."""
    from handlers.order_store import load_order

    user = await known_user(bot, 709, "en")
    saved_on = today(bot) - dt.timedelta(days=10)
    stuck = {
        **STUCK,
        "today": saved_on,
        "days_since_tracking_update": 5,
        "protection_ends_on": today(bot) + dt.timedelta(days=35),
    }
    view = await save(bot, user, **stuck)
    assert view.situation.days_since_tracking_update == 15
    assert view.advice.action is Action.contact_seller
    # A follow-up saves the grown count: nothing is counted twice afterwards.
    await _press(bot, 709, f"o:{view.order.id}:wrs", "en")
    await _press(bot, 709, "q:seller_answered:c:no", "en")
    assert (await stored_situation(bot, view.order.id))["days_since_tracking_update"] == 15
    again = await load_order(bot.runtime, user, view.order.id, today(bot))
    assert again is not None and again.situation.days_since_tracking_update == 15


async def test_a_follow_up_days_after_saving_keeps_the_days_grown_since(
    bot: BotHarness,
) -> None:
    """Walk BN: stuck for 12 days, saved, a follow-up three days later stored 12 again (the
    raw stored situation was taken as the base), so "write to the seller" came days late."""
    user = await known_user(bot, 710, "en")
    stuck = {
        **STUCK,
        "days_since_tracking_update": 12,
        "protection_ends_on": today(bot) + dt.timedelta(days=35),
    }
    view = await save(bot, user, **stuck)
    # As if saved three days ago: the row's situation is dated then.
    stored = await stored_situation(bot, view.order.id)
    stored["today"] = (today(bot) - dt.timedelta(days=3)).isoformat()
    await bot.runtime.db.conn.execute(
        "UPDATE orders SET situation = ? WHERE id = ?", (json.dumps(stored), view.order.id)
    )
    await bot.runtime.db.conn.commit()
    await _press(bot, 710, f"o:{view.order.id}:wrs", "en")
    await _press(bot, 710, "q:seller_answered:c:no", "en")
    after = await stored_situation(bot, view.order.id)
    assert (after["today"], after["days_since_tracking_update"]) == (today(bot).isoformat(), 15)


def test_less_than_two_weeks_is_a_lower_bound_that_can_grow() -> None:
    from advisor.questionnaire.model import Ctx
    from advisor.questionnaire.new_answers import days_since_update

    ctx = Ctx(answers={"tracking_last_change": "under_14"}, today=dt.date(2026, 11, 30))
    assert days_since_update(ctx) == 0
