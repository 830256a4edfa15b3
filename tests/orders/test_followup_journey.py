"""A dispute moving along from the order card: opened, then offers below and at the asked amount."""

from __future__ import annotations

import datetime as dt
import html
import json
from zoneinfo import ZoneInfo

import pytest

from advisor import labels
from advisor.models import Action, Stage
from advisor.questionnaire.new_flow import KEEP_AND_FULL_REFUND_PROMPT
from handlers.advice_wording import ESCALATE_TITLE
from handlers.order_store import update_order
from locales import get_translator
from storage import conversations
from tests.orders.support import (
    CYRILLIC,
    button_ending,
    known_user,
    order_row,
    pending_reminder_kinds,
    press_on_screen,
    save,
    today,
)
from tests.support.harness import BotHarness

_button = button_ending
_press = press_on_screen

# A parcel saved as still on its way (the received order of `save` changed back).
ON_ITS_WAY = {"received": False, "problem": None, "delivery_status": "in_transit"}


async def _correct(bot: BotHarness, user_id: int, order_id: int, detail: str, lang: str) -> None:
    """Open "✏️ Correct a detail" of the order and choose the detail to correct."""
    await _press(bot, user_id, f"o:{order_id}:fix", lang)
    await _press(bot, user_id, _button(bot, f":c:{detail}"), lang)


async def _offer(bot: BotHarness, user_id: int, order_id: int, amount: str, lang: str) -> str:
    """Report a refund-only offer of `amount` from the card; return the new card's text."""
    await _press(bot, user_id, f"o:{order_id}:ofr", lang)
    await _press(bot, user_id, _button(bot, ":c:refund_only"), lang)
    await bot.send_text(user_id, amount, lang)
    return bot.last().text


@pytest.mark.parametrize(
    ("lang", "low", "enough"), [("en", "25 USD", "$40"), ("ru", "25 $", "40 $")]
)
async def test_opened_then_offers_reject_then_accept(
    bot: BotHarness, lang: str, low: str, enough: str
) -> None:
    tr = get_translator(lang)
    user = await known_user(bot, 500, lang)
    order_id = (await save(bot, user)).order.id

    await _press(bot, 500, f"o:{order_id}", lang)
    assert f"o:{order_id}:won" not in bot.last().button_data(), "no outcome before a dispute"
    await _press(bot, 500, f"o:{order_id}:opn", lang)
    await _press(bot, 500, _button(bot, ":c:today"), lang)
    card = bot.last()
    assert html.escape(labels.action_title(tr, Action.keep_dispute_open)) in card.text
    assert f"o:{order_id}:opn" not in card.button_data()
    assert {f"o:{order_id}:ofr", f"o:{order_id}:won", f"o:{order_id}:lst"} <= set(
        card.button_data()
    )
    assert tr.format_money(40, "USD") in card.text
    assert (await order_row(bot, order_id))["stage"] == "open"

    rejected = await _offer(bot, 500, order_id, low, lang)
    assert html.escape(labels.action_title(tr, Action.reject_offer)) in rejected
    assert tr.format_money(25, "USD") in rejected and tr.format_money(40, "USD") in rejected
    assert bool(CYRILLIC.search(rejected)) == (lang == "ru")
    row = await order_row(bot, order_id)
    assert row["stage"] == "seller_offer"

    accepted = await _offer(bot, 500, order_id, enough, lang)
    assert html.escape(labels.action_title(tr, Action.accept_offer)) in accepted
    assert html.escape(labels.action_title(tr, Action.reject_offer)) not in accepted
    assert tr.format_money(40, "USD") in accepted
    assert await conversations.get(bot.runtime.db, 500) is None, "the follow-up is over"
    assert len(bot.answered_callbacks()) == 7, "every button press is answered"


async def test_seller_extended_protection_asks_the_new_date(bot: BotHarness) -> None:
    user = await known_user(bot, 501, "en")
    view = await save(bot, user, received=False, problem=None, delivery_status="in_transit")
    await _press(bot, 501, f"o:{view.order.id}:ext", "en")
    question = bot.last()
    assert "q:" in "".join(question.button_data()) and "?" in question.text
    assert (await conversations.get(bot.runtime.db, 501)).order_id == view.order.id


@pytest.mark.parametrize("stage_button", ["ofr", "cls", "opp"])
async def test_saying_no_to_the_seller_opens_the_dispute_again_with_its_reminders(
    bot: BotHarness, stage_button: str
) -> None:
    tr = get_translator("en")
    user = await known_user(bot, 502, "en")
    order_id = (await save(bot, user)).order.id
    await _press(bot, 502, f"o:{order_id}:opn", "en")
    await _press(bot, 502, _button(bot, ":c:yesterday"), "en")
    assert {"seller_response_due", "escalation"} <= await pending_reminder_kinds(bot, order_id)

    if stage_button == "ofr":
        await _offer(bot, 502, order_id, "25 USD", "en")
    else:
        await _press(bot, 502, f"o:{order_id}:{stage_button}", "en")
    assert (await order_row(bot, order_id))["stage"] != "open"
    # The seller has answered; nothing is agreed, so AliExpress still steps in on the date
    # counted from the opening: that reminder stays (advisor/policy.py, departure 3).
    during = await pending_reminder_kinds(bot, order_id)
    assert "escalation" in during and "seller_response_due" not in during
    card = bot.last().text
    assert labels.deadline_text(tr, "escalation") in card

    await _press(bot, 502, f"o:{order_id}:dcl", "en")
    card = bot.last()
    row = await order_row(bot, order_id)
    assert row["stage"] == "open"
    # No agreement: escalating is the buyer's move now (walk CL; 001, 003).
    assert html.escape(tr.gettext(ESCALATE_TITLE)) in card.text
    assert "The seller offers" not in card.text
    assert f"o:{order_id}:dcl" not in card.button_data()
    # The timers count from the day the dispute was opened (yesterday), as before the seller;
    # the seller has answered, so "if they stay silent it closes in your favour" is gone.
    kinds = await pending_reminder_kinds(bot, order_id)
    assert "escalation" in kinds and "seller_response_due" not in kinds
    assert row["next_deadline_kind"] == "escalation"
    assert row["next_deadline_on"] == (today(bot) + dt.timedelta(days=6)).isoformat()
    assert labels.deadline_text(tr, "seller_response_due") not in card.text
    assert "the seller has answered without an agreement" in card.text


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_an_offer_after_aliexpress_stepped_in_keeps_the_dispute_with_aliexpress(
    bot: BotHarness, lang: str
) -> None:
    """Walk of 2026-12-03: escalated, then the seller's offer, and the card and the reminders
    said again that AliExpress steps in on the opening's day + 7; saying no to it opened the
    dispute again with that date."""
    from handlers.orders.stages import ESCALATED_STAGE_NAMES

    tr = get_translator(lang)
    user = await known_user(bot, 503, lang)
    order_id = (await save(bot, user)).order.id
    await _press(bot, 503, f"o:{order_id}:opn", lang)
    await _press(bot, 503, _button(bot, ":c:yesterday"), lang)
    await _press(bot, 503, f"o:{order_id}:esc", lang)
    card = await _offer(bot, 503, order_id, "25 USD" if lang == "en" else "25 $", lang)
    assert (await order_row(bot, order_id))["stage"] == "seller_offer"
    assert labels.deadline_text(tr, "escalation") not in card
    assert html.escape(tr.gettext(ESCALATED_STAGE_NAMES[Stage.seller_offer])) in card
    assert "escalation" not in await pending_reminder_kinds(bot, order_id)

    await _press(bot, 503, f"o:{order_id}:dcl", lang)
    assert (await order_row(bot, order_id))["stage"] == "escalated"
    assert labels.deadline_text(tr, "escalation") not in bot.last().text
    assert "escalation" not in await pending_reminder_kinds(bot, order_id)


async def test_saying_no_asks_when_the_dispute_was_opened_if_unknown(bot: BotHarness) -> None:
    user = await known_user(bot, 503, "en")
    dispute = {"stage": "seller_asks_to_close", "since": today(bot).isoformat()}
    order_id = (await save(bot, user, dispute=dispute)).order.id
    await _press(bot, 503, f"o:{order_id}:dcl", "en")
    assert "When did you open the dispute?" in bot.last().text
    await _press(bot, 503, _button(bot, ":c:today"), "en")
    row = await order_row(bot, order_id)
    assert row["stage"] == "open"
    assert "escalation" in await pending_reminder_kinds(bot, order_id)


async def test_seller_did_not_extend_turns_the_extension_request_into_a_dispute(
    bot: BotHarness,
) -> None:
    tr = get_translator("en")
    user = await known_user(bot, 504, "en")
    parcel = {
        "received": False,
        "problem": None,
        "delivery_status": "in_transit",
        "protection_ends_on": today(bot) + dt.timedelta(days=5),
        "evidence": ["tracking_screenshot"],
    }
    view = await save(bot, user, **parcel)
    assert view.advice.action == Action.ask_extension
    await _press(bot, 504, f"o:{view.order.id}", "en")
    assert f"o:{view.order.id}:nxt" in bot.last().button_data()
    await _press(bot, 504, f"o:{view.order.id}:nxt", "en")
    card = bot.last()
    assert html.escape(labels.action_title(tr, Action.open_dispute)) in card.text
    assert f"o:{view.order.id}:nxt" not in card.button_data(), "the seller has answered"
    assert f"o:{view.order.id}:tdi" in card.button_data(), "the dispute text is ready"


async def test_seller_did_not_extend_is_not_offered_for_a_parcel_that_came(
    bot: BotHarness,
) -> None:
    user = await known_user(bot, 505, "en")
    view = await save(bot, user)
    await _press(bot, 505, f"o:{view.order.id}", "en")
    assert f"o:{view.order.id}:nxt" not in bot.last().button_data()


async def test_evidence_collected_after_saving_is_added_from_the_card(bot: BotHarness) -> None:
    user = await known_user(bot, 506, "en")
    view = await save(bot, user, evidence=[])
    order_id = view.order.id
    assert view.advice.risk == "medium", "the evidence the dispute needs is missing"
    await _press(bot, 506, f"o:{order_id}", "en")
    await _press(bot, 506, f"o:{order_id}:evd", "en")
    question = bot.last()
    assert "What evidence do you have now?" in question.text
    offered = [data.rsplit(":", 1)[-1] for data in question.button_data() if ":t:" in data]
    assert offered == ["unboxing_video", "photos", "defect_video", "chat_screenshot"]
    await _press(bot, 506, _button(bot, ":t:unboxing_video"), "en")
    await _press(bot, 506, _button(bot, ":done"), "en")
    card = bot.last()
    held = card.text.split("Evidence you have:")[1].split("Also useful")[0]
    assert "Unboxing video" in held
    assert "<b>Risk:</b> Low" in card.text
    assert any(data.startswith(f"o:{order_id}:und:") for data in card.button_data())
    assert await conversations.get(bot.runtime.db, 506) is None, "the follow-up is over"

    # What the order has is not offered again; with everything in hand the button goes.
    await _press(bot, 506, f"o:{order_id}:evd", "en")
    offered = [d.rsplit(":", 1)[-1] for d in bot.last().button_data() if ":t:" in d]
    assert "unboxing_video" not in offered and offered
    for code in offered:
        await _press(bot, 506, _button(bot, f":t:{code}"), "en")
    await _press(bot, 506, _button(bot, ":done"), "en")
    assert f"o:{order_id}:evd" not in bot.last().button_data()


@pytest.mark.parametrize("status", ["in_transit", "no_tracking", "at_customs"])
async def test_seller_did_not_extend_only_where_the_advice_asks_for_an_extension(
    bot: BotHarness, status: str
) -> None:
    # Far from the end nobody was asked to extend: "did not extend" would mark the seller as
    # contacted and turn "write to the seller" into "wait" or an early dispute.
    user = await known_user(bot, 507, "en")
    parcel = {
        "received": False,
        "problem": None,
        "delivery_status": status,
        "protection_ends_on": today(bot) + dt.timedelta(days=41),
    }
    view = await save(bot, user, **parcel)
    assert view.advice.action != Action.ask_extension
    await _press(bot, 507, f"o:{view.order.id}", "en")
    assert f"o:{view.order.id}:nxt" not in bot.last().button_data()


async def test_no_add_evidence_where_no_dispute_can_be_opened(bot: BotHarness) -> None:
    user = await known_user(bot, 508, "en")
    late = {"receipt_confirmed_on": today(bot) - dt.timedelta(days=40), "evidence": []}
    view = await save(bot, user, **late)
    assert view.advice.action == Action.too_late
    await _press(bot, 508, f"o:{view.order.id}", "en")
    assert f"o:{view.order.id}:evd" not in bot.last().button_data()


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_return_asked_by_the_seller_on_a_keep_the_item_dispute_is_an_offer_to_refuse(
    bot: BotHarness, lang: str
) -> None:
    """Walk of 2026-12-03: "📮 Return agreed" turned a 30 % claim for keeping the item into a
    full return at the buyer's postage, unasked."""
    from advisor.questionnaire.questions import RETURN_WHO

    tr = get_translator(lang)
    user = await known_user(bot, 531, lang)
    order_id = (await save(bot, user, problem="damaged", usable=True)).order.id
    await _press(bot, 531, f"o:{order_id}:opn", lang)
    await _press(bot, 531, _button(bot, ":c:yesterday"), lang)
    if ":c:advised" in str(bot.last().button_data()):
        await _press(bot, 531, _button(bot, ":c:advised"), lang)
    await _press(bot, 531, f"o:{order_id}:rag", lang)
    screen = bot.last()
    assert html.escape(tr.gettext(RETURN_WHO.prompt)) in screen.text
    assert {"q:return_who:c:agreed", "q:return_who:c:asked"} <= set(screen.button_data())
    await _press(bot, 531, "q:return_who:c:asked", lang)
    row = await order_row(bot, order_id)
    assert row["stage"] == "seller_offer"
    assert html.escape(labels.action_title(tr, Action.reject_offer)) in bot.last().text
    assert "return_ship_by" not in await pending_reminder_kinds(bot, order_id)


# Ended yesterday: a dispute is still possible (rule 2), an extension no longer (walk F).
@pytest.mark.parametrize(("ended_days_ago", "offered"), [(40, False), (1, False), (-20, True)])
async def test_no_seller_extended_once_protection_has_ended(
    bot: BotHarness, ended_days_ago: int, offered: bool
) -> None:
    user = await known_user(bot, 509, "en")
    parcel = {"received": False, "problem": None, "delivery_status": "in_transit"}
    parcel["protection_ends_on"] = today(bot) - dt.timedelta(days=ended_days_ago)
    view = await save(bot, user, **parcel)
    assert (view.advice.action == Action.too_late) is (ended_days_ago > 15)
    await _press(bot, 509, f"o:{view.order.id}", "en")
    assert (f"o:{view.order.id}:ext" in bot.last().button_data()) is offered


@pytest.mark.parametrize(
    ("lang", "question", "keep"),
    [
        ("en", "What did you ask for in the dispute?", "A full refund, I keep the item"),
        ("ru", "Что вы потребовали в споре?", "Полный возврат денег, товар остаётся у меня"),
    ],
)
async def test_opening_on_a_partial_claim_asks_the_ask_and_offers_meet_it(
    bot: BotHarness, lang: str, question: str, keep: str
) -> None:
    # Usable and damaged: the advice claims 30 % ($12 of $40). The buyer asked for all $40.
    user = await known_user(bot, 530, lang)
    order_id = (await save(bot, user, problem="damaged", usable=True)).order.id
    await _press(bot, 530, f"o:{order_id}:opn", lang)
    await _press(bot, 530, _button(bot, ":c:today"), lang)
    asked = bot.last()
    assert question in asked.text
    assert keep in [b["text"] for b in asked.buttons]
    await _press(bot, 530, _button(bot, ":c:full_keep"), lang)
    row = await order_row(bot, order_id)
    assert row is not None and row["stage"] == "open"
    # $20 is above the advice's $12 but half of what was asked: not to be accepted.
    tr = get_translator(lang)
    rejected = await _offer(bot, 530, order_id, "20 $", lang)
    assert html.escape(labels.action_title(tr, Action.reject_offer)) in rejected
    assert tr.format_money(40, "USD") in rejected


@pytest.mark.parametrize(
    ("parcel", "after"),
    [
        # Rule 5: no tracking, the seller not yet asked -> write to them; asked -> the dispute.
        ({"delivery_status": "no_tracking"}, Action.open_dispute),
        # Rule 9: delivered but not here, no statement -> the post office and the seller.
        ({"delivery_status": "delivered_not_received"}, Action.open_dispute),
        # Rule 4: stuck for weeks -> write to the seller; once asked, wait for the parcel.
        ({"delivery_status": "not_updating", "days_since_tracking_update": 20}, Action.wait),
    ],
)
async def test_i_wrote_to_the_seller_moves_the_advice_on(
    bot: BotHarness, parcel: dict[str, object], after: Action
) -> None:
    tr = get_translator("ru")
    user = await known_user(bot, 507, "ru")
    facts = {
        "received": False,
        "problem": None,
        "shipped_on": today(bot) - dt.timedelta(days=25),
        "protection_ends_on": today(bot) + dt.timedelta(days=30),
        "evidence": ["tracking_screenshot"],
        **parcel,
    }
    view = await save(bot, user, **facts)
    assert view.advice.action in (Action.contact_seller, Action.contact_carrier)
    await _press(bot, 507, f"o:{view.order.id}", "ru")
    assert f"o:{view.order.id}:wrs" in bot.last().button_data()
    await _press(bot, 507, f"o:{view.order.id}:wrs", "ru")
    assert "q:seller_answered:c:no" in bot.last().button_data()
    await _press(bot, 507, "q:seller_answered:c:no", "ru")
    card = bot.last()
    assert html.escape(labels.action_title(tr, after)) in card.text
    assert f"o:{view.order.id}:wrs" not in card.button_data(), "said once"
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["seller"]["contacted"] is True


@pytest.mark.parametrize(
    ("status", "action"),
    [
        # Rule 8, the buyer's own address: the post office, not the seller.
        ({"delivery_status": "wrong_address", "address_error_by": "buyer"}, Action.contact_carrier),
        # Rule 7: customs documents, the advice stays "write to the seller" (walk P).
        (
            {"delivery_status": "at_customs", "customs_issue": "documents_required"},
            Action.contact_seller,
        ),
    ],
)
async def test_i_wrote_to_the_seller_is_not_offered_where_it_changes_nothing(
    bot: BotHarness, status: dict[str, str], action: Action
) -> None:
    user = await known_user(bot, 508, "en")
    parcel = {
        "received": False,
        "problem": None,
        "protection_ends_on": today(bot) + dt.timedelta(days=30),
        **status,
    }
    view = await save(bot, user, **parcel)
    assert view.advice.action == action
    await _press(bot, 508, f"o:{view.order.id}", "en")
    assert f"o:{view.order.id}:wrs" not in bot.last().button_data()


@pytest.mark.parametrize(
    ("answers", "after", "stored"),
    [
        # Rule 7: VAT misdeclared -> the customs dispute now.
        (
            [":c:at_customs", ":c:vat_misdeclared"],
            Action.open_dispute,
            {"delivery_status": "at_customs", "customs_issue": "vat_misdeclared"},
        ),
        # Rule 4: stuck for two weeks, the seller not asked -> write to them.
        (
            [":c:not_updating", ":c:over_14"],
            Action.contact_seller,
            {"delivery_status": "not_updating", "days_since_tracking_update": 14},
        ),
    ],
)
async def test_the_tracking_changed_re_judges_a_saved_parcel(
    bot: BotHarness, answers: list[str], after: Action, stored: dict[str, object]
) -> None:
    """A saved parcel's status moves on (in transit, then at customs): the card asks the new
    status and its details instead of a new order (walk K)."""
    tr = get_translator("en")
    user = await known_user(bot, 509, "en")
    parcel = {
        "received": False,
        "problem": None,
        "delivery_status": "in_transit",
        "shipped_on": today(bot) - dt.timedelta(days=20),
        "protection_ends_on": today(bot) + dt.timedelta(days=30),
        "evidence": ["tracking_screenshot"],
    }
    view = await save(bot, user, **parcel)
    assert view.advice.action == Action.wait
    await _press(bot, 509, f"o:{view.order.id}", "en")
    assert f"o:{view.order.id}:sts" in bot.last().button_data()
    await _press(bot, 509, f"o:{view.order.id}:sts", "en")
    for answer in answers:
        await _press(bot, 509, _button(bot, answer), "en")
    card = bot.last()
    assert html.escape(labels.action_title(tr, after)) in card.text
    situation = json.loads((await order_row(bot, view.order.id))["situation"])
    assert {key: situation[key] for key in stored} == stored


async def test_the_tracking_changed_is_not_offered_for_a_parcel_that_came(
    bot: BotHarness,
) -> None:
    user = await known_user(bot, 510, "en")
    view = await save(bot, user)
    await _press(bot, 510, f"o:{view.order.id}", "en")
    assert f"o:{view.order.id}:sts" not in bot.last().button_data()


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_price_typo_is_corrected_from_the_card(bot: BotHarness, lang: str) -> None:
    """A saved order's price was mistyped: the card corrects it, and the refund follows
    (walk L: only deleting the order and answering everything again could)."""
    tr = get_translator(lang)
    user = await known_user(bot, 511, lang)
    view = await save(bot, user, price=400.0)
    assert view.advice.amount == 400.0
    await _press(bot, 511, f"o:{view.order.id}", lang)
    await _press(bot, 511, f"o:{view.order.id}:fix", lang)
    assert "q:correction:c:tracking_number" not in bot.last().button_data(), "it came"
    await _press(bot, 511, _button(bot, ":c:price"), lang)
    await bot.send_text(511, "40 $", lang)
    card = bot.last()
    assert tr.format_money(40, "USD") in card.text
    assert json.loads((await order_row(bot, view.order.id))["situation"])["price"] == 40.0
    assert f"o:{view.order.id}:und" in " ".join(card.button_data()), "the change can be undone"


@pytest.mark.parametrize("detail", ["price", "order_number", "item"])
async def test_skipping_a_corrected_detail_says_it_keeps_it_and_does(
    bot: BotHarness, detail: str
) -> None:
    """Walk AM: the correction's "Skip" read as dropping the price; it keeps it."""
    user = await known_user(bot, 513, "en")
    view = await save(bot, user, price=400.0)
    before = json.loads((await order_row(bot, view.order.id))["situation"])
    await _correct(bot, 513, view.order.id, detail, "en")
    labels = {b["callback_data"]: b["text"] for b in bot.last().buttons}
    keep = next(data for data in labels if data.endswith(":skip"))
    assert labels[keep] == "↩️ Keep it as it is"
    await _press(bot, 513, keep, "en")
    after = json.loads((await order_row(bot, view.order.id))["situation"])
    assert after[detail] == before[detail]


async def test_a_corrected_order_number_goes_into_the_texts(bot: BotHarness) -> None:
    user = await known_user(bot, 512, "en")
    view = await save(bot, user)
    await _correct(bot, 512, view.order.id, "order_number", "en")
    await bot.send_text(512, "8123456789099999", "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["order_number"] == "8123456789099999"
    assert stored["item"] == "Wireless earbuds", "the rest is kept"


async def test_a_corrected_price_carries_the_disputes_full_ask_along(bot: BotHarness) -> None:
    """Opened asking the whole price (400, a typo), then the price corrected to 40: the ask
    is the whole 40, and a full offer of 40 is accepted (review Q, walk P)."""
    user = await known_user(bot, 513, "en")
    view = await save(bot, user, price=400.0)
    await _press(bot, 513, f"o:{view.order.id}:opn", "en")
    await _press(bot, 513, _button(bot, ":c:today"), "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["dispute"]["requested_amount"] == 400.0
    await _correct(bot, 513, view.order.id, "price", "en")
    await bot.send_text(513, "40 $", "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert (stored["price"], stored["dispute"]["requested_amount"]) == (40.0, 40.0)
    text = await _offer(bot, 513, view.order.id, "40 $", "en")
    assert html.escape(labels.action_title(get_translator("en"), Action.accept_offer)) in text


async def test_a_wrong_currency_is_corrected_with_the_price(bot: BotHarness) -> None:
    user = await known_user(bot, 514, "ru")
    view = await save(bot, user, price=3450.0, currency="RUB")
    await _correct(bot, 514, view.order.id, "price", "ru")
    await bot.send_text(514, "€40", "ru")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert (stored["price"], stored["currency"]) == (40.0, "EUR")


async def test_a_corrected_item_renames_the_order(bot: BotHarness) -> None:
    user = await known_user(bot, 515, "en")
    view = await save(bot, user, item="Wireles earbudz")
    await _correct(bot, 515, view.order.id, "item", "en")
    await bot.send_text(515, "Wireless earbuds", "en")
    row = await order_row(bot, view.order.id)
    assert row is not None and row["label"] == "Wireless earbuds"
    assert "📦 Wireless earbuds" in bot.last().text


@pytest.mark.parametrize(("answered", "no_reply_said"), [("no", True), ("yes", False)])
async def test_the_dispute_text_says_the_seller_did_not_reply_only_if_so(
    bot: BotHarness, answered: str, no_reply_said: bool
) -> None:
    """Walk P: "I wrote to the seller" made the dispute text say the seller never replied."""
    user = await known_user(bot, 516, "en")
    parcel = {
        "received": False,
        "problem": None,
        "delivery_status": "no_tracking",
        "shipped_on": today(bot) - dt.timedelta(days=25),
        "protection_ends_on": today(bot) + dt.timedelta(days=30),
        "evidence": ["tracking_screenshot"],
    }
    view = await save(bot, user, **parcel)
    await _press(bot, 516, f"o:{view.order.id}:wrs", "en")
    await _press(bot, 516, f"q:seller_answered:c:{answered}", "en")
    bot.request.clear()
    await _press(bot, 516, f"o:{view.order.id}:tdi", "en")
    text = " ".join(call.text for call in bot.request.sent("sendMessage"))
    assert ("The seller has not replied" in text) is no_reply_said


async def test_a_corrected_price_under_a_partial_ask_asks_what_the_dispute_asks(
    bot: BotHarness,
) -> None:
    """Walk S: the advised 30 % of a mistyped price was opened, then the price corrected: the
    old part became 'a full refund' of the new price. The buyer is asked what they asked."""
    user = await known_user(bot, 517, "en")
    view = await save(bot, user, problem="damaged", usable=True, price=4500.0, currency="RUB")
    await _press(bot, 517, f"o:{view.order.id}:opn", "en")
    await _press(bot, 517, _button(bot, ":c:today"), "en")
    if "q:requested_as:c:advised" in bot.last().button_data():
        await _press(bot, 517, "q:requested_as:c:advised", "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["dispute"]["requested_amount"] == 1350.0
    await _correct(bot, 517, view.order.id, "price", "en")
    await bot.send_text(517, "450", "en")
    assert "q:requested_amount:skip" in bot.last().button_data(), "what did you ask for?"
    await bot.send_text(517, "135", "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert (stored["price"], stored["dispute"]["requested_amount"]) == (450.0, 135.0)


async def test_a_wrong_currency_is_corrected_under_a_dispute_asking_the_whole_price(
    bot: BotHarness,
) -> None:
    """Walk S: the dispute's ask, the whole price the bot filled in, blocked the currency."""
    user = await known_user(bot, 518, "ru")
    view = await save(bot, user, price=2400.0, currency="USD")
    await _press(bot, 518, f"o:{view.order.id}:opn", "ru")
    await _press(bot, 518, _button(bot, ":c:today"), "ru")
    await _correct(bot, 518, view.order.id, "price", "ru")
    await bot.send_text(518, "2400 руб", "ru")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert (stored["price"], stored["currency"]) == (2400.0, "RUB")
    assert stored["dispute"]["requested_amount"] == 2400.0


async def test_an_amount_typed_without_a_currency_is_read_back_in_the_orders(
    bot: BotHarness,
) -> None:
    """Review U: '450' on a rouble order was read back as '450', the currency unseen."""
    user = await known_user(bot, 519, "en")
    view = await save(bot, user, price=4500.0, currency="RUB")
    await _correct(bot, 519, view.order.id, "price", "en")
    bot.request.clear()
    await bot.send_text(519, "450", "en")
    noted = f"💰 Noted: {get_translator('en').format_money(450, 'RUB')}."
    assert any(call.text.startswith(noted) for call in bot.request.sent("sendMessage"))


async def test_a_mistyped_protection_end_is_corrected_and_the_reminders_follow(
    bot: BotHarness,
) -> None:
    """Walk T: 19.01 typed for 09.01 could only be fixed by deleting the order; the seller's
    extension refuses an earlier date."""
    user = await known_user(bot, 520, "ru")
    wrong = today(bot) + dt.timedelta(days=40)
    right = today(bot) + dt.timedelta(days=30)
    parcel = {
        "received": False,
        "problem": None,
        "delivery_status": "in_transit",
        "shipped_on": today(bot) - dt.timedelta(days=20),
        "protection_ends_on": wrong,
    }
    view = await save(bot, user, **parcel)
    await _press(bot, 520, f"o:{view.order.id}:fix", "ru")
    codes = [data.rsplit(":", 1)[-1] for data in bot.last().button_data() if ":c:" in data]
    assert {"protection_end", "shipped_on"} <= set(codes) and "receipt_date" not in codes
    await _press(bot, 520, _button(bot, ":c:protection_end"), "ru")
    await bot.send_text(520, right.strftime("%d.%m.%Y"), "ru")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["protection_ends_on"] == right.isoformat()
    rows = await bot.runtime.db.conn.execute_fetchall(
        "SELECT DISTINCT deadline_on FROM reminders WHERE order_id = ? AND state = 'pending'"
        " AND kind = 'protection_ends'",
        (view.order.id,),
    )
    assert {row[0] for row in rows} == {right.isoformat()}


@pytest.mark.parametrize(("lang", "currency", "sign"), [("en", "USD", "$"), ("ru", "RUB", "₽")])
async def test_the_offer_amount_examples_are_in_the_orders_currency_only(
    bot: BotHarness, lang: str, currency: str, sign: str
) -> None:
    """Walk Y: the offer question showed "12.50 $, €15, 990 RUB" and then refused "5 $" on a
    rouble order with "please give the amount in RUB"."""
    user = await known_user(bot, 503, lang)
    order_id = (await save(bot, user, currency=currency)).order.id
    await _press(bot, 503, f"o:{order_id}:opn", lang)
    await _press(bot, 503, _button(bot, ":c:today"), lang)
    await _press(bot, 503, f"o:{order_id}:ofr", lang)
    await _press(bot, 503, _button(bot, ":c:refund_only"), lang)
    asked = html.unescape(bot.last().text)
    examples = next(line for line in asked.split("\n") if "Examples" in line or "Например" in line)
    assert sign in examples and currency in examples, examples
    assert "€" not in examples and ({"$", "₽"} - {sign}).isdisjoint(examples), examples


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_wish_to_return_is_corrected_before_the_dispute_and_its_postage_asked(
    bot: BotHarness, lang: str
) -> None:
    """A damaged, usable item saved with "keep it": partial refund (rule 14). Corrected to "send
    it back", the return postage is asked, and a cheap one makes it a full return and refund."""
    tr = get_translator(lang)
    user = await known_user(bot, 520, lang)
    view = await save(bot, user, problem="damaged", usable=True, prefer_return=False)
    assert view.advice.refund is not None and view.advice.refund.value == "partial"
    await _correct(bot, 520, view.order.id, "prefer_return", lang)
    await _press(bot, 520, _button(bot, ":c:yes"), lang)
    assert tr.gettext("How much would it cost you to send it back?") in bot.last().text
    await bot.send_text(520, "5 $", lang)
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert (stored["prefer_return"], stored["return_cost"]) == (True, 5.0)
    assert stored["usable"] is True and stored["problem"] == "damaged", "the rest is kept"
    card = bot.last().text
    assert html.escape(tr.gettext("Return and refund")) in card
    assert tr.format_money(40, "USD") in card


async def test_an_unusable_item_is_corrected_to_a_full_refund(bot: BotHarness) -> None:
    user = await known_user(bot, 521, "en")
    view = await save(bot, user, problem="damaged", usable=True, prefer_return=False)
    await _correct(bot, 521, view.order.id, "usable", "en")
    await _press(bot, 521, _button(bot, "usable:c:no"), "en")
    await _press(bot, 521, _button(bot, "prefer_return:c:no"), "en")  # asked again
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["usable"] is False and stored["prefer_return"] is False
    assert "$40.00" in bot.last().text


async def test_use_and_return_are_not_offered_once_a_dispute_is_open(bot: BotHarness) -> None:
    user = await known_user(bot, 522, "en")
    view = await save(bot, user, problem="damaged", usable=True, prefer_return=False)
    await _press(bot, 522, f"o:{view.order.id}:fix", "en")
    offered = bot.last().button_data()
    assert any(data.endswith(":c:usable") for data in offered)
    assert any(data.endswith(":c:prefer_return") for data in offered)
    opened = {"stage": "open", "opened_on": today(bot).isoformat()}
    view = await save(bot, user, problem="damaged", usable=True, dispute=opened)
    await bot.send_text(522, "/cancel", "en")
    await _press(bot, 522, f"o:{view.order.id}:fix", "en")
    offered = bot.last().button_data()
    assert not any(data.endswith((":c:usable", ":c:prefer_return")) for data in offered)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_parcel_that_arrives_broken_makes_the_order_a_received_one(
    bot: BotHarness, lang: str
) -> None:
    """Walk D: a parcel saved as not received arrived damaged; the order could only keep
    saying it was on its way (or be archived and answered again)."""
    tr = get_translator(lang)
    user = await known_user(bot, 523, lang)
    view = await save(bot, user, **ON_ITS_WAY, evidence=["chat_screenshot", "tracking_screenshot"])
    assert await protection_offsets(bot, view.order.id) == [7, 2, 1, 0]
    await _press(bot, 523, f"o:{view.order.id}", lang)
    assert f"o:{view.order.id}:arr" in bot.last().button_data()
    await _press(bot, 523, f"o:{view.order.id}:arr", lang)
    await _press(bot, 523, _button(bot, ":c:damaged"), lang)
    await _press(bot, 523, _button(bot, "usable:c:no"), lang)
    await _press(bot, 523, _button(bot, "receipt_confirmed:c:no"), lang)
    await _press(bot, 523, _button(bot, "prefer_return:c:no"), lang)
    await _press(bot, 523, _button(bot, ":t:photos"), lang)
    await _press(bot, 523, _button(bot, "evidence:done"), lang)
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert (stored["received"], stored["problem"], stored["usable"]) == (True, "damaged", False)
    assert stored["delivery_status"] is None
    # What the item shows replaces the parcel's screenshots (the chat was offered, unticked).
    assert stored["evidence"] == ["photos"]
    assert stored["price"] == 40.0 and stored["item"] == "Wireless earbuds", "the rest is kept"
    card = bot.last()
    assert tr.format_money(40, "USD") in card.text  # unusable: the full price (rule 12)
    assert f"o:{view.order.id}:arr" not in card.button_data()
    assert f"o:{view.order.id}:sts" not in card.button_data()
    # A week before, the reminder now says to open the dispute by the safe day (walk of
    # 2026-12-03), not to ask for an extension: reminder_message._may_be_extended.
    offsets = await protection_offsets(bot, view.order.id)
    assert offsets == [7, 2, 1, 0]


async def test_an_arrival_drops_the_sellers_answers_about_the_missing_parcel(
    bot: BotHarness,
) -> None:
    """Walk A: a wrong item's dispute text said "The seller refused to extend Buyer Protection",
    an answer about the parcel that had not come, which the seller could turn against it."""
    user = await known_user(bot, 535, "en")
    refused = {"contacted": True, "responded": True, "refused_extension": True}
    view = await save(bot, user, **ON_ITS_WAY, seller=refused)
    await _press(bot, 535, f"o:{view.order.id}:arr", "en")
    await _press(bot, 535, _button(bot, ":c:wrong_item"), "en")
    await _press(bot, 535, _button(bot, "receipt_confirmed:c:no"), "en")
    await _press(bot, 535, _button(bot, "prefer_return:c:no"), "en")
    await _press(bot, 535, _button(bot, "evidence:done"), "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert not any(stored["seller"].values())
    await _press(bot, 535, f"o:{view.order.id}:tdi", "en")
    texts = " ".join(call.text for call in bot.request.sent("sendMessage")[-3:])
    assert "I received a different item" in texts and "refused to extend" not in texts


async def protection_offsets(bot: BotHarness, order_id: int) -> list[int]:
    """The days before the protection's end its pending reminders come, largest first."""
    rows = await bot.runtime.db.conn.execute_fetchall(
        "SELECT offset_days FROM reminders WHERE order_id = ? AND state = 'pending'"
        " AND kind = 'protection_ends' ORDER BY offset_days DESC",
        (order_id,),
    )
    return [row[0] for row in rows]


async def test_a_parcel_that_arrives_keeps_its_confirmed_receipt(bot: BotHarness) -> None:
    """Review J: the arrival asked "did you confirm receipt?" again, and a "no" erased the date
    the dispute window counts from."""
    user = await known_user(bot, 524, "en")
    confirmed = today(bot) - dt.timedelta(days=3)
    view = await save(bot, user, **ON_ITS_WAY, receipt_confirmed_on=confirmed)
    await _press(bot, 524, f"o:{view.order.id}:arr", "en")
    await _press(bot, 524, _button(bot, ":c:wrong_item"), "en")
    assert "q:receipt_confirmed:" not in " ".join(bot.last().button_data())
    await _press(bot, 524, _button(bot, "prefer_return:c:no"), "en")
    await _press(bot, 524, _button(bot, "evidence:done"), "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["received"] and stored["receipt_confirmed_on"] == confirmed.isoformat()


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_correcting_the_use_asks_the_return_again(bot: BotHarness, lang: str) -> None:
    """Walk H: damaged and usable, "send it back" at 2,000 ₽ postage for 1,500 ₽: corrected to
    unusable, the return stayed (postage and all) though keeping it now gives the full price."""
    tr = get_translator(lang)
    user = await known_user(bot, 525, lang)
    changes = {"problem": "damaged", "usable": True, "prefer_return": True}
    view = await save(bot, user, **changes, return_cost=2000.0, price=1500.0, currency="RUB")
    await _correct(bot, 525, view.order.id, "usable", lang)
    await _press(bot, 525, _button(bot, "usable:c:no"), lang)
    keep = tr.gettext(KEEP_AND_FULL_REFUND_PROMPT)
    assert html.escape(keep) in bot.last().text
    await _press(bot, 525, _button(bot, "prefer_return:c:no"), lang)
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert (stored["usable"], stored["prefer_return"]) == (False, False)
    assert html.escape(tr.gettext("Refund only")) in bot.last().text


async def test_correcting_to_usable_asks_the_postage_of_the_return(bot: BotHarness) -> None:
    """Review J: unusable and sent back (no postage asked), corrected to usable: rule 14 needs
    the postage, which was never asked; a dear one makes it a partial refund."""
    user = await known_user(bot, 526, "en")
    view = await save(bot, user, problem="damaged", usable=False, prefer_return=True)
    await _correct(bot, 526, view.order.id, "usable", "en")
    await _press(bot, 526, _button(bot, "usable:c:yes"), "en")
    await _press(bot, 526, _button(bot, "prefer_return:c:yes"), "en")
    assert "How much would it cost you to send it back?" in bot.last().text
    await bot.send_text(526, "25 $", "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert (stored["usable"], stored["return_cost"]) == (True, 25.0)
    assert "Refund only, partial refund" in bot.last().text


async def test_a_mistyped_return_postage_is_corrected(bot: BotHarness) -> None:
    """Walk H: the postage decides full or partial (rule 14) and could never be corrected."""
    user = await known_user(bot, 527, "en")
    changes = {"problem": "quality", "usable": True, "prefer_return": True}
    view = await save(bot, user, **changes, return_cost=150.0)
    assert "Refund only, partial refund" in (await _card(bot, 527, view.order.id))
    await _correct(bot, 527, view.order.id, "return_cost", "en")
    await bot.send_text(527, "15 $", "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["return_cost"] == 15.0
    assert "Return and refund, full refund" in bot.last().text


async def _card(bot: BotHarness, user_id: int, order_id: int) -> str:
    await _press(bot, user_id, f"o:{order_id}", "en")
    return bot.last().text


async def test_back_inside_the_arrival_and_a_postage_in_another_currency(bot: BotHarness) -> None:
    """Review J: Back inside the new follow-ups, and the postage in another currency than the
    order's (refused, the order unchanged)."""
    user = await known_user(bot, 528, "en")
    view = await save(bot, user, **ON_ITS_WAY)
    await _press(bot, 528, f"o:{view.order.id}:arr", "en")
    await _press(bot, 528, _button(bot, ":c:damaged"), "en")
    assert any(data.startswith("q:usable:") for data in bot.last().button_data())
    await _press(bot, 528, _button(bot, "usable:back"), "en")
    assert any(data.startswith("q:problem:") for data in bot.last().button_data())
    await bot.send_text(528, "/cancel", "en")

    priced = {"problem": "quality", "usable": True, "prefer_return": True, "return_cost": 5.0}
    corrected = await save(bot, user, **priced)
    await _correct(bot, 528, corrected.order.id, "return_cost", "en")
    await bot.send_text(528, "15 €", "en")
    assert "Please give the amount in USD" in bot.last().text
    stored = json.loads((await order_row(bot, corrected.order.id))["situation"])
    assert stored["return_cost"] == 5.0


async def test_i_dont_know_the_postage_makes_it_unknown(bot: BotHarness) -> None:
    """Walk K: "I don't know" at the corrected postage kept the old $30, and its partial
    refund; unknown, rule 14 asks the return and the full price."""
    user = await known_user(bot, 529, "en")
    changes = {"problem": "damaged", "usable": True, "prefer_return": True}
    view = await save(bot, user, **changes, return_cost=30.0)
    assert "Refund only, partial refund" in (await _card(bot, 529, view.order.id))
    await _correct(bot, 529, view.order.id, "return_cost", "en")
    await _press(bot, 529, _button(bot, "return_cost:skip"), "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["return_cost"] is None
    assert "Return and refund, full refund" in bot.last().text


async def test_extended_by_days_keeps_the_time_the_protection_runs_out(bot: BotHarness) -> None:
    """Walk K: "extended by 15 days" of an end at 07:50 dropped its time, and the last day's
    10:00 reminder came after the new end."""
    user = await known_user(bot, 530, "en")
    ends_on = today(bot) + dt.timedelta(days=5)
    view = await save(
        bot, user, **ON_ITS_WAY, protection_ends_on=ends_on, protection_ends_at="07:50"
    )
    await _press(bot, 530, f"o:{view.order.id}:ext", "en")
    await bot.send_text(530, "extended by 15 days", "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    later = ends_on + dt.timedelta(days=15)
    assert (stored["protection_ends_on"], stored["protection_ends_at"]) == (
        later.isoformat(),
        "07:50:00",
    )
    # The last day's reminder comes an hour before the end, not at 10:00 after it (walk CE).
    rows = await bot.runtime.db.conn.execute_fetchall(
        "SELECT due_at FROM reminders WHERE order_id = ? AND state = 'pending'"
        " AND kind = 'protection_ends' AND offset_days = 0",
        (view.order.id,),
    )
    zone = ZoneInfo(bot.runtime.default_timezone)
    end = dt.datetime.combine(later, dt.time(7, 50), tzinfo=zone)
    assert [dt.datetime.fromtimestamp(row[0], zone) for row in rows] == [
        end - dt.timedelta(hours=1)
    ]


async def test_an_order_saved_before_a_new_field_is_not_changed_by_its_default(
    bot: BotHarness,
) -> None:
    """Review L: an order stored without `protection_ends_at` read as changed on any re-save,
    which offered an Undo of nothing and forgot its texts."""
    user = await known_user(bot, 531, "en")
    view = await save(bot, user)
    older = view.situation.model_dump(mode="json")
    del older["protection_ends_at"]
    async with bot.runtime.db.transaction() as conn:
        await conn.execute(
            "UPDATE orders SET situation = ? WHERE id = ?", (json.dumps(older), view.order.id)
        )
    await update_order(bot.runtime, user, view.order.id, view.situation, today(bot), undoable=True)
    row = await order_row(bot, view.order.id)
    assert row is not None and row["undo"] is None


async def test_an_extension_typed_as_a_date_has_no_time_of_its_own(bot: BotHarness) -> None:
    """Walk M: "20 декабря в 09:00" showed the old end's 16:23, and a reminder after 09:00."""
    user = await known_user(bot, 532, "ru")
    ends_on = today(bot) + dt.timedelta(days=5)
    view = await save(
        bot, user, **ON_ITS_WAY, protection_ends_on=ends_on, protection_ends_at="16:23"
    )
    later = ends_on + dt.timedelta(days=15)
    await _press(bot, 532, f"o:{view.order.id}:ext", "ru")
    await bot.send_text(532, f"{later:%d.%m.%Y} в 09:00", "ru")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert (stored["protection_ends_on"], stored["protection_ends_at"]) == (later.isoformat(), None)


@pytest.mark.parametrize(
    ("dispute", "flow_steps"),
    [
        # Lost, the dispute having asked $40: an appeal would ask more than was paid.
        ({"stage": "escalated", "requested_amount": 40.0}, ["lst"]),
        # A $30 offer, the price typed 20 for 200: "accept" would be advised, and it is final.
        ({"stage": "open", "requested_solution": "refund_only"}, ["ofr"]),
    ],
)
async def test_a_followup_price_below_the_disputes_amounts_is_refused(
    bot: BotHarness, dispute: dict[str, object], flow_steps: list[str]
) -> None:
    """Walk Q: a price typed in a follow-up was not checked against the amounts already given."""
    user = await known_user(bot, 533, "en")
    opened = {**dispute, "opened_on": (today(bot) - dt.timedelta(days=3)).isoformat()}
    view = await save(bot, user, price=None, dispute=opened)
    await _press(bot, 533, f"o:{view.order.id}:{flow_steps[0]}", "en")
    if flow_steps[0] == "ofr":
        await _press(bot, 533, _button(bot, ":c:refund_only"), "en")
        await bot.send_text(533, "30 $", "en")
        await _press(bot, 533, _button(bot, "requested_amount:skip"), "en")
    await bot.send_text(533, "20 $", "en")
    assert "This is less than" in bot.last().text and "the amount this order" in bot.last().text
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["price"] is None, "nothing saved"


async def test_a_restated_claim_without_the_buyers_amount_says_whose_it_is(
    bot: BotHarness,
) -> None:
    """Walk Q: after "I don't remember", the rules' 30 % was posted as the buyer's own demand."""
    user = await known_user(bot, 534, "en")
    opened = {"stage": "open", "opened_on": (today(bot) - dt.timedelta(days=2)).isoformat()}
    guessed = await save(bot, user, problem="damaged", usable=True, dispute=opened)
    await _press(bot, 534, f"o:{guessed.order.id}:tdi", "en")
    note = "The amount in it is the one I advise for this problem"
    assert any(note in call.text for call in bot.request.sent("sendMessage")[-2:])
    bot.request.clear()
    asked = {**opened, "requested_solution": "refund_only", "requested_amount": 40.0}
    given = await save(bot, user, problem="damaged", usable=True, dispute=asked)
    await _press(bot, 534, f"o:{given.order.id}:tdi", "en")
    assert not any(note in call.text for call in bot.request.sent("sendMessage"))


async def test_what_the_dispute_asked_is_corrected_and_offers_follow(bot: BotHarness) -> None:
    """Walk Q: a wrong or forgotten ask could not be corrected once the dispute was open, and
    offers are judged by it."""
    user = await known_user(bot, 535, "en")
    opened = {"stage": "open", "opened_on": (today(bot) - dt.timedelta(days=2)).isoformat()}
    view = await save(bot, user, problem="damaged", usable=True, dispute=opened)
    await _correct(bot, 535, view.order.id, "requested", "en")
    await _press(bot, 535, _button(bot, "requested_solution:c:refund_only"), "en")
    await bot.send_text(535, "40 $", "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["dispute"]["requested_solution"] == "refund_only"
    assert stored["dispute"]["requested_amount"] == 40.0
    assert stored["dispute"]["stage"] == "open", "the rest is kept"
    text = await _offer(bot, 535, view.order.id, "25 $", "en")
    assert html.escape(labels.action_title(get_translator("en"), Action.reject_offer)) in text


async def test_what_the_dispute_asked_is_not_offered_before_one(bot: BotHarness) -> None:
    user = await known_user(bot, 536, "en")
    view = await save(bot, user)
    await _press(bot, 536, f"o:{view.order.id}:fix", "en")
    assert not any(data.endswith(":c:requested") for data in bot.last().button_data())


async def _reminder_deadlines(bot: BotHarness, order_id: int) -> set[tuple[str, str]]:
    rows = await bot.runtime.db.conn.execute_fetchall(
        "SELECT kind, deadline_on FROM reminders WHERE order_id = ? AND state = 'pending'",
        (order_id,),
    )
    return {(row[0], row[1]) for row in rows}


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_mistyped_opening_date_is_corrected_with_its_deadlines(
    bot: BotHarness, lang: str
) -> None:
    """Walk B: the opening date could not be corrected once saved; a typo moved the seller's
    and the escalation's deadlines, and their reminders, for good."""
    user = await known_user(bot, 536, lang)
    typo = today(bot) - dt.timedelta(days=1)
    dispute = {"stage": "open", "opened_on": typo.isoformat(), "since": typo.isoformat()}
    view = await save(bot, user, dispute=dispute)
    await _correct(bot, 536, view.order.id, "opened_on", lang)
    await _press(bot, 536, _button(bot, "opened_when:c:earlier"), lang)
    opened = today(bot) - dt.timedelta(days=4)
    await bot.send_text(536, opened.isoformat(), lang)
    stored = json.loads((await order_row(bot, view.order.id))["situation"])["dispute"]
    assert (stored["opened_on"], stored["since"]) == (opened.isoformat(), opened.isoformat())
    due = (opened + dt.timedelta(days=5)).isoformat()
    assert ("seller_response_due", due) in await _reminder_deadlines(bot, view.order.id)


@pytest.mark.parametrize(
    ("stage", "kind", "days"),
    [("evidence_requested", "evidence_due", 3), ("won", "refund_expected_by", 15)],
)
async def test_the_opening_corrected_keeps_the_date_of_a_later_step_of_the_same_day(
    bot: BotHarness, stage: str, kind: str, days: int
) -> None:
    """Walk of 2026-12-03: evidence asked for on the day the dispute was opened; the opening
    corrected to days before moved the evidence's deadline with it, into the past (and a won
    dispute's refund date likewise)."""
    user = await known_user(bot, 539, "en")
    day = today(bot) - dt.timedelta(days=1)
    dispute = {"stage": stage, "opened_on": day.isoformat(), "since": day.isoformat()}
    view = await save(bot, user, dispute=dispute)
    await _correct(bot, 539, view.order.id, "opened_on", "en")
    await _press(bot, 539, _button(bot, "opened_when:c:earlier"), "en")
    opened = today(bot) - dt.timedelta(days=5)
    await bot.send_text(539, opened.isoformat(), "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])["dispute"]
    assert (stored["opened_on"], stored["since"]) == (opened.isoformat(), day.isoformat())
    due = (day + dt.timedelta(days=days)).isoformat()
    assert (kind, due) in await _reminder_deadlines(bot, view.order.id)


def _return_agreed(bot: BotHarness, agreed: dt.date, *, opened_days_ago: int) -> dict[str, str]:
    """A saved dispute at "return agreed" on `agreed`, opened `opened_days_ago` days ago."""
    opened = today(bot) - dt.timedelta(days=opened_days_ago)
    return {"stage": "return_agreed", "opened_on": opened.isoformat(), "since": agreed.isoformat()}


async def test_an_opening_date_after_the_disputes_next_step_is_refused(bot: BotHarness) -> None:
    user = await known_user(bot, 537, "en")
    agreed = today(bot) - dt.timedelta(days=3)
    view = await save(bot, user, dispute=_return_agreed(bot, agreed, opened_days_ago=6))
    await _correct(bot, 537, view.order.id, "opened_on", "en")
    # Yesterday would be after the return was agreed: not offered.
    assert not any(data.endswith("opened_when:c:yesterday") for data in bot.last().button_data())
    await _press(bot, 537, _button(bot, "opened_when:c:earlier"), "en")
    await bot.send_text(537, (today(bot) - dt.timedelta(days=2)).isoformat(), "en")
    assert "the date saved for a later step of this dispute" in bot.last().text
    stored = json.loads((await order_row(bot, view.order.id))["situation"])["dispute"]
    assert stored["since"] == agreed.isoformat()


async def test_the_date_of_the_disputes_step_is_corrected(bot: BotHarness) -> None:
    """The return agreed on a mistyped day: its shipping deadline follows the corrected one.
    Only the date of the step the dispute is at is offered."""
    user = await known_user(bot, 538, "en")
    typo = today(bot) - dt.timedelta(days=1)
    view = await save(bot, user, dispute=_return_agreed(bot, typo, opened_days_ago=9))
    await _press(bot, 538, f"o:{view.order.id}:fix", "en")
    offered = " ".join(bot.last().button_data())
    assert ":c:ret_agreed_on" in offered and ":c:won_on" not in offered
    await _press(bot, 538, _button(bot, ":c:ret_agreed_on"), "en")
    await _press(bot, 538, _button(bot, "ret_agreed_when:c:earlier"), "en")
    # Before the opening: refused.
    await bot.send_text(538, (today(bot) - dt.timedelta(days=12)).isoformat(), "en")
    assert "This is before the dispute was opened" in bot.last().text
    agreed = today(bot) - dt.timedelta(days=5)
    await bot.send_text(538, agreed.isoformat(), "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])["dispute"]
    assert stored["since"] == agreed.isoformat() and stored["stage"] == "return_agreed"
    ship_by = (agreed + dt.timedelta(days=10)).isoformat()
    assert ("return_ship_by", ship_by) in await _reminder_deadlines(bot, view.order.id)


async def test_a_price_below_an_ask_typed_without_one_is_refused(bot: BotHarness) -> None:
    """Walk I: a dispute won for $35 (typed, no price known) took a corrected price of $30, and
    the card claimed a "full refund" of $35."""
    user = await known_user(bot, 539, "en")
    won = {"stage": "won", "since": today(bot).isoformat(), "requested_amount": 35}
    view = await save(bot, user, price=None, dispute=won)
    await _correct(bot, 539, view.order.id, "price", "en")
    await bot.send_text(539, "30 USD", "en")
    assert "This is less than $35.00" in html.unescape(bot.last().text)
    # Walk AC: another currency relabelled the ask ("RUB 35" won), or was compared as a number.
    for other in ("3000 RUB", "€30"):
        await bot.send_text(539, other, "en")
        assert "please give the price in USD too" in html.unescape(bot.last().text)
    # Help in the middle: the way back names what it goes back to.
    await bot.send_text(539, "/help", "en")
    assert bot.last().buttons[0]["text"] == "▶️ Continue updating the order"
    await _press(bot, 539, "q:resume", "en")
    await bot.send_text(539, "40 USD", "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert (stored["price"], stored["dispute"]["requested_amount"]) == (40.0, 35.0)


@pytest.mark.parametrize("command", ["/new", "/start"])
async def test_new_during_a_follow_up_says_the_saved_order_stays(
    bot: BotHarness, command: str
) -> None:
    """Walk C: /new in the middle of a saved order's follow-up said "questionnaire in progress
    ... Start over", read as starting the follow-up over."""
    user = await known_user(bot, 540, "en")
    opened = {"stage": "open", "opened_on": today(bot).isoformat()}
    view = await save(bot, user, dispute=opened)
    await _press(bot, 540, f"o:{view.order.id}:ofr", "en")
    await _press(bot, 540, _button(bot, ":c:refund_only"), "en")
    await bot.send_text(540, command, "en")
    screen = bot.last()
    assert "You have not finished updating a saved order." in screen.text
    labels = {b["callback_data"]: b["text"] for b in screen.buttons}
    assert labels["q:restart"] == "📝 Start a new order"
    await _press(bot, 540, "q:resume", "en")
    assert "What amount does the seller offer?" in bot.last().text


async def test_correcting_the_asked_solution_can_keep_the_asked_amount(bot: BotHarness) -> None:
    """Walk AR: only "I don't remember" was offered at the amount; it dropped the CA$15 asked,
    and the advice's own amount took its place, against which a lower offer would be judged."""
    user = await known_user(bot, 514, "en")
    dispute = {
        "stage": "open",
        "opened_on": today(bot).isoformat(),
        "requested_solution": "refund_only",
        "requested_amount": 15.0,
    }
    view = await save(bot, user, price=30.0, dispute=dispute)
    await _correct(bot, 514, view.order.id, "requested", "en")
    await _press(bot, 514, _button(bot, ":c:refund_only"), "en")
    labels = {b["callback_data"]: b["text"] for b in bot.last().buttons}
    assert labels["q:requested_amount:skip"] == "↩️ Keep it as it is"
    await _press(bot, 514, "q:requested_amount:skip", "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["dispute"]["requested_amount"] == 15.0


async def test_an_ask_without_a_price_retyped_in_another_currency_corrects_the_currency(
    bot: BotHarness,
) -> None:
    """Walk AY: $1,200 saved for 1,200 roubles (the wrong currency button); the ask refused
    roubles, the price refused roubles, and the order kept dollars."""
    user = await known_user(bot, 541, "ru")
    dispute = {
        "stage": "won",
        "opened_on": today(bot).isoformat(),
        "since": today(bot).isoformat(),
        "requested_solution": "refund_only",
        "requested_amount": 1200.0,
    }
    view = await save(bot, user, price=None, currency="USD", dispute=dispute)
    await _correct(bot, 541, view.order.id, "requested", "ru")
    await _press(bot, 541, _button(bot, ":c:refund_only"), "ru")
    await bot.send_text(541, "1200 руб", "ru")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["currency"] == "RUB" and stored["dispute"]["requested_amount"] == 1200.0
    # With a price saved the price holds the currency: the ask must follow it.
    priced = await save(bot, user, price=3000.0, currency="USD", dispute=dispute)
    await _correct(bot, 541, priced.order.id, "requested", "ru")
    await _press(bot, 541, _button(bot, ":c:refund_only"), "ru")
    await bot.send_text(541, "1200 руб", "ru")
    stored = json.loads((await order_row(bot, priced.order.id))["situation"])
    assert stored["currency"] == "USD"


async def test_archiving_an_order_ends_its_update_left_half_way(bot: BotHarness) -> None:
    """Walk AY: archived mid-correction, "Continue updating the order" took the answer and then
    said the order was archived, nothing changed."""
    user = await known_user(bot, 542, "en")
    view = await save(bot, user, price=30.0)
    await _correct(bot, 542, view.order.id, "price", "en")
    assert await conversations.get(bot.runtime.db, 542) is not None
    await _press(bot, 542, f"o:{view.order.id}:arcy", "en")
    assert await conversations.get(bot.runtime.db, 542) is None
    await _press(bot, 542, "m:orders", "en")
    assert "q:resume" not in bot.last().button_data()


async def test_the_delivery_chosen_can_be_corrected_where_it_matters(bot: BotHarness) -> None:
    """Walk AY: Saver tapped by mistake made rule 9's dispute high risk for good."""
    user = await known_user(bot, 543, "en")
    parcel = {
        "received": False,
        "problem": None,
        "usable": None,
        "delivery_status": "delivered_not_received",
        "shipping_method": "saver",
        "evidence": ["post_office_statement"],
        "shipped_on": (today(bot) - dt.timedelta(days=20)).isoformat(),
        "protection_ends_on": (today(bot) + dt.timedelta(days=30)).isoformat(),
    }
    view = await save(bot, user, price=30.0, **parcel)
    assert view.advice.risk == "high"
    await _correct(bot, 543, view.order.id, "shipping_method", "en")
    offered = bot.last().button_data()
    assert "q:shipping_method:c:saver" not in offered and "q:shipping_method:skip" in offered
    await _press(bot, 543, "q:shipping_method:c:standard", "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["shipping_method"] == "standard"
    assert "Risk:</b> Medium" in bot.last().text
    # A parcel that came has no delivery to correct.
    came = await save(bot, user, price=30.0)
    await _press(bot, 543, f"o:{came.order.id}:fix", "en")
    assert "q:correction:c:shipping_method" not in bot.last().button_data()


def _accepted(bot: BotHarness, days_ago: int) -> dict[str, object]:
    """A refund offer of $25 accepted `days_ago`, as "I accepted the offer" records it."""
    return {
        "stage": "won",
        "opened_on": (today(bot) - dt.timedelta(days=9)).isoformat(),
        "since": (today(bot) - dt.timedelta(days=days_ago)).isoformat(),
        "requested_solution": "refund_only",
        "requested_amount": 25.0,
        "offer_solution": "refund_only",
        "offer_amount": 25.0,
    }


def _return_offer_accepted(bot: BotHarness, days_ago: int) -> dict[str, object]:
    """A return offer of $25 accepted `days_ago`: the return agreed, as "I accepted" records."""
    return {
        **_accepted(bot, days_ago),
        "stage": "return_agreed",
        "requested_solution": "return_and_refund",
        "offer_solution": "return_and_refund",
    }


def _asks_to_close(bot: BotHarness, days_ago: int = 3) -> dict[str, object]:
    """A dispute opened `days_ago` whose seller now asks to close it."""
    opened = (today(bot) - dt.timedelta(days=days_ago)).isoformat()
    return {"stage": "seller_asks_to_close", "opened_on": opened, "since": opened}


async def test_an_accepted_offer_offers_its_day_and_not_the_ask_to_correct(
    bot: BotHarness,
) -> None:
    """Walk BD: "What I asked for" corrected after an accepted offer became the refund to
    expect, and the card called it a dispute won; the date was "when the dispute was decided"."""
    user = await known_user(bot, 545, "en")
    view = await save(bot, user, dispute=_accepted(bot, 1))
    await _press(bot, 545, f"o:{view.order.id}:fix", "en")
    labels = {b["callback_data"].rsplit(":", 1)[-1]: b["text"] for b in bot.last().buttons}
    assert "requested" not in labels and "won_on" not in labels
    assert labels["accepted_on"] == "When I accepted the offer"
    await _press(bot, 545, _button(bot, ":c:accepted_on"), "en")
    assert "When did you accept the seller's offer?" in html.unescape(bot.last().text)
    await _press(bot, 545, _button(bot, "accepted_when:c:earlier"), "en")
    day = today(bot) - dt.timedelta(days=3)
    await bot.send_text(545, day.isoformat(), "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])["dispute"]
    assert stored["since"] == day.isoformat()
    assert (stored["stage"], stored["requested_amount"]) == ("won", 25.0)


async def test_a_decided_dispute_still_corrects_its_ask_and_its_day(bot: BotHarness) -> None:
    user = await known_user(bot, 546, "en")
    won = {"stage": "won", "since": today(bot).isoformat(), "requested_amount": 35}
    view = await save(bot, user, dispute=won)
    await _press(bot, 546, f"o:{view.order.id}:fix", "en")
    offered = bot.last().button_data()
    assert any(d.endswith(":c:requested") for d in offered)
    assert any(d.endswith(":c:won_on") for d in offered)
    assert not any(d.endswith(":c:accepted_on") for d in offered)


async def test_an_agreed_return_is_not_replaced_by_an_offer(bot: BotHarness) -> None:
    """Walk BD: an offer recorded after the return was agreed, then refused, lost the return's
    ship-by day and its reminders."""
    user = await known_user(bot, 547, "en")
    agreed = today(bot) - dt.timedelta(days=1)
    view = await save(bot, user, dispute=_return_agreed(bot, agreed, opened_days_ago=6))
    await _press(bot, 547, f"o:{view.order.id}", "en")
    offered = bot.last().button_data()
    assert f"o:{view.order.id}:rsh" in offered and f"o:{view.order.id}:ofr" not in offered


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_cancelled_dispute_is_recorded_and_protection_is_watched_again(
    bot: BotHarness, lang: str
) -> None:
    """Walk BD: a buyer who cancelled the dispute (the seller asked, promising to extend) had
    no way to say so, and "keep the dispute open" went on for good."""
    from handlers.conversation.flow import CANCELLED_NOTE

    user = await known_user(bot, 549, lang)
    asks = _asks_to_close(bot, 2)
    view = await save(bot, user, dispute=asks)
    await _press(bot, 549, f"o:{view.order.id}", lang)
    assert f"o:{view.order.id}:cnl" in bot.last().button_data()
    await _press(bot, 549, f"o:{view.order.id}:cnl", lang)
    stored = json.loads((await order_row(bot, view.order.id))["situation"])["dispute"]
    assert (stored["stage"], stored["opened_on"]) == ("none", None)
    *_, card, note = bot.request.sent()
    assert html.unescape(note.text) == get_translator(lang).gettext(CANCELLED_NOTE)
    assert any(f"o:{view.order.id}:und:" in data for data in card.button_data()), "undo offered"
    assert "protection_ends" in await pending_reminder_kinds(bot, view.order.id)


@pytest.mark.parametrize(
    "changes",
    [
        {"protection_ends_on": "ended"},
        {"receipt_confirmed_on": "yesterday"},
        {"returned": True},
    ],
)
async def test_a_dispute_that_could_not_be_opened_again_offers_no_cancel(
    bot: BotHarness, changes: dict[str, object]
) -> None:
    """Walks BG, BJ, review BH: cancelled after Buyer Protection ended (or receipt confirmed,
    or the item sent back), the card advised opening a new dispute, which AliExpress no longer
    allows (seed 001)."""
    user = await known_user(bot, 550, "en")
    opened = (today(bot) - dt.timedelta(days=3)).isoformat()
    dispute: dict[str, object] = {"stage": "escalated", "opened_on": opened, "since": opened}
    fields: dict[str, object] = {}
    if changes.get("protection_ends_on") == "ended":
        fields["protection_ends_on"] = today(bot) - dt.timedelta(days=1)
    elif "protection_ends_on" in changes:
        fields["protection_ends_on"] = None
    if "receipt_confirmed_on" in changes:
        fields["receipt_confirmed_on"] = today(bot) - dt.timedelta(days=1)
    if changes.get("returned"):
        dispute["returned_on"] = opened
    view = await save(bot, user, dispute=dispute, **fields)
    await _press(bot, 550, f"o:{view.order.id}", "en")
    offered = bot.last().button_data()
    assert f"o:{view.order.id}:esc" not in offered  # the stage it is at
    assert f"o:{view.order.id}:won" in offered
    assert f"o:{view.order.id}:cnl" not in offered


async def test_a_corrected_price_or_count_leaves_an_accepted_offer_alone(bot: BotHarness) -> None:
    """Review BH, walk BG: the price or the counts corrected after an accepted offer rewrote its
    refund, and the card called it a dispute won for another amount."""
    user = await known_user(bot, 551, "en")
    short = {"problem": "short_quantity", "quantity_ordered": 5, "quantity_received": 3}
    accepted = {**_accepted(bot, 1), "requested_amount": 16.0, "offer_amount": 16.0}
    view = await save(bot, user, dispute=accepted, **short)
    await _correct(bot, 551, view.order.id, "price", "en")
    await bot.send_text(551, "45", "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["price"] == 45.0
    assert (stored["dispute"]["requested_amount"], stored["dispute"]["offer_amount"]) == (16, 16)
    assert "Offer accepted" in bot.last().text
    await _correct(bot, 551, view.order.id, "quantities", "en")
    await bot.send_text(551, "5", "en")
    await bot.send_text(551, "1", "en")
    await bot.send_text(551, "0", "en")  # none of the one that came is broken
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["quantity_received"] == 1 and stored["dispute"]["requested_amount"] == 16.0
    assert "Offer accepted" in bot.last().text


async def test_an_accepted_return_offer_stays_through_the_return(bot: BotHarness) -> None:
    """Review BH: sent back, the accepted return offer was forgotten, and its refund could be
    corrected as "what I asked for"."""
    user = await known_user(bot, 552, "en")
    agreed = _return_offer_accepted(bot, 2)
    view = await save(bot, user, problem="wrong_item", dispute=agreed)
    await _press(bot, 552, f"o:{view.order.id}:rsh", "en")
    await _press(bot, 552, _button(bot, "ret_shipped_when:c:today"), "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])["dispute"]
    assert (stored["stage"], stored["offer_amount"]) == ("return_shipped", 25.0)
    await _press(bot, 552, f"o:{view.order.id}:fix", "en")
    assert not any(d.endswith(":c:requested") for d in bot.last().button_data())


async def test_a_dispute_entered_without_the_protection_end_can_be_cancelled(
    bot: BotHarness,
) -> None:
    """Review BL: an order entered mid-dispute has no protection end (the questionnaire does
    not ask it then), and "I cancelled the dispute" never appeared."""
    user = await known_user(bot, 553, "en")
    asks = _asks_to_close(bot)
    view = await save(bot, user, dispute=asks, protection_ends_on=None)
    await _press(bot, 553, f"o:{view.order.id}", "en")
    assert f"o:{view.order.id}:cnl" in bot.last().button_data()


async def test_a_return_agreed_by_an_offer_and_then_won_or_lost(bot: BotHarness) -> None:
    """Review BL: won after the accepted return was sent back read "Offer accepted" and was
    dated "when I accepted the offer"; lost kept the offer as the buyer's own ask."""
    user = await known_user(bot, 554, "en")
    agreed = _return_offer_accepted(bot, 5)
    won_view = await save(bot, user, problem="wrong_item", dispute=agreed)
    await _press(bot, 554, f"o:{won_view.order.id}:rsh", "en")
    await _press(bot, 554, _button(bot, "ret_shipped_when:c:today"), "en")
    await _press(bot, 554, f"o:{won_view.order.id}:won", "en")
    await _press(bot, 554, _button(bot, "won_when:c:today"), "en")
    await _press(bot, 554, _button(bot, "won_amount:c:all"), "en")
    assert "Dispute won" in bot.last().text and "Offer accepted" not in bot.last().text
    await _press(bot, 554, f"o:{won_view.order.id}:fix", "en")
    offered = bot.last().button_data()
    assert any(d.endswith(":c:won_on") for d in offered)
    assert not any(d.endswith(":c:accepted_on") for d in offered)

    lost_view = await save(bot, user, problem="wrong_item", dispute=agreed)
    await _press(bot, 554, f"o:{lost_view.order.id}:lst", "en")
    stored = json.loads((await order_row(bot, lost_view.order.id))["situation"])["dispute"]
    assert (stored["stage"], stored["offer_amount"]) == ("lost", None)


async def test_cancelling_a_dispute_entered_without_the_end_asks_it_and_refuses_a_passed_one(
    bot: BotHarness,
) -> None:
    """Walk BM: cancelled with the end unknown, then an end already passed: "open a dispute",
    though a cancelled dispute reopens only while Buyer Protection runs (seed 001)."""
    from advisor.questionnaire.followups import CANCELLED_AFTER_THE_END

    user = await known_user(bot, 555, "en")
    asks = _asks_to_close(bot)
    view = await save(bot, user, dispute=asks, protection_ends_on=None)
    await _press(bot, 555, f"o:{view.order.id}:cnl", "en")
    assert "When does Buyer Protection end?" in html.unescape(bot.last().text)
    passed = today(bot) - dt.timedelta(days=2)
    await bot.send_text(555, passed.isoformat(), "en")
    tr = get_translator("en")
    refusal = tr.gettext(CANCELLED_AFTER_THE_END) % {"date": tr.format_date(passed)}
    assert refusal in html.unescape(bot.last().text)
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert stored["dispute"]["stage"] == "seller_asks_to_close"
    ahead = today(bot) + dt.timedelta(days=9)
    await bot.send_text(555, ahead.isoformat(), "en")
    stored = json.loads((await order_row(bot, view.order.id))["situation"])
    assert (stored["dispute"]["stage"], stored["protection_ends_on"]) == ("none", ahead.isoformat())


@pytest.mark.parametrize(("lang", "share"), [("en", "30%"), ("ru", "30 процентов")])
async def test_an_offer_typed_as_a_share_of_the_price_is_that_amount(
    bot: BotHarness, lang: str, share: str
) -> None:
    """Walk CL: "30%" was refused though the saved order knows its price (40 USD)."""
    tr = get_translator(lang)
    user = await known_user(bot, 530, lang)
    order_id = (await save(bot, user)).order.id
    await _press(bot, 530, f"o:{order_id}:opn", lang)
    await _press(bot, 530, _button(bot, ":c:today"), lang)
    card = await _offer(bot, 530, order_id, share, lang)
    row = await order_row(bot, order_id)
    assert row["stage"] == "seller_offer"
    assert json.loads(row["situation"])["dispute"]["offer_amount"] == 12.0
    assert tr.format_money(12, "USD") in card
    assert html.escape(labels.action_title(tr, Action.reject_offer)) in card


async def test_a_share_over_the_whole_price_is_still_refused(bot: BotHarness) -> None:
    user = await known_user(bot, 531, "en")
    order_id = (await save(bot, user)).order.id
    await _press(bot, 531, f"o:{order_id}:opn", "en")
    await _press(bot, 531, _button(bot, ":c:today"), "en")
    text = await _offer(bot, 531, order_id, "150%", "en")
    assert "not a percentage" in text
    assert (await order_row(bot, order_id))["stage"] == "open"


async def test_an_offer_of_a_full_refund_in_words_is_the_whole_price(bot: BotHarness) -> None:
    """Walks CL, CM: "full refund" typed as an amount was not read."""
    tr = get_translator("en")
    user = await known_user(bot, 532, "en")
    order_id = (await save(bot, user)).order.id
    await _press(bot, 532, f"o:{order_id}:opn", "en")
    await _press(bot, 532, _button(bot, ":c:today"), "en")
    card = await _offer(bot, 532, order_id, "a full refund", "en")
    row = await order_row(bot, order_id)
    assert json.loads(row["situation"])["dispute"]["offer_amount"] == 40.0
    assert html.escape(labels.action_title(tr, Action.accept_offer)) in card


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_dispute_won_for_less_than_asked_expects_the_amount_decided(
    bot: BotHarness, lang: str
) -> None:
    """Walk of 2026-12-03: "Dispute won" took the whole ask, and the card and the refund
    reminder named $45.99 where $20 was awarded."""
    user = await known_user(bot, 556, lang)
    opened = {
        "stage": "open",
        "opened_on": (today(bot) - dt.timedelta(days=9)).isoformat(),
        "since": (today(bot) - dt.timedelta(days=8)).isoformat(),
        "requested_solution": "refund_only",
        "requested_amount": 40.0,
    }
    view = await save(bot, user, dispute=opened)
    await _press(bot, 556, f"o:{view.order.id}:won", lang)
    await _press(bot, 556, _button(bot, "won_when:c:today"), lang)
    tr = get_translator(lang)
    asked = html.unescape(bot.last().text)
    assert tr.gettext("Did AliExpress decide to refund all you asked for?") in asked
    assert tr.gettext("You asked for: %(terms)s") % {"terms": tr.format_money(40, "USD")} in asked
    await _press(bot, 556, _button(bot, "won_amount:c:less"), lang)
    assert tr.gettext("What amount did AliExpress decide to refund?") in html.unescape(
        bot.last().text
    )
    await bot.send_text(556, "20", lang)
    card = html.unescape(bot.last().text)
    expected = tr.gettext("Refund expected: %(amount)s") % {"amount": tr.format_money(20, "USD")}
    assert expected in card and tr.format_money(40, "USD") not in card.split("\n\n")[0]
    stored = json.loads((await order_row(bot, view.order.id))["situation"])["dispute"]
    assert (stored["stage"], stored["requested_amount"]) == ("won", 20.0)
    assert "refund_expected_by" in await pending_reminder_kinds(bot, view.order.id)
