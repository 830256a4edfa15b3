"""/start, /help, /language, /cancel and stale buttons through the real Application."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.harness import BotHarness, make_settings

CYRILLIC = re.compile("[а-яА-ЯёЁ]")


async def test_start_answers_in_russian_for_ru(bot: BotHarness) -> None:
    await bot.send_text(10, "/start", lang="ru")
    call = bot.last()
    assert CYRILLIC.search(call.text)
    assert "m:new" in call.button_data()


async def test_start_answers_in_english_for_en(bot: BotHarness) -> None:
    await bot.send_text(11, "/start", lang="en")
    call = bot.last()
    assert not CYRILLIC.search(call.text)
    assert "AliExpress" in call.text
    assert "m:orders" in call.button_data()


async def test_ukrainian_gets_russian_and_german_gets_english(bot: BotHarness) -> None:
    await bot.send_text(12, "/start", lang="uk")
    assert CYRILLIC.search(bot.last().text)
    await bot.send_text(13, "/start", lang="de")
    assert not CYRILLIC.search(bot.last().text)


async def test_no_language_code_uses_default_language(db_path: Path) -> None:
    harness = await BotHarness(make_settings(db_path, default_language="en")).start()
    try:
        await harness.send_text(14, "/start", lang=None)
        assert not CYRILLIC.search(harness.last().text)
    finally:
        await harness.stop()


async def test_language_choice_sticks_across_restart(db_path: Path) -> None:
    first = await BotHarness(make_settings(db_path)).start()
    try:
        await first.send_text(20, "/language", lang="ru")
        assert {"lang:ru", "lang:en"} <= set(first.last().button_data())
        await first.press(20, "lang:en", lang="ru")
        assert first.answered_callbacks()
        assert not CYRILLIC.search(first.last().text)
    finally:
        await first.stop()

    second = await BotHarness(make_settings(db_path)).start()
    try:
        # Telegram still says "ru", but the stored choice wins.
        await second.send_text(20, "/start", lang="ru")
        assert not CYRILLIC.search(second.last().text)
    finally:
        await second.stop()


@pytest.mark.parametrize(
    ("lang", "explained"),
    [("en", "<b>Buyer Protection</b>: AliExpress keeps your money"), ("ru", "<b>Спор</b>")],
)
async def test_help_lists_commands_and_explains_the_two_words(
    bot: BotHarness, lang: str, explained: str
) -> None:
    """Walk F: a newcomer was not told what Buyer Protection or a dispute is."""
    await bot.send_text(15, "/help", lang=lang)
    call = bot.last()
    assert "/cancel" in call.text and call.params.get("parse_mode") == "HTML"
    assert explained in call.text
    # Walk AS: "a few days after" protection, for the 15 days the advice counts.
    window = bot.runtime.timers.after_close_window_days
    after = {"en": f"for {window} days after it ends", "ru": f"ещё {window} дней после её"}
    assert after[lang] in call.text
    # Walk of 2026-12-03: English users were promised a copy in their language too.
    copy = {"en": "English to paste", "ru": "на английском (и копию на русском), чтобы"}
    assert copy[lang] in call.text


async def test_cancel_without_conversation_says_nothing_to_cancel(bot: BotHarness) -> None:
    await bot.send_text(16, "/cancel", lang="en")
    assert "nothing to cancel" in bot.last().text.lower()


@pytest.mark.parametrize("data", ["lang:xx", "lang:en:zz", "lang:en:s:s"])
async def test_forged_language_button_is_refused_with_fresh_menu(
    bot: BotHarness, data: str
) -> None:
    await bot.press(17, data, lang="en")
    assert bot.answered_callbacks(), "the query must be answered"
    call = bot.last()
    assert "out of date" in call.text and "m:new" in call.button_data()


async def test_unknown_button_gets_out_of_date_and_a_menu(bot: BotHarness) -> None:
    await bot.press(18, "zz:1:2", lang="ru")
    assert bot.answered_callbacks()
    assert "m:new" in bot.last().button_data()


async def test_commands_registered_in_both_languages(bot: BotHarness) -> None:
    calls = [c for c in bot.request.calls if c.method == "setMyCommands"]
    languages = {c.params.get("language_code") for c in calls}
    assert {"ru", "en"} <= languages
    russian = next(c for c in calls if c.params.get("language_code") == "ru")
    assert all(CYRILLIC.search(cmd["description"]) for cmd in russian.params["commands"])
    # Walk AM: the list for every other language (German, Spanish…) was Russian, under the
    # default language setting, while those users get English replies.
    assert bot.runtime.default_language == "ru"
    others = next(c for c in calls if "language_code" not in c.params and "scope" not in c.params)
    assert not any(CYRILLIC.search(cmd["description"]) for cmd in others.params["commands"])


async def test_redelivered_update_is_handled_once(bot: BotHarness) -> None:
    payload = {"update_id": 990001, **bot.message(19, "en", text="/help")}
    payload["message"]["entities"] = [{"type": "bot_command", "offset": 0, "length": 5}]
    from telegram import Update

    for _ in range(2):
        await bot.app.process_update(Update.de_json(payload, bot.app.bot))
    assert len([c for c in bot.request.calls if c.method == "sendMessage"]) == 1


async def test_language_choice_also_switches_the_chats_command_menu(bot: BotHarness) -> None:
    await bot.send_text(21, "/language", lang="ru")
    assert "m:menu" in bot.last().button_data(), "a way back to the menu"
    await bot.press(21, "lang:en", lang="ru")
    scoped = [
        c
        for c in bot.request.calls
        if c.method == "setMyCommands" and (c.params.get("scope") or {}).get("chat_id") == 21
    ]
    assert scoped and not CYRILLIC.search(scoped[-1].params["commands"][0]["description"])


async def test_ukrainian_belarusian_kazakh_menus_are_russian(bot: BotHarness) -> None:
    calls = [c for c in bot.request.calls if c.method == "setMyCommands"]
    by_code = {c.params.get("language_code"): c for c in calls}
    for code in ("uk", "be", "kk"):
        assert CYRILLIC.search(by_code[code].params["commands"][0]["description"])


@pytest.mark.parametrize(("lang", "own_list"), [(None, True), ("de", False), ("ru", False)])
async def test_a_user_without_a_language_gets_the_commands_in_the_reply_language(
    bot: BotHarness, lang: str | None, own_list: bool
) -> None:
    """Review AP: no language code means Russian replies (DEFAULT_LANGUAGE) but the English list
    Telegram shows for other languages."""
    bot.request.clear()
    await bot.send_text(22, "/start", lang=lang)
    chat_lists = [c for c in bot.request.calls if c.method == "setMyCommands"]
    assert bool(chat_lists) is own_list
    if own_list:
        (call,) = chat_lists
        assert all(CYRILLIC.search(cmd["description"]) for cmd in call.params["commands"])
        assert "22" in str(call.params["scope"])


async def test_start_greets_even_when_the_chat_commands_cannot_be_set(bot: BotHarness) -> None:
    """Review AQ: a failing setMyCommands for a user without a language broke /start."""
    bot.request.fail_with["setMyCommands"] = (
        400,
        {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"},
    )
    await bot.send_text(23, "/start", lang=None)
    assert "m:new" in bot.last("sendMessage").button_data()
