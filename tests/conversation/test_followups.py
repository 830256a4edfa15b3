"""Follow-ups of a saved order run on the questionnaire engine and update the order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from advisor.models import DeliveryStatus, Situation
from advisor.questionnaire import current_question
from handlers.advice_wording import ESCALATE_NOW, ESCALATE_TITLE, REFUSED_WHY
from handlers.order_store import delete_order, save_new_order, update_order
from handlers.orders.card import ADD_NUMBERS
from handlers.orders.stages import NO_AGREEMENT
from locales import get_translator
from storage import orders, users
from tests.conversation.support import (
    answers_part,
    conversation_of,
    engine_state,
    plain,
    put_state,
    question_id,
    today,
    walk,
)
from tests.support.harness import BotHarness, make_settings


async def _save(bot: BotHarness, user_id: int, lang: str, situation: Situation) -> int:
    """The user starts the bot and has `situation` saved as an order; its id."""
    await bot.send_text(user_id, "/start", lang)
    user = await users.get(bot.runtime.db, user_id)
    assert user is not None
    view = await save_new_order(bot.runtime, user, situation, today())
    return view.order.id


async def _saved_order(bot: BotHarness, user_id: int, lang: str) -> int:
    situation = Situation(
        today=today(),
        received=False,
        delivery_status=DeliveryStatus.in_transit,
        protection_ends_on=today() + dt.timedelta(days=5),
        price=30,
        item="lamp",
    )
    return await _save(bot, user_id, lang, situation)


async def _situation(bot: BotHarness, user_id: int, order_id: int) -> Situation:
    order = await orders.get_for_user(bot.runtime.db, order_id, user_id)
    assert order is not None
    return Situation.model_validate(order.situation)


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_seller_extended_asks_the_new_date_then_updates_the_order(
    bot: BotHarness, lang: str
) -> None:
    order_id = await _saved_order(bot, 500, lang)
    await walk(bot, 500, lang, [f"o:{order_id}:ext"])
    assert question_id(bot.last()) == "new_protection_end"
    stored = await conversation_of(bot, 500)
    assert stored is not None and stored.order_id == order_id
    await walk(bot, 500, lang, ["in 30 days" if lang == "en" else "через 30 дней"])
    situation = await _situation(bot, 500, order_id)
    assert situation.protection_ends_on == today() + dt.timedelta(days=30)
    assert situation.seller.extended
    assert await conversation_of(bot, 500) is None
    assert f"o:{order_id}:opn" in bot.last().button_data()  # the order card again


@pytest.mark.parametrize(("lang", "typed"), [("ru", "не знаю"), ("en", "I don't know")])
async def test_seller_extended_with_the_new_end_unknown_records_the_extension(
    bot: BotHarness, lang: str, typed: str
) -> None:
    """Walk of 2026-12-03: "I don't know" got "I could not read when Buyer Protection ends",
    with only "Back to the order": the extension was never recorded."""
    order_id = await _saved_order(bot, 505, lang)
    await walk(bot, 505, lang, [f"o:{order_id}:ext"])
    assert "q:new_protection_end:skip" in bot.last().button_data()
    await walk(bot, 505, lang, [typed])
    situation = await _situation(bot, 505, order_id)
    assert situation.seller.extended and situation.protection_end_before_extension
    assert situation.protection_ends_on == today() + dt.timedelta(days=5)  # the end it replaced
    assert await conversation_of(bot, 505) is None
    card = bot.last()
    assert f"o:{order_id}:opn" in card.button_data()  # the order card again
    # The card says the dates count to the old end, and where the new one is.
    from handlers.date_caveats import EXTENSION_END_UNKNOWN

    tr = get_translator(lang)
    old_end = tr.format_date(today() + dt.timedelta(days=5))
    assert tr.gettext(EXTENSION_END_UNKNOWN) % {"date": old_end} in plain(card.text)


async def test_opened_then_a_follow_up_without_questions_completes_at_once(
    bot: BotHarness,
) -> None:
    order_id = await _saved_order(bot, 501, "en")
    await walk(bot, 501, "en", [f"o:{order_id}:opn", "q:opened_when:c:today"])
    situation = await _situation(bot, 501, order_id)
    assert situation.dispute.stage == "open" and situation.dispute.opened_on == today()
    await walk(bot, 501, "en", [f"o:{order_id}:cls"])
    assert (await _situation(bot, 501, order_id)).dispute.stage == "seller_asks_to_close"
    assert await conversation_of(bot, 501) is None


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_cancel_in_a_follow_up_goes_back_to_the_unchanged_order(
    bot: BotHarness, lang: str
) -> None:
    order_id = await _saved_order(bot, 502, lang)
    before = await _situation(bot, 502, order_id)
    await walk(bot, 502, lang, [f"o:{order_id}:opn", "q:opened_when:c:earlier"])
    question = bot.last()
    back = next(b for b in question.buttons if b["callback_data"] == "q:opened_date:x")
    assert back["text"] == get_translator(lang).gettext("📦 Back to the order")
    await walk(bot, 502, lang, ["q:opened_date:x"])
    assert await conversation_of(bot, 502) is None
    assert await _situation(bot, 502, order_id) == before
    card = bot.last()
    assert card.method == "editMessageText" and f"o:{order_id}:opn" in card.button_data()
    # The answer given is dropped: said so (walk of 2026-12-03: "Noted", then lost unsaid).
    from handlers.conversation.answers import FOLLOWUP_LEFT_UNSAVED

    unsaved = get_translator(lang).gettext(FOLLOWUP_LEFT_UNSAVED)
    assert bot.answered_callbacks()[-1].params.get("text") == unsaved
    # Left at its first question, nothing was given: nothing to say.
    await walk(bot, 502, lang, [f"o:{order_id}:opn", "q:opened_when:x"])
    assert bot.answered_callbacks()[-1].params.get("text") is None
    assert f"o:{order_id}:opn" in bot.last().button_data()


async def test_cancel_of_a_follow_up_whose_order_was_deleted_shows_the_menu(
    bot: BotHarness,
) -> None:
    order_id = await _saved_order(bot, 504, "en")
    await walk(bot, 504, "en", [f"o:{order_id}:ext"])
    user = await users.get(bot.runtime.db, 504)
    assert user is not None and await delete_order(bot.runtime, user, order_id)
    await walk(bot, 504, "en", ["q:new_protection_end:x"])
    assert await conversation_of(bot, 504) is None
    assert "m:new" in bot.last().button_data()
    assert len(bot.answered_callbacks()) == 2


async def test_a_follow_up_survives_a_restart(db_path: Path) -> None:
    first = await BotHarness(make_settings(db_path)).start()
    try:
        order_id = await _saved_order(first, 503, "en")
        await walk(first, 503, "en", [f"o:{order_id}:opn", "q:opened_when:c:earlier"])
    finally:
        await first.stop()
    second = await BotHarness(make_settings(db_path)).start()
    try:
        await second.send_text(503, "3 days ago", "en")
        situation = await _situation(second, 503, order_id)
        assert situation.dispute.opened_on == today() - dt.timedelta(days=3)
    finally:
        await second.stop()


async def test_cancel_command_in_a_follow_up_shows_the_unchanged_order(bot: BotHarness) -> None:
    order_id = await _saved_order(bot, 505, "en")
    before = await _situation(bot, 505, order_id)
    await walk(bot, 505, "en", [f"o:{order_id}:ext"])
    await bot.send_text(505, "/cancel", "en")
    assert await conversation_of(bot, 505) is None
    assert await _situation(bot, 505, order_id) == before
    assert "unchanged" in bot.request.sent()[-2].text
    assert f"o:{order_id}:ext" in bot.last().button_data(), "the order card again"


HALF_ANSWERED = ["c:no", "c:in_transit"]


def question_id_of(answers: list[str]) -> str:
    """The question a new-order questionnaire asks after `answers`."""
    question = current_question(engine_state(answers), today())
    assert question is not None
    return question.id


# The seller asks to close an open dispute: one question (details) from the advice card.
ALMOST_COMPLETE = ["c:no", "c:in_transit", "c:seller_asks_to_close", "c:today", "s", "m"]
ALMOST_COMPLETE += ["s", "s", "s", "s"]


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_follow_up_keeps_a_half_answered_questionnaire_until_the_user_discards_it(
    bot: BotHarness, lang: str
) -> None:
    order_id = await _saved_order(bot, 510, lang)
    await put_state(bot, 510, lang, HALF_ANSWERED)
    before = await conversation_of(bot, 510)
    assert before is not None
    tr = get_translator(lang)

    await walk(bot, 510, lang, [f"o:{order_id}:ext"])
    prompt = bot.last()
    assert plain(prompt.text) == tr.gettext(
        "You have a questionnaire in progress that is not saved yet. If you go on, its"
        " answers will be discarded."
    )
    assert prompt.button_data() == ["q:resume", f"fu:{order_id}:extended", f"o:{order_id}"]
    assert await conversation_of(bot, 510) == before  # nothing thrown away yet

    await walk(bot, 510, lang, ["q:resume"])  # back to the questionnaire, where it stopped
    assert question_id(bot.last()) == question_id_of(HALF_ANSWERED)

    await walk(bot, 510, lang, [f"o:{order_id}:ext", f"fu:{order_id}:extended"])
    assert question_id(bot.last()) == "new_protection_end"
    stored = await conversation_of(bot, 510)
    assert stored is not None and stored.order_id == order_id


async def test_a_follow_up_over_unsaved_advice_offers_to_show_it_first(bot: BotHarness) -> None:
    order_id = await _saved_order(bot, 511, "en")
    await put_state(bot, 511, "en", ALMOST_COMPLETE)
    await walk(bot, 511, "en", ["q:details:skip"])  # the advice card of the unsaved order
    advice = await conversation_of(bot, 511)
    assert advice is not None and advice.flow == "advice"

    await walk(bot, 511, "en", [f"o:{order_id}:opn"])
    prompt = bot.last()
    assert "advice that is not saved yet" in prompt.text
    assert prompt.button_data() == ["a:show", f"fu:{order_id}:opened", f"o:{order_id}"]
    assert await conversation_of(bot, 511) == advice


async def test_the_same_follow_up_pressed_again_goes_on_where_it_stopped(bot: BotHarness) -> None:
    order_id = await _saved_order(bot, 512, "en")
    await walk(bot, 512, "en", [f"o:{order_id}:opn", "q:opened_when:c:earlier"])
    assert question_id(bot.last()) == "opened_date"
    await walk(bot, 512, "en", [f"o:{order_id}:opn"])  # e.g. from the card in an old message
    assert question_id(bot.last()) == "opened_date"


async def test_discarding_for_a_follow_up_the_order_no_longer_offers_is_refused(
    bot: BotHarness,
) -> None:
    order_id = await _saved_order(bot, 513, "en")
    await put_state(bot, 513, "en", HALF_ANSWERED)
    await walk(bot, 513, "en", [f"o:{order_id}:ext"])  # the prompt; then the dispute is opened
    user = await users.get(bot.runtime.db, 513)
    assert user is not None
    opened = (await _situation(bot, 513, order_id)).model_dump()
    opened["dispute"] = {"stage": "open", "opened_on": today()}
    await update_order(bot.runtime, user, order_id, Situation.model_validate(opened), today())
    kept = await conversation_of(bot, 513)

    await walk(bot, 513, "en", [f"fu:{order_id}:extended"])
    assert bot.answered_callbacks()[-1].params.get("text") == "This menu is out of date."
    assert f"o:{order_id}:ofr" in bot.last().button_data()  # the order's card as it is now
    assert await conversation_of(bot, 513) == kept


@pytest.mark.parametrize("data", ["fu:{order}:nonsense", "fu:999999:extended", "fu:{order}"])
async def test_forged_discard_buttons_change_nothing(bot: BotHarness, data: str) -> None:
    order_id = await _saved_order(bot, 514, "en")
    await put_state(bot, 514, "en", HALF_ANSWERED)
    kept = await conversation_of(bot, 514)
    await bot.press(514, data.format(order=order_id), "en")
    assert bot.answered_callbacks()[-1].params.get("text") == "This menu is out of date."
    assert await conversation_of(bot, 514) == kept


async def test_the_typed_answer_that_ends_a_follow_up_takes_the_buttons_off_its_question(
    bot: BotHarness,
) -> None:
    order_id = await _saved_order(bot, 515, "en")
    await walk(bot, 515, "en", [f"o:{order_id}:ext"])
    question = await conversation_of(bot, 515)
    assert question is not None and question.message_id is not None
    bot.request.clear()
    await walk(bot, 515, "en", ["in 30 days"])
    retired = bot.request.sent("editMessageReplyMarkup")
    assert [call.params["message_id"] for call in retired] == [question.message_id]
    assert f"o:{order_id}:opn" in bot.last().button_data()  # the card, in a new message


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_an_order_saved_without_its_details_can_get_them_from_its_card(
    bot: BotHarness, lang: str
) -> None:
    # Saved at "wait": the questionnaire asked no item or numbers (they only go into texts).
    waiting = Situation(
        today=today(),
        received=False,
        delivery_status=DeliveryStatus.in_transit,
        shipped_on=today() - dt.timedelta(days=20),
        protection_ends_on=today() + dt.timedelta(days=40),
    )
    order_id = await _save(bot, 516, lang, waiting)
    await walk(bot, 516, lang, [f"o:{order_id}"])
    assert f"o:{order_id}:det" in bot.last().button_data()

    await walk(bot, 516, lang, [f"o:{order_id}:det"])
    assert question_id(bot.last()) == "item"
    await walk(bot, 516, lang, ["19.90 $"])  # a price is not an item
    assert question_id(bot.last()) == "item" and bot.last().text.startswith("⚠️")
    await walk(bot, 516, lang, ["desk lamp", "8123456789012345", "q:tracking_number:skip"])
    situation = await _situation(bot, 516, order_id)
    assert (situation.item, situation.order_number) == ("desk lamp", "8123456789012345")
    assert situation.tracking_number is None and situation.dispute == waiting.dispute
    card = bot.last()
    assert "desk lamp" in card.text and f"o:{order_id}:det" not in card.button_data()
    # Named but not numbered: the button asks only for the number.
    named = waiting.model_copy(update={"item": "desk lamp"})
    named_id = await _save(bot, 516, lang, named)
    await walk(bot, 516, lang, [f"o:{named_id}"])
    labels = {b["callback_data"]: b["text"] for b in bot.last().buttons}
    assert labels[f"o:{named_id}:det"] == get_translator(lang).gettext(ADD_NUMBERS)


def _undo_data(call_buttons: list[str], order_id: int) -> str:
    (data,) = [d for d in call_buttons if d.startswith(f"o:{order_id}:und:")]
    return data


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_wrong_tap_on_a_follow_up_can_be_undone_from_the_card(
    bot: BotHarness, lang: str
) -> None:
    order_id = await _saved_order(bot, 520, lang)
    await walk(bot, 520, lang, [f"o:{order_id}:opn", "q:opened_when:c:today"])
    opened = await _situation(bot, 520, order_id)
    assert opened.dispute.stage == "open"
    due_before = await _pending_kinds(bot, order_id)
    assert "seller_response_due" in due_before

    await walk(bot, 520, lang, [f"o:{order_id}:esc"])  # a wrong tap: AliExpress stepped in
    assert (await _situation(bot, 520, order_id)).dispute.stage == "escalated"
    card = bot.last()
    undo = _undo_data(card.button_data(), order_id)
    assert card.button_data()[0] == undo  # first, right under the change it takes back

    await walk(bot, 520, lang, [undo])
    assert bot.answered_callbacks()[-1].params.get("text") == get_translator(lang).gettext(
        "Undone: the order is as it was."
    )
    restored = await _situation(bot, 520, order_id)
    assert restored.dispute == opened.dispute
    assert await _pending_kinds(bot, order_id) == due_before  # the reminders are back
    assert not any(":und:" in d for d in bot.last().button_data())

    await walk(bot, 520, lang, [undo])  # the same Undo again: nothing more to take back
    stale = get_translator(lang).gettext("This menu is out of date.")
    assert bot.answered_callbacks()[-1].params.get("text") == stale
    assert (await _situation(bot, 520, order_id)).dispute == opened.dispute


async def test_an_old_undo_button_cannot_take_back_a_later_change(bot: BotHarness) -> None:
    order_id = await _saved_order(bot, 521, "en")
    await walk(bot, 521, "en", [f"o:{order_id}:opn", "q:opened_when:c:today"])
    first_undo = _undo_data(bot.last().button_data(), order_id)
    await walk(bot, 521, "en", [f"o:{order_id}:cls"])
    assert (await _situation(bot, 521, order_id)).dispute.stage == "seller_asks_to_close"
    await walk(bot, 521, "en", [first_undo, f"o:{order_id}:und:00000000"])
    assert all(
        c.params.get("text") == "This menu is out of date." for c in bot.answered_callbacks()[-2:]
    )
    assert (await _situation(bot, 521, order_id)).dispute.stage == "seller_asks_to_close"


async def _pending_kinds(bot: BotHarness, order_id: int) -> list[str]:
    rows = await bot.runtime.db.conn.execute_fetchall(
        "SELECT kind FROM reminders WHERE order_id = ? AND state = 'pending' ORDER BY kind, due_at",
        (order_id,),
    )
    return [row[0] for row in rows]


async def test_a_questionnaire_on_hold_while_typing_a_time_zone_is_not_lost_either(
    bot: BotHarness,
) -> None:
    order_id = await _saved_order(bot, 522, "en")
    await put_state(bot, 522, "en", HALF_ANSWERED)
    before = await conversation_of(bot, 522)
    await bot.send_text(522, "/settings", "en")
    await bot.press(522, "s:tzt", "en")  # the questionnaire goes on hold under the zone prompt
    on_hold = await conversation_of(bot, 522)
    assert on_hold is not None and on_hold.flow == "tz"

    await walk(bot, 522, "en", [f"o:{order_id}:ext"])
    assert bot.last().button_data() == ["q:resume", f"fu:{order_id}:extended", f"o:{order_id}"]
    await walk(bot, 522, "en", ["q:resume"])
    assert question_id(bot.last()) == question_id_of(HALF_ANSWERED)
    back = await conversation_of(bot, 522)
    assert back is not None and before is not None
    assert answers_part(back.state) == answers_part(before.state)


async def test_undoing_the_details_gives_the_order_its_old_name_back(bot: BotHarness) -> None:
    waiting = Situation(
        today=today(),
        received=True,
        problem="damaged",
        protection_ends_on=today() + dt.timedelta(days=40),
    )
    order_id = await _save(bot, 523, "en", waiting)
    await walk(bot, 523, "en", [f"o:{order_id}:det", "usb cable", "q:order_number:skip"])
    assert "usb cable" in bot.last().text
    await walk(bot, 523, "en", [_undo_data(bot.last().button_data(), order_id)])
    row = await orders.get_for_user(bot.runtime.db, order_id, 523)
    assert row is not None and row.label is None and row.situation.get("item") is None
    assert "usb cable" not in bot.last().text


async def test_skipping_every_detail_changes_nothing_so_there_is_nothing_to_undo(
    bot: BotHarness,
) -> None:
    bare = Situation(today=today(), received=True, problem="damaged")
    order_id = await _save(bot, 524, "en", bare)
    await walk(bot, 524, "en", [f"o:{order_id}:det", "q:item:skip", "q:order_number:skip"])
    assert not any(":und:" in data for data in bot.last().button_data())


async def test_a_follow_up_finished_on_an_order_archived_meanwhile_changes_nothing(
    bot: BotHarness,
) -> None:
    order_id = await _saved_order(bot, 525, "en")
    await walk(bot, 525, "en", [f"o:{order_id}:opn"])  # the follow-up's first question
    await bot.press(525, f"o:{order_id}:arcy", "en", message_id=77)  # from another card
    before = await _situation(bot, 525, order_id)
    # Archiving ended the follow-up (walk AY): its question's buttons are out of date.
    assert await conversation_of(bot, 525) is None
    await walk(bot, 525, "en", ["q:opened_when:c:today"])
    after = await _situation(bot, 525, order_id)
    assert after.dispute == before.dispute and after.dispute.stage == "none"
    assert "out of date" in plain(bot.last().text)
    assert await conversation_of(bot, 525) is None


async def test_a_follow_up_applies_to_the_order_as_it_is_when_it_finishes(
    bot: BotHarness,
) -> None:
    order_id = await _saved_order(bot, 526, "en")
    await walk(bot, 526, "en", [f"o:{order_id}:opn"])  # the follow-up starts from the saved order
    user = await users.get(bot.runtime.db, 526)
    assert user is not None
    renamed = (await _situation(bot, 526, order_id)).model_copy(update={"item": "desk lamp"})
    await update_order(bot.runtime, user, order_id, renamed, today())  # e.g. an Undo meanwhile
    await walk(bot, 526, "en", ["q:opened_when:c:today"])
    after = await _situation(bot, 526, order_id)
    assert after.dispute.stage == "open" and after.item == "desk lamp"  # not the older copy


async def test_continuing_from_the_prompt_takes_the_buttons_off_the_older_copy(
    bot: BotHarness,
) -> None:
    order_id = await _saved_order(bot, 527, "en")
    await put_state(bot, 527, "en", HALF_ANSWERED)  # the question is on screen in message 1
    shown = await conversation_of(bot, 527)
    assert shown is not None and shown.message_id is not None
    await walk(bot, 527, "en", [f"o:{order_id}:ext"])  # the discard prompt, edited in place
    bot.request.clear()
    await bot.press(527, "q:resume", "en", message_id=shown.message_id + 100)
    retired = [c.params["message_id"] for c in bot.request.sent("editMessageReplyMarkup")]
    assert retired == [shown.message_id]
    assert question_id(bot.last()) == question_id_of(HALF_ANSWERED)


@pytest.mark.parametrize(
    ("lang", "typed"), [("en", "extended by 15 days"), ("ru", "продлили на 15 дней")]
)
async def test_an_extension_by_days_counts_from_the_saved_end(
    bot: BotHarness, lang: str, typed: str
) -> None:
    order_id = await _saved_order(bot, 501, lang)  # protection ends in 5 days
    await walk(bot, 501, lang, [f"o:{order_id}:ext", typed])
    situation = await _situation(bot, 501, order_id)
    assert situation.protection_ends_on == today() + dt.timedelta(days=20)


async def test_start_during_a_follow_up_question_offers_the_way_back_to_it(
    bot: BotHarness,
) -> None:
    """Walk N: /start at a follow-up's first question showed the bare greeting, and the date
    typed next silently answered the question still waiting."""
    order_id = await _saved_order(bot, 502, "en")
    await walk(bot, 502, "en", [f"o:{order_id}:opn", "/start"])
    assert bot.last().button_data()[0] == "q:resume"
    await walk(bot, 502, "en", ["q:resume"])
    assert question_id(bot.last()) is not None
    stored = await conversation_of(bot, 502)
    assert stored is not None and stored.order_id == order_id


async def test_the_day_the_item_went_back_stays_with_the_order_after_the_return(
    bot: BotHarness,
) -> None:
    """Walk R: once lost, nothing said the item had been sent back, so the appeal asked for a
    return again."""
    from advisor.models import Dispute, Stage

    situation = Situation(
        today=today(),
        received=True,
        problem="damaged",
        usable=True,
        price=30,
        item="lamp",
        dispute=Dispute(
            stage=Stage.return_agreed,
            since=today() - dt.timedelta(days=2),
            opened_on=today() - dt.timedelta(days=5),
            requested_solution="return_and_refund",
        ),
    )
    order_id = await _save(bot, 503, "en", situation)
    await walk(bot, 503, "en", [f"o:{order_id}:rsh", "q:ret_shipped_when:c:today"])
    assert (await _situation(bot, 503, order_id)).dispute.returned_on == today()
    await walk(bot, 503, "en", [f"o:{order_id}:lst"])
    lost = await _situation(bot, 503, order_id)
    assert lost.dispute.stage is Stage.lost and lost.dispute.returned_on == today()
    # Not "at your cost" as if the postage were still to pay (session 9's left-alone list).
    shipped = get_translator("en").format_date(today())
    assert f"<b>Return shipping:</b> sent back on {shipped}" in plain(bot.last().text)


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_sending_the_evidence_asked_for_stops_its_reminders(
    bot: BotHarness, lang: str
) -> None:
    """Walk AL: nothing said the evidence was sent, and its day-before and on-the-day reminders
    kept coming."""
    order_id = await _saved_order(bot, 522, lang)
    await walk(bot, 522, lang, [f"o:{order_id}:opn", "q:opened_when:c:today"])
    await walk(bot, 522, lang, [f"o:{order_id}:evq", "q:evreq_when:c:today"])
    assert (await _situation(bot, 522, order_id)).dispute.stage == "evidence_requested"
    assert "evidence_due" in await _pending_kinds(bot, order_id)
    labels = {b["callback_data"]: b["text"] for b in bot.last().buttons}
    sent = f"o:{order_id}:evs"
    assert labels[sent] == get_translator(lang).gettext("✅ I sent the evidence")
    assert f"o:{order_id}:evq" not in labels  # the stage it is at (walk AO)

    await walk(bot, 522, lang, [sent])
    situation = await _situation(bot, 522, order_id)
    assert situation.dispute.stage == "escalated" and situation.dispute.since == today()
    assert "evidence_due" not in await _pending_kinds(bot, order_id)
    assert sent not in bot.last().button_data()  # AliExpress decides now


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_seller_rejecting_the_dispute_ends_the_wait_for_their_answer(
    bot: BotHarness, lang: str
) -> None:
    """Walk AL: the rejection could not be recorded; the card kept "the seller has to answer"
    and the reminder "if the seller stays silent, the dispute closes in your favour"."""
    order_id = await _saved_order(bot, 523, lang)
    await walk(bot, 523, lang, [f"o:{order_id}:opn", "q:opened_when:c:yesterday"])
    assert "seller_response_due" in await _pending_kinds(bot, order_id)
    tr = get_translator(lang)
    labels = {b["callback_data"]: b["text"] for b in bot.last().buttons}
    rejected = f"o:{order_id}:rjd"
    assert labels[rejected] == tr.gettext("🙅 Seller rejected the dispute")

    await walk(bot, 523, lang, [rejected])
    situation = await _situation(bot, 523, order_id)
    assert situation.dispute.stage == "open" and situation.dispute.since == today()
    assert situation.dispute.opened_on == today() - dt.timedelta(days=1)
    pending = await _pending_kinds(bot, order_id)
    assert "seller_response_due" not in pending and "escalation" in pending
    card = bot.last()
    assert tr.gettext(REFUSED_WHY) in plain(card.text)
    assert rejected not in card.button_data()  # said once: nothing more to change
    # Walk CL: escalating is the buyer's move now (001, 003), not waiting for the date.
    assert tr.gettext(ESCALATE_TITLE) in plain(card.text)
    assert tr.gettext(ESCALATE_NOW) in plain(card.text)
    # Walk CM: the stage read "Dispute open" alone, as if the seller had not answered.
    assert tr.gettext(NO_AGREEMENT) in plain(card.text)


async def test_an_open_dispute_waiting_for_the_seller_is_not_escalated_yet(
    bot: BotHarness,
) -> None:
    order_id = await _saved_order(bot, 525, "en")
    await walk(bot, 525, "en", [f"o:{order_id}:opn", "q:opened_when:c:yesterday"])
    text = plain(bot.last().text)
    tr = get_translator("en")
    assert tr.gettext(ESCALATE_TITLE) not in text and tr.gettext(ESCALATE_NOW) not in text
    assert tr.gettext("Keep the dispute open") in text
    assert tr.gettext(NO_AGREEMENT) not in text


async def test_a_rejection_past_the_escalation_date_leaves_the_dispute_open(
    bot: BotHarness,
) -> None:
    """Review AQ: recorded as "AliExpress stepped in", which the buyer never said; the card's
    "ask AliExpress to step in" went with it."""
    order_id = await _saved_order(bot, 524, "en")
    await walk(bot, 524, "en", [f"o:{order_id}:opn", "q:opened_when:c:earlier", "9 days ago"])
    await walk(bot, 524, "en", [f"o:{order_id}:rjd"])
    situation = await _situation(bot, 524, order_id)
    assert situation.dispute.stage == "open" and situation.dispute.since == today()
    assert f"o:{order_id}:esc" in bot.last().button_data()
