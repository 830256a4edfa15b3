"""Steps every update goes through: skip redelivered ones, know the user, set the language."""

from __future__ import annotations

import logging
from contextvars import ContextVar

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from handlers.runtime import runtime
from locales.runtime import current_language, resolve_language
from storage import updates, users
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
    if await updates.was_processed(rt.db, update.update_id):
        log.info("update %s was already handled; skipping the redelivery", update.update_id)
        raise ApplicationHandlerStop
    tg_user = update.effective_user
    if tg_user is None:
        current_language.set(rt.default_language)
        current_user.set(None)
        return
    chat = update.effective_chat
    chat_id = chat.id if chat is not None and chat.type == ChatType.PRIVATE else None
    user = await users.upsert_seen(rt.db, tg_user.id, chat_id, tg_user.language_code)
    current_user.set(user)
    current_language.set(
        resolve_language(user.language, user.telegram_language, rt.default_language)
    )


async def after_update(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Remember the update as handled, so a redelivery after a crash is skipped."""
    if isinstance(update, Update):
        await updates.mark_processed(runtime(context).db, update.update_id)


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
