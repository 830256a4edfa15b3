"""The `o:` buttons: list pages, the card, follow-ups, texts, archive, restore and delete."""

from __future__ import annotations

import html
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from handlers.callbacks import ForgedCallback, make, parse, parse_int
from handlers.clock import user_today, user_zone
from handlers.middleware import require_user
from handlers.order_store import OrderView, delete_order, set_archived, undo_change
from handlers.order_undo import order_before
from handlers.runtime import Runtime, runtime
from handlers.screen import show
from handlers.texts_view import send_texts
from locales.runtime import _
from storage.models import User

from . import archive_check
from .archive_check import archive_question, archive_question_keyboard, dates_ahead
from .card import TEXT_BUTTONS, UNDO, is_archived, load_for_presser, present_card
from .listing import ACTIVE_PAGE, ARCHIVED_PAGE, order_label, render_list, shorten
from .stages import FOLLOWUP_BUTTONS, followups_for

# The order's name in the delete question: enough to recognise it.
NAME_IN_QUESTION = 60

log = logging.getLogger(__name__)


async def show_list(
    update: Update, context: ContextTypes.DEFAULT_TYPE, *, archived: bool, page: int, edit: bool
) -> None:
    """Show one page of the user's orders."""
    text, markup = await render_list(runtime(context), require_user(), archived=archived, page=page)
    # Imported here: the conversation feature imports this package to show the card.
    from handlers.conversation.unfinished import with_way_back

    await show(update, text, await with_way_back(context, markup), edit=edit)


async def orders_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/orders: the first page of the active orders."""
    await show_list(update, context, archived=False, page=0, edit=False)


async def orders_menu_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The main menu's My orders button."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    await show_list(update, context, archived=False, page=0, edit=True)


async def _start_followup(
    update: Update, context: ContextTypes.DEFAULT_TYPE, order_id: int, flow: str
) -> None:
    # Imported here: the conversation feature imports this package to show the card.
    from handlers.conversation import start_followup

    await start_followup(update, context, order_id, flow)


def _name_in_question(view: OrderView, user: User, rt: Runtime) -> str:
    """The order's name in a question about it: enough to recognise it."""
    return shorten(order_label(view.order, user_zone(user, rt.default_timezone)), NAME_IN_QUESTION)


def _delete_confirmation(order_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    _("🗑 Yes, delete it"), callback_data=make("o", order_id, "dly")
                ),
                InlineKeyboardButton(_("No, keep it"), callback_data=make("o", order_id)),
            ]
        ]
    )


async def order_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every `o:` button; an order id is only ever acted on for the user who owns it."""
    query = update.callback_query
    if query is None:
        return
    parts = parse(query.data, "o", (1, 2, 3))
    if parts[0] in (ACTIVE_PAGE, ARCHIVED_PAGE):
        if len(parts) != 2:
            raise ForgedCallback(str(query.data))
        page = parse_int(parts[1])
        await query.answer()
        await show_list(update, context, archived=parts[0] == ARCHIVED_PAGE, page=page, edit=True)
        return
    order_id = parse_int(parts[0])
    action = parts[1] if len(parts) >= 2 else None
    if (action == UNDO) != (len(parts) == 3):
        raise ForgedCallback(str(query.data))  # only Undo carries a third part, its token
    known = action is None or action in FOLLOWUP_BUTTONS or action in TEXT_BUTTONS
    others = ("arc", archive_check.ARCHIVE_CONFIRMED, "rst", "del", "dly", UNDO)
    if not known and action not in others:
        raise ForgedCallback(str(query.data))
    view = await load_for_presser(update, context, order_id)
    rt, user = runtime(context), require_user()
    archived = is_archived(view)
    today = user_today(user, rt.default_timezone)
    match action:
        case None:
            await query.answer()
            await present_card(update, context, view, edit=True)
        case code if code in FOLLOWUP_BUTTONS:
            if code not in followups_for(view.situation, archived, view.advice):
                # A button from an older card of this order: show the card as it is now.
                await query.answer(_("This menu is out of date."))
                await present_card(update, context, view, edit=True)
                return
            await query.answer()
            await _start_followup(update, context, order_id, FOLLOWUP_BUTTONS[code][0])
        case code if code in TEXT_BUTTONS:
            await query.answer()
            await send_texts(
                update,
                context,
                view.situation,
                view.advice,
                kinds=[TEXT_BUTTONS[code]],
                order_id=order_id,
            )
        case "arc" | archive_check.ARCHIVE_CONFIRMED | "rst" if (action != "rst") == archived:
            # Archive pressed on an archived order (or restore on an active one): an old card.
            await query.answer(_("This menu is out of date."))
            await present_card(update, context, view, edit=True)
        case "arc" if dates_ahead(view, today):
            # Its reminders would stop with dates still ahead: asked first.
            await query.answer()
            text = archive_question(_name_in_question(view, user, rt), view, today)
            await show(update, text, archive_question_keyboard(order_id), edit=True)
        case "arc" | archive_check.ARCHIVE_CONFIRMED | "rst":
            await set_archived(rt, user, order_id, archived=action != "rst")
            log.info("user %s %s order %s", user.user_id, action, order_id)
            await query.answer(
                _("Archived: no more reminders for this order.")
                if action != "rst"
                else _("Restored to your active orders.")
            )
            view = await load_for_presser(update, context, order_id)
            await present_card(update, context, view, edit=True)
        case "und":
            before = order_before(view.order, parts[2])
            if before is None:
                # The order changed again since: that change stays, the card shows it.
                await query.answer(_("This menu is out of date."))
                await present_card(update, context, view, edit=True)
                return
            await undo_change(rt, user, order_id, before, user_today(user, rt.default_timezone))
            log.info("user %s undid the last change of order %s", user.user_id, order_id)
            await query.answer(_("Undone: the order is as it was."))
            view = await load_for_presser(update, context, order_id)
            await present_card(update, context, view, edit=True)
        case "del":
            await query.answer()
            name = _name_in_question(view, user, rt)
            text = _("Delete “%(name)s” and its reminders? This cannot be undone.") % {"name": name}
            await show(update, html.escape(text), _delete_confirmation(order_id), edit=True)
        case "dly":
            await delete_order(rt, user, order_id)
            log.info("user %s deleted order %s", user.user_id, order_id)
            await query.answer(_("Deleted."))
            await show_list(update, context, archived=archived, page=0, edit=True)
