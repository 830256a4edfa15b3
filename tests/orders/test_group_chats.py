"""In a group the bot shows nobody's orders: commands get a pointer to the private chat."""

from __future__ import annotations

import time
from typing import Any

import pytest

from locales import get_translator
from storage import conversations
from tests.orders.support import known_user, save
from tests.support.harness import BotHarness

GROUP = {"id": -100777, "type": "supergroup", "title": "Friends"}
POINTER = (
    "I help with AliExpress orders in a private chat only, so that your orders, prices "
    "and dispute texts stay private. Write to me there."
)


def in_group(bot: BotHarness, user_id: int, lang: str, text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": 50,
        "date": int(time.time()),
        "chat": GROUP,
        "from": bot.user(user_id, lang),
        "text": text,
    }
    if text.startswith("/"):
        length = len(text.split()[0])
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"message": message}


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(
    "command", ["/orders", "/start", "/new", "/help", "/delete_my_data", "/orders@{bot}"]
)
async def test_a_command_in_a_group_only_points_to_the_private_chat(
    bot: BotHarness, lang: str, command: str
) -> None:
    user = await known_user(bot, 120, lang)
    await save(bot, user, item="Secret earbuds")
    bot.request.clear()
    command = command.format(bot=bot.app.bot.username)
    await bot.process(in_group(bot, 120, lang, command))
    sent = bot.request.sent()
    assert len(sent) == 1
    reply = sent[0]
    assert reply.params["chat_id"] == GROUP["id"]
    assert get_translator(lang).gettext(POINTER) in reply.text
    assert "Secret earbuds" not in reply.text
    markup = reply.params["reply_markup"]["inline_keyboard"]
    assert markup[0][0]["url"].startswith("https://t.me/")
    # Nothing started for the user: no questionnaire, their data untouched.
    assert await conversations.get(bot.runtime.db, 120) is None


@pytest.mark.parametrize(
    "text", ["привет всем, 12.50 $", "/start@other_bot", "/orders@Other_Bot x"]
)
async def test_group_chatter_and_other_bots_commands_get_no_answer(
    bot: BotHarness, text: str
) -> None:
    await known_user(bot, 121, "ru")
    bot.request.clear()
    await bot.process(in_group(bot, 121, "ru", text))
    assert bot.request.sent() == []


async def test_a_button_of_an_old_group_message_only_gets_a_toast(bot: BotHarness) -> None:
    user = await known_user(bot, 122, "en")
    order_id = (await save(bot, user, item="Secret earbuds")).order.id
    bot.request.clear()
    query = {
        "id": "q-group",
        "from": bot.user(122, "en"),
        "chat_instance": "ci",
        "data": f"o:{order_id}",
        "message": {
            "message_id": 51,
            "date": int(time.time()),
            "chat": GROUP,
            "from": {"id": 1, "is_bot": True, "first_name": "Bot"},
            "text": "menu",
        },
    }
    await bot.process({"callback_query": query})
    assert bot.request.sent() == []  # no card in the group
    answer = bot.answered_callbacks()[-1]
    assert answer.params["show_alert"] is True
    assert "private chat" in answer.params["text"]


async def test_private_chats_are_unaffected(bot: BotHarness) -> None:
    await known_user(bot, 123, "en")
    bot.request.clear()
    await bot.send_text(123, "/help", "en")
    assert bot.request.sent() and get_translator("en").gettext(POINTER) not in bot.last().text


async def test_a_failure_in_a_group_is_not_apologised_for_there(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    from handlers.private_only import OutsidePrivateChatHandler

    async def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("cannot reply")

    await known_user(bot, 124, "en")
    guard = bot.app.handlers[0][0]
    assert isinstance(guard, OutsidePrivateChatHandler)
    monkeypatch.setattr(guard, "callback", broken)
    bot.request.clear()
    await bot.process(in_group(bot, 124, "en", "/orders"))
    assert bot.request.sent() == []  # no apology, no menu in the group
