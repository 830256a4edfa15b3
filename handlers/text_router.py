"""Route a user's non-command message to the conversation they are in.

Features register a handler per conversation `flow` name (the `flow` column of the
conversations table); one MessageHandler then dispatches every private message, so features
never compete for the same update.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from handlers.menu import main_menu_keyboard
from handlers.middleware import require_user
from handlers.runtime import runtime
from locales.runtime import _, translator
from storage import conversations, orders
from storage.models import Conversation

FlowHandler = Callable[[Update, ContextTypes.DEFAULT_TYPE, Conversation], Awaitable[None]]

_FLOWS: dict[str, FlowHandler] = {}


def register_flow(flow: str, handler: FlowHandler) -> None:
    """Send messages of users whose conversation is `flow` to `handler`."""
    if flow in _FLOWS and _FLOWS[flow] is not handler:
        raise ValueError(f"flow {flow!r} already has a handler")
    _FLOWS[flow] = handler


async def route_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Hand the message to the user's current flow, or point them to the menu."""
    if update.effective_message is None:
        return
    conversation = await conversations.get(runtime(context).db, require_user().user_id)
    handler = _FLOWS.get(conversation.flow) if conversation else None
    if conversation is not None and handler is not None:
        await handler(update, context, conversation)
        return
    message = update.effective_message
    if message.document:
        # A file: a video sent as one, or a statement (walk AJ: answered about photos).
        text = _(
            "No need to send me files: attach your evidence to the dispute on AliExpress (up to"
            " 3 photos and 1 video; a statement as a photo). To get my advice for an order, press"
            " “📝 New problem order”."
        )
    elif message.voice or message.audio:
        text = _(
            "I cannot listen to voice messages. I work step by step, with buttons: to sort out an"
            " order that went wrong, press “📝 New problem order”."
        )
    elif message.photo or message.video or message.video_note:
        # Evidence sent to the bot (walk T): it belongs in the dispute on AliExpress.
        text = _(
            "No need to send me photos or videos: attach them to the dispute on AliExpress (up "
            "to 3 photos and 1 video). To get my advice for an order, press “📝 New problem "
            "order”."
        )
    else:
        text = _(
            "I work step by step, with buttons. To sort out an order that went wrong, press "
            "“📝 New problem order”: about ten short questions, then my advice and the texts."
        )
        hour = dt.time(runtime(context).reminder_schedule.hour)
        zone_offer = _zone_named(message.text or "", hour)
        if zone_offer is not None:
            text, markup = zone_offer
            await message.reply_text(text, reply_markup=markup)
            return
    if await orders.count_for_user(runtime(context).db, require_user().user_id):
        # Most likely about one of them (walk N: "the seller does not answer in the dispute,
        # what now?" was sent to a new questionnaire).
        text += "\n\n" + _(
            "About an order you saved? Open it in “📦 My orders”: its buttons move the dispute"
            " along and show what to do now."
        )
    await message.reply_text(text, reply_markup=main_menu_keyboard())


# A place name is short: a longer message is something else said to the bot.
MAX_PLACE_CHARS = 40


def _zone_named(text: str, hour: dt.time) -> tuple[str, InlineKeyboardMarkup] | None:
    """A city or zone typed outside any question ("Новосибирск" after opening Settings, walk
    E): the offer to make it the user's time zone, above the menu; None for any other text."""
    # Imported here: Settings registers its typed-zone flow with this module.
    from handlers.settings import normalize_zone
    from handlers.zone_choice import named_zone_data
    from handlers.zone_names import zone_label

    if not any(char.isalpha() for char in text) or len(text) > MAX_PLACE_CHARS:
        return None  # "+3" or "-5" is more likely a count or an amount than a zone
    zone = normalize_zone(text)
    if zone is None or zone == require_user().timezone:
        return None
    tr = translator()
    label = zone_label(zone, tr.locale)
    offer = _(
        "Is this your time zone: %(zone)s? Reminders would come at %(time)s there. If you meant"
        " something else, the menu is below."
    ) % {"zone": label, "time": tr.format_time(hour)}
    button = InlineKeyboardButton(
        _("✅ Set %(zone)s as my time zone") % {"zone": label},
        callback_data=named_zone_data(zone, None),
    )
    menu = main_menu_keyboard().inline_keyboard
    return offer, InlineKeyboardMarkup([[button], *menu])


async def on_edited_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edit of a message already sent: it changes nothing, so say how to change an answer.

    An edit arrives as its own update, long after the message was handled; applying it would
    silently rewrite an answer the advice may already rest on.
    """
    message = update.edited_message
    if message is None:
        return
    conversation = await conversations.get(runtime(context).db, require_user().user_id)
    if conversation is not None and conversation.flow in _FLOWS:
        text = _(
            "I only read new messages, not edits, so nothing has changed. To change an answer,"
            " go back to its question with the buttons and send the corrected answer as a new"
            " message."
        )
    else:
        text = _("I only read new messages, not edits: please send it again as a new message.")
    await message.reply_text(text, do_quote=True)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """One handler for every private non-command message (text, photos, stickers, ...), and
    one for edits of messages already sent."""
    app.add_handler(
        MessageHandler(
            filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & ~filters.COMMAND,
            route_message,
        )
    )
    app.add_handler(
        MessageHandler(
            # A live location is sent as edits of one message: not something the user typed.
            filters.UpdateType.EDITED_MESSAGE & filters.ChatType.PRIVATE & ~filters.LOCATION,
            on_edited_message,
        )
    )
