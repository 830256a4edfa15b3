"""Every deadline kind's reminder days are settings, validated like the others."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from advisor.models import DeadlineKind
from bot.settings import SettingsError, load_settings
from tests.support.harness import BotHarness, make_settings

TOKEN = "123456:" + "A" * 35


def settings(**env: str) -> object:
    return load_settings(_env_file=None, telegram_bot_token=TOKEN, **env)


def test_defaults_of_the_dispute_refund_and_earliest_open_reminders() -> None:
    schedule = settings().reminder_schedule  # type: ignore[attr-defined]
    assert schedule.offsets(DeadlineKind.seller_response_due) == (1, 0)
    assert schedule.offsets(DeadlineKind.escalation) == (1, 0)
    assert schedule.offsets(DeadlineKind.return_auto_refund) == (0,)
    assert schedule.offsets(DeadlineKind.refund_expected_by) == (0,)
    assert schedule.offsets(DeadlineKind.earliest_open) == (0,)


def test_they_follow_their_settings() -> None:
    schedule = settings(  # type: ignore[attr-defined]
        dispute_reminder_days="3,0",
        refund_reminder_days="1, 0",
        earliest_open_reminder_days="",
    ).reminder_schedule
    assert schedule.offsets(DeadlineKind.seller_response_due) == (3, 0)
    assert schedule.offsets(DeadlineKind.escalation) == (3, 0)
    assert schedule.offsets(DeadlineKind.return_auto_refund) == (1, 0)
    assert schedule.offsets(DeadlineKind.refund_expected_by) == (1, 0)
    assert schedule.offsets(DeadlineKind.earliest_open) == ()


@pytest.mark.parametrize(
    "name", ["dispute_reminder_days", "refund_reminder_days", "earliest_open_reminder_days"]
)
def test_a_bad_value_names_the_setting(name: str) -> None:
    with pytest.raises(SettingsError) as error:
        settings(**{name: "1,-2"})
    assert name.upper() in str(error.value) and "-2" not in str(error.value)


@pytest.mark.parametrize(("days", "warned"), [("5,3", True), ("7,2,1,0", False)])
async def test_protection_days_that_only_ask_for_an_extension_are_warned_of(
    db_path: Path, caplog: pytest.LogCaptureFixture, days: str, warned: bool
) -> None:
    harness = await BotHarness(make_settings(db_path, protection_reminder_days=days)).start()
    try:
        said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert any("PROTECTION_REMINDER_DAYS" in message for message in said) is warned
    finally:
        await harness.stop()
