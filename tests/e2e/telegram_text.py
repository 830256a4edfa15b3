"""Telegram's entity parsing of message text: HTML, MarkdownV2 and legacy Markdown.

Each parser returns the plain text the user sees plus the entities (offsets and lengths in
UTF-16 code units, as the Bot API counts them), or raises `EntityParseError` where Telegram
answers "Bad Request: can't parse entities". Where Telegram silently tolerates something that
is almost always a bug in a bot (a bare `&`, an unknown named entity, a link to a non-URL),
these parsers are stricter on purpose and say so in the error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HTML_TAG_ENTITY: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
NAMED_HTML_ENTITIES: dict[str, str] = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
MARKDOWN_V2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
LINK_SCHEMES = ("http://", "https://", "tg://", "mailto:")

_HTML_ENTITY = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]*));")
_TAG_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*")
_ATTR_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9_-]*")


class EntityParseError(ValueError):
    """The text does not parse in the given parse mode."""


@dataclass
class ParsedText:
    """Plain text as the user sees it and its entities (Bot API `MessageEntity` dicts)."""

    text: str
    entities: list[dict[str, object]] = field(default_factory=list)


def utf16_len(text: str) -> int:
    """Length of a string in UTF-16 code units, the unit of Bot API offsets and limits."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


class _Builder:
    """Accumulates plain text and entities, tracking the UTF-16 position."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.entities: list[dict[str, object]] = []

    def emit(self, chunk: str) -> None:
        self.parts.append(chunk)
        self.pos += utf16_len(chunk)

    def entity(self, kind: str, start: int, **extra: object) -> None:
        if self.pos > start:
            self.entities.append(
                {"type": kind, "offset": start, "length": self.pos - start, **extra}
            )

    def result(self) -> ParsedText:
        entities = sorted(self.entities, key=lambda e: (e["offset"], -int(e["length"])))  # type: ignore[call-overload]
        return ParsedText("".join(self.parts), entities)


def _decode_html_entity(text: str, index: int) -> tuple[str, int]:
    match = _HTML_ENTITY.match(text, index)
    where = f"at byte offset {_byte_offset(text, index)}"
    if match is None:
        raise EntityParseError(f"bare '&' {where}: escape it as &amp; (stricter than Telegram)")
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        if name not in NAMED_HTML_ENTITIES:
            raise EntityParseError(
                f"unsupported named HTML entity &{name}; {where}: only &lt; &gt; &amp; &quot; "
                "and numeric entities are supported"
            )
        return NAMED_HTML_ENTITIES[name], match.end()
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise EntityParseError(f"invalid numeric HTML entity {where}")
    return chr(code), match.end()


def _html_attributes(text: str, index: int, tag: str) -> tuple[dict[str, str], int]:
    """Parse attributes after a tag name up to and including `>`; return them and the end."""
    attributes: dict[str, str] = {}
    start = index
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index >= len(text):
            raise EntityParseError(f"unclosed start tag at byte offset {_byte_offset(text, start)}")
        if text[index] == ">":
            return attributes, index + 1
        name_match = _ATTR_NAME.match(text, index)
        if name_match is None:
            raise EntityParseError(
                f'empty attribute name in the tag "{tag}" at byte offset '
                f"{_byte_offset(text, index)}"
            )
        name = name_match.group().lower()
        index = name_match.end()
        value = ""
        if index < len(text) and text[index] == "=":
            index += 1
            if index < len(text) and text[index] in "\"'":
                quote = text[index]
                end = text.find(quote, index + 1)
                if end < 0:
                    raise EntityParseError(
                        f"unclosed start tag at byte offset {_byte_offset(text, start)}"
                    )
                raw, index = text[index + 1 : end], end + 1
            else:
                end = index
                while end < len(text) and not text[end].isspace() and text[end] != ">":
                    end += 1
                raw, index = text[index:end], end
            value = _decode_html_text(raw)
        attributes[name] = value


def _decode_html_text(raw: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(raw):
        if raw[index] == "&":
            chunk, index = _decode_html_entity(raw, index)
            out.append(chunk)
        else:
            out.append(raw[index])
            index += 1
    return "".join(out)


def _check_html_tag(tag: str, attributes: dict[str, str], where: str) -> None:
    if tag == "span" and attributes.get("class") != "tg-spoiler":
        raise EntityParseError(f'tag "span" must have class "tg-spoiler" {where}')
    if tag == "tg-emoji" and not attributes.get("emoji-id", "").isdigit():
        raise EntityParseError(f'tag "tg-emoji" must have a numeric attribute "emoji-id" {where}')
    if tag == "a" and not attributes.get("href", "").startswith(LINK_SCHEMES):
        raise EntityParseError(
            f"<a> needs href starting with one of {', '.join(LINK_SCHEMES)} {where} "
            "(stricter than Telegram)"
        )


def parse_html(text: str) -> ParsedText:
    """Parse Telegram-flavoured HTML; raise `EntityParseError` like Telegram does."""
    out = _Builder()
    stack: list[tuple[str, int, dict[str, str]]] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "&":
            chunk, index = _decode_html_entity(text, index)
            out.emit(chunk)
            continue
        if char != "<":
            out.emit(char)
            index += 1
            continue
        where = f"at byte offset {_byte_offset(text, index)}"
        if text.startswith("</", index):
            match = _TAG_NAME.match(text, index + 2)
            close = re.compile(r"\s*>").match(text, match.end()) if match else None
            if match is None or close is None:
                raise EntityParseError(f"bad end tag {where}")
            tag = match.group().lower()
            if not stack:
                raise EntityParseError(f'unexpected end tag "</{tag}>" {where}')
            open_tag, start, attributes = stack.pop()
            if open_tag != tag:
                raise EntityParseError(
                    f'unmatched end tag {where}, expected "</{open_tag}>", found "</{tag}>"'
                )
            _close_html_tag(out, tag, start, attributes, stack)
            index = close.end()
            continue
        match = _TAG_NAME.match(text, index + 1)
        if match is None:
            raise EntityParseError(f"unexpected '<' {where}: escape it as &lt;")
        tag = match.group().lower()
        if tag not in HTML_TAG_ENTITY:
            raise EntityParseError(f'unsupported start tag "{tag}" {where}')
        attributes, index = _html_attributes(text, match.end(), tag)
        _check_html_tag(tag, attributes, where)
        stack.append((tag, out.pos, attributes))
    if stack:
        raise EntityParseError(f'can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return out.result()


def _close_html_tag(
    out: _Builder,
    tag: str,
    start: int,
    attributes: dict[str, str],
    stack: list[tuple[str, int, dict[str, str]]],
) -> None:
    kind = HTML_TAG_ENTITY[tag]
    language = attributes.get("class", "")
    if tag == "code" and stack and stack[-1][0] == "pre" and language.startswith("language-"):
        # <pre><code class="language-x"> is one pre entity with a language, as in Telegram.
        stack[-1][2]["language"] = language.removeprefix("language-")
        return
    if tag == "a":
        out.entity(kind, start, url=attributes["href"])
    elif tag == "pre" and attributes.get("language"):
        out.entity(kind, start, language=attributes["language"])
    elif tag == "blockquote" and "expandable" in attributes:
        out.entity("expandable_blockquote", start)
    elif tag == "tg-emoji":
        out.entity(kind, start, custom_emoji_id=attributes["emoji-id"])
    else:
        out.entity(kind, start)


_MD2_TOGGLES = {
    "*": "bold",
    "_": "italic",
    "__": "underline",
    "~": "strikethrough",
    "||": "spoiler",
}


def _md2_read_until(text: str, index: int, stop: str, what: str) -> tuple[str, int]:
    """Read escaped content (only `\\` escapes) up to an unescaped `stop`; return it and the end."""
    out: list[str] = []
    start = index
    while index < len(text):
        if text[index] == "\\" and index + 1 < len(text):
            out.append(text[index + 1])
            index += 2
        elif text.startswith(stop, index):
            return "".join(out), index + len(stop)
        else:
            out.append(text[index])
            index += 1
    raise EntityParseError(
        f"can't find end of {what} entity at byte offset {_byte_offset(text, start)}"
    )


def parse_markdown_v2(text: str) -> ParsedText:
    """Parse MarkdownV2; every reserved character outside markup must be escaped."""
    out = _Builder()
    stack: list[tuple[str, int, int]] = []  # (kind, utf16 start, source index)
    quote_start: int | None = None
    index = 0
    while index < len(text):
        at_line_start = index == 0 or text[index - 1] == "\n"
        if at_line_start and quote_start is not None and not text.startswith(">", index):
            out.entity("blockquote", quote_start)
            quote_start = None
        char = text[index]
        if char == "\\" and index + 1 < len(text) and 0 < ord(text[index + 1]) <= 126:
            out.emit(text[index + 1])
            index += 2
            continue
        if char not in MARKDOWN_V2_RESERVED:
            out.emit(char)
            index += 1
            continue
        if char == ">" and at_line_start:
            quote_start = out.pos if quote_start is None else quote_start
            index += 1
            continue
        if text.startswith("```", index):
            body, index = _md2_read_until(text, index + 3, "```", "pre")
            language, newline, code = body.partition("\n")
            start = out.pos
            out.emit(code if newline else body)
            out.entity("pre", start, **({"language": language} if newline and language else {}))
            continue
        if char == "`":
            body, index = _md2_read_until(text, index + 1, "`", "code")
            start = out.pos
            out.emit(body)
            out.entity("code", start)
            continue
        if char == "[" or text.startswith("![", index):
            kind = "custom_emoji" if char == "!" else "text_link"
            stack.append((kind, out.pos, index))
            index += 2 if char == "!" else 1
            continue
        if char == "]" and stack and stack[-1][0] in ("text_link", "custom_emoji"):
            kind, start, _ = stack.pop()
            if not text.startswith("(", index + 1):
                raise EntityParseError(
                    f"a link needs (url) after ] at byte offset {_byte_offset(text, index)}"
                )
            url, index = _md2_read_until(text, index + 2, ")", "URL")
            if kind == "custom_emoji":
                out.entity(kind, start, custom_emoji_id=url.rpartition("id=")[2])
            elif not url.startswith(LINK_SCHEMES):
                raise EntityParseError(f"link URL {url!r} is not a URL (stricter than Telegram)")
            else:
                out.entity(kind, start, url=url)
            continue
        marker = text[index : index + 2] if text.startswith(("__", "||"), index) else char
        if marker in _MD2_TOGGLES:
            kind = _MD2_TOGGLES[marker]
            if stack and stack[-1][0] == kind:
                out.entity(kind, stack.pop()[1])
            elif any(entry[0] == kind for entry in stack):
                raise EntityParseError(
                    f"entities cross at byte offset {_byte_offset(text, index)}: close "
                    f"{stack[-1][0]} before {kind}"
                )
            else:
                stack.append((kind, out.pos, index))
            index += len(marker)
            continue
        raise EntityParseError(
            f"character '{char}' is reserved and must be escaped with the preceding '\\' "
            f"(byte offset {_byte_offset(text, index)})"
        )
    if quote_start is not None:
        out.entity("blockquote", quote_start)
    if stack:
        kind, _, source = stack[-1]
        raise EntityParseError(
            f"can't find end of {kind} entity at byte offset {_byte_offset(text, source)}"
        )
    return out.result()


def parse_markdown(text: str) -> ParsedText:
    """Parse legacy Markdown (`*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, links)."""
    out = _Builder()
    kinds = {"*": "bold", "_": "italic"}
    index = 0
    while index < len(text):
        char = text[index]
        if text.startswith("```", index) or char == "`":
            stop = "```" if text.startswith("```", index) else "`"
            end = text.find(stop, index + len(stop))
            if end < 0:
                raise EntityParseError(
                    f"can't find end of the entity starting at byte offset "
                    f"{_byte_offset(text, index)}"
                )
            start = out.pos
            out.emit(text[index + len(stop) : end])
            out.entity("pre" if stop == "```" else "code", start)
            index = end + len(stop)
        elif char in kinds:
            end = text.find(char, index + 1)
            if end < 0:
                raise EntityParseError(
                    f"can't find end of the entity starting at byte offset "
                    f"{_byte_offset(text, index)}"
                )
            start = out.pos
            out.emit(text[index + 1 : end])
            out.entity(kinds[char], start)
            index = end + 1
        elif char == "[" and (link := re.compile(r"\[([^\]]*)\]\(([^)]*)\)").match(text, index)):
            start = out.pos
            out.emit(link.group(1))
            out.entity("text_link", start, url=link.group(2))
            index = link.end()
        else:
            out.emit(char)
            index += 1
    return out.result()


def parse_text(text: str, parse_mode: str | None) -> ParsedText:
    """Parse text in a Bot API parse mode (None: plain text)."""
    if not parse_mode:
        return ParsedText(text)
    mode = parse_mode.lower()
    if mode == "html":
        return parse_html(text)
    if mode == "markdownv2":
        return parse_markdown_v2(text)
    if mode == "markdown":
        return parse_markdown(text)
    raise EntityParseError(f"unsupported parse_mode {parse_mode!r}")
