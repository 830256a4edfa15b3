"""The end of a new-order questionnaire: the advice card with its buttons, kept across restarts."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from advisor.models import Advice, Situation
from advisor.questionnaire import FlowState
from advisor.reminder_plan import reminded_deadlines
from advisor.texts import applicable_texts
from handlers.advice_card import render_advice
from handlers.callbacks import make
from handlers.clock import user_today, user_zone
from handlers.conversation.change_answer import CHANGE_ANY_LABEL, EDIT
from handlers.dispute_lines import dispute_lines
from handlers.menu import back_to_menu_button
from handlers.middleware import require_user
from handlers.order_store import advise
from handlers.runtime import runtime
from handlers.screen import retire_keyboard, show
from handlers.texts_view import text_label
from locales import Translator
from locales.runtime import translator
from storage import conversations
from storage import texts as saved_texts
from storage.models import Conversation

# The conversations row's `flow` while the advice card of an unsaved order is shown.
FLOW_ADVICE = "advice"
NAMESPACE = "a"
TEXT, SAVE, NEW, BACK = "t", "save", "new", "back"
# The card's own Main menu button (the menu comes as a new message, the card stays) and the
# "show my unsaved advice" button of the /start and /new offer.
MENU, SHOW = "menu", "show"
# /cancel's "drop the unsaved advice" confirmed.
DROP = "drop"


def advice_state(situation: Situation, answers: FlowState) -> dict[str, Any]:
    """The conversations row's state for the card: the situation and the answers behind it."""
    return {
        "situation": situation.model_dump(mode="json"),
        "answers": answers.model_dump(mode="json"),
    }


def read_advice_state(conversation: Conversation | None) -> tuple[Situation, FlowState] | None:
    """The stored situation and answers of a shown card, or None if there is no card."""
    if conversation is None or conversation.flow != FLOW_ADVICE:
        return None
    try:
        situation = Situation.model_validate(conversation.state["situation"])
        answers = FlowState.model_validate(conversation.state["answers"])
    except (KeyError, TypeError, ValueError):
        return None
    return situation, answers


def advice_token(conversation: Conversation) -> str:
    """A short fingerprint of the unsaved advice stored and its message: /cancel's "Yes, drop it"
    names the advice it asked about, not only its message (walk AX: "Start over" answered again
    in the same message, and the old confirmation dropped the new advice)."""
    shown = [conversation.message_id, conversation.state]
    dumped = json.dumps(shown, sort_keys=True, default=str).encode()
    return hashlib.blake2s(dumped, digest_size=4).hexdigest()


def advice_keyboard(
    tr: Translator,
    advice: Advice,
    today: dt.date | None = None,
    situation: Situation | None = None,
) -> InlineKeyboardMarkup:
    """The texts that fit the action, Save & remind me, Back, Change any answer, Start over and
    the main menu. With `situation`, the deadlines reminded are those the plan adds too (the
    usual protection end when the real one is unknown)."""
    rows = [
        [
            InlineKeyboardButton(
                tr.gettext(text_label(kind, advice)), callback_data=make(NAMESPACE, TEXT, kind)
            )
        ]
        for kind in applicable_texts(advice, today)
    ]
    # Without a deadline ahead (from `today` on) there is nothing to remind of: the button
    # promises only what it does.
    deadlines = reminded_deadlines(advice, situation) if situation else advice.deadlines
    ahead = [d for d in deadlines if today is None or d.date >= today]
    save = tr.gettext("🔔 Save & remind me") if ahead else tr.gettext("💾 Save")
    rows.append([InlineKeyboardButton(save, callback_data=make(NAMESPACE, SAVE))])
    rows.append(
        [
            InlineKeyboardButton(
                tr.gettext("⬅️ Change the last answer"), callback_data=make(NAMESPACE, BACK)
            ),
            InlineKeyboardButton(tr.gettext(CHANGE_ANY_LABEL), callback_data=make(NAMESPACE, EDIT)),
        ]
    )
    rows.append(
        [
            InlineKeyboardButton(tr.gettext("🔁 Start over"), callback_data=make(NAMESPACE, NEW)),
            InlineKeyboardButton(tr.gettext("⬅️ Main menu"), callback_data=make(NAMESPACE, MENU)),
        ]
    )
    return InlineKeyboardMarkup(rows)


def unsaved_offer_keyboard(tr: Translator) -> InlineKeyboardMarkup:
    """Show the unsaved advice again, start a new questionnaire, or go to the main menu."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    tr.gettext("📋 Show my unsaved advice"), callback_data=make(NAMESPACE, SHOW)
                )
            ],
            [InlineKeyboardButton(tr.gettext("🔁 Start over"), callback_data=make(NAMESPACE, NEW))],
            [back_to_menu_button()],
        ]
    )


async def show_advice(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    situation: Situation,
    answers: FlowState,
    *,
    edit: bool,
    notice: str | None = None,
) -> None:
    """Advise the situation for today, show the card (headed by `notice`, HTML, if any) and
    keep it in the conversations row."""
    rt = runtime(context)
    user = require_user()
    today = user_today(user, rt.default_timezone)
    situation, advice = advise(situation, today, rt)
    tr = translator()
    zone = user_zone(user, rt.default_timezone)
    state = advice_state(situation, answers)
    shown = await conversations.get(rt.db, user.user_id)
    if shown is None or shown.flow != FLOW_ADVICE or shown.state != state:
        # Texts of an earlier card (before Back or Start over) are not this one's; the same
        # card shown again (after a typed message, from the /start offer) keeps its texts.
        await saved_texts.forget_unsaved(rt.db, user.user_id)
    await conversations.save(rt.db, user.user_id, FLOW_ADVICE, state)
    card = render_advice(
        situation,
        advice,
        today=today,
        zone=zone,
        tr=tr,
        timers=rt.timers,
        zone_chosen=user.timezone is not None,
    )
    under_way = dispute_lines(tr, situation)
    if under_way:
        # What was asked and what the seller offers, as the saved order's card shows (walk W):
        # "reject the offer" next to the two amounts it compares.
        card = "\n".join(under_way) + "\n\n" + card
    if notice:
        card = f"{notice}\n\n{card}"
    keyboard = advice_keyboard(tr, advice, today, situation)
    message_id = await show(update, card, keyboard, edit=edit)
    await conversations.save(rt.db, user.user_id, FLOW_ADVICE, state, message_id=message_id)
    moved = shown is not None and shown.message_id not in (None, message_id)
    if moved and shown.flow == FLOW_ADVICE:
        # The card moved to a new message: its older copy would look alive but be stale. (A
        # question's screen before it lost its buttons when it was answered.)
        await retire_keyboard(context.bot, user.user_id, shown.message_id)
