"""getUpdates through ConfirmHandledRequest: an update PTB cannot read does not stop polling."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from telegram import Update
from telegram.request import BaseRequest, RequestData
from telegram.request._requestparameter import RequestParameter

from bot.polling import ConfirmHandledRequest, readable_updates

# A poll without the fields PTB requires: Update.de_json raises on it.
UNREADABLE = {
    "update_id": 7,
    "message": {
        "message_id": 1,
        "date": 1,
        "chat": {"id": 1, "type": "private"},
        "poll": {"id": "p", "question": "q"},
    },
}
READABLE = {
    "update_id": 8,
    "message": {"message_id": 2, "date": 1, "chat": {"id": 1, "type": "private"}, "text": "hi"},
}


class ScriptedApi(BaseRequest):
    """Answers every getUpdates with the same batch."""

    def __init__(self, batch: list[dict[str, Any]]) -> None:
        self.body = json.dumps({"ok": True, "result": batch}).encode()

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float | None:
        """No network, no timeout."""
        return 1.0

    async def do_request(self, *_args: Any, **_kwargs: Any) -> tuple[int, bytes]:
        """The scripted batch."""
        return 200, self.body


def get_updates(offset: int) -> RequestData:
    return RequestData(
        [RequestParameter.from_input("offset", offset), RequestParameter.from_input("timeout", 0)]
    )


async def fetch(request: ConfirmHandledRequest, offset: int) -> list[dict[str, Any]]:
    code, body = await request.do_request("http://x/bot1:a/getUpdates", "POST", get_updates(offset))
    assert code == 200
    result: list[dict[str, Any]] = json.loads(body)["result"]
    return result


async def test_a_batch_asked_again_has_its_unreadable_update_emptied(
    caplog: pytest.LogCaptureFixture,
) -> None:
    request = ConfirmHandledRequest(ScriptedApi([UNREADABLE, READABLE]))
    request.watch(asyncio.Queue())
    first = await fetch(request, 7)
    assert first == [UNREADABLE, READABLE]  # untouched: no cost while PTB reads batches fine
    with pytest.raises(TypeError):
        Update.de_list(first, None)  # what PTB does with it, again and again
    again = await fetch(request, 7)  # the same offset: the batch was not read
    assert again == [{"update_id": 7}, READABLE]
    assert [u.update_id for u in Update.de_list(again, None)] == [7, 8]
    assert any("update 7 cannot be read" in r.getMessage() for r in caplog.records)


async def test_batches_read_in_turn_are_passed_on_as_they_are() -> None:
    request = ConfirmHandledRequest(ScriptedApi([READABLE]))
    request.watch(asyncio.Queue())
    body = (await request.do_request("http://x/bot1:a/getUpdates", "POST", get_updates(8)))[1]
    assert body == ScriptedApi([READABLE]).body  # the very bytes, not decoded and re-encoded
    assert await fetch(request, 9) == [READABLE]


def test_an_answer_that_is_no_batch_is_left_alone() -> None:
    for payload in (b"not json", b'{"ok": false, "description": "x"}', b'{"ok": true}'):
        assert readable_updates(payload) == payload


async def test_at_shutdown_updates_still_in_hand_are_not_confirmed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Walk CB: the shutdown's last getUpdates confirmed an update whose reply was still hanging.
    monkeypatch.setattr("bot.polling.SHUTDOWN_WAIT_SECONDS", 0.05)
    api = ScriptedApi([])
    calls: list[str] = []

    async def recorded(url: str, *_args: Any, **_kwargs: Any) -> tuple[int, bytes]:
        calls.append(url)
        return 200, api.body

    monkeypatch.setattr(api, "do_request", recorded)
    request = ConfirmHandledRequest(api)
    queue: asyncio.Queue[object] = asyncio.Queue()
    request.watch(queue)
    queue.put_nowait("an update being handled")
    assert await fetch(request, 9) == []
    assert calls == [] and request.left_unconfirmed
    queue.get_nowait()
    queue.task_done()  # handled: the next shutdown confirms
    await fetch(request, 9)
    assert len(calls) == 1
