"""The order card's "🕒 My time zone" (`zc:`): choose the zone reminders count in without
leaving the order, for a user who never chose one (walk A: a US buyer got reminders at 02:00,
10:00 in the default Moscow zone, and only a pop-up at the save said so)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from zoneinfo import available_timezones

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from handlers.callbacks import ForgedCallback, parse, parse_int
from handlers.clock import user_zone
from handlers.middleware import require_user
from handlers.orders.card import load_for_presser, present_card
from handlers.runtime import Runtime, runtime
from handlers.screen import settle_screen, show
from handlers.settings import card_of, conversations_clear_tz, set_zone, start_typing_zone
from handlers.zone_choice import (
    BACK,
    CARD_NAMESPACE,
    COMMON_ZONES,
    KEEP,
    NAMED,
    card_zones_keyboard,
    zone_of_data,
)
from handlers.zone_hint import fixed_offset_note, reminder_time_html
from handlers.zone_names import zone_label
from handlers.zone_recount import RECOUNTED_NOTE, counted_of, recount_order
from locales.runtime import _, translator
from storage import conversations
from storage.models import User

if TYPE_CHECKING:
    from advisor.questionnaire.relative_dates import Counted


def choice_text(rt: Runtime, user: User, *, saved: bool = False) -> str:
    """The zone choice from a card: the zone reminders count in now, and how to change it;
    `saved`: asked right after the order was saved, so it says so first."""
    names = reminder_time_html(rt, user, translator())
    if user.timezone is None:
        now = _(
            "Reminders come at %(time)s in your time zone. For now it is %(zone)s, the default."
        )
    else:
        now = _("Reminders come at %(time)s in your time zone, now %(zone)s.")
    title = (
        _("<b>✅ Saved. One more thing: which time zone are you in?</b>")
        if saved
        else _("<b>Your time zone</b>")
    )
    return "\n".join([title, now % names, "", _("Choose yours, or type your city:")])


async def ask_after_save(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    order_id: int,
    recount: list[Counted] | None = None,
) -> None:
    """In place of the pressed "Save" card: the zone choice for the order just saved, by a user
    who never chose one (walk D: a buyer in Dallas got every reminder at 1 AM, 10:00 in the
    default Moscow zone, and only a pop-up said so); the card comes after the choice. `recount`:
    the order's dates typed from today, counted again from today in the zone chosen."""
    await _show_choice(update, context, order_id, saved=True, recount=recount)


async def _show_choice(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    order_id: int,
    *,
    saved: bool,
    recount: list[Counted] | None = None,
) -> None:
    """The zone choice in place of the pressed message, a typed city awaited too."""
    rt, user = runtime(context), require_user()
    message = update.callback_query.message if update.callback_query else None
    message_id = message.message_id if isinstance(message, Message) else None
    await start_typing_zone(context, user, message_id, order_id=order_id, recount=recount)
    current = user_zone(user, rt.default_timezone).key
    text = choice_text(rt, user, saved=saved)
    await show(update, text, card_zones_keyboard(order_id, current), edit=True)


async def card_zone_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`zc:ORDER` opens the choice (a typed city is taken too), `zc:ORDER:N` picks a common
    zone, `zc:ORDER:n:NAME` a suggested one, `zc:ORDER:k` keeps the zone in use, `zc:ORDER:b`
    goes back to the card; the card comes back after a choice."""
    query = update.callback_query
    if query is None:
        return
    parts = parse(query.data, CARD_NAMESPACE, (1, 2, 3))
    order_id = parse_int(parts[0])
    view = await load_for_presser(update, context, order_id)  # only the user's own order
    rt, user = runtime(context), require_user()
    user_zone_before = user_zone(user, rt.default_timezone)
    current = user_zone_before.key
    match parts[1:]:
        case []:
            await query.answer()
            await _show_choice(update, context, order_id, saved=False)
            return
        case [code] if code == BACK:
            await query.answer()
            await conversations_clear_tz(context, user)
            await present_card(update, context, view, edit=True)
            return
        case [code] if code == KEEP:
            zone = current
        case [code] if code.isdigit():
            position = parse_int(code)
            if position >= len(COMMON_ZONES):
                raise ForgedCallback(str(query.data))
            zone = COMMON_ZONES[position]
        case [code, name] if code == NAMED and zone_of_data(name) in available_timezones():
            zone = zone_of_data(name)
        case _:
            raise ForgedCallback(str(query.data))
    # The dates to count again are those of the order the zone was asked for after its save,
    # not of another order whose card's zone button is pressed meanwhile.
    asked = await conversations.get(rt.db, user.user_id)
    counted = counted_of(asked) if asked is not None and card_of(asked) == order_id else []
    user = await set_zone(context, user, zone)
    moved = await recount_order(context, user_zone_before, user, order_id, counted)
    await conversations_clear_tz(context, user)
    popup = saved_text(zone, moved)
    # Telegram takes 200 characters in a pop-up; the card below shows the dates anyway.
    await query.answer(popup if len(popup) <= POPUP_LIMIT else saved_text(zone))
    # The card again, its dates counted in the zone now chosen.
    view = await load_for_presser(update, context, order_id)
    await present_card(update, context, view, edit=True)


POPUP_LIMIT = 200


def saved_text(zone: str, recounted: bool = False) -> str:
    """ "Time zone saved: Лос-Анджелес (UTC−8)." (plain text); `recounted`: with the word that
    the dates given from today count from today there now."""
    saved = _("Time zone saved: %(zone)s.") % {"zone": zone_label(zone, translator().locale)}
    notes = [fixed_offset_note(zone), _(RECOUNTED_NOTE) if recounted else None]
    return "\n".join([saved, *(note for note in notes if note is not None)])


async def back_to_card(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    order_id: int,
    prompt_id: int | None,
    recounted: bool = False,
) -> bool:
    """After a zone typed at a card's choice (`prompt_id`, the message that asked): the choice
    becomes "Time zone saved: …" and the card comes under the typed city; False if the order is
    gone meanwhile (the caller shows the settings instead)."""
    chat = update.effective_chat
    if chat is None:
        return False
    try:
        view = await load_for_presser(update, context, order_id)
    except ForgedCallback:
        return False
    zone = require_user().timezone or runtime(context).default_timezone
    saved = html.escape(saved_text(zone, recounted))
    # Walk C: the choice stayed on screen as a question without buttons, with a message saying
    # the zone was saved under it.
    if prompt_id is None or not await settle_screen(context.bot, chat.id, prompt_id, saved):
        await chat.send_message(saved)
    await present_card(update, context, view, edit=False)
    return True


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the order card's `zc:` buttons."""
    app.add_handler(CallbackQueryHandler(card_zone_button, pattern=rf"^{CARD_NAMESPACE}:"))
