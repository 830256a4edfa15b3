"""Save on the unsaved advice card when the same AliExpress order number is saved already (walk
C: saved twice in silence, one order got two cards and two sets of reminders)."""

from __future__ import annotations

from advisor.questionnaire import start
from handlers.conversation.card_screen import FLOW_ADVICE, advice_state
from handlers.order_store import set_archived
from storage import conversations, orders, users
from tests.conversation.support import conversation_of, plain
from tests.orders.support import known_user, received_situation, save
from tests.support.harness import BotHarness

NUMBER = "8123456789012345"
CARD_MESSAGE = 7001


async def _card_of_the_same_order(bot: BotHarness, user_id: int, lang: str) -> None:
    """A user in `lang` (time zone chosen) with the order saved, and a new advice card for an
    order with the same number on screen."""
    user = await known_user(bot, user_id, lang)
    await users.set_timezone(bot.runtime.db, user_id, "Europe/Moscow")
    await save(bot, user, item="Wireless earbuds")
    situation = received_situation(bot, item="Earbuds again", problem="damaged")
    state = advice_state(situation, start())
    await conversations.save(bot.runtime.db, user_id, FLOW_ADVICE, state, message_id=CARD_MESSAGE)


async def _press(bot: BotHarness, user_id: int, data: str, lang: str = "en") -> None:
    await bot.press(user_id, data, lang, message_id=CARD_MESSAGE)


async def test_save_of_a_number_saved_before_asks_instead_of_saving_twice(
    bot: BotHarness,
) -> None:
    await _card_of_the_same_order(bot, 1501, "en")
    await _press(bot, 1501, "a:save")
    screen = bot.last()
    assert f"You already saved order {NUMBER}" in plain(screen.text)
    assert "Wireless earbuds" in plain(screen.text)
    saved = await orders.list_for_user(bot.runtime.db, 1501)
    assert len(saved) == 1, "nothing saved yet"
    order_id = saved[0].id
    expected = [f"a:upd:{order_id}", f"a:open:{order_id}", "a:save:again", "a:show"]
    assert screen.button_data() == expected
    kept = await conversation_of(bot, 1501)
    assert kept is not None and kept.flow == FLOW_ADVICE, "the advice is kept"

    await _press(bot, 1501, "a:show")
    assert "a:save" in bot.last().button_data(), "back to the card"

    await _press(bot, 1501, "a:save")
    await _press(bot, 1501, "a:save:again")
    assert len(await orders.list_for_user(bot.runtime.db, 1501)) == 2, "saved as asked"
    assert await conversation_of(bot, 1501) is None


async def test_open_the_saved_order_shows_its_card_and_drops_the_new_advice(
    bot: BotHarness,
) -> None:
    """Walk E: the unsaved advice kept after opening the saved order stood in the way (/start
    offered it, a correction of the saved order asked to drop it first)."""
    await _card_of_the_same_order(bot, 1502, "en")
    await _press(bot, 1502, "a:save")
    saved = (await orders.list_for_user(bot.runtime.db, 1502))[0]
    await _press(bot, 1502, f"a:open:{saved.id}")
    card = bot.last()
    assert card.method == "editMessageText" and "Wireless earbuds" in plain(card.text)
    assert any(data.startswith("o:") for data in card.button_data()), "the order's own card"
    assert await conversation_of(bot, 1502) is None
    await bot.send_text(1502, "/new", "en")
    assert "a:show" not in bot.last().button_data(), "no unsaved advice offered"
    assert len(await orders.list_for_user(bot.runtime.db, 1502)) == 1


async def test_update_the_saved_order_gives_it_the_new_answers_with_undo(bot: BotHarness) -> None:
    await _card_of_the_same_order(bot, 1506, "en")
    await _press(bot, 1506, "a:save")
    saved = (await orders.list_for_user(bot.runtime.db, 1506))[0]
    await _press(bot, 1506, f"a:upd:{saved.id}")
    assert bot.answered_callbacks()[-1].params.get("text") == (
        "The saved order now has your new answers."
    )
    stored = await orders.get_for_user(bot.runtime.db, saved.id, 1506)
    assert stored is not None and stored.situation["problem"] == "damaged"
    assert stored.situation["item"] == "Earbuds again"
    card = bot.last()
    undo = [data for data in card.button_data() if data.startswith(f"o:{saved.id}:und")]
    assert undo, card.button_data()
    assert await conversation_of(bot, 1506) is None
    assert len(await orders.list_for_user(bot.runtime.db, 1506)) == 1
    await bot.press(1506, undo[0], "en", message_id=CARD_MESSAGE)
    restored = await orders.get_for_user(bot.runtime.db, saved.id, 1506)
    assert restored is not None and restored.situation["problem"] == "not_working"


async def test_an_archived_order_with_the_number_is_named_as_archived_in_russian(
    bot: BotHarness,
) -> None:
    await _card_of_the_same_order(bot, 1503, "ru")
    user = await users.get(bot.runtime.db, 1503)
    assert user is not None
    saved = (await orders.list_for_user(bot.runtime.db, 1503))[0]
    await set_archived(bot.runtime, user, saved.id)
    await _press(bot, 1503, "a:save", "ru")
    text = plain(bot.last().text)
    assert f"Заказ {NUMBER} уже сохранён" in text and "в архиве" in text


async def test_an_order_gone_since_or_not_the_users_is_not_opened(bot: BotHarness) -> None:
    """A forged or stale "open" (another user's order, or one deleted since) shows the advice
    again, with a note, and opens nothing."""
    await _card_of_the_same_order(bot, 1504, "en")
    other = await known_user(bot, 1505, "en")
    theirs = await save(bot, other)
    await _press(bot, 1504, f"a:upd:{theirs.order.id}")
    assert bot.answered_callbacks()[-1].params.get("text") == "That order is no longer saved."
    untouched = await orders.get_for_user(bot.runtime.db, theirs.order.id, 1505)
    assert untouched is not None and untouched.situation["item"] == "Wireless earbuds"
    await _press(bot, 1504, f"a:open:{theirs.order.id}")
    assert bot.answered_callbacks()[-1].params.get("text") == "That order is no longer saved."
    assert "a:save" in bot.last().button_data(), "the advice card again"
    assert "Wireless earbuds" not in plain(bot.last().text)
    # Malformed data is a forged button, answered as such, nothing changed.
    for forged in ("a:open:x", "a:save:twice", "a:open:" + "9" * 30, "a:upd:", "a:upd:1:2"):
        await _press(bot, 1504, forged)
    assert len(await orders.list_for_user(bot.runtime.db, 1504)) == 1
    kept = await conversation_of(bot, 1504)
    assert kept is not None and kept.flow == FLOW_ADVICE
