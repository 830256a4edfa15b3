"""The `.ics` file of an order's deadlines: one all-day event each, with alarms at the same
days and hour the bot's reminders use, so the phone reminds the user even without the bot."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from advisor import labels
from advisor.deadlines import time_of_day, upcoming
from advisor.models import Advice, Deadline, Situation
from advisor.reminder_plan import END_LEAD, ReminderSchedule, wanted_offsets
from advisor.timers import Timers
from handlers.reminder_message import what_to_do
from locales import Translator

PRODID = "-//aliexpress-dispute-bot//deadlines//EN"
UID_DOMAIN = "aliexpress-dispute-bot"


def build_ics(
    tr: Translator,
    *,
    order_id: int,
    name: str,
    advice: Advice,
    situation: Situation,
    schedule: ReminderSchedule,
    timers: Timers,
    today: dt.date,
    stamp: dt.datetime,
    zone: ZoneInfo | None = None,
) -> bytes:
    """The calendar file (UTF-8 bytes) holding every deadline of the order still ahead; with
    the user's `zone`, no alarm earlier than `stamp`.

    Each event's alarms are the days the bot itself reminds at still ahead (no "ask the seller
    to extend" alarm once that no longer applies), or one on the day when none is left.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    for deadline in upcoming(advice, today):
        summary = tr.gettext("%(what)s: %(order)s") % {
            "what": labels.deadline_text(tr, deadline.kind),
            "order": name,
        }
        event = Event()
        # One event per deadline of the order, whatever its date: a file added again after an
        # extension moves the event instead of adding a second one beside it (walk AB); the
        # later file's sequence is the higher.
        event.add("uid", f"order-{order_id}-{deadline.kind.value}@{UID_DOMAIN}")
        event.add("sequence", int(stamp.timestamp()))
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        # All-day events: the deadline is a date, and the phone shows it in the user's own zone.
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + dt.timedelta(days=1))
        event.add("summary", summary)
        # The date first: what to do speaks of "the day above", as in the reminder (walk BR).
        when = f"{labels.deadline_text(tr, deadline.kind)}: {tr.format_date(deadline.date)}"
        todo = what_to_do(tr, deadline.kind, deadline.date, deadline.date, timers, situation)
        event.add("description", f"{when}\n{todo}")
        event.add("transp", "TRANSPARENT")
        now = stamp.astimezone(zone).replace(tzinfo=None) if zone is not None else None
        triggers = _alarm_triggers(deadline, advice, situation, schedule, timers, today, now)
        for trigger in triggers:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", trigger)
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def _alarm_triggers(
    deadline: Deadline,
    advice: Advice,
    situation: Situation,
    schedule: ReminderSchedule,
    timers: Timers,
    today: dt.date,
    now: dt.datetime | None,
) -> list[dt.timedelta]:
    """When the event's alarms go off, from the start of its day: the bot's own reminder days
    still ahead (walk T: not those already gone; walk M: nor earlier today, local `now`), none
    after the time the protection runs out (walk K: 10:00 on a 07:50 end; one an hour before it
    instead), else one on the day."""
    offsets = wanted_offsets(deadline.kind, advice, situation, schedule=schedule, timers=timers)
    ahead = [o for o in offsets if deadline.date - dt.timedelta(days=o) >= today]
    triggers = [dt.timedelta(days=-o, hours=schedule.hour) for o in ahead]
    if now is not None:
        start = dt.datetime.combine(deadline.date, dt.time())
        triggers = [t for t in triggers if start + t > now]
    ends_at = time_of_day(deadline.kind, deadline.date, situation)
    if ends_at is not None:
        last = dt.timedelta(hours=ends_at.hour, minutes=ends_at.minute) - END_LEAD
        return [t for t in triggers if t <= last] or [max(last, dt.timedelta(0))]
    return triggers or [dt.timedelta(hours=schedule.hour)]
