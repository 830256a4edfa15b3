"""/language: switch between Russian and English, stored for the user."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from handlers.callbacks import ForgedCallback, make, parse
from handlers.menu import main_menu_keyboard
from handlers.middleware import require_user
from handlers.runtime import runtime
from locales import LANGUAGES
from locales.runtime import _, current_language
from storage import users

LANGUAGE_NAMES = {"ru": "🇷🇺 Русский", "en": "🇬🇧 English"}


def language_keyboard() -> InlineKeyboardMarkup:
    """One button per supported language."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(LANGUAGE_NAMES[lang], callback_data=make("lang", lang))
                for lang in LANGUAGES
            ]
        ]
    )


async def ask_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer the languages as buttons."""
    if update.effective_message is None:
        return
    await update.effective_message.reply_text(
        _("Choose the language:"), reply_markup=language_keyboard()
    )


async def choose_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Store the chosen language and answer in it."""
    query = update.callback_query
    if query is None:
        return
    (language,) = parse(query.data, "lang", 1)
    if language not in LANGUAGES:
        raise ForgedCallback(language)
    user = require_user()
    await users.set_language(runtime(context).db, user.user_id, language)
    current_language.set(language)
    await query.answer(_("Language: English"))
    await query.edit_message_text(
        _("Done, I will speak English from now on."), reply_markup=main_menu_keyboard()
    )


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add /language and its buttons."""
    app.add_handler(CommandHandler("language", ask_language))
    app.add_handler(CallbackQueryHandler(choose_language, pattern=r"^lang:"))
