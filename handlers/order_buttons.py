"""Buttons that act on a saved order from more than one screen (its card, its reminders)."""

from __future__ import annotations

from telegram import InlineKeyboardButton

from handlers.callbacks import make
from locales import N_, Translator

# One label wherever the order is archived: the card's button and the reminder's.
ARCHIVE_LABEL = N_("✅ Resolved: archive")
RESTORE_LABEL = N_("♻️ Restore")


def restore_button(tr: Translator, order_id: int) -> InlineKeyboardButton:
    """Bring an archived order back to the active ones (with its reminders)."""
    return InlineKeyboardButton(tr.gettext(RESTORE_LABEL), callback_data=make("o", order_id, "rst"))
