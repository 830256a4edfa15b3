"""What the fake Bot API records: requests with decoded parameters, and uploaded files."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

# Parameters whose value is a string in the Bot API: PTB sends them raw, never JSON-encoded.
STRING_PARAMS = frozenset(
    "text caption parse_mode callback_query_id inline_query_id inline_message_id description "
    "short_description name language_code action url next_offset business_connection_id "
    "message_effect_id file_id emoji title query secret_token document photo sticker voice "
    "audio video animation thumbnail address first_name last_name phone_number vcard payload "
    "start_parameter custom_emoji_id switch_pm_text switch_pm_parameter".split()
)


@dataclass
class UploadedFile:
    """A file the bot uploaded in a multipart request."""

    filename: str | None
    content_type: str | None
    content: bytes


@dataclass
class RecordedRequest:
    """One Bot API call: method, decoded parameters, and how the fake answered it."""

    index: int
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    ok: bool | None = None  # None while a long poll is still waiting
    result: Any = None
    error_code: int | None = None
    description: str | None = None
    expected_error: bool = False  # an error the test asked for (fail_next, a blocked chat)

    @property
    def text(self) -> str | None:
        """The `text` (or `caption`) parameter as sent."""
        return self.params.get("text", self.params.get("caption"))

    @property
    def chat_id(self) -> Any:
        """The `chat_id` parameter."""
        return self.params.get("chat_id")

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """The inline keyboard buttons of `reply_markup`, row by row, flattened."""
        markup = self.params.get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]

    @property
    def callback_data(self) -> list[str]:
        """The callback_data of every inline button, in order."""
        return [b["callback_data"] for b in self.buttons if "callback_data" in b]

    def __str__(self) -> str:
        outcome = {True: "ok", None: "pending"}.get(
            self.ok, f"{self.error_code} {self.description}"
        )
        params = json.dumps(self.params, ensure_ascii=False, default=repr)
        return f"#{self.index} {self.method} {params[:400]} -> {outcome}"


def decode_value(name: str, value: str) -> Any:
    """A form field as PTB encoded it: strings raw, every other value JSON-encoded."""
    if name in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value
