"""Rows of the bot's tables as pydantic models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class User(BaseModel):
    """A Telegram user who talked to the bot."""

    user_id: int
    chat_id: int | None = None
    language: str | None = None
    telegram_language: str | None = None
    timezone: str | None = None
    blocked: bool = False
    created_at: int
    updated_at: int


class Order(BaseModel):
    """A saved problem order: the situation as the advisor reads it, plus bookkeeping."""

    id: int
    user_id: int
    label: str | None = None
    situation: dict[str, Any]
    stage: str = "none"
    status: str = "active"
    next_deadline_kind: str | None = None
    next_deadline_on: str | None = None
    created_at: int
    updated_at: int
    undo: str | None = None  # JSON: the situation before the last change, and its token


class Conversation(BaseModel):
    """Where a user is in a multi-step conversation, kept across restarts."""

    user_id: int
    flow: str
    state: dict[str, Any]
    order_id: int | None = None
    message_id: int | None = None
    updated_at: int


class SavedText(BaseModel):
    """One of the user's latest generated texts (for inline mode)."""

    user_id: int
    kind: str
    lang: str
    body: str
    updated_at: int
    order_id: int | None = None
    # The digest naming the texts of an advice card that was not saved when they were written.
    card: str | None = None
    # The order they were written for, as the user knows it (None: the unsaved card's).
    order_label: str | None = None
    order_situation: dict[str, Any] | None = None
    order_created_at: int | None = None
