"""Put a screen of the orders feature in the chat: edit the pressed message, or send a new one."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

log = logging.getLogger(__name__)


async def show(
    update: Update, text: str, markup: InlineKeyboardMarkup | None, *, edit: bool
) -> None:
    """Show HTML `text` with `markup`, in place of the pressed button's message when `edit`."""
    query = update.callback_query
    if edit and query is not None and isinstance(query.message, Message):
        try:
            await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
            return
        except BadRequest as error:
            # Too old to edit, or deleted: a new message still shows the screen. (An edit that
            # changes nothing succeeds: bot/requests.py.)
            log.info("could not edit message %s: %s", query.message.message_id, error)
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(text, parse_mode=ParseMode.HTML, reply_markup=markup)
