"""The last line of defence: stale buttons, forged data and unexpected errors."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import Forbidden, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
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

# The questionnaire's and the unsaved advice's flow names and the buttons that bring them back
# (handlers/conversation/render.py and card_screen.py; not imported: the conversation package
# imports this module).
QUESTION_FLOW = "q"
ADVICE_FLOW = "advice"
RESUME_DATA = make("q", "resume")
SHOW_ADVICE_DATA = make("a", "show")
# bot_data key: a callable saying whether the shutdown left the updates in hand unconfirmed
# (bot/polling.py), so that they come again at the next start.
COME_AGAIN_AFTER_STOP = "updates_come_again_after_stop"


async def _answer_quietly(update: Update, text: str | None = None) -> None:
    """Answer the callback query if there is one; it may have been answered already."""
    if update.callback_query is None:
        return
    try:
        await update.callback_query.answer(text)
    except TelegramError:
        pass


async def send_fresh_menu(
    update: Update, text: str, context: ContextTypes.DEFAULT_TYPE | None = None
) -> None:
    """Tell the user `text` with a fresh main menu, in a new message; with `context`, headed by
    the way back to a questionnaire in progress or advice not saved yet, if there is one (the
    menu alone reads as if it were gone)."""
    chat = update.effective_chat
    if chat is None:
        return
    keyboard = main_menu_keyboard()
    back = await _way_back(update, context) if context is not None else None
    if back is not None:
        keyboard = InlineKeyboardMarkup([[back], *keyboard.inline_keyboard])
    await chat.send_message(text, reply_markup=keyboard)


async def _way_back(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> InlineKeyboardButton | None:
    """The button back to the user's unfinished questionnaire or unsaved advice, if any."""
    return way_back_button(await _open_flow(update, context))


def way_back_button(flow: str | None) -> InlineKeyboardButton | None:
    """The button back to a conversation of this flow: the questionnaire or unsaved advice."""
    if flow == QUESTION_FLOW:
        return InlineKeyboardButton(_("▶️ Continue the questionnaire"), callback_data=RESUME_DATA)
    if flow == ADVICE_FLOW:
        return InlineKeyboardButton(_("📋 Show my unsaved advice"), callback_data=SHOW_ADVICE_DATA)
    return None


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button nothing handles any more (an old message, a finished flow)."""
    log.info("stale or unknown callback data %r", (update.callback_query.data or "")[:64])
    await _answer_quietly(update, _("This menu is out of date."))
    await send_fresh_menu(update, _("This menu is out of date. Here is a fresh one:"), context)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error and tell the user, in their language, that something went wrong."""
    if not isinstance(update, Update):
        log.error("error outside an update", exc_info=context.error)
        return
    if isinstance(context.error, ForgedCallback):
        user_id = update.effective_user.id if update.effective_user else None
        log.warning("refused forged callback data from user %s: %s", user_id, context.error)
        await _answer_quietly(update, _("This menu is out of date."))
        await send_fresh_menu(update, _("This menu is out of date. Here is a fresh one:"), context)
        return
    if isinstance(context.error, Forbidden):
        # The user blocked the bot (Telegram's my_chat_member marks them so): nobody to tell.
        user_id = update.effective_user.id if update.effective_user else None
        log.info("user %s cannot be written to (%s)", user_id, context.error)
        return
    if _comes_again(context):
        # Stopping, with a Bot API call failing: telling the user would likely fail as well and
        # hold the shutdown. Left unmarked, the update is handled afresh at the next start.
        log.warning(
            "update %s failed while stopping (%s); it is handled again at the next start",
            update.update_id,
            type(context.error).__name__,
        )
        raise ApplicationHandlerStop
    log.error("error while handling update %s", update.update_id, exc_info=context.error)
    resume = await _open_flow(update, context) == QUESTION_FLOW
    await tell_something_went_wrong(update, resume=resume)


def _comes_again(context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the update failed while the bot stops, its batch left unconfirmed: it will come
    again (not in webhook mode, where Telegram was answered on arrival)."""
    come_again = context.application.bot_data.get(COME_AGAIN_AFTER_STOP)
    return bool(
        come_again is not None
        and come_again()
        and not context.application.running
        and isinstance(context.error, NetworkError)
    )


async def _open_flow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The flow of the user's conversation in progress, if any (None also when it cannot be
    looked up: the menu alone will do)."""
    user = update.effective_user
    if user is None or update.effective_chat is None:
        return None
    if update.effective_chat.type != ChatType.PRIVATE:
        return None
    try:
        conversation = await conversations.get(runtime(context).db, user.id)
    except Exception:  # the database may be what failed
        log.warning("could not look up the conversation", exc_info=True)
        return None
    return conversation.flow if conversation is not None else None


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
        update, _("I do not know this command. Here is what I can do (or see /help):"), context
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
