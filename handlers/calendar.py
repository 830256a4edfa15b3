"""The order card's "Add to calendar" button `cal:<order_id>`: sends the order's `.ics` file."""

from __future__ import annotations

import logging

from telegram import InputFile, Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from advisor.deadlines import upcoming
from handlers.calendar_file import build_ics
from handlers.callbacks import ForgedCallback, parse, parse_int
from handlers.clock import now_utc, user_today, user_zone
from handlers.middleware import require_user
from handlers.order_names import order_name
from handlers.order_store import load_order
from handlers.runtime import runtime
from locales.runtime import _, translator

log = logging.getLogger(__name__)


async def calendar_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the order's deadlines as a calendar file with alarms."""
    query = update.callback_query
    if query is None:
        return
    order_id = parse_int(parse(query.data, "cal", 1)[0])
    rt, user = runtime(context), require_user()
    today = user_today(user, rt.default_timezone)
    view = await load_order(rt, user, order_id, today)
    if view is None:
        log.warning(
            "user %s asked for the calendar of order %s, not theirs", user.user_id, order_id
        )
        raise ForgedCallback(f"order {order_id}")
    if not view.advice.deadlines:
        await query.answer(_("This order has no dates for a calendar yet."), show_alert=True)
        return
    if not upcoming(view.advice, today):
        await query.answer(_("All the dates of this order have passed."), show_alert=True)
        return
    await query.answer()
    tr = translator()
    zone = user_zone(user, rt.default_timezone)
    name = order_name(tr, view.order.label, view.order.situation, view.order.created_at, zone)
    data = build_ics(
        tr,
        order_id=order_id,
        name=name,
        advice=view.advice,
        situation=view.situation,
        schedule=rt.reminder_schedule,
        timers=rt.timers,
        today=today,
        stamp=now_utc(),
        zone=zone,
    )
    caption = _(
        "📅 The dates of “%(order)s” for your calendar. Open the file to add them: "
        "your phone will remind you even without me."
    ) % {"order": name}
    chat = update.effective_chat
    assert chat is not None  # a pressed button always has its chat
    await chat.send_document(
        InputFile(data, filename=f"order-{order_id}.ics"),
        caption=caption[:1024],
    )


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the `cal:` button of the order card."""
    app.add_handler(CallbackQueryHandler(calendar_button, pattern=r"^cal:"))
