"""Dates typed the way people talk (walk AE): a weekday ("в пятницу", "last friday"), a day of
the month alone ("28-го", "28 числа", "the 28th") and a time of day after a named day
("вчера вечером", "yesterday evening")."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

# Which of two readings a date question takes (also advisor.parsing.dates').
DatePreference = Literal["past", "future", "nearest"]

_WEEKDAYS = {
    **dict.fromkeys(("понедельник", "понедельнику", "понедельника", "пн", "monday", "mon"), 0),
    **dict.fromkeys(("вторник", "вторнику", "вторника", "вт", "tuesday", "tue"), 1),
    **dict.fromkeys(("среда", "среду", "среде", "среды", "ср", "wednesday", "wed"), 2),
    **dict.fromkeys(("четверг", "четвергу", "четверга", "чт", "thursday", "thu"), 3),
    **dict.fromkeys(("пятница", "пятницу", "пятнице", "пятницы", "пт", "friday", "fri"), 4),
    **dict.fromkeys(("суббота", "субботу", "субботе", "субботы", "сб", "saturday", "sat"), 5),
    **dict.fromkeys(("воскресенье", "воскресенью", "воскресенья", "вс", "sunday", "sun"), 6),
}
# With the genitive of "до следующей пятницы" (until next Friday).
_PAST = ("прошлый", "прошлую", "прошлое", "прошлая", "прошлого", "прошлой", "last")
_NEXT = (
    "следующий", "следующую", "следующее", "следующая", "следующего", "следующей",
    "next", "this coming",
)  # fmt: skip
# "This Friday", "в эту пятницу": the coming one, today's weekday being today (not read before).
_THIS = ("this", "эту", "этот", "это", "эта")
# Words that leave a week's doubt when the day they name falls in this week: "next Friday"
# said on a Thursday is tomorrow to some and the Friday after to others.
_WEEK_IN_DOUBT = (*(word for word in _NEXT if word != "this coming"), *_PAST)
_WEEKDAY = re.compile(
    r"(?:(?:в|во|on)\s+)?(?:(" + "|".join(_PAST + _NEXT + _THIS) + r")\s+)?([a-zа-я]+)"
)
_WEEK = dt.timedelta(days=7)

_ORDINALS = {
    "первого": 1, "второго": 2, "третьего": 3, "четвёртого": 4, "четвертого": 4, "пятого": 5,
    "шестого": 6, "седьмого": 7, "восьмого": 8, "девятого": 9, "десятого": 10,
    "двадцатого": 20, "тридцатого": 30,
}  # fmt: skip
_DAY_ALONE = re.compile(
    r"(?:(?:on\s+)?the\s+)?([0-9]{1,2})(?:-?(?:го|е|st|nd|rd|th)(?:\s+числа)?|\s+числа)"
    r"|([a-zа-яё]+)(?:\s+числа)?"
)
# "The 3rd of last month", "3-го числа прошлого месяца" (walk of 2026-12-03: refused).
_DAY_OF_NEAR_MONTH = re.compile(
    r"([0-9]{1,2})(?:-?(?:го|е|st|nd|rd|th))?\s+(?:числа\s+)?(?:of\s+)?"
    r"(last|this|next|прошлого|этого|текущего|следующего)\s+(?:month|месяца)"
)
_MONTH_STEPS = {
    "last": -1, "прошлого": -1, "this": 0, "этого": 0, "текущего": 0, "next": 1, "следующего": 1,
}  # fmt: skip
_TIME_OF_DAY = re.compile(
    r"\s+(?:утром|днём|днем|вечером|ночью|in the morning|in the afternoon|in the evening"
    r"|at night|morning|afternoon|evening|night)\Z"
)


def without_time_of_day(text: str) -> str:
    """ "вчера вечером" is "вчера": the hour says nothing about the day."""
    return _TIME_OF_DAY.sub("", text)


def informal_date(text: str, today: dt.date, prefer: DatePreference) -> dt.date | None:
    """The date a weekday or a day of the month alone means, seen from `today`: the past one
    for a question about the past, the coming one about the future, else the nearer one."""
    if (weekday := _WEEKDAY.fullmatch(text)) is not None and weekday[2] in _WEEKDAYS:
        back = (today.weekday() - _WEEKDAYS[weekday[2]]) % 7 or 7
        ahead = (_WEEKDAYS[weekday[2]] - today.weekday()) % 7 or 7
        if weekday[1] in _PAST or (weekday[1] is None and prefer == "past"):
            return today - dt.timedelta(days=back)
        if weekday[1] in _THIS:
            return today + dt.timedelta(days=ahead % 7)
        if weekday[1] in _NEXT or prefer == "future" or ahead < back:
            return today + dt.timedelta(days=ahead)
        return today - dt.timedelta(days=back)
    if (near := _DAY_OF_NEAR_MONTH.fullmatch(text)) is not None:
        return _day_of_near_month(near, today)
    if (alone := _DAY_ALONE.fullmatch(text)) is not None:
        day = int(alone[1]) if alone[1] else _ORDINALS.get(alone[2] or "")
        if day is None or not 1 <= day <= 31:
            return None
        return _day_of_month(day, today, prefer)
    return None


def names_no_such_day(text: str, today: dt.date) -> bool:
    """Whether `text` names a day its month does not have: "the 31st of last month" in
    December (November has 30 days), so the buyer is told so, not "could not read"."""
    near = _DAY_OF_NEAR_MONTH.fullmatch(text)
    return near is not None and _day_of_near_month(near, today) is None


def _day_of_near_month(near: re.Match[str], today: dt.date) -> dt.date | None:
    """The day "the 3rd of last month" names, or None when that month has no such day."""
    year, month = divmod(today.month - 1 + _MONTH_STEPS[near[2]], 12)
    try:
        return dt.date(today.year + year, month + 1, int(near[1]))
    except ValueError:  # the 31st of a shorter month
        return None


def other_week(text: str, read: dt.date, today: dt.date) -> dt.date | None:
    """The same weekday a week after (for "next") or before (for "last") the one `informal_date`
    read, when that one falls in this week (Monday to Sunday) and so the words leave a doubt:
    "next Friday" on a Thursday may be tomorrow or eight days on. None for other texts."""
    weekday = _WEEKDAY.fullmatch(text)
    if weekday is None or weekday[2] not in _WEEKDAYS or weekday[1] not in _WEEK_IN_DOUBT:
        return None
    if read.isocalendar()[:2] != today.isocalendar()[:2]:
        return None
    return read - _WEEK if weekday[1] in _PAST else read + _WEEK


def _day_of_month(day: int, today: dt.date, prefer: DatePreference) -> dt.date | None:
    """The `day` of this month or the nearest month that has it, as `prefer` reads it: the last
    one (the 31st asked on March 10 is January 31, review AK), the next one, or the nearer."""
    past = _month_with(day, today, -1)
    coming = _month_with(day, today, 1)
    if prefer == "past":
        return past
    if prefer == "future":
        return coming
    found = [d for d in (past, coming) if d is not None]
    return min(found, key=lambda d: abs((d - today).days)) if found else None


def _month_with(day: int, today: dt.date, step: int) -> dt.date | None:
    """The `day` in this month or, going `step` months at a time, the first month that has it
    on the right side of today (within a year)."""
    for months in range(0, 13):
        year, month = divmod(today.month - 1 + step * months, 12)
        try:
            candidate = dt.date(today.year + year, month + 1, day)
        except ValueError:  # the 31st of a shorter month
            continue
        if (candidate <= today) if step < 0 else (candidate >= today):
            return candidate
    return None
