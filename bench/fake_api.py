"""What both benchmarks share: a Bot API that answers at once, and memory readings."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from telegram.request import BaseRequest, RequestData

TOKEN = "123456789:BENCH_token_abcdefghijklmnopqrstuvwxyz"
BOT = {"id": 7000001, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}


class ZeroLatencyApi(BaseRequest):
    """Answers every Bot API call at once, as Telegram would; counts calls, times sends."""

    def __init__(self) -> None:
        self.calls = 0
        self.sent_at: list[float] = []
        self._message_id = 1000

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float | None:
        """No network, no timeout."""
        return 1.0

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any, **kw: Any
    ) -> tuple[int, bytes]:
        """A successful answer for the method."""
        self.calls += 1
        api_method = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        result: Any = True
        if api_method == "getMe":
            result = BOT
        elif api_method == "getUpdates":
            result = []
        elif api_method.startswith(("send", "edit")):
            if api_method == "sendMessage":
                self.sent_at.append(time.perf_counter())
            message_id = params.get("message_id")
            if message_id is None:
                self._message_id += 1
                message_id = self._message_id
            result = {
                "message_id": int(message_id),
                "date": int(time.time()),
                "chat": {"id": params.get("chat_id", 1), "type": "private"},
                "from": BOT,
                "text": params.get("text", ""),
            }
        return 200, json.dumps({"ok": True, "result": result}).encode()


def memory_mb() -> dict[str, float]:
    """This process's resident memory now and at its peak, in MB (Linux)."""
    status = Path("/proc/self/status").read_text()
    kb = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if "kB" in line}
    return {"rss_mb": kb["VmRSS"] / 1024, "peak_mb": kb["VmHWM"] / 1024}
