"""/cancel: stop the conversation in progress, keeping saved orders."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from handlers.menu import main_menu_keyboard
from handlers.middleware import require_user
from handlers.orders import show_order_card
from handlers.runtime import runtime
from handlers.screen import retire_keyboard
from locales.runtime import _
from storage import conversations, orders


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drop the questionnaire in progress (if any); back to its order, or to the main menu."""
    message = update.effective_message
    if message is None:
        return
    rt = runtime(context)
    user = require_user()
    current = await conversations.get(rt.db, user.user_id)
    had_one = await conversations.clear(rt.db, user.user_id)
    if current is not None and current.message_id is not None:
        # The cancelled question (or unsaved advice) keeps no buttons that would only say
        # "out of date".
        await retire_keyboard(context.bot, user.user_id, current.message_id)
    order_id = current.order_id if current is not None else None
    if order_id is not None and await orders.get_for_user(rt.db, order_id, user.user_id):
        # A follow-up of a saved order: the order is unchanged; show it again.
        await message.reply_text(_("Cancelled. The order is unchanged."))
        await show_order_card(update, context, order_id)
        return
    text = (
        _("Cancelled. Your saved orders are untouched.")
        if had_one
        else _("There is nothing to cancel.")
    )
    await message.reply_text(text, reply_markup=main_menu_keyboard())


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add /cancel."""
    app.add_handler(CommandHandler("cancel", cancel))
