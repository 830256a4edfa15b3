"""The composition root: `build_application(settings)` wires storage, handlers and jobs."""

from __future__ import annotations

import logging
import sqlite3

from telegram.ext import AIORateLimiter, Application, ApplicationBuilder
from telegram.request import BaseRequest, HTTPXRequest

import handlers
from bot.concurrency import PerUserUpdateProcessor
from bot.housekeeping import install_housekeeping
from bot.polling import ConfirmHandledRequest
from bot.requests import BotCalls
from bot.scheduler import install_replan, install_sweep
from bot.settings import Settings
from handlers.commands import bot_commands
from handlers.errors import COME_AGAIN_AFTER_STOP
from handlers.runtime import RUNTIME_KEY, Runtime
from locales import LANGUAGES
from locales.runtime import OTHER_LANGUAGES, RUSSIAN_SPEAKING
from storage.db import Database

log = logging.getLogger(__name__)


# Telegram allows about 30 messages a second overall. The limiter is a leaky bucket: with room
# for 1 and 29 drained a second, no one-second window ever holds more than 30 (a bucket of 30
# would let 30 out at once and 30 more in the same second).
OVERALL_BURST = 1
OVERALL_PER_SECOND = 29


class StartupError(Exception):
    """A setting that only proves wrong when the bot starts; the message names it."""


def runtime_for(settings: Settings, db: Database) -> Runtime:
    """What the handlers share: the database and the settings they read."""
    return Runtime(
        db=db,
        timers=settings.timers,
        default_language=settings.default_language,
        default_timezone=settings.default_timezone,
        quiet_hours=settings.quiet_hours_range,
        reminder_schedule=settings.reminder_schedule,
    )


def build_application(settings: Settings, request: BaseRequest | None = None) -> Application:  # type: ignore[type-arg]
    """Build the bot; resources are opened in `post_init` and closed in `post_shutdown`.

    `request` replaces the HTTP client (tests pass a recording one); nothing here reads the
    environment or touches the network.
    """

    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        try:
            db = await Database.open(settings.database_path)
        except (OSError, sqlite3.Error) as error:
            raise StartupError(
                f"DATABASE_PATH {settings.database_path} cannot be opened: {error}"
            ) from None
        app.bot_data[RUNTIME_KEY] = runtime_for(settings, db)
        if min(settings.reminder_schedule.protection_days, default=99) > settings.open_now_days:
            # Days above it only ask for an extension, and only for a parcel on its way.
            log.warning(
                "PROTECTION_REMINDER_DAYS has no day at or below OPEN_NOW_DAYS (%s): an item "
                "already received gets no reminder before Buyer Protection ends",
                settings.open_now_days,
            )
        await install_sweep(app, settings)  # reminders: give back stale claims, start the sweep
        await install_housekeeping(app)
        await install_replan(app)  # other reminder settings than last time: plan orders again
        # Telegram shows the list without a language code to every language not listed below,
        # and the bot answers all of those in English (locales.runtime.from_telegram): walk AM,
        # a German user read Russian commands over English replies.
        await app.bot.set_my_commands(bot_commands(OTHER_LANGUAGES))
        for lang in LANGUAGES:
            await app.bot.set_my_commands(bot_commands(lang), language_code=lang)
        for code in RUSSIAN_SPEAKING - set(LANGUAGES):
            # Their users get Russian replies (locales.runtime); the menu should match.
            await app.bot.set_my_commands(bot_commands("ru"), language_code=code)
        log.info("bot started, database %s", settings.database_path)

    async def post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
        rt: Runtime | None = app.bot_data.pop(RUNTIME_KEY, None)
        if rt is not None:
            await rt.db.close()
        log.info("bot stopped, database closed")

    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_file_url)
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=OVERALL_BURST,
                overall_time_period=OVERALL_BURST / OVERALL_PER_SECOND,
                max_retries=3,
            )
        )
        .concurrent_updates(PerUserUpdateProcessor(settings.max_concurrent_updates))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    # getUpdates confirms the previous batch: only after it was handled (see bot/polling.py).
    polling = ConfirmHandledRequest(request or HTTPXRequest(connection_pool_size=1))
    # Every other call: PTB's default client (256 connections), edits answered without echo,
    # a press answered too late still handled.
    calls = BotCalls(request or HTTPXRequest(connection_pool_size=256))
    app = builder.request(calls).get_updates_request(polling).build()
    polling.watch(app.update_queue)
    app.bot_data[COME_AGAIN_AFTER_STOP] = lambda: polling.left_unconfirmed
    handlers.register_all(app)
    return app
