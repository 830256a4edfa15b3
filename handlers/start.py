"""/start, /help and the main menu's own buttons."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from handlers.menu import main_menu_keyboard
from handlers.runtime import runtime
from locales.runtime import _, ngettext, translator


def greeting() -> str:
    """The welcome text shown by /start and the main menu."""
    return _(
        "Hi! I help when an AliExpress order went wrong: the parcel never came, or the item "
        "is broken, fake or not as described.\n\n"
        "I will ask a few questions, tell you whether to wait, ask the seller or open a "
        "dispute, which reason to pick and how much to ask for, write the dispute text for "
        "you, and remind you before every deadline so the money is not lost."
    )


def help_text(window_days: int) -> str:
    """What the bot does, the two terms it rests on, and its commands (walk F: a newcomer was
    not told what Buyer Protection or a dispute is, nor that the bot acts on nothing itself).
    `window_days`: how long after protection a dispute may still be opened (walk AS: "a few
    days" for the 15 the advice counts)."""
    after_end = ngettext(
        "for %(n)s day after it ends, it is still possible but harder to win.",
        "for %(n)s days after it ends, it is still possible but harder to win.",
        window_days,
    ) % {"n": window_days}
    return _(
        "<b>How I can help</b>\n"
        "• <b>New problem order</b>: answer a few questions with buttons and get advice: "
        "wait, ask the seller, or open a dispute, with the reason, refund and amount.\n"
        "• I write the dispute text in English%(copy)s to paste into "
        "AliExpress, and messages to the seller. <b>↗️ Share</b> sends a text to any chat.\n"
        "• <b>Save &amp; remind me</b>: I will remind you before Buyer Protection ends and "
        "before every dispute deadline; <b>📅 Add to calendar</b> puts them in your phone's "
        "calendar.\n\n"
        "<b>Two key terms</b>\n"
        "• <b>Buyer Protection</b>: AliExpress keeps your money until it ends or you confirm "
        "receipt, then pays the seller: do not confirm receipt before the item is in your hands "
        "and works. Its countdown is on the order page in the app (“Buyer Protection ends "
        "in…”).\n"
        "• <b>Dispute</b>: your claim on the order page (“Open dispute”), asking for your money "
        "back. Open it before Buyer Protection ends if you can; %(after_end)s\n"
        "I do not act on AliExpress for you: you open the dispute and paste the text.\n\n"
        "<b>Commands</b>\n"
        "/start: main menu\n"
        "/new: new problem order\n"
        "/orders: my saved orders\n"
        "/settings: language and time zone\n"
        "/language: switch language\n"
        "/cancel: stop the current questionnaire\n"
        "/delete_my_data: delete everything I store about you\n"
        "/help: this help"
    ) % {"after_end": after_end, "copy": _copy_note()}


def _copy_note() -> str:
    """ " (with a copy in your language)", where that language is not English (walk of
    2026-12-03: English users were promised a second copy that never comes)."""
    if translator().lang == "en":
        return ""
    return _(" (with a copy in your language)")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the user in their language and show the main menu."""
    if update.effective_message is None:
        return
    await update.effective_message.reply_text(greeting(), reply_markup=main_menu_keyboard())


async def _menu_with_way_back(context: ContextTypes.DEFAULT_TYPE) -> InlineKeyboardMarkup:
    # Imported here: the conversation feature imports this module for /start.
    from handlers.conversation.unfinished import with_way_back

    return await with_way_back(context, main_menu_keyboard())


def _help_of(context: ContextTypes.DEFAULT_TYPE) -> str:
    return help_text(runtime(context).timers.after_close_window_days)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain the bot in a few lines."""
    if update.effective_message is None:
        return
    await update.effective_message.reply_text(
        _help_of(context),
        parse_mode=ParseMode.HTML,
        reply_markup=await _menu_with_way_back(context),
    )


async def menu_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The main menu's Help and Main menu buttons."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    markup = await _menu_with_way_back(context)
    if query.data == "m:help":
        await query.edit_message_text(
            _help_of(context), parse_mode=ParseMode.HTML, reply_markup=markup
        )
    else:
        await query.edit_message_text(greeting(), reply_markup=markup)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add /start, /help and the menu buttons."""
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("help", help_command))
    app.add_handler(CallbackQueryHandler(menu_button, pattern=r"^m:(help|menu)$"))
