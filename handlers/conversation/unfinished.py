"""Answers the user has not saved yet: a questionnaire half answered, or unsaved advice."""

from __future__ import annotations

from enum import Enum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import ContextTypes

from handlers.callbacks import make
from handlers.conversation import card_screen, render
from handlers.conversation.flow import state_of
from handlers.middleware import require_user
from handlers.runtime import runtime
from locales import N_, Translator
from locales.runtime import translator
from storage import conversations
from storage.models import Conversation


class Unfinished(Enum):
    """What starting something else in the conversation's one slot would throw away."""

    advice = "advice"
    questionnaire = "questionnaire"
    followup = "followup"  # the questions updating a saved order


def unfinished(conversation: Conversation | None) -> Unfinished | None:
    """What of the conversation is not saved yet, or None when nothing would be lost.

    A questionnaire counts once it has an answer; its first question alone loses nothing.
    """
    if card_screen.read_advice_state(conversation) is not None:
        return Unfinished.advice
    state = state_of(conversation)
    if state is not None and state.history:
        return question_kind(conversation)
    return None


def question_kind(conversation: Conversation | None) -> Unfinished:
    """A new order's questionnaire, or the questions updating a saved order."""
    if conversation is not None and conversation.order_id is not None:
        return Unfinished.followup
    return Unfinished.questionnaire


def back_to_it_button(kind: Unfinished, tr: Translator) -> InlineKeyboardButton:
    """The button that shows the unfinished questionnaire or the unsaved advice again."""
    if kind is Unfinished.advice:
        return InlineKeyboardButton(
            tr.gettext("📋 Show my unsaved advice"),
            callback_data=make(card_screen.NAMESPACE, card_screen.SHOW),
        )
    # Walk AC: a correction of a saved order read as a new questionnaire waiting.
    label = CONTINUE_UPDATE if kind is Unfinished.followup else CONTINUE_QUESTIONNAIRE
    return InlineKeyboardButton(
        tr.gettext(label), callback_data=make(render.NAMESPACE, render.RESUME)
    )


CONTINUE_QUESTIONNAIRE = N_("▶️ Continue the questionnaire")
CONTINUE_UPDATE = N_("▶️ Continue updating the order")


async def with_way_back(
    context: ContextTypes.DEFAULT_TYPE, markup: InlineKeyboardMarkup
) -> InlineKeyboardMarkup:
    """`markup` with the way back to the user's unfinished questionnaire or unsaved advice on
    top, if they have one (walk C: /help, /settings and /orders in the middle of one showed no
    way back, though the answers were kept)."""
    conversation = await conversations.get(runtime(context).db, require_user().user_id)
    kind = unfinished(conversation)
    if kind is None:
        return markup
    return InlineKeyboardMarkup([[back_to_it_button(kind, translator())], *markup.inline_keyboard])
