"""Telegram's `my_chat_member` updates: the user blocked the bot, or unblocked it."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update
from telegram.constants import ChatType
from telegram.ext import Application, ChatMemberHandler, ContextTypes

from handlers import order_store
from handlers.runtime import runtime
from storage import users

log = logging.getLogger(__name__)


async def chat_member_changed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Mark the user blocked when they block the bot in their private chat; clear it on unblock."""
    change = update.my_chat_member
    if change is None or change.chat.type != ChatType.PRIVATE:
        return
    status = change.new_chat_member.status
    if status == ChatMember.BANNED:
        blocked = True
    elif status == ChatMember.MEMBER:
        blocked = False
    else:
        return
    # The middleware's upsert ran before this handler; it clears the flag, so set it after.
    rt = runtime(context)
    await users.set_blocked(rt.db, change.from_user.id, blocked)
    log.info("user %s %s the bot", change.from_user.id, "blocked" if blocked else "unblocked")
    if not blocked:
        # Blocking cancelled their reminders; bring back those of their active orders.
        user = await users.get(rt.db, change.from_user.id)
        if user is not None:
            await order_store.replan_reminders(rt, user)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Follow the bot's membership in private chats."""
    app.add_handler(ChatMemberHandler(chat_member_changed, ChatMemberHandler.MY_CHAT_MEMBER))
