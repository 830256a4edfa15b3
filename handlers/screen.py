"""Show a screen (shared by every feature): edit the message whose button was pressed, or send a
new one; take the buttons off a message the chat has moved past."""

from __future__ import annotations

import logging

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from storage.models import Conversation

log = logging.getLogger(__name__)


async def show(
    update: Update, text: str, markup: InlineKeyboardMarkup | None, *, edit: bool
) -> int | None:
    """Put an HTML screen in the chat and return its message id.

    With `edit` and a pressed button the button's message is edited in place; when that is
    impossible (the message is too old, or deleted) a new message is sent instead.
    """
    query = update.callback_query
    if edit and query is not None and isinstance(query.message, Message):
        try:
            await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
            return query.message.message_id
        except BadRequest as error:  # too old to edit, or deleted ("not modified" is success)
            log.info("could not edit message %s: %s", query.message.message_id, error)
    chat = update.effective_chat
    if chat is None:
        return None
    sent = await chat.send_message(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    return sent.message_id


def pressed_before_screen(query: CallbackQuery, conversation: Conversation | None) -> bool:
    """Whether the pressed message is older than the conversation's current screen (a chat's
    message ids only grow): an offer to start over that the buyer has since moved past."""
    shown = conversation.message_id if conversation is not None else None
    pressed = query.message.message_id if isinstance(query.message, Message) else None
    return shown is not None and pressed is not None and pressed < shown


async def retire_keyboard(bot: Bot, chat_id: int, message_id: int) -> None:
    """Take the buttons off a question the chat has moved past (a new message asks the next).

    Without it every typed answer leaves a live copy of the old buttons behind. Best effort:
    a message too old to edit, deleted, or already bare keeps what it has.
    """
    try:
        await bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
    except TelegramError as error:
        log.info("could not take the buttons off message %s: %s", message_id, error)


async def settle_screen(bot: Bot, chat_id: int, message_id: int, text: str) -> bool:
    """Replace a screen the chat has moved past with what came of it (HTML, no buttons), so
    it reads as a record rather than a question left open; False if it could not be edited."""
    try:
        await bot.edit_message_text(text, chat_id, message_id, parse_mode=ParseMode.HTML)
    except TelegramError as error:
        log.info("could not settle message %s: %s", message_id, error)
        return False
    return True
