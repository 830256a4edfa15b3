"""The advice card's buttons (`a:`) and messages typed while the card is shown."""

from __future__ import annotations

import datetime as dt
import html
import logging
import re

from telegram import Message, Update
from telegram.ext import ContextTypes

from advisor.models import Advice, Situation
from advisor.questionnaire import FlowState, back, back_to, can_go_back
from advisor.questionnaire.relative_dates import counted_from_today
from advisor.texts import TEXT_KINDS
from handlers.callbacks import ForgedCallback, make, parse
from handlers.clock import user_zone
from handlers.conversation import card_screen
from handlers.conversation.change_answer import EDIT, answers_screen, picked_question
from handlers.conversation.duplicate_order import (
    OPEN_SAVED,
    SAVE_AGAIN,
    UPDATE_SAVED,
    duplicate_screen,
)
from handlers.conversation.flow import Env, ask, begin_new, env, open_order_card, start_over
from handlers.errors import stale_button
from handlers.menu import main_menu_keyboard
from handlers.order_store import advise, next_deadline, save_new_order, update_order
from handlers.screen import retire_keyboard, show
from handlers.start import greeting
from handlers.texts_view import send_texts
from storage import conversations, orders, reminders
from storage.models import Conversation

log = logging.getLogger(__name__)
_DAY = dt.timedelta(days=1)

_SINGLE_OPS = frozenset(
    {
        card_screen.SAVE,
        card_screen.NEW,
        card_screen.BACK,
        card_screen.MENU,
        card_screen.SHOW,
        card_screen.DROP,
    }
)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Texts, Save & remind me, Change the last answer, Start over."""
    query = update.callback_query
    if query is None:
        return
    parts = parse(query.data, card_screen.NAMESPACE, (1, 2))
    op, *rest = parts
    if not _well_formed(op, rest):
        raise ForgedCallback(str(query.data))
    if op == card_screen.NEW:
        await start_over(update, context)
        return
    if op == card_screen.MENU:
        # A new message: the unsaved card stays in the chat, its buttons still work.
        await query.answer()
        if update.effective_chat is not None:
            await update.effective_chat.send_message(greeting(), reply_markup=main_menu_keyboard())
        return
    e = env(context)
    # Its screen's button brings it back from hold (typing a time zone) too.
    conversation = await conversations.unsuspend(e.rt.db, e.user.user_id)
    stored = card_screen.read_advice_state(conversation)
    if op == card_screen.SHOW and stored is not None:
        # From the /start or /new offer: the card replaces the offer.
        await query.answer()
        await card_screen.show_advice(update, context, *stored, edit=True)
        return
    pressed = query.message.message_id if isinstance(query.message, Message) else None
    if (
        op == card_screen.DROP
        and stored is not None
        and conversation is not None
        and rest == [card_screen.advice_token(conversation)]
    ):
        # /cancel's confirmation: the advice goes, as Cancel in the questionnaire would.
        await query.answer()
        await conversations.clear(e.rt.db, e.user.user_id)
        if conversation.message_id not in (None, pressed):
            await retire_keyboard(context.bot, e.user.user_id, conversation.message_id)
        text = html.escape(e.tr.gettext("Cancelled. Your saved orders are untouched."))
        await show(update, text, main_menu_keyboard(), edit=True)
        return
    if (
        op in (card_screen.SHOW, card_screen.DROP)
        or stored is None
        or conversation is None
        or conversation.message_id not in (None, pressed)
    ):
        # A card of an order already saved, or replaced by a newer questionnaire.
        await stale_button(update, context)
        return
    situation, answers = stored
    if op == EDIT:
        await _change_answer(update, context, situation, answers, rest)
        return
    if op in (OPEN_SAVED, UPDATE_SAVED):
        await _to_saved(update, context, conversation, int(rest[0]), update_it=op == UPDATE_SAVED)
        return
    if op == card_screen.TEXT:
        await query.answer()
        situation, advice = advise(situation, e.today, e.rt)
        await send_texts(update, context, situation, advice, kinds=rest)
    elif op == card_screen.SAVE:
        if not rest and await _saved_already(update, e, situation):
            return
        view = await save_new_order(e.rt, e.user, situation, e.today)
        await conversations.clear(e.rt.db, e.user.user_id)
        pending = await reminders.for_order(e.rt.db, view.order.id)
        await query.answer(_saved_note(e, view.advice, pending))
        if e.user.timezone is None:
            # Reminders come at a local hour: asked once, before the first card counts in it.
            from handlers.card_zone import ask_after_save

            counted = counted_from_today(answers, e.today, timers=e.timers)
            await ask_after_save(update, context, view.order.id, counted)
            return
        await open_order_card(update, context, view.order.id, edit=True)
    elif can_go_back(answers):
        await query.answer()
        await ask(update, context, back(answers), edit=True)
    else:
        await query.answer()
        await begin_new(update, context, edit=True)


_TOKEN = re.compile(r"[0-9a-f]{8}")


def _well_formed(op: str, rest: list[str]) -> bool:
    """Whether `a:` data has a shape this card makes: a text's kind, an answer's number, or
    /cancel's token; the other operations stand alone."""
    if op == card_screen.TEXT:
        return len(rest) == 1 and rest[0] in TEXT_KINDS
    if op == EDIT:
        return not rest or (rest[0].isdigit() and len(rest[0]) <= 3)
    if op in (OPEN_SAVED, UPDATE_SAVED):
        return len(rest) == 1 and rest[0].isdigit() and len(rest[0]) <= 18
    if op == card_screen.SAVE:
        return rest in ([], [SAVE_AGAIN])
    return op in _SINGLE_OPS and (not rest or _drop_of_a_card(op, rest))


async def _saved_already(update: Update, e: Env, situation: Situation) -> bool:
    """Save of an order whose number the user saved before: the choice instead of a second
    copy (True), or nothing to ask (False)."""
    number = situation.order_number
    saved = await orders.with_order_number(e.rt.db, e.user.user_id, number) if number else None
    if saved is None or number is None:
        return False
    query = update.callback_query
    assert query is not None
    await query.answer()
    zone = user_zone(e.user, e.rt.default_timezone)
    text, markup = duplicate_screen(
        e.tr, saved, number, zone, card_screen.NAMESPACE, card_screen.SAVE, card_screen.SHOW
    )
    await show(update, text, markup, edit=True)
    return True


async def _to_saved(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    conversation: Conversation,
    order_id: int,
    *,
    update_it: bool,
) -> None:
    """The saved order with the same number in place of the choice: given the unsaved answers
    (`update_it`, undoable from its card) or as it is. Either way the unsaved advice goes: the
    buyer chose the saved order (walk E: kept, it stood in the way of the next steps)."""
    query = update.callback_query
    assert query is not None
    e = env(context)
    stored = card_screen.read_advice_state(conversation)
    assert stored is not None  # checked by the caller
    if await orders.get_for_user(e.rt.db, order_id, e.user.user_id) is None:
        # Deleted since the choice was shown: the advice again, which now saves at once.
        await query.answer(e.tr.gettext("That order is no longer saved."))
        await card_screen.show_advice(update, context, *stored, edit=True)
        return
    if update_it:
        await update_order(e.rt, e.user, order_id, stored[0], e.today, undoable=True)
        await query.answer(e.tr.gettext("The saved order now has your new answers."))
    else:
        await query.answer()
    await conversations.clear(e.rt.db, e.user.user_id)
    await open_order_card(update, context, order_id, edit=True, undo=update_it)


async def _change_answer(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    situation: Situation,
    answers: FlowState,
    rest: list[str],
) -> None:
    """ "✏️ Change any answer": the answers as a numbered list in place of the card, or the one
    picked asked again (the card stays stored until an answer changes it)."""
    query = update.callback_query
    assert query is not None
    e = env(context)
    if not rest:
        await query.answer()
        text, markup = answers_screen(
            e.tr,
            answers,
            e.today,
            e.timers,
            situation.currency,
            namespace=card_screen.NAMESPACE,
            back_to_card=make(card_screen.NAMESPACE, card_screen.SHOW),
        )
        await show(update, text, markup, edit=True)
        return
    qid = picked_question(answers, e.today, e.timers, int(rest[0]))
    if qid is None:
        raise ForgedCallback(str(query.data))
    await query.answer()
    await ask(update, context, back_to(answers, qid), edit=True)


def _drop_of_a_card(op: str, rest: list[str]) -> bool:
    """/cancel's "Yes, drop it": it names the advice it drops (review AV: an old confirmation,
    pressed after that advice was saved, dropped the next one unasked)."""
    return op == card_screen.DROP and len(rest) == 1 and _TOKEN.fullmatch(rest[0]) is not None


def _saved_note(e: Env, advice: Advice, pending: list[reminders.Reminder]) -> str:
    """What "Save & remind me" answers: whether reminders come (the time zone they come in is
    asked next, if the user never chose one)."""
    zone = user_zone(e.user, e.rt.default_timezone)
    nearest = next_deadline(advice, e.today)
    nearest_on = dt.date.fromisoformat(nearest[1]) if nearest is not None else None
    if (
        nearest_on is not None
        and nearest_on <= e.today + _DAY
        and not _reminded_by(pending, nearest_on, zone)
    ):
        if not pending:
            # Its reminders would all have come before now: not "I will remind you" (walk I:
            # a window closing tomorrow, saved at noon).
            return e.tr.gettext(
                "Saved. The nearest deadline is too close for a reminder: see it on the card now."
            )
        # Walk BI: the later deadlines' reminders are planned; the toast said there were none.
        return e.tr.gettext(
            "Saved. The nearest deadline is too close for a reminder: see it on the card now."
            " I will remind you before the later ones."
        )
    if not pending:
        return e.tr.gettext("Saved. There is no deadline to remind you of for now.")
    return e.tr.gettext("Saved. I will remind you before the deadlines.")


def _reminded_by(pending: list[reminders.Reminder], day: dt.date, zone: dt.tzinfo) -> bool:
    """Whether a pending reminder goes out by the end of `day` in the user's zone: the safe
    last day to open a dispute has no reminders of its own, the protection's cover it."""
    day_ends = dt.datetime.combine(day + _DAY, dt.time(), tzinfo=zone).timestamp()
    return any(reminder.due_at < day_ends for reminder in pending)


async def on_message(
    update: Update, context: ContextTypes.DEFAULT_TYPE, conversation: Conversation
) -> None:
    """Typing while the card is shown: point to its buttons and show it again."""
    stored = card_screen.read_advice_state(conversation)
    if stored is None or update.effective_chat is None:
        return
    e = env(context)
    await update.effective_chat.send_message(
        html.escape(e.tr.gettext("Use the buttons under the advice, or /new to start over.")),
    )
    situation, answers = stored
    await card_screen.show_advice(update, context, situation, answers, edit=False)
