"""The `.ics` file: parses back with icalendar and holds every deadline, with alarms."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from advisor.deadlines import REFUND_DATES
from advisor.models import Action, Advice, Deadline, DeadlineKind, Situation
from advisor.reminder_plan import DEFAULT_SCHEDULE, REFUND_CHASE_DAYS
from advisor.timers import DEFAULT_TIMERS
from handlers import calendar as calendar_handler
from handlers.calendar_file import build_ics
from locales import get_translator
from tests.reminders.helpers import known_user, moscow, plan_at, save, today
from tests.support.harness import BotHarness

STAMP = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)


def every_deadline() -> list[Deadline]:
    day = dt.date(2026, 3, 20)
    return [
        Deadline(kind=kind, date=day + dt.timedelta(days=i)) for i, kind in enumerate(DeadlineKind)
    ]


def events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def coming(**seller: bool) -> Situation:
    return Situation.model_validate(
        {
            "today": "2026-03-01",
            "received": False,
            "delivery_status": "in_transit",
            "seller": seller,
        }
    )


def ics(
    lang: str = "en", *, situation: Situation | None = None, today: dt.date | None = None
) -> bytes:
    return build_ics(
        get_translator(lang),
        order_id=7,
        name="Blue headphones",
        advice=Advice(action=Action.wait, deadlines=every_deadline()),
        situation=situation or coming(),
        schedule=DEFAULT_SCHEDULE,
        timers=DEFAULT_TIMERS,
        today=today or STAMP.date(),
        stamp=STAMP,
    )


def alarm_days(event: Any) -> list[int]:
    return [-alarm.decoded("trigger").days for alarm in event.walk("VALARM")]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_ics_holds_every_deadline_with_alarms(lang: str) -> None:
    deadlines = every_deadline()
    found = events(ics(lang))
    assert len(found) == len(DeadlineKind)
    by_start = {event.decoded("dtstart"): event for event in found}
    for deadline in deadlines:
        event = by_start[deadline.date]
        assert event.decoded("dtend") == deadline.date + dt.timedelta(days=1)
        assert "Blue headphones" in str(event["summary"])
        # The deadline's kind, not its date: a later file (an extension) moves the event.
        assert str(event["uid"]) == f"order-7-{deadline.kind.value}@aliexpress-dispute-bot"
        assert int(event["sequence"]) > 0
        triggers = [alarm.decoded("trigger") for alarm in event.walk("VALARM")]
        offsets = DEFAULT_SCHEDULE.offsets(deadline.kind) or (0,)
        if deadline.kind in REFUND_DATES:
            offsets += (-REFUND_CHASE_DAYS,)  # as the bot: a week after, if it has not come
        assert triggers == [dt.timedelta(days=-o, hours=DEFAULT_SCHEDULE.hour) for o in offsets]
    protection = by_start[dt.date(2026, 3, 21)]
    assert len(protection.walk("VALARM")) == 4  # 7, 2, 1 days before and on the day
    if lang == "ru":
        assert "Окончание защиты покупателя" in str(protection["summary"])


def test_each_event_says_its_date_above_what_to_do() -> None:
    """Walk BR: the window's event said "only until the day above" with no day above."""
    by_start = {event.decoded("dtstart"): event for event in events(ics("ru"))}
    for deadline in every_deadline():
        lines = str(by_start[deadline.date]["description"]).splitlines()
        assert lines[0].endswith(": " + get_translator("ru").format_date(deadline.date))
        assert len(lines) >= 2 and lines[1]


def test_ics_leaves_out_deadlines_already_passed() -> None:
    today = dt.date(2026, 3, 25)
    starts = [event.decoded("dtstart") for event in events(ics(today=today))]
    assert starts and min(starts) == today
    assert starts == sorted(d.date for d in every_deadline() if d.date >= today)


@pytest.mark.parametrize(
    ("situation", "days"),
    [
        (coming(), [7, 2, 1, 0]),
        (coming(contacted=True, responded=True, extended=True), [2, 1, 0]),
        (coming(contacted=True, responded=True, refused_extension=True), [7, 2, 1, 0]),
        (
            Situation.model_validate(
                {"today": "2026-03-01", "received": True, "problem": "damaged"}
            ),
            [2, 1, 0],
        ),
    ],
)
def test_the_seven_day_alarm_only_when_the_bot_would_send_that_reminder(
    situation: Situation, days: list[int]
) -> None:
    by_start = {e.decoded("dtstart"): e for e in events(ics(situation=situation))}
    assert alarm_days(by_start[dt.date(2026, 3, 21)]) == days


async def test_calendar_button_sends_the_file(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 701, "en"), d)
    built: list[bytes] = []

    def spy(*args: Any, **kwargs: Any) -> bytes:
        built.append(build_ics(*args, **kwargs))
        return built[-1]

    monkeypatch.setattr(calendar_handler, "build_ics", spy)
    bot.request.clear()
    await bot.press(701, f"cal:{view.order.id}", lang="en")
    assert bot.answered_callbacks()
    sent = bot.last("sendDocument")
    assert sent.params["document"] == "<file>" and "calendar" in sent.text
    assert "“Blue headphones”" in sent.text
    starts = {(e.decoded("dtstart")) for e in events(built[0])}
    assert starts == {deadline.date for deadline in view.advice.deadlines}


async def test_calendar_of_someone_elses_order_is_refused(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 702, "en"), d)
    await known_user(bot, 703, "en")
    bot.request.clear()
    await bot.press(703, f"cal:{view.order.id}", lang="en")
    assert bot.request.sent("sendDocument") == []
    assert "out of date" in bot.last().text


async def test_order_without_dates_gets_an_alert(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 704, "en"), d, protection_ends_on=None)
    assert view.advice.deadlines == []
    bot.request.clear()
    await bot.press(704, f"cal:{view.order.id}", lang="en")
    answer = bot.answered_callbacks()[-1].params
    assert "no dates" in answer["text"] and answer.get("show_alert") in (True, "true")
    assert bot.request.sent("sendDocument") == []


async def test_order_whose_dates_all_passed_gets_an_alert(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 705, "en"), d)
    last = max(deadline.date for deadline in view.advice.deadlines)
    monkeypatch.setattr(calendar_handler, "user_today", lambda user, zone: last + dt.timedelta(1))
    bot.request.clear()
    await bot.press(705, f"cal:{view.order.id}", lang="en")
    answer = bot.answered_callbacks()[-1].params
    assert answer["text"] == "All the dates of this order have passed."
    assert bot.request.sent("sendDocument") == []


def test_alarms_of_days_already_gone_are_left_out() -> None:
    """Walk T: a deadline tomorrow carried its 7- and 2-day alarms, both in the past."""
    protection_end = dt.date(2026, 3, 21)
    by_start = {e.decoded("dtstart"): e for e in events(ics(today=dt.date(2026, 3, 20)))}
    assert alarm_days(by_start[protection_end]) == [1, 0]
    by_start = {e.decoded("dtstart"): e for e in events(ics(today=protection_end))}
    assert alarm_days(by_start[protection_end]) == [0]


@pytest.mark.parametrize(
    ("ends_at", "days_and_hours"),
    [
        # Walk K: a 07:50 end had an alarm at 10:00 that day, after it.
        ("07:50", [(-7, 10), (-2, 10), (-1, 10)]),
        ("19:00", [(-7, 10), (-2, 10), (-1, 10), (0, 10)]),
    ],
)
def test_no_alarm_after_the_time_the_protection_runs_out(
    ends_at: str, days_and_hours: list[tuple[int, int]]
) -> None:
    end = dt.date(2026, 3, 21)  # the protection end of every_deadline()
    timed = coming().model_copy(
        update={"protection_ends_on": end, "protection_ends_at": dt.time.fromisoformat(ends_at)}
    )
    protection = {e.decoded("dtstart"): e for e in events(ics(situation=timed))}[end]
    triggers = [alarm.decoded("trigger") for alarm in protection.walk("VALARM")]
    assert triggers == [dt.timedelta(days=d, hours=h) for d, h in days_and_hours]


def test_no_alarm_earlier_today_and_the_last_day_names_the_hour() -> None:
    """Walk M: the only alarm of an end at 09:23 tomorrow was 10:00 today, already past when
    the file was made; and the event said "today is the last day", not the hour."""
    end = dt.date(2026, 3, 21)
    timed = coming().model_copy(
        update={"protection_ends_on": end, "protection_ends_at": dt.time(9, 23)}
    )
    berlin = ZoneInfo("Europe/Berlin")
    stamp = dt.datetime(2026, 3, 20, 17, 0, tzinfo=berlin)
    data = build_ics(
        get_translator("en"),
        order_id=7,
        name="Blue headphones",
        advice=Advice(action=Action.wait, deadlines=every_deadline()),
        situation=timed,
        schedule=DEFAULT_SCHEDULE,
        timers=DEFAULT_TIMERS,
        today=stamp.date(),
        stamp=stamp,
        zone=berlin,
    )
    protection = {e.decoded("dtstart"): e for e in events(data)}[end]
    triggers = [alarm.decoded("trigger") for alarm in protection.walk("VALARM")]
    assert triggers == [dt.timedelta(hours=8, minutes=23)]  # an hour before 09:23, that day
    assert "runs out today at 9:23" in str(protection["description"])


async def test_the_card_offers_the_calendar_only_while_a_date_is_ahead(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk AM: the button was shown for passed dates only, and answered "have passed"."""
    import handlers.orders.card as card

    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    view = await save(bot, await known_user(bot, 706, "en"), d)
    last = max(deadline.date for deadline in view.advice.deadlines)
    calendar = f"cal:{view.order.id}"
    for day, offered in ((last, True), (last + dt.timedelta(1), False)):
        monkeypatch.setattr(card, "user_today", lambda user, zone, day=day: day)
        await bot.press(706, f"o:{view.order.id}", lang="en")
        assert (calendar in bot.last().button_data()) is offered, day
