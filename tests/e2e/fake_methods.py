"""The Bot API methods of the fake server: state checks Telegram makes and sensible answers.

Stateless checks (lengths, HTML, keyboards) already ran in `validation.validate_params`; these
functions check what needs the server's state (known chats, existing messages, unanswered
queries) and build the `result`. Each function is named exactly like its Bot API method.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .validation import ApiError, check_text

if TYPE_CHECKING:
    from .fake_bot_api import FakeBotApi

Params = dict[str, Any]
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


def _int_param(params: Params, name: str) -> int:
    value = params.get(name)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ApiError(f"Bad Request: {name} must be an integer, got {value!r}")
    return value


def _bot_message(api: FakeBotApi, params: Params, **content: Any) -> dict[str, Any]:
    chat = api.known_chat(params.get("chat_id"))
    message: dict[str, Any] = {
        "message_id": api.next_message_id(chat["id"]),
        "date": int(time.time()),
        "chat": chat,
        "from": api.bot_user,
        **{key: value for key, value in content.items() if value},
    }
    reply = params.get("reply_parameters")
    if isinstance(reply, dict):
        replied = api.messages.get((chat["id"], reply.get("message_id", 0)))
        if replied is None and not reply.get("allow_sending_without_reply"):
            raise ApiError("Bad Request: message to be replied not found")
        if replied is not None:
            message["reply_to_message"] = replied
    if params.get("reply_markup") and "inline_keyboard" in params["reply_markup"]:
        message["reply_markup"] = params["reply_markup"]
    api.messages[(chat["id"], message["message_id"])] = message
    return message


def _own_message(api: FakeBotApi, params: Params, action: str) -> dict[str, Any] | None:
    """The bot's message addressed by chat_id + message_id; None for an inline_message_id."""
    if "inline_message_id" in params and "chat_id" not in params:
        return None
    chat = api.known_chat(params.get("chat_id"))
    message = api.messages.get((chat["id"], _int_param(params, "message_id")))
    if message is None:
        raise ApiError(f"Bad Request: message to {action} not found")
    if message["from"]["id"] != api.bot_user["id"]:
        raise ApiError("Bad Request: message can't be edited")
    return message


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def getMe(api: FakeBotApi, params: Params) -> Any:
    return api.bot_user


def getUpdates(api: FakeBotApi, params: Params) -> Any:  # served by the server's long polling
    raise AssertionError("unreachable")


def deleteWebhook(api: FakeBotApi, params: Params) -> Any:
    if params.get("drop_pending_updates"):
        api.drop_pending_updates()
    return True


def getWebhookInfo(api: FakeBotApi, params: Params) -> Any:
    return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}


def setWebhook(api: FakeBotApi, params: Params) -> Any:
    raise ApiError("Bad Request: the fake Bot API serves getUpdates only, not webhooks")


def sendMessage(api: FakeBotApi, params: Params) -> Any:
    parsed = check_text(params.get("text"), params.get("parse_mode"), params.get("entities"))
    return _bot_message(api, params, text=parsed.text, entities=parsed.entities)


def editMessageText(api: FakeBotApi, params: Params) -> Any:
    parsed = check_text(params.get("text"), params.get("parse_mode"), params.get("entities"))
    message = _own_message(api, params, "edit")
    if message is None:
        return True
    if "text" not in message:
        raise ApiError("Bad Request: there is no text in the message to edit")
    markup = params.get("reply_markup")  # omitted: Telegram removes the keyboard
    if (
        message["text"] == parsed.text
        and _same(message.get("entities", []), parsed.entities)
        and _same(message.get("reply_markup"), markup)
    ):
        raise ApiError(NOT_MODIFIED)
    message.update(text=parsed.text, entities=parsed.entities, edit_date=int(time.time()))
    message.pop("reply_markup", None)
    if markup:
        message["reply_markup"] = markup
    return message


def editMessageReplyMarkup(api: FakeBotApi, params: Params) -> Any:
    message = _own_message(api, params, "edit")
    if message is None:
        return True
    markup = params.get("reply_markup")
    if _same(message.get("reply_markup"), markup):
        raise ApiError(NOT_MODIFIED)
    message.pop("reply_markup", None)
    if markup:
        message["reply_markup"] = markup
    message["edit_date"] = int(time.time())
    return message


def editMessageCaption(api: FakeBotApi, params: Params) -> Any:
    message = _own_message(api, params, "edit")
    if message is None:
        return True
    if "text" in message:
        raise ApiError("Bad Request: there is no caption in the message to edit")
    message["caption"] = params.get("caption", "")
    message.pop("reply_markup", None)
    if params.get("reply_markup"):
        message["reply_markup"] = params["reply_markup"]
    return message


def deleteMessage(api: FakeBotApi, params: Params) -> Any:
    chat = api.known_chat(params.get("chat_id"))
    if api.messages.pop((chat["id"], _int_param(params, "message_id")), None) is None:
        raise ApiError("Bad Request: message to delete not found")
    return True


def deleteMessages(api: FakeBotApi, params: Params) -> Any:
    chat = api.known_chat(params.get("chat_id"))
    for message_id in params.get("message_ids") or []:
        api.messages.pop((chat["id"], message_id), None)
    return True


def _answer_query(queries: dict[str, bool], query_id: Any) -> None:
    if queries.get(query_id) is not False:
        raise ApiError(
            "Bad Request: query is too old and response timeout expired or query ID is invalid"
        )
    queries[query_id] = True


def answerCallbackQuery(api: FakeBotApi, params: Params) -> Any:
    _answer_query(api.callback_queries, params.get("callback_query_id"))
    return True


def answerInlineQuery(api: FakeBotApi, params: Params) -> Any:
    _answer_query(api.inline_queries, params.get("inline_query_id"))
    return True


def _upload(api: FakeBotApi, params: Params, field: str) -> dict[str, Any]:
    value = params.get(field)
    content = getattr(value, "content", None)
    if content is None:
        if not isinstance(value, str) or not value:
            raise ApiError(f"Bad Request: there is no {field} in the request")
        return {"file_id": value, "file_unique_id": value[-16:]}
    if not content:
        raise ApiError("Bad Request: file must be non-empty")
    file_id = f"{field}-{secrets.token_hex(8)}"
    api.files[file_id] = (f"{field}s/{file_id}", content)
    return {"file_id": file_id, "file_unique_id": file_id[-16:], "file_size": len(content)}


def sendDocument(api: FakeBotApi, params: Params) -> Any:
    document = _upload(api, params, "document")
    upload = params.get("document")
    document["file_name"] = getattr(upload, "filename", None) or "document"
    document["mime_type"] = getattr(upload, "content_type", None) or "application/octet-stream"
    return _bot_message(api, params, document=document, caption=params.get("caption"))


def sendPhoto(api: FakeBotApi, params: Params) -> Any:
    photo = {**_upload(api, params, "photo"), "width": 800, "height": 600}
    return _bot_message(api, params, photo=[photo], caption=params.get("caption"))


def copyMessage(api: FakeBotApi, params: Params) -> Any:
    source = api.known_chat(params.get("from_chat_id"))
    original = api.messages.get((source["id"], _int_param(params, "message_id")))
    if original is None:
        raise ApiError("Bad Request: message to copy not found")
    content = {k: original[k] for k in ("text", "entities", "document", "photo") if k in original}
    return {"message_id": _bot_message(api, params, **content)["message_id"]}


def forwardMessage(api: FakeBotApi, params: Params) -> Any:
    source = api.known_chat(params.get("from_chat_id"))
    original = api.messages.get((source["id"], _int_param(params, "message_id")))
    if original is None:
        raise ApiError("Bad Request: message to forward not found")
    content = {k: original[k] for k in ("text", "entities", "document", "photo") if k in original}
    origin = {"type": "user", "date": original["date"], "sender_user": original["from"]}
    return _bot_message(api, params, forward_origin=origin, **content)


def sendChatAction(api: FakeBotApi, params: Params) -> Any:
    api.known_chat(params.get("chat_id"))
    return True


def _pin(api: FakeBotApi, params: Params) -> Any:
    api.known_chat(params.get("chat_id"))
    return True


def getChat(api: FakeBotApi, params: Params) -> Any:
    chat = api.known_chat(params.get("chat_id"))
    return {
        **chat,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": True,
            "limited_gifts": True,
            "unique_gifts": True,
            "premium_subscription": True,
            "gifts_from_channels": True,
        },
    }


def getFile(api: FakeBotApi, params: Params) -> Any:
    file_id = params.get("file_id")
    if file_id not in api.files:
        raise ApiError("Bad Request: invalid file_id")
    path, content = api.files[file_id]
    return {
        "file_id": file_id,
        "file_unique_id": file_id[-16:],
        "file_size": len(content),
        "file_path": path,
    }


def _commands_key(params: Params) -> str:
    scope = params.get("scope") or {"type": "default"}
    return f"commands:{json.dumps(scope, sort_keys=True)}:{params.get('language_code') or ''}"


def setMyCommands(api: FakeBotApi, params: Params) -> Any:
    api.bot_settings[_commands_key(params)] = params["commands"]
    return True


def getMyCommands(api: FakeBotApi, params: Params) -> Any:
    return api.bot_settings.get(_commands_key(params), [])


def deleteMyCommands(api: FakeBotApi, params: Params) -> Any:
    api.bot_settings.pop(_commands_key(params), None)
    return True


def _setting(field: str) -> tuple[Callable[..., Any], Callable[..., Any]]:
    def setter(api: FakeBotApi, params: Params) -> Any:
        api.bot_settings[f"{field}:{params.get('language_code') or ''}"] = params.get(field, "")
        return True

    def getter(api: FakeBotApi, params: Params) -> Any:
        return {field: api.bot_settings.get(f"{field}:{params.get('language_code') or ''}", "")}

    return setter, getter


setMyDescription, getMyDescription = _setting("description")
setMyShortDescription, getMyShortDescription = _setting("short_description")
setMyName, getMyName = _setting("name")


def setChatMenuButton(api: FakeBotApi, params: Params) -> Any:
    api.bot_settings[f"menu:{params.get('chat_id')}"] = params.get("menu_button")
    return True


def getChatMenuButton(api: FakeBotApi, params: Params) -> Any:
    return api.bot_settings.get(f"menu:{params.get('chat_id')}") or {"type": "commands"}


def _true(api: FakeBotApi, params: Params) -> Any:
    return True


def _named(name: str, function: Callable[[FakeBotApi, Params], Any]) -> Callable[..., Any]:
    def method(api: FakeBotApi, params: Params) -> Any:
        return function(api, params)

    method.__name__ = name
    return method


_TABLE: dict[str, Callable[[FakeBotApi, Params], Any]] = {
    function.__name__: function
    for function in (
        getMe,
        getUpdates,
        deleteWebhook,
        getWebhookInfo,
        setWebhook,
        sendMessage,
        editMessageText,
        editMessageReplyMarkup,
        editMessageCaption,
        deleteMessage,
        deleteMessages,
        answerCallbackQuery,
        answerInlineQuery,
        sendDocument,
        sendPhoto,
        copyMessage,
        forwardMessage,
        sendChatAction,
        getChat,
        getFile,
        setMyCommands,
        getMyCommands,
        deleteMyCommands,
        setChatMenuButton,
        getChatMenuButton,
    )
} | {
    "setMyDescription": setMyDescription,
    "getMyDescription": getMyDescription,
    "setMyShortDescription": setMyShortDescription,
    "getMyShortDescription": getMyShortDescription,
    "setMyName": setMyName,
    "getMyName": getMyName,
    "pinChatMessage": _pin,
    "unpinChatMessage": _pin,
    "unpinAllChatMessages": _pin,
    "setMessageReaction": _pin,
    "logOut": _true,
    "close": _true,
    "setMyDefaultAdministratorRights": _true,
}
# Telegram matches method names case-insensitively; __name__ keeps the canonical spelling.
METHODS: dict[str, Callable[..., Any]] = {
    name.lower(): _named(name, function) for name, function in _TABLE.items()
}
