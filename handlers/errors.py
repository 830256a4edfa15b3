"""The last line of defence: stale buttons, forged data and unexpected errors."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from handlers.callbacks import ForgedCallback, make
from handlers.menu import main_menu_keyboard
from handlers.runtime import runtime
from locales.runtime import _
from storage import conversations

log = logging.getLogger(__name__)

# The questionnaire's flow name and its Continue button (handlers/conversation/render.py; not
# imported: the conversation package imports this module).
QUESTION_FLOW = "q"
RESUME_DATA = make("q", "resume")


async def _answer_quietly(update: Update, text: str | None = None) -> None:
    """Answer the callback query if there is one; it may have been answered already."""
    if update.callback_query is None:
        return
    try:
        await update.callback_query.answer(text)
    except TelegramError:
        pass


async def send_fresh_menu(update: Update, text: str) -> None:
    """Tell the user `text` with a fresh main menu, in a new message."""
    chat = update.effective_chat
    if chat is None:
        return
    await chat.send_message(text, reply_markup=main_menu_keyboard())


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button nothing handles any more (an old message, a finished flow)."""
    log.info("stale or unknown callback data %r", (update.callback_query.data or "")[:64])
    await _answer_quietly(update, _("This menu is out of date."))
    await send_fresh_menu(update, _("This menu is out of date. Here is a fresh one:"))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error and tell the user, in their language, that something went wrong."""
    if not isinstance(update, Update):
        log.error("error outside an update", exc_info=context.error)
        return
    if isinstance(context.error, ForgedCallback):
        user_id = update.effective_user.id if update.effective_user else None
        log.warning("refused forged callback data from user %s: %s", user_id, context.error)
        await _answer_quietly(update, _("This menu is out of date."))
        await send_fresh_menu(update, _("This menu is out of date. Here is a fresh one:"))
        return
    if isinstance(context.error, Forbidden):
        # The user blocked the bot (Telegram's my_chat_member marks them so): nobody to tell.
        user_id = update.effective_user.id if update.effective_user else None
        log.info("user %s cannot be written to (%s)", user_id, context.error)
        return
    log.error("error while handling update %s", update.update_id, exc_info=context.error)
    await tell_something_went_wrong(update, resume=await _questionnaire_open(update, context))


async def _questionnaire_open(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the user has a question waiting (so the apology can bring it back)."""
    user = update.effective_user
    if user is None:
        return False
    try:
        conversation = await conversations.get(runtime(context).db, user.id)
    except Exception:  # the database may be what failed: the menu alone will do
        log.warning("could not look up the conversation after an error", exc_info=True)
        return False
    return conversation is not None and conversation.flow == QUESTION_FLOW


async def tell_something_went_wrong(update: Update, *, resume: bool = False) -> None:
    """Answer the button (if any) and say, in the user's language, that something failed;
    with `resume`, a Continue button brings back the question the user was at."""
    await _answer_quietly(update)
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return  # in a group nothing is said (handlers/private_only.py): the menu is private
    keyboard = main_menu_keyboard()
    if resume:
        resume_button = InlineKeyboardButton(_("▶️ Continue"), callback_data=RESUME_DATA)
        keyboard = InlineKeyboardMarkup([[resume_button], *keyboard.inline_keyboard])
    try:
        await chat.send_message(
            _(
                "Sorry, something went wrong on my side. Nothing you entered is lost: "
                "try again, or send /cancel to stop what you were doing."
            ),
            reply_markup=keyboard,
        )
    except TelegramError:
        log.warning("could not tell the user about the error", exc_info=True)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command this bot does not have: say so and show what it can do."""
    await send_fresh_menu(
        update, _("I do not know this command. Here is what I can do (or see /help):")
    )


def register_fallbacks(app: Application) -> None:  # type: ignore[type-arg]
    """Catch-all handlers: add after every feature's handlers."""
    app.add_handler(CallbackQueryHandler(stale_button))
    app.add_handler(
        MessageHandler(
            filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.COMMAND,
            unknown_command,
        )
    )


def register(app: Application) -> None:  # type: ignore[type-arg]
    """The global error handler."""
    app.add_error_handler(on_error)
