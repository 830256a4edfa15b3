"""Driving the bot process like a user: type, press the buttons on screen, read the answers.

A step is over when the bot has recorded its update as handled in `processed_updates` (the
middleware does it after the last handler, so every reply of the step has been sent by then).
The database is read with the standard library's sqlite3, as a second reader of the WAL file.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from .fake_bot_api import FakeBotApi, RecordedRequest

# Bot API methods that put something in the user's chat.
CHAT_METHODS = frozenset(
    {"sendMessage", "editMessageText", "editMessageReplyMarkup", "sendDocument", "sendPhoto"}
)
STEP_TIMEOUT = 10.0


def query(db_path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of one read-only query on the bot's database (empty if it does not exist yet)."""
    if not db_path.exists():
        return []
    with closing(sqlite3.connect(db_path, timeout=5)) as conn:
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as error:
            if "no such table" in str(error):  # the bot has not migrated the file yet
                return []
            raise


def execute(db_path: Path, sql: str, params: tuple[Any, ...] = ()) -> int:
    """Run one write statement on the bot's database; return the rows changed."""
    with closing(sqlite3.connect(db_path, timeout=5)) as conn, conn:
        return conn.execute(sql, params).rowcount


def processed(db_path: Path, update_ids: list[int]) -> set[int]:
    """Which of the update ids the bot has recorded as handled."""
    if not update_ids:
        return set()
    marks = ",".join("?" * len(update_ids))
    sql = f"SELECT update_id FROM processed_updates WHERE update_id IN ({marks})"
    rows = query(db_path, sql, (*update_ids,))
    return {row[0] for row in rows}


async def until(
    condition: Callable[[], bool],
    what: str,
    timeout: float = STEP_TIMEOUT,  # noqa: ASYNC109
) -> None:
    """Wait until `condition()` holds, checking every 20 ms; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting until {what}")
        await asyncio.sleep(0.02)


async def until_handled(
    db_path: Path,
    update_ids: list[int],
    timeout: float = STEP_TIMEOUT,  # noqa: ASYNC109
) -> None:
    """Wait until the bot has handled every one of the updates."""
    wanted = set(update_ids)
    what = f"updates {update_ids} are handled"
    await until(lambda: processed(db_path, update_ids) == wanted, what, timeout)


def in_chat(record: RecordedRequest, chat_id: int) -> bool:
    """Whether a recorded call is an accepted call that shows something in this chat."""
    return (
        record.ok is True
        and record.method in CHAT_METHODS
        and str(record.params.get("chat_id")) == str(chat_id)
    )


class UserDriver:
    """One user in a private chat with the bot: sends text, presses buttons, reads replies."""

    def __init__(self, api: FakeBotApi, db_path: Path, user_id: int, language_code: str) -> None:
        self.api = api
        self.db_path = db_path
        self.user_id = user_id
        self.language_code = language_code
        self.replies: list[RecordedRequest] = []  # the bot's answers to the last step

    async def send(self, text: str) -> list[RecordedRequest]:
        """Type a message; return what the bot showed in the chat in answer."""
        update = self.api.message(self.user_id, text, language_code=self.language_code)
        return await self._step(update)

    async def press(self, wanted: str) -> list[RecordedRequest]:
        """Press the button whose text or callback data is exactly `wanted`, on the newest
        message that has one; return what the bot showed in answer (the query must be answered).
        """
        message_id, data = self.find_button(wanted)
        update = self.api.callback(self.user_id, message_id, data, language_code=self.language_code)
        replies = await self._step(update)
        query_id = update["callback_query"]["id"]
        assert self.api.callback_queries[query_id], f"the press of {wanted!r} was not answered"
        return replies

    def find_button(self, wanted: str) -> tuple[int, str]:
        """(message id, callback data) of the button `wanted` on the newest bot message."""
        for message_id in sorted(self._bot_messages(), reverse=True):
            markup = self.api.messages[(self.user_id, message_id)].get("reply_markup") or {}
            matches = [
                button["callback_data"]
                for row in markup.get("inline_keyboard", [])
                for button in row
                if "callback_data" in button and wanted in (button["text"], button["callback_data"])
            ]
            if len(matches) > 1:
                raise AssertionError(f"{len(matches)} buttons {wanted!r} on message {message_id}")
            if matches:
                return message_id, matches[0]
        raise AssertionError(f"no button {wanted!r} on screen; buttons: {self.buttons()}")

    def buttons(self) -> list[str]:
        """The button texts of the newest bot message that has buttons."""
        for message_id in sorted(self._bot_messages(), reverse=True):
            markup = self.api.messages[(self.user_id, message_id)].get("reply_markup") or {}
            texts = [b["text"] for row in markup.get("inline_keyboard", []) for b in row]
            if texts:
                return texts
        return []

    def screen(self) -> dict[str, Any]:
        """The newest bot message that has buttons, as the chat shows it now."""
        for message_id in sorted(self._bot_messages(), reverse=True):
            message = self.api.messages[(self.user_id, message_id)]
            if message.get("reply_markup"):
                return message
        raise AssertionError("the bot has shown no message with buttons")

    def _bot_messages(self) -> list[int]:
        bot_id = self.api.bot_user["id"]
        return [
            message_id
            for (chat_id, message_id), message in self.api.messages.items()
            if chat_id == self.user_id and message["from"]["id"] == bot_id
        ]

    async def _step(self, update: dict[str, Any]) -> list[RecordedRequest]:
        mark = self.api.mark()
        pushed = self.api.push_update(update)
        await until_handled(self.db_path, [pushed["update_id"]])
        self.replies = [r for r in self.api.requests[mark:] if in_chat(r, self.user_id)]
        assert self.replies, f"the bot did not answer {update}"
        return self.replies
