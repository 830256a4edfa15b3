"""Builders of the updates a test pushes into the fake Bot API, shaped as Telegram sends them.

Builders only build (`api.push_update(api.message(42, "/start", language_code="ru"))`); the
chat becomes known to the server, and the message, query or file real, when it is pushed.
A private chat's id is its user's id; a negative chat id is a group with user 1 by default.
"""

from __future__ import annotations

import re
import secrets
import time
from typing import Any

from .telegram_text import utf16_len

_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?")


class UpdateBuilder:
    """Mixin of `FakeBotApi`: users, chats and update builders."""

    users: dict[int, dict[str, Any]]
    chats: dict[int, dict[str, Any]]
    messages: dict[tuple[int, int], dict[str, Any]]
    files: dict[str, tuple[str, bytes]]
    callback_queries: dict[str, bool]
    inline_queries: dict[str, bool]
    blocked_chats: set[int]
    bot_user: dict[str, Any]

    def next_message_id(self, chat_id: int) -> int:
        raise NotImplementedError

    def user(
        self,
        user_id: int,
        *,
        language_code: str | None = None,
        first_name: str | None = None,
        username: str | None = None,
    ) -> dict[str, Any]:
        """The user with this id (created on first use, default language "en"), updated."""
        user = self.users.setdefault(
            user_id,
            {
                "id": user_id,
                "is_bot": False,
                "first_name": f"Buyer{user_id}",
                "language_code": "en",
            },
        )
        if language_code is not None:
            user["language_code"] = language_code
        if first_name is not None:
            user["first_name"] = first_name
        if username is not None:
            user["username"] = username
        return dict(user)

    def chat(self, chat_id: int, user: dict[str, Any] | None = None) -> dict[str, Any]:
        """The chat object of a private chat (positive id) or a group (negative id)."""
        if chat_id < 0:
            return {"id": chat_id, "type": "group", "title": f"Group {-chat_id}"}
        user = user or self.user(chat_id)
        chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
        if "username" in user:
            chat["username"] = user["username"]
        return chat

    def _sender(self, chat_id: int, user_id: int | None) -> int:
        return user_id if user_id is not None else (chat_id if chat_id > 0 else 1)

    def _message(
        self,
        chat_id: int,
        *,
        user_id: int | None = None,
        language_code: str | None = None,
        date: int | None = None,
        **content: Any,
    ) -> dict[str, Any]:
        sender = self.user(self._sender(chat_id, user_id), language_code=language_code)
        return {
            "message": {
                "message_id": self.next_message_id(chat_id),
                "date": date if date is not None else int(time.time()),
                "chat": self.chat(chat_id, sender if chat_id > 0 else None),
                "from": sender,
                **content,
            }
        }

    def message(self, chat_id: int, text: str, **kw: Any) -> dict[str, Any]:
        """A text message; a leading /command gets its bot_command entity as in Telegram."""
        entities = list(kw.pop("entities", []))
        command = _COMMAND.match(text)
        if command:
            entities.insert(
                0, {"type": "bot_command", "offset": 0, "length": utf16_len(command[0])}
            )
        if entities:
            kw["entities"] = entities
        return self._message(chat_id, text=text, **kw)

    def callback(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int | None = None,
        language_code: str | None = None,
        forged: bool = False,
    ) -> dict[str, Any]:
        """A press of an inline button with `data` under the bot's message `message_id`.

        The button must exist on that message, unless `forged` (a modified client sends any
        data, even for a message that does not exist).
        """
        message = self.messages.get((chat_id, message_id))
        if not forged:
            if message is None:
                raise AssertionError(f"no message {message_id} in chat {chat_id} to press under")
            markup = message.get("reply_markup") or {}
            offered = [
                button.get("callback_data")
                for row in markup.get("inline_keyboard", [])
                for button in row
            ]
            if data not in offered:
                raise AssertionError(
                    f"message {message_id} has no button {data!r}; it has {offered}"
                )
        sender = self.user(self._sender(chat_id, user_id), language_code=language_code)
        query: dict[str, Any] = {
            "id": str(secrets.randbelow(10**18)),
            "from": sender,
            "chat_instance": str(-chat_id * 7919),
            "data": data,
        }
        if message is not None:
            query["message"] = message
        return {"callback_query": query}

    def inline_query(
        self, user_id: int, query: str, *, offset: str = "", language_code: str | None = None
    ) -> dict[str, Any]:
        """An inline query typed by a user after the bot's @username."""
        return {
            "inline_query": {
                "id": str(secrets.randbelow(10**18)),
                "from": self.user(user_id, language_code=language_code),
                "query": query,
                "offset": offset,
                "chat_type": "sender",
            }
        }

    def _file(self, kind: str, content: bytes) -> dict[str, Any]:
        file_id = f"user-{kind}-{secrets.token_hex(8)}"
        self.files[file_id] = (f"{kind}s/{file_id}", content)
        return {"file_id": file_id, "file_unique_id": file_id[-16:], "file_size": len(content)}

    def photo(
        self,
        chat_id: int,
        *,
        caption: str | None = None,
        content: bytes = b"\xff\xd8fake",
        **kw: Any,
    ) -> dict[str, Any]:
        """A photo (two sizes, downloadable through getFile) with an optional caption."""
        small = {**self._file("photo", content[:2] or b"\xff"), "width": 90, "height": 60}
        large = {**self._file("photo", content), "width": 1280, "height": 853}
        extra = {"caption": caption} if caption else {}
        return self._message(chat_id, photo=[small, large], **extra, **kw)

    def document(
        self,
        chat_id: int,
        file_name: str = "receipt.pdf",
        content: bytes = b"%PDF-1.4 fake",
        *,
        mime_type: str = "application/pdf",
        caption: str | None = None,
        **kw: Any,
    ) -> dict[str, Any]:
        """A document (downloadable through getFile) with an optional caption."""
        document = {
            **self._file("document", content),
            "file_name": file_name,
            "mime_type": mime_type,
        }
        extra = {"caption": caption} if caption else {}
        return self._message(chat_id, document=document, **extra, **kw)

    def sticker(self, chat_id: int, emoji: str = "👍", **kw: Any) -> dict[str, Any]:
        """A regular static sticker."""
        sticker = {
            **self._file("sticker", b"RIFFfake-webp"),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._message(chat_id, sticker=sticker, **kw)

    def voice(self, chat_id: int, duration: int = 3, **kw: Any) -> dict[str, Any]:
        """A voice note."""
        voice = {**self._file("voice", b"OggSfake"), "duration": duration, "mime_type": "audio/ogg"}
        return self._message(chat_id, voice=voice, **kw)

    def location(
        self, chat_id: int, latitude: float, longitude: float, **kw: Any
    ) -> dict[str, Any]:
        """A shared location."""
        return self._message(chat_id, location={"latitude": latitude, "longitude": longitude}, **kw)

    def my_chat_member(self, chat_id: int, status: str = "kicked") -> dict[str, Any]:
        """The user blocked ("kicked") or unblocked ("member") the bot in a private chat."""
        user = self.user(chat_id)
        old, new = ("member", "kicked") if status == "kicked" else ("kicked", "member")
        return {
            "my_chat_member": {
                "chat": self.chat(chat_id),
                "from": user,
                "date": int(time.time()),
                # Telegram gives a "kicked" member its until_date (0: for ever), old or new.
                "old_chat_member": {"status": old, "user": self.bot_user}
                | ({"until_date": 0} if old == "kicked" else {}),
                "new_chat_member": {"status": new, "user": self.bot_user}
                | ({"until_date": 0} if new == "kicked" else {}),
            }
        }

    def remember_update(self, update: dict[str, Any]) -> None:
        """Make the chat of a pushed update known, and its message or query real."""
        message = update.get("message") or update.get("edited_message")
        if message is not None:
            self.chats[message["chat"]["id"]] = message["chat"]
            self.messages[(message["chat"]["id"], message["message_id"])] = message
        if "callback_query" in update:
            query = update["callback_query"]
            self.callback_queries[query["id"]] = False
            if "message" in query:
                self.chats.setdefault(query["message"]["chat"]["id"], query["message"]["chat"])
        if "inline_query" in update:
            self.inline_queries[update["inline_query"]["id"]] = False
        if "my_chat_member" in update:
            member = update["my_chat_member"]
            chat_id = member["chat"]["id"]
            self.chats[chat_id] = member["chat"]
            if member["new_chat_member"]["status"] == "kicked":
                self.blocked_chats.add(chat_id)
            else:
                self.blocked_chats.discard(chat_id)
