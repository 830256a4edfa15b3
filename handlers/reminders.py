"""The reminder's buttons `r:<order_id>:<action>`: each one updates the order, which moves its
reminders (order_store does that in the same transaction)."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from advisor.reminder_plan import (
    END_LEAD,
    known_end,
    reminded_deadlines,
    snooze_today,
    snooze_until,
)
from handlers.callbacks import ForgedCallback, parse, parse_int
from handlers.clock import now_utc, user_today, user_zone
from handlers.conversation import start_followup
from handlers.middleware import require_user
from handlers.order_buttons import restore_button
from handlers.order_store import (
    ARCHIVED,
    OrderView,
    advise,
    deadline_kind,
    load_order,
    set_archived,
)
from handlers.orders.stages import FOLLOWUP_BUTTONS
from handlers.reminder_message import (
    CARD,
    NAMESPACE,
    REMINDER_FOLLOWUPS,
    RESOLVED,
    TOMORROW,
    open_order_button,
    reminder_followups,
)
from handlers.runtime import Runtime, runtime
from locales.runtime import _, translator
from storage import reminders
from storage.models import User

log = logging.getLogger(__name__)

# A reminder's follow-up button starts the card's follow-up of the same code.
_FOLLOWUPS = {code: FOLLOWUP_BUTTONS[code][0] for code in REMINDER_FOLLOWUPS}


async def _show_card(update: Update, context: ContextTypes.DEFAULT_TYPE, order_id: int) -> None:
    # Imported here: the orders feature imports the order store, which this module uses too.
    from handlers.orders import show_order_card

    await show_order_card(update, context, order_id, edit=False)


async def _stale(
    update: Update, context: ContextTypes.DEFAULT_TYPE, order_id: int, *, archived: bool = False
) -> None:
    """The reminder no longer fits the order (or the order is archived): say so, leave it only
    its "Open the order" button (so it cannot be pressed wrong again), and show the order as it
    is now."""
    query = update.callback_query
    assert query is not None
    if archived:
        await query.answer(_("This order is in the archive: restore it to get its reminders."))
    else:
        await query.answer(_("This menu is out of date."))
    markup = InlineKeyboardMarkup([[open_order_button(translator(), order_id)]])
    try:
        await query.edit_message_reply_markup(markup)
    except BadRequest as error:  # the message is too old to edit
        log.info("could not edit the stale reminder's buttons: %s", error)
    await _show_card(update, context, order_id)


def _still_a_deadline(
    rt: Runtime, view: OrderView, reminder: reminders.Reminder, today: dt.date
) -> bool:
    """Whether the order's advice still has the reminder's deadline: today's, or for one
    listed only while it is ahead (the first day to open a dispute, on its own day, review V)
    yesterday's, as the sweep judges it."""
    wanted = (reminder.kind, reminder.deadline_on)
    deadlines = reminded_deadlines(view.advice, view.situation)
    if wanted in {(d.kind.value, d.date.isoformat()) for d in deadlines}:
        return True
    situation, before = advise(view.situation, today - dt.timedelta(days=1), rt)
    deadlines = reminded_deadlines(before, situation)
    return wanted in {(d.kind.value, d.date.isoformat()) for d in deadlines}


async def _snooze(
    rt: Runtime, user: User, view: OrderView, reminder_id: int
) -> tuple[str, bool] | None:
    """Queue the reminder again (tomorrow; on the deadline's last day in a few hours, if time
    is left); the toast text and whether it must be an alert, or None if it no longer applies."""
    reminder = await reminders.get(rt.db, reminder_id)
    if reminder is None or (reminder.order_id, reminder.user_id) != (view.order.id, user.user_id):
        raise ForgedCallback(f"reminder {reminder_id}")
    zone, now = user_zone(user, rt.default_timezone), now_utc()
    if not _still_a_deadline(rt, view, reminder, now.astimezone(zone).date()):
        return None
    deadline_on = dt.date.fromisoformat(reminder.deadline_on)
    # A protection running out in the morning: no reminder after it (review J).
    ends = known_end(deadline_kind(reminder.kind), deadline_on, view.situation, zone)
    latest = ends - END_LEAD if ends is not None else None
    due = snooze_until(
        now,
        zone=zone,
        quiet_hours=rt.quiet_hours,
        hour=rt.reminder_schedule.hour,
        deadline_on=deadline_on,
        kind=deadline_kind(reminder.kind),
        latest=latest,
    )
    if due is None:
        due = snooze_today(
            now, zone=zone, quiet_hours=rt.quiet_hours, deadline_on=deadline_on, latest=latest
        )
        if due is None:
            return _too_late(ends, deadline_on, zone, now), True
    new = reminders.NewReminder(
        kind=reminder.kind,
        deadline_on=reminder.deadline_on,
        offset_days=reminder.offset_days,
        due_at=int(due.timestamp()),
    )
    async with rt.db.transaction() as conn:
        await reminders.add(conn, view.order.id, user.user_id, new)
    tr = translator()
    local = due.astimezone(zone)
    at = {"date": tr.format_date(local.date()), "time": tr.format_time(local)}
    today = now.astimezone(zone).date()
    if local.date() == deadline_on and today == deadline_on:
        # The last day's button says "later today" (walk AX: not "tomorrow is too late").
        return _("OK, the deadline is today: I will remind you again at %(time)s.") % at, True
    if ends is not None and local.date() == today:
        # The day before a morning end: sooner than asked, and why (walk K: a bare "again on
        # November 30 at 8:50 AM" read as a mistake).
        end = ends.astimezone(zone)
        at |= {"end_date": tr.format_date(end.date()), "end_time": tr.format_time(end)}
        return _(
            "Tomorrow is too late: Buyer Protection runs out on %(end_date)s at %(end_time)s."
            " I will remind you again at %(time)s."
        ) % at, True
    return _("OK, I will remind you again on %(date)s at %(time)s.") % at, False


def _too_late(
    ends: dt.datetime | None, deadline_on: dt.date, zone: ZoneInfo, now: dt.datetime
) -> str:
    """Why no later reminder can be: the deadline is today and its day is nearly over, or the
    protection runs out (at `ends`, when known) tomorrow morning, before the reminder could
    come, or the deadline has passed."""
    today = now.astimezone(zone).date()
    if today > deadline_on:
        return _("This deadline has passed: open the order to see what to do now.")
    if ends is None or today == deadline_on:
        return _(
            "No time is left today for another reminder: the deadline is today. Please do it now."
        )
    tr, local = translator(), ends.astimezone(zone)
    return _(
        "Tomorrow is too late: Buyer Protection runs out on %(date)s at %(time)s. Please do it now."
    ) % {"date": tr.format_date(local.date()), "time": tr.format_time(local)}


async def reminder_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Seller extended, I opened the dispute, I shipped it back, resolved, remind me tomorrow,
    open the order."""
    query = update.callback_query
    if query is None:
        return
    parts = parse(query.data, NAMESPACE, (2, 3))
    order_id, action = parse_int(parts[0]), parts[1]
    if (action == TOMORROW) != (len(parts) == 3) or action not in (
        *_FOLLOWUPS,
        RESOLVED,
        CARD,
        TOMORROW,
    ):
        raise ForgedCallback(str(query.data))
    rt, user = runtime(context), require_user()
    view = await load_order(rt, user, order_id, user_today(user, rt.default_timezone))
    if view is None:
        log.warning(
            "user %s pressed a reminder of order %s, not theirs or gone", user.user_id, order_id
        )
        # Most likely deleted since the reminder came: say so, and take its buttons away.
        await query.answer(_("This order is no longer among your orders."), show_alert=True)
        try:
            await query.edit_message_reply_markup(None)
        except BadRequest as error:  # too old to edit, or already bare
            log.info("could not take the buttons off the reminder: %s", error)
        return
    archived = view.order.status == ARCHIVED
    if action == CARD:
        await query.answer()
        await _show_card(update, context, order_id)
    elif action in _FOLLOWUPS:
        if archived or action not in reminder_followups(view.situation, advice=view.advice):
            await _stale(update, context, order_id, archived=archived)
            return
        await query.answer()
        # A new message for the question: the reminder stays in the chat.
        await start_followup(update, context, view.order.id, _FOLLOWUPS[action], edit=False)
    elif action == RESOLVED:
        if not archived:
            await set_archived(rt, user, order_id, archived=True)
            log.info("user %s resolved order %s from a reminder", user.user_id, order_id)
        await query.answer(_("Archived: no more reminders for this order."))
        # A way back from a tap made by mistake, right where it was made.
        tr = translator()
        markup = InlineKeyboardMarkup(
            [[restore_button(tr, order_id), open_order_button(tr, order_id)]]
        )
        try:
            await query.edit_message_reply_markup(markup)
        except BadRequest as error:  # the message is too old to edit, or already like this
            log.info("could not edit the reminder's buttons: %s", error)
    else:
        toast = None if archived else await _snooze(rt, user, view, parse_int(parts[2]))
        if toast is None:
            await _stale(update, context, order_id, archived=archived)
            return
        text, alert = toast
        await query.answer(text, show_alert=alert)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the `r:` buttons of reminder messages."""
    app.add_handler(CallbackQueryHandler(reminder_button, pattern=rf"^{NAMESPACE}:"))
