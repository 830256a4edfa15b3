"""The pure planner: deadline kind x offsets -> send instants, time zones, DST, quiet hours."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.deadlines import REFUND_DATES
from advisor.models import Action, Advice, Deadline, DeadlineKind, Situation, WarningCode
from advisor.reminder_plan import (
    DEFAULT_SCHEDULE,
    NOT_THE_BUYERS,
    ReminderSchedule,
    after_quiet_hours,
    in_quiet_hours,
    local_instant,
    parse_days,
    plan_reminders,
    snooze_today,
    snooze_until,
)

BERLIN = ZoneInfo("Europe/Berlin")  # CET -> CEST on 2026-03-29, back on 2026-10-25
NEW_YORK = ZoneInfo("America/New_York")  # EST -> EDT on 2026-03-08, back on 2026-11-01
UTC = dt.UTC
EARLY = dt.datetime(2026, 1, 1, tzinfo=UTC)


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def in_transit(**extra: object) -> Situation:
    return Situation.model_validate(
        {"today": "2026-01-01", "received": False, "delivery_status": "in_transit", **extra}
    )


def received() -> Situation:
    return Situation.model_validate({"today": "2026-01-01", "received": True, "problem": "damaged"})


def advice(kind: DeadlineKind, day: dt.date, action: Action = Action.wait) -> Advice:
    return Advice(action=action, deadlines=[Deadline(kind=kind, date=day)])


def plan(
    kind: DeadlineKind,
    day: dt.date,
    zone: ZoneInfo,
    *,
    situation: Situation | None = None,
    quiet: tuple[int, int] | None = None,
    schedule: ReminderSchedule = DEFAULT_SCHEDULE,
    now: dt.datetime = EARLY,
    action: Action = Action.wait,
) -> list[tuple[int, dt.datetime]]:
    planned = plan_reminders(
        advice(kind, day, action),
        situation or in_transit(),
        zone=zone,
        quiet_hours=quiet,
        offsets=schedule,
        now=now,
    )
    assert all(p.kind is kind and p.deadline_on == day for p in planned)
    return [(p.offset_days, p.due_at) for p in planned]


def test_protection_across_spring_dst_in_berlin() -> None:
    # 10:00 local is 09:00 UTC in winter and 08:00 UTC from 29 March.
    assert plan(DeadlineKind.protection_ends, dt.date(2026, 3, 31), BERLIN) == [
        (7, utc(2026, 3, 24, 9)),
        (2, utc(2026, 3, 29, 8)),
        (1, utc(2026, 3, 30, 8)),
        (0, utc(2026, 3, 31, 8)),
    ]


def test_protection_across_spring_dst_in_new_york() -> None:
    assert plan(DeadlineKind.protection_ends, dt.date(2026, 3, 10), NEW_YORK) == [
        (7, utc(2026, 3, 3, 15)),
        (2, utc(2026, 3, 8, 14)),
        (1, utc(2026, 3, 9, 14)),
        (0, utc(2026, 3, 10, 14)),
    ]


def test_return_shipping_across_autumn_dst_in_both_zones() -> None:
    assert plan(DeadlineKind.return_ship_by, dt.date(2026, 10, 26), BERLIN) == [
        (2, utc(2026, 10, 24, 8)),
        (1, utc(2026, 10, 25, 9)),
        (0, utc(2026, 10, 26, 9)),
    ]
    assert plan(DeadlineKind.return_ship_by, dt.date(2026, 11, 2), NEW_YORK) == [
        (2, utc(2026, 10, 31, 14)),
        (1, utc(2026, 11, 1, 15)),
        (0, utc(2026, 11, 2, 15)),
    ]


@pytest.mark.parametrize(
    ("kind", "offsets"),
    [
        (DeadlineKind.earliest_open, [0]),
        (DeadlineKind.open_dispute_by, []),  # the protection reminders say "open it now"
        (DeadlineKind.dispute_window_closes, [3, 1, 0]),
        (DeadlineKind.seller_response_due, [1, 0]),
        (DeadlineKind.escalation, [1, 0]),
        (DeadlineKind.evidence_due, [1, 0]),
        # A refund still awaited: on its day and a week after (REFUND_CHASE_DAYS).
        (DeadlineKind.return_auto_refund, [0, -7]),
        (DeadlineKind.refund_expected_by, [0, -7]),
    ],
)
@pytest.mark.parametrize("zone", [BERLIN, NEW_YORK])
def test_every_other_kind_at_ten_local(
    kind: DeadlineKind, offsets: list[int], zone: ZoneInfo
) -> None:
    day = dt.date(2026, 6, 15)
    planned = plan(kind, day, zone)
    assert [offset for offset, _ in planned] == offsets
    for offset, due in planned:
        local = due.astimezone(zone)
        assert local.date() == day - dt.timedelta(days=offset)
        assert (local.hour, local.minute) == (10, 0)


def test_extension_reminder_only_while_the_parcel_is_coming() -> None:
    day = dt.date(2026, 6, 15)
    coming = plan(DeadlineKind.protection_ends, day, BERLIN)
    assert [offset for offset, _ in coming] == [7, 2, 1, 0]
    arrived = plan(DeadlineKind.protection_ends, day, BERLIN, situation=received())
    assert [offset for offset, _ in arrived] == [2, 1, 0]
    delivered = in_transit(delivery_status="delivered_not_received")
    assert [o for o, _ in plan(DeadlineKind.protection_ends, day, BERLIN, situation=delivered)] == [
        2,
        1,
        0,
    ]


_OPENING = (
    DeadlineKind.protection_ends,
    DeadlineKind.dispute_window_closes,
    DeadlineKind.earliest_open,  # review AP: "from this day a dispute can be opened"
)


def test_no_dispute_advice_gets_no_protection_or_window_reminders() -> None:
    day = dt.date(2026, 6, 15)
    for kind in _OPENING:
        assert plan(kind, day, BERLIN, action=Action.do_not_dispute) == []


def test_the_buyers_own_address_error_gets_no_open_the_dispute_reminders() -> None:
    # Rule 8: contact_carrier, AliExpress will not refund; "open the dispute now" would mislead.
    day = dt.date(2026, 6, 15)
    situation = in_transit()
    for kind in _OPENING:
        mistaken = Advice(
            action=Action.contact_carrier,
            warnings=[WarningCode.buyer_address_error],
            deadlines=[Deadline(kind=kind, date=day)],
        )
        assert plan_reminders(mistaken, situation, zone=BERLIN, quiet_hours=None, now=EARLY) == []
        assert plan(kind, day, BERLIN, action=Action.contact_carrier), "without the warning: kept"


def test_reminders_already_past_are_not_planned() -> None:
    day = dt.date(2026, 6, 15)
    now = utc(2026, 6, 14, 12)  # after the 1-day reminder, before the on-the-day one
    assert [o for o, _ in plan(DeadlineKind.protection_ends, day, BERLIN, now=now)] == [0]


def test_quiet_hours_move_night_reminders_to_morning_but_never_past_the_deadline() -> None:
    late = ReminderSchedule(hour=23)
    day = dt.date(2026, 6, 15)
    off = plan(DeadlineKind.evidence_due, day, BERLIN, schedule=late)
    assert off == [(1, utc(2026, 6, 14, 21)), (0, utc(2026, 6, 15, 21))]
    on = plan(DeadlineKind.evidence_due, day, BERLIN, schedule=late, quiet=(22, 9))
    # The day-before one waits for 09:00; the on-the-day one would miss the deadline: 23:00.
    assert on == [(1, utc(2026, 6, 15, 7)), (0, utc(2026, 6, 15, 21))]


def test_quiet_hours_in_new_york_over_the_autumn_change() -> None:
    late = ReminderSchedule(hour=23, return_ship_days=(2, 1))
    planned = plan(
        DeadlineKind.return_ship_by, dt.date(2026, 11, 2), NEW_YORK, schedule=late, quiet=(22, 9)
    )
    # 23:00 on 31 Oct (EDT) waits for 09:00 on 1 Nov (EST); 23:00 on 1 Nov for 09:00 on 2 Nov.
    assert planned == [(2, utc(2026, 11, 1, 14)), (1, utc(2026, 11, 2, 14))]


def test_quiet_window_within_one_day() -> None:
    assert in_quiet_hours(utc(2026, 6, 1, 12), BERLIN, (13, 15))  # 14:00 local
    assert not in_quiet_hours(utc(2026, 6, 1, 14), BERLIN, (13, 15))
    moved = after_quiet_hours(utc(2026, 6, 1, 12), BERLIN, (13, 15), dt.date(2026, 6, 5))
    assert moved == utc(2026, 6, 1, 13)


def test_quiet_hours_hold_back_a_reminder_whose_deadline_has_passed() -> None:
    night = utc(2026, 6, 20, 1)  # 03:00 in Berlin, five days after the deadline
    moved = after_quiet_hours(night, BERLIN, (22, 9), dt.date(2026, 6, 15))
    assert moved == utc(2026, 6, 20, 7)  # 09:00 local
    # The deadline day ending between the night and the morning still sends it at once.
    last_night = utc(2026, 6, 15, 21)  # 23:00 on the deadline day
    assert after_quiet_hours(last_night, BERLIN, (22, 9), dt.date(2026, 6, 15)) == last_night


def test_snooze_is_tomorrow_at_the_reminder_hour_after_quiet_hours() -> None:
    now = utc(2026, 3, 28, 21, 30)  # 22:30 in Berlin, the night before the DST change
    later = dt.date(2026, 4, 5)
    due = snooze_until(now, zone=BERLIN, quiet_hours=(22, 9), hour=10, deadline_on=later)
    assert due == utc(2026, 3, 29, 8)
    night = snooze_until(now, zone=BERLIN, quiet_hours=(22, 9), hour=23, deadline_on=later)
    assert night == utc(2026, 3, 30, 7)  # 23:00 on the 29th waits for 09:00 on the 30th
    # A deadline already passed: nothing to wait for until tomorrow (walk AT: the seller's
    # answer, passed, came back every day as if still ahead).
    for kind in (None, DeadlineKind.seller_response_due):
        passed = snooze_until(
            now, zone=BERLIN, quiet_hours=(22, 9), hour=23, deadline_on=EARLY.date(), kind=kind
        )
        assert passed is None


def test_no_snooze_to_tomorrow_on_the_deadline_day() -> None:
    day = dt.date(2026, 6, 15)
    noon = utc(2026, 6, 15, 10)  # 12:00 in Berlin on the deadline day
    assert snooze_until(noon, zone=BERLIN, quiet_hours=None, hour=10, deadline_on=day) is None
    soon = snooze_today(noon, zone=BERLIN, quiet_hours=(22, 9), deadline_on=day)
    assert soon == utc(2026, 6, 15, 13)  # 15:00 local, still on the deadline day
    late = utc(2026, 6, 15, 20)  # 22:00: three hours later the deadline day is over, so the
    # last call, half an hour before its end (walk BA: "no time is left" with two hours to go)
    last_call = snooze_today(late, zone=BERLIN, quiet_hours=(22, 9), deadline_on=day)
    assert last_call == utc(2026, 6, 15, 21, 30)
    later = utc(2026, 6, 15, 21, 40)  # 23:40: within the last half hour, nothing more
    assert snooze_today(later, zone=BERLIN, quiet_hours=(22, 9), deadline_on=day) is None
    evening = utc(2026, 6, 15, 17)  # 19:00 -> 22:00, quiet, but the morning would be too late
    assert snooze_today(evening, zone=BERLIN, quiet_hours=(22, 9), deadline_on=day) == utc(
        2026, 6, 15, 20
    )


def test_parse_days() -> None:
    assert parse_days("7, 2,1,0") == (7, 2, 1, 0)
    assert parse_days("") == ()
    with pytest.raises(ValueError):
        parse_days("7,-1")
    with pytest.raises(ValueError):
        parse_days("seven")


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(min_value=dt.date(2026, 1, 10), max_value=dt.date(2027, 12, 31)),
    zone=st.sampled_from([BERLIN, NEW_YORK, ZoneInfo("Asia/Vladivostok")]),
    hour=st.integers(min_value=0, max_value=23),
    quiet=st.sampled_from([None, (22, 9), (0, 7), (13, 15)]),
)
def test_every_reminder_comes_before_its_deadline_ends(
    day: dt.date, zone: ZoneInfo, hour: int, quiet: tuple[int, int] | None
) -> None:
    """Before the deadline's day ends; a refund's week-after reminder (a negative offset) on
    that day after it, out of the quiet hours."""
    schedule = ReminderSchedule(hour=hour)
    for kind in DeadlineKind:
        for offset, due in plan(kind, day, zone, schedule=schedule, quiet=quiet):
            if offset < 0:
                assert kind in REFUND_DATES
                earliest = local_instant(day - offset * dt.timedelta(days=1), 0, zone)
                assert earliest <= due < earliest + dt.timedelta(days=1, hours=12)
                assert not in_quiet_hours(due, zone, quiet)
                continue
            end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
            assert EARLY <= due < end


@pytest.mark.parametrize("kind", sorted(NOT_THE_BUYERS, key=lambda k: k.value))
def test_tomorrow_on_the_day_of_a_date_the_buyer_need_not_meet(kind: DeadlineKind) -> None:
    """Walk X: on the day the seller's answer was due or the refund expected, "remind me
    tomorrow" said "tomorrow is too late" and offered three hours later; nothing is missed by
    waiting a day there, and the refund's reminder is the order's last."""
    day = dt.date(2026, 6, 15)
    noon = utc(2026, 6, 15, 10)  # 12:00 in Berlin on that day
    due = snooze_until(noon, zone=BERLIN, quiet_hours=None, hour=10, deadline_on=day, kind=kind)
    assert due == utc(2026, 6, 16, 8)  # 10:00 local tomorrow
    own = DeadlineKind.return_ship_by
    assert (
        snooze_until(noon, zone=BERLIN, quiet_hours=None, hour=10, deadline_on=day, kind=own)
        is None
    )


@pytest.mark.parametrize(
    ("ends_at", "quiet", "last_day_at"),
    [
        # Running out at 08:12: the day's 10:00 reminder would come after it (session 9's gap);
        # an hour before the end instead (walk CE: dropped), unless that is in quiet hours.
        ("08:12", None, "07:12"),
        ("08:12", (22, 9), None),
        ("10:19", (22, 9), "09:19"),
        # At 11:00 the 10:00 one is still an hour ahead of the end.
        ("11:00", None, "10:00"),
        ("10:30", None, "09:30"),
    ],
)
def test_a_protection_with_its_end_time_gets_no_reminder_after_it(
    ends_at: str, quiet: tuple[int, int] | None, last_day_at: str | None
) -> None:
    end = dt.date(2026, 3, 20)
    situation = in_transit(protection_ends_on=end, protection_ends_at=ends_at)
    planned = plan(DeadlineKind.protection_ends, end, BERLIN, situation=situation, quiet=quiet)
    assert [offset for offset, _due in planned][:3] == [7, 2, 1]
    last_day = [due for offset, due in planned if offset == 0]
    if last_day_at is None:
        assert last_day == []
    else:
        assert [due.astimezone(BERLIN).strftime("%H:%M") for due in last_day] == [last_day_at]


def test_a_snooze_never_comes_after_a_known_end() -> None:
    """The day before a protection running out at 08:12: "tomorrow" (10:00) is too late, and
    later today is offered instead while there is time."""
    end = dt.date(2026, 3, 20)
    latest = dt.datetime(2026, 3, 20, 7, 12, tzinfo=BERLIN)
    evening = dt.datetime(2026, 3, 19, 12, 0, tzinfo=BERLIN)
    tomorrow = snooze_until(
        evening, zone=BERLIN, quiet_hours=None, hour=10, deadline_on=end, latest=latest
    )
    assert tomorrow is None
    later = snooze_today(evening, zone=BERLIN, quiet_hours=None, deadline_on=end, latest=latest)
    assert later == evening + dt.timedelta(hours=3)
    # Three hours would pass the end: the last call, an hour before it (walk BA); none within
    # half an hour of that.
    night = dt.datetime(2026, 3, 20, 5, 0, tzinfo=BERLIN)
    assert (
        snooze_today(night, zone=BERLIN, quiet_hours=None, deadline_on=end, latest=latest) == latest
    )
    close = dt.datetime(2026, 3, 20, 6, 50, tzinfo=BERLIN)
    assert (
        snooze_today(close, zone=BERLIN, quiet_hours=None, deadline_on=end, latest=latest) is None
    )


def window_offsets(
    window: dt.date,
    situation: Situation,
    action: Action = Action.open_dispute,
    now: dt.datetime = EARLY,
) -> list[int]:
    """The days before the dispute window closes that an advice reminds (open the dispute)."""
    planned = plan(
        DeadlineKind.dispute_window_closes,
        window,
        BERLIN,
        situation=situation,
        action=action,
        now=now,
    )
    return [offset for offset, _due in planned]


def test_the_window_after_protection_is_also_reminded_on_its_first_day() -> None:
    """Walk CE: after the protection's last day, nothing for 12 days of a 15-day window. Walk C:
    saved the day after the end, the next reminder came 11 days later: while the advice is to
    open the dispute, its first two days, then one at most every four days."""
    ends = dt.date(2026, 6, 1)
    window = ends + dt.timedelta(days=15)
    after_protection = in_transit(protection_ends_on=ends.isoformat())
    assert window_offsets(window, after_protection) == [14, 13, 10, 6, 3, 1, 0]
    # Advice other than opening the dispute (rule 2 with no reason: ask the post office):
    # the first day and the window's last days only.
    assert window_offsets(window, after_protection, Action.contact_carrier) == [14, 3, 1, 0]
    # Counted from a confirmed receipt, the buyer was here that day: the window's own days.
    confirmed = Situation.model_validate(
        {
            "today": "2026-06-01",
            "received": True,
            "problem": "damaged",
            "protection_ends_on": "2026-07-01",
            "receipt_confirmed_on": ends.isoformat(),
        }
    )
    assert window_offsets(window, confirmed) == [3, 1, 0]


def test_saved_the_day_after_protection_ended_the_next_reminder_is_the_next_day() -> None:
    """Walk C: the buyer saves the order in the evening of the day after protection ended,
    told to open the dispute now: the next reminder comes the following morning."""
    ends = dt.date(2026, 6, 1)
    window = ends + dt.timedelta(days=15)
    evening = dt.datetime(2026, 6, 2, 19, 0, tzinfo=BERLIN)
    planned = plan(
        DeadlineKind.dispute_window_closes,
        window,
        BERLIN,
        situation=in_transit(protection_ends_on=ends.isoformat()),
        action=Action.open_dispute,
        now=evening.astimezone(UTC),
    )
    first_offset, first_due = planned[0]
    assert first_due == dt.datetime(2026, 6, 3, 10, 0, tzinfo=BERLIN)
    assert first_offset == 13
    gaps = [later - earlier for (_o, earlier), (_p, later) in itertools.pairwise(planned)]
    assert max(gaps) <= dt.timedelta(days=4)


def test_the_first_day_after_protection_follows_the_window_setting() -> None:
    from advisor.reminder_plan import wanted_offsets
    from advisor.timers import Timers

    situation = in_transit(protection_ends_on="2026-06-01")
    advice_now = advice(
        DeadlineKind.dispute_window_closes, dt.date(2026, 6, 11), Action.open_dispute
    )
    kind = DeadlineKind.dispute_window_closes
    timers = Timers(after_close_window_days=10)
    assert wanted_offsets(kind, advice_now, situation, timers=timers) == (9, 8, 5, 3, 1, 0)
