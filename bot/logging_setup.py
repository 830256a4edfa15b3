"""Logging: one stream handler whose output never contains the bot token."""

from __future__ import annotations

import asyncio
import logging
import re

from telegram.error import InvalidToken, NetworkError

# A token anywhere in a line, e.g. in a request URL `.../bot123:ABC.../sendMessage`.
_TOKEN_PATTERN = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{20,100}")
REDACTED = "[REDACTED]"


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """The text with every secret and anything token-shaped replaced."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return _TOKEN_PATTERN.sub(REDACTED, text)


class RedactingFormatter(logging.Formatter):
    """Formats records, tracebacks included, then removes the bot token from the text."""

    def __init__(self, fmt: str, secrets: tuple[str, ...] = ()) -> None:
        super().__init__(fmt)
        self._secrets = tuple(secret for secret in secrets if secret)

    def format(self, record: logging.LogRecord) -> str:
        """The formatted record with every secret and anything token-shaped replaced."""
        return redact(super().format(record), self._secrets)


class OneLineNetworkErrors(logging.Filter):
    """PTB logs every failed network retry with a full traceback; a network error or a rejected
    token needs one line (the traceback says nothing more than 'could not connect'), and so does
    an answer that is no JSON (a web page where the Bot API should be: review AG)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Fold a NetworkError's traceback into the message."""
        error = record.exc_info[1] if record.exc_info else None
        not_json = record.name.startswith("telegram.request") and isinstance(error, ValueError)
        if isinstance(error, NetworkError | InvalidToken) or not_json:
            record.msg = f"{record.getMessage()} ({error})"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


class OneLineCancelledJobs(logging.Filter):
    """At shutdown the scheduler cancels a job still running (a reminder sweep, whose unsent
    reminders stay for the next start) and logs it as an error with a traceback: one info line
    says it (seen while benchmarking: an alarming trace on every such stop)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Fold a cancelled job's traceback into one info line."""
        error = record.exc_info[1] if record.exc_info else None
        if record.name.startswith("apscheduler") and isinstance(error, asyncio.CancelledError):
            record.msg = f"{record.getMessage()}: cancelled at shutdown"
            record.args = None
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def configure_logging(level: str, secrets: tuple[str, ...] = ()) -> None:
    """Send all logs to stderr at `level`, with secrets redacted."""
    handler = logging.StreamHandler()
    handler.addFilter(OneLineNetworkErrors())
    handler.addFilter(OneLineCancelledJobs())
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL (which holds the token) at INFO; the formatter would redact
    # it, but one line per poll is noise anyway.
    logging.getLogger("httpx").setLevel(max(logging.WARNING, root.level))
    logging.getLogger("httpcore").setLevel(max(logging.WARNING, root.level))
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, root.level))
    # aiosqlite logs every statement with its parameters (users' answers) at DEBUG.
    logging.getLogger("aiosqlite").setLevel(max(logging.INFO, root.level))
