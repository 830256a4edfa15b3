"""Back, Cancel, Skip, the hint, wrong answers, wrong message types and over-long messages."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from advisor.models import Situation
from advisor.parsing.money import MONEY_ESTIMATE
from advisor.parsing.numbers import NOTE_TOO_LONG
from advisor.parsing.result import too_long
from advisor.questionnaire import (
    FlowState,
    answer_choice,
    answer_text,
    build_situation,
    current_question,
    finish_multi,
    required_currency,
    skip,
)
from advisor.questionnaire.followups import OFFER_OF_NOTHING as FOLLOWUP_OFFER_OF_NOTHING
from advisor.questionnaire.followups import OFFER_OF_NOTHING_GOES_ON
from advisor.questionnaire.new_flow import OFFER_OF_NOTHING as NEW_OFFER_OF_NOTHING
from advisor.questionnaire.new_flow import PROTECTION_BEFORE_FIRST_OPEN
from advisor.questionnaire.parcel_followups import EXTENSION_BEFORE_SAVED_END, EXTENSION_IN_THE_PAST
from handlers.conversation import flow as conversation_flow
from handlers.conversation.answers import FORWARDED_WHEN
from handlers.order_store import save_new_order
from locales import fill, get_translator
from storage import orders, users
from tests.conversation.support import (
    WRONG_TYPES,
    answers_part,
    conversation_of,
    engine_state,
    message_id,
    plain,
    put_state,
    question_id,
    today,
    walk,
)
from tests.orders.support import known_user
from tests.support.harness import BotHarness

NO_TRANSIT = ["c:no", "c:in_transit", "c:none"]
# No tracking and the seller silent: a dispute to open, so evidence, price and texts are asked.
NO_TRACKING = ["c:no", "c:no_tracking", "c:none"]
# Received damaged, no dispute, receipt not confirmed, protection end unknown, still usable.
DAMAGED = ["c:yes", "c:damaged", "c:none", "c:no", "s", "c:yes"]
TO_PRICE = [*NO_TRACKING, "s", "c:no", "s", "c:no_reply", "m"]

OFFER_OPENED_TODAY = ["c:no", "c:in_transit", "c:seller_offer", "c:today"]

# Every free-text question, the answers that lead to it, and a wrong answer for it.
FREE_TEXT = [
    ("shipped_on", NO_TRANSIT, "someday soon"),
    (
        "tracking_last_date",
        ["c:no", "c:not_updating", "c:none", "s", "c:no", "s", "c:date"],
        "last spring",
    ),
    ("protection_end", [*NO_TRANSIT, "s", "c:no"], "whenever"),
    ("receipt_date", ["c:yes", "c:damaged", "c:none", "c:yes"], "no idea"),
    ("price", TO_PRICE, "free"),
    ("return_cost", [*DAMAGED, "c:yes", "m", "40 $"], "10 €"),
    ("quantity_ordered", ["c:yes", "c:short_quantity", "c:none", "c:no", "s"], "many"),
    ("quantity_received", ["c:yes", "c:short_quantity", "c:none", "c:no", "s", "5"], "7"),
    ("quantity_received", ["c:yes", "c:short_quantity", "c:none", "c:no", "s", "5"], "2 of 4"),
    ("item", [*TO_PRICE, "s"], "x" * 600),
    ("item", [*TO_PRICE, "s"], "19.90 $"),  # a price where the item is asked
    ("item", [*TO_PRICE, "s"], "hi again, what do I do now?"),  # walk N: into the texts
    # Walk BP: what the next questions ask, typed one question early, went into the texts.
    ("item", [*TO_PRICE, "s"], "8123456789012345"),
    ("item", [*TO_PRICE, "s"], "RB123456785GB"),
    ("item", [*TO_PRICE, "s"], "yesterday"),
    ("order_number", [*TO_PRICE, "s", "s"], "abc"),
    ("tracking_number", [*TO_PRICE, "s", "s", "s"], "???"),
    ("details", [*TO_PRICE, "s", "s", "s", "s"], "d" * 1001),
    ("opened_date", ["c:no", "c:in_transit", "c:open", "c:earlier"], "когда-то давно"),
    # A parcel that never came: no solution to choose, the amounts only.
    ("offer_amount", ["c:no", "c:in_transit", "c:seller_offer", "c:today"], "half"),
    ("offer_amount", ["c:no", "c:in_transit", "c:seller_offer", "c:today"], "10%"),
    ("offer_amount", OFFER_OPENED_TODAY, "0"),  # a refusal: pointed to the stage that fits
    ("requested_amount", [*OFFER_OPENED_TODAY, "10 $"], "all of it"),
]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(
    ("qid", "path", "wrong"), FREE_TEXT, ids=[f"{f[0]}-{f[2][:12]}" for f in FREE_TEXT]
)
async def test_a_wrong_typed_answer_is_explained_and_the_question_repeated(
    bot: BotHarness, lang: str, qid: str, path: list[str], wrong: str
) -> None:
    state = await put_state(bot, 200, lang, path)
    question = current_question(state, today())
    assert question is not None and question.id == qid
    await bot.send_text(200, wrong, lang)
    call = bot.last()
    assert call.text.startswith("⚠️") and question_id(call) == qid
    tr = get_translator(lang)
    assert tr.gettext(question.prompt) in plain(call.text)
    currency = required_currency(state, today())
    if currency is not None:  # the examples are in the one currency it takes
        number = "990, " if currency == "RUB" else ("19,90, " if lang == "ru" else "19.90, ")
        assert number in plain(call.text) and currency in plain(call.text)
    else:
        assert question.examples is None or tr.gettext(question.examples) in plain(call.text)
    # A question without "I don't know" shows its hint then (where to find it, an estimate).
    stuck = question.skip_label is None and question.hint is not None
    assert (question.hint is not None and tr.gettext(question.hint) in plain(call.text)) is stuck
    stored = await conversation_of(bot, 200)
    assert stored is not None and answers_part(stored.state) == answers_part(state)
    assert stored.message_id is not None


# The follow-ups' free-text questions: the saved order's stage, the card button and the
# buttons that lead to the question, and a wrong answer (unreadable, or out of its range:
# past events cannot be in the future, an extension cannot end before today or the saved end).
FOLLOWUP_FREE_TEXT = [
    ("new_protection_end", "none", ["ext"], "yesterday"),
    ("new_protection_end", "none", ["ext"], "in 2 days"),
    ("new_protection_end", "none", ["ext"], "whenever"),
    ("opened_date", "none", ["opn", "q:opened_when:c:earlier"], "tomorrow"),
    ("evreq_date", "open", ["evq", "q:evreq_when:c:earlier"], "in 3 days"),
    (
        "ret_agreed_date",
        "open",
        ["rag", "q:return_who:c:agreed", "q:ret_agreed_when:c:earlier"],
        "someday",
    ),
    ("ret_shipped_date", "return_agreed", ["rsh", "q:ret_shipped_when:c:earlier"], "tomorrow"),
    ("won_date", "open", ["won", "q:won_when:c:earlier"], "in 2 days"),
    ("offer_amount", "open", ["ofr", "q:offer_solution:c:refund_only"], "0"),
]


async def _order_in_dispute(
    bot: BotHarness, user_id: int, lang: str, stage: str, **extra: object
) -> int:
    """A known user's saved order of an item that does not work, at the dispute `stage` since
    three days ago: its id."""
    await bot.send_text(user_id, "/start", lang)
    user = await users.get(bot.runtime.db, user_id)
    assert user is not None
    situation = Situation.model_validate(
        {
            "today": today(),
            "received": True,
            "problem": "not_working",
            "price": 40,
            "currency": "USD",
            "dispute": {"stage": stage, "since": today() - dt.timedelta(days=3)},
            **extra,
        }
    )
    return (await save_new_order(bot.runtime, user, situation, today())).order.id


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(
    ("qid", "stage", "path", "wrong"),
    FOLLOWUP_FREE_TEXT,
    ids=[f"{f[0]}-{f[3]}" for f in FOLLOWUP_FREE_TEXT],
)
async def test_a_wrong_typed_answer_in_a_follow_up_is_explained_and_the_question_repeated(
    bot: BotHarness, lang: str, qid: str, stage: str, path: list[str], wrong: str
) -> None:
    order_id = await _order_in_dispute(
        bot, 210, lang, stage, protection_ends_on=today() + dt.timedelta(days=5)
    )
    steps = [f"o:{order_id}:{path[0]}", *path[1:]]
    await walk(bot, 210, lang, steps)
    assert question_id(bot.last()) == qid
    before = await conversation_of(bot, 210)
    await bot.send_text(210, wrong, lang)
    call = bot.last()
    assert call.text.startswith("⚠️") and question_id(call) == qid
    after = await conversation_of(bot, 210)
    assert after is not None and before is not None and after.state == before.state
    assert after.order_id == order_id
    order = await orders.get_for_user(bot.runtime.db, order_id, 210)
    assert order is not None and Situation.model_validate(order.situation).dispute.stage == stage


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_pieces_typed_as_a_part_of_the_order_are_read(bot: BotHarness, lang: str) -> None:
    # Walk BY: "2 of 3" was unreadable at "how many came".
    await put_state(bot, 214, lang, ["c:yes", "c:short_quantity", "c:none", "c:no", "s", "5"])
    await bot.send_text(214, "2 of 5" if lang == "en" else "пришло 2 из 5", lang)
    stored = await conversation_of(bot, 214)
    assert stored is not None and stored.state["answers"]["quantity_received"] == 2


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("typed", ["0", "0,00 $", "free", "бесплатно"])
async def test_an_offer_of_nothing_points_to_the_answer_that_fits_a_refusal(
    bot: BotHarness, lang: str, typed: str
) -> None:
    # Walk BT: "0" was refused as a typo ("greater than zero"), with no word on what to say
    # instead when the seller refuses to pay anything.
    tr = get_translator(lang)
    await put_state(bot, 212, lang, OFFER_OPENED_TODAY)
    await bot.send_text(212, typed, lang)
    text = plain(bot.last().text)
    assert fill(tr.gettext(NEW_OFFER_OF_NOTHING), {}) in text
    assert (
        tr.gettext("⬅️ Back") in text
        and tr.gettext("Yes, it is open, waiting for the seller") in text
    )
    assert question_id(bot.last()) == "offer_amount"

    order_id = await _order_in_dispute(bot, 213, lang, "open")
    await walk(bot, 213, lang, [f"o:{order_id}:ofr", "q:offer_solution:c:refund_only"])
    await bot.send_text(213, typed, lang)
    text = plain(bot.last().text)
    assert tr.gettext(FOLLOWUP_OFFER_OF_NOTHING) in text
    # The buttons it names are the ones the buyer will find.
    assert tr.gettext("📦 Back to the order") in text
    assert tr.gettext("🙅 Seller rejected the dispute") in text
    assert question_id(bot.last()) == "offer_amount"
    # Walk CF: where the card has no such button (AliExpress stepped in), not pointed to it.
    escalated = await _order_in_dispute(bot, 213, lang, "escalated")
    await walk(bot, 213, lang, ["q:offer_amount:x"])
    await walk(bot, 213, lang, [f"o:{escalated}:ofr", "q:offer_solution:c:refund_only"])
    await bot.send_text(213, typed, lang)
    text = plain(bot.last().text)
    assert tr.gettext(OFFER_OF_NOTHING_GOES_ON) in text
    assert tr.gettext("🙅 Seller rejected the dispute") not in text


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_an_extension_refuses_dates_before_today_and_before_the_saved_end(
    bot: BotHarness, lang: str
) -> None:
    await bot.send_text(211, "/start", lang)
    user = await users.get(bot.runtime.db, 211)
    assert user is not None
    saved_end = today() + dt.timedelta(days=5)
    situation = Situation(
        today=today(), received=False, delivery_status="in_transit", protection_ends_on=saved_end
    )
    order_id = (await save_new_order(bot.runtime, user, situation, today())).order.id
    tr = get_translator(lang)
    latest = tr.format_date(today() + dt.timedelta(days=200))
    await walk(bot, 211, lang, [f"o:{order_id}:ext", "yesterday"])
    bounds = {
        "ended": tr.format_date(saved_end),
        "earliest": tr.format_date(saved_end + dt.timedelta(days=1)),
        "latest": latest,
    }
    assert fill(tr.gettext(EXTENSION_IN_THE_PAST), bounds) in plain(bot.last().text)
    # Before the saved end, or the saved end itself (the order page unchanged: a promise).
    for typed in ("in 3 days", "in 5 days"):
        await walk(bot, 211, lang, [typed])
        assert fill(tr.gettext(EXTENSION_BEFORE_SAVED_END), bounds) in plain(bot.last().text)
    order = await orders.get_for_user(bot.runtime.db, order_id, 211)
    assert order is not None
    assert Situation.model_validate(order.situation).protection_ends_on == saved_end
    await walk(bot, 211, lang, ["in 6 days"])
    order = await orders.get_for_user(bot.runtime.db, order_id, 211)
    assert order is not None
    assert Situation.model_validate(order.situation).protection_ends_on == today() + dt.timedelta(
        days=6
    )


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_file_outside_a_questionnaire_is_answered_as_a_file(
    bot: BotHarness, lang: str
) -> None:
    """Walk AJ: a PDF got "No need to send me photos or videos"."""
    await bot.send_text(209, "/start", lang)
    await bot.process(bot.message(209, lang, **WRONG_TYPES["document"]))
    tr = get_translator(lang)
    files = tr.gettext(
        "No need to send me files: attach your evidence to the dispute on AliExpress (up to"
        " 3 photos and 1 video; a statement as a photo). To get my advice for an order, press"
        " “📝 New problem order”."
    )
    assert files in plain(bot.last().text)
    await bot.process(bot.message(209, lang, **WRONG_TYPES["voice"]))
    voice = tr.gettext(
        "I cannot listen to voice messages. I work step by step, with buttons: to sort out an"
        " order that went wrong, press “📝 New problem order”."
    )
    assert voice in plain(bot.last().text)


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("kind", sorted(WRONG_TYPES))
@pytest.mark.parametrize("path", [NO_TRANSIT, ["c:no"]], ids=["text_question", "buttons"])
async def test_a_photo_sticker_voice_or_document_gets_the_question_again(
    bot: BotHarness, lang: str, kind: str, path: list[str]
) -> None:
    state = await put_state(bot, 201, lang, path)
    await bot.process(bot.message(201, lang, **WRONG_TYPES[kind]))
    call = bot.last()
    tr = get_translator(lang)
    if kind == "photo":  # evidence: it goes into the dispute, not to the bot
        expected = tr.gettext(
            "No need to send me photos or videos: attach them to the dispute on AliExpress. "
            "Now please answer the question below."
        )
    elif kind == "document":  # walk AM: a PDF is no photo or video
        expected = tr.gettext(
            "No need to send me files: attach your evidence to the dispute on AliExpress. "
            "Now please answer the question below."
        )
    elif kind == "voice" and path == NO_TRANSIT:  # walk CB: said why, not just "type it"
        expected = tr.gettext(
            "I cannot listen to voice messages. Please type the answer as a text message."
        )
    elif kind == "voice":
        expected = tr.gettext(
            "I cannot listen to voice messages. Please choose one of the buttons below."
        )
    elif path == NO_TRANSIT:
        expected = tr.gettext("Please type the answer as a text message.")
    else:
        expected = tr.gettext("Please choose one of the buttons below.")
    assert expected in plain(call.text)
    assert question_id(call) == ("shipped_on" if path == NO_TRANSIT else "delivery_status")
    assert answers_part((await conversation_of(bot, 201)).state) == answers_part(state)  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("path", [NO_TRANSIT, ["c:no"]], ids=["text_question", "buttons"])
async def test_an_over_long_message_is_refused_before_parsing(
    bot: BotHarness, lang: str, path: list[str]
) -> None:
    state = await put_state(bot, 202, lang, path)
    text = "1" * 1001
    await bot.send_text(202, text, lang)
    refusal = too_long(text)
    assert refusal is not None
    assert refusal.error_text(get_translator(lang)) in plain(bot.last().text)
    assert text not in bot.last().text
    assert answers_part((await conversation_of(bot, 202)).state) == answers_part(state)  # type: ignore[union-attr]


async def test_typed_option_label_is_accepted_and_other_text_is_not(bot: BotHarness) -> None:
    await walk(bot, 203, "ru", ["/new", "может быть"])
    assert question_id(bot.last()) == "received"
    assert get_translator("ru").gettext("Please choose one of the buttons below.") in plain(
        bot.last().text
    )
    await walk(bot, 203, "ru", ["нет,  не пришла "])
    assert question_id(bot.last()) == "delivery_status"


@pytest.mark.parametrize(
    ("typed", "currency"),
    [("USD", "USD"), ("€", "EUR"), ("рублей", "RUB"), ("  pln ", "PLN"), ("Euros", "EUR")],
)
async def test_a_currency_can_be_typed_at_the_currency_question(
    bot: BotHarness, typed: str, currency: str
) -> None:
    state = await put_state(bot, 207, "en", [*TO_PRICE, "20"])  # a price without currency
    assert current_question(state, today()).id == "currency"  # type: ignore[union-attr]
    await walk(bot, 207, "en", [typed])
    after = await conversation_of(bot, 207)
    assert after is not None and after.state["answers"].get("currency") == currency.lower()
    assert question_id(bot.last()) != "currency"


async def test_a_new_amount_is_refused_at_the_currency_question(bot: BotHarness) -> None:
    # "2000 rub" after a price of 20: taking only its currency would drop the 2000 unseen. (A
    # currency without a button, "JPY", is taken: tests/conversation/test_typed_currency.py.)
    await put_state(bot, 208, "en", [*TO_PRICE, "20"])
    await walk(bot, 208, "en", ["2000 rub"])
    assert question_id(bot.last()) == "currency"
    assert "That is another amount than the one you typed before (20.00)" in plain(bot.last().text)
    stored = await conversation_of(bot, 208)
    assert stored is not None and "currency" not in stored.state["answers"]


async def test_back_undoes_the_last_answer_and_the_first_question_goes_back_to_the_menu(
    bot: BotHarness,
) -> None:
    await walk(bot, 204, "en", ["/new"])
    assert "q:received:back" in bot.last().button_data()  # issue 4: every question has Back
    await walk(bot, 204, "en", ["q:received:back"])
    assert "m:new" in bot.last().button_data() and "Hi!" in bot.last().text
    assert await conversation_of(bot, 204) is None
    await walk(bot, 204, "en", ["/new"])
    await walk(bot, 204, "en", ["q:received:c:no", "q:delivery_status:c:no_tracking"])
    assert question_id(bot.last()) == "dispute_stage"
    await walk(bot, 204, "en", ["q:dispute_stage:back"])
    assert question_id(bot.last()) == "delivery_status"
    stored = await conversation_of(bot, 204)
    assert stored is not None and stored.state["history"] == ["received"]
    await walk(bot, 204, "en", ["q:delivery_status:back"])
    assert question_id(bot.last()) == "received"


async def test_back_from_the_advice_card_reopens_the_last_question(bot: BotHarness) -> None:
    await put_state(bot, 205, "en", [*TO_PRICE, "s", "s", "s", "s"])
    await walk(bot, 205, "en", ["q:details:skip"])
    assert "a:back" in bot.last().button_data()
    await walk(bot, 205, "en", ["a:back"])
    assert question_id(bot.last()) == "details"
    assert (await conversation_of(bot, 205)).flow == "q"  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_cancel_ends_the_questionnaire(bot: BotHarness, lang: str) -> None:
    await walk(bot, 206, lang, ["/new", "q:received:c:yes", "q:problem:x"])
    assert await conversation_of(bot, 206) is None
    call = bot.last()
    assert get_translator(lang).gettext("Cancelled. Your saved orders are untouched.") in plain(
        call.text
    )
    assert "m:new" in call.button_data()


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_cancel_after_several_answers_asks_first(bot: BotHarness, lang: str) -> None:
    """Walk W: Cancel at question 12 dropped every answer at one tap."""
    state = await put_state(bot, 239, lang, NO_TRANSIT)
    asked = "shipped_on"
    await walk(bot, 239, lang, [f"q:{asked}:x"])
    tr = get_translator(lang)
    assert "3" in plain(bot.last().text) and bot.last().button_data() == [
        f"q:{asked}:xx",
        "q:resume",
    ]
    stored = await conversation_of(bot, 239)
    assert stored is not None and stored.state["history"] == state.history  # nothing lost yet
    await walk(bot, 239, lang, ["q:resume"])
    assert question_id(bot.last()) == asked
    await walk(bot, 239, lang, [f"q:{asked}:x", f"q:{asked}:xx"])
    assert await conversation_of(bot, 239) is None
    cancelled = tr.gettext("Cancelled. Your saved orders are untouched.")
    assert cancelled in plain(bot.last().text)


async def test_the_cancel_command_takes_the_buttons_off_the_question(bot: BotHarness) -> None:
    await walk(bot, 215, "en", ["/new", "q:received:c:yes"])
    shown = await message_id(bot, 215)
    bot.request.clear()
    await bot.send_text(215, "/cancel", "en")
    retired = bot.request.sent("editMessageReplyMarkup")
    assert [call.params["message_id"] for call in retired] == [shown]
    assert "reply_markup" not in retired[0].params or not retired[0].buttons
    assert await conversation_of(bot, 215) is None


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(
    ("qid", "path", "label"),
    [
        ("protection_end", [*NO_TRANSIT, "s", "c:no"], "❓ Where do I find this?"),
        (
            "prefer_return",
            ["c:yes", "c:not_working", "c:none", "c:no", "s"],
            "❓ What does this mean?",
        ),
        ("details", [*TO_PRICE, "s", "s", "s", "s"], "❓ What does this mean?"),
    ],
)
async def test_the_hint_button_says_whether_it_locates_or_explains(
    bot: BotHarness, lang: str, qid: str, path: list[str], label: str
) -> None:
    await put_state(bot, 209, lang, path)
    await walk(bot, 209, lang, ["/new", "q:resume"])
    call = bot.last()
    assert question_id(call) == qid
    hint = next(b for b in call.buttons if b["callback_data"] == f"q:{qid}:hint")
    assert hint["text"] == get_translator(lang).gettext(label)


async def test_skip_and_the_hint(bot: BotHarness) -> None:
    await put_state(bot, 207, "ru", [*NO_TRANSIT, "s", "c:no"])
    await walk(bot, 207, "ru", ["q:protection_end:hint"])
    call = bot.last()
    assert call.method == "editMessageText" and "💡" in call.text
    assert "q:protection_end:hint" not in call.button_data()
    assert bot.answered_callbacks()
    await walk(bot, 207, "ru", ["q:protection_end:skip"])
    stored = await conversation_of(bot, 207)
    assert stored is not None and stored.state["answers"]["protection_end"] is None
    assert question_id(bot.last()) == "seller_contact"


async def test_multi_select_marks_toggled_options(bot: BotHarness) -> None:
    await put_state(bot, 208, "en", [*NO_TRACKING, "s", "c:no", "s", "c:no_reply"])
    await walk(bot, 208, "en", ["q:evidence:t:chat_screenshot"])
    marked = [b["text"] for b in bot.last().buttons if b["text"].startswith("✅")]
    assert marked == ["✅ Screenshots of the chat with the seller"]
    await walk(bot, 208, "en", ["q:evidence:t:chat_screenshot"])
    assert not [b for b in bot.last().buttons if b["text"].startswith("✅")]
    await walk(bot, 208, "en", ["q:evidence:t:tracking_screenshot", "q:evidence:done"])
    stored = await conversation_of(bot, 208)
    assert stored is not None and stored.state["answers"]["evidence"] == ["tracking_screenshot"]


def test_engine_paths_of_the_table_reach_their_questions() -> None:
    for qid, path, _wrong in FREE_TEXT:
        question = current_question(engine_state(path), today())
        assert question is not None and question.id == qid


@pytest.mark.parametrize("typed", ["20.11.2026", "someday soon"], ids=["answer", "wrong"])
async def test_a_typed_answer_takes_the_buttons_off_the_question_it_leaves(
    bot: BotHarness, typed: str
) -> None:
    await put_state(bot, 230, "en", NO_TRANSIT)
    await bot.send_text(230, "10 days ago", "en")  # the question now shows in its own message
    shown = await conversation_of(bot, 230)
    assert shown is not None and shown.message_id is not None
    bot.request.clear()
    await bot.send_text(230, typed, "en")
    methods = [call.method for call in bot.request.calls]
    assert methods == ["editMessageReplyMarkup", "sendMessage"]
    retired = bot.request.calls[0].params
    assert retired["message_id"] == shown.message_id and "reply_markup" not in retired
    assert question_id(bot.last()) is not None  # the next (or the same) question, with buttons


async def test_a_question_whose_buttons_cannot_be_taken_off_still_moves_on(
    bot: BotHarness,
) -> None:
    await put_state(bot, 231, "en", NO_TRANSIT)
    await bot.send_text(231, "10 days ago", "en")
    before = await conversation_of(bot, 231)
    bot.request.fail_with["editMessageReplyMarkup"] = (
        400,
        {"ok": False, "error_code": 400, "description": "Bad Request: message can't be edited"},
    )
    bot.request.clear()
    await bot.send_text(231, "someday soon", "en")
    assert [call.method for call in bot.request.calls] == ["editMessageReplyMarkup", "sendMessage"]
    assert bot.last().text.startswith("⚠️") and question_id(bot.last()) is not None
    after = await conversation_of(bot, 231)
    assert after is not None and before is not None
    assert answers_part(after.state) == answers_part(before.state)
    assert after.message_id != before.message_id  # the new message is the one on screen now


@pytest.mark.parametrize("item", ["18650", "3310", "2 pcs USB cable"])
def test_a_number_without_a_currency_is_a_fine_item(item: str) -> None:
    state = engine_state([*TO_PRICE, "s"])
    question = current_question(state, today())
    assert question is not None and question.id == "item"
    answered, parsed = answer_text(state, item, today())
    assert parsed.ok and answered.answers["item"] == item


@pytest.mark.parametrize("typed", ["19.99", "19,99", " 1250.00 "])
def test_a_number_with_cents_is_a_price_not_an_item(typed: str) -> None:
    """Walk of 2026-12-03: "19.99" typed at the item became "Item: 19.99" in the seller message."""
    from advisor.questionnaire.steps import ITEM_IS_A_PRICE

    state = engine_state([*TO_PRICE, "s"])
    answered, parsed = answer_text(state, typed, today())
    assert not parsed.ok and parsed.error == ITEM_IS_A_PRICE and answered == state


async def test_a_press_whose_answer_telegram_refuses_as_too_old_still_counts(
    bot: BotHarness,
) -> None:
    # Presses that waited while the bot was down come too late to be answered; they still count.
    await walk(bot, 209, "ru", ["/new"])
    bot.request.fail_with["answerCallbackQuery"] = (
        400,
        {
            "ok": False,
            "error_code": 400,
            "description": "Bad Request: query is too old and response timeout expired or "
            "query ID is invalid",
        },
    )
    await walk(bot, 209, "ru", ["q:received:c:no"])
    assert question_id(bot.last()) == "delivery_status"
    stored = await conversation_of(bot, 209)
    assert stored is not None and stored.state["answers"] == {"received": "no"}
    sorry = get_translator("ru").gettext(
        "Sorry, something went wrong on my side. Nothing you entered is lost: "
        "try again, or send /cancel to stop what you were doing."
    )
    assert all(sorry not in call.text for call in bot.request.sent())


def test_the_item_and_details_are_refused_past_what_the_texts_take() -> None:
    from advisor.parsing.numbers import NOTE_TOO_LONG
    from advisor.questionnaire import skip
    from advisor.texts.common import DETAILS_MAX, ITEM_MAX

    path = ["c:no", "c:in_transit", "c:none", "s", "c:no", "1 day", "c:no_reply", "m", "9 $"]
    state = engine_state(path)
    assert current_question(state, today()).id == "item"  # type: ignore[union-attr]
    same, parsed = answer_text(state, "x" * (ITEM_MAX + 1), today())
    assert same == state and parsed.error == NOTE_TOO_LONG
    assert parsed.params == {"limit": str(ITEM_MAX)}
    state, parsed = answer_text(state, "y" * ITEM_MAX, today())
    assert parsed.ok
    state = skip(skip(state, today()), today())  # order and tracking numbers
    assert current_question(state, today()).id == "details"  # type: ignore[union-attr]
    same, parsed = answer_text(state, "z" * (DETAILS_MAX + 1), today())
    assert same == state and parsed.params == {"limit": str(DETAILS_MAX)}
    assert answer_text(state, "z" * DETAILS_MAX, today())[1].ok


async def test_russian_details_are_warned_about_on_the_card_they_lead_to(bot: BotHarness) -> None:
    from advisor.parsing.numbers import NOTE_NOT_ENGLISH

    path = ["c:no", "c:in_transit", "c:none", "s", "c:no", "1 day", "c:no_reply", "m", "9 $"]
    await put_state(bot, 210, "ru", [*path, "lamp", "s", "s"])
    await walk(bot, 210, "ru", ["Трещина на корпусе"])
    card = bot.last()
    assert "a:save" in card.button_data(), "the details were the last question"
    warning = get_translator("ru").gettext(NOTE_NOT_ENGLISH)
    assert plain(card.text).startswith("⚠️ " + warning)
    stored = await conversation_of(bot, 210)
    assert stored is not None and stored.flow == "advice"


@pytest.mark.parametrize("typed", ["не помню", "Не помню!", "I don't remember"])
async def test_typing_the_skip_button_skips(bot: BotHarness, typed: str) -> None:
    # The offer follow-up's "What amount did you ask for?" has "I don't remember".
    user = await known_user(bot, 212, "ru")
    situation = Situation(
        today=today(),
        received=True,
        problem="damaged",
        usable=True,
        price=40,
        dispute={"stage": "open", "opened_on": today()},
    )
    order_id = (await save_new_order(bot.runtime, user, situation, today())).order.id
    await walk(bot, 212, "ru", [f"o:{order_id}:ofr", "q:offer_solution:c:refund_only", "10 $"])
    await walk(bot, 212, "ru", ["q:requested_solution:c:refund_only"])
    assert question_id(bot.last()) == "requested_amount"
    await walk(bot, 212, "ru", [typed])
    order = await orders.get_for_user(bot.runtime.db, order_id, 212)
    assert order is not None and order.situation["dispute"]["stage"] == "seller_offer"
    assert order.situation["dispute"]["requested_amount"] is None


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_date_typed_at_when_is_taken_as_the_earlier_date(
    bot: BotHarness, lang: str
) -> None:
    user = await known_user(bot, 213, lang)
    situation = Situation(today=today(), received=True, problem="damaged", usable=True, price=40)
    order_id = (await save_new_order(bot.runtime, user, situation, today())).order.id
    await walk(bot, 213, lang, [f"o:{order_id}:opn"])
    assert question_id(bot.last()) == "opened_when"
    await walk(bot, 213, lang, ["3 дня назад" if lang == "ru" else "3 days ago"])
    # The advice claims part of the price: what the buyer asked for is asked next.
    assert question_id(bot.last()) == "requested_as"
    await walk(bot, 213, lang, ["q:requested_as:c:advised"])
    order = await orders.get_for_user(bot.runtime.db, order_id, 213)
    assert order is not None
    opened = (today() - dt.timedelta(days=3)).isoformat()
    assert order.situation["dispute"]["opened_on"] == opened


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_what_you_advised_says_what_the_advice_was(bot: BotHarness, lang: str) -> None:
    # Walk AL: the card that advised is gone when "What did you ask for?" is asked.
    user = await known_user(bot, 219, lang)
    situation = Situation(
        today=today(), received=True, problem="damaged", usable=True, price=40, currency="USD"
    )
    order_id = (await save_new_order(bot.runtime, user, situation, today())).order.id
    await walk(bot, 219, lang, [f"o:{order_id}:opn", "q:opened_when:c:today"])
    assert question_id(bot.last()) == "requested_as"
    tr = get_translator(lang)
    terms = f"{tr.gettext('Refund only')}, {tr.format_money(12, 'USD')}"
    assert tr.gettext("I advised: %(terms)s") % {"terms": terms} in plain(bot.last().text)


async def test_text_that_is_no_date_at_when_still_asks_for_a_button(bot: BotHarness) -> None:
    user = await known_user(bot, 214, "en")
    situation = Situation(today=today(), received=True, problem="damaged", usable=True, price=40)
    order_id = (await save_new_order(bot.runtime, user, situation, today())).order.id
    await walk(bot, 214, "en", [f"o:{order_id}:opn", "some time ago"])
    assert question_id(bot.last()) == "opened_when"
    assert "Please choose one of the buttons below." in plain(bot.last().text)
    # Walk C: a date that cannot be is said so, not "choose a button"; nothing is answered.
    await walk(bot, 214, "en", ["tomorrow"])
    assert question_id(bot.last()) == "opened_when"
    assert "Please choose one of the buttons below." not in plain(bot.last().text)
    assert "date" in plain(bot.last().text).split("\n")[0].lower()
    stored = await conversation_of(bot, 214)
    assert stored is not None and stored.state["history"] == []


async def test_start_during_a_questionnaire_also_leads_to_the_main_menu(bot: BotHarness) -> None:
    await walk(bot, 216, "en", ["/new", "q:received:c:yes"])
    await walk(bot, 216, "en", ["/start"])
    offer = bot.last()
    assert offer.button_data() == ["q:resume", "q:restart", "m:menu"]
    await walk(bot, 216, "en", ["m:menu"])
    assert "m:new" in bot.last().button_data()
    stored = await conversation_of(bot, 216)
    assert stored is not None and stored.state["answers"] == {"received": "yes"}  # it waits


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_text_outside_any_questionnaire_points_to_a_new_order(
    bot: BotHarness, lang: str
) -> None:
    await bot.send_text(217, "/start", lang)
    await walk(bot, 217, lang, ["посылка не пришла уже месяц, что делать?"])
    reply = bot.last()
    tr = get_translator(lang)
    pointer = tr.gettext(
        "I work step by step, with buttons. To sort out an order that went wrong, press "
        "“📝 New problem order”: about ten short questions, then my advice and the texts."
    )
    assert pointer in plain(reply.text) and "m:new" in reply.button_data()
    assert tr.gettext("📝 New problem order") in pointer  # it names the button as it reads
    assert tr.gettext("📦 My orders") not in plain(reply.text)  # no orders to point to


async def test_text_outside_any_questionnaire_from_a_user_with_orders_points_to_them(
    bot: BotHarness,
) -> None:
    """Walk N: "the seller does not answer in the dispute, what now?" from a user with a saved
    order was pointed only to a new questionnaire, a duplicate order."""
    user = await known_user(bot, 247, "en")
    situation = Situation(today=today(), received=True, problem="damaged", usable=True, price=40)
    await save_new_order(bot.runtime, user, situation, today())
    await walk(bot, 247, "en", ["the seller does not answer in the dispute, what now?"])
    reply = bot.last()
    assert "“📦 My orders”" in plain(reply.text) and "m:orders" in reply.button_data()


async def test_a_slash_date_typed_at_when_is_held_for_confirmation_too(bot: BotHarness) -> None:
    user = await known_user(bot, 218, "en")
    situation = Situation(today=today(), received=True, problem="damaged", usable=True, price=40)
    order_id = (await save_new_order(bot.runtime, user, situation, today())).order.id
    year = today().year - 1
    await walk(bot, 218, "en", [f"o:{order_id}:opn", f"05/04/{year}"])
    held = bot.last()
    assert question_id(held) == "opened_date" and "q:opened_date:ok" in held.button_data()
    await walk(bot, 218, "en", ["q:opened_date:ok", "q:requested_as:c:full_keep"])
    order = await orders.get_for_user(bot.runtime.db, order_id, 218)
    assert order is not None
    assert order.situation["dispute"]["opened_on"] == dt.date(year, 4, 5).isoformat()


@pytest.mark.parametrize(
    ("lang", "typed", "noted"),
    [("en", "10 days ago", "📅 Noted: {date}."), ("ru", "10 дней назад", "📅 Дата: {date}")],
)
async def test_a_typed_date_is_read_back_on_the_next_screen(
    bot: BotHarness, lang: str, typed: str, noted: str
) -> None:
    # A year or month read wrongly ("5 December" taken as last year's) shows at once.
    await put_state(bot, 232, lang, NO_TRANSIT)
    await bot.send_text(232, typed, lang)
    tr = get_translator(lang)
    date = tr.format_date(today() - dt.timedelta(days=10))
    text = bot.last().text
    assert text.startswith(noted.format(date=date)), text
    assert ".." not in text.split("\n")[0]
    assert question_id(bot.last()) is not None


async def test_a_date_typed_at_the_trackings_last_change_is_taken(bot: BotHarness) -> None:
    # "20 days ago" typed where the buttons offer "I will type the date": no need to press it.
    answers = ["c:no", "c:not_updating", "c:none", "30 days ago", "c:no", "s"]
    assert current_question(engine_state(answers), today()).id == "tracking_last_change"
    await put_state(bot, 233, "en", answers)
    await bot.send_text(233, "20 days ago", "en")
    assert "Please choose one of the buttons" not in plain(bot.last().text)
    stored = await conversation_of(bot, 233)
    assert stored is not None
    assert stored.state["answers"]["tracking_last_change"] == "date"
    typed = (today() - dt.timedelta(days=20)).isoformat()
    assert stored.state["answers"]["tracking_last_date"] == typed


@pytest.mark.parametrize(
    ("lang", "typed", "noted"),
    [
        ("ru", "1,5 тыс руб", "💰 Сумма: 1 500,00 ₽."),
        ("en", "2k $", "💰 Noted: $2,000.00."),
        # Walk W: no currency yet (asked next) read back as "1,200.5".
        ("en", "1200.5", "💰 Noted: 1,200.50."),
        ("ru", "1200,5", "💰 Сумма: 1 200,50."),
    ],
)
async def test_a_typed_amount_is_read_back_on_the_next_screen(
    bot: BotHarness, lang: str, typed: str, noted: str
) -> None:
    """Walk S: "1,5 тыс" or "2к" was taken silently; a slipped digit shows at once now."""
    await put_state(bot, 234, lang, TO_PRICE)
    await bot.send_text(234, typed, lang)
    first = plain(bot.last().text).split("\n")[0].replace("\xa0", " ").replace("\u202f", " ")
    assert first == noted


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_photo_outside_any_questionnaire_is_pointed_to_the_dispute(
    bot: BotHarness, lang: str
) -> None:
    """Walk T: a photo sent while no questionnaire runs got the generic 'step by step'."""
    await bot.send_text(219, "/start", lang)
    photo = [{"file_id": "p1", "file_unique_id": "p1u", "width": 90, "height": 90}]
    await bot.process(bot.message(219, lang, photo=photo))
    reply = bot.last()
    tr = get_translator(lang)
    assert tr.gettext("📝 New problem order") in plain(reply.text)
    assert "AliExpress" in reply.text and "m:new" in reply.button_data()
    assert "step by step" not in reply.text


@pytest.mark.parametrize(
    ("lang", "typed", "shown"),
    [
        ("en", "2k $", "↩️ Your answer was: $2,000.00."),
        ("ru", "1500 руб", "↩️ Вы ответили: 1 500,00 ₽."),
    ],
)
async def test_back_to_a_typed_answer_reads_it_back(
    bot: BotHarness, lang: str, typed: str, shown: str
) -> None:
    """Back to fix a typo: the question asked again shows what was typed, so nothing is lost."""
    await put_state(bot, 235, lang, TO_PRICE)
    await bot.send_text(235, typed, lang)
    asked = question_id(bot.last())
    await walk(bot, 235, lang, [f"q:{asked}:back"])
    assert question_id(bot.last()) == "price"
    first = plain(bot.last().text).split("\n")[0].replace("\xa0", " ").replace("\u202f", " ")
    assert first == shown


async def test_back_to_a_choice_names_it_and_back_after_a_skip_says_nothing(
    bot: BotHarness,
) -> None:
    await walk(bot, 236, "en", ["/new", "q:received:c:no", "q:delivery_status:c:no_tracking"])
    await walk(bot, 236, "en", ["q:dispute_stage:back"])
    tr = get_translator("en")
    label = tr.gettext("There is no tracking information")
    assert plain(bot.last().text).startswith(f"↩️ Your answer was: {label}."), bot.last().text
    await put_state(bot, 237, "en", [*NO_TRANSIT, "s"])
    asked = question_id(bot.last())
    await walk(bot, 237, "en", [f"q:{asked}:back"])
    assert "Your answer was" not in plain(bot.last().text)


async def test_back_from_the_advice_card_reads_the_last_answer_back(bot: BotHarness) -> None:
    await put_state(bot, 238, "en", [*TO_PRICE, "s", "s", "s", "s"])
    await bot.send_text(238, "Box was open and wet", "en")
    assert "a:back" in bot.last().button_data()
    await walk(bot, 238, "en", ["a:back"])
    assert question_id(bot.last()) == "details"
    assert "↩️ Your answer was: Box was open and wet." in plain(bot.last().text)


def test_only_an_amount_after_one_with_a_currency_must_be_in_that_currency() -> None:
    assert current_question(engine_state(TO_PRICE), today()).id == "price"
    assert required_currency(engine_state(TO_PRICE), today()) is None
    at_return_cost = engine_state([*DAMAGED, "c:yes", "m", "40 $"])
    assert current_question(at_return_cost, today()).id == "return_cost"
    assert required_currency(at_return_cost, today()) == "USD"
    assert required_currency(engine_state(NO_TRANSIT), today()) is None  # not an amount


def test_the_return_question_says_the_full_refund_comes_without_a_return_where_it_does() -> None:
    """Walk N: "send it back for a full refund?" for an item that does not work, whose full
    refund comes with the item kept (rule 12): a "yes" paid postage for nothing."""
    from advisor.questionnaire.new_flow import KEEP_AND_FULL_REFUND_PROMPT

    not_working = current_question(
        engine_state(["c:yes", "c:not_working", "c:none", "c:no", "s"]), today()
    )
    assert not_working is not None and not_working.id == "prefer_return"
    assert not_working.prompt == KEEP_AND_FULL_REFUND_PROMPT
    damaged = current_question(engine_state(DAMAGED), today())
    assert damaged is not None and damaged.id == "prefer_return"
    assert damaged.prompt != KEEP_AND_FULL_REFUND_PROMPT  # usable: the full refund needs it


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(
    "currency", ["USD", "RUB", "EUR", "UAH", "KZT", "BYN", "PLN", "GBP", "CNY"]
)
def test_the_example_amount_in_the_orders_currency_reads_back(lang: str, currency: str) -> None:
    """Review V: a yuan order's example was "CN¥1,250.00", which the bot then could not read."""
    from decimal import Decimal

    from advisor.parsing import parse_money
    from handlers.conversation.render import _typeable_amount

    written = _typeable_amount(get_translator(lang), Decimal(1250), currency)
    parsed = parse_money(written)
    assert parsed.ok and parsed.value is not None, written
    assert (parsed.value.amount, parsed.value.currency) == (Decimal(1250), currency)


@pytest.mark.parametrize(("lang", "typed"), [("en", "hello"), ("ru", "1500 за всё"), ("en", "-5")])
async def test_a_wrong_amount_where_one_currency_is_taken_names_only_that_one(
    bot: BotHarness, lang: str, typed: str
) -> None:
    """Review V: the refusal still listed "12.50 $, €15, 1,200.50 USD, 990 RUB" on a question
    that takes dollars only."""
    await put_state(bot, 240, lang, [*DAMAGED, "c:yes", "m", "40 $"])
    await bot.send_text(240, typed, lang)
    warning = plain(bot.last().text).split("\n")[0]
    assert warning.startswith("⚠️") and "USD" in warning, warning
    assert "€" not in warning and "RUB" not in warning and "₽" not in warning
    assert question_id(bot.last()) == "return_cost"
    # Walk CI: dollars' examples sized as dollar prices, not "990" as if roubles.
    assert "990" not in plain(bot.last().text)
    assert ("19,90" if lang == "ru" else "19.90") in plain(bot.last().text)


@pytest.mark.parametrize(
    ("price", "example"), [("40 $", "19.90, $125.00"), ("4000 руб", "990, RUB 1,250.00")]
)
async def test_amount_examples_are_sized_to_the_orders_currency(
    bot: BotHarness, price: str, example: str
) -> None:
    await put_state(bot, 242, "en", [*DAMAGED, "c:yes", "m", price])
    await bot.send_text(242, "hello", "en")
    assert f"Examples: {example}" in plain(bot.last().text).replace("\xa0", " ")


async def test_skips_are_not_counted_as_answers_cancel_would_lose(bot: BotHarness) -> None:
    """Review V: "The 11 answers you gave will be lost" counted five skips; three skips alone
    made Cancel ask."""
    await put_state(bot, 241, "en", [*TO_PRICE, "s", "s"])
    await walk(bot, 241, "en", ["q:order_number:x"])
    assert "The 5 answers" in plain(bot.last().text), bot.last().text


async def test_back_to_a_multi_question_keeps_its_ticks_and_to_a_quick_date_names_it(
    bot: BotHarness,
) -> None:
    """Review V: Back to the evidence question dropped its ticks (redone from memory), and
    Back to "When did you open the dispute?" answered "Today" said nothing."""
    await put_state(bot, 242, "en", [*NO_TRACKING, "s", "c:no", "s", "c:no_reply"])
    await walk(bot, 242, "en", ["q:evidence:t:tracking_screenshot", "q:evidence:done"])
    assert question_id(bot.last()) == "price"
    await walk(bot, 242, "en", ["q:price:back"])
    assert question_id(bot.last()) == "evidence"
    ticked = [b["text"] for b in bot.last().buttons if b["text"].startswith("✅")]
    assert len(ticked) == 1
    await walk(bot, 242, "en", ["q:evidence:done"])
    assert question_id(bot.last()) == "price"

    await walk(bot, 243, "en", ["/new", "q:received:c:no", "q:delivery_status:c:in_transit"])
    await walk(bot, 243, "en", ["q:dispute_stage:c:open", "q:opened_when:c:today"])
    asked = question_id(bot.last())
    await walk(bot, 243, "en", [f"q:{asked}:back"])
    assert question_id(bot.last()) == "opened_when"
    shown = get_translator("en").format_date(today())
    assert f"Your answer was: {shown}." in plain(bot.last().text)


@pytest.mark.parametrize(
    ("lang", "typed", "code"),
    [("ru", "нет", "no"), ("ru", "Да!", "yes"), ("en", "no", "no"), ("en", "yes", "yes")],
)
async def test_yes_or_no_typed_at_a_button_question_is_taken(
    bot: BotHarness, lang: str, typed: str, code: str
) -> None:
    """Walk N: "нет" at "Has the parcel arrived?" got "please choose one of the buttons": only
    the whole label ("Нет, не пришла") was taken."""
    await walk(bot, 244, lang, ["/new", typed])
    stored = await conversation_of(bot, 244)
    assert stored is not None and stored.state["answers"].get("received") == code


@pytest.mark.parametrize(
    ("lang", "typed"),
    [("ru", "не знаю"), ("en", "i dont know"), ("en", "skip"), ("en", "dont remember")],
)
async def test_an_i_dont_know_of_ones_own_skips_a_skippable_question(
    bot: BotHarness, lang: str, typed: str
) -> None:
    """Walk N: "не знаю" where the button says "Пропустить" was read as an order number."""
    await put_state(bot, 245, lang, [*TO_PRICE, "s", "s"])
    await bot.send_text(245, typed, lang)
    stored = await conversation_of(bot, 245)
    assert stored is not None and stored.state["history"][-1] == "order_number"
    assert stored.state["answers"]["order_number"] is None


async def test_a_multi_question_takes_typed_labels_and_done(bot: BotHarness) -> None:
    """Walk N: the copied label "Фото проблемы" and "готово" were refused at a multi question."""
    await put_state(bot, 246, "ru", [*NO_TRACKING, "s", "c:no", "s", "c:no_reply"])
    tr = get_translator("ru")
    label = tr.gettext("Screenshots of the tracking")
    await bot.send_text(246, label, "ru")
    stored = await conversation_of(bot, 246)
    assert stored is not None and stored.state["answers"].get("evidence") == ["tracking_screenshot"]
    await bot.send_text(246, "готово", "ru")
    stored = await conversation_of(bot, 246)
    assert stored is not None and stored.state["history"][-1] == "evidence"


def test_a_typed_word_never_picks_one_of_several_options_it_fits() -> None:
    """Walk S: "да" at "Is there a dispute already?" (nine options mean yes) was taken as "it
    is open"; "a refund" chose one of the two offers starting so."""
    from advisor.questionnaire import questions as q
    from handlers.conversation.typed import typed_option

    ru, en = get_translator("ru"), get_translator("en")
    assert typed_option(q.DISPUTE_STAGE, "да", ru) is None
    assert typed_option(q.OFFER_SOLUTION, "a refund", en) is None
    assert typed_option(q.OFFER_SOLUTION, "вернуть деньги", ru) is None
    assert typed_option(q.RECEIVED, "нет", ru) == "no"


@pytest.mark.parametrize(("lang", "typed"), [("en", "no"), ("ru", "нет"), ("en", "nothing")])
async def test_no_to_anything_to_add_is_nothing_added(
    bot: BotHarness, lang: str, typed: str
) -> None:
    """Walk S: "no" at "Anything to add to the dispute text?" became "Details: no"."""
    await put_state(bot, 248, lang, [*TO_PRICE, "s", "s", "s", "s"])
    await bot.send_text(248, typed, lang)
    stored = await conversation_of(bot, 248)
    assert stored is not None and stored.flow == "advice"
    assert stored.state["situation"].get("details") is None


async def test_yes_typed_at_stop_this_questionnaire_asks_it_again_to_be_pressed(
    bot: BotHarness,
) -> None:
    """Walk S: "yes" typed at "Stop this questionnaire?" answered the question behind it; walk
    T2: after /start in between, a "да" meaning "continue" stopped it. A typed yes now shows the
    stop again, to be pressed; nothing is lost or answered."""
    await put_state(bot, 249, "en", NO_TRANSIT)
    await walk(bot, 249, "en", ["q:shipped_on:x", "/start", "yes"])
    stored = await conversation_of(bot, 249)
    assert stored is not None and "shipped_on" not in stored.state["history"]
    assert bot.last().button_data() == ["q:shipped_on:xx", "q:resume"]
    await walk(bot, 249, "en", ["q:shipped_on:xx"])
    assert await conversation_of(bot, 249) is None
    await put_state(bot, 250, "en", NO_TRANSIT)
    await walk(bot, 250, "en", ["q:shipped_on:x", "no"])
    assert question_id(bot.last()) == "shipped_on"
    stored = await conversation_of(bot, 250)
    assert stored is not None and not stored.state.get("cancel_asked")


@pytest.mark.parametrize(("lang", "typed"), [("ru", "нет"), ("en", "no")])
async def test_a_no_picks_the_one_option_saying_no_among_many(
    bot: BotHarness, lang: str, typed: str
) -> None:
    """Walk T2: "нет" at "Is there a dispute already?" (one "no" among eleven) was refused."""
    await walk(bot, 251, lang, ["/new", "q:received:c:no", "q:delivery_status:c:in_transit", typed])
    stored = await conversation_of(bot, 251)
    assert stored is not None and stored.state["answers"].get("dispute_stage") == "none"


@pytest.mark.parametrize("typed", ["No, nothing else", "nope", "нет, всё", "that's all"])
async def test_more_ways_of_saying_nothing_to_add(bot: BotHarness, typed: str) -> None:
    """Walk T2: "No, nothing else" became "Details: No, nothing else" in the dispute text."""
    await put_state(bot, 252, "en", [*TO_PRICE, "s", "s", "s", "s"])
    await bot.send_text(252, typed, "en")
    stored = await conversation_of(bot, 252)
    assert stored is not None and stored.flow == "advice"


async def test_no_at_the_evidence_question_with_nothing_ticked_is_none(bot: BotHarness) -> None:
    """Walk T2: "no" at the evidence question got "please choose one of the buttons"."""
    await put_state(bot, 253, "en", [*NO_TRACKING, "s", "c:no", "s", "c:no_reply"])
    await bot.send_text(253, "no", "en")
    stored = await conversation_of(bot, 253)
    assert stored is not None and stored.state["history"][-1] == "evidence"
    assert stored.state["answers"]["evidence"] == []


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_timer_typed_at_night_keeps_the_time_it_runs_out(
    bot: BotHarness, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 03:00 in Moscow: "1 d 5 h 12 min" runs out at 08:12 tomorrow, before tomorrow's 10:00
    # reminder (session 9's known gap): the time is kept, read back, and goes into the order.
    night = dt.datetime.combine(today(), dt.time(0, 0), tzinfo=dt.UTC)
    monkeypatch.setattr(conversation_flow, "now_utc", lambda: night)
    await put_state(bot, 232, lang, [*NO_TRANSIT, "s", "c:no"])
    await bot.send_text(232, "1 д 5 ч 12 мин", lang)
    conversation = await conversation_of(bot, 232)
    assert conversation is not None and conversation.state is not None
    tomorrow = today() + dt.timedelta(days=1)
    assert conversation.state["answers"]["protection_end"] == f"{tomorrow}T08:12:00"
    tr = get_translator(lang)
    ends_at = dt.datetime.combine(tomorrow, dt.time(8, 12))
    noted = fill(tr.gettext("Noted: %(date)s."), {"date": tr.format_date_time(ends_at)})
    assert noted in plain(bot.last().text)
    state = FlowState.model_validate(conversation.state)
    while (question := current_question(state, today())) is not None:
        if question.skip_label:
            state = skip(state, today())
        elif question.kind == "choice":
            state = answer_choice(state, question.option_codes()[0], today())
        else:
            state = finish_multi(state, today())
    situation = build_situation(state, today())
    assert (situation.protection_ends_on, situation.protection_ends_at) == (
        tomorrow,
        dt.time(8, 12),
    )


@pytest.mark.parametrize(
    ("lang", "typed", "code"),
    [
        ("ru", "вернуть товар", "return_and_refund"),
        ("ru", "Только деньги", "refund_only"),
        ("en", "just a refund", "refund_only"),
        ("en", "return", "return_and_refund"),
    ],
)
async def test_the_disputes_solution_is_understood_as_people_name_it(
    bot: BotHarness, lang: str, typed: str, code: str
) -> None:
    """Walk Q: "только деньги", "вернуть товар" were refused with "choose a button"."""
    state = await put_state(bot, 247, lang, ["c:yes", "c:damaged", "c:open", "c:today"])
    question = current_question(state, today())
    assert question is not None and question.id == "requested_solution"
    await bot.send_text(247, typed, lang)
    stored = await conversation_of(bot, 247)
    assert stored is not None and stored.state["answers"]["requested_solution"] == code


def test_i_dont_know_typed_picks_the_option_meaning_it() -> None:
    """Walk F: "не знаю" at "Which delivery?" was refused although the button reads "Другую или
    не знаю"."""
    from advisor.questionnaire import questions as q
    from handlers.conversation.typed import typed_option

    ru, en = get_translator("ru"), get_translator("en")
    assert typed_option(q.SHIPPING_METHOD, "не знаю", ru) == "unknown"
    assert typed_option(q.SHIPPING_METHOD, "not sure", en) == "unknown"
    assert typed_option(q.RECEIVED, "не знаю", ru) is None  # no such option: not guessed


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_i_dont_know_where_the_buttons_must_answer_says_to_pick_the_closest(
    bot: BotHarness, lang: str
) -> None:
    """Walk F: "не знаю" and "а где это смотреть?" at the tracking question got a bare "choose a
    button"; now the first is told why one is needed and both see where to look."""
    from advisor.questionnaire import questions as q

    tr = get_translator(lang)
    await walk(bot, 254, lang, ["/new", "q:received:c:no", "не знаю" if lang == "ru" else "idk"])
    shown = html.unescape(bot.last().text)
    closest = (
        "I need one of these answers to advise you: if you are not sure, choose the one that"
        " fits best."
    )
    assert tr.gettext(closest) in shown
    assert tr.gettext(q.DELIVERY_STATUS.hint or "") in shown
    await walk(bot, 254, lang, ["а где это смотреть?"])
    shown = html.unescape(bot.last().text)
    assert tr.gettext("Please choose one of the buttons below.") in shown
    assert tr.gettext(q.DELIVERY_STATUS.hint or "") in shown
    stored = await conversation_of(bot, 254)
    assert stored is not None and stored.state["history"] == ["received"], "nothing answered"


async def test_the_evidence_buttons_say_none_until_one_is_ticked(bot: BotHarness) -> None:
    """Walk F: "I have none" had to be guessed as Done with nothing ticked."""
    await put_state(bot, 255, "ru", [*NO_TRACKING, "s", "c:no", "s", "c:no_reply"])
    await bot.send_text(255, "?", "ru")  # the question shown again
    labels = {b["callback_data"]: b["text"] for b in bot.last().buttons}
    assert labels["q:evidence:done"] == "Готово: ничего из этого ➡️"
    await walk(bot, 255, "ru", ["q:evidence:t:tracking_screenshot"])
    labels = {b["callback_data"]: b["text"] for b in bot.last().buttons}
    assert labels["q:evidence:done"] == "Готово ➡️"
    await walk(bot, 255, "ru", ["q:evidence:t:tracking_screenshot", "ничего из этого"])
    stored = await conversation_of(bot, 255)
    assert stored is not None and stored.state["history"][-1] == "evidence"
    assert stored.state["answers"]["evidence"] == []


@pytest.mark.parametrize("command", ["/help", "/settings", "/orders", "m:menu", "m:help"])
async def test_screens_opened_mid_questionnaire_offer_the_way_back(
    bot: BotHarness, command: str
) -> None:
    """Walk C: /help, /settings and /orders in the middle of a questionnaire kept the answers
    but showed no way back to them (only /language did)."""
    await put_state(bot, 256, "en", NO_TRACKING)
    await walk(bot, 256, "en", [command])
    assert bot.last().button_data()[0] == "q:resume"
    await walk(bot, 256, "en", ["q:resume"])
    stored = await conversation_of(bot, 256)
    assert stored is not None and stored.state["history"] == [
        "received",
        "delivery_status",
        "dispute_stage",
    ]
    assert (
        question_id(bot.last())
        == current_question(FlowState.model_validate(stored.state), today()).id
    )  # type: ignore[union-attr]


async def test_no_way_back_offered_without_answers_to_go_back_to(bot: BotHarness) -> None:
    await walk(bot, 257, "en", ["/start", "/help"])
    assert "q:resume" not in bot.last().button_data()


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_photo_whose_caption_answers_the_question_is_taken_as_the_answer(
    bot: BotHarness, lang: str
) -> None:
    """A screenshot with the answer typed under it: the caption was ignored, and the buyer told
    only not to send photos (a known issue until now)."""
    await put_state(bot, 230, lang, NO_TRANSIT)  # at "When did the seller ship it?"
    stored = await conversation_of(bot, 230)
    assert stored is not None
    await bot.process(bot.message(230, lang, caption="5 days ago", **WRONG_TYPES["photo"]))
    after = await conversation_of(bot, 230)
    assert after is not None and len(after.state["history"]) == len(stored.state["history"]) + 1
    # A caption that answers nothing: the photo's own notice, nothing answered.
    await bot.process(bot.message(230, lang, caption="look at this", **WRONG_TYPES["photo"]))
    again = await conversation_of(bot, 230)
    assert again is not None and again.state["history"] == after.state["history"]
    tr = get_translator(lang)
    photo_notice = tr.gettext(
        "No need to send me photos or videos: attach them to the dispute on AliExpress. "
        "Now please answer the question below."
    )
    assert photo_notice in plain(bot.last().text)
    # At a free-text question any words would answer: a caption is not taken there.
    at_details = ["c:no", "c:no_tracking", "c:none", "s", "c:no", "20 days", "c:no_reply", "m"]
    details = await put_state(bot, 231, lang, [*at_details, "s", "s", "s", "s"])
    await bot.process(bot.message(231, lang, caption="look at this", **WRONG_TYPES["photo"]))
    assert photo_notice in plain(bot.last().text)
    assert question_id(bot.last()) == "details"
    stored = await conversation_of(bot, 231)
    assert stored is not None and stored.state["history"] == details.history


FORWARD = {"type": "user", "date": 1, "sender_user": {"id": 9, "is_bot": False, "first_name": "S"}}
TO_ITEM = ["c:no", "c:no_tracking", "c:none", "s", "c:no", "20 days", "c:no_reply", "m", "s"]


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_forwarded_message_is_not_taken_as_the_buyers_own_words(
    bot: BotHarness, lang: str
) -> None:
    """Walk BE: the seller's chat line forwarded at "What did you order?" became the item of
    the dispute text, with no word."""
    await put_state(bot, 249, lang, TO_ITEM)
    seller = "Dear friend, please close the dispute and I will send you 5 USD by PayPal"
    await bot.process(bot.message(249, lang, text=seller, forward_origin=FORWARD))
    tr = get_translator(lang)
    forwarded = "That is a forwarded message: please type your own answer to the question below."
    assert tr.gettext(forwarded) in plain(bot.last().text)
    assert question_id(bot.last()) == "item"
    stored = await conversation_of(bot, 249)
    assert stored is not None and "item" not in stored.state["answers"]


async def test_a_forwarded_number_answers_the_question_asking_it(bot: BotHarness) -> None:
    """The tracking number the seller sent, forwarded at the tracking question: read."""
    await put_state(bot, 250, "en", [*TO_ITEM, "s", "s"])
    await bot.process(bot.message(250, "en", text="RB123456785GB", forward_origin=FORWARD))
    stored = await conversation_of(bot, 250)
    assert stored is not None and stored.state["answers"]["tracking_number"] == "RB123456785GB"


async def test_a_forwarded_date_is_not_read_from_today(bot: BotHarness) -> None:
    """Walk BG: a countdown forwarded five days after it was written was read from now, and
    every reminder came five days late."""
    await put_state(bot, 251, "en", ["c:no", "c:in_transit", "c:none"])
    assert (await conversation_of(bot, 251)) is not None
    await bot.process(bot.message(251, "en", text="5 days ago", forward_origin=FORWARD))
    assert get_translator("en").gettext(FORWARDED_WHEN) in plain(bot.last().text)
    stored = await conversation_of(bot, 251)
    assert stored is not None and "shipped_on" not in stored.state["answers"]


async def test_the_buyers_own_forwarded_words_are_theirs(bot: BotHarness) -> None:
    """Review BH: the buyer's own message forwarded back was refused as someone else's."""
    await put_state(bot, 252, "en", TO_ITEM)
    own = {**FORWARD, "sender_user": {"id": 252, "is_bot": False, "first_name": "U"}}
    await bot.process(bot.message(252, "en", text="A blue phone case", forward_origin=own))
    stored = await conversation_of(bot, 252)
    assert stored is not None and stored.state["answers"]["item"] == "A blue phone case"


async def test_a_forwarded_word_at_a_button_question_is_read_as_typed(bot: BotHarness) -> None:
    """Review BH, walk BG: "please type your own answer" where a button is the answer."""
    await put_state(bot, 253, "en", [])
    await bot.process(bot.message(253, "en", text="No", forward_origin=FORWARD))
    stored = await conversation_of(bot, 253)
    assert stored is not None and stored.state["answers"].get("received") == "no"


async def test_a_forwarded_yesterday_at_a_day_button_question_is_refused(bot: BotHarness) -> None:
    """Walk BK, review BL: a forwarded "Yesterday", written three days before, was taken as
    the "Yesterday" button at "When was the dispute opened?"."""
    await put_state(bot, 254, "en", ["c:no", "c:in_transit", "c:open"])
    await bot.process(bot.message(254, "en", text="Yesterday", forward_origin=FORWARD))
    assert get_translator("en").gettext(FORWARDED_WHEN) in plain(bot.last().text)
    assert question_id(bot.last()) == "opened_when"
    stored = await conversation_of(bot, 254)
    assert stored is not None and "opened_when" not in stored.state["answers"]


async def test_the_buyers_own_forwarded_yesterday_is_refused_too(bot: BotHarness) -> None:
    """Their own "Yesterday", forwarded days later, is no more yesterday than anyone's."""
    await put_state(bot, 255, "en", ["c:no", "c:in_transit", "c:open"])
    own = {**FORWARD, "sender_user": {"id": 255, "is_bot": False, "first_name": "U"}}
    await bot.process(bot.message(255, "en", text="Yesterday", forward_origin=own))
    assert get_translator("en").gettext(FORWARDED_WHEN) in plain(bot.last().text)


@pytest.mark.parametrize(("lang", "typed"), [("ru", "через 5 дней"), ("en", "in 5 days")])
async def test_a_protection_end_before_the_first_day_to_open_is_read_back_with_a_word_to_check(
    bot: BotHarness, lang: str, typed: str
) -> None:
    # Walk CH: shipped yesterday, protection "ends in 5 days": taken silently, the advice was
    # to wait until a first day to open after the end. Now the screen says to check the dates.
    shipped = today() - dt.timedelta(days=1)
    await put_state(bot, 234, lang, [*NO_TRANSIT, shipped.isoformat(), "c:no"])
    await bot.send_text(234, typed, lang)
    end = today() + dt.timedelta(days=5)
    tr = get_translator(lang)
    dates = {"date": tr.format_date(end), "first": tr.format_date(shipped + dt.timedelta(days=10))}
    # Taken (the advice follows, with the end among its deadlines), "back" to retype it.
    card = bot.last()
    assert fill(tr.gettext(PROTECTION_BEFORE_FIRST_OPEN), dates) in plain(card.text)
    assert tr.gettext("Buyer Protection ends") in plain(card.text)
    assert "a:back" in card.button_data()


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(
    ("path", "limit"),
    [([*TO_PRICE, "s"], "120"), ([*TO_PRICE, "s", "s", "s", "s"], "500")],
    ids=["item", "details"],
)
async def test_a_free_text_far_too_long_is_refused_naming_its_own_limit(
    bot: BotHarness, lang: str, path: list[str], limit: str
) -> None:
    # Walk CK: 1,440 characters were told "at most 1,000", then "at most 120" once shortened.
    state = await put_state(bot, 235, lang, path)
    await bot.send_text(235, "слово " * 240, lang)
    refusal = fill(get_translator(lang).gettext(NOTE_TOO_LONG), {"limit": limit})
    assert refusal in plain(bot.last().text)
    assert answers_part((await conversation_of(bot, 235)).state) == answers_part(state)  # type: ignore[union-attr]


@pytest.mark.parametrize(("lang", "typed"), [("en", "about 25 dollars"), ("ru", "около 2500 р")])
async def test_an_estimated_price_is_read_back_with_a_word_to_check_it(
    bot: BotHarness, lang: str, typed: str
) -> None:
    # Walk CI: "about 25 dollars" was noted as $25.00 without a word, and a full refund of
    # $25.00 asked for a $24.99 order.
    await put_state(bot, 236, lang, TO_PRICE)
    await bot.send_text(236, typed, lang)
    tr = get_translator(lang)
    text = plain(bot.last().text)
    assert text.startswith("💰 "), text
    assert tr.gettext(MONEY_ESTIMATE) in text.split("\n")[1]
    assert question_id(bot.last()) == "item"


@pytest.mark.parametrize(("lang", "word"), [("ru", "Отмена"), ("en", "cancel")])
async def test_cancel_typed_asks_to_stop_as_the_button_does(
    bot: BotHarness, lang: str, word: str
) -> None:
    # Walk CJ: "отмена" typed at the shipping date got "could not read this date".
    state = await put_state(bot, 237, lang, NO_TRANSIT)
    await bot.send_text(237, word, lang)
    assert any(data.endswith(":xx") for data in bot.last().button_data())
    stored = await conversation_of(bot, 237)
    assert stored is not None and stored.state["cancel_asked"]
    assert stored.state["answers"] == answers_part(state)["answers"]


@pytest.mark.parametrize(("lang", "word"), [("ru", "назад"), ("en", "Back")])
async def test_back_typed_goes_back_as_the_button_does(
    bot: BotHarness, lang: str, word: str
) -> None:
    await put_state(bot, 238, lang, [*NO_TRANSIT, "3 days ago"])
    assert current_question(engine_state([*NO_TRANSIT, "3 days ago"]), today()).id != "shipped_on"
    await bot.send_text(238, word, lang)
    assert question_id(bot.last()) == "shipped_on"
    stored = await conversation_of(bot, 238)
    assert stored is not None and "shipped_on" not in stored.state["answers"]


async def test_a_new_answer_read_back_stands_apart_from_the_earlier_answer_below(
    bot: BotHarness,
) -> None:
    # Walk CJ: "📅 Noted: …" and "↩️ Your answer was: …" ran together on one block.
    await put_state(bot, 239, "en", [*NO_TRANSIT, "3 days ago", "c:no"])
    await walk(bot, 239, "en", ["q:protection_end:back", "q:receipt_confirmed:back"])
    assert question_id(bot.last()) == "shipped_on"
    await bot.send_text(239, "5 days ago", "en")
    assert question_id(bot.last()) == "receipt_confirmed"
    noted, _blank, earlier = plain(bot.last().text).split("\n")[:3]
    assert noted.startswith("📅 Noted:") and _blank == ""
    assert earlier.startswith("↩️ Your answer was:")


@pytest.mark.parametrize("typed", ["about 8 $", "около 8 $"])
def test_an_estimated_return_postage_is_taken_without_sending_to_the_order_page(
    typed: str,
) -> None:
    """Walks A and B: "check it on the order page" for a postage the order page does not show;
    a price still gets the word (test above)."""
    at_return_cost = engine_state([*DAMAGED, "c:yes", "m", "40 $"])
    question = current_question(at_return_cost, today())
    assert question is not None and question.id == "return_cost"
    _state, parsed = answer_text(at_return_cost, typed, today())
    assert parsed.ok and parsed.warning is None


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_an_offer_outside_aliexpress_before_a_dispute_is_warned_of(
    bot: BotHarness, lang: str
) -> None:
    """Walk of 2026-12-03: "When did you open the dispute?" had no answer for a PayPal offer
    made in the order chat before any dispute."""
    from handlers.conversation.answers import OFFPLATFORM_BEFORE_DISPUTE

    await put_state(bot, 990, lang, ["c:yes", "c:damaged", "c:seller_offplatform_offer"])
    await walk(bot, 990, lang, ["q:opened_when:c:not_opened"])
    screen = bot.last()
    assert question_id(screen) == "receipt_confirmed"
    assert get_translator(lang).gettext(OFFPLATFORM_BEFORE_DISPUTE) in plain(screen.text)


@pytest.mark.parametrize(
    ("lang", "typed", "code"),
    [
        ("en", "the case is cracked, it came broken", "damaged"),
        ("en", "broken", "damaged"),
        ("en", "it doesnt work", "not_working"),
        ("ru", "не включается", "not_working"),
        ("ru", "подделка", "counterfeit"),
        ("ru", "пришла пустая коробка", "empty_package"),
    ],
)
async def test_a_problem_described_in_a_few_words_is_taken_and_read_back(
    bot: BotHarness, lang: str, typed: str, code: str
) -> None:
    """Walk of 2026-12-03: "the case is cracked, it came broken" and "broken" got "choose one
    of the buttons", with a hint about something else."""
    from advisor.questionnaire.questions import PROBLEM

    state = await put_state(bot, 216, lang, ["c:yes"])
    assert state is not None and current_question(state, today()).id == "problem"  # type: ignore[union-attr]
    await walk(bot, 216, lang, [typed])
    stored = await conversation_of(bot, 216)
    assert stored is not None and stored.state["answers"]["problem"] == code
    tr = get_translator(lang)
    label = tr.gettext(next(o.label for o in PROBLEM.options if o.code == code))
    noted = tr.gettext("Noted: %(answer)s. If that is not it, press “⬅️ Back”.")
    assert noted % {"answer": label} in plain(bot.last().text)


@pytest.mark.parametrize(
    "typed",
    [
        "it is broken and does not work",  # two problems: the buttons choose
        "the seller sent me something different and the box was broken too, what now",
    ],
)
async def test_a_problem_text_naming_several_or_telling_a_story_is_not_taken(
    bot: BotHarness, typed: str
) -> None:
    await put_state(bot, 217, "en", ["c:yes"])
    await walk(bot, 217, "en", [typed])
    assert question_id(bot.last()) == "problem"
    stored = await conversation_of(bot, 217)
    assert stored is not None and "problem" not in stored.state["answers"]


@pytest.mark.parametrize(
    ("typed", "code"),
    [("не включается", "yes"), ("не тот цвет", "yes"), ("не пришла", "no"), ("нет", "no")],
)
async def test_a_problem_typed_at_have_you_received_it_means_it_came(
    bot: BotHarness, typed: str, code: str
) -> None:
    """Second walk of 2026-12-03: "не включается" at "Посылка пришла?" was taken as "Нет, не
    пришла" for its "не", unsaid, down the branch of a parcel that never came."""
    from advisor.questionnaire.questions import RECEIVED

    await walk(bot, 218, "ru", ["/new", typed])
    stored = await conversation_of(bot, 218)
    assert stored is not None and stored.state["answers"]["received"] == code
    tr = get_translator("ru")
    label = tr.gettext(next(o.label for o in RECEIVED.options if o.code == code))
    noted = tr.gettext("Noted: %(answer)s. If that is not it, press “⬅️ Back”.")
    assert noted % {"answer": label} in plain(bot.last().text)


async def test_another_no_at_have_you_received_it_is_left_to_the_buttons(bot: BotHarness) -> None:
    await walk(bot, 219, "ru", ["/new", "не тот размер"])
    assert question_id(bot.last()) == "received"
    stored = await conversation_of(bot, 219)
    assert stored is not None and "received" not in stored.state["answers"]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("wrong colour", "not_as_described"),
        ("маломерит", "not_as_described"),
        ("got 3 of 5", "short_quantity"),
        ("пришло меньше штук", "short_quantity"),
        ("missing charger", "missing_parts"),
    ],
)
def test_more_problems_typed_in_a_few_words_are_named(typed: str, code: str) -> None:
    from advisor.questionnaire.questions import PROBLEM
    from handlers.conversation.typed import typed_option

    assert typed_option(PROBLEM, typed, get_translator("en")) == code
