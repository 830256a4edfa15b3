"""The pure Telegram checks of `validation.py` and the parsers of `telegram_text.py`."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.helpers import escape_markdown
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from .telegram_text import parse_html, parse_markdown_v2, utf16_len
from .validation import ApiError, check_reply_markup, check_text, validate_params

pytestmark = pytest.mark.e2e
any_text = st.text(min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(any_text)
def test_escaped_text_parses_back_to_itself_in_html(text: str) -> None:
    parsed = parse_html(f"<b>{html.escape(text)}</b>")
    assert parsed.text == text
    assert parsed.entities == [{"type": "bold", "offset": 0, "length": utf16_len(text)}]


@settings(max_examples=60, deadline=None)
@given(any_text)
def test_escaped_text_parses_back_to_itself_in_markdown_v2(text: str) -> None:
    assert parse_markdown_v2(escape_markdown(text, version=2)).text == text


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=4090, max_value=4100), st.sampled_from(["a", "я", "😀"]))
def test_text_limit_is_4096_utf16_units(count: int, char: str) -> None:
    text = char * count
    if utf16_len(text) <= 4096:
        assert check_text(text).text == text
    else:
        with pytest.raises(ApiError, match="too long"):
            check_text(text)


def test_entities_count_utf16_units() -> None:
    parsed = parse_html("😀 <i>й</i>")
    assert parsed.entities == [{"type": "italic", "offset": 3, "length": 1}]


def test_pre_with_a_language_is_one_entity() -> None:
    parsed = parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert parsed.entities == [{"type": "pre", "offset": 0, "length": 5, "language": "python"}]


@pytest.mark.parametrize(
    "text",
    [
        "<tg-spoiler>s</tg-spoiler>",
        '<span class="tg-spoiler">s</span>',
        "<blockquote expandable>q</blockquote>",
        '<a href="tg://user?id=1">u</a>',
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
        "<B>upper-case tags</B> &#x27;&quot;",
        "a > b",
    ],
)
def test_telegram_html_is_accepted(text: str) -> None:
    assert parse_html(text).text


@pytest.mark.parametrize("text", ["a.b", "1+1", "*open", "[link](no-scheme)", "x|y"])
def test_unescaped_markdown_v2_is_rejected(text: str) -> None:
    with pytest.raises(ApiError, match="can't parse entities"):
        check_text(text, "MarkdownV2")


def test_validate_params_works_on_ptb_request_data() -> None:
    """In-process tests can check what PTB would send, before any HTTP."""
    good = InlineKeyboardMarkup([[InlineKeyboardButton("Open", callback_data="o:1:open")]])
    data = RequestData(
        [
            RequestParameter.from_input("chat_id", 1),
            RequestParameter.from_input("text", "<b>Hi</b>"),
            RequestParameter.from_input("parse_mode", "HTML"),
            RequestParameter.from_input("reply_markup", good),
        ]
    )
    validate_params("sendMessage", data.parameters)
    bad = {**data.parameters, "text": "<b>Hi"}
    with pytest.raises(ApiError, match="can't parse entities"):
        validate_params("sendMessage", bad)


def test_an_edit_accepts_only_an_inline_keyboard() -> None:
    check_reply_markup(
        {"inline_keyboard": [[{"text": "a", "callback_data": "a"}]]}, inline_only=True
    )
    with pytest.raises(ApiError, match="inline keyboard expected"):
        check_reply_markup({"remove_keyboard": True}, inline_only=True)
