"""Confirm fetched updates to Telegram only once they have been handled.

PTB's polling loop asks for the next batch right after queueing the previous one, and the
`offset` of that request confirms the previous batch to Telegram, which then never sends it
again. Updates still waiting in the queue when the process is killed would be lost. This request
wrapper, used for getUpdates only, first waits until the application has handled every queued
update, so a confirmed update is always a handled one; after a crash the unconfirmed ones come
back and the processed-updates table stops any of them being handled twice.

It also keeps one update that python-telegram-bot cannot read (a field a newer Bot API added or
dropped) from stopping the bot: PTB then asks for the same batch again and again, forever. When
a batch is asked for a second time, each update is tried and one that cannot be read is handed
on as an empty update with its id, which is handled as nothing and confirmed.
"""

from __future__ import annotations

import asyncio
import json
import logging

from telegram import Update
from telegram.request import BaseRequest, RequestData

from bot.requests import DelegatingRequest

log = logging.getLogger(__name__)

_NO_BATCH = object()

# The shutdown's last getUpdates (timeout 0) confirms what was handled; it waits at most this
# long for the queue, so a stuck handler cannot hold SIGTERM past a few seconds.
SHUTDOWN_WAIT_SECONDS = 3.0


class ConfirmHandledRequest(DelegatingRequest):
    """A getUpdates request that first waits for the update queue to be fully handled."""

    def __init__(self, inner: BaseRequest) -> None:
        super().__init__(inner)
        self._queue: asyncio.Queue[object] | None = None
        # The offset of the last batch that held updates: asked again, it was not read.
        self._last_batch_offset: object = _NO_BATCH

    def watch(self, update_queue: asyncio.Queue[object]) -> None:
        """The application's update queue, whose handling gates the next confirmation."""
        self._queue = update_queue

    async def before(self, url: str, request_data: RequestData | None) -> None:
        """Before getUpdates: wait until every queued update is handled."""
        if self._queue is not None and url.endswith("/getUpdates"):
            await self._wait_handled(request_data)

    def after(
        self, url: str, request_data: RequestData | None, code: int, payload: bytes
    ) -> tuple[int, bytes]:
        """A batch asked for a second time was not read: its unreadable updates are emptied."""
        if self._queue is None or code != 200 or not url.endswith("/getUpdates"):
            return code, payload
        offset = (request_data.parameters if request_data else {}).get("offset")
        if offset == self._last_batch_offset:
            payload = readable_updates(payload)
        self._last_batch_offset = offset if b'"update_id"' in payload else _NO_BATCH
        return code, payload

    async def _wait_handled(self, request_data: RequestData | None) -> None:
        assert self._queue is not None
        params = request_data.parameters if request_data else {}
        if params.get("timeout"):
            await self._queue.join()  # the polling loop: natural back-pressure
            return
        try:
            await asyncio.wait_for(self._queue.join(), SHUTDOWN_WAIT_SECONDS)
        except TimeoutError:
            log.warning("confirming updates at shutdown before all of them were handled")


def readable_updates(payload: bytes) -> bytes:
    """The getUpdates answer with every update PTB cannot read replaced by `{"update_id": N}`."""
    try:
        answer = json.loads(payload)
        updates = answer["result"]
    except (ValueError, KeyError, TypeError):
        return payload  # not a batch of updates: PTB reports it as it is
    changed = False
    for index, update in enumerate(updates):
        try:
            Update.de_json(update, None)
        except Exception as error:  # whatever PTB raises on it, it would raise again
            update_id = update.get("update_id") if isinstance(update, dict) else None
            log.error(
                "update %s cannot be read by python-telegram-bot (%s: %s); skipped",
                update_id,
                type(error).__name__,
                error,
            )
            updates[index] = {"update_id": update_id}
            changed = True
    return json.dumps(answer).encode() if changed else payload
