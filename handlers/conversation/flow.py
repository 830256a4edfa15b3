"""The questionnaire's core: ask the current question, store the state, finish the flow."""

from __future__ import annotations

import datetime as dt
import html
import logging
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from advisor.models import Situation
from advisor.questionnaire import (
    FlowState,
    build_situation,
    current_question,
    is_complete,
    remember_progress,
    start,
    with_earlier_ticks,
)
from advisor.timers import Timers
from handlers.callbacks import make
from handlers.clock import now_utc, user_zone
from handlers.conversation import card_screen
from handlers.conversation.render import question_keyboard, question_text
from handlers.dispute_lines import terms_text
from handlers.menu import back_to_menu_button
from handlers.middleware import require_user
from handlers.order_store import ARCHIVED, moved_to, update_order
from handlers.runtime import Runtime, runtime
from handlers.screen import pressed_before_screen, retire_keyboard, show
from locales import N_, Translator
from locales.runtime import translator
from storage import conversations, orders
from storage.models import Conversation, User

log = logging.getLogger(__name__)

# The conversations row's `flow` while a question is shown (new order and follow-ups alike).
FLOW_QUESTION = "q"
# A follow-up finished on an order archived meanwhile (no reminders would follow the change).
ARCHIVED_NOTICE = N_(
    "This order was moved to the archive, so nothing was changed. Restore it first."
)
# The parcel came while its not-received dispute runs: the dispute on AliExpress still says
# it never did, and only the buyer can change that (seed 000: a dispute can be edited).
ARRIVED_IN_DISPUTE = N_(
    "📦 Your dispute on AliExpress still says the parcel never came. Write in the dispute that it"
    " has arrived and what is wrong with it, attach the photos or video, and check that what the"
    " dispute asks still fits. Do not close or cancel it: closing is final."
)
# The same, with the ask the order now records for the item (walk BD: it was renewed without a
# word, and offers were judged against it while the dispute still asked the whole price).
ARRIVED_IN_DISPUTE_ASK = N_(
    "📦 Your dispute on AliExpress still says the parcel never came. Change it there: write"
    " that it has arrived and what is wrong with it, attach the photos or video, and ask for:"
    " %(terms)s. The seller's offers are compared with that from now on. Do not close or"
    " cancel the dispute: closing is final."
)


# A dispute cancelled (seeds 000, 001): it may be opened again while Buyer Protection runs, which
# the seller asking to close usually promises to extend.
CANCELLED_NOTE = N_(
    "🚪 Noted: no dispute is open now. A new one can be opened while Buyer Protection runs. If the"
    " seller extended it, record the new end with “🛡 Seller extended protection”."
)


def arrived_in_dispute_notice(tr: Translator, situation: Situation) -> str:
    """What to change in the dispute on AliExpress, with what it should now ask (HTML)."""
    dispute = situation.dispute
    if dispute.requested_amount is None:
        # "Refund only" alone would hide full or partial, which the card says (review BH).
        return html.escape(tr.gettext(ARRIVED_IN_DISPUTE))
    terms = terms_text(tr, dispute.requested_solution, dispute.requested_amount, situation.currency)
    return html.escape(tr.gettext(ARRIVED_IN_DISPUTE_ASK)) % {"terms": f"<b>{terms}</b>"}


def _arrived_in_dispute(state: FlowState) -> bool:
    """Whether this follow-up recorded a parcel arriving during its dispute."""
    stage = (state.base or {}).get("dispute", {}).get("stage", "none")
    return state.flow == "arrived" and stage != "none"


@dataclass(frozen=True)
class Env:
    """What every step needs: storage, the user, their local time and language."""

    rt: Runtime
    user: User
    now: dt.datetime  # in the user's zone
    tr: Translator

    @property
    def today(self) -> dt.date:
        """Today's date in the user's zone."""
        return self.now.date()

    @property
    def timers(self) -> Timers:
        """The day counts the advice uses, so the questionnaire asks what that advice needs."""
        return self.rt.timers


def env(context: ContextTypes.DEFAULT_TYPE) -> Env:
    """The environment of the update being handled."""
    rt = runtime(context)
    user = require_user()
    return Env(rt, user, now_utc().astimezone(user_zone(user, rt.default_timezone)), translator())


def state_of(conversation: Conversation | None) -> FlowState | None:
    """The questionnaire state of a conversation row, or None if it is not a questionnaire."""
    if conversation is None or conversation.flow != FLOW_QUESTION:
        return None
    try:
        return FlowState.model_validate(conversation.state)
    except ValueError:
        log.warning("unreadable questionnaire state of user %s", conversation.user_id)
        return None


async def ask(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    state: FlowState,
    *,
    edit: bool,
    order_id: int | None = None,
    notice: str | None = None,
    show_hint: bool = False,
) -> None:
    """Store the state and show its current question; finish the flow when none is left."""
    e = env(context)
    if state.cancel_asked:  # the question is shown again: "stop?" is no longer asked
        state = state.model_copy(update={"cancel_asked": False})
    state = with_earlier_ticks(state, e.today, timers=e.timers)
    question = current_question(state, e.today, timers=e.timers)
    # A new message replaces the question on screen (a typed answer): its buttons go.
    shown_before = None if edit else await _question_on_screen(e)
    if question is None:
        if shown_before is not None:
            await retire_keyboard(context.bot, e.user.user_id, shown_before)
        await complete(update, context, state, edit=edit, order_id=order_id, notice=notice)
        return
    state = remember_progress(
        state, e.today, timers=e.timers
    )  # the counter's total never drops back
    dumped = state.model_dump(mode="json")
    # Saved before the question is shown, so that a failure to show it loses no answer (the
    # write reaches the database with the update's handled mark, storage/deferred.py). A
    # pressed button's message is edited in place, so its id is known now.
    expected = _pressed_message_id(update) if edit else None
    await conversations.save(
        e.rt.db, e.user.user_id, FLOW_QUESTION, dumped, order_id=order_id, message_id=expected
    )
    text = question_text(
        question,
        state,
        e.today,
        e.tr,
        timers=e.timers,
        notice=notice,
        show_hint=show_hint,
        order=await _order_named(e, order_id),
    )
    markup = question_keyboard(question, state, e.today, e.tr, timers=e.timers, show_hint=show_hint)
    if shown_before is not None:
        await retire_keyboard(context.bot, e.user.user_id, shown_before)
    message_id = await show(update, text, markup, edit=edit)
    if message_id != expected:
        await conversations.save(
            e.rt.db,
            e.user.user_id,
            FLOW_QUESTION,
            dumped,
            order_id=order_id,
            message_id=message_id,
        )


async def _order_named(e: Env, order_id: int | None) -> str | None:
    """The name of the order a follow-up changes, as its card and the list name it."""
    from handlers.orders.listing import order_label, shorten  # a feature beside this one

    if order_id is None:
        return None
    order = await orders.get_for_user(e.rt.db, order_id, e.user.user_id)
    if order is None:
        return None
    return shorten(order_label(order, user_zone(e.user, e.rt.default_timezone)))


async def _question_on_screen(e: Env) -> int | None:
    """The message showing the user's current question, before a new one replaces it."""
    conversation = await conversations.get(e.rt.db, e.user.user_id)
    if conversation is None or conversation.flow != FLOW_QUESTION:
        return None
    return conversation.message_id


def _pressed_message_id(update: Update) -> int | None:
    """The id of the message whose button was pressed (the one `show` edits), if any."""
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        return query.message.message_id
    return None


async def begin_new(update: Update, context: ContextTypes.DEFAULT_TYPE, *, edit: bool) -> None:
    """Start a fresh new-order questionnaire (replacing any conversation in progress)."""
    await ask(update, context, start("new"), edit=edit)


async def complete(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    state: FlowState,
    *,
    edit: bool,
    order_id: int | None,
    notice: str | None = None,
) -> None:
    """A finished new order shows the advice card; a finished follow-up updates its order.

    `notice` (HTML) is what the last answer warned of (Russian details left out of the English
    text): it heads the card, or comes just before the order's card.
    """
    e = env(context)
    if order_id is None:
        situation = build_situation(state, e.today, timers=e.timers)
        await card_screen.show_advice(update, context, situation, state, edit=edit, notice=notice)
        return
    if notice:
        await show(update, notice, None, edit=False)
    saved = await orders.get_for_user(e.rt.db, order_id, e.user.user_id)
    if saved is not None and saved.status == ARCHIVED:
        # Archived while the follow-up was open: no reminders would follow the change.
        await conversations.clear(e.rt.db, e.user.user_id)
        await show(update, html.escape(e.tr.gettext(ARCHIVED_NOTICE)), None, edit=False)
        await open_order_card(update, context, order_id, edit=edit)
        return
    # The order as the card shows it today: compared with the raw stored one, every follow-up
    # a day after saving took the base anew and lost the days the tracking stood still since
    # (walk BN: stuck 10 days, updated 3 days later, still 10; "write to the seller" came late).
    current = None
    if saved is not None:
        stored = Situation.model_validate(saved.situation)
        current = moved_to(stored, e.today).model_dump(mode="json")
    if current is not None and current != state.base:
        # The order changed since the follow-up began (an Undo, another card): the answers
        # apply to the order as it is now, which may need a question more.
        state = state.model_copy(update={"base": current})
        if not is_complete(state, e.today, timers=e.timers):
            await ask(update, context, state, edit=edit, order_id=order_id)
            return
    situation = build_situation(state, e.today, timers=e.timers)
    view = await update_order(e.rt, e.user, order_id, situation, e.today, undoable=True)
    await conversations.clear(e.rt.db, e.user.user_id)
    if view is None:
        # The order was deleted while the follow-up was open.
        await show(
            update,
            e.tr.gettext("This order no longer exists."),
            InlineKeyboardMarkup([[back_to_menu_button()]]),
            edit=edit,
        )
        return
    await open_order_card(update, context, order_id, edit=edit, undo=True)
    if _arrived_in_dispute(state):
        # Under the card it names, as the last thing on screen: the one step the card can't do.
        await show(update, arrived_in_dispute_notice(e.tr, view.situation), None, edit=False)
    elif state.flow == "cancelled":
        await show(update, html.escape(e.tr.gettext(CANCELLED_NOTE)), None, edit=False)


async def open_order_card(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    order_id: int,
    *,
    edit: bool,
    undo: bool = False,
) -> None:
    """Show the saved order's card (the orders feature's screen, or a short stand-in); `undo`
    offers to take back the change just made."""
    try:
        from handlers.orders import show_order_card
    except ImportError:  # the orders feature is not installed
        tr = translator()
        button = InlineKeyboardButton(
            tr.gettext("📦 Open the order"), callback_data=make("o", order_id)
        )
        await show(
            update,
            tr.gettext("Saved."),
            InlineKeyboardMarkup([[button], [back_to_menu_button()]]),
            edit=edit,
        )
        return
    await show_order_card(update, context, order_id, edit=edit, undo=undo)


async def start_over(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start over from an offer to continue (the questionnaire's or the unsaved advice's): a
    new questionnaire, unless the offer is older than the conversation's screen. The buyer has
    gone on since (pressed Continue or "show my advice" on a later offer), so the old button
    must not wipe their answers or advice: it shows where they are."""
    query = update.callback_query
    assert query is not None
    e = env(context)
    conversation = await conversations.get(e.rt.db, e.user.user_id)
    if conversation is None or not pressed_before_screen(query, conversation):
        await query.answer()
        await begin_new(update, context, edit=True)
        return
    await query.answer(e.tr.gettext("This menu is out of date."))
    notice = "⚠️ " + html.escape(e.tr.gettext("That button is out of date. Here is where you are:"))
    state = state_of(conversation)
    stored = card_screen.read_advice_state(conversation)
    if state is not None:
        await ask(update, context, state, edit=False, order_id=conversation.order_id, notice=notice)
    elif stored is not None:
        await card_screen.show_advice(update, context, *stored, edit=False, notice=notice)
    else:
        await begin_new(update, context, edit=False)
