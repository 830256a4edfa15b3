"""/cancel: stop the conversation in progress, keeping saved orders."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from handlers.menu import main_menu_keyboard
from handlers.middleware import require_user
from handlers.runtime import runtime
from locales.runtime import _
from storage import conversations


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drop the questionnaire in progress (if any) and show the main menu."""
    if update.effective_message is None:
        return
    had_one = await conversations.clear(runtime(context).db, require_user().user_id)
    text = (
        _("Cancelled. Your saved orders are untouched.")
        if had_one
        else _("There is nothing to cancel.")
    )
    await update.effective_message.reply_text(text, reply_markup=main_menu_keyboard())


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add /cancel."""
    app.add_handler(CommandHandler("cancel", cancel))
