"""`python -m bot`: load the settings, then run the bot until Ctrl-C or SIGTERM."""

from __future__ import annotations

import logging
import sys
from urllib.parse import urlsplit

from telegram import Update

from bot.app import build_application
from bot.logging_setup import configure_logging
from bot.settings import Settings, SettingsError, load_settings

log = logging.getLogger("bot")


def run(settings: Settings) -> None:
    """Run polling, or a webhook server when WEBHOOK_URL is set."""
    app = build_application(settings)
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


def main() -> int:
    """Entry point; a bad setting is one line on stderr and exit status 2."""
    try:
        settings = load_settings()
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    token = settings.telegram_bot_token.get_secret_value()
    configure_logging(settings.log_level, secrets=(token,))
    try:
        run(settings)
    except Exception:
        log.exception("the bot stopped because of an error")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
