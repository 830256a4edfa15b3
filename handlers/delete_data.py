"""/delete_my_data: after a confirmation, remove everything the bot stores about the user."""

from __future__ import annotations

import html
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from handlers.callbacks import ForgedCallback, make, parse
from handlers.menu import main_menu_keyboard
from handlers.middleware import require_user
from handlers.runtime import runtime
from handlers.screen import show
from locales import N_
from locales.runtime import _, ngettext
from storage import orders, users

log = logging.getLogger(__name__)


def confirm_keyboard() -> InlineKeyboardMarkup:
    """Yes, delete / No, keep."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(_("🗑 Yes, delete everything"), callback_data=make("del", "yes"))],
            [InlineKeyboardButton(_("No, keep my data"), callback_data=make("del", "no"))],
        ]
    )


async def ask_delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain what will be deleted and ask for confirmation."""
    if update.effective_message is None:
        return
    rt = runtime(context)
    user_id = require_user().user_id
    count = await orders.count_for_user(rt.db, user_id) + await orders.count_for_user(
        rt.db, user_id, status="archived"
    )
    if count == 0:
        question = _(
            "Delete everything I store about you? You have no saved orders; this removes your "
            "latest texts, any questionnaire in progress and your settings. This cannot be "
            "undone."
        )
    else:
        question = ngettext(
            "Delete everything I store about you? This removes your %(count)d saved order "
            "with its reminders, your latest texts, any questionnaire in progress and your "
            "settings. This cannot be undone.",
            "Delete everything I store about you? This removes your %(count)d saved orders "
            "with their reminders, your latest texts, any questionnaire in progress and your "
            "settings. This cannot be undone.",
            count,
        ) % {"count": count}
    await update.effective_message.reply_text(question, reply_markup=confirm_keyboard())


# Settings' "Delete my data" button: the question, as /delete_my_data asks it.
ASK = "ask"
DELETE_LABEL = N_("🗑 Delete my data")


async def confirm_delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`del:ask` asks first; `del:yes` deletes the user and everything of theirs; `del:no` keeps
    it all."""
    query = update.callback_query
    if query is None:
        return
    (choice,) = parse(query.data, "del", 1)
    if choice == ASK:
        # From Settings (walk AJ: only the typed /delete_my_data led here).
        await query.answer()
        await ask_delete(update, context)
        return
    if choice == "no":
        await query.answer()
        await show(update, html.escape(_("Nothing was deleted.")), main_menu_keyboard(), edit=True)
        return
    if choice != "yes":
        raise ForgedCallback(str(query.data))
    user_id = require_user().user_id
    # The foreign keys cascade from users to orders, reminders, conversations and texts.
    await users.delete(runtime(context).db, user_id)
    log.info("deleted all data of user %s at their request", user_id)
    await query.answer(_("Deleted."))
    # Shown as a new message where the confirmation can no longer be edited: the data is gone
    # either way, and "something went wrong" would say otherwise.
    done = _(
        "Done: I deleted your orders, reminders, texts and settings. "
        "If you need me again, just send /start."
    )
    await show(update, html.escape(done), None, edit=True)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add /delete_my_data and its confirmation buttons."""
    app.add_handler(CommandHandler("delete_my_data", ask_delete))
    app.add_handler(CallbackQueryHandler(confirm_delete, pattern=r"^del:"))
