"""After the time zone is chosen for an order just saved: the dates its answers gave as days
from today ("in 6 days"), counted in the default zone, are counted again from today in the zone
chosen (advisor/questionnaire/relative_dates.py)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram.ext import ContextTypes

from advisor.models import Situation
from advisor.questionnaire.relative_dates import Counted, recounted
from handlers.clock import now_utc, user_today, user_zone
from handlers.order_store import update_order
from handlers.runtime import runtime
from locales import N_
from storage import orders
from storage.models import Conversation, User

# The typed-zone state's key for those dates (with the order's, see settings.start_typing_zone).
RECOUNT = "recount"
RECOUNTED_NOTE = N_(
    "Dates you gave as days from today (“in 6 days”) are now counted from today in your time zone."
)


def stored_counted(counted: list[Counted]) -> list[list[object]]:
    """The dates to count again, as the conversation state keeps them."""
    return [[path, step] for path, step in counted]


def counted_of(conversation: Conversation | None) -> list[Counted]:
    """The dates to count again kept with a time zone being chosen, if any."""
    kept = conversation.state.get(RECOUNT) if conversation is not None else None
    if not isinstance(kept, list):
        return []
    return [
        (entry[0], entry[1])
        for entry in kept
        if isinstance(entry, list)
        and len(entry) == 2
        and isinstance(entry[0], str)
        and entry[1] in (1, -1)
    ]


async def recount_order(
    context: ContextTypes.DEFAULT_TYPE,
    before: ZoneInfo,
    user: User,
    order_id: int,
    counted: list[Counted],
) -> bool:
    """Move the order's dates typed from today by the days between today in `before` (where
    they were counted) and in the user's zone now; True if any moved."""
    if not counted:
        return False
    rt = runtime(context)
    now = now_utc()
    days = (
        now.astimezone(user_zone(user, rt.default_timezone)).date() - now.astimezone(before).date()
    ).days
    if days == 0:
        return False
    order = await orders.get_for_user(rt.db, order_id, user.user_id)
    if order is None:
        return False
    saved = Situation.model_validate(order.situation)
    moved = recounted(saved, counted, days)
    if moved == saved:
        return False
    await update_order(rt, user, order_id, moved, user_today(user, rt.default_timezone, now))
    return True
