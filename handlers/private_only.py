"""Group chats and channels: orders, prices and deadlines are shown in private chats only.

Anyone in a group would see a member's order list, card or dispute text, so the bot answers
nothing there but a pointer to its private chat (to a command), or a toast (to a button of an
old message it posted there). Inline mode, which the user types in any chat to share their own
text, is not a chat update and stays available.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import Application, BaseHandler, ContextTypes

from locales.runtime import _

log = logging.getLogger(__name__)


class OutsidePrivateChatHandler(BaseHandler[Update, ContextTypes.DEFAULT_TYPE, None]):
    """Claims every update that comes from a chat other than a private one."""

    def check_update(self, update: object) -> bool:
        """Whether the update has a chat, and it is a group, supergroup or channel."""
        if not isinstance(update, Update):
            return False
        chat = update.effective_chat
        return chat is not None and chat.type != ChatType.PRIVATE


async def outside_private_chat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Point a command to the private chat; a button press gets a toast; the rest: silence."""
    query = update.callback_query
    if query is not None:
        await query.answer(
            _("I only work in a private chat with you: open me there."), show_alert=True
        )
        return
    message = update.message
    if message is None or not message.text or not message.text.startswith("/"):
        return  # group chatter, a channel post, the bot added or removed: nothing to say
    command = message.text.split()[0]
    addressee = command.partition("@")[2]
    if addressee and addressee.casefold() != (context.bot.username or "").casefold():
        return  # another bot's command (/start@other_bot)
    chat = update.effective_chat
    log.info("a command in %s chat %s: pointed to the private chat", chat.type, chat.id)  # type: ignore[union-attr]
    link = InlineKeyboardButton(
        _("💬 Open a private chat"), url=f"https://t.me/{context.bot.username}"
    )
    await message.reply_text(
        _(
            "I help with AliExpress orders in a private chat only, so that your orders, prices "
            "and dispute texts stay private. Write to me there."
        ),
        reply_markup=InlineKeyboardMarkup([[link]]),
    )


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the handler; registered first, so no other handler sees such an update."""
    app.add_handler(OutsidePrivateChatHandler(outside_private_chat))
