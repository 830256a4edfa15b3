"""Inline mode offers only the asking user's texts; long texts are split; copy/share buttons."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from advisor.models import Dispute, Stage
from handlers.order_store import update_order
from handlers.texts_view import (
    COPY_TEXT_LIMIT,
    card_digest,
    chunks,
    share_query,
    text_keyboard,
)
from locales import get_translator
from storage import orders, texts
from tests.conversation.support import put_state, walk
from tests.orders.support import known_user, save, today
from tests.support.harness import BotHarness


def _inline_query(user_id: int, query: str, lang: str = "en") -> dict[str, Any]:
    return {
        "inline_query": {
            "id": f"iq{user_id}{int(time.time() * 1000)}",
            "from": BotHarness.user(user_id, lang),
            "query": query,
            "offset": "",
        }
    }


def _answer(bot: BotHarness) -> dict[str, Any]:
    calls = [c for c in bot.request.calls if c.method == "answerInlineQuery"]
    assert calls, "the inline query was not answered"
    return calls[-1].params


def _results(params: dict[str, Any]) -> list[dict[str, Any]]:
    results = params["results"]
    return json.loads(results) if isinstance(results, str) else list(results)


async def _known_user_with_texts(bot: BotHarness, user_id: int, body: str) -> None:
    await bot.send_text(user_id, "/start", "en")
    await texts.save(
        bot.runtime.db,
        user_id,
        {"dispute": {"en": body, "ru": body + " (ru)"}, "appeal": {"en": "Appeal " + body}},
    )


async def test_inline_mode_returns_only_the_asking_users_texts(bot: BotHarness) -> None:
    await _known_user_with_texts(bot, 400, "Alice's dispute")
    await _known_user_with_texts(bot, 401, "Bob's dispute")
    await bot.process(_inline_query(400, ""))
    params = _answer(bot)
    results = _results(params)
    bodies = [r["input_message_content"]["message_text"] for r in results]
    assert sorted(bodies) == sorted(
        ["Alice's dispute", "Alice's dispute (ru)", "Appeal Alice's dispute"]
    )
    assert params["is_personal"] is True and params["cache_time"] == 0
    assert all(len(r["id"].encode()) <= 64 for r in results) and len(results) <= 50
    assert len({r["id"] for r in results}) == len(results)


async def test_inline_query_naming_a_kind_narrows_the_results(bot: BotHarness) -> None:
    await _known_user_with_texts(bot, 402, "Carol")
    await bot.process(_inline_query(402, "appeal"))
    results = _results(_answer(bot))
    assert [r["input_message_content"]["message_text"] for r in results] == ["Appeal Carol"]


async def test_the_share_buttons_kind_query_is_not_matched_in_other_texts_words(
    bot: BotHarness,
) -> None:
    # Share under a dispute text types "dispute"; a message to the seller mentions a dispute.
    await bot.send_text(406, "/start", "en")
    seller = "Please extend protection, or I will have to open a dispute."
    dispute = "Order 8123456789012345: the parcel never came."
    await texts.save(
        bot.runtime.db, 406, {"seller_message": {"en": seller}, "dispute": {"en": dispute}}
    )
    await bot.process(_inline_query(406, "dispute"))
    bodies = [r["input_message_content"]["message_text"] for r in _results(_answer(bot))]
    assert bodies == [dispute]
    await bot.process(_inline_query(406, "extend protection"))  # words of a text: still found
    bodies = [r["input_message_content"]["message_text"] for r in _results(_answer(bot))]
    assert bodies == [seller]
    # A short word that begins title words ("en" of "English") names no kind: bodies searched.
    await bot.process(_inline_query(406, "never came en"))
    bodies = [r["input_message_content"]["message_text"] for r in _results(_answer(bot))]
    assert bodies == []
    await bot.process(_inline_query(406, "never"))
    bodies = [r["input_message_content"]["message_text"] for r in _results(_answer(bot))]
    assert bodies == [dispute]


async def test_inline_query_in_the_users_language_or_from_the_text_narrows_too(
    bot: BotHarness,
) -> None:
    await _known_user_with_texts(bot, 405, "Order 8123456789012345")
    await bot.process(_inline_query(405, "спор", "ru"))  # "dispute", in Russian
    bodies = [r["input_message_content"]["message_text"] for r in _results(_answer(bot))]
    assert sorted(bodies) == ["Order 8123456789012345", "Order 8123456789012345 (ru)"]
    await bot.process(_inline_query(405, "Appeal 81234", "en"))  # words of the text itself
    bodies = [r["input_message_content"]["message_text"] for r in _results(_answer(bot))]
    assert bodies == ["Appeal Order 8123456789012345"]
    await bot.process(_inline_query(405, "8123456789099999", "en"))  # another order's number
    answer = _answer(bot)
    assert _results(answer) == [] and answer["button"]["start_parameter"] == "new"


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_inline_mode_without_texts_offers_to_open_the_bot(bot: BotHarness, lang: str) -> None:
    await bot.process(_inline_query(403, "", lang))
    params = _answer(bot)
    assert _results(params) == []
    button = params["button"]
    button = json.loads(button) if isinstance(button, str) else button
    assert button["start_parameter"] == "new"
    assert button["text"] == get_translator(lang).gettext("Open the bot to create a text")


async def test_long_inline_text_is_cut_to_the_message_limit(bot: BotHarness) -> None:
    await _known_user_with_texts(bot, 404, "x" * 5000)
    await bot.process(_inline_query(404, "dispute"))
    results = _results(_answer(bot))
    assert results and all(len(r["input_message_content"]["message_text"]) <= 4096 for r in results)


def test_chunks_split_at_line_breaks_and_keep_everything() -> None:
    text = "\n".join(f"line {n} " + "w" * 50 for n in range(200))
    pieces = chunks(text, 1000)
    assert all(len(piece) <= 1000 for piece in pieces)
    assert "\n".join(pieces) == text
    assert chunks("short") == ["short"]
    long_line = "z" * 2500
    assert "".join(chunks(long_line, 1000)) == long_line


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_copy_button_only_within_the_copy_limit_and_share_opens_inline_mode(lang: str) -> None:
    tr = get_translator(lang)
    short = text_keyboard(tr, "a" * COPY_TEXT_LIMIT, "dispute")
    assert short is not None
    buttons = [b for row in short.inline_keyboard for b in row]
    assert buttons[0].copy_text is not None and buttons[0].copy_text.text == "a" * COPY_TEXT_LIMIT
    assert buttons[1].switch_inline_query == "dispute"
    long = text_keyboard(tr, "a" * (COPY_TEXT_LIMIT + 1), "dispute")
    assert long is not None
    assert [b.copy_text for row in long.inline_keyboard for b in row] == [None]
    assert text_keyboard(tr, "a" * 300, None) is None


def _last_share(bot: BotHarness) -> str:
    """What the last Share button the bot sent types after its name."""
    return [
        b["switch_inline_query"]
        for call in bot.request.sent("sendMessage")
        for b in call.buttons
        if "switch_inline_query" in b
    ][-1]


async def _inline_bodies(bot: BotHarness, user_id: int) -> list[str]:
    await bot.process(_inline_query(user_id, ""))
    return [r["input_message_content"]["message_text"] for r in _results(_answer(bot))]


@pytest.mark.parametrize("change", ["delete", "follow_up"])
async def test_an_orders_texts_leave_inline_mode_when_it_is_deleted_or_changes(
    bot: BotHarness, change: str
) -> None:
    user = await known_user(bot, 407, "en")
    view = await save(bot, user)
    order_id = view.order.id
    await bot.press(407, f"o:{order_id}:tdi", "en")  # the card's dispute text button
    assert any("Wireless earbuds" in body for body in await _inline_bodies(bot, 407))

    if change == "delete":
        await bot.press(407, f"o:{order_id}:del", "en")
        await bot.press(407, f"o:{order_id}:dly", "en")
    else:
        lost = view.situation.model_copy(
            update={"dispute": Dispute(stage=Stage.lost), "today": today(bot)}
        )
        await update_order(bot.runtime, user, order_id, lost, today(bot), undoable=True)
    assert await _inline_bodies(bot, 407) == []


async def test_texts_shown_on_the_unsaved_card_become_the_saved_orders(bot: BotHarness) -> None:
    user = await known_user(bot, 408, "en")
    await texts.save(bot.runtime.db, 408, {"dispute": {"en": "The card's text"}})
    view = await save(bot, user)
    assert (await texts.latest(bot.runtime.db, 408))[0].order_id == view.order.id
    async with bot.runtime.db.transaction() as conn:
        await orders.delete(conn, view.order.id)
    assert await texts.latest(bot.runtime.db, 408) == []


async def test_an_earlier_cards_texts_are_not_taken_by_the_order_saved_later(
    bot: BotHarness,
) -> None:
    # Card A's text shown, then a new card (Back, Start over) saved without pressing a text
    # button: A's text must not become the saved order's.
    no_tracking_to_details = ["c:no", "c:no_tracking", "c:none", "s", "c:no", "s", "c:no_reply"]
    await put_state(bot, 409, "en", [*no_tracking_to_details, "m", "s", "s", "s", "s"])
    await texts.save(bot.runtime.db, 409, {"dispute": {"en": "Card A's text"}})
    await walk(bot, 409, "en", ["q:details:skip"])
    assert "a:save" in bot.last().button_data(), "an advice card is on screen"
    await walk(bot, 409, "en", ["a:save"])
    saved = await orders.list_for_user(bot.runtime.db, 409)
    assert len(saved) == 1
    assert await texts.latest(bot.runtime.db, 409) == []


async def test_the_same_card_shown_again_keeps_its_texts_for_the_order(bot: BotHarness) -> None:
    no_tracking_to_details = ["c:no", "c:no_tracking", "c:none", "s", "c:no", "s", "c:no_reply"]
    await put_state(bot, 410, "en", [*no_tracking_to_details, "m", "s", "s", "s", "s"])
    await walk(bot, 410, "en", ["q:details:skip"])
    text_button = next(d for d in bot.last().button_data() if d.startswith("a:t"))
    await walk(bot, 410, "en", [text_button])
    assert await texts.latest(bot.runtime.db, 410)
    await bot.send_text(410, "hello", "en")  # the card is shown again, unchanged
    assert "a:save" in bot.last().button_data()
    assert await texts.latest(bot.runtime.db, 410), "the card's texts are kept"
    await walk(bot, 410, "en", ["a:save"])
    (order,) = await orders.list_for_user(bot.runtime.db, 410)
    assert {t.order_id for t in await texts.latest(bot.runtime.db, 410)} == {order.id}


async def test_share_under_an_older_orders_text_offers_that_orders_text(bot: BotHarness) -> None:
    """Two orders' texts shown one after the other: Share under the first still gets the first
    order's text (walk L: it offered the other order's, ready to paste into the wrong dispute);
    a plain query lists both, the latest order first."""
    user = await known_user(bot, 410, "en")
    first = await save(bot, user, item="Phone case")
    second = await save(bot, user, item="Bluetooth speaker")
    await bot.press(410, f"o:{first.order.id}:tdi", "en")
    share = _last_share(bot)
    assert share == f"dispute #{first.order.id}"
    await bot.press(410, f"o:{second.order.id}:tdi", "en")

    await bot.process(_inline_query(410, share))
    bodies = [r["input_message_content"]["message_text"] for r in _results(_answer(bot))]
    assert bodies and all("Phone case" in body for body in bodies)
    everything = await _inline_bodies(bot, 410)
    assert "Bluetooth speaker" in everything[0] and any("Phone case" in b for b in everything)
    titles = {r["title"] for r in _results(_answer(bot))}
    assert "Dispute text (English) · Phone case" in titles, "walk P: the title names the order"
    assert "Dispute text (English) · Bluetooth speaker" in titles
    # Shown again within the same second: the first order's texts are now the latest.
    await bot.press(410, f"o:{first.order.id}:tdi", "en")
    assert "Phone case" in (await _inline_bodies(bot, 410))[0]
    await bot.process(_inline_query(410, f"seller_message #{first.order.id}"))
    assert _results(_answer(bot)) == [], "that order has no message to the seller"
    await texts.save(
        bot.runtime.db, 410, {"seller_message": {"en": "Hello seller"}}, second.order.id
    )
    await bot.process(_inline_query(410, f"seller_message #{second.order.id}"))
    bodies = [r["input_message_content"]["message_text"] for r in _results(_answer(bot))]
    assert bodies == ["Hello seller"], "walk P: the Share query's kind has an underscore"
    for foreign in (f"dispute #{first.order.id + 100}", "dispute #x1", "dispute #²"):
        await bot.process(_inline_query(410, foreign))
        assert _results(_answer(bot)) == [], "no other order's text in its place"


async def test_share_under_the_unsaved_cards_text_offers_only_that_text(bot: BotHarness) -> None:
    """Share under a card not saved yet names the card; once the card is saved as an order,
    the same button still finds its text (and never another order's)."""
    user = await known_user(bot, 411, "en")
    saved = await save(bot, user, item="Phone case")
    await bot.press(411, f"o:{saved.order.id}:tdi", "en")
    unsaved = {"dispute": {"en": "Dispute unsaved speaker"}}
    card = card_digest(unsaved)
    await texts.save(bot.runtime.db, 411, unsaved, card=card)
    share = share_query("dispute", None, card)
    assert share == f"dispute #c{card}"
    for _round in ("unsaved", "saved"):
        await bot.process(_inline_query(411, share))
        bodies = [r["input_message_content"]["message_text"] for r in _results(_answer(bot))]
        assert bodies == ["Dispute unsaved speaker"], _round
        await save(bot, user, item="Speaker")  # claims the unsaved card's texts
    await bot.process(_inline_query(411, "dispute #c0000000000"))
    assert _results(_answer(bot)) == []


async def test_an_older_orders_text_is_found_among_many(bot: BotHarness) -> None:
    """More texts than one answer shows: the search runs over all of them, then cuts."""
    await bot.send_text(412, "/start", "en")
    for n in range(12):
        user = await known_user(bot, 412, "en")
        order = await save(bot, user, item=f"Gadget number{n}")
        await texts.save(
            bot.runtime.db,
            412,
            {kind: {"en": f"{kind} gadget{n}", "ru": f"{kind} ru{n}"} for kind in ("a", "b", "c")},
            order.order.id,
        )
    await bot.process(_inline_query(412, "gadget0"))
    bodies = [r["input_message_content"]["message_text"] for r in _results(_answer(bot))]
    assert bodies == ["a gadget0", "b gadget0", "c gadget0"]


async def test_share_of_an_order_whose_texts_changed_leads_to_my_orders(bot: BotHarness) -> None:
    """Walk P: an old Share button of a changed order offered to create a text (a new
    questionnaire); it leads to the order list now."""
    user = await known_user(bot, 413, "en")
    view = await save(bot, user)
    await bot.process(_inline_query(413, f"dispute #{view.order.id}"))
    answer = _answer(bot)
    assert _results(answer) == []
    button = answer["button"]
    button = json.loads(button) if isinstance(button, str) else button
    assert button["start_parameter"] == "orders"
    await bot.process(_inline_query(413, ""))  # no text shown since: the orders have them
    button = _answer(bot)["button"]
    button = json.loads(button) if isinstance(button, str) else button
    assert button["start_parameter"] == "orders"
    await bot.send_text(413, "/new", "en")  # a questionnaire in progress does not hold it up
    await bot.send_text(413, "/start orders", "en")
    assert f"o:{view.order.id}" in bot.last().button_data()


async def test_share_under_the_unsaved_card_finds_its_text_after_the_order_shows_it_again(
    bot: BotHarness,
) -> None:
    """Review U: saved, then the order card's own Dispute text button: the card's earlier Share
    found nothing (the rows were written again without the card's digest)."""
    path = ["c:no", "c:no_tracking", "c:none", "s", "c:no", "1 day", "m", "s", "s", "s", "s"]
    await put_state(bot, 414, "en", path)
    await walk(bot, 414, "en", ["q:details:skip", "a:t:dispute"])
    share = _last_share(bot)
    assert share.startswith("dispute #c")
    await walk(bot, 414, "en", ["a:save"])
    order_id = (await texts.latest(bot.runtime.db, 414))[0].order_id
    await bot.press(414, f"o:{order_id}:tdi", "en")
    await bot.process(_inline_query(414, share))
    assert _results(_answer(bot)), "the card's Share still finds its text"


async def test_share_under_a_dispute_text_of_an_order_lost_since_offers_no_other_text(
    bot: BotHarness,
) -> None:
    """Walk W: the order lost, its old dispute text's Share offered the English appeal (the
    word "dispute" is in its body) and not its Russian copy: neither is what was shared."""
    user = await known_user(bot, 414, "en")
    view = await save(bot, user)
    order_id = view.order.id
    await texts.save(
        bot.runtime.db,
        414,
        {"appeal": {"en": "I lost the dispute, please review", "ru": "Я проиграл спор"}},
        order_id,
    )
    await bot.process(_inline_query(414, f"dispute #{order_id}"))
    assert _results(_answer(bot)) == []
    await bot.process(_inline_query(414, f"appeal #{order_id}"))
    assert len(_results(_answer(bot))) == 2
