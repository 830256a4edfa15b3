"""The order card's "🕒 My time zone" (walk A): a user who never chose a zone sees on the card
when and in which zone reminders come, and chooses theirs there, back on the card after."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers.order_store import set_archived
from handlers.zone_choice import COMMON_ZONES
from locales import get_translator
from storage import conversations, users
from tests.orders.support import CYRILLIC, known_user, save
from tests.reminders.helpers import moscow, plan_at, rows, today
from tests.support.harness import BotHarness

LINE = "🕒 Reminders come at %(time)s, time zone: %(zone)s (not chosen yet)."


async def _zone(bot: BotHarness, user_id: int) -> str | None:
    user = await users.get(bot.runtime.db, user_id)
    assert user is not None
    return user.timezone


async def _card(bot: BotHarness, user_id: int, lang: str) -> int:
    """A saved order's card on screen for a user who never chose a zone; the order's id."""
    view = await save(bot, await known_user(bot, user_id, lang))
    await bot.press(user_id, f"o:{view.order.id}", lang=lang)
    return view.order.id


@pytest.mark.parametrize(("lang", "city"), [("ru", "Москва"), ("en", "Moscow")])
async def test_the_card_says_when_reminders_come_until_a_zone_is_chosen(
    bot: BotHarness, lang: str, city: str
) -> None:
    order_id = await _card(bot, 900, lang)
    card = bot.last()
    tr = get_translator(lang)
    line = tr.gettext(LINE.removesuffix(".") + ". Not yours? Tap “🕒 My time zone”.") % {
        "time": tr.format_time(dt.time(10)),
        "zone": city,
    }
    assert line in card.text
    assert f"zc:{order_id}" in card.button_data()
    assert tr.gettext("🕒 My time zone") in [button["text"] for button in card.buttons]

    await users.set_timezone(bot.runtime.db, 900, "Asia/Almaty")
    await bot.press(900, f"o:{order_id}", lang=lang)
    chosen = bot.last()
    assert "🕒" not in chosen.text
    assert f"zc:{order_id}" not in chosen.button_data()


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_zone_chosen_from_the_card_moves_the_reminders_and_brings_the_card_back(
    bot: BotHarness, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_at(monkeypatch, moscow(today(bot), 12))
    order_id = await _card(bot, 901, lang)
    before = sorted(reminder.due_at for reminder in await rows(bot, order_id, "pending"))
    assert before

    await bot.press(901, f"zc:{order_id}", lang=lang)
    choice = bot.last("editMessageText")
    assert bool(CYRILLIC.search(choice.text)) == (lang == "ru")
    assert "10:00" in choice.text
    data = choice.button_data()
    assert data[0] == f"zc:{order_id}:k" and data[-1] == f"zc:{order_id}:b"
    vladivostok = COMMON_ZONES.index("Asia/Vladivostok")
    assert f"zc:{order_id}:{vladivostok}" in data

    await bot.press(901, f"zc:{order_id}:{vladivostok}", lang=lang)
    assert await _zone(bot, 901) == "Asia/Vladivostok"
    city = "Владивосток" if lang == "ru" else "Vladivostok"
    assert city in bot.answered_callbacks()[-1].params["text"]
    card = bot.last("editMessageText")
    assert f"o:{order_id}:arc" in card.button_data(), "the card is back"
    assert f"zc:{order_id}" not in card.button_data() and "🕒" not in card.text
    after = sorted(reminder.due_at for reminder in await rows(bot, order_id, "pending"))
    # 10:00 in Vladivostok (UTC+10) is 7 hours before 10:00 in Moscow (UTC+3).
    assert [b - a for a, b in zip(after, before, strict=True)] == [7 * 3600] * len(before)
    assert await conversations.get(bot.runtime.db, 901) is None, "no zone awaited any more"


async def test_keeping_the_default_zone_makes_it_chosen(bot: BotHarness) -> None:
    order_id = await _card(bot, 902, "en")
    await bot.press(902, f"zc:{order_id}", lang="en")
    assert bot.last().buttons[0]["text"] == "✅ Keep Moscow"
    await bot.press(902, f"zc:{order_id}:k", lang="en")
    assert await _zone(bot, 902) == bot.runtime.default_timezone
    assert f"zc:{order_id}" not in bot.last().button_data() and "🕒" not in bot.last().text


async def test_back_returns_to_the_card_and_stops_waiting_for_a_city(bot: BotHarness) -> None:
    order_id = await _card(bot, 903, "en")
    await bot.press(903, f"zc:{order_id}", lang="en")
    await bot.press(903, f"zc:{order_id}:b", lang="en")
    assert f"zc:{order_id}" in bot.last().button_data(), "still not chosen: still offered"
    assert await conversations.get(bot.runtime.db, 903) is None
    await bot.send_text(903, "Chicago", lang="en")
    assert await _zone(bot, 903) is None


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_city_typed_at_the_card_choice_is_taken_and_the_card_comes_back(
    bot: BotHarness, lang: str
) -> None:
    order_id = await _card(bot, 904, lang)
    await bot.press(904, f"zc:{order_id}", lang=lang)
    bot.request.clear()
    await bot.send_text(904, "Chicago", lang=lang)
    assert await _zone(bot, 904) == "America/Chicago"
    # The choice becomes what came of it (walk C: it stayed a question without buttons), and
    # the card comes under the typed city.
    settled = bot.request.sent("editMessageText")[-1]
    assert ("Чикаго" if lang == "ru" else "Chicago") in settled.text
    assert not settled.button_data()
    [card] = bot.request.sent("sendMessage")
    assert f"o:{order_id}:arc" in card.button_data() and "🕒" not in card.text


async def test_a_typo_at_the_card_choice_suggests_the_zone_and_keeps_the_card_buttons(
    bot: BotHarness,
) -> None:
    order_id = await _card(bot, 905, "en")
    await bot.press(905, f"zc:{order_id}", lang="en")
    await bot.send_text(905, "Europe/Berln", lang="en")
    reply = bot.last()
    suggested = f"zc:{order_id}:n:Europe.Berlin"
    assert reply.button_data()[0] == suggested
    assert f"zc:{order_id}:b" in reply.button_data() and "s:back" not in reply.button_data()
    await bot.press(905, suggested, lang="en")
    assert await _zone(bot, 905) == "Europe/Berlin"
    assert f"o:{order_id}:arc" in bot.last().button_data()


async def test_a_questionnaire_in_progress_waits_while_the_zone_is_chosen(bot: BotHarness) -> None:
    order_id = await _card(bot, 906, "en")
    await bot.send_text(906, "/new", lang="en")
    before = await conversations.get(bot.runtime.db, 906)
    assert before is not None and before.flow == "q"
    await bot.press(906, f"zc:{order_id}", lang="en")
    await bot.send_text(906, "Denver", lang="en")
    assert await _zone(bot, 906) == "America/Denver"
    after = await conversations.get(bot.runtime.db, 906)
    assert after is not None and after.flow == "q" and after.state == before.state


async def test_an_archived_order_does_not_ask_for_the_zone(bot: BotHarness) -> None:
    user = await known_user(bot, 907, "en")
    view = await save(bot, user)
    await set_archived(bot.runtime, user, view.order.id, archived=True)
    await bot.press(907, f"o:{view.order.id}", lang="en")
    assert f"zc:{view.order.id}" not in bot.last().button_data() and "🕒" not in bot.last().text


@pytest.mark.parametrize(
    "suffix", [":99", ":-1", ":x", ":n:Nowhere.City", ":n", ":k:k", ":b:1", ":1:2:3"]
)
async def test_forged_card_zone_data_is_refused(bot: BotHarness, suffix: str) -> None:
    order_id = await _card(bot, 908, "en")
    await bot.press(908, f"zc:{order_id}{suffix}", lang="en")
    assert bot.answered_callbacks(), "every query is answered"
    assert "out of date" in bot.last().text
    assert await _zone(bot, 908) is None


async def test_another_users_order_is_not_shown_nor_its_zone_asked(bot: BotHarness) -> None:
    order_id = await _card(bot, 909, "en")
    await known_user(bot, 910, "en")
    await bot.press(910, f"zc:{order_id}", lang="en")
    await bot.press(910, f"zc:{order_id}:k", lang="en")
    assert "out of date" in bot.last().text
    assert await _zone(bot, 910) is None
    assert await conversations.get(bot.runtime.db, 910) is None
