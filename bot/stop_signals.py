"""Stop once: the first SIGINT or SIGTERM stops the bot; more while it stops are ignored.

PTB's own handlers raise SystemExit on every signal. A second one a few milliseconds after the
first (a supervisor signalling the process and then its group, a double Ctrl-C) raised it again
inside the shutdown, before the database was closed, and the database thread kept the process
alive for good (walk Z).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Any

from telegram.ext import Application

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def stop_once_on_signals(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Have the process's `run_polling`/`run_webhook` stop once on a signal: the handlers are
    replaced first thing in `post_init`, after PTB installed its own."""
    init = app.post_init

    async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        _stop_once()
        if init is not None:
            await init(application)

    app.post_init = post_init


def _stop_once() -> None:
    loop = asyncio.get_running_loop()
    stopping: list[bool] = []

    def on_signal() -> None:
        # Two signals delivered together are two callbacks already queued: replacing the
        # handler after the first would not reach the second, so each checks the flag.
        if stopping:
            log.info("already stopping; the signal is ignored")
            return
        stopping.append(True)
        raise SystemExit  # as PTB's own handler: `run_polling` shuts down cleanly from here

    try:
        for sig in STOP_SIGNALS:
            loop.add_signal_handler(sig, on_signal)
    except (NotImplementedError, RuntimeError):  # no signals in this loop (not the main thread)
        log.debug("stop signals left as they were")
