"""The i18n runtime: which language a user gets, and the current one per update (a ContextVar)."""

from __future__ import annotations

from contextvars import ContextVar
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from locales import LANGUAGES, Translator, get_translator

# Languages whose speakers are better served by the Russian interface than the English one.
RUSSIAN_SPEAKING = frozenset({"ru", "uk", "be", "kk"})
# The language of every other Telegram language code.
OTHER_LANGUAGES = "en"

current_language: ContextVar[str] = ContextVar("current_language", default="ru")


# Every update asks; there are few distinct codes, and the bound keeps forged ones from growing it.
@lru_cache(maxsize=256)
def from_telegram(language_code: str | None) -> str | None:
    """Map Telegram's `language_code` to a supported language; None if absent or unreadable."""
    if not language_code:
        return None
    code = language_code.strip().replace("_", "-")[:35]
    try:
        language = Locale.parse(code, sep="-").language
    except (UnknownLocaleError, ValueError, TypeError):
        # Telegram only sends IETF tags, but an unknown one still names a language prefix.
        language = code.split("-")[0].lower()
    if not language.isalpha():
        return None
    return "ru" if language in RUSSIAN_SPEAKING else OTHER_LANGUAGES


def resolve_language(stored: str | None, telegram_code: str | None, default: str) -> str:
    """The user's stored choice, else Telegram's language, else the default."""
    if stored in LANGUAGES:
        return stored
    return from_telegram(telegram_code) or default


def translator() -> Translator:
    """The translator of the language set for the update being handled."""
    return get_translator(current_language.get())


def _(message: str) -> str:
    """Translate into the current update's language."""
    return translator().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a counted message into the current update's language."""
    return translator().ngettext(singular, plural, n)
