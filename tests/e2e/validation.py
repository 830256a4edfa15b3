"""Telegram-like validation of Bot API requests, as pure functions over decoded parameters.

`validate_params(method, params)` runs every check that needs no server state (text and caption
limits after entity parsing, HTML, keyboards, callback answers, inline results, commands); it
takes the parameters as Python values (PTB's `RequestData.parameters`), so in-process tests with a
recording `BaseRequest` can reuse it. Checks raise `ApiError` with Telegram's description.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from .telegram_text import EntityParseError, ParsedText, parse_text, utf16_len

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_BYTES = 64
COPY_TEXT_LIMIT = 256
CALLBACK_ANSWER_LIMIT = 200
INLINE_RESULTS_LIMIT = 50
INLINE_RESULT_ID_BYTES = 64
INLINE_ROW_BUTTONS = 8
INLINE_TOTAL_BUTTONS = 100
REPLY_ROW_BUTTONS = 12
REPLY_TOTAL_BUTTONS = 300

INLINE_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
REPLY_BUTTON_ACTIONS = (
    "request_users",
    "request_chat",
    "request_contact",
    "request_location",
    "request_poll",
    "web_app",
)
CHAT_ACTIONS = frozenset(
    "typing upload_photo record_video upload_video record_voice upload_voice upload_document "
    "choose_sticker find_location record_video_note upload_video_note".split()
)
COMMAND_SCOPES = frozenset(
    "default all_private_chats all_group_chats all_chat_administrators chat "
    "chat_administrators chat_member".split()
)
INLINE_RESULT_TYPES = frozenset(
    "article photo gif mpeg4_gif video audio voice document location venue contact game "
    "sticker".split()
)
BUTTON_URL_SCHEMES = ("http://", "https://", "tg://")
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_START_PARAMETER = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class ApiError(Exception):
    """A request Telegram would refuse: `error_code` and Telegram's `description`."""

    def __init__(
        self, description: str, error_code: int = 400, *, retry_after: int | None = None
    ) -> None:
        super().__init__(description)
        self.description = description
        self.error_code = error_code
        self.retry_after = retry_after


def bad_request(reason: str) -> ApiError:
    """An `ApiError` with code 400 and Telegram's "Bad Request: " prefix."""
    return ApiError(f"Bad Request: {reason}")


def _check_entities(text: str, entities: object) -> list[dict[str, Any]]:
    if not isinstance(entities, list):
        raise bad_request("entities must be an array of MessageEntity")
    size = utf16_len(text)
    for entity in entities:
        if not isinstance(entity, dict) or not isinstance(entity.get("type"), str):
            raise bad_request("can't parse entities: an entity must be an object with a type")
        offset, length = entity.get("offset"), entity.get("length")
        if not isinstance(offset, int) or not isinstance(length, int):
            raise bad_request("can't parse entities: offset and length must be integers")
        if offset < 0 or length <= 0 or offset + length > size:
            raise bad_request(f"can't parse entities: entity {entity} is outside of the text")
    return entities


def check_text(
    text: object,
    parse_mode: object = None,
    entities: object = None,
    *,
    limit: int = MESSAGE_LIMIT,
    what: str = "message text",
) -> ParsedText:
    """Check message text: 1..limit UTF-16 units after entity parsing; return what users see."""
    if text is None or text == "":
        raise bad_request(f"{what} is empty")
    if not isinstance(text, str):
        raise bad_request(f"{what} must be a string")
    if entities is not None:
        parsed = ParsedText(text, _check_entities(text, entities))
    else:
        if parse_mode is not None and not isinstance(parse_mode, str):
            raise bad_request("parse_mode must be a string")
        try:
            parsed = parse_text(text, parse_mode)
        except EntityParseError as error:
            raise bad_request(f"can't parse entities: {error}") from None
    if not parsed.text.strip():
        raise bad_request(f"{what} is empty")
    if utf16_len(parsed.text) > limit:
        too_long = "message is too long" if what == "message text" else f"{what} is too long"
        raise bad_request(f"{too_long} ({utf16_len(parsed.text)} > {limit} after entity parsing)")
    return parsed


def check_caption(caption: object, parse_mode: object = None, entities: object = None) -> None:
    """Check an optional media caption: at most 1024 UTF-16 units after entity parsing."""
    if caption is None or caption == "":
        return
    check_text(caption, parse_mode, entities, limit=CAPTION_LIMIT, what="message caption")


def _check_button_text(button: Mapping[str, Any]) -> None:
    text = button.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad_request(f"button text must be a non-empty string: {dict(button)}")


def check_inline_button(button: object) -> None:
    """Check one InlineKeyboardButton: text and exactly one action field, each within limits."""
    if not isinstance(button, dict):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an object"
        )
    _check_button_text(button)
    actions = [name for name in INLINE_BUTTON_ACTIONS if name in button]
    if len(actions) != 1:
        raise bad_request(
            "can't parse inline keyboard button: exactly one of the optional fields must be "
            f"used, got {actions or 'none'} in {button}"
        )
    data = button.get("callback_data")
    if "callback_data" in button and (
        not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_BYTES
    ):
        raise bad_request(f"BUTTON_DATA_INVALID (callback_data must be 1-64 bytes: {data!r})")
    url = button.get("url")
    if "url" in button and (not isinstance(url, str) or not url.startswith(BUTTON_URL_SCHEMES)):
        raise bad_request(f"BUTTON_URL_INVALID ({url!r})")
    if "copy_text" in button:
        copy = button["copy_text"]
        copy_text = copy.get("text") if isinstance(copy, dict) else None
        if not isinstance(copy_text, str) or not 1 <= utf16_len(copy_text) <= COPY_TEXT_LIMIT:
            raise bad_request("COPY_TEXT_INVALID (copy_text.text must be 1-256 characters)")
    for switch in ("switch_inline_query", "switch_inline_query_current_chat"):
        if switch in button and not isinstance(button[switch], str):
            raise bad_request(f"{switch} must be a string")


def check_reply_button(button: object) -> None:
    """Check one KeyboardButton (or its string shorthand): text and at most one request field."""
    if isinstance(button, str):
        button = {"text": button}
    if not isinstance(button, dict):
        raise bad_request("KeyboardButton must be an object or a string")
    _check_button_text(button)
    actions = [name for name in REPLY_BUTTON_ACTIONS if name in button]
    if len(actions) > 1:
        raise bad_request(f"a keyboard button may use only one of {actions}")


def _check_rows(rows: object, field: str, row_limit: int, total_limit: int) -> list[list[Any]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{field}" of the reply markup must be an Array of Arrays')
    if any(len(row) > row_limit for row in rows):
        raise bad_request(f"too many buttons in a row of {field} (at most {row_limit})")
    if sum(len(row) for row in rows) > total_limit:
        raise bad_request(f"too many buttons in {field} (at most {total_limit})")
    return rows


def check_reply_markup(markup: object, *, inline_only: bool = False) -> None:
    """Check reply_markup: inline keyboard, or (unless inline_only) reply keyboard/remove/force."""
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise bad_request("reply_markup must be an object")
    kinds = ["inline_keyboard", "keyboard", "remove_keyboard", "force_reply"]
    present = [kind for kind in kinds if kind in markup]
    if len(present) != 1:
        raise bad_request(f"reply_markup must have exactly one of {kinds}, got {present}")
    if inline_only and present != ["inline_keyboard"]:
        raise bad_request("inline keyboard expected: only InlineKeyboardMarkup is allowed here")
    if "inline_keyboard" in markup:
        rows = _check_rows(
            markup["inline_keyboard"], "inline_keyboard", INLINE_ROW_BUTTONS, INLINE_TOTAL_BUTTONS
        )
        for row in rows:
            for button in row:
                check_inline_button(button)
    elif "keyboard" in markup:
        rows = _check_rows(markup["keyboard"], "keyboard", REPLY_ROW_BUTTONS, REPLY_TOTAL_BUTTONS)
        if not any(rows):
            raise bad_request("keyboard must have at least one button")
        for row in rows:
            for button in row:
                check_reply_button(button)
    elif markup.get("remove_keyboard") is not True:
        if markup.get("force_reply") is not True:
            raise bad_request("remove_keyboard / force_reply must be True")


def check_callback_answer(params: Mapping[str, Any]) -> None:
    """Check answerCallbackQuery: a query id and a notification text of at most 200 characters."""
    if not params.get("callback_query_id"):
        raise bad_request("callback_query_id is required")
    text = params.get("text")
    if text is not None and (not isinstance(text, str) or utf16_len(text) > CALLBACK_ANSWER_LIMIT):
        raise bad_request("MESSAGE_TOO_LONG (answerCallbackQuery text must be 0-200 characters)")


def _check_inline_result(result: object) -> str:
    if not isinstance(result, dict):
        raise bad_request("InlineQueryResult must be an object")
    kind, result_id = result.get("type"), result.get("id")
    if kind not in INLINE_RESULT_TYPES:
        raise bad_request(f"unsupported inline query result type {kind!r}")
    if not isinstance(result_id, str) or not 1 <= len(result_id.encode()) <= INLINE_RESULT_ID_BYTES:
        raise bad_request(f"RESULT_ID_INVALID (id must be 1-64 bytes: {result_id!r})")
    if kind == "article" and (not result.get("title") or "input_message_content" not in result):
        raise bad_request("an article result needs title and input_message_content")
    content = result.get("input_message_content")
    if isinstance(content, dict) and "message_text" in content:
        check_text(content["message_text"], content.get("parse_mode"), content.get("entities"))
    elif content is not None and not isinstance(content, dict):
        raise bad_request("input_message_content must be an object")
    check_caption(result.get("caption"), result.get("parse_mode"), result.get("caption_entities"))
    check_reply_markup(result.get("reply_markup"), inline_only=True)
    return result_id


def check_inline_answer(params: Mapping[str, Any]) -> None:
    """Check answerInlineQuery: at most 50 results with unique ids of 1-64 bytes, and the rest."""
    results = params.get("results")
    if not isinstance(results, list):
        raise bad_request("results must be an array of InlineQueryResult")
    if len(results) > INLINE_RESULTS_LIMIT:
        raise bad_request(f"RESULTS_TOO_MUCH ({len(results)} > {INLINE_RESULTS_LIMIT})")
    ids = [_check_inline_result(result) for result in results]
    if len(set(ids)) != len(ids):
        raise bad_request("RESULT_ID_DUPLICATE")
    next_offset = params.get("next_offset")
    if next_offset is not None and len(str(next_offset).encode()) > 64:
        raise bad_request("next_offset must be at most 64 bytes")
    button = params.get("button")
    if button is not None:
        if not isinstance(button, dict) or not button.get("text"):
            raise bad_request("InlineQueryResultsButton needs text")
        if ("web_app" in button) == ("start_parameter" in button):
            raise bad_request(
                "InlineQueryResultsButton needs exactly one of web_app, start_parameter"
            )
        start = button.get("start_parameter")
        if start is not None and not _START_PARAMETER.match(str(start)):
            raise bad_request("start_parameter must be 1-64 characters A-Z, a-z, 0-9, _ and -")


def _check_language_code(params: Mapping[str, Any]) -> None:
    code = params.get("language_code")
    if code not in (None, "") and not re.fullmatch(r"[a-z]{2}", str(code)):
        raise bad_request(f"language_code must be empty or a two-letter ISO 639-1 code: {code!r}")


def _check_scope(params: Mapping[str, Any]) -> None:
    scope = params.get("scope")
    if scope is not None and (
        not isinstance(scope, dict) or scope.get("type") not in COMMAND_SCOPES
    ):
        raise bad_request(f"invalid BotCommandScope {scope!r}")


def check_bot_commands(params: Mapping[str, Any]) -> None:
    """Check setMyCommands: at most 100 commands `[a-z0-9_]{1,32}` with 1-256 character texts."""
    commands = params.get("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be an array of at most 100 BotCommand")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND.match(str(command.get("command", ""))):
            raise bad_request(f"BOT_COMMAND_INVALID ({command!r})")
        description = command.get("description")
        if not isinstance(description, str) or not 1 <= utf16_len(description) <= 256:
            raise bad_request(f"command description must be 1-256 characters ({command!r})")
    if len({command["command"] for command in commands}) != len(commands):
        raise bad_request("BOT_COMMAND_INVALID (duplicate command)")
    _check_scope(params)
    _check_language_code(params)


def _text_limit(field: str, limit: int) -> Callable[[Mapping[str, Any]], None]:
    def check(params: Mapping[str, Any]) -> None:
        value = params.get(field)
        if value is not None and (not isinstance(value, str) or utf16_len(value) > limit):
            raise bad_request(f"{field} must be at most {limit} characters")
        _check_language_code(params)

    return check


def _check_send_message(params: Mapping[str, Any]) -> None:
    check_text(params.get("text"), params.get("parse_mode"), params.get("entities"))
    check_reply_markup(params.get("reply_markup"))


def _check_edit_text(params: Mapping[str, Any]) -> None:
    check_text(params.get("text"), params.get("parse_mode"), params.get("entities"))
    check_reply_markup(params.get("reply_markup"), inline_only=True)


def _check_edit_markup(params: Mapping[str, Any]) -> None:
    check_reply_markup(params.get("reply_markup"), inline_only=True)


def _check_edit_caption(params: Mapping[str, Any]) -> None:
    check_caption(params.get("caption"), params.get("parse_mode"), params.get("caption_entities"))
    check_reply_markup(params.get("reply_markup"), inline_only=True)


def _check_send_media(params: Mapping[str, Any]) -> None:
    check_caption(params.get("caption"), params.get("parse_mode"), params.get("caption_entities"))
    check_reply_markup(params.get("reply_markup"))


def _check_chat_action(params: Mapping[str, Any]) -> None:
    if params.get("action") not in CHAT_ACTIONS:
        raise bad_request(f"wrong type of action: {params.get('action')!r}")


METHOD_CHECKS: dict[str, Callable[[Mapping[str, Any]], None]] = {
    "sendmessage": _check_send_message,
    "editmessagetext": _check_edit_text,
    "editmessagereplymarkup": _check_edit_markup,
    "editmessagecaption": _check_edit_caption,
    "senddocument": _check_send_media,
    "sendphoto": _check_send_media,
    "copymessage": _check_send_media,
    "answercallbackquery": check_callback_answer,
    "answerinlinequery": check_inline_answer,
    "setmycommands": check_bot_commands,
    "deletemycommands": lambda params: (_check_scope(params), _check_language_code(params)),
    "setmydescription": _text_limit("description", 512),
    "setmyshortdescription": _text_limit("short_description", 120),
    "setmyname": _text_limit("name", 64),
    "sendchataction": _check_chat_action,
}


def validate_params(method: str, params: Mapping[str, Any]) -> None:
    """Run the stateless Telegram checks of a Bot API method (case-insensitive name)."""
    check = METHOD_CHECKS.get(method.lower())
    if check is not None:
        check(params)
