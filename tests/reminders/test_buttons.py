"""The reminder message and its buttons in both languages, and what each button does."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import pytest

from advisor.models import DeadlineKind, Dispute, Situation, Stage
from handlers import reminders as reminder_buttons
from handlers.advice_card import PASSED_MEANING
from handlers.order_store import OrderView, set_archived, update_order
from handlers.reminder_sweep import sweep_once
from locales import get_translator
from storage import conversations, orders
from storage import reminders as reminders_store
from tests.reminders.helpers import (
    CYRILLIC,
    in_transit,
    known_user,
    moscow,
    plan_at,
    rows,
    save,
    today,
)
from tests.support.harness import BotHarness, make_settings

DAY = dt.timedelta(days=1)


async def remind(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, user_id: int, lang: str
) -> tuple[int, Any]:
    """Save an order, sweep its first (7-day) reminder out; the order id and the sent call."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, user_id, lang), d)
    bot.request.clear()
    result = await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 2 * DAY, 10, 1))
    assert result.sent == 1
    return view.order.id, bot.last("sendMessage")


def labels_of(call: Any) -> list[str]:
    return [button["text"] for button in call.buttons]


async def test_reminder_in_english(bot: BotHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    order_id, call = await remind(bot, monkeypatch, 601, "en")
    protection = today(bot) + 9 * DAY
    text = call.text
    assert not CYRILLIC.search(text)
    assert "Reminder: Blue headphones" in text and "8123456789012345" in text
    assert protection.strftime("%B") in text and "in 7 days" in text
    assert "extend Buyer Protection" in text and call.params["parse_mode"] == "HTML"
    assert "do not wait for the last day" in text
    pending = await rows(bot, order_id, "sent")
    assert call.button_data() == [
        f"o:{order_id}:tsm",  # the card's: the message asking for the extension (walk AF)
        f"r:{order_id}:ext",
        f"r:{order_id}:nxt",
        f"r:{order_id}:opn",
        f"r:{order_id}:res",
        f"r:{order_id}:tmr:{pending[0].id}",
        f"r:{order_id}:card",
    ]
    assert labels_of(call) == [
        "✉️ Message to the seller",
        "🛡 Seller extended (new date)",
        "🙅 Seller did not extend",
        "⚖️ I opened the dispute",
        "✅ Resolved: archive",
        "⏰ Remind me tomorrow",
        "📦 Open the order",
    ]


async def test_reminder_in_russian(bot: BotHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    _, call = await remind(bot, monkeypatch, 602, "ru")
    assert "Напоминание: Blue headphones" in call.text
    assert "через 7 дней" in call.text and "продлить защиту покупателя" in call.text
    assert "не ждите последнего дня" in call.text
    assert labels_of(call) == [
        "✉️ Сообщение продавцу",
        "🛡 Продавец продлил (новая дата)",
        "🙅 Продавец не продлил",
        "⚖️ Я открыл(а) спор",
        "✅ Решено: в архив",
        "⏰ Напомнить завтра",
        "📦 Открыть заказ",
    ]


async def test_the_extension_reminders_buttons_send_the_message_and_take_a_refusal(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk AF: the reminder said "ask the seller to extend" but offered neither the message
    nor "the seller did not extend": both were only on the order's card."""
    # Pressed the day it comes: the card's advice is to ask for the extension then too.
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 9))
    user = await known_user(bot, 617, "en")
    order_id = (await save(bot, user, d, protection_ends_on=d + 7 * DAY)).order.id
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d, 10, 1))
    call = bot.last("sendMessage")
    assert f"o:{order_id}:tsm" in call.button_data()
    await bot.press(617, f"o:{order_id}:tsm", lang="en")
    sent = " ".join(c.text for c in bot.request.sent("sendMessage")[-3:])
    assert "Please extend Buyer Protection" in sent
    await bot.press(617, f"r:{order_id}:nxt", lang="en")
    assert "out of date" not in bot.last().text
    while (question := bot.last()).button_data() and "q:" in question.button_data()[0]:
        await bot.press(617, question.button_data()[0], lang="en")
    saved = await orders.get_for_user(bot.runtime.db, order_id, 617)
    assert saved is not None and saved.situation["seller"]["refused_extension"] is True


async def test_user_text_in_the_reminder_is_escaped(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    await save(bot, await known_user(bot, 603, "en"), d, item="<b>Cheap</b> & nice")
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 2 * DAY, 10, 1))
    assert "&lt;b&gt;Cheap&lt;/b&gt; &amp; nice" in bot.last("sendMessage").text


async def _at_stage(
    bot: BotHarness,
    monkeypatch: pytest.MonkeyPatch,
    user_id: int,
    lang: str,
    dispute: dict[str, Any],
    **changes: Any,
) -> tuple[OrderView, dt.date]:
    """A saved order (with `changes`) moved to the dispute `dispute` (its dates: today's), and
    today."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, user_id, lang)
    view = await save(bot, user, d, **changes)
    changed = view.situation.model_dump(mode="json")
    changed["dispute"] = {"opened_on": d.isoformat(), **dispute}
    moved = await update_order(
        bot.runtime, user, view.order.id, Situation.model_validate(changed), d
    )
    assert moved is not None
    return moved, d


async def test_during_a_dispute_the_next_step_resolved_tomorrow_and_order(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, d = await _at_stage(bot, monkeypatch, 604, "en", {"stage": "open"})
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 5 * DAY, 10, 1))
    call = bot.last("sendMessage")
    assert "The seller has until the end of the day above" in call.text
    # Walk B: the seller's answer due, the reminder offers to report their offer; walk AT: and
    # the dispute won, which the seller's silence means.
    assert [data.split(":")[2] for data in call.button_data()] == [
        "ofr",
        "rjd",
        "won",
        "res",
        "tmr",
        "card",
    ]
    await bot.press(604, f"r:{view.order.id}:ofr", lang="en")
    assert "What amount does the seller offer?" in bot.last().text
    await bot.press(604, "q:offer_amount:x", lang="en")  # back to the order: not yet
    # The escalation's reminder: "AliExpress stepped in", which moves the order on at once.
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 7 * DAY, 10, 1))
    call = bot.last("sendMessage")
    assert [data.split(":")[2] for data in call.button_data()] == ["esc", "res", "tmr", "card"]
    await bot.press(604, f"r:{view.order.id}:esc", lang="en")
    stored = await orders.get_for_user(bot.runtime.db, view.order.id, 604)
    assert stored is not None and stored.situation["dispute"]["stage"] == "escalated"


async def test_an_item_in_hands_seller_answer_reminder_offers_an_agreed_return(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk BJ: the seller may answer a return-and-refund dispute by agreeing to the return;
    the reminder offered only an offer, a rejection or a win. After the return, the automatic
    refund's reminder offered no way to say the dispute was won."""
    item = {"received": True, "problem": "wrong_item", "delivery_status": None}
    view, d = await _at_stage(bot, monkeypatch, 614, "en", {"stage": "open"}, **item)
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 5 * DAY, 10, 1))
    codes = [data.split(":")[2] for data in bot.last("sendMessage").button_data()]
    assert codes[:4] == ["ofr", "rag", "rjd", "won"]
    await bot.press(614, f"r:{view.order.id}:rag", lang="en")
    # The dispute asks to keep the wrong item: whether the buyer agreed to send it back first.
    assert "q:return_who:c:agreed" in bot.last().button_data()
    await bot.press(614, "q:return_who:c:agreed", lang="en")
    assert "When did the seller agree to the return?" in bot.last().text
    sent = {"stage": "return_shipped", "since": d.isoformat(), "returned_on": d.isoformat()}
    view, d = await _at_stage(bot, monkeypatch, 615, "en", sent, **item)
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 30 * DAY, 10, 1))
    call = bot.last("sendMessage")
    assert "The return timer runs out" in call.text
    assert [data.split(":")[2] for data in call.button_data()][:1] == ["won"]


async def test_the_evidence_reminder_offers_to_say_it_was_sent(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review AP: only the card said the evidence was sent; its reminder did not."""
    dispute = {"stage": "evidence_requested", "since": today(bot).isoformat()}
    view, d = await _at_stage(bot, monkeypatch, 607, "en", dispute)
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 3 * DAY, 10, 1))
    call = bot.last("sendMessage")
    assert call.button_data()[0] == f"r:{view.order.id}:evs"
    await bot.press(607, f"r:{view.order.id}:evs", lang="en")
    stored = await orders.get_for_user(bot.runtime.db, view.order.id, 607)
    assert stored is not None and stored.situation["dispute"]["stage"] == "escalated"


async def test_resolved_archives_and_stops_reminders(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id, _ = await remind(bot, monkeypatch, 605, "en")
    await bot.press(605, f"r:{order_id}:res", lang="en")
    assert bot.answered_callbacks()[-1].params.get("text", "").startswith("Archived")
    edit = bot.last("editMessageReplyMarkup")
    assert edit.button_data() == [f"o:{order_id}:rst", f"r:{order_id}:card"]
    row = await orders.get_for_user(bot.runtime.db, order_id, 605)
    assert row is not None and row.status == "archived"
    assert await rows(bot, order_id, "pending") == []

    # Pressed by mistake: Restore, right on the reminder, brings the order and its reminders back.
    await bot.press(605, f"o:{order_id}:rst", lang="en")
    row = await orders.get_for_user(bot.runtime.db, order_id, 605)
    assert row is not None and row.status == "active"
    assert await rows(bot, order_id, "pending") != []


async def test_remind_me_tomorrow_queues_it_again(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id, call = await remind(bot, monkeypatch, 606, "ru")
    tmr = next(data for data in call.button_data() if ":tmr:" in data)
    pressed_at = moscow(today(bot), 15)
    monkeypatch.setattr(reminder_buttons, "now_utc", lambda: pressed_at)
    before = len(await rows(bot, order_id, "pending"))
    await bot.press(606, tmr, lang="ru")
    await bot.press(606, tmr, lang="ru")  # pressed twice: still one
    pending = await rows(bot, order_id, "pending")
    assert len(pending) == before + 1
    again = [r for r in pending if r.due_at == int(moscow(today(bot) + DAY, 10).timestamp())]
    assert [(r.kind, r.offset_days) for r in again] == [("protection_ends", 7)]
    toast = bot.answered_callbacks()[-1].params["text"]
    assert toast.startswith("Хорошо, напомню ещё раз") and "10:00" in toast


async def test_remind_me_tomorrow_survives_a_change_of_something_else(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk B: a corrected item name cancelled the snooze the user had just been promised. A
    change that moves the deadline itself drops it (its date is no longer the order's)."""
    order_id, call = await remind(bot, monkeypatch, 614, "en")
    tmr = next(data for data in call.button_data() if ":tmr:" in data)
    monkeypatch.setattr(reminder_buttons, "now_utc", lambda: moscow(today(bot) + 2 * DAY, 15))
    await bot.press(614, tmr, lang="en")
    snooze_at = int(moscow(today(bot) + 3 * DAY, 10).timestamp())

    def snoozes(pending: list[Any]) -> list[tuple[str, int]]:
        return [(r.kind, r.offset_days) for r in pending if r.due_at == snooze_at]

    assert snoozes(await rows(bot, order_id, "pending")) == [("protection_ends", 7)]
    user = await known_user(bot, 614, "en")
    renamed = in_transit(today(bot), item="Red headphones")
    await update_order(bot.runtime, user, order_id, renamed, today(bot))
    pending = await rows(bot, order_id, "pending")
    assert snoozes(pending) == [("protection_ends", 7)]
    assert len({(r.kind, r.deadline_on, r.offset_days) for r in pending}) == len(pending)

    extended = in_transit(today(bot), protection_ends_on=today(bot) + 30 * DAY)
    await update_order(bot.runtime, user, order_id, extended, today(bot))
    assert snoozes(await rows(bot, order_id, "pending")) == []


async def test_undoing_a_change_that_dropped_a_snooze_brings_it_back(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review U: a wrong tap moved the deadline (the snooze went with it), Undo put the deadline
    back but not the "remind me tomorrow" the user had been told about."""
    order_id, call = await remind(bot, monkeypatch, 615, "en")
    tmr = next(data for data in call.button_data() if ":tmr:" in data)
    monkeypatch.setattr(reminder_buttons, "now_utc", lambda: moscow(today(bot) + 2 * DAY, 15))
    await bot.press(615, tmr, lang="en")
    snooze_at = int(moscow(today(bot) + 3 * DAY, 10).timestamp())
    user = await known_user(bot, 615, "en")
    before = await orders.get_for_user(bot.runtime.db, order_id, 615)
    assert before is not None
    moved = in_transit(today(bot), protection_ends_on=today(bot) + 30 * DAY)
    await update_order(bot.runtime, user, order_id, moved, today(bot))
    assert not [r for r in await rows(bot, order_id, "pending") if r.due_at == snooze_at]
    undone = Situation.model_validate(before.situation)
    await update_order(bot.runtime, user, order_id, undone, today(bot))
    back = [r for r in await rows(bot, order_id, "pending") if r.due_at == snooze_at]
    assert [(r.kind, r.offset_days) for r in back] == [("protection_ends", 7)]


async def test_a_snooze_being_sent_is_not_cancelled_by_an_unrelated_change(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review U: a snooze the sweep had claimed was cancelled by a renamed item, and a retry
    of its send (requeue) then found nothing pending: lost."""
    order_id, call = await remind(bot, monkeypatch, 616, "en")
    tmr = next(data for data in call.button_data() if ":tmr:" in data)
    monkeypatch.setattr(reminder_buttons, "now_utc", lambda: moscow(today(bot) + 2 * DAY, 15))
    await bot.press(616, tmr, lang="en")
    snooze_at = int(moscow(today(bot) + 3 * DAY, 10).timestamp())
    claimed = await reminders_store.claim_due(bot.runtime.db, snooze_at + 60, 10)
    assert [d.reminder.due_at for d in claimed] == [snooze_at]
    renamed = in_transit(today(bot), item="Red headphones")
    await update_order(bot.runtime, await known_user(bot, 616, "en"), order_id, renamed, today(bot))
    await reminders_store.requeue(bot.runtime.db, claimed[0].reminder.id, snooze_at + 600)
    again = [r for r in await rows(bot, order_id, "pending") if r.id == claimed[0].reminder.id]
    assert [r.due_at for r in again] == [snooze_at + 600]


async def test_remind_me_tomorrow_on_the_deadline_day_is_refused_or_made_sooner(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id, call = await remind(bot, monkeypatch, 612, "en")
    tmr = next(data for data in call.button_data() if ":tmr:" in data)
    last_day = today(bot) + 9 * DAY  # Buyer Protection's last day
    before = len(await rows(bot, order_id, "pending"))
    pressed_at = moscow(last_day, 12)
    monkeypatch.setattr(reminder_buttons, "now_utc", lambda: pressed_at)
    await bot.press(612, tmr, lang="en")
    answer = bot.answered_callbacks()[-1].params
    assert answer["text"].startswith("OK, the deadline is today: I will remind you again at")
    assert "3:00" in answer["text"] and answer.get("show_alert") in (True, "true")
    pending = await rows(bot, order_id, "pending")
    assert len(pending) == before + 1
    assert int(moscow(last_day, 15).timestamp()) in {r.due_at for r in pending}
    # Less than three hours before midnight: the last call, half an hour before (walk BA: "no
    # time is left" with hours to go).
    pressed_at = moscow(last_day, 21, 30)
    await bot.press(612, tmr, lang="en")
    answer = bot.answered_callbacks()[-1].params
    assert answer["text"].startswith("OK, the deadline is today: I will remind you again at")
    assert "11:30" in answer["text"]
    pending = await rows(bot, order_id, "pending")
    assert len(pending) == before + 2
    end = int(moscow(last_day + DAY, 0).timestamp())
    assert all(r.due_at < end for r in pending if r.kind == "protection_ends")
    # Within the last half hour nothing is left to wait for.
    pressed_at = moscow(last_day, 23, 45)
    await bot.press(612, tmr, lang="en")
    answer = bot.answered_callbacks()[-1].params
    assert answer["text"] == (
        "No time is left today for another reminder: the deadline is today. Please do it now."
    )
    assert len(await rows(bot, order_id, "pending")) == before + 2


async def test_seller_extended_and_opened_start_their_followups(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id, _ = await remind(bot, monkeypatch, 607, "en")
    first_question = None
    for action in ("ext", "opn"):
        bot.request.clear()
        await bot.press(607, f"r:{order_id}:{action}", lang="en")
        assert bot.answered_callbacks()
        question = bot.last()
        assert any(data.startswith("q:") for data in question.button_data())
        # The question comes as a new message: the reminder itself stays in the chat.
        assert question.method == "sendMessage"
        assert bot.request.sent("editMessageText") == []
        # Only the abandoned question of the first follow-up loses its buttons, not the reminder.
        retired = [c.params["message_id"] for c in bot.request.sent("editMessageReplyMarkup")]
        assert retired == ([] if action == "ext" else [first_question])
        conversation = await conversations.get(bot.runtime.db, 607)
        assert conversation is not None and conversation.order_id == order_id
        assert conversation.message_id not in (None, 1)  # the new message, not the pressed one
        first_question = conversation.message_id


async def test_open_the_order_shows_its_card(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id, _ = await remind(bot, monkeypatch, 608, "en")
    bot.request.clear()
    await bot.press(608, f"r:{order_id}:card", lang="en")
    card = bot.last("sendMessage")
    assert "Blue headphones" in card.text and f"cal:{order_id}" in card.button_data()
    assert bot.answered_callbacks()


async def test_buttons_of_an_outdated_reminder_say_so(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id, call = await remind(bot, monkeypatch, 609, "en")
    tmr = next(data for data in call.button_data() if ":tmr:" in data)
    user = await known_user(bot, 609, "en")
    await set_archived(bot.runtime, user, order_id, archived=True)
    for data in (f"r:{order_id}:ext", tmr):
        bot.request.clear()
        await bot.press(609, data, lang="en")
        assert "in the archive" in bot.answered_callbacks()[-1].params["text"], "walk T"
        # The reminder keeps only "Open the order": it cannot be pressed wrong again.
        stripped = bot.request.sent("editMessageReplyMarkup")
        assert [call.button_data() for call in stripped] == [[f"r:{order_id}:card"]]
    assert await rows(bot, order_id, "pending") == []


@pytest.mark.parametrize(
    "data", ["r:{other}:res", "r:{mine}:tmr:999999", "r:{mine}:zap", "r:{mine}:res:1", "r:x:res"]
)
async def test_forged_reminder_buttons_change_nothing(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, data: str
) -> None:
    other, _ = await remind(bot, monkeypatch, 610, "en")
    mine = (await save(bot, await known_user(bot, 611, "en"), today(bot))).order.id
    await bot.press(611, data.format(other=other, mine=mine), lang="en")
    assert bot.answered_callbacks()
    if "{other}" in data:
        # As for an order deleted since its reminder: not theirs, so not among their orders.
        answer = bot.answered_callbacks()[-1].params
        assert answer["text"] == "This order is no longer among your orders."
    else:
        assert "out of date" in bot.last().text
    row = await orders.get_for_user(bot.runtime.db, other, 610)
    assert row is not None and row.status == "active"


async def test_after_a_confirmed_receipt_no_extension_button_and_a_forged_one_is_stale(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 607, "en")
    confirmed = {
        "received": True,
        "delivery_status": None,
        "problem": "not_working",
        "receipt_confirmed_on": d - 12 * DAY,
    }
    view = await save(bot, user, d, **confirmed)
    # The window closes 15 days after the confirmation: the day before, at 10:00.
    result = await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 2 * DAY, 10, 1))
    assert result.sent == 1
    call = bot.last("sendMessage")
    assert "Last possible day to open a dispute" in call.text
    order_id = view.order.id
    assert [data.split(":")[2] for data in call.button_data()] == ["opn", "res", "tmr", "card"]
    await bot.press(607, f"r:{order_id}:ext", lang="en")
    assert bot.answered_callbacks()[-1].params["text"] == "This menu is out of date."
    assert not any(data.endswith(":ext") for data in bot.last().button_data())
    assert await conversations.get(bot.runtime.db, 607) is None, "no follow-up began"


async def test_a_snoozed_reminder_keeps_its_clock_time_in_a_new_zone(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walks K and T: after a change of zone every reminder came at 10:00 local but the
    snoozed one, which stayed at 10:00 Moscow time (14:00 in Novosibirsk)."""
    from zoneinfo import ZoneInfo

    order_id, call = await remind(bot, monkeypatch, 612, "ru")
    tmr = next(data for data in call.button_data() if ":tmr:" in data)
    monkeypatch.setattr(reminder_buttons, "now_utc", lambda: moscow(today(bot), 15))
    await bot.press(612, tmr, lang="ru")
    tomorrow_moscow = int(moscow(today(bot) + DAY, 10).timestamp())
    snoozed = [r for r in await rows(bot, order_id, "pending") if r.due_at == tomorrow_moscow]
    assert len(snoozed) == 1
    await bot.send_text(612, "/settings", lang="ru")
    await bot.press(612, "s:tzt", lang="ru")
    await bot.send_text(612, "Новосибирск", lang="ru")
    moved = {r.id: r.due_at for r in await rows(bot, order_id, "pending")}
    novosibirsk = dt.datetime.combine(
        today(bot) + DAY, dt.time(10), tzinfo=ZoneInfo("Asia/Novosibirsk")
    )
    assert moved[snoozed[0].id] == int(novosibirsk.timestamp())


async def _snoozed_to_tomorrow_on_its_day(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, user_id: int, order_id: int
) -> None:
    """The order's reminder due today goes out at 10:01; "remind me tomorrow" pressed at noon
    queues it for 10:00 tomorrow."""
    d = today(bot)
    bot.request.clear()
    result = await sweep_once(bot.app.bot, bot.runtime, now=moscow(d, 10, 1))
    assert result.sent == 1
    call = bot.last("sendMessage")
    tmr = next(data for data in call.button_data() if ":tmr:" in data)
    monkeypatch.setattr(reminder_buttons, "now_utc", lambda: moscow(d, 12))
    await bot.press(user_id, tmr, lang="en")
    answer = bot.answered_callbacks()[-1].params
    assert answer["text"].startswith("OK, I will remind you again on"), answer["text"]
    pending = await rows(bot, order_id, "pending")
    assert int(moscow(d + DAY, 10).timestamp()) in {r.due_at for r in pending}


async def test_remind_me_tomorrow_on_the_day_the_refund_is_expected_is_tomorrow(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk X: the refund's reminder (an order's last) said "tomorrow is too late" on its day."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 8))
    user = await known_user(bot, 613, "en")
    view = await save(bot, user, d)
    won = view.situation.model_copy(
        update={"dispute": Dispute(stage=Stage.won, since=d - 15 * DAY), "today": d}
    )
    await update_order(bot.runtime, user, view.order.id, won, d)
    await _snoozed_to_tomorrow_on_its_day(bot, monkeypatch, 613, view.order.id)


async def test_remind_me_tomorrow_on_the_first_day_to_open_the_dispute(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review V: the first day to open is listed only while ahead, so on its own day the
    button found no such deadline and said "this menu is out of date"."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d - DAY, 12))
    user = await known_user(bot, 614, "en")
    view = await save(bot, user, d - DAY, shipped_on=d - 10 * DAY, protection_ends_on=d + 40 * DAY)
    assert "earliest_open" in {r.kind for r in await rows(bot, view.order.id, "pending")}
    await _snoozed_to_tomorrow_on_its_day(bot, monkeypatch, 614, view.order.id)


async def test_a_return_reminder_offers_i_shipped_it_back(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk D: the return's reminders had only resolved, tomorrow and the order."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    agreed = {"stage": "return_agreed", "since": d.isoformat(), "opened_on": d.isoformat()}
    received = {"received": True, "problem": "damaged", "delivery_status": None}
    view = await save(bot, await known_user(bot, 620, "en"), d, **received, dispute=agreed)
    # Ship by d + 10: its 2-days-before reminder.
    assert (await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 8 * DAY, 10, 1))).sent == 1
    call = bot.last("sendMessage")
    assert f"r:{view.order.id}:rsh" in call.button_data()
    assert "🚚 I shipped it back" in labels_of(call)
    await bot.press(620, f"r:{view.order.id}:rsh", lang="en")
    stored = await conversations.get(bot.runtime.db, 620)
    assert stored is not None and stored.state is not None
    assert stored.state["flow"] == "return_shipped" and stored.order_id == view.order.id


async def test_remind_me_tomorrow_the_day_before_a_morning_end_is_refused(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Protection runs out at 08:12 (read from the timer): "tomorrow" at 10:00 would come after
    it. In the evening before (quiet hours from 22:00), the bot says when it runs out instead
    of promising that."""
    bot = await BotHarness(make_settings(db_path, quiet_hours="22-9")).start()
    try:
        d = today(bot)
        plan_at(monkeypatch, moscow(d, 12))
        user = await known_user(bot, 621, "en")
        view = await save(bot, user, d, protection_ends_at="08:12")
        end = d + 9 * DAY
        planned = {(r.kind, r.offset_days) for r in await rows(bot, view.order.id, "pending")}
        assert ("protection_ends", 1) in planned and ("protection_ends", 0) not in planned
        await sweep_once(bot.app.bot, bot.runtime, now=moscow(end - DAY, 10, 1))
        call = bot.last("sendMessage")
        assert "8:12" in call.text  # the deadline line names the time it runs out
        tmr = next(data for data in call.button_data() if ":tmr:" in data)
        monkeypatch.setattr(reminder_buttons, "now_utc", lambda: moscow(end - DAY, 21))
        await bot.press(621, tmr, lang="en")
        answer = bot.answered_callbacks()[-1].params
        assert answer["text"].startswith("Tomorrow is too late: Buyer Protection runs out on")
        assert "8:12" in answer["text"]
    finally:
        await bot.stop()


async def test_remind_me_tomorrow_the_day_before_a_morning_end_comes_sooner_and_says_why(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk K: the day before an 08:12 end, "tomorrow" became "again on <today> at 3:00 PM",
    with no word of why."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 622, "en"), d, protection_ends_at="08:12")
    end = d + 9 * DAY
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(end - DAY, 10, 1))
    tmr = next(data for data in bot.last("sendMessage").button_data() if ":tmr:" in data)
    monkeypatch.setattr(reminder_buttons, "now_utc", lambda: moscow(end - DAY, 12))
    await bot.press(622, tmr, lang="en")
    answer = bot.answered_callbacks()[-1].params
    assert answer["text"].startswith("Tomorrow is too late: Buyer Protection runs out on")
    assert answer["text"].endswith("I will remind you again at 3:00\u202fPM.")
    due = {r.due_at for r in await rows(bot, view.order.id, "pending")}
    assert int(moscow(end - DAY, 15).timestamp()) in due


async def test_the_last_days_reminder_names_the_hour_the_protection_runs_out(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk M: "open the dispute today", read at night, sounded like the whole day."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    await save(bot, await known_user(bot, 623, "en"), d, protection_ends_at="20:00")
    end = d + 9 * DAY
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(end, 10, 1))
    text = bot.last("sendMessage").text
    assert "Buyer Protection runs out today at 8:00\u202fPM." in text


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_the_refund_reminder_says_how_much_should_arrive(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """Walk AL: the amount to expect was on the card only."""
    won = {"stage": "won", "since": today(bot).isoformat(), "requested_amount": 12.5}
    view, d = await _at_stage(
        bot, monkeypatch, 608, lang, {**won, "requested_solution": "refund_only"}
    )
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 15 * DAY, 10, 1))
    text = bot.last("sendMessage").text
    amount = get_translator(lang).format_money(12.5, view.situation.currency)
    expected = get_translator(lang).gettext("The refund to expect: %(amount)s.")
    assert html.unescape(text).endswith(expected % {"amount": amount}), text


async def test_the_refund_reminder_names_no_amount_the_buyer_did_not_give(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review AV: "I don't remember" what was asked, and the advice's 30 % guess was stated as
    the refund to expect."""
    won = {"stage": "won", "since": today(bot).isoformat(), "requested_solution": "refund_only"}
    _view, d = await _at_stage(bot, monkeypatch, 609, "en", won, price=30)
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 15 * DAY, 10, 1))
    text = html.unescape(bot.last("sendMessage").text)
    assert "refund" in text.lower() and "The refund to expect" not in text


async def test_a_seller_answer_reminded_after_its_day_says_it_has_passed(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk AT: "remind me tomorrow" on the day, and the next day's reminder spoke of the
    seller's time as still running, with "remind me tomorrow" again, every day."""
    view, d = await _at_stage(bot, monkeypatch, 610, "en", {"stage": "open"})
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 5 * DAY, 10, 1))
    reminder_id = int(bot.last("sendMessage").button_data()[-2].split(":")[3])
    monkeypatch.setattr(reminder_buttons, "now_utc", lambda: moscow(d + 5 * DAY, 10, 5))
    await bot.press(610, f"r:{view.order.id}:tmr:{reminder_id}", lang="en")
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 6 * DAY, 10, 1))
    call = bot.last("sendMessage")
    text = html.unescape(call.text)
    assert get_translator("en").gettext(PASSED_MEANING[DeadlineKind.seller_response_due]) in text
    assert "The seller has until the end of the day above" not in text
    assert not [data for data in call.button_data() if ":tmr:" in data]
    # An older "tomorrow" pressed after the day: nothing more to wait for.
    monkeypatch.setattr(reminder_buttons, "now_utc", lambda: moscow(d + 6 * DAY, 10, 5))
    await bot.press(610, f"r:{view.order.id}:tmr:{reminder_id}", lang="en")
    answer = bot.answered_callbacks()[-1].params.get("text", "")
    assert answer == "This deadline has passed: open the order to see what to do now."


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_the_last_days_reminder_offers_later_today_not_tomorrow(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """Walk AT: "remind me tomorrow" on the protection's last day answered "in a few hours"."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    await save(bot, await known_user(bot, 624, lang), d)
    tr = get_translator(lang)
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 8 * DAY, 10, 1))
    labels = [button["text"] for button in bot.last("sendMessage").buttons]
    assert tr.gettext("⏰ Remind me tomorrow") in labels
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 9 * DAY, 10, 1))
    labels = [button["text"] for button in bot.last("sendMessage").buttons]
    assert tr.gettext("⏰ Remind me later today") in labels
    assert tr.gettext("⏰ Remind me tomorrow") not in labels


async def test_the_escalation_reminder_of_a_waiting_offer_offers_to_answer_it(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk CE: "the seller's proposal is still waiting for your answer", with only
    "AliExpress stepped in" under it."""
    offer = {"stage": "seller_offer", "since": today(bot).isoformat(), "offer_amount": 5}
    view, d = await _at_stage(bot, monkeypatch, 640, "en", offer, price=40, currency="USD")
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 7 * DAY, 10, 1))
    codes = [data.split(":")[2] for data in bot.last("sendMessage").button_data()]
    assert codes[:3] == ["acc", "dcl", "esc"]
    await bot.press(640, f"r:{view.order.id}:dcl", lang="en")
    stored = await orders.get_for_user(bot.runtime.db, view.order.id, 640)
    assert stored is not None and stored.situation["dispute"]["stage"] == "open"


async def test_the_first_day_to_open_offers_i_wrote_to_the_seller_where_that_is_the_advice(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk CE: a parcel without tracking, advised to write to the seller first (rule 5): its
    first-day reminder offered only "I opened the dispute"."""
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 641, "en")
    view = await save(
        bot,
        user,
        d,
        delivery_status="no_tracking",
        shipped_on=d - 9 * DAY,
        protection_ends_on=d + 40 * DAY,
    )
    bot.request.clear()
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + DAY, 10, 1))
    call = bot.last("sendMessage")
    assert "First day" in call.text or "first day" in call.text
    codes = [data.split(":")[2] for data in call.button_data()]
    assert codes[:3] == ["tsm", "wrs", "opn"]
    await bot.press(641, f"r:{view.order.id}:wrs", lang="en")
    assert "📦" in bot.last().text  # the follow-up's question, naming the order
