"""The order card: the order's header, today's advice for it and the buttons that move it along."""

from __future__ import annotations

import datetime as dt
import html
import logging
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import MessageLimit
from telegram.ext import ContextTypes

from advisor.deadlines import upcoming
from advisor.texts import applicable_texts
from handlers.advice_card import render_advice
from handlers.callbacks import ForgedCallback, make
from handlers.clock import user_today, user_zone
from handlers.dispute_lines import dispute_lines
from handlers.middleware import require_user
from handlers.order_buttons import ARCHIVE_LABEL, restore_button
from handlers.order_store import ARCHIVED, OrderView, load_order
from handlers.order_undo import undo_token
from handlers.runtime import runtime
from handlers.screen import show
from handlers.texts_view import text_label
from handlers.zone_choice import CARD_NAMESPACE, MY_ZONE_LABEL
from handlers.zone_hint import unchosen_zone_line
from locales import N_
from locales.runtime import _, translator
from storage import reminders

from .listing import ACTIVE_PAGE, ARCHIVED_PAGE, list_page_of, order_label, shorten
from .stages import FOLLOWUP_BUTTONS, followups_for, stage_name

log = logging.getLogger(__name__)

MAX_MESSAGE_LENGTH = MessageLimit.MAX_TEXT_LENGTH
# Callback code of "undo the change just made" (handlers/order_undo.py).
UNDO = "und"

# Callback codes of the text buttons → the advisor's text kind (labelled as on the advice card
# before saving: handlers/texts_view.text_label).
TEXT_BUTTONS: dict[str, str] = {
    "tdi": "dispute",
    "tsm": "seller_message",
    "tap": "appeal",
    "tsu": "support",
}


def is_archived(view: OrderView) -> bool:
    """Whether the order is in the archive (no reminders, no follow-ups)."""
    return view.order.status == ARCHIVED


# Second walk of 2026-12-03: no screen said when a reminder would come ("I will remind you before
# the deadlines" only), so a buyer could not tell whether the safe last day was covered.
NEXT_REMINDER = N_("🔔 Next reminder: %(when)s.")


def card_header(view: OrderView, zone: ZoneInfo, next_reminder: int | None = None) -> str:
    """The order's name, numbers and dispute stage, and when its next reminder comes (Unix
    time, None when none is pending), as HTML."""
    tr = translator()
    situation = view.situation
    lines = [f"<b>📦 {html.escape(shorten(order_label(view.order, zone)))}</b>"]
    if situation.order_number and situation.order_number != view.order.label:
        # Not twice over: an order named by its number shows it as the name.
        lines.append(
            _("Order number: %(number)s") % {"number": html.escape(situation.order_number)}
        )
    if situation.tracking_number:
        lines.append(
            _("Tracking number: %(number)s")
            % {"number": f"<code>{html.escape(situation.tracking_number)}</code>"}
        )
    lines.append(_("Stage: %(stage)s") % {"stage": tr.gettext(stage_name(situation))})
    lines += dispute_lines(translator(), view.situation)
    if is_archived(view):
        lines.append(_("🗄 In the archive: no reminders are sent for it."))
    elif next_reminder is not None:
        when = dt.datetime.fromtimestamp(next_reminder, dt.UTC).astimezone(zone)
        lines.append(html.escape(_(NEXT_REMINDER) % {"when": tr.format_date_time(when)}))
    return "\n".join(lines)


# "Add the item and order number" when the item is known asks only the numbers.
ADD_NUMBERS = N_("➕ Add the order number")


def _label(code: str, view: OrderView) -> str:
    """A follow-up button's label (the details one names only what is missing)."""
    if code == "det" and view.situation.item is not None:
        return _(ADD_NUMBERS)
    return _(FOLLOWUP_BUTTONS[code][1])


def card_keyboard(
    view: OrderView, *, undo: bool = False, page: int = 0, ask_zone: bool = False
) -> InlineKeyboardMarkup:
    """The follow-ups that fit the stage, texts, calendar, archive, delete, back to the list;
    first, with `undo`, the way to take back the change just made; with `ask_zone`, the way to
    the time zone reminders count in."""
    order_id = view.order.id
    archived = is_archived(view)
    followups = [
        InlineKeyboardButton(_label(code, view), callback_data=make("o", order_id, code))
        for code in followups_for(view.situation, archived, view.advice)
    ]
    rows = [followups[i : i + 2] for i in range(0, len(followups), 2)]
    token = undo_token(view.order) if undo else None
    if token is not None:
        undo_button = InlineKeyboardButton(
            _("↩️ Undo this change"), callback_data=make("o", order_id, UNDO, token)
        )
        rows.insert(0, [undo_button])
    kinds = applicable_texts(view.advice, view.situation.today)
    texts = [
        InlineKeyboardButton(
            _(text_label(kind, view.advice)), callback_data=make("o", order_id, code)
        )
        for code, kind in TEXT_BUTTONS.items()
        if kind in kinds
    ]
    if texts:
        rows.append(texts)
    # Walk AM: offered for passed dates only, it answered "All the dates have passed".
    if not archived and upcoming(view.advice, view.situation.today):
        rows.append(
            [InlineKeyboardButton(_("📅 Add to calendar"), callback_data=make("cal", order_id))]
        )
    if ask_zone and not archived:
        rows.append(
            [InlineKeyboardButton(_(MY_ZONE_LABEL), callback_data=make(CARD_NAMESPACE, order_id))]
        )
    if archived:
        keep = restore_button(translator(), order_id)
    else:
        keep = InlineKeyboardButton(_(ARCHIVE_LABEL), callback_data=make("o", order_id, "arc"))
    rows.append(
        [keep, InlineKeyboardButton(_("🗑 Delete"), callback_data=make("o", order_id, "del"))]
    )
    back = make("o", ARCHIVED_PAGE if archived else ACTIVE_PAGE, page)
    # Back to the list it came from, named as that list is (walk BV: "My orders" opened the
    # archive).
    label = _("⬅️ Archive") if archived else _("⬅️ My orders")
    rows.append([InlineKeyboardButton(label, callback_data=back)])
    return InlineKeyboardMarkup(rows)


async def load_for_presser(
    update: Update, context: ContextTypes.DEFAULT_TYPE, order_id: int
) -> OrderView:
    """The user's order with today's advice; ForgedCallback (logged) if it is not theirs or gone."""
    rt = runtime(context)
    user = require_user()
    view = await load_order(rt, user, order_id, user_today(user, rt.default_timezone))
    if view is None:
        log.warning(
            "user %s asked for order %s, which is not theirs or gone", user.user_id, order_id
        )
        raise ForgedCallback(f"order {order_id}")
    return view


def render_card(
    view: OrderView, context: ContextTypes.DEFAULT_TYPE, next_reminder: int | None = None
) -> list[str]:
    """The card as HTML: header (with when the next reminder comes, Unix time) and today's
    advice in one message, or two if that is too long."""
    rt = runtime(context)
    user = require_user()
    zone = user_zone(user, rt.default_timezone)
    today = user_today(user, rt.default_timezone)
    advice = render_advice(
        view.situation,
        view.advice,
        today=today,
        zone=zone,
        timers=rt.timers,
        zone_chosen=user.timezone is not None,
    )
    header = card_header(view, zone, next_reminder)
    whole = f"{header}\n\n{advice}"
    zone_line = None if is_archived(view) else unchosen_zone_line(rt, user, translator())
    if zone_line is not None:
        # Last, by its button; in a card split in two, under the header (the advice may fill
        # its message).
        whole += "\n\n" + zone_line
        header += "\n\n" + zone_line
    return [whole] if len(whole) <= MAX_MESSAGE_LENGTH else [header, advice]


async def present_card(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    view: OrderView,
    *,
    edit: bool,
    undo: bool = False,
) -> None:
    """Put the card in the chat; the buttons go under its last message."""
    next_reminder = await reminders.next_pending_at(runtime(context).db, view.order.id)
    *first, last = render_card(view, context, next_reminder)
    if first:
        await show(update, first[0], None, edit=edit)
        edit = False
    # "My orders" goes back to the page of the list the order is on (walk T: always page 1).
    user = require_user()
    page = await list_page_of(runtime(context), user, view.order)
    markup = card_keyboard(view, undo=undo, page=page, ask_zone=user.timezone is None)
    await show(update, last, markup, edit=edit)


async def show_order_card(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    order_id: int,
    *,
    edit: bool = False,
    undo: bool = False,
) -> None:
    """Show the saved order's card: header, today's advice and the buttons of its stage.

    For other features (the questionnaire after "Save", a finished follow-up, reminder
    buttons): pass the update being handled and the order's id. With `edit=True` and a pressed
    button, that button's message is replaced in place; otherwise (or if editing fails) a new
    message is sent. The order is loaded for the update's user only: an id that is not theirs
    (or no longer exists) is logged and raises `handlers.callbacks.ForgedCallback`, which the
    global error handler turns into "this menu is out of date" with a fresh menu. Does not
    answer the callback query; the caller does.
    """
    view = await load_for_presser(update, context, order_id)
    await present_card(update, context, view, edit=edit, undo=undo)
