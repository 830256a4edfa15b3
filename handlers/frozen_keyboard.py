"""Inline keyboards built once and sent many times."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup


class FrozenKeyboard(InlineKeyboardMarkup):
    """An inline keyboard whose wire form is computed once, for keyboards kept in a cache.

    PTB turns a keyboard into a dict on every send by walking every button; a cached keyboard
    (telegram objects cannot change after creation) would repeat that for every user.
    """

    __slots__ = ("_wire",)

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        """The keyboard as the Bot API wants it (fresh rows and buttons for every caller)."""
        if not recursive:
            return super().to_dict(recursive=False)
        try:
            wire = self._wire
        except AttributeError:
            wire = super().to_dict(recursive=True)
            # Telegram objects refuse attribute changes after creation; this one is a cache.
            object.__setattr__(self, "_wire", wire)
        # A fresh dict per row and button (cheap, unlike a deep copy); PTB only reads them.
        return {
            **wire,
            "inline_keyboard": [[dict(b) for b in row] for row in wire["inline_keyboard"]],
        }
