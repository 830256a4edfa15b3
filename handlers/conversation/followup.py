"""Follow-ups of a saved order (seller extended protection, offer, won...) on the same engine."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from advisor.questionnaire import FOLLOWUPS, start
from handlers.callbacks import ForgedCallback
from handlers.conversation.flow import ask, env
from handlers.order_store import load_order


async def start_followup(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    order_id: int,
    flow: str,
    *,
    edit: bool = True,
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
    """
    if flow not in FOLLOWUPS:
        raise ValueError(f"unknown follow-up {flow!r}")
    e = env(context)
    view = await load_order(e.rt, e.user, order_id, e.today)
    if view is None:
        raise ForgedCallback(f"order {order_id} is not the user's")
    state = start(flow, base=view.situation)
    editing = edit and update.callback_query is not None
    await ask(update, context, state, edit=editing, order_id=order_id)
