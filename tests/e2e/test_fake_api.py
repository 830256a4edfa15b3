"""Self-tests of the fake Bot API: long polling, offsets, recording, and each validation rule.

They talk to the server through a plain `telegram.Bot` (what the bot uses) or raw aiohttp
calls where PTB would refuse to build the bad request itself.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    CopyTextButton,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from telegram.error import BadRequest, Conflict, Forbidden

from .fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e

CHAT = 42


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    """A fake server whose rejections the test checks itself (they are the point here)."""
    server = FakeBotApi()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    """A plain PTB Bot pointed at the fake, in a chat that has written to it."""
    api.push_update(api.message(CHAT, "hi"))
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.file_url) as client:
        yield client


async def raw_call(api: FakeBotApi, method: str, **fields: str) -> tuple[int, dict[str, Any]]:
    """POST form fields as PTB does; return the status and the JSON answer."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{api.base_url}{api.token}/{method}", data=fields) as response,
    ):
        return response.status, await response.json()


def keyboard(*buttons: InlineKeyboardButton) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([list(buttons)])


# -- long polling and offsets ----------------------------------------------------------------


async def test_long_polling_returns_as_soon_as_an_update_arrives(api: FakeBotApi, bot: Bot) -> None:
    await bot.get_updates(offset=api.pending_updates[-1]["update_id"] + 1, timeout=0)
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await api.wait_for("getUpdates", lambda r: r.params.get("timeout") == 5)
    started = time.monotonic()
    api.push_update(api.message(CHAT, "/start"))
    updates = await poll
    assert time.monotonic() - started < 1.5
    assert [u.message.text for u in updates] == ["/start"]


async def test_long_polling_without_updates_waits_for_the_timeout(
    api: FakeBotApi, bot: Bot
) -> None:
    await bot.get_updates(offset=api.pending_updates[-1]["update_id"] + 1, timeout=0)
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9


async def test_unconfirmed_updates_are_delivered_again_until_an_offset_confirms_them(
    api: FakeBotApi, bot: Bot
) -> None:
    api.push_update(api.message(CHAT, "second"))
    first = await bot.get_updates(timeout=0)
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [u.update_id for u in first]
    assert [u.message.text for u in first] == ["hi", "second"]
    assert await bot.get_updates(offset=first[0].update_id + 1, timeout=0) == first[1:]
    assert api.confirmed_offset == first[0].update_id + 1
    assert await bot.get_updates(offset=first[-1].update_id + 1, timeout=0) == ()
    assert api.pending_updates == []


async def test_limit_caps_the_batch(api: FakeBotApi, bot: Bot) -> None:
    for text in ("a", "b", "c"):
        api.push_update(api.message(CHAT, text))
    assert len(await bot.get_updates(limit=2, timeout=0)) == 2


async def test_delete_webhook_can_drop_pending_updates(api: FakeBotApi, bot: Bot) -> None:
    assert await bot.delete_webhook(drop_pending_updates=False)
    assert api.pending_updates
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates(timeout=0) == ()


async def test_allowed_updates_filters_update_types(api: FakeBotApi, bot: Bot) -> None:
    api.push_update(api.inline_query(CHAT, "refund"))
    updates = await bot.get_updates(timeout=0, allowed_updates=["inline_query"])
    assert [u.inline_query.query for u in updates] == ["refund"]


async def test_a_second_poller_ends_the_first_with_conflict(api: FakeBotApi, bot: Bot) -> None:
    await bot.get_updates(offset=api.pending_updates[-1]["update_id"] + 1, timeout=0)
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await api.wait_for("getUpdates", lambda r: r.params.get("timeout") == 5)
    status, body = await raw_call(api, "getUpdates", timeout="0")  # a second bot instance
    assert (status, body["result"]) == (200, [])
    with pytest.raises(Conflict):
        await first
    assert [r.error_code for r in api.rejections] == [409]


# -- recording, wait_for, errors -------------------------------------------------------------


async def test_requests_are_recorded_with_decoded_parameters(api: FakeBotApi, bot: Bot) -> None:
    await bot.send_message(
        CHAT, "123", reply_markup=keyboard(InlineKeyboardButton("A", callback_data="7"))
    )
    sent = await api.wait_for("sendMessage")
    # PTB sends strings raw and everything else JSON-encoded: "123" stays a string.
    assert sent.params == {
        "chat_id": CHAT,
        "text": "123",
        "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": "7"}]]},
    }
    assert sent.callback_data == ["7"]


async def test_wait_for_returns_each_request_once_and_times_out(api: FakeBotApi, bot: Bot) -> None:
    await bot.send_message(CHAT, "one")
    await bot.send_message(CHAT, "two")
    assert (await api.wait_for("sendMessage")).text == "one"
    assert (await api.wait_for("sendMessage")).text == "two"
    with pytest.raises(AssertionError, match=r"(?i)no matching"):
        await api.wait_for("sendMessage", timeout=0.2)


async def test_wait_for_fails_at_once_when_the_call_is_rejected(api: FakeBotApi, bot: Bot) -> None:
    waiting = asyncio.create_task(api.wait_for("sendMessage", timeout=5))
    with pytest.raises(BadRequest):
        await bot.send_message(CHAT, "")
    started = time.monotonic()
    with pytest.raises(AssertionError, match=r"(?i)rejected"):
        await waiting
    assert time.monotonic() - started < 1


async def test_unknown_method_and_wrong_token_are_rejections(api: FakeBotApi) -> None:
    status, body = await raw_call(api, "sendTelepathy", chat_id="1")
    assert (status, body["ok"], body["error_code"]) == (404, False, 404)
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{api.base_url}1:wrong/getMe") as response,
    ):
        assert response.status == 401
    assert [r.method for r in api.rejections] == ["sendTelepathy", "getMe"]
    with pytest.raises(AssertionError, match=r"(?i)rejected 2 request"):
        api.assert_no_rejections()


async def test_method_names_are_case_insensitive(api: FakeBotApi) -> None:
    status, body = await raw_call(api, "getme")
    assert status == 200 and body["result"]["is_bot"]
    assert api.requests[-1].method == "getMe"


async def test_unknown_chat_is_rejected(api: FakeBotApi, bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(777, "hello")
    assert len(api.rejections) == 1


async def test_expected_errors_are_not_rejections(api: FakeBotApi, bot: Bot) -> None:
    api.block(CHAT)
    with pytest.raises(Forbidden):
        await bot.send_message(CHAT, "reminder")
    api.fail_next("getMe", error_code=400, description="Bad Request: planned")
    with pytest.raises(BadRequest, match=r"(?i)planned"):
        await bot.get_me()
    assert api.rejections == []


# -- message text and HTML -------------------------------------------------------------------


async def test_html_is_parsed_to_plain_text_and_entities(api: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(CHAT, "<b>Срок</b> &lt;5 дней&gt; &#128512;", parse_mode="HTML")
    assert sent.text == "Срок <5 дней> 😀"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 0, 4)]


@pytest.mark.parametrize(
    "text",
    [
        "<b>unclosed",
        "<b><i>crossed</b></i>",
        "line<br>break",
        "1 < 2",
        "AT&T",
        "&nbsp;",
        '<span class="x">s</span>',
        "<a>no href</a>",
        "<p>paragraph</p>",
    ],
)
async def test_bad_html_is_rejected(api: FakeBotApi, bot: Bot, text: str) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(CHAT, text, parse_mode="HTML")
    assert len(api.rejections) == 1


async def test_length_counts_after_entity_parsing(api: FakeBotApi, bot: Bot) -> None:
    await bot.send_message(CHAT, "<b>" + "я" * 4096 + "</b>", parse_mode="HTML")
    await bot.send_message(CHAT, "&amp;" * 4096, parse_mode="HTML")
    assert api.rejections == []
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await bot.send_message(CHAT, "я" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)empty"):
        await bot.send_message(CHAT, "<b> </b>", parse_mode="HTML")


async def test_caption_limit_is_1024(api: FakeBotApi, bot: Bot) -> None:
    await bot.send_document(CHAT, b"x", filename="a.ics", caption="c" * 1024)
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await bot.send_document(CHAT, b"x", filename="a.ics", caption="c" * 1025)


# -- keyboards -------------------------------------------------------------------------------


async def test_callback_data_is_limited_to_64_bytes(api: FakeBotApi, bot: Bot) -> None:
    await bot.send_message(
        CHAT, "ok", reply_markup=keyboard(InlineKeyboardButton("x", callback_data="ж" * 32))
    )
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(
            CHAT,
            "no",
            reply_markup=keyboard(InlineKeyboardButton("x", callback_data="ж" * 32 + "a")),
        )


async def test_copy_text_is_limited_to_256_characters(api: FakeBotApi, bot: Bot) -> None:
    button = InlineKeyboardButton("Copy", copy_text=CopyTextButton("t" * 256))
    await bot.send_message(CHAT, "ok", reply_markup=keyboard(button))
    with pytest.raises(BadRequest, match=r"(?i)COPY_TEXT_INVALID"):
        long_button = InlineKeyboardButton("Copy", copy_text=CopyTextButton("t" * 257))
        await bot.send_message(CHAT, "no", reply_markup=keyboard(long_button))


@pytest.mark.parametrize(
    "markup",
    [
        '{"inline_keyboard": [{"text": "not a row", "callback_data": "a"}]}',
        '{"inline_keyboard": [[{"text": "no action"}]]}',
        '{"inline_keyboard": [[{"text": "two", "callback_data": "a", "url": "https://a.b"}]]}',
        '{"inline_keyboard": [[{"callback_data": "no text"}]]}',
        '{"inline_keyboard": [[{"text": "bad url", "url": "javascript:alert(1)"}]]}',
        '{"inline_keyboard": [[' + ", ".join(['{"text": "b", "callback_data": "b"}'] * 9) + "]]}",
        '{"keyboard": [[{"text": "two", "request_contact": true, "request_location": true}]]}',
        '{"keyboard": [["a"]], "inline_keyboard": [[]]}',
    ],
)
async def test_malformed_keyboards_are_rejected(api: FakeBotApi, bot: Bot, markup: str) -> None:
    status, body = await raw_call(
        api, "sendMessage", chat_id=str(CHAT), text="t", reply_markup=markup
    )
    assert (status, body["ok"]) == (400, False), body
    assert len(api.rejections) == 1


async def test_reply_keyboards_are_accepted_but_not_in_edits(api: FakeBotApi, bot: Bot) -> None:
    markup = ReplyKeyboardMarkup([[KeyboardButton("Share", request_contact=True), "Cancel"]])
    sent = await bot.send_message(CHAT, "choose", reply_markup=markup)
    status, _ = await raw_call(
        api,
        "editMessageText",
        chat_id=str(CHAT),
        message_id=str(sent.message_id),
        text="other",
        reply_markup='{"keyboard": [["a"]]}',
    )
    assert status == 400
    assert len(api.rejections) == 1


# -- edits, callbacks, inline ----------------------------------------------------------------


async def test_editing_to_the_same_content_is_not_modified(api: FakeBotApi, bot: Bot) -> None:
    markup = keyboard(InlineKeyboardButton("A", callback_data="a"))
    sent = await bot.send_message(CHAT, "<b>Hi</b>", parse_mode="HTML", reply_markup=markup)
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_text(
            "<b>Hi</b>", CHAT, sent.message_id, parse_mode="HTML", reply_markup=markup
        )
    edited = await bot.edit_message_text("<b>Hi</b>", CHAT, sent.message_id, parse_mode="HTML")
    assert edited.reply_markup is None  # an edit without reply_markup removes the keyboard
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_reply_markup(CHAT, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)not found"):
        await bot.edit_message_text("x", CHAT, 9999)


async def test_callback_queries_are_answered_once_with_at_most_200_characters(
    api: FakeBotApi, bot: Bot
) -> None:
    sent = await bot.send_message(
        CHAT, "menu", reply_markup=keyboard(InlineKeyboardButton("A", callback_data="m:a"))
    )
    first = api.push_update(api.callback(CHAT, sent.message_id, "m:a"))["callback_query"]["id"]
    second = api.push_update(api.callback(CHAT, sent.message_id, "m:a"))["callback_query"]["id"]
    assert await bot.answer_callback_query(first, text="я" * 200)
    with pytest.raises(BadRequest, match=r"(?i)query ID is invalid"):
        await bot.answer_callback_query(first)
    with pytest.raises(BadRequest, match=r"(?i)MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(second, text="я" * 201)
    with pytest.raises(AssertionError, match=r"(?i)has no button"):
        api.callback(CHAT, sent.message_id, "m:zzz")
    assert api.callback(CHAT, sent.message_id, "o:1:del", forged=True)["callback_query"]["data"]


def article(result_id: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        result_id, "Title", InputTextMessageContent("<b>Text</b>", parse_mode="HTML")
    )


async def test_inline_answers_have_at_most_50_unique_short_ids(api: FakeBotApi, bot: Bot) -> None:
    ids = [api.push_update(api.inline_query(CHAT, "q"))["inline_query"]["id"] for _ in range(4)]
    assert await bot.answer_inline_query(ids[0], [article(str(n)) for n in range(50)])
    with pytest.raises(BadRequest, match=r"(?i)RESULTS_TOO_MUCH"):
        await bot.answer_inline_query(ids[1], [article(str(n)) for n in range(51)])
    with pytest.raises(BadRequest, match=r"(?i)RESULT_ID_DUPLICATE"):
        await bot.answer_inline_query(ids[2], [article("same"), article("same")])
    with pytest.raises(BadRequest, match=r"(?i)RESULT_ID_INVALID"):
        await bot.answer_inline_query(ids[3], [article("i" * 65)])


# -- other methods ---------------------------------------------------------------------------


async def test_documents_are_uploaded_as_multipart_and_recorded(api: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_document(
        CHAT, b"BEGIN:VCALENDAR", filename="deadlines.ics", caption="<i>Cal</i>", parse_mode="HTML"
    )
    assert sent.document.file_name == "deadlines.ics"
    request = await api.wait_for("sendDocument")
    assert request.params["document"].content == b"BEGIN:VCALENDAR"
    assert request.params["caption"] == "<i>Cal</i>"


async def test_user_files_can_be_downloaded(api: FakeBotApi, bot: Bot) -> None:
    update = api.push_update(api.document(CHAT, "receipt.pdf", b"%PDF receipt"))
    file = await bot.get_file(update["message"]["document"]["file_id"])
    assert await file.download_as_bytearray() == b"%PDF receipt"
    for builder in (api.photo(CHAT), api.sticker(CHAT), api.voice(CHAT)):
        api.push_update(builder)
    kinds = [u.message.effective_attachment for u in await bot.get_updates(timeout=0)]
    assert sum(attachment is not None for attachment in kinds) == 4


async def test_commands_and_descriptions_are_checked_and_kept(api: FakeBotApi, bot: Bot) -> None:
    assert await bot.set_my_commands([("start", "Главное меню")], language_code="ru")
    assert [c.command for c in await bot.get_my_commands(language_code="ru")] == ["start"]
    assert await bot.get_my_commands() == ()
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([("Start-Now", "x")])
    with pytest.raises(BadRequest, match=r"(?i)description"):
        await bot.set_my_short_description("x" * 121)
    assert await bot.set_my_description("Помогаю со спорами")
    assert (await bot.get_my_description()).description == "Помогаю со спорами"
    assert await bot.send_chat_action(CHAT, "typing")
    assert await bot.delete_message(CHAT, 1)
    assert await bot.get_chat(CHAT)
    assert await bot.close() and await bot.log_out()


async def test_a_request_cut_off_by_a_dying_client_is_not_a_rejection(api: FakeBotApi) -> None:
    host_port = api.base_url.split("//", 1)[1].split("/", 1)[0]
    host, port = host_port.split(":")
    _reader, writer = await asyncio.open_connection(host, int(port))
    path = f"/bot{api.token}/sendMessage"
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: {host_port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n"
        "chat_id=42".encode()
    )
    await writer.drain()
    writer.transport.abort()  # as kill -9 would: the rest of the body never comes
    await asyncio.sleep(0.3)
    assert api.rejections == [] and api.calls("sendMessage") == []


@pytest.mark.parametrize("status", ["kicked", "member"])
async def test_built_updates_are_readable_by_the_library(api: FakeBotApi, status: str) -> None:
    from telegram import Update

    for update in (
        api.message(5, "/start"),
        api.callback(5, 1, "m:menu", forged=True),
        api.my_chat_member(5, status),
    ):
        assert Update.de_json({"update_id": 1, **update}, None).update_id == 1
