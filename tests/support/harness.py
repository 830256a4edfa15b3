"""Drive the real `Application` with `process_update`, as a user would through Telegram."""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.settings import Settings
from handlers.double_tap import forget_presses
from tests.support.recording import Call, RecordingRequest

TEST_TOKEN = "123456789:TEST_token_abcdefghijklmnopqrstuvwxyz"
_update_ids = itertools.count(1)


def make_settings(database_path: Path | str, **overrides: Any) -> Settings:
    """Settings for tests: a fixed fake token, no `.env` file, the given database."""
    values: dict[str, Any] = {
        "telegram_bot_token": TEST_TOKEN,
        "database_path": database_path,
        "quiet_hours": "",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


class BotHarness:
    """A running application plus helpers to send it updates and read what it sent."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.request = RecordingRequest()
        self.app: Application = build_application(settings, request=self.request)  # type: ignore[type-arg]

    async def start(self) -> BotHarness:
        """Initialize the application and run its `post_init` (as `run_polling` would)."""
        await self.app.initialize()
        if self.app.post_init:
            await self.app.post_init(self.app)
        return self

    async def stop(self) -> None:
        """Shut the application down and run its `post_shutdown`."""
        await self.app.shutdown()
        if self.app.post_shutdown:
            await self.app.post_shutdown(self.app)
        assert not self.request.rejections, f"Telegram would refuse: {self.request.rejections}"

    @property
    def runtime(self) -> Any:
        """The application's runtime (database, timers, ...)."""
        return self.app.bot_data["runtime"]

    async def process(self, payload: dict[str, Any]) -> Update:
        """Feed one raw update dict to the application."""
        payload = {"update_id": next(_update_ids), **payload}
        update = Update.de_json(payload, self.app.bot)
        await self.app.process_update(update)
        return update

    @staticmethod
    def user(user_id: int, lang: str | None) -> dict[str, Any]:
        """A Telegram user object."""
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Test"}
        if lang is not None:
            user["language_code"] = lang
        return user

    def message(self, user_id: int, lang: str | None = "ru", **fields: Any) -> dict[str, Any]:
        """A private message update payload with the given message fields."""
        message = {
            "message_id": next(_update_ids),
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": self.user(user_id, lang),
            **fields,
        }
        return {"message": message}

    async def send_text(self, user_id: int, text: str, lang: str | None = "ru") -> Update:
        """The user sends a text (commands get their entity, as Telegram adds it)."""
        fields: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            fields["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return await self.process(self.message(user_id, lang, **fields))

    async def press(
        self,
        user_id: int,
        data: str,
        lang: str | None = "ru",
        message_id: int = 1,
        *,
        double_tap: bool = False,
    ) -> Update:
        """The user presses an inline button carrying `data` on message `message_id`: a while
        after any press before, or, with `double_tap`, right after the last one (the second
        tap of a double tap, handlers/double_tap.py)."""
        if not double_tap:
            self.later()
        query = {
            "id": str(next(_update_ids)),
            "from": self.user(user_id, lang),
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": user_id, "type": "private"},
                "from": {"id": 1, "is_bot": True, "first_name": "Bot"},
                "text": "menu",
            },
        }
        return await self.process({"callback_query": query})

    def later(self) -> None:
        """Let a few seconds pass: a press now is no double tap of one before."""
        forget_presses(self.app.bot_data)

    def last(self, *methods: str) -> Call:
        """The last user-visible call (or of the given methods)."""
        calls = self.request.sent(*methods)
        assert calls, "the bot sent nothing"
        return calls[-1]

    def answered_callbacks(self) -> list[Call]:
        """Every answerCallbackQuery call."""
        return [c for c in self.request.calls if c.method == "answerCallbackQuery"]
