"""/language: switch between Russian and English, stored for the user."""

from __future__ import annotations

from telegram import BotCommandScopeChat, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from handlers.callbacks import ForgedCallback, make, parse
from handlers.commands import bot_commands
from handlers.conversation.unfinished import back_to_it_button, unfinished
from handlers.menu import back_to_menu_button, main_menu_keyboard
from handlers.middleware import require_user
from handlers.runtime import runtime
from locales import LANGUAGES
from locales.runtime import _, current_language, translator
from storage import conversations, users

LANGUAGE_NAMES = {"ru": "🇷🇺 Русский", "en": "🇬🇧 English"}
# The language chosen from Settings returns there (else to the main menu).
FROM_SETTINGS = "s"


def language_keyboard(origin: str | None = None) -> InlineKeyboardMarkup:
    """One button per supported language; `origin` (FROM_SETTINGS) is where the choice returns."""
    extra = (origin,) if origin is not None else ()
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(LANGUAGE_NAMES[lang], callback_data=make("lang", lang, *extra))
                for lang in LANGUAGES
            ]
        ]
    )


async def ask_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer the languages as buttons."""
    if update.effective_message is None:
        return
    rows = [*language_keyboard().inline_keyboard, [back_to_menu_button()]]
    current = LANGUAGE_NAMES[current_language.get()]
    await update.effective_message.reply_text(
        _("Choose the language (now: %(language)s):") % {"language": current},
        reply_markup=InlineKeyboardMarkup(rows),
    )


async def choose_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Store the chosen language and answer in it."""
    query = update.callback_query
    if query is None:
        return
    language, *origin = parse(query.data, "lang", (1, 2))
    if language not in LANGUAGES or origin not in ([], [FROM_SETTINGS]):
        raise ForgedCallback(str(query.data))
    user = require_user()
    await users.set_language(runtime(context).db, user.user_id, language)
    current_language.set(language)
    if query.message is not None:
        # The command menu of this chat follows the choice, not the phone's language.
        await context.bot.set_my_commands(
            bot_commands(language), scope=BotCommandScopeChat(query.message.chat.id)
        )
    await query.answer(_("Language: English"))
    if origin:
        # Imported here: the settings screen imports this module for its language buttons.
        from handlers.settings import show_settings_again

        await show_settings_again(update, context, user)
        return
    rows = list(main_menu_keyboard().inline_keyboard)
    kind = unfinished(await conversations.unsuspend(runtime(context).db, user.user_id))
    if kind is not None:
        # Switching language mid-questionnaire keeps the answers: offer the way back to them.
        rows.insert(0, (back_to_it_button(kind, translator()),))
    await query.edit_message_text(
        _("Done, I will speak English from now on."), reply_markup=InlineKeyboardMarkup(rows)
    )


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add /language and its buttons."""
    app.add_handler(CommandHandler("language", ask_language))
    app.add_handler(CallbackQueryHandler(choose_language, pattern=r"^lang:"))
