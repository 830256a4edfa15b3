"""`python -m bot`: load the settings, then run the bot until Ctrl-C or SIGTERM."""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import InvalidToken, NetworkError

from bot.app import StartupError, build_application
from bot.logging_setup import configure_logging, redact
from bot.settings import DEFAULT_API_BASE_URL, Settings, SettingsError, load_settings
from bot.stop_signals import stop_once_on_signals
from storage.db import migrations

log = logging.getLogger("bot")


def run(settings: Settings) -> None:
    """Run polling, or a webhook server when WEBHOOK_URL is set."""
    app = build_application(settings)
    stop_once_on_signals(app)
    if settings.webhook_url:
        secret = settings.webhook_secret_token
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
            webhook_url=settings.webhook_url,
            secret_token=secret.get_secret_value() if secret else None,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)


def check_database(settings: Settings) -> None:
    """Make sure the database file can be created and read; StartupError naming it if not.

    A quick look with the standard library before the event loop starts: aiosqlite, which the
    bot uses, reports an unopenable file from its worker thread, too late for one clean line.
    """
    path = Path(settings.database_path)
    try:
        if path.is_dir():
            raise IsADirectoryError(f"{path} is a directory")
        blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        if blocking is not None:
            # Walk BX: "[Errno 17] File exists" did not say a file stood where a folder must.
            raise NotADirectoryError(f"{blocking} is a file, not a folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(path)) as conn:
            (version,) = conn.execute("PRAGMA user_version").fetchone()
    except (OSError, sqlite3.Error) as error:
        raise StartupError(f"DATABASE_PATH {path} cannot be opened: {error}") from None
    # SQLite opens a file it may not write read-only without a word; the first write, after
    # start-up, then failed with a traceback (review AG). Its folder takes the journal files.
    for place in (path, path.parent):
        if not os.access(place, os.W_OK):
            raise StartupError(f"DATABASE_PATH {path} cannot be written: {place} is read-only")
    known = len(migrations())
    if version > known:
        # Written by a newer release (then rolled back): this one does not know its tables.
        raise StartupError(
            f"DATABASE_PATH {path} was written by a newer version of the bot (schema {version};"
            f" this one knows up to {known}): run that version, or use another file"
        )


def check_webhook_address(settings: Settings) -> None:
    """With a webhook, make sure WEBHOOK_LISTEN and WEBHOOK_PORT can be listened on; a bad one
    ended the bot with a traceback once the webhook was already registered (review AG)."""
    if not settings.webhook_url:
        return
    where = f"{settings.webhook_listen}:{settings.webhook_port}"
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            settings.webhook_listen, settings.webhook_port, type=socket.SOCK_STREAM
        )[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
            probe.bind(address)
    except OSError as error:
        line = f"WEBHOOK_LISTEN/WEBHOOK_PORT {where} cannot be listened on: {error}"
        raise StartupError(line) from None


def _token_refused(settings: Settings, error: InvalidToken) -> str:
    """The line for a refused token: Telegram's own server refuses only the token; another
    server answers the same (404) to an address that is no Bot API (walk Z)."""
    if settings.telegram_api_base_url == DEFAULT_API_BASE_URL:
        return "Bad setting: TELEGRAM_BOT_TOKEN was rejected by Telegram (check it with @BotFather)"
    host = urlsplit(settings.telegram_api_base_url).netloc
    return (
        f"Bad setting: TELEGRAM_BOT_TOKEN or TELEGRAM_API_BASE_URL: the server at {host} refused"
        f" the token ({error.message}); check the token with @BotFather and that the URL is a"
        " Bot API server's"
    )


def main() -> int:
    """Entry point; a bad setting is one line on stderr and exit status 2."""
    try:
        settings = load_settings()
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    token = settings.telegram_bot_token.get_secret_value()
    secret = settings.webhook_secret_token
    secrets = (token, secret.get_secret_value() if secret else "")
    configure_logging(settings.log_level, secrets=secrets)
    try:
        # Found before connecting to Telegram: a wrong path is a setting error, not a crash.
        check_database(settings)
        check_webhook_address(settings)
        run(settings)
    except InvalidToken as error:
        print(redact(_token_refused(settings, error), secrets), file=sys.stderr)
        return 2
    except StartupError as error:
        print(redact(f"Bad setting: {error}", secrets), file=sys.stderr)
        return 2
    except NetworkError as error:
        # The error can quote the request URL, token and all (a base URL without "/bot").
        host = urlsplit(settings.telegram_api_base_url).netloc
        line = f"Cannot reach the Bot API at TELEGRAM_API_BASE_URL ({host}): {error}"
        print(redact(line, secrets), file=sys.stderr)
        return 1
    except Exception:
        log.exception("the bot stopped because of an error")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
