"""The command list shown in Telegram's menu, in every language."""

from __future__ import annotations

from telegram import BotCommand

from locales import N_, get_translator

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", N_("Main menu")),
    ("new", N_("New problem order")),
    ("orders", N_("My saved orders")),
    ("settings", N_("Language and time zone")),
    ("language", N_("Switch language")),
    ("cancel", N_("Stop the current questionnaire")),
    ("delete_my_data", N_("Delete everything the bot stores about me")),
    ("help", N_("What this bot does")),
)


def bot_commands(lang: str) -> list[BotCommand]:
    """The commands with descriptions in `lang`."""
    tr = get_translator(lang)
    return [BotCommand(name, tr.gettext(description)) for name, description in COMMANDS]
