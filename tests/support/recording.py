"""A `BaseRequest` that answers Bot API calls locally and records every one of them."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

from tests.e2e.validation import ApiError, validate_params

BOT_ID = 7000001
BOT_USERNAME = "dispute_helper_bot"


@dataclass
class Call:
    """One recorded Bot API request."""

    method: str
    params: dict[str, Any]

    @property
    def text(self) -> str:
        """The message text (or caption) of the call, if any."""
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """Every inline button of the call's keyboard, row by row."""
        markup = self.params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        return [button for row in markup.get("inline_keyboard", []) for button in row]

    def button_data(self) -> list[str]:
        """The callback data of every inline button."""
        return [b["callback_data"] for b in self.buttons if "callback_data" in b]


@dataclass
class RecordingRequest(BaseRequest):
    """Answers like Telegram would and keeps the calls; never touches the network."""

    calls: list[Call] = field(default_factory=list)
    next_message_id: int = 1000
    fail_with: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    rejections: list[tuple[Call, str]] = field(default_factory=list)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float | None:
        """No real network, no timeout."""
        return 1.0

    def _message(self, params: dict[str, Any], message_id: int | None = None) -> dict[str, Any]:
        if message_id is None:
            self.next_message_id += 1
            message_id = self.next_message_id
        chat_id = params.get("chat_id", 1)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bot"},
        }
        if "text" in params:
            message["text"] = params["text"]
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        if "document" in params:
            message["document"] = {"file_id": "doc1", "file_unique_id": "doc1u"}
        return message

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "Dispute helper",
                "username": BOT_USERNAME,
                "can_join_groups": False,
                "can_read_all_group_messages": False,
                "supports_inline_queries": True,
            }
        if method in {"sendMessage", "sendDocument", "copyMessage"}:
            return self._message(params)
        if method in {"editMessageText", "editMessageReplyMarkup"}:
            return self._message(params, int(params.get("message_id", 1)))
        if method == "getUpdates":
            return []
        return True

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        """Record the call and answer it."""
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if request_data and request_data.contains_files:
            params.update({k: "<file>" for k in request_data.multipart_data})
        call = Call(api_method, params)
        self.calls.append(call)
        try:
            # The same checks as the fake Bot API server: what Telegram would refuse fails tests.
            validate_params(api_method, params)
        except ApiError as error:
            self.rejections.append((call, error.description))
            body = {"ok": False, "error_code": error.error_code, "description": error.description}
            return error.error_code, json.dumps(body).encode()
        if api_method in self.fail_with:
            status, body = self.fail_with[api_method]
            return status, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": self._result(api_method, params)}).encode()

    def sent(self, *methods: str) -> list[Call]:
        """The recorded calls of these methods (all user-visible sends by default)."""
        wanted = set(methods or ("sendMessage", "editMessageText", "sendDocument"))
        return [call for call in self.calls if call.method in wanted]

    def clear(self) -> None:
        """Forget the calls so far."""
        self.calls.clear()
