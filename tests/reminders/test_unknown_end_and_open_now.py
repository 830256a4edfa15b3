"""Reminders the second walk of 2026-12-03 found missing: a parcel awaited with the protection's
end unknown got none at all (the card named the usual end, 10 days away), and "open a dispute"
saved 20 days before the end was first reminded 2 days before it."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.deadlines import USUAL_PROTECTION_DAYS
from advisor.models import DeadlineKind
from advisor.policy import advise_buyer
from advisor.reminder_plan import plan_reminders, reminded_deadlines
from handlers.reminder_message import _USUAL_END_ONLY
from handlers.reminder_sweep import sweep_once
from locales import fill, get_translator
from tests.reminders.helpers import known_user, moscow, plan_at, rows, save, today
from tests.support.harness import BotHarness

DAY = dt.timedelta(days=1)


def _stuck_end_unknown(day: dt.date) -> dict[str, object]:
    """Oleg's parcel: shipped 50 days ago, stuck for weeks, the seller written to, the end
    unknown: the advice is to wait."""
    return {
        "delivery_status": "not_updating",
        "days_since_tracking_update": 21,
        "shipped_on": day - 50 * DAY,
        "protection_ends_on": None,
        "seller": {"contacted": True},
    }


async def test_an_unknown_end_is_reminded_at_the_usual_end(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 780, "ru"), d, **_stuck_end_unknown(d))
    assert view.advice.action == "wait" and not view.advice.deadlines
    usual = d - 50 * DAY + USUAL_PROTECTION_DAYS * DAY
    planned = [(r.kind, r.deadline_on, r.offset_days) for r in await rows(bot, view.order.id)]
    assert planned == [("protection_ends", usual.isoformat(), offset) for offset in (7, 2, 1, 0)]
    # Sent when due (the sweep does not drop it as a deadline the advice lacks), saying that
    # the date is the usual one and where the real one is.
    bot.request.clear()
    result = await sweep_once(bot.app.bot, bot.runtime, now=moscow(usual - 7 * DAY, 10, 1))
    assert result.sent == 1
    tr = get_translator("ru")
    said = fill(tr.gettext(_USUAL_END_ONLY), {"days": str(USUAL_PROTECTION_DAYS)})
    assert said in bot.request.sent("sendMessage")[-1].text


async def test_a_known_end_is_not_reminded_twice(bot: BotHarness) -> None:
    d = today(bot)
    user = await known_user(bot, 781, "en")
    view = await save(bot, user, d, **{**_stuck_end_unknown(d), "protection_ends_on": d + 9 * DAY})
    kinds = [deadline.kind for deadline in reminded_deadlines(view.advice, view.situation)]
    assert kinds.count(DeadlineKind.protection_ends) == 1


def test_a_dispute_to_open_is_reminded_a_week_before_the_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from zoneinfo import ZoneInfo

    from advisor.models import Situation

    day = dt.date(2026, 12, 3)
    broken = Situation(
        today=day,
        received=True,
        problem="not_working",
        price=40,
        protection_ends_on=day + 20 * DAY,
    )
    advice = advise_buyer(broken)
    assert advice.action == "open_dispute"
    now = dt.datetime(2026, 12, 3, 12, tzinfo=dt.UTC)
    planned = plan_reminders(
        advice, broken, zone=ZoneInfo("Europe/Moscow"), quiet_hours=None, now=now
    )
    offsets = [p.offset_days for p in planned if p.kind is DeadlineKind.protection_ends]
    assert offsets == [7, 2, 1, 0]
    # Nothing to open once it is: the dispute's own dates are reminded instead.
    opened = Situation.model_validate(
        {**broken.model_dump(), "dispute": {"stage": "open", "opened_on": day}}
    )
    planned = plan_reminders(
        advise_buyer(opened), opened, zone=ZoneInfo("Europe/Moscow"), quiet_hours=None, now=now
    )
    assert not any(p.kind is DeadlineKind.protection_ends and p.offset_days == 7 for p in planned)


def test_the_save_button_promises_reminders_for_the_usual_end() -> None:
    from advisor.models import Situation
    from handlers.conversation.card_screen import advice_keyboard

    day = dt.date(2026, 12, 3)
    stuck = Situation.model_validate({"today": day, "received": False, **_stuck_end_unknown(day)})
    tr = get_translator("en")
    labels = [
        button.text
        for row in advice_keyboard(tr, advise_buyer(stuck), day, stuck).inline_keyboard
        for button in row
    ]
    assert tr.gettext("🔔 Save & remind me") in labels
