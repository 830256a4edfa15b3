"""Telegram adapters. `register_all` adds every feature's handlers in the one order that works."""

from __future__ import annotations

from telegram.ext import Application

from handlers import (
    calendar,
    cancel,
    card_zone,
    conversation,
    delete_data,
    errors,
    inline,
    language,
    membership,
    middleware,
    orders,
    private_only,
    reminders,
    settings,
    start,
    text_router,
)


def register_all(app: Application) -> None:  # type: ignore[type-arg]
    """Register the handlers; within group 0 the first match wins, so order matters."""
    # Group -1 / 100: skip redelivered updates, record the user and language; mark handled.
    middleware.register(app)
    # Groups and channels: nothing but a pointer to the private chat (orders stay private).
    private_only.register(app)
    # The questionnaire, advice card and texts; its /start (offers to continue) precedes start's.
    conversation.register(app)
    # Inline mode: the user's latest texts in any chat.
    inline.register(app)
    # Commands and the main menu's own buttons.
    start.register(app)
    language.register(app)
    cancel.register(app)
    # My orders, the order card and its buttons; settings, the time zone also from a card;
    # /delete_my_data; blocked/unblocked.
    orders.register(app)
    settings.register(app)
    card_zone.register(app)
    delete_data.register(app)
    membership.register(app)
    # Reminder messages' buttons (r:) and the order card's calendar file (cal:).
    reminders.register(app)
    calendar.register(app)
    # Every private non-command message goes to the user's current conversation flow.
    text_router.register(app)
    # Catch-alls last: a button nothing else claimed is stale or forged.
    errors.register_fallbacks(app)
    errors.register(app)
