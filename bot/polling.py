"""Confirm fetched updates to Telegram only once they have been handled.

PTB's polling loop asks for the next batch right after queueing the previous one, and the
`offset` of that request confirms the previous batch to Telegram, which then never sends it
again. Updates still waiting in the queue when the process is killed would be lost. This request
wrapper, used for getUpdates only, first waits until the application has handled every queued
update, so a confirmed update is always a handled one; after a crash the unconfirmed ones come
back and the processed-updates table stops any of them being handled twice.

At shutdown PTB asks once more (timeout 0) to confirm the last batch. Should an update still be
in hand after a few seconds (a Bot API call hanging), that call is not made: the batch stays
unconfirmed and comes again at the next start, where the handled ones are skipped and the rest
handled (walk CB: a slow call at SIGTERM confirmed an update that was never answered).

It also keeps one update that python-telegram-bot cannot read (a field a newer Bot API added or
dropped) from stopping the bot: PTB then asks for the same batch again and again, forever. When
a batch is asked for a second time, each update is tried and one that cannot be read is handed
on as an empty update with its id, which is handled as nothing and confirmed.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

from bot.requests import DelegatingRequest

log = logging.getLogger(__name__)

_NO_BATCH = object()
# The answer to the shutdown's confirming call when it is not made: no new updates.
NOTHING_FETCHED = b'{"ok":true,"result":[]}'

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
        # Set when shutdown left the last batch unconfirmed, updates still in hand.
        self.left_unconfirmed = False

    def watch(self, update_queue: asyncio.Queue[object]) -> None:
        """The application's update queue, whose handling gates the next confirmation."""
        self._queue = update_queue

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        """getUpdates once every queued update is handled; at shutdown, if some are still in
        hand after SHUTDOWN_WAIT_SECONDS, not at all (nothing is confirmed)."""
        if self._queue is not None and url.endswith("/getUpdates"):
            if not await self._wait_handled(request_data):
                self.left_unconfirmed = True
                return 200, NOTHING_FETCHED
        return await super().do_request(url, method, request_data, *args, **kwargs)

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

    async def _wait_handled(self, request_data: RequestData | None) -> bool:
        """Wait until every queued update is handled: whether they were (False only when the
        shutdown's wait ran out)."""
        assert self._queue is not None
        params = request_data.parameters if request_data else {}
        if params.get("timeout"):
            await self._queue.join()  # the polling loop: natural back-pressure
            return True
        try:
            await asyncio.wait_for(self._queue.join(), SHUTDOWN_WAIT_SECONDS)
        except TimeoutError:
            log.warning(
                "updates in hand at shutdown: not confirmed, to come again at the next start"
            )
            return False
        return True


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
