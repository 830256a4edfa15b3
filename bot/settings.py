"""The bot's settings: environment variables over `.env` in the current directory."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from advisor.reminder_plan import ReminderSchedule, parse_days
from advisor.timers import TimerFields, Timers

# Telegram's own Bot API server (a self-hosted one may stand in for it).
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
_TOKEN_SHAPE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,100}$")
_SECRET_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_QUIET_HOURS_SHAPE = re.compile(r"^(\d{1,2})-(\d{1,2})$")


# The spellings PTB replaces with the token in a Bot API URL (telegram/_bot.py).
TOKEN_PLACEHOLDERS = tuple(
    "{" + name + "}"
    for name in ("token", "TOKEN", "bot_token", "BOT_TOKEN", "bot-token", "BOT-TOKEN")
)


class Settings(BaseSettings, TimerFields):
    """Every setting of the bot (the domain timers come from `TimerFields`); see `.env.example`."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: SecretStr
    database_path: Path = Path("data/bot.sqlite3")
    default_language: Literal["ru", "en"] = "ru"
    default_timezone: str = "Europe/Moscow"
    telegram_api_base_url: str = DEFAULT_API_BASE_URL
    telegram_api_file_url: str = "https://api.telegram.org/file/bot"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"

    webhook_url: str | None = None
    webhook_secret_token: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)

    max_concurrent_updates: int = Field(default=16, ge=1, le=1000)
    # At least a tenth of a second: "1e-9" would spin the sweep (walk Z); no NaN or infinity.
    reminder_sweep_seconds: float = Field(default=30, ge=0.1, le=3600, allow_inf_nan=False)
    protection_reminder_days: str = "7,2,1,0"
    return_ship_reminder_days: str = "2,1,0"
    window_reminder_days: str = "3,1,0"
    evidence_reminder_days: str = "1,0"
    dispute_reminder_days: str = "1,0"
    refund_reminder_days: str = "0"
    earliest_open_reminder_days: str = "0"
    reminder_hour: int = Field(default=10, ge=0, le=23)
    quiet_hours: str = "22-9"

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_case_level(cls, value: object) -> object:
        """`debug` means DEBUG."""
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("default_language", mode="before")
    @classmethod
    def _lower_case_language(cls, value: object) -> object:
        """`RU` means ru."""
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        """A token looks like `123456:ABC-def...` (digits, a colon, 20+ URL-safe characters)."""
        if not value.get_secret_value().strip():
            raise ValueError("is required but not set (get one from @BotFather)")
        if not _TOKEN_SHAPE.match(value.get_secret_value().strip()):
            raise ValueError(
                "does not look like a bot token from @BotFather (digits, a colon, then 20 or"
                " more letters, digits, _ or -)"
            )
        return SecretStr(value.get_secret_value().strip())

    @field_validator("database_path")
    @classmethod
    def _file_path(cls, value: Path) -> Path:
        """A file to keep: `~` is the home folder (not a folder named "~" here, review AG), and
        SQLite's ":memory:" (or an empty name) would lose every order at each restart."""
        if str(value).strip() in ("", ".", ":memory:") or str(value).startswith("file:"):
            raise ValueError("must be the path of a database file (orders are kept in it)")
        return value.expanduser()

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        """Only IANA time zone names that the zone database knows (spaces around ignored)."""
        value = value.strip()
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("is not a known IANA time zone name such as Europe/Moscow") from None
        return value

    @field_validator("telegram_api_base_url", "telegram_api_file_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        """A Bot API address must be http(s), and PTB appends the token to it (or puts it in
        place of `{token}`): without a trailing "bot" the token would run into the path."""
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("must be an http:// or https:// URL")
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 -- reading it checks it: a port out of range raises here
        except ValueError as error:  # "http://[::1/bot", "http://host:99999/bot"
            raise ValueError(f"is not a valid URL ({error})") from None
        if not parts.hostname:
            raise ValueError("must name a host, like https://api.telegram.org/bot")
        if not any(mark in value for mark in TOKEN_PLACEHOLDERS) and not value.endswith("bot"):
            raise ValueError(
                'must end in "bot", as the token is appended to it'
                " (like https://api.telegram.org/bot or https://api.telegram.org/file/bot)"
            )
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        """Empty means polling; otherwise Telegram only calls https webhooks."""
        if not value:
            return None
        if not value.startswith("https://"):
            raise ValueError("must be an https:// URL (Telegram calls webhooks over HTTPS only)")
        return value

    @field_validator("webhook_secret_token")
    @classmethod
    def _secret_token(cls, value: SecretStr | None) -> SecretStr | None:
        """Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and -."""
        if value is None or not value.get_secret_value():
            return None
        if not _SECRET_TOKEN_SHAPE.match(value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator(
        "protection_reminder_days",
        "return_ship_reminder_days",
        "window_reminder_days",
        "evidence_reminder_days",
        "dispute_reminder_days",
        "refund_reminder_days",
        "earliest_open_reminder_days",
    )
    @classmethod
    def _reminder_days(cls, value: str) -> str:
        """Comma-separated days before the deadline, e.g. `7,2,1,0` (empty: no reminders)."""
        try:
            parse_days(value)
        except ValueError:
            raise ValueError(
                "must be comma-separated whole days from 0 to 365, like 7,2,1,0"
            ) from None
        return value.strip()

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_hours(cls, value: str) -> str:
        """`22-9` (from 22:00 to 09:00 local time) or empty to turn quiet hours off."""
        value = value.strip()
        if not value:
            return ""
        match = _QUIET_HOURS_SHAPE.match(value)
        if not match or not all(0 <= int(hour) <= 23 for hour in match.groups()):
            raise ValueError("must look like 22-9 (hours 0-23) or be empty to turn it off")
        if match.group(1) == match.group(2):
            raise ValueError("start and end hour must differ (leave empty to turn it off)")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        """A webhook without a secret token would accept updates from anyone."""
        if self.webhook_url and self.webhook_secret_token is None:
            raise ValueError("WEBHOOK_SECRET_TOKEN is required when WEBHOOK_URL is set")
        return self

    @property
    def timers(self) -> Timers:
        """The domain timers as the advisor reads them."""
        return Timers(**{name: getattr(self, name) for name in TimerFields.model_fields})

    @property
    def reminder_schedule(self) -> ReminderSchedule:
        """Which days before each deadline reminders go out, and at what local hour."""
        return ReminderSchedule(
            protection_days=parse_days(self.protection_reminder_days),
            return_ship_days=parse_days(self.return_ship_reminder_days),
            window_days=parse_days(self.window_reminder_days),
            evidence_days=parse_days(self.evidence_reminder_days),
            dispute_days=parse_days(self.dispute_reminder_days),
            refund_days=parse_days(self.refund_reminder_days),
            earliest_open_days=parse_days(self.earliest_open_reminder_days),
            hour=self.reminder_hour,
        )

    @property
    def quiet_hours_range(self) -> tuple[int, int] | None:
        """Quiet hours as (start, end) local hours, or None when turned off."""
        if not self.quiet_hours:
            return None
        start, end = self.quiet_hours.split("-")
        return int(start), int(end)


class SettingsError(Exception):
    """Settings could not be loaded; the message is one line naming the setting."""


def describe_error(error: ValidationError) -> str:
    """One line naming each bad setting and what is wrong, never echoing its value."""
    parts = []
    for item in error.errors(include_input=False, include_url=False):
        name = "_".join(str(part) for part in item["loc"]).upper()
        message = item["msg"]
        if item["type"] == "missing":
            message = "is required but not set"
        message = message.removeprefix("Value error, ")
        parts.append(f"{name} {message}" if name else message)
    return "; ".join(parts)


def load_settings(**overrides: object) -> Settings:
    """Read the settings (environment over `.env`); raise SettingsError with a clear line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise SettingsError(f"Bad setting: {describe_error(error)}") from None
    except UnicodeDecodeError:
        # Walk BX: a comment saved in cp1251 on Windows said only "UnicodeDecodeError".
        raise SettingsError("Cannot read .env: it is not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        raise SettingsError(f"Cannot read .env: {error.__class__.__name__}") from None
