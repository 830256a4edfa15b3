"""Settings: the language and the time zone (buttons for common zones, or a typed city or IANA
name)."""

from __future__ import annotations

import html
import logging
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel.dates import format_time
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from handlers import order_store, text_router
from handlers.callbacks import ForgedCallback, make, parse, parse_int
from handlers.clock import now_utc, user_zone
from handlers.delete_data import ASK, DELETE_LABEL
from handlers.errors import QUESTION_FLOW, way_back_button
from handlers.language import FROM_SETTINGS, LANGUAGE_NAMES, language_keyboard
from handlers.menu import back_to_menu_button
from handlers.middleware import current_user, require_user
from handlers.runtime import runtime
from handlers.screen import retire_keyboard
from handlers.zone_choice import (
    COMMON_ZONES,
    card_zones_keyboard,
    named_zone_data,
    zone_of_data,
    zone_rows,
)
from handlers.zone_hint import fixed_offset_note
from handlers.zone_names import (
    has_several_zones,
    similar_zone,
    zone_label,
    zone_of_city,
    zone_of_country,
)
from handlers.zone_recount import RECOUNT, counted_of, recount_order, stored_counted
from locales.runtime import _, current_language, translator
from storage import conversations, users
from storage.models import Conversation, User

if TYPE_CHECKING:
    from advisor.questionnaire.relative_dates import Counted

log = logging.getLogger(__name__)

TZ_FLOW = "tz"
MAX_ZONE_LENGTH = 64

# What people type for their zone that is not (or, as EST and MST, only a fixed-offset relic
# without summer time is) an IANA name: the region's real zone.
ZONE_ABBREVIATIONS: dict[str, str] = {
    **dict.fromkeys(("est", "edt", "et", "eastern"), "America/New_York"),
    # Not "cst" (China Standard Time to many AliExpress buyers) nor "bst" (Bangladesh, too).
    **dict.fromkeys(("cdt", "ct", "central"), "America/Chicago"),
    # Not "mst": Arizona keeps it all year, which IANA's fixed MST already is.
    **dict.fromkeys(("mdt", "mt", "mountain"), "America/Denver"),
    **dict.fromkeys(("pst", "pdt", "pt", "pacific"), "America/Los_Angeles"),
    **dict.fromkeys(("akst", "akdt", "alaska"), "America/Anchorage"),
    **dict.fromkeys(("hst", "hawaii"), "Pacific/Honolulu"),
    **dict.fromkeys(("msk", "мск"), "Europe/Moscow"),
}
# Abbreviations several regions use, and the zones each may mean: asked, not guessed (walk C:
# "CST" refused; a US buyer means Chicago, a Chinese one Shanghai).
AMBIGUOUS_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "cst": ("America/Chicago", "Asia/Shanghai"),
    "ist": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    "bst": ("Europe/London", "Asia/Dhaka"),
}
# Words around a region's name in a typed zone: "US Central", "Central Daylight Time".
_REGION_PREFIXES = ("us_", "usa_", "u.s._")
_REGION_SUFFIXES = ("_zone", "_time", "_standard", "_daylight")


def _region(folded: str) -> str:
    """A typed zone without the words around its region's name ("us_central_time" → "central")."""
    for prefix in _REGION_PREFIXES:
        folded = folded.removeprefix(prefix)
    for suffix in _REGION_SUFFIXES:
        folded = folded.removesuffix(suffix)
    return folded


def ambiguous_zones(text: str) -> tuple[str, ...]:
    """The zones an abbreviation used by several regions may mean ("CST"), or ()."""
    return AMBIGUOUS_ABBREVIATIONS.get(_region(text.strip().replace(" ", "_").casefold()), ())


@cache
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()}


def normalize_zone(text: str) -> str | None:
    """The canonical IANA name for typed text (any letter case), for a common abbreviation (EST,
    PST, МСК) or for a city in it (Moscow, Владивосток); None if there is none."""
    candidate = text.strip().replace(" ", "_")
    if not candidate or len(candidate) > MAX_ZONE_LENGTH:
        return None
    folded = candidate.casefold()
    name = (
        ZONE_ABBREVIATIONS.get(folded)
        or ZONE_ABBREVIATIONS.get(_region(folded))
        or _zones_by_folded_name().get(folded)
        or zone_of_city(text, COMMON_ZONES)
        or zone_of_country(text, COMMON_ZONES)
    )
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def settings_text(user: User, default_timezone: str) -> str:
    """The current settings: language, and time zone with the local time there."""
    tr = translator()
    zone = user_zone(user, default_timezone)
    local = now_utc().astimezone(zone)
    time_text = format_time(local, format="short", locale=tr.locale)
    zone_line = _("Time zone: %(zone)s, now %(time)s, %(date)s") % {
        "zone": html.escape(zone_label(zone.key, tr.locale)),
        "time": time_text,
        "date": tr.format_date(local.date(), "long"),
    }
    if user.timezone is None:
        zone_line += "\n" + _("(the default one: choose yours so reminders come at the right time)")
    lines = [
        _("<b>Settings</b>"),
        _("Language: %(language)s") % {"language": LANGUAGE_NAMES[current_language.get()]},
        zone_line,
    ]
    return "\n".join(lines)


def settings_keyboard() -> InlineKeyboardMarkup:
    """Change the language, change the time zone, delete my data, back to the menu."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(_("🌐 Language"), callback_data=make("s", "lang")),
                InlineKeyboardButton(_("🕒 Time zone"), callback_data=make("s", "tz")),
            ],
            [InlineKeyboardButton(_(DELETE_LABEL), callback_data=make("del", ASK))],
            [back_to_menu_button()],
        ]
    )


def _back_to_settings() -> InlineKeyboardButton:
    return InlineKeyboardButton(_("⬅️ Back"), callback_data=make("s", "back"))


def zones_keyboard() -> InlineKeyboardMarkup:
    """The common time zones (by city, in the user's language) two per row, "type another",
    and back."""
    rows = zone_rows(lambda index: make("s", "tz", index))
    rows.append([InlineKeyboardButton(_("⌨️ Type another one"), callback_data=make("s", "tzt"))])
    rows.append([_back_to_settings()])
    return InlineKeyboardMarkup(rows)


def _typing_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(_("✖️ Cancel"), callback_data=make("s", "tzc"))]]
    )


def _type_zone_prompt() -> str:
    # Walk C: "IANA name" meant nothing to a buyer, and the example was a Siberian city for an
    # American one: the examples come in the user's language, the offset is for anyone.
    return _(
        "Type your city, for example <code>Chicago</code> or <code>Berlin</code>, or your UTC "
        "offset, like <code>UTC+3</code>."
    )


async def show_settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/settings: the current settings with buttons to change them."""
    if update.effective_message is None:
        return
    user = require_user()
    await update.effective_message.reply_text(
        settings_text(user, runtime(context).default_timezone),
        parse_mode=ParseMode.HTML,
        reply_markup=await _settings_markup(context),
    )


async def _settings_markup(context: ContextTypes.DEFAULT_TYPE) -> InlineKeyboardMarkup:
    """The settings' buttons, with the way back to an unfinished questionnaire on top."""
    # Imported here: the conversation feature imports this module (typing a time zone).
    from handlers.conversation.unfinished import with_way_back

    return await with_way_back(context, settings_keyboard())


async def _edit(update: Update, text: str, markup: InlineKeyboardMarkup) -> None:
    query = update.callback_query
    assert query is not None
    # Pressing the same button twice leaves the message as it is: bot/requests.py takes
    # Telegram's "not modified" as the success it is.
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


async def show_settings_again(
    update: Update, context: ContextTypes.DEFAULT_TYPE, user: User
) -> None:
    """The pressed message becomes the settings screen again (in the current language); a
    time zone being typed is no longer awaited."""
    await conversations_clear_tz(context, user)
    markup = await _settings_markup(context)
    await _edit(update, settings_text(user, runtime(context).default_timezone), markup)


async def set_zone(context: ContextTypes.DEFAULT_TYPE, user: User, zone: str) -> User:
    """Save the user's time zone and move their reminders to it; the user as now stored (also
    the update's user from now on: a card shown next counts in the new zone)."""
    rt = runtime(context)
    before = user_zone(user, rt.default_timezone)
    await users.set_timezone(rt.db, user.user_id, zone)
    log.info("user %s set time zone %s", user.user_id, zone)
    user = user.model_copy(update={"timezone": zone})
    current_user.set(user)
    # Reminders are due at local hours: a new zone moves them (a snoozed one to the same hour).
    await order_store.replan_reminders(rt, user, moved_from=before)
    return user


async def _zone_pressed(
    update: Update, context: ContextTypes.DEFAULT_TYPE, user: User, zone: str
) -> None:
    """A zone's button: save it, end any wait for a typed one, show the settings."""
    query = update.callback_query
    assert query is not None
    user = await set_zone(context, user, zone)
    await conversations_clear_tz(context, user)
    await query.answer(_("Time zone saved."))
    markup = await _settings_markup(context)
    await _edit(update, settings_text(user, runtime(context).default_timezone), markup)


async def settings_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The `s:` buttons: open the language or time-zone choice, pick a zone, go back."""
    query = update.callback_query
    if query is None:
        return
    parts = parse(query.data, "s", (1, 2))
    user = require_user()
    match parts:
        case ["lang"]:
            await query.answer()
            rows = [*language_keyboard(FROM_SETTINGS).inline_keyboard, [_back_to_settings()]]
            await _edit(update, _("Choose the language:"), InlineKeyboardMarkup(rows))
        case ["tz"]:
            await query.answer()
            # A city typed now (not only after "Type another one") is taken too.
            message_id = query.message.message_id if query.message else None
            await start_typing_zone(context, user, message_id)
            await _edit(update, _("Choose your time zone, or type your city:"), zones_keyboard())
        case ["tz", index]:
            position = parse_int(index)
            if position >= len(COMMON_ZONES):
                raise ForgedCallback(str(query.data))
            await _zone_pressed(update, context, user, COMMON_ZONES[position])
        case ["tzn", name]:
            zone = zone_of_data(name)
            if zone not in available_timezones():
                raise ForgedCallback(str(query.data))
            await _zone_pressed(update, context, user, zone)
        case ["tzt"]:
            await query.answer()
            message_id = query.message.message_id if query.message else None
            await start_typing_zone(context, user, message_id)
            await _edit(update, _type_zone_prompt(), _typing_keyboard())
        case ["tzc"] | ["back"]:
            await query.answer()
            await show_settings_again(update, context, user)
        case _:
            raise ForgedCallback(str(query.data))


async def start_typing_zone(
    context: ContextTypes.DEFAULT_TYPE,
    user: User,
    message_id: int | None,
    order_id: int | None = None,
    recount: list[Counted] | None = None,
) -> None:
    """Wait for a typed zone, keeping any questionnaire in progress to resume afterwards; with
    `order_id`, the zone is chosen from that order's card, which comes back once it is saved;
    `recount`: that order's dates typed from today, counted again in the zone chosen."""
    db = runtime(context).db
    current = await conversations.get(db, user.user_id)
    state: dict[str, object] = {}
    if current is not None and current.flow != TZ_FLOW:
        state["suspended"] = current.model_dump(mode="json")
    elif current is not None:
        state = dict(current.state)
    state.pop(_FROM_CARD, None)
    state.pop(RECOUNT, None)
    if order_id is not None:
        state[_FROM_CARD] = order_id
        if recount:
            state[RECOUNT] = stored_counted(recount)
    await conversations.save(db, user.user_id, TZ_FLOW, state, message_id=message_id)


# The typed-zone state's key for the order whose card the zone is chosen from.
_FROM_CARD = "order"


def card_of(conversation: Conversation) -> int | None:
    """The order whose card the awaited zone is chosen from, if it is."""
    if conversation.flow != TZ_FLOW:
        return None
    order_id = conversation.state.get(_FROM_CARD)
    return order_id if isinstance(order_id, int) and not isinstance(order_id, bool) else None


async def conversations_clear_tz(context: ContextTypes.DEFAULT_TYPE, user: User) -> None:
    """End the "type a time zone" conversation; a questionnaire it interrupted comes back."""
    db = runtime(context).db
    conversation = await conversations.get(db, user.user_id)
    if conversation is None or conversation.flow != TZ_FLOW:
        return
    restored = await conversations.unsuspend(db, user.user_id)
    if restored is not None and restored.flow == TZ_FLOW:  # nothing (readable) was on hold
        await conversations.clear(db, user.user_id)


async def _retire_prompt(
    context: ContextTypes.DEFAULT_TYPE, user: User, conversation: Conversation
) -> None:
    """Take the Cancel button off the prompt the typed answer leaves behind."""
    if conversation.message_id is not None:
        await retire_keyboard(context.bot, user.user_id, conversation.message_id)


def _suggested_zone_button(zone: str, label: str, order_id: int | None) -> InlineKeyboardButton:
    return InlineKeyboardButton("✅ " + label, callback_data=named_zone_data(zone, order_id))


def _suspended_flow(conversation: Conversation) -> str | None:
    """The flow of the conversation put on hold while the user types a time zone, if any."""
    suspended = conversation.state.get("suspended")
    flow = suspended.get("flow") if isinstance(suspended, dict) else None
    return flow if isinstance(flow, str) else None


def _what_was_meant(
    text: str, problem: str, order_id: int | None
) -> tuple[str, list[list[InlineKeyboardButton]]]:
    """The reply to a zone not understood, and the zones it may have meant, one tap each: those
    of an abbreviation several regions use ("CST"), the name a typo meant ("Москав"), or a word
    that a country has several time zones ("Россия")."""
    locale = translator().locale
    typed = {"text": html.escape(text.strip())}
    several = ambiguous_zones(text) if text else ()
    if several:
        problem = _("“%(text)s” is used for more than one time zone: which one is yours?") % typed
        return problem, [
            [_suggested_zone_button(zone, zone_label(zone, locale), order_id)] for zone in several
        ]
    if text and has_several_zones(text):
        problem = _("“%(text)s” has several time zones: choose yours below or type your city.")
        return problem % typed, []
    # A typo of a known name ("Москав", "Europe/Berln"): the name meant, at one tap.
    meant = similar_zone(text, COMMON_ZONES) if text else None
    if meant is None:
        return problem, []
    label = zone_label(meant, locale)
    problem += "\n" + _("Did you mean this one: %(zone)s?") % {"zone": html.escape(label)}
    return problem, [[_suggested_zone_button(meant, label, order_id)]]


async def typed_zone(
    update: Update, context: ContextTypes.DEFAULT_TYPE, conversation: Conversation
) -> None:
    """A message while the bot waits for a typed time zone: save it, or explain and ask again."""
    message = update.effective_message
    if message is None:
        return
    rt = runtime(context)
    user = require_user()
    zone = normalize_zone(message.text) if message.text else None
    if zone is None:
        if message.text:
            problem = _("I do not know the time zone “%(text)s”.") % {
                "text": html.escape(message.text[:MAX_ZONE_LENGTH])
            }
        else:
            problem = _("Please type the name of the time zone as text.")
        order_id = card_of(conversation)
        problem, rows = _what_was_meant(message.text or "", problem, order_id)
        # An answer meant for the questionnaire on hold (walk W): the way back to it. (Lines
        # in the order of their buttons.)
        flow = _suspended_flow(conversation)
        back = way_back_button(flow)
        if back is not None:
            problem += "\n" + (
                _("Or was it an answer to the questionnaire? It is waiting: see the button below.")
                if flow == QUESTION_FLOW
                else _("Your unsaved advice is kept: see the button below.")
            )
            rows.append([back])
        zones = (
            zones_keyboard()
            if order_id is None
            else card_zones_keyboard(order_id, user_zone(user, rt.default_timezone).key)
        )
        keyboard = InlineKeyboardMarkup([*rows, *zones.inline_keyboard])
        prompt = await message.reply_text(
            problem + "\n\n" + _type_zone_prompt(),
            parse_mode=ParseMode.HTML,
            # The city buttons again, not only Cancel: a typo need not start over (walk T).
            reply_markup=keyboard,
        )
        # The new prompt carries the buttons now; the old one's would only be stale.
        await _retire_prompt(context, user, conversation)
        await conversations.save(
            rt.db, user.user_id, TZ_FLOW, conversation.state, message_id=prompt.message_id
        )
        return
    before = user_zone(user, rt.default_timezone)
    user = await set_zone(context, user, zone)
    order_id = card_of(conversation)
    moved = order_id is not None and await recount_order(
        context, before, user, order_id, counted_of(conversation)
    )
    await conversations_clear_tz(context, user)
    if order_id is not None:
        # Imported here: the order card imports this module, not the reverse.
        from handlers.card_zone import back_to_card

        if await back_to_card(update, context, order_id, conversation.message_id, moved):
            return
    await _retire_prompt(context, user, conversation)
    note = fixed_offset_note(zone)
    saved = _("Time zone saved.") + (f"\n{html.escape(note)}" if note is not None else "")
    await message.reply_text(
        saved + "\n\n" + settings_text(user, rt.default_timezone),
        parse_mode=ParseMode.HTML,
        reply_markup=await _settings_markup(context),
    )


async def settings_menu_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The main menu's Settings button: show the settings in place."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    await _edit(
        update,
        settings_text(require_user(), runtime(context).default_timezone),
        await _settings_markup(context),
    )


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add /settings, the menu's Settings button, the `s:` buttons and the typed-zone flow."""
    app.add_handler(CommandHandler("settings", show_settings))
    app.add_handler(CallbackQueryHandler(settings_menu_button, pattern=r"^m:settings$"))
    app.add_handler(CallbackQueryHandler(settings_button, pattern=r"^s:"))
    text_router.register_flow(TZ_FLOW, typed_zone)
