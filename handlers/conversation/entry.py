"""Ways into the questionnaire: /new, the menu's New problem order, /start and its deep link."""

from __future__ import annotations

import html
import logging

from telegram import BotCommandScopeChat, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from handlers import start as start_screen
from handlers.commands import bot_commands
from handlers.conversation import card_screen, render
from handlers.conversation.flow import begin_new, env, state_of
from handlers.conversation.unfinished import (
    Unfinished,
    back_to_it_button,
    question_kind,
    unfinished,
)
from handlers.menu import main_menu_keyboard
from handlers.screen import show
from locales import N_
from locales.runtime import OTHER_LANGUAGES, current_language
from storage import conversations

log = logging.getLogger(__name__)

# `/start new`: the deep link of the inline mode's "open the bot to create a text" button.
DEEP_LINK_NEW = "new"
# `/start orders` opens My orders (inline mode's way back to an order whose texts changed).
DEEP_LINK_ORDERS = "orders"
# Instead of "Start over" when what is unfinished is a saved order's follow-up.
NEW_ORDER_INSTEAD = N_("📝 Start a new order")


async def _offer_resume(update: Update, context: ContextTypes.DEFAULT_TYPE, *, edit: bool) -> bool:
    """If a questionnaire is half answered or its advice unsaved, ask whether to go back to it
    or start over; True if asked."""
    e = env(context)
    # A questionnaire put on hold (typing a time zone) counts as much as one on screen.
    conversation = await conversations.unsuspend(e.rt.db, e.user.user_id)
    kind = unfinished(conversation)
    if kind is Unfinished.advice:
        text = e.tr.gettext(
            "You have advice that is not saved yet. Show it again, or start a new questionnaire?"
        )
        await show(update, html.escape(text), card_screen.unsaved_offer_keyboard(e.tr), edit=edit)
        return True
    if kind is None:
        return False
    if kind is Unfinished.followup:
        # A saved order's follow-up (walk C: "start over" read as starting it over, and dropped
        # it for a new order): say what is unfinished, and what starting anew keeps.
        text = e.tr.gettext(
            "You have not finished updating a saved order. Continue where you stopped, or start"
            " a new order? The saved order stays as it was."
        )
        keyboard = render.resume_keyboard(e.tr, restart_label=NEW_ORDER_INSTEAD)
    else:
        text = e.tr.gettext(
            "You have a questionnaire in progress. Continue where you stopped, or start over?"
        )
        keyboard = render.resume_keyboard(e.tr)
    await show(update, html.escape(text), keyboard, edit=edit)
    return True


async def new_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/new: start the questionnaire (or offer to continue the one in progress)."""
    if update.effective_message is None:
        return
    if not await _offer_resume(update, context, edit=False):
        await begin_new(update, context, edit=False)


async def new_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The main menu's New problem order button."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    if not await _offer_resume(update, context, edit=True):
        await begin_new(update, context, edit=True)


async def _commands_in_reply_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Telegram gives a user without a language code the list for every other language (in
    English, bot/app.py), while the bot answers them in DEFAULT_LANGUAGE: their chat gets the
    list in that language (review AP)."""
    user, chat = update.effective_user, update.effective_chat
    language = current_language.get()
    if user is None or chat is None or user.language_code or language == OTHER_LANGUAGES:
        return
    try:
        await context.bot.set_my_commands(
            bot_commands(language), scope=BotCommandScopeChat(chat.id)
        )
    except TelegramError as error:  # the menu can wait; the greeting cannot
        log.warning("could not set the commands of chat %s: %s", chat.id, error)


async def start_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: offer to continue a questionnaire in progress; else the usual greeting."""
    if update.effective_message is None:
        return
    await _commands_in_reply_language(update, context)
    if context.args and context.args[0] == DEEP_LINK_ORDERS:
        # Asked for by name (inline mode's button): not held up by the offer to continue.
        from handlers.orders import orders_command  # a feature beside this one, not below it

        await orders_command(update, context)
        return
    if await _offer_resume(update, context, edit=False):
        return
    if context.args and context.args[0] == DEEP_LINK_NEW:
        await begin_new(update, context, edit=False)
        return
    e = env(context)
    conversation = await conversations.get(e.rt.db, e.user.user_id)
    if state_of(conversation) is not None:
        # A question still waits (a follow-up's first, walk N): a date typed next would answer
        # it, so the menu says so with the way back to it.
        rows = [[back_to_it_button(question_kind(conversation), e.tr)]]
        rows += main_menu_keyboard().inline_keyboard
        await update.effective_message.reply_text(
            start_screen.greeting(), reply_markup=InlineKeyboardMarkup(rows)
        )
        return
    await start_screen.start(update, context)
