"""Confirm fetched updates to Telegram only once they have been handled.

PTB's polling loop asks for the next batch right after queueing the previous one, and the
`offset` of that request confirms the previous batch to Telegram, which then never sends it
again. Updates still waiting in the queue when the process is killed would be lost. This request
wrapper, used for getUpdates only, first waits until the application has handled every queued
update, so a confirmed update is always a handled one; after a crash the unconfirmed ones come
back and the processed-updates table stops any of them being handled twice.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.request import BaseRequest, RequestData

from bot.requests import DelegatingRequest

log = logging.getLogger(__name__)

# The shutdown's last getUpdates (timeout 0) confirms what was handled; it waits at most this
# long for the queue, so a stuck handler cannot hold SIGTERM past a few seconds.
SHUTDOWN_WAIT_SECONDS = 3.0


class ConfirmHandledRequest(DelegatingRequest):
    """A getUpdates request that first waits for the update queue to be fully handled."""

    def __init__(self, inner: BaseRequest) -> None:
        super().__init__(inner)
        self._queue: asyncio.Queue[object] | None = None

    def watch(self, update_queue: asyncio.Queue[object]) -> None:
        """The application's update queue, whose handling gates the next confirmation."""
        self._queue = update_queue

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Wait until every queued update is handled, then make the request."""
        if self._queue is not None and url.endswith("/getUpdates"):
            await self._wait_handled(request_data)
        return await super().do_request(
            url,
            method,
            request_data,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )

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
