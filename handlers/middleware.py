"""Steps every update goes through: skip redelivered ones, know the user, set the language."""

from __future__ import annotations

import logging
from contextvars import ContextVar

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from handlers import errors
from handlers.double_tap import is_repeat, remember_press
from handlers.order_store import replan_reminders
from handlers.runtime import runtime
from locales.runtime import current_language, from_telegram, resolve_language
from storage import conversations, deferred, session, updates
from storage.models import User

log = logging.getLogger(__name__)

current_user: ContextVar[User | None] = ContextVar("current_user", default=None)

FIRST_GROUP = -1
LAST_GROUP = 100


async def before_update(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drop an update handled before a crash; record the user; pick their language."""
    if not isinstance(update, Update):
        return
    rt = runtime(context)
    tg_user = update.effective_user
    # Deployed, each update runs in its own task (bot/concurrency.py) with its own context; driven
    # one after another in one task (tests, benchmarks), whatever the previous update set must
    # not be seen by this one, even if the database call below fails.
    conversations.forget()
    deferred.close_unit()
    current_user.set(None)
    current_language.set(
        from_telegram(tg_user.language_code if tg_user else None) or rt.default_language
    )
    chat = update.effective_chat
    chat_id = chat.id if chat is not None and chat.type == ChatType.PRIVATE else None
    try:
        start = await session.begin_update(
            rt.db,
            update.update_id,
            tg_user.id if tg_user else None,
            chat_id,
            tg_user.language_code if tg_user else None,
        )
    except Exception:
        # Without the user's record no handler can work safely: tell them, handle nothing.
        log.exception("could not start handling update %s", update.update_id)
        await errors.tell_something_went_wrong(update)
        raise ApplicationHandlerStop from None
    if start.already_processed:
        log.info("update %s was already handled; skipping the redelivery", update.update_id)
        raise ApplicationHandlerStop
    user = start.user
    current_user.set(user)
    if is_repeat(update, context):
        # The second tap of a double tap: the first's result is on screen, and a second run
        # would send a text twice or untick what the first ticked (walk AI).
        await _skip_repeat(update, context)
    if user is None:
        current_language.set(rt.default_language)
        return
    conversations.remember(user.user_id, start.conversation)
    deferred.open_unit()  # the conversation's writes go with the update's next write
    current_language.set(
        resolve_language(user.language, user.telegram_language, rt.default_language)
    )
    if start.unblocked and update.my_chat_member is None:
        # Back without the unblock's own update (missed while the bot was down, walk X): the
        # block cancelled their reminders, so those of their active orders come back now.
        await _replan_after_block(context, user)


async def _skip_repeat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the repeated press quietly, keep it as handled, and handle nothing more."""
    log.info("update %s repeats a button press just handled; answered quietly", update.update_id)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await updates.mark_processed(runtime(context).db, update.update_id)
    except Exception:
        # Whatever failed, the press is not handled a second time (review AK: a failed mark
        # let it through to the handlers); redelivered, it is at worst out of date.
        log.warning("could not settle repeated press %s", update.update_id, exc_info=True)
    raise ApplicationHandlerStop


async def _replan_after_block(context: ContextTypes.DEFAULT_TYPE, user: User) -> None:
    count = await replan_reminders(runtime(context), user)
    log.info("user %s is back after a block: %s orders re-planned", user.user_id, count)


async def after_update(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Remember the update as handled, so a redelivery after a crash is skipped.

    The mark is written with the writes the update held back, in one transaction: a crash
    keeps the update's last state and its mark together, or neither (then it is redelivered).
    """
    conversations.forget()
    if isinstance(update, Update):
        try:
            await updates.mark_processed(runtime(context).db, update.update_id)
            # Only a press kept as handled: one whose mark failed comes again, to be handled.
            remember_press(update, context)
        finally:
            deferred.close_unit()


def require_user() -> User:
    """The user of the update being handled (every user-facing update has one)."""
    user = current_user.get()
    if user is None:
        raise LookupError("no user for this update")
    return user


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Run `before_update` first and `after_update` last for every update."""
    app.add_handler(TypeHandler(Update, before_update), group=FIRST_GROUP)
    app.add_handler(TypeHandler(Update, after_update), group=LAST_GROUP)
