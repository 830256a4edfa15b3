"""/cancel: stop the conversation in progress, keeping saved orders."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler, ContextTypes

from advisor.questionnaire import current_question
from handlers.callbacks import make
from handlers.conversation import card_screen, render
from handlers.conversation.answers import answers_given, ask_to_stop
from handlers.conversation.flow import env, state_of
from handlers.conversation.unfinished import with_way_back
from handlers.menu import main_menu_keyboard
from handlers.middleware import require_user
from handlers.orders import show_order_card
from handlers.runtime import runtime
from handlers.screen import retire_keyboard
from handlers.settings import TZ_FLOW, conversations_clear_tz
from locales.runtime import _
from storage import conversations, orders
from storage.models import Conversation


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drop the questionnaire in progress (if any); back to its order, or to the main menu."""
    message = update.effective_message
    if message is None:
        return
    rt = runtime(context)
    user = require_user()
    current = await conversations.get(rt.db, user.user_id)
    if current is not None and await _asked_first(update, context, current):
        return
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


async def _asked_first(
    update: Update, context: ContextTypes.DEFAULT_TYPE, current: Conversation
) -> bool:
    """What /cancel must not drop at once (walk AM), handled; True if so: a time zone being
    typed is cancelled alone (the questionnaire it interrupted comes back); unsaved advice, and
    a new order's questionnaire with answers worth keeping, are asked about first, as its
    ✖️ Cancel button asks."""
    message = update.effective_message
    assert message is not None
    user = require_user()
    if current.flow == TZ_FLOW:
        await conversations_clear_tz(context, user)
        if current.message_id is not None:
            await retire_keyboard(context.bot, user.user_id, current.message_id)
        markup = await with_way_back(context, main_menu_keyboard())
        await message.reply_text(_("Cancelled: the time zone is unchanged."), reply_markup=markup)
        return True
    if card_screen.read_advice_state(current) is not None:
        drop = _("🗑 Yes, drop it")
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        drop,
                        callback_data=make(
                            card_screen.NAMESPACE,
                            card_screen.DROP,
                            card_screen.advice_token(current),
                        ),
                    )
                ],
                [
                    InlineKeyboardButton(
                        _("📋 Show my unsaved advice"),
                        callback_data=make(card_screen.NAMESPACE, card_screen.SHOW),
                    )
                ],
            ]
        )
        question = _("Drop the advice that is not saved yet? It cannot be brought back.")
        await message.reply_text(question, reply_markup=keyboard)
        return True
    state = state_of(current)
    if state is None or current.order_id is not None:
        return False
    if answers_given(state) < render.CONFIRM_CANCEL_FROM:
        return False
    question = current_question(state, env(context).today, timers=runtime(context).timers)
    if question is None:
        return False
    await ask_to_stop(update, context, state, question, None, edit=False)
    return True


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add /cancel."""
    app.add_handler(CommandHandler("cancel", cancel))
