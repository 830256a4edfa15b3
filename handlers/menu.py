"""The main menu: the buttons every screen can come back to."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.callbacks import make
from locales.runtime import _


def main_menu_keyboard() -> InlineKeyboardMarkup:
    """New problem order, My orders, Settings, Help."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(_("📝 New problem order"), callback_data=make("m", "new"))],
            [InlineKeyboardButton(_("📦 My orders"), callback_data=make("m", "orders"))],
            [
                InlineKeyboardButton(_("⚙️ Settings"), callback_data=make("m", "settings")),
                InlineKeyboardButton(_("❓ Help"), callback_data=make("m", "help")),
            ],
        ]
    )


def back_to_menu_button() -> InlineKeyboardButton:
    """A button that returns to the main menu."""
    return InlineKeyboardButton(_("⬅️ Main menu"), callback_data=make("m", "menu"))
