"""Callback data: short typed strings like `o:42:ext`, built and parsed strictly."""

from __future__ import annotations

import re

MAX_BYTES = 64  # Telegram's limit for callback_data
_PART = re.compile(r"^[A-Za-z0-9_.+-]{1,40}$")
_NAMESPACE = re.compile(r"^[a-z]{1,8}$")


class ForgedCallback(ValueError):
    """Callback data that this bot could not have produced."""


def make(namespace: str, *parts: object) -> str:
    """Build callback data `namespace:part:part`; fails loudly if it breaks the format."""
    text_parts = [str(part) for part in parts]
    if not _NAMESPACE.match(namespace) or not all(_PART.match(part) for part in text_parts):
        raise ValueError(f"invalid callback data parts: {namespace!r} {text_parts!r}")
    data = ":".join([namespace, *text_parts])
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def parse(data: object, namespace: str, arity: int | tuple[int, ...]) -> list[str]:
    """The parts after `namespace:`; ForgedCallback if the shape is not what we produce."""
    if not isinstance(data, str) or len(data.encode()) > MAX_BYTES:
        raise ForgedCallback(repr(data)[:80])
    head, *parts = data.split(":")
    allowed = (arity,) if isinstance(arity, int) else arity
    if head != namespace or len(parts) not in allowed or not all(_PART.match(p) for p in parts):
        raise ForgedCallback(repr(data)[:80])
    return parts


def parse_int(value: str) -> int:
    """A positive integer part (an order id, a page); ForgedCallback otherwise."""
    if not value.isdigit() or len(value) > 18:
        raise ForgedCallback(value[:40])
    return int(value)
