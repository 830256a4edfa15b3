"""Follow-ups of a saved order (seller extended protection, offer, won...) on the same engine."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from advisor.questionnaire import FOLLOWUPS, start
from handlers.callbacks import ForgedCallback, make, parse, parse_int
from handlers.conversation.flow import Env, ask, env, open_order_card, state_of
from handlers.conversation.unfinished import Unfinished, back_to_it_button, unfinished
from handlers.order_store import ARCHIVED, load_order
from handlers.screen import show
from storage import conversations

# "Discard the unsaved answers and start this follow-up": `fu:<order id>:<flow>`.
NAMESPACE = "fu"


async def start_followup(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    order_id: int,
    flow: str,
    *,
    edit: bool = True,
    discard: bool = False,
) -> None:
    """Run the follow-up `flow` (a key of FOLLOWUPS) on the user's saved order `order_id`.

    For the order card's and the reminders' buttons: call it from a callback query handler
    after answering the query. It checks that the order belongs to the user (ForgedCallback
    otherwise, which the global error handler logs and answers with "out of date"), asks the
    flow's questions in place of the pressed message (in a new one with `edit=False`, as a
    reminder that should stay in the chat wants), and when the answers are complete
    updates the order (re-advised, reminders moved) and shows its card through
    `handlers.orders.show_order_card`. A flow without questions (asks_close, lost, ...)
    completes at once.

    The user has one conversation at a time: the same follow-up pressed again goes on where
    it stopped, and unsaved answers of anything else (a half-answered questionnaire, unsaved
    advice) are only thrown away once the user says so (`discard`).
    """
    if flow not in FOLLOWUPS:
        raise ValueError(f"unknown follow-up {flow!r}")
    e = env(context)
    view = await load_order(e.rt, e.user, order_id, e.today)
    if view is None:
        raise ForgedCallback(f"order {order_id} is not the user's")
    editing = edit and update.callback_query is not None
    if not discard:
        # A questionnaire put on hold (typing a time zone) counts as much as one on screen.
        conversation = await conversations.unsuspend(e.rt.db, e.user.user_id)
        going = state_of(conversation)
        if going is not None and conversation is not None:
            if conversation.order_id == order_id and going.flow == flow:
                await ask(update, context, going, edit=editing, order_id=order_id)
                return
        kind = unfinished(conversation)
        if kind is not None:
            await _ask_to_discard(update, e, kind, order_id, flow, edit=editing)
            return
    state = start(flow, base=view.situation)
    await ask(update, context, state, edit=editing, order_id=order_id)


async def _ask_to_discard(
    update: Update, e: Env, kind: Unfinished, order_id: int, flow: str, *, edit: bool
) -> None:
    """Say what starting the follow-up would throw away; go back to it, on, or to the order."""
    if kind is Unfinished.advice:
        text = e.tr.gettext(
            "You have advice that is not saved yet. If you go on, it will be discarded."
        )
    elif kind is Unfinished.followup:
        text = e.tr.gettext(
            "You have not finished updating a saved order. If you go on, those answers will be"
            " discarded; the order stays as it was."
        )
    else:
        text = e.tr.gettext(
            "You have a questionnaire in progress that is not saved yet. If you go on, its"
            " answers will be discarded."
        )
    markup = InlineKeyboardMarkup(
        [
            [back_to_it_button(kind, e.tr)],
            [
                InlineKeyboardButton(
                    e.tr.gettext("🗑 Discard and go on"),
                    callback_data=make(NAMESPACE, order_id, flow),
                )
            ],
            [
                InlineKeyboardButton(
                    e.tr.gettext("📦 Back to the order"), callback_data=make("o", order_id)
                )
            ],
        ]
    )
    await show(update, html.escape(text), markup, edit=edit)


async def discard_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`fu:` — the user agreed to discard unsaved answers: start the follow-up they asked for."""
    query = update.callback_query
    if query is None:
        return
    order_id_part, flow = parse(query.data, NAMESPACE, 2)
    order_id = parse_int(order_id_part)
    if flow not in FOLLOWUPS:
        raise ForgedCallback(str(query.data))
    e = env(context)
    view = await load_order(e.rt, e.user, order_id, e.today)
    if view is None:
        raise ForgedCallback(f"order {order_id} is not the user's")
    # Imported here: the orders feature imports this package to start follow-ups.
    from handlers.orders.stages import FOLLOWUP_BUTTONS, followups_for

    codes = followups_for(view.situation, view.order.status == ARCHIVED, view.advice)
    if flow not in {FOLLOWUP_BUTTONS[code][0] for code in codes}:
        # The order moved on since the question was shown (another device, a reminder).
        await query.answer(e.tr.gettext("This menu is out of date."))
        await open_order_card(update, context, order_id, edit=True)
        return
    await query.answer()
    await start_followup(update, context, order_id, flow, discard=True)
