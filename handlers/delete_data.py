"""/delete_my_data: after a confirmation, remove everything the bot stores about the user."""

from __future__ import annotations

import html
import logging
import time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from handlers.callbacks import ForgedCallback, make, parse, parse_int
from handlers.menu import main_menu_keyboard
from handlers.middleware import require_user
from handlers.runtime import runtime
from handlers.screen import show
from locales import N_
from locales.runtime import _, ngettext
from storage import orders, users

log = logging.getLogger(__name__)


# A confirmation older than this is asked again: the data it described may have changed.
CONFIRM_SECONDS = 10 * 60


def confirm_keyboard(shown_at: int) -> InlineKeyboardMarkup:
    """Yes, delete (with the time the question was shown) / No, keep."""
    yes = make("del", "yes", str(shown_at))
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(_("🗑 Yes, delete everything"), callback_data=yes)],
            [InlineKeyboardButton(_("No, keep my data"), callback_data=make("del", "no"))],
        ]
    )


async def _question(context: ContextTypes.DEFAULT_TYPE) -> str:
    """What will be deleted: the saved orders counted, archived ones too."""
    rt = runtime(context)
    user_id = require_user().user_id
    count = await orders.count_for_user(rt.db, user_id) + await orders.count_for_user(
        rt.db, user_id, status="archived"
    )
    if count == 0:
        return _(
            "Delete everything I store about you? You have no saved orders; this removes your "
            "latest texts, any questionnaire in progress and your settings. This cannot be "
            "undone."
        )
    return ngettext(
        "Delete everything I store about you? This removes your %(count)d saved order "
        "with its reminders, your latest texts, any questionnaire in progress and your "
        "settings. This cannot be undone.",
        "Delete everything I store about you? This removes your %(count)d saved orders "
        "with their reminders, your latest texts, any questionnaire in progress and your "
        "settings. This cannot be undone.",
        count,
    ) % {"count": count}


async def ask_delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain what will be deleted and ask for confirmation."""
    if update.effective_message is None:
        return
    question = await _question(context)
    markup = confirm_keyboard(int(time.time()))
    await update.effective_message.reply_text(question, reply_markup=markup)


async def _still_meant(context: ContextTypes.DEFAULT_TYPE, shown_at: int | None) -> bool:
    """Whether a "Yes" pressed now confirms what its question said: shown within
    CONFIRM_SECONDS, and no order saved since (walk AM: an old "Yes" deleted an order saved
    after it)."""
    now = int(time.time())
    if shown_at is None or not now - CONFIRM_SECONDS <= shown_at <= now:
        return False
    saved = await orders.saved_since(runtime(context).db, require_user().user_id, shown_at)
    return saved == 0


# Settings' "Delete my data" button: the question, as /delete_my_data asks it.
ASK = "ask"
DELETE_LABEL = N_("🗑 Delete my data")


async def confirm_delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`del:ask` asks first; `del:yes` deletes the user and everything of theirs; `del:no` keeps
    it all."""
    query = update.callback_query
    if query is None:
        return
    choice, *rest = parse(query.data, "del", (1, 2))
    if rest and choice != "yes":
        raise ForgedCallback(str(query.data))
    if choice == ASK:
        # From Settings (walk AJ: only the typed /delete_my_data led here).
        await query.answer()
        await ask_delete(update, context)
        return
    if choice == "no":
        # Imported here: the conversation feature imports the menus this module is part of.
        from handlers.conversation.unfinished import with_way_back

        await query.answer()
        markup = await with_way_back(context, main_menu_keyboard())
        await show(update, html.escape(_("Nothing was deleted.")), markup, edit=True)
        return
    if choice != "yes":
        raise ForgedCallback(str(query.data))
    if not await _still_meant(context, parse_int(rest[0]) if rest else None):
        # Asked again, as it stands now: nothing is deleted on an old or altered question.
        await query.answer(_("This question is out of date: please confirm again."))
        markup = confirm_keyboard(int(time.time()))
        await show(update, html.escape(await _question(context)), markup, edit=True)
        return
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
