"""Back keeps what it takes: the answers it undid are offered again (walk AJ: fixing one answer
meant giving every later one anew)."""

from __future__ import annotations

import pytest

from advisor.questionnaire import (
    answer_choice,
    answer_text,
    back,
    current_question,
    earlier_answer,
    finish_multi,
    keep_all_earlier,
    keep_earlier,
    toggle_option,
)
from locales import get_translator
from tests.conversation.support import (
    conversation_of,
    engine_state,
    plain,
    put_state,
    question_id,
    today,
    walk,
)
from tests.support.harness import BotHarness

TO_PRICE = ["c:no", "c:no_tracking", "c:none", "s", "c:no", "s", "c:no_reply", "m"]
# Price, item and order number skipped, the tracking number typed: the details are asked next.
TO_DETAILS = [*TO_PRICE, "12 $", "s", "s", "RB123456785GB"]
# Received damaged, a return preferred, no evidence: the price, then the return postage.
TO_RETURN_PRICE = ["c:yes", "c:damaged", "c:none", "c:no", "s", "c:yes", "c:yes", "m"]


def _backs(state, count: int):  # type: ignore[no-untyped-def]
    for _ in range(count):
        state = back(state)
    return state


def test_back_then_keep_gives_each_later_answer_again() -> None:
    before = engine_state(TO_DETAILS)
    at_price = _backs(before, 4)
    assert current_question(at_price, today()).id == "price"
    assert earlier_answer(at_price, today()) == (["12.00", "USD"],)
    kept = keep_earlier(at_price, today())
    assert current_question(kept, today()).id == "item"
    assert earlier_answer(kept, today()) == (None,)  # a skip is kept as a skip
    everything, count = keep_all_earlier(at_price, today())
    assert count == 4
    assert everything.history == before.history and everything.answers == before.answers
    assert everything.earlier == {}
    assert earlier_answer(everything, today()) is None


def test_an_answer_given_anew_replaces_the_earlier_one() -> None:
    at_price = _backs(engine_state(TO_DETAILS), 4)
    fixed, parsed = answer_text(at_price, "15 $", today())
    assert parsed.ok and "price" not in fixed.earlier
    assert current_question(fixed, today()).id == "item"
    everything, count = keep_all_earlier(fixed, today())
    assert count == 3 and everything.answers["price"] == ["15.00", "USD"]
    assert everything.answers["tracking_number"] == "RB123456785GB"


def test_another_choice_forgets_the_storys_answers_and_keeps_the_orders_facts() -> None:
    """Review AP: back to "received?", "yes" instead of "no", then Keep all kept the missing
    parcel's note for the damaged item, unseen. The order's facts (the price, the numbers) stay
    to keep (walk of 2026-12-03: typed anew under "the answers after it stay")."""
    finished, parsed = answer_text(engine_state(TO_DETAILS), "The parcel never came", today())
    assert parsed.ok
    at_start = _backs(finished, len(TO_DETAILS) + 1)
    assert current_question(at_start, today()).id == "received"
    same = answer_choice(at_start, "no", today())
    assert earlier_answer(same, today()) == ("no_tracking",)  # the same way on: offered
    other = answer_choice(at_start, "yes", today())
    # Nor the seller contact: its answers mean other things by story (review of 2026-12-03).
    assert {"delivery_status", "evidence", "seller_contact"}.isdisjoint(other.earlier)
    # The note is shown to keep or rewrite, never kept unseen (walk of 2026-12-03: it went).
    assert other.earlier["details"] == "The parcel never came"
    assert other.earlier["price"] == ["12.00", "USD"]
    assert other.earlier["tracking_number"] == "RB123456785GB"


def test_another_tracking_status_keeps_the_dates_given_after_it() -> None:
    """Walk of 2026-12-03: "the tracking has not changed for long" instead of "on its way" asked
    the ship date and the protection end anew, with nothing to keep."""
    on_its_way = engine_state(["c:no", "c:in_transit", "c:none", "20 days ago", "c:no"])
    assert current_question(on_its_way, today()).id == "protection_end"
    ends, parsed = answer_text(on_its_way, "in 30 days", today())
    assert parsed.ok
    at_status = _backs(ends, 5)
    assert current_question(at_status, today()).id == "delivery_status"
    stuck = answer_choice(at_status, "not_updating", today())
    assert "shipped_on" in stuck.earlier and "protection_end" in stuck.earlier
    kept, count = keep_all_earlier(stuck, today())
    assert count == 4 and current_question(kept, today()).id == "tracking_last_change"
    for qid in ("dispute_stage", "shipped_on", "receipt_confirmed", "protection_end"):
        assert kept.answers[qid] == ends.answers[qid]


def test_other_ticks_keep_the_typed_answers_after_them() -> None:
    """Review AQ: a tick added at the evidence question dropped the typed price and numbers."""
    at_evidence = _backs(engine_state(TO_DETAILS), 5)
    assert current_question(at_evidence, today()).id == "evidence"
    ticked = toggle_option(at_evidence, "chat_screenshot", today())
    done = finish_multi(ticked, today())
    assert earlier_answer(done, today()) == (["12.00", "USD"],)
    everything, count = keep_all_earlier(done, today())
    assert count == 4 and everything.answers["tracking_number"] == "RB123456785GB"


def test_an_earlier_answer_that_no_longer_fits_is_not_offered() -> None:
    """The postage was in dollars; the price is now in euros, which the postage must share."""
    with_postage, parsed = answer_text(engine_state([*TO_RETURN_PRICE, "40 $"]), "5 $", today())
    assert parsed.ok
    at_price = _backs(with_postage, 2)
    assert current_question(at_price, today()).id == "price"
    in_euros, parsed = answer_text(at_price, "40 €", today())
    assert parsed.ok and current_question(in_euros, today()).id == "return_cost"
    assert earlier_answer(in_euros, today()) is None
    with pytest.raises(ValueError, match="no longer fits"):
        keep_earlier(in_euros, today())
    with pytest.raises(ValueError):
        keep_all_earlier(in_euros, today())


def test_a_quick_date_is_kept_as_the_option_that_gave_it() -> None:
    opened = engine_state(["c:no", "c:in_transit", "c:open", "c:today"])
    assert opened.answers["opened_when"] == today().isoformat()
    undone = back(opened)
    assert current_question(undone, today()).id == "opened_when"
    assert keep_earlier(undone, today()).answers == opened.answers


def test_a_multi_selection_is_kept_whole() -> None:
    ticked = engine_state([*TO_PRICE[:-1], "t:tracking_screenshot", "m"])
    at_price = current_question(ticked, today())
    assert at_price is not None and at_price.id == "price"
    # Two steps back: the evidence question's ticks are dropped with the Back past it.
    at_contact = _backs(ticked, 2)
    assert current_question(at_contact, today()).id == "seller_contact"
    again = answer_choice(at_contact, "no_reply", today())
    assert earlier_answer(again, today()) == (["tracking_screenshot"],)
    assert keep_earlier(again, today()).answers["evidence"] == ["tracking_screenshot"]


@pytest.mark.parametrize(
    ("lang", "shown", "keep_all", "kept"),
    [
        ("en", "↩️ Your answer was: $12.00.", "⏩ Keep all my earlier answers", "3 earlier answers"),
        ("ru", "↩️ Вы ответили: 12,00 $.", "⏩ Оставить все прежние ответы", "Оставлено 3 прежних"),
    ],
)
async def test_fixing_the_price_keeps_the_answers_after_it(
    bot: BotHarness, lang: str, shown: str, keep_all: str, kept: str
) -> None:
    await put_state(bot, 401, lang, TO_DETAILS)
    for asked in ("details", "tracking_number", "order_number", "item"):
        await walk(bot, 401, lang, [f"q:{asked}:back"])
    screen = bot.last()
    assert question_id(screen) == "price"
    assert plain(screen.text).replace("\xa0", " ").split("\n")[0] == shown
    labels = {b["callback_data"]: b["text"] for b in screen.buttons}
    tr = get_translator(lang)
    assert labels["q:price:keep"] == tr.gettext("↩️ Keep this answer")
    assert labels["q:price:keepall"] == keep_all

    await walk(bot, 401, lang, ["15 $"])  # the fix
    at_item = bot.last()
    assert question_id(at_item) == "item"
    # The item was skipped: Skip keeps that; nothing to name, so no "keep this answer".
    assert "q:item:keep" not in at_item.button_data()
    assert "q:item:keepall" in at_item.button_data()

    await walk(bot, 401, lang, ["q:item:keepall"])
    done = bot.last()
    assert question_id(done) == "details"
    assert kept in plain(done.text)
    conversation = await conversation_of(bot, 401)
    assert conversation is not None
    answers = conversation.state["answers"]
    assert answers["price"] == ["15.00", "USD"] and answers["tracking_number"] == "RB123456785GB"
    assert conversation.state["earlier"] == {}


async def test_keep_after_back_takes_the_answer_and_goes_on(bot: BotHarness) -> None:
    await put_state(bot, 402, "en", TO_DETAILS)
    await walk(bot, 402, "en", ["q:details:back", "q:tracking_number:keep"])
    assert question_id(bot.last()) == "details"
    conversation = await conversation_of(bot, 402)
    assert conversation is not None
    assert conversation.state["answers"]["tracking_number"] == "RB123456785GB"


@pytest.mark.parametrize("op", ["keep", "keepall"])
async def test_keep_without_an_earlier_answer_is_out_of_date(bot: BotHarness, op: str) -> None:
    before = await put_state(bot, 403, "en", TO_DETAILS)
    await walk(bot, 403, "en", [f"q:details:{op}"])
    assert bot.answered_callbacks(), "the press must be answered"
    assert "out of date" in plain(bot.last().text)
    conversation = await conversation_of(bot, 403)
    assert conversation is not None
    assert conversation.state["answers"] == before.answers


def test_a_kept_note_with_a_capital_t_is_checked_whole() -> None:
    """Review AP: a note holding a "T" was re-checked on its first 10 characters only, as if it
    were a protection end with its hour."""
    at_item = engine_state([*TO_PRICE, "12 $"])
    assert current_question(at_item, today()).id == "item"
    named, parsed = answer_text(at_item, "T-shirt, blue, size M", today())
    assert parsed.ok
    kept = keep_earlier(back(named), today())
    assert kept.answers["item"] == "T-shirt, blue, size M"


async def test_a_multi_question_reached_again_shows_its_earlier_ticks(bot: BotHarness) -> None:
    """Walk AR: reached again after an answer before it was given anew, the evidence boxes
    were empty under "Your answer was", and "Done: none of these" dropped the ticks."""
    ticked = [*TO_PRICE[:-1], "t:tracking_screenshot", "m"]
    await put_state(bot, 404, "en", ticked)
    await walk(bot, 404, "en", ["q:price:back", "q:evidence:back"])
    assert question_id(bot.last()) == "seller_contact"
    await walk(bot, 404, "en", ["q:seller_contact:c:no_reply"])
    screen = bot.last()
    assert question_id(screen) == "evidence"
    ticks = [b["callback_data"] for b in screen.buttons if b["text"].startswith("✅")]
    assert ticks == ["q:evidence:t:tracking_screenshot"]
    await walk(bot, 404, "en", ["q:evidence:done"])
    stored = await conversation_of(bot, 404)
    assert stored is not None and stored.state["answers"]["evidence"] == ["tracking_screenshot"]


def test_keep_all_stops_at_the_buyers_own_words() -> None:
    """Walk AR: "Only 6 of 10 came" kept, unseen, beside a count changed to none; the details
    are shown to keep or rewrite."""
    finished, parsed = answer_text(engine_state(TO_DETAILS), "The parcel never came", today())
    assert parsed.ok and current_question(finished, today()) is None
    at_price = _backs(finished, 5)
    assert current_question(at_price, today()).id == "price"
    kept, count = keep_all_earlier(at_price, today())
    assert count == 4 and current_question(kept, today()).id == "details"
    assert earlier_answer(kept, today()) == ("The parcel never came",)
    assert keep_earlier(kept, today()).answers == finished.answers


def test_keep_all_keeps_a_skipped_note_skipped() -> None:
    """Second walk of 2026-12-03: with the note skipped, Keep all stopped at it with "keep your
    note", though there was no note and no Keep button."""
    from advisor.questionnaire import skip

    finished = skip(engine_state(TO_DETAILS), today())
    assert current_question(finished, today()) is None
    at_price = _backs(finished, 5)
    kept, count = keep_all_earlier(at_price, today())
    assert count == 5 and current_question(kept, today()) is None
    assert kept.answers == finished.answers


def test_another_answer_to_a_choice_of_the_same_story_keeps_the_later_answers() -> None:
    """Walk CC: back to "would you rather send it back?", "yes" instead of "no": the price, item,
    order number and note were gone, to be typed again."""
    typed = [*TO_RETURN_PRICE[:6], "c:no", "m", "24.99 €", "glass teapot", "s", "Cracked."]
    before = engine_state(typed)
    at_return = _backs(before, 6)
    assert current_question(at_return, today()).id == "prefer_return"
    other = answer_choice(at_return, "yes", today())
    other = finish_multi(other, today())  # the evidence ticks, as they were
    assert earlier_answer(other, today()) == (["24.99", "EUR"],)
    everything, _count = keep_all_earlier(other, today())
    assert everything.answers["price"] == ["24.99", "EUR"]
    assert current_question(everything, today()).id == "return_cost"


def test_pieces_typed_as_a_part_of_the_order_offer_the_part_at_the_next_question() -> None:
    """Walk CF: "2 of 5" where the pieces ordered are asked stored 5, then asked how many came."""
    at_ordered = engine_state(["c:yes", "c:short_quantity", "c:none", "c:no", "s"])
    assert current_question(at_ordered, today()).id == "quantity_ordered"
    state, parsed = answer_text(at_ordered, "получила 2 из 5", today())
    assert parsed.ok and state.answers["quantity_ordered"] == 5
    assert current_question(state, today()).id == "quantity_received"
    assert earlier_answer(state, today()) == (2,)
    kept = keep_earlier(state, today())
    assert kept.answers["quantity_received"] == 2
    plain_five, _ = answer_text(at_ordered, "5", today())
    assert earlier_answer(plain_five, today()) is None


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_keep_all_says_why_it_stops_at_the_note(bot: BotHarness, lang: str) -> None:
    """Walks of 2026-12-03: "2 earlier answers kept" and the note asked again, with no word why,
    read as Keep all not working."""
    from handlers.conversation.answers import KEEP_ALL_STOPS_AT_NOTE
    from storage import conversations

    await bot.send_text(405, "/start", lang)
    noted = _backs(engine_state([*TO_DETAILS, "The box came crushed"]), 5)
    assert current_question(noted, today()).id == "price"
    dumped = noted.model_dump(mode="json")
    await conversations.save(bot.runtime.db, 405, "q", dumped, message_id=1)
    await walk(bot, 405, lang, ["15 $", "q:item:keepall"])
    screen = bot.last()
    assert question_id(screen) == "details"
    tr = get_translator(lang)
    assert tr.gettext(KEEP_ALL_STOPS_AT_NOTE) in plain(screen.text)
    assert "q:details:keep" in screen.button_data()
    # Where it stops at a question without an earlier answer, nothing is said of the note.
    await put_state(bot, 406, lang, TO_DETAILS)
    for asked in ("details", "tracking_number", "order_number", "item"):
        await walk(bot, 406, lang, [f"q:{asked}:back"])
    await walk(bot, 406, lang, ["15 $", "q:item:keepall"])
    assert tr.gettext(KEEP_ALL_STOPS_AT_NOTE) not in plain(bot.last().text)
