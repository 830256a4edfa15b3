"""My orders through the real Application: paging, the card, archive and restore, delete."""

from __future__ import annotations

import datetime as dt
import html
from zoneinfo import ZoneInfo

import pytest

from handlers.texts_view import COPY_TEXT_LIMIT
from locales import get_translator
from tests.orders.support import (
    CYRILLIC,
    known_user,
    order_row,
    pending_reminder_kinds,
    save,
    today,
)
from tests.support.harness import BotHarness

NO_ORDERS = (
    "You have no saved orders yet. Tell me about a problem order and save the advice: "
    "I will keep track of its deadlines and remind you in time."
)
NO_ACTIVE = (
    "No active orders. The ones you have resolved are in the archive; tell me about a "
    "new problem order to get advice and reminders."
)


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_twelve_orders_page_by_five(bot: BotHarness, lang: str) -> None:
    user = await known_user(bot, 100, lang)
    ids = [(await save(bot, user, item=f"Item {n}")).order.id for n in range(1, 13)]
    newest_first = ids[::-1]

    await bot.send_text(100, "/orders", lang=lang)
    first = bot.last()
    assert bool(CYRILLIC.search(first.text)) == (lang == "ru")
    assert [f"o:{i}" for i in newest_first[:5]] == first.button_data()[:5]
    assert "o:p:1" in first.button_data() and "o:p:0" not in first.button_data()
    assert "Item 12" in first.text and "Item 7" not in first.text
    assert "1/3" in first.text.replace(" из ", "/").replace(" of ", "/")

    await bot.press(100, "o:p:2", lang=lang)
    last_page = bot.last("editMessageText")
    assert [f"o:{i}" for i in newest_first[10:]] == last_page.button_data()[:2]
    assert "o:p:1" in last_page.button_data() and "o:p:3" not in last_page.button_data()
    assert "Item 1</b>" in last_page.text and "Item 2</b>" in last_page.text
    # A page past the end (the list shrank since) shows the last page, not an error.
    await bot.press(100, "o:p:9", lang=lang)
    assert bot.last().button_data()[:2] == last_page.button_data()[:2]
    assert len(bot.answered_callbacks()) == 2


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_list_shows_stage_action_and_next_deadline(bot: BotHarness, lang: str) -> None:
    user = await known_user(bot, 101, lang)
    await save(bot, user)
    await bot.press(101, "m:orders", lang=lang)
    text = bot.last().text
    assert "Wireless earbuds" in text and "8123456789012345" in text
    expected = (
        ["Спор не открыт", "через 20 дней"] if lang == "ru" else ["No dispute yet", "in 20 days"]
    )
    for piece in expected:
        assert piece in text


async def test_the_list_gives_the_cards_headline(bot: BotHarness) -> None:
    """Walk E: after "I said no" to the seller's offer the card said to escalate the dispute,
    the list to keep it open."""
    user = await known_user(bot, 109, "en")
    opened = today(bot) - dt.timedelta(days=3)
    dispute = {"stage": "open", "opened_on": opened, "since": opened + dt.timedelta(days=1)}
    view = await save(bot, user, dispute=dispute)
    await bot.press(109, "m:orders", lang="en")
    assert "Escalate the dispute to AliExpress" in bot.last().text
    await bot.press(109, f"o:{view.order.id}", lang="en")
    assert "Escalate the dispute to AliExpress" in bot.last().text


async def test_the_list_names_the_time_the_protection_runs_out(bot: BotHarness) -> None:
    """Walk K: "(tomorrow)" for an end three hours away, the time only on the card."""
    user = await known_user(bot, 108, "en")
    await save(bot, user, protection_ends_at="08:12")
    await bot.press(108, "m:orders", lang="en")
    assert ", 8:12\u202fAM (in 20 days)" in bot.last().text


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_no_orders_offers_a_new_one(bot: BotHarness, lang: str) -> None:
    await bot.send_text(102, "/orders", lang=lang)
    call = bot.last()
    assert "m:new" in call.button_data() and "m:menu" in call.button_data()
    assert get_translator(lang).gettext(NO_ORDERS) in call.text
    assert bool(CYRILLIC.search(call.text)) == (lang == "ru")


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_card_shows_header_advice_and_stage_buttons(bot: BotHarness, lang: str) -> None:
    user = await known_user(bot, 103, lang)
    view = await save(bot, user, tracking_number="RB123456785GB")
    order_id = view.order.id
    await bot.press(103, f"o:{order_id}", lang=lang)
    card = bot.last("editMessageText")
    assert "Wireless earbuds" in card.text and "RB123456785GB" in card.text
    assert "8123456789012345" in card.text
    headline = "Откройте спор" if lang == "ru" else "Open a dispute"
    assert headline.lower() in card.text.lower()
    data = card.button_data()
    assert f"o:{order_id}:opn" in data and f"o:{order_id}:ext" in data
    assert f"o:{order_id}:won" not in data and f"o:{order_id}:ofr" not in data
    assert f"o:{order_id}:tdi" in data and f"cal:{order_id}" in data
    assert {f"o:{order_id}:arc", f"o:{order_id}:del", "o:p:0"} <= set(data)
    assert bot.answered_callbacks()


@pytest.mark.parametrize("received", [True, False])
async def test_a_return_is_offered_only_for_an_item_in_hand(
    bot: BotHarness, received: bool
) -> None:
    user = await known_user(bot, 104, "en")
    parcel = {} if received else {"received": False, "problem": None}
    lost = {} if received else {"delivery_status": "in_transit"}
    view = await save(bot, user, dispute={"stage": "open"}, **parcel, **lost)
    order_id = view.order.id
    await bot.press(104, f"o:{order_id}", lang="en")
    data = bot.last("editMessageText").button_data()
    assert f"o:{order_id}:ofr" in data and f"o:{order_id}:won" in data
    assert (f"o:{order_id}:rag" in data) == received
    bot.request.clear()
    await bot.press(104, f"o:{order_id}:rag", lang="en")  # an old or forged button
    if received:
        # Its first question: whether the buyer, who asked to keep the item, agreed to it.
        assert "q:return_who:c:agreed" in bot.last().button_data()
    else:
        assert "out of date" in str(bot.answered_callbacks()[-1].params.get("text"))
        assert "return_agreed" not in str(await order_row(bot, order_id))


async def test_card_escapes_user_text(bot: BotHarness) -> None:
    user = await known_user(bot, 104, "en")
    view = await save(bot, user, item="<b>evil</b> & co")
    await bot.press(104, f"o:{view.order.id}", lang="en")
    text = bot.last().text
    assert "&lt;b&gt;evil&lt;/b&gt; &amp; co" in text and "<b>evil</b>" not in text


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_archive_and_restore(bot: BotHarness, lang: str) -> None:
    user = await known_user(bot, 105, lang)
    order_id = (await save(bot, user)).order.id

    # Its protection end is ahead: asked first (test_archive_with_dates_ahead_is_asked_first).
    await bot.press(105, f"o:{order_id}:arc", lang=lang)
    assert (await order_row(bot, order_id))["status"] == "active"
    await bot.press(105, f"o:{order_id}:arcy", lang=lang)
    assert (await order_row(bot, order_id))["status"] == "archived"
    card = bot.last("editMessageText")
    assert f"o:{order_id}:rst" in card.button_data()
    assert f"o:{order_id}:opn" not in card.button_data(), "no follow-ups in the archive"
    assert "o:a:0" in card.button_data()
    # Walk BV: the way back to the archive is named so, not "My orders".
    back = next(b["text"] for b in card.buttons if b.get("callback_data") == "o:a:0")
    assert back == get_translator(lang).gettext("⬅️ Archive")

    await bot.send_text(105, "/orders", lang=lang)
    active = bot.last()
    assert f"o:{order_id}" not in active.button_data() and "o:a:0" in active.button_data()
    tr = get_translator(lang)
    # An archived order exists, so "no saved orders yet" would be untrue.
    assert tr.gettext(NO_ACTIVE) in active.text and tr.gettext(NO_ORDERS) not in active.text
    await bot.press(105, "o:a:0", lang=lang)
    archive = bot.last()
    assert f"o:{order_id}" in archive.button_data()
    # No reminders come for an archived order, so its entry names no deadline.
    assert "⏰" not in archive.text and tr.gettext("No upcoming deadlines.") not in archive.text
    # Nor is it updated from there: the list says what can be done with it.
    hint = tr.ngettext(
        "%(count)d archived order. Choose one to look at it or restore it:",
        "%(count)d archived orders. Choose one to look at it or restore it:",
        1,
    ) % {"count": 1}
    assert hint in archive.text and "update" not in archive.text and "обнов" not in archive.text

    await bot.press(105, f"o:{order_id}:rst", lang=lang)
    assert (await order_row(bot, order_id))["status"] == "active"
    assert f"o:{order_id}:arc" in bot.last().button_data()
    # Restore again from the old archived card: nothing changes, the card is shown afresh.
    before = await order_row(bot, order_id)
    await bot.press(105, f"o:{order_id}:rst", lang=lang)
    assert await order_row(bot, order_id) == before
    assert f"o:{order_id}:arc" in bot.last().button_data()
    assert len(bot.answered_callbacks()) == 5


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_archive_with_dates_ahead_is_asked_first(bot: BotHarness, lang: str) -> None:
    """Walk of 2026-12-03: a won dispute archived before the refund came lost its "refund
    expected by" reminder without a word but a toast."""
    user = await known_user(bot, 108, lang)
    won = {"stage": "won", "since": today(bot).isoformat()}
    order_id = (await save(bot, user, dispute=won)).order.id
    before = await order_row(bot, order_id)
    assert "refund_expected_by" in await pending_reminder_kinds(bot, order_id)

    await bot.press(108, f"o:{order_id}:arc", lang=lang)
    ask = bot.last("editMessageText")
    tr = get_translator(lang)
    expected_by = tr.format_date(today(bot) + dt.timedelta(days=15))
    assert "Wireless earbuds" in ask.text and html.escape(expected_by) in ask.text
    assert tr.gettext("The refund should arrive") in ask.text
    assert bool(CYRILLIC.search(ask.text.split("\n")[0])) == (lang == "ru")
    assert ask.button_data() == [f"o:{order_id}:arcy", f"o:{order_id}"]
    assert await order_row(bot, order_id) == before, "nothing archived on the question"
    assert "refund_expected_by" in await pending_reminder_kinds(bot, order_id)

    # No: the card as it was, the order still active.
    await bot.press(108, f"o:{order_id}", lang=lang)
    assert f"o:{order_id}:arc" in bot.last().button_data()
    assert await order_row(bot, order_id) == before

    await bot.press(108, f"o:{order_id}:arc", lang=lang)
    await bot.press(108, f"o:{order_id}:arcy", lang=lang)
    assert (await order_row(bot, order_id))["status"] == "archived"
    assert not await pending_reminder_kinds(bot, order_id)
    assert f"o:{order_id}:rst" in bot.last().button_data()
    # The question's button pressed again on the archived order: out of date, nothing changes.
    archived = await order_row(bot, order_id)
    await bot.press(108, f"o:{order_id}:arcy", lang=lang)
    assert await order_row(bot, order_id) == archived
    assert len(bot.answered_callbacks()) == 5


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_archive_with_no_dates_ahead_is_at_once(bot: BotHarness, lang: str) -> None:
    """Nothing would be reminded of (the buyer's own mistake, no protection end given): no
    question in the way."""
    user = await known_user(bot, 109, lang)
    view = await save(bot, user, problem="changed_mind", protection_ends_on=None)
    assert not view.advice.deadlines
    await bot.press(109, f"o:{view.order.id}:arc", lang=lang)
    assert (await order_row(bot, view.order.id))["status"] == "archived"
    assert f"o:{view.order.id}:rst" in bot.last("editMessageText").button_data()


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_delete_needs_confirmation(bot: BotHarness, lang: str) -> None:
    user = await known_user(bot, 106, lang)
    order_id = (await save(bot, user)).order.id

    await bot.press(106, f"o:{order_id}:del", lang=lang)
    ask = bot.last()
    assert {f"o:{order_id}:dly", f"o:{order_id}"} == set(ask.button_data())
    assert "Wireless earbuds" in ask.text, "the question names the order it deletes"
    assert await order_row(bot, order_id) is not None

    await bot.press(106, f"o:{order_id}", lang=lang)  # "No, keep it": back to the card
    assert await order_row(bot, order_id) is not None
    assert f"o:{order_id}:del" in bot.last().button_data()

    await bot.press(106, f"o:{order_id}:del", lang=lang)
    await bot.press(106, f"o:{order_id}:dly", lang=lang)
    assert await order_row(bot, order_id) is None
    assert "m:new" in bot.last().button_data(), "the now empty list offers a new order"

    # The confirmation pressed again (a stale button) refers to a gone order.
    await bot.press(106, f"o:{order_id}:dly", lang=lang)
    assert "m:new" in bot.last().button_data()
    assert len(bot.answered_callbacks()) == 5


async def test_texts_button_sends_the_dispute_text(bot: BotHarness) -> None:
    user = await known_user(bot, 107, "ru")
    order_id = (await save(bot, user)).order.id
    bot.request.clear()
    await bot.press(107, f"o:{order_id}:tdi", lang="ru")
    sent = [call.text for call in bot.request.sent("sendMessage")]
    assert any("Wireless earbuds" in text or "earbuds" in text.lower() for text in sent)
    assert bot.answered_callbacks()


async def test_the_appeals_copy_may_go_to_the_support_chat_as_it_is(bot: BotHarness) -> None:
    user = await known_user(bot, 110, "ru")
    dispute = {"stage": "open"}
    check_only = get_translator("ru").gettext("The same in your language, to check what it says:")
    support_too = get_translator("ru").gettext(
        "The same in your language (the support chat accepts it too):"
    )
    order_id = (await save(bot, user, dispute=dispute)).order.id
    await bot.press(110, f"o:{order_id}:tdi", lang="ru")
    assert any(check_only in call.text for call in bot.request.sent("sendMessage"))
    lost = (await save(bot, user, dispute={"stage": "lost"})).order.id
    bot.request.clear()
    await bot.press(110, f"o:{lost}:tap", lang="ru")
    sent = [call.text for call in bot.request.sent("sendMessage")]
    # Too long for a Copy button: it says how to copy it, as the English block does (review BU),
    # after a full stop (walk BW: a colon then a new sentence).
    tap = get_translator("ru").gettext("Tap the text to copy it.")
    heading = support_too.removesuffix(":") + ". " + tap
    assert any(heading in text.split("\n")[0] for text in sent)
    assert not any(check_only in text for text in sent)


async def test_long_fields_stay_within_telegram_limits(bot: BotHarness) -> None:
    user = await known_user(bot, 108, "ru")
    for n in range(5):
        await save(
            bot,
            user,
            item=f"{n} " + "очень длинное название товара " * 16,
            order_number="9" * 100,
            tracking_number="RB" + "1" * 98,
        )
    await bot.send_text(108, "/orders", lang="ru")
    listing = bot.last()
    assert len(listing.text) <= 4096
    assert all(len(b["text"]) <= 64 for b in listing.buttons)
    order_id = int(listing.button_data()[0].split(":")[1])
    await bot.press(108, f"o:{order_id}", lang="ru")
    assert all(len(call.text) <= 4096 for call in bot.request.sent())


async def test_an_over_long_card_is_split_with_buttons_under_the_last_part(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = await known_user(bot, 109, "en")
    order_id = (await save(bot, user)).order.id
    monkeypatch.setattr("handlers.orders.card.render_advice", lambda *a, **k: "advice " * 580)
    bot.request.clear()
    await bot.press(109, f"o:{order_id}", lang="en")
    header, advice = bot.request.sent()
    assert header.method == "editMessageText" and "Wireless earbuds" in header.text
    assert not header.button_data()
    assert advice.method == "sendMessage" and advice.text.startswith("advice")
    assert f"o:{order_id}:opn" in advice.button_data()
    assert all(len(call.text) <= 4096 for call in (header, advice))


@pytest.mark.parametrize(("stage", "code"), [("escalated", "esc"), ("seller_asks_to_close", "cls")])
async def test_a_card_does_not_offer_the_stage_the_order_is_at(
    bot: BotHarness, stage: str, code: str
) -> None:
    user = await known_user(bot, 111, "en")
    order_id = (await save(bot, user, dispute={"stage": stage})).order.id
    await bot.press(111, f"o:{order_id}", lang="en")
    data = bot.last("editMessageText").button_data()
    assert f"o:{order_id}:{code}" not in data and f"o:{order_id}:won" in data


async def test_an_offer_to_accept_can_be_marked_accepted(bot: BotHarness) -> None:
    user = await known_user(bot, 112, "en")
    offer = {"stage": "seller_offer", "offer_solution": "refund_only", "offer_amount": 40.0}
    order_id = (await save(bot, user, dispute=offer)).order.id
    await bot.press(112, f"o:{order_id}", lang="en")
    assert f"o:{order_id}:acc" in bot.last("editMessageText").button_data()
    await bot.press(112, f"o:{order_id}:acc", lang="en")
    await bot.press(112, "q:accepted_when:c:today", lang="en")
    row = await order_row(bot, order_id)
    assert row is not None and '"stage": "won"' in str(row["situation"])
    card = bot.last()
    assert "o:" + str(order_id) + ":acc" not in card.button_data()
    # The offer's terms are what comes now, not what the buyer asked for.
    assert "Refund expected: $40.00" in card.text
    assert "You asked for" not in card.text
    # An agreement, not a decision in the buyer's favour.
    assert "Offer accepted — the refund is coming" in card.text and "Dispute won" not in card.text
    assert "You accepted the seller&#x27;s offer, so its refund is on its way." in card.text
    assert "closed in your favour" not in card.text


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_the_dispute_text_button_names_a_reply_to_an_offer(
    bot: BotHarness, lang: str
) -> None:
    """Walk F: "📄 Dispute text" opened "Reply to the seller's offer". The same label before
    saving (the advice card) and after (the order's card)."""
    from handlers.conversation.card_screen import advice_keyboard
    from handlers.texts_view import REPLY_LABEL, TEXT_LABELS

    tr = get_translator(lang)
    user = await known_user(bot, 113, lang)
    low_offer = {"stage": "seller_offer", "offer_solution": "refund_only", "offer_amount": 0.5}
    for changes, label in (({}, TEXT_LABELS["dispute"]), ({"dispute": low_offer}, REPLY_LABEL)):
        view = await save(bot, user, **changes)
        await bot.press(113, f"o:{view.order.id}", lang=lang)
        card = {button["callback_data"]: button["text"] for button in bot.last().buttons}
        assert card[f"o:{view.order.id}:tdi"] == tr.gettext(label)
        before = advice_keyboard(tr, view.advice).inline_keyboard[0][0]
        assert before.text == tr.gettext(label)


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_the_dispute_texts_title_fits_the_stage(bot: BotHarness, lang: str) -> None:
    from advisor.models import Action
    from handlers.texts_view import DISPUTE_TITLES, OFFPLATFORM_REPLY_TITLE, TITLES

    tr = get_translator(lang)
    user = await known_user(bot, 111, lang)
    fresh = (await save(bot, user)).order.id
    low_offer = {"stage": "seller_offer", "offer_solution": "refund_only", "offer_amount": 0.5}
    offered = (await save(bot, user, dispute=low_offer)).order.id
    # Second walk of 2026-12-03: a PayPal offer has no offer in the dispute to "reject".
    paypal = (await save(bot, user, dispute={"stage": "seller_offplatform_offer"})).order.id
    for order_id, title in (
        (fresh, TITLES["dispute"]),
        (offered, DISPUTE_TITLES[Action.reject_offer]),
        (paypal, OFFPLATFORM_REPLY_TITLE),
    ):
        bot.request.clear()
        await bot.press(111, f"o:{order_id}:tdi", lang=lang)
        sent = [call.text for call in bot.request.sent("sendMessage")]
        assert any(html.escape(tr.gettext(title)) in text for text in sent), sent
    assert not any(html.escape(tr.gettext(TITLES["dispute"])) in text for text in sent)


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_text_too_long_for_the_copy_button_says_how_to_copy_it(
    bot: BotHarness, lang: str
) -> None:
    tr = get_translator(lang)
    hint = html.escape(tr.gettext("Tap the text to copy it."))
    user = await known_user(bot, 112, lang)
    details = "The left earbud stopped charging after one day, and the case light blinks red."
    for changes, long in (({}, False), ({"details": details * 2}, True)):
        order_id = (await save(bot, user, **changes)).order.id
        bot.request.clear()
        await bot.press(112, f"o:{order_id}:tdi", lang=lang)
        english = bot.request.sent("sendMessage")[0]
        body = html.unescape(english.text.split("<pre>")[1].split("</pre>")[0])
        assert (len(body) > COPY_TEXT_LIMIT) is long
        assert (hint in english.text) is long
        assert any("copy_text" in button for button in english.buttons) is not long


async def test_only_the_appeals_copy_in_the_users_language_can_be_copied(bot: BotHarness) -> None:
    user = await known_user(bot, 113, "ru")
    order_id = (await save(bot, user)).order.id
    bot.request.clear()
    await bot.press(113, f"o:{order_id}:tdi", lang="ru")
    english, russian = bot.request.sent("sendMessage")[:2]
    assert not CYRILLIC.search(english.text.split("<pre>")[1]) and CYRILLIC.search(russian.text)
    assert not russian.buttons  # to check the meaning, not to paste
    lost = (await save(bot, user, dispute={"stage": "lost"})).order.id
    bot.request.clear()
    await bot.press(113, f"o:{lost}:tap", lang="ru")
    copy = bot.request.sent("sendMessage")[1]
    body = html.unescape(copy.text.split("<pre>")[1].split("</pre>")[0])
    assert any("copy_text" in b for b in copy.buttons) is (len(body) <= COPY_TEXT_LIMIT)


async def test_an_agreed_return_says_the_refund_comes_once_the_item_is_back_and_won_plainly(
    bot: BotHarness,
) -> None:
    user = await known_user(bot, 113, "en")
    agreed = {
        "stage": "return_agreed",
        "since": today(bot).isoformat(),
        "requested_solution": "return_and_refund",
        "requested_amount": 40.0,
    }
    order_id = (await save(bot, user, dispute=agreed)).order.id
    await bot.press(113, f"o:{order_id}", lang="en")
    card = bot.last("editMessageText").text
    assert "Refund expected once the seller gets the item back: $40.00" in card
    assert "Return and refund, $40.00" not in card
    # Won after the return: the seller got the item, the refund simply comes.
    won = {**agreed, "stage": "won"}
    won_id = (await save(bot, user, dispute=won)).order.id
    await bot.press(113, f"o:{won_id}", lang="en")
    won_card = bot.last("editMessageText").text
    assert "Refund expected: $40.00" in won_card
    assert "once the seller gets the item back" not in won_card


@pytest.mark.parametrize(
    ("lang", "name"), [("en", "Not working, saved "), ("ru", "Не работает (заказ сохранён ")]
)
async def test_an_order_without_a_name_is_named_by_the_day_it_was_saved(
    bot: BotHarness, lang: str, name: str
) -> None:
    """Not "Order #9" (the database id): the buyer's only order read "1. Order #9" (walks K,
    L, M)."""
    from handlers.order_names import order_name
    from locales import get_translator

    user = await known_user(bot, 107, lang)
    view = await save(bot, user, item=None, order_number=None)
    await bot.press(107, "m:orders", lang=lang)
    listing = bot.last().text
    tr = get_translator(lang)
    moscow = ZoneInfo("Europe/Moscow")  # the harness's default zone
    when = dt.datetime.fromtimestamp(view.order.created_at, moscow)
    saved = tr.format_date(when.date(), "medium")
    assert f"{name}{saved}, " in listing and "#" not in listing
    named = order_name(
        tr, None, view.situation.model_dump(mode="json"), view.order.created_at, moscow
    )
    assert named.startswith(f"{name}{saved}, ") and named in listing


def test_nameless_orders_saved_the_same_minute_differ_by_what_went_wrong() -> None:
    """Walk X: three orders saved within a minute were all "Order of 30 Nov 2026, 05:56"."""
    from handlers.order_names import order_name
    from locales import get_translator

    tr, zone, stamp = get_translator("en"), ZoneInfo("UTC"), 1_800_000_000
    names = {
        order_name(tr, None, data, stamp, zone)
        for data in ({"received": False}, {"received": True, "problem": "damaged"}, {})
    }
    assert len(names) == 3
    assert any(name.startswith("Not received, saved ") for name in names)


def test_a_nameless_order_is_named_by_the_users_day_and_time() -> None:
    """Review Q: 01:30 in Moscow on 30 Nov is 22:30 UTC on the 29th."""
    from handlers.order_names import order_name
    from locales import get_translator

    stamp = int(dt.datetime(2026, 11, 29, 22, 30, tzinfo=dt.UTC).timestamp())
    ru, en = get_translator("ru"), get_translator("en")
    moscow = order_name(ru, None, {}, stamp, ZoneInfo("Europe/Moscow"))
    assert moscow == f"Заказ, сохранённый {ru.format_date(dt.date(2026, 11, 30), 'medium')}, 01:30"
    utc = order_name(en, None, {}, stamp, ZoneInfo("UTC"))
    assert utc.startswith(f"Order saved {en.format_date(dt.date(2026, 11, 29), 'medium')}, 10:30")


async def test_my_orders_from_a_card_goes_back_to_the_page_the_order_is_on(
    bot: BotHarness,
) -> None:
    """Walk T: a card opened from page 2 went back to page 1."""
    user = await known_user(bot, 108, "en")
    saved = [await save(bot, user, item=f"Gadget {n}") for n in range(7)]
    await bot.press(108, f"o:{saved[0].order.id}", lang="en")  # the oldest: page 2 of 5 a page
    assert "o:p:1" in bot.last().button_data()
    await bot.press(108, f"o:{saved[-1].order.id}", lang="en")  # the newest: page 1
    assert "o:p:0" in bot.last().button_data()


async def test_the_most_urgent_order_comes_first(bot: BotHarness) -> None:
    """Walk BR: the order whose last safe day was in 3 days came below a newer one ending in
    12; orders with no date ahead come last, newest first among equals."""
    user = await known_user(bot, 109, "en")
    day = today(bot)

    async def saved(item: str, ends_in: int | None) -> int:
        end = None if ends_in is None else day + dt.timedelta(days=ends_in)
        return (await save(bot, user, item=item, protection_ends_on=end)).order.id

    urgent = await saved("Urgent", 3)
    undated = await saved("Undated", None)
    later = await saved("Later", 12)
    also_later = await saved("Also later", 12)
    soonest = await saved("Soonest", 1)
    await bot.press(109, "m:orders", lang="en")
    expected = [soonest, urgent, also_later, later, undated]
    assert bot.last().button_data()[:5] == [f"o:{i}" for i in expected]
    # A card's "My orders" goes back to the page of that order in this order.
    for n in range(5):
        await saved(f"Filler {n}", 20)
    await bot.press(109, f"o:{undated}", lang="en")
    assert "o:p:1" in bot.last().button_data()
    await bot.press(109, f"o:{soonest}", lang="en")
    assert "o:p:0" in bot.last().button_data()


async def test_an_order_past_its_deadline_with_something_to_do_comes_first(
    bot: BotHarness,
) -> None:
    """Walk BV: an agreed return past its ship-by day sank to the end of the list, saying
    "No upcoming deadlines", below orders that only had to wait."""
    user = await known_user(bot, 111, "en")
    day = today(bot)
    waiting = await save(bot, user, item="Waiting", protection_ends_on=day + dt.timedelta(5))
    dispute = {"stage": "return_agreed", "since": (day - dt.timedelta(12)).isoformat()}
    late = await save(bot, user, item="Late return", dispute=dispute)
    await bot.press(111, "m:orders", lang="en")
    listing = bot.last()
    assert listing.button_data()[:2] == [f"o:{late.order.id}", f"o:{waiting.order.id}"]
    entry = listing.text.split("Late return")[1].split("Waiting")[0]
    assert "2 days ago, already passed" in entry and "No upcoming deadlines" not in entry
    # Review BZ: only lately; a dispute won long ago is no emergency above a last day ahead.
    won = {"stage": "won", "since": (day - dt.timedelta(60)).isoformat()}
    long_ago = await save(bot, user, item="Long ago", dispute=won)
    await bot.press(111, "m:orders", lang="en")
    order = bot.last().button_data()[:3]
    assert order == [f"o:{late.order.id}", f"o:{waiting.order.id}", f"o:{long_ago.order.id}"]


@pytest.mark.parametrize(("order_number", "told"), [(None, True), ("8123456789012345", False)])
async def test_an_appeal_without_the_order_number_says_to_add_it(
    bot: BotHarness, order_number: str | None, told: bool
) -> None:
    from handlers.texts_view import APPEAL_WITHOUT_ORDER_NUMBER

    user = await known_user(bot, 114, "en")
    lost = await save(bot, user, dispute={"stage": "lost"}, order_number=order_number)
    bot.request.clear()
    await bot.press(114, f"o:{lost.order.id}:tap", lang="en")
    heading = bot.request.sent("sendMessage")[0].text.split("<pre>")[0]
    assert (html.escape(APPEAL_WITHOUT_ORDER_NUMBER) in heading) is told
    if order_number:
        assert f"Order number: {order_number}" in bot.request.sent("sendMessage")[0].text


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_an_overdue_refund_reads_the_same_in_the_list_and_on_the_card(
    bot: BotHarness, lang: str
) -> None:
    """Walk of 2026-12-03: the list said "wait for the refund" under a date passed, the card
    "check whether the refund has come"."""
    from handlers.advice_card import REFUND_OVERDUE

    tr = get_translator(lang)
    user = await known_user(bot, 114, lang)
    won = today(bot) - dt.timedelta(days=16)  # the refund was due yesterday
    view = await save(bot, user, dispute={"stage": "won", "opened_on": won, "since": won})
    overdue = html.escape(tr.gettext(REFUND_OVERDUE))
    await bot.press(114, "m:orders", lang=lang)
    assert overdue in bot.last().text
    await bot.press(114, f"o:{view.order.id}", lang=lang)
    assert overdue in bot.last().text


async def test_the_list_names_the_usual_end_when_the_real_one_is_unknown(
    bot: BotHarness,
) -> None:
    """Third walk of 2026-12-03: "No upcoming deadlines" beside a card naming the usual end,
    with reminders planned for it."""
    user = await known_user(bot, 115, "en")
    shipped = today(bot) - dt.timedelta(days=50)
    await save(
        bot,
        user,
        received=False,
        problem=None,
        delivery_status="not_updating",
        days_since_tracking_update=21,
        shipped_on=shipped,
        protection_ends_on=None,
        seller={"contacted": True},
    )
    await bot.press(115, "m:orders", lang="en")
    usual = get_translator("en").format_date(shipped + dt.timedelta(days=60))
    text = html.unescape(bot.last().text)
    assert f"Buyer Protection usually ends (its real end is unknown): {usual} (in 10 days)" in text
    assert "No upcoming deadlines" not in text
