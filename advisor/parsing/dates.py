"""Dates as people type them in Russian or English, and the Buyer Protection timer."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from locales import N_

from .numbers import NUMBER_WORDS
from .result import Parsed, clean, failure, too_long

DatePreference = Literal["past", "future", "nearest"]

DATE_UNREADABLE = N_("I could not read this date. Examples: December 1, 2026; in 12 days.")
DATE_IMPOSSIBLE = N_(
    "There is no such day in the calendar. Please check the day and the month, "
    "for example February 28, 2026."
)
DATE_UNREADABLE_PAST = N_(
    "I could not read this date. Examples: March 15, 2026; 12 days ago; yesterday."
)
DATE_OUT_OF_RANGE = N_("Please send a date between %(earliest)s and %(latest)s.")
DATE_READ_DAY_FIRST = N_(
    "I read this date day first, as %(read)s. If you meant %(other)s, type it with the month's "
    "name."
)
DATE_IN_THE_FUTURE = N_(
    "This date is still ahead, and I asked when it happened. Examples: yesterday; 12 days ago; "
    "March 15, 2026."
)
PROTECTION_UNREADABLE = N_(
    "I could not read when Buyer Protection ends. Send the date (December 1, 2026) or copy the "
    "timer from the order page, for example: 12 days 14 hours."
)

PROTECTION_ENDS_IN_THE_MORNING = N_(
    "Buyer Protection runs out on %(end)s at %(time)s, before that day's reminder, so I count"
    " %(date)s as the last day to act."
)
# A protection running out before this local time counts as ending the day before.
MORNING_ENDS = dt.time(12)

PROTECTION_PAST_DAYS = 180
# A yearless date this far ahead, asked as a past one, is taken as ahead (see infer_year).
NEAR_FUTURE_DAYS = 60
PROTECTION_FUTURE_DAYS = 200
DEFAULT_RANGE_MONTHS = 24


def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    soft = ("январ", "феврал", "", "апрел", "", "июн", "июл", "", "сентябр", "октябр", "ноябр")
    for number, stem in enumerate((*soft, "декабр"), start=1):
        if stem:
            names.update({stem + end: number for end in ("ь", "я", "е", "ю", "ем")})
    for stem, number in (("март", 3), ("август", 8)):
        names.update({stem + end: number for end in ("", "а", "е", "у", "ом")})
    names.update({"ма" + end: 5 for end in ("й", "я", "е", "ю", "ем")})
    short_ru = ("янв", "фев", "мар", "апр", "", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
    names.update({name: number for number, name in enumerate(short_ru, start=1) if name})
    names.update({"февр": 2, "сент": 9, "нояб": 11})
    english = (
        "january february march april may june july august september october november december"
    ).split()
    for number, name in enumerate(english, start=1):
        names[name] = number
        names[name[:3]] = number
    names["sept"] = 9
    return names


MONTHS = _month_names()

_NAMED_DAYS = {
    "сегодня": 0, "today": 0,
    "вчера": -1, "yesterday": -1,
    "завтра": 1, "tomorrow": 1,
    "позавчера": -2, "day before yesterday": -2, "the day before yesterday": -2,
    "послезавтра": 2, "day after tomorrow": 2, "the day after tomorrow": 2,
    # Vague, but what people type about the past; a week is as good a reading as any. (Not
    # "next week": a protection end read a day off would move the advice's deadlines.)
    "last week": -7, "a week ago": -7, "на прошлой неделе": -7, "на той неделе": -7,
}  # fmt: skip
_UNITS = {
    **dict.fromkeys(("день", "дня", "дней", "дн", "day", "days"), "day"),
    **dict.fromkeys(("неделя", "неделю", "недели", "недель", "нед", "week", "weeks"), "week"),
    **dict.fromkeys(("месяц", "месяца", "месяцев", "мес", "month", "months"), "month"),
    **dict.fromkeys(("год", "года", "лет", "year", "years"), "year"),
}
_AMOUNT = r"(?:([0-9]{1,5}|[a-zа-я]{1,7})\s+)?"
_UNIT = r"([a-zа-я]{2,8})\.?"
_RELATIVE = (
    (re.compile(r"(?:через|in)\s+" + _AMOUNT + _UNIT), 1),
    (re.compile(_AMOUNT + _UNIT + r"\s+(?:назад|ago)"), -1),
    (re.compile(r"([0-9]{1,5}|[a-zа-я]{1,7})\s+" + _UNIT), 0),
)

_ESTIMATE_TAIL = re.compile(r"\s+(?:or so|или около того|или так)\Z")
# Loose English for an amount or for "ago": "a couple of weeks back" is "2 weeks ago".
_LOOSE = (
    (re.compile(r"\b(?:a )?couple of\b"), "2"),
    (re.compile(r"\ba few\b"), "3"),
    (re.compile(r"\bback\Z"), "ago"),
)
_INVERTED = re.compile(_UNIT + r"\s+([0-9]{1,5}|[a-zа-я]{1,7})\s+(назад|ago)")
_PREFIX = re.compile(r"(?:до|по|к|on|by|until|till|before)\s+")
# "About two weeks ago": a date given as an estimate is read as the date itself.
_ESTIMATE = re.compile(
    r"(?:about|around|approximately|approx\.?|roughly|maybe|примерно|около|где-то|где то"
    r"|приблизительно|наверное)\s+"
)
_SUFFIX = re.compile(
    r"(?:\s*(?:г|гг|год|года)\.?)?(?:,?\s*(?:в\s+|at\s+)?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?[.,;!]*\Z"
)
_ISO = re.compile(r"([0-9]{4})[-./]([0-9]{1,2})[-./]([0-9]{1,2})")
# Day first, as in Russia and most of Europe: 01/12/2026 is the 1st of December.
_NUMERIC = re.compile(r"([0-9]{1,2})[./-]([0-9]{1,2})(?:[./-]([0-9]{4}|[0-9]{2}))?")
_DAY_MONTH = re.compile(
    r"([0-9]{1,2})(?:-?(?:го|е|st|nd|rd|th))?\s*(?:of\s+)?([a-zа-я]{3,9})\.?(?:,?\s*([0-9]{4}))?"
)
_MONTH_DAY = re.compile(r"([a-zа-я]{3,9})\.?\s*([0-9]{1,2})(?:st|nd|rd|th)?(?:,?\s*([0-9]{4}))?")

_TIMER_PART = re.compile(r"\s*(?:(?:and|и)\s+)?([0-9]{1,4})\s*([a-zа-я]{1,7})\.?,?")
_CLOCK_PART = re.compile(r"\s*([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")
_TIMER_TAIL = re.compile(r"\s*(?:left|remaining|to go|осталось|остается)?[\s.!]*")
_PAST_WORDS = re.compile(r"\b(?:ago|назад|прошл\w*|passed|expired|elapsed|истекл\w*|ended)\b")
# "-5 days", "минус 3 дня": time gone by, not left (walk Z: read as 5 days ahead).
_NEGATIVE = re.compile(r"[-−–]\s*$|\b(?:минус|minus)\b")
_TIMER_UNITS = {
    **dict.fromkeys(("д", "дн", "дня", "дней", "день", "сут", "суток", "d", "day", "days"), 0),
    **dict.fromkeys(("ч", "час", "часа", "часов", "h", "hr", "hrs", "hour", "hours"), 1),
    **dict.fromkeys(
        ("мин", "минута", "минуты", "минут", "m", "min", "mins", "minute", "minutes"), 2
    ),
    **dict.fromkeys(
        ("с", "сек", "секунда", "секунды", "секунд", "s", "sec", "secs", "second", "seconds"), 3
    ),
}


def add_days(day: dt.date, days: int) -> dt.date | None:
    """The date `days` after `day`, or None beyond the calendar's ends."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def add_months(day: dt.date, months: int) -> dt.date | None:
    """The same day `months` later (clamped to the month's end), or None beyond the calendar."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    return None


def _shift_clamped(day: dt.date, months: int) -> dt.date:
    shifted = add_months(day, months)
    if shifted is not None:
        return shifted
    return dt.date.min if months < 0 else dt.date.max


def infer_year(
    day: int,
    month: int,
    today: dt.date,
    prefer: DatePreference,
    earliest: dt.date = dt.date.min,
    latest: dt.date = dt.date.max,
) -> dt.date | None:
    """The date with this day and month whose year `prefer` picks around today; None if none.

    Years inside [earliest, latest] win over `prefer`: "1.12" typed in January as a protection
    end (at most 200 days ahead) is last December, not next.
    """
    every = []
    for year in range(today.year - 4, today.year + 5):
        try:
            every.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not every:
        return None
    candidates = [c for c in every if earliest <= c <= latest] or every
    past = [c for c in candidates if c <= today]
    future = [c for c in candidates if c >= today]
    if prefer == "past" and past:
        # A day a few weeks ahead ("1 December" typed on 30 November) was meant this year:
        # read as ahead (and refused as such), not moved a whole year back in silence.
        soon = [c for c in every if 0 < (c - today).days <= NEAR_FUTURE_DAYS]
        return min(soon) if soon else max(past)
    if prefer == "future" and future:
        return min(future)
    # Nearest, ties going to the future: a deadline is more useful than a memory.
    return min(candidates, key=lambda c: (abs((c - today).days), c < today))


def _relative(text: str, today: dt.date, prefer: DatePreference) -> dt.date | bool | None:
    """A relative date; False if the text is not one, None if it falls off the calendar."""
    if (inverted := _INVERTED.fullmatch(text)) is not None and inverted[1] in _UNITS:
        # "недели две назад": the Russian way of saying it is an estimate.
        text = f"{inverted[2]} {inverted[1]} {inverted[3]}"
    for pattern, direction in _RELATIVE:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        amount_text, unit_text = match.groups()
        unit = _UNITS.get(unit_text)
        if amount_text is None:
            amount: int | None = 1
        else:
            amount = int(amount_text) if amount_text.isdigit() else NUMBER_WORDS.get(amount_text)
        if unit is None or amount is None:
            return False
        if direction == 0:
            if prefer == "nearest":
                return False
            direction = 1 if prefer == "future" else -1
        amount *= direction
        if unit == "day":
            return add_days(today, amount)
        if unit == "week":
            return add_days(today, 7 * amount)
        return add_months(today, amount * (12 if unit == "year" else 1))
    return False


def _absolute(
    text: str, today: dt.date, prefer: DatePreference, earliest: dt.date, latest: dt.date
) -> Parsed[dt.date]:
    """An absolute date; a missing year is chosen by `prefer`."""
    if (prefix := _PREFIX.match(text)) is not None:
        text = text[prefix.end() :]
    if (suffix := _SUFFIX.search(text)) is not None:
        text = text[: suffix.start()].strip()
    ambiguous = False
    if (match := _ISO.fullmatch(text)) is not None:
        year, month, day = (int(part) for part in match.groups())
    elif (match := _NUMERIC.fullmatch(text)) is not None:
        day, month = int(match.group(1)), int(match.group(2))
        if month > 12 >= day and "/" in text:
            # Only month first makes a date (12/20/2026, as in the US): that is what was meant.
            day, month = month, day
        # 12/05/2026 reads both ways with slashes (12 May, or December 5 in the US): ask.
        ambiguous = "/" in text and day != month and day <= 12 and month <= 12
        year_text = match.group(3)
        # Two-digit years are this century's: 01.12.26 is 2026.
        year = 0 if year_text is None else int(year_text) + (2000 if len(year_text) == 2 else 0)
    elif (match := _DAY_MONTH.fullmatch(text) or _MONTH_DAY.fullmatch(text)) is not None:
        first, second, year_text = match.groups()
        day_text, month_name = (first, second) if first.isdigit() else (second, first)
        if month_name not in MONTHS:
            return failure(DATE_UNREADABLE)
        day, month = int(day_text), MONTHS[month_name]
        year = 0 if year_text is None else int(year_text)
    else:
        return failure(DATE_UNREADABLE)
    if year == 0:
        found = infer_year(day, month, today, prefer, earliest, latest)
        if found is None:
            return failure(DATE_IMPOSSIBLE)
        # The other reading gets its own year (01/12 in June: 1 Dec last year or 12 Jan), and
        # counts only if the question would take it (as with a year given, below).
        other = infer_year(month, day, today, prefer, earliest, latest) if ambiguous else None
        return _day_first(found, other if other and earliest <= other <= latest else None)
    try:
        read = dt.date(year, month, day)
    except ValueError:
        return failure(DATE_IMPOSSIBLE)
    other = dt.date(year, day, month) if ambiguous else None
    return _day_first(read, other if other and earliest <= other <= latest else None)


def _day_first(read: dt.date, other: dt.date | None) -> Parsed[dt.date]:
    """A slash date read day first, with a warning naming the other reading to confirm (none
    when there is no other reading the question would take)."""
    if other is None:
        return Parsed(value=read)
    params = {"read": read.isoformat(), "other": other.isoformat()}
    return Parsed(value=read, warning=DATE_READ_DAY_FIRST, params=params)


def _read_date(
    text: str, today: dt.date, prefer: DatePreference, earliest: dt.date, latest: dt.date
) -> Parsed[dt.date]:
    out_of_range = failure(
        DATE_OUT_OF_RANGE, earliest=earliest.isoformat(), latest=latest.isoformat()
    )
    if (estimate := _ESTIMATE.match(text)) is not None:
        text = text[estimate.end() :]
    text = _ESTIMATE_TAIL.sub("", text)
    for loose, plain in _LOOSE:
        text = loose.sub(plain, text)
    if not text:
        # Blank (spaces, zero-width characters): the examples fit the question asked (walk Z).
        return failure(DATE_UNREADABLE_PAST if prefer == "past" else DATE_UNREADABLE)
    if text in _NAMED_DAYS:
        relative: dt.date | bool | None = add_days(today, _NAMED_DAYS[text])
    else:
        relative = _relative(text, today, prefer)
    if relative is None:
        return out_of_range
    result = (
        Parsed(value=relative)
        if relative is not False
        else _absolute(text, today, prefer, earliest, latest)
    )
    if result.value is not None and not earliest <= result.value <= latest:
        other = result.params.get("other") if result.warning == DATE_READ_DAY_FIRST else None
        if other is not None and earliest <= dt.date.fromisoformat(other) <= latest:
            # 02/04/2026 asked as a past date in March: the day-first 2 April is ahead, the
            # month-first February 4 is the only reading the question takes.
            return Parsed(value=dt.date.fromisoformat(other))
        if prefer == "past" and latest <= today < result.value:
            return failure(DATE_IN_THE_FUTURE)  # a question about the past, answered ahead
        return out_of_range
    if result.error == DATE_UNREADABLE and prefer == "past":
        return failure(DATE_UNREADABLE_PAST)  # "in 12 days" is no example of a past date
    return result


def parse_date(
    text: str,
    today: dt.date,
    *,
    prefer: DatePreference = "nearest",
    earliest: dt.date | None = None,
    latest: dt.date | None = None,
) -> Parsed[dt.date]:
    """A date typed in Russian or English, absolute or relative to today, within the range."""
    if (refused := too_long(text)) is not None:
        return refused
    if earliest is None:
        earliest = _shift_clamped(today, -DEFAULT_RANGE_MONTHS)
    if latest is None:
        latest = _shift_clamped(today, DEFAULT_RANGE_MONTHS)
    return _read_date(clean(text), today, prefer, earliest, latest)


def timer_left(text: str) -> dt.timedelta | None:
    """The time left on a Buyer Protection timer ("12 дн 14 ч 10 мин", "12 d 14:10:05"); None
    if the text is not a timer."""
    first = next((i for i, ch in enumerate(text) if ch in "0123456789"), None)
    if first is None or first > 150 or _PAST_WORDS.search(text[:first]):
        return None
    if _NEGATIVE.search(text[:first]):
        return None
    position, last_rank, has_unit = first, -1, False
    amounts = [0, 0, 0, 0]  # days, hours, minutes, seconds
    while True:
        if (clock := _CLOCK_PART.match(text, position)) is not None and last_rank < 1:
            parts = [int(number) for number in clock.group(1, 2, 3) if number is not None]
            amounts[1 : 1 + len(parts)] = parts
            position, last_rank = clock.end(), 3
            continue
        part = _TIMER_PART.match(text, position)
        if part is None:
            break
        rank = _TIMER_UNITS.get(part.group(2))
        if rank is None or rank <= last_rank:
            return None
        amounts[rank] = int(part.group(1))
        position, last_rank, has_unit = part.end(), rank, True
    if not has_unit or _TIMER_TAIL.fullmatch(text, position) is None:
        return None
    days, hours, minutes, seconds = amounts
    return dt.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def last_day_to_act(ends_at: dt.datetime, today: dt.date) -> Parsed[dt.date]:
    """The day Buyer Protection counts as ending, from the local time it runs out.

    A protection running out before noon leaves its own day no time: that day's reminder (10:00
    by default) would come after the end, so the day before is the last day to act, with a
    warning saying so. Never before today: a protection ending this morning ends today.
    """
    day = ends_at.date()
    if ends_at.time() >= MORNING_ENDS or day <= today:
        return Parsed(value=day)
    params = {"end": day.isoformat(), "time": ends_at.strftime("%H:%M")}
    params["date"] = (day - dt.timedelta(days=1)).isoformat()
    return Parsed(
        value=day - dt.timedelta(days=1), warning=PROTECTION_ENDS_IN_THE_MORNING, params=params
    )


# "Extended by 15 days", "продавец продлил защиту на 30 дней", "+15 days": days added to the
# end as it was, not days left from today (walk N). Only with "by"/"на"/"+": "ещё 45 дней" or
# "another 45 days" is as often the time left now (walk S).
_EXTENDED_BY = re.compile(
    # With a word of extending anything may come before the number ("the seller extended it
    # 15 days", "продлили ещё 15 дней", walk T2); without one, only "by", "на" or "+".
    r"^(?:[^\d]*?\b(?:extended|extension|added|продл\w*|добав\w*)\b[^\d]*?|(?:by|на|\+)\s?)"
    r"(\d{1,3})\s?(?:more\s)?(?:days?|d|дн(?:ей|я)?|день|д|сут(?:ок|ки)?)\b\W*$"
)
# An extension named without the end it extends (the new-order questionnaire): no date.
PROTECTION_EXTENDED_BY = N_(
    "Please send the date Buyer Protection ends now, as the order page shows it after the"
    " extension, for example: December 25."
)


def parse_protection_end(
    text: str,
    today: dt.date,
    *,
    shown_earliest: dt.date | None = None,
    extended_from: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Parsed[dt.date]:
    """When Buyer Protection ends: a date, or the timer copied from the order page.

    `shown_earliest` is the first date the question can take (an extension: after the saved
    end): a date out of range is refused naming it, not the reader's own wider range, so the
    two refusals a user may meet on one question name the same dates. `extended_from` is the
    end before an extension: "extended by 15 days" counts from it. `now` is the user's local
    time: with it a timer's hours count, and a timer running out in the morning makes the day
    before the last day (`last_day_to_act`).
    """
    added = _EXTENDED_BY.match(clean(text)) if too_long(text) is None else None
    if added is not None and extended_from is None:
        return failure(PROTECTION_EXTENDED_BY)
    if added is not None and extended_from is not None:
        result = _extended(extended_from, int(added.group(1)), today)
    else:
        result = _protection_end(text, today, now)
    if shown_earliest is None or result.error != DATE_OUT_OF_RANGE:
        return result
    earliest = max(dt.date.fromisoformat(result.params["earliest"]), shown_earliest)
    latest = result.params["latest"]
    if earliest.isoformat() > latest:
        return result  # the saved end is beyond the reader's range: its own range stands
    return failure(DATE_OUT_OF_RANGE, earliest=earliest.isoformat(), latest=latest)


def _extended(before: dt.date, days: int, today: dt.date) -> Parsed[dt.date]:
    """The end `days` after the one extended, within the range a typed end may take (walk T2:
    "by 500 days" was taken, every reminder months late)."""
    earliest = add_days(today, -PROTECTION_PAST_DAYS) or dt.date.min
    latest = add_days(today, PROTECTION_FUTURE_DAYS) or dt.date.max
    end = add_days(before, days)
    if end is None or not earliest <= end <= latest:
        return failure(DATE_OUT_OF_RANGE, earliest=earliest.isoformat(), latest=latest.isoformat())
    return Parsed(value=end)


def _protection_end(text: str, today: dt.date, now: dt.datetime | None) -> Parsed[dt.date]:
    if (refused := too_long(text)) is not None:
        return refused
    earliest = add_days(today, -PROTECTION_PAST_DAYS) or dt.date.min
    latest = add_days(today, PROTECTION_FUTURE_DAYS) or dt.date.max
    cleaned = clean(text)
    result = _read_date(cleaned, today, "future", earliest, latest)
    if result.error != DATE_UNREADABLE:
        return _at_typed_time(result, cleaned, today)
    left = timer_left(cleaned)
    if left is not None:
        end = add_days(today, left.days)
        if end is None or not earliest <= end <= latest:
            return failure(
                DATE_OUT_OF_RANGE, earliest=earliest.isoformat(), latest=latest.isoformat()
            )
        if now is None:
            # Without the clock hours and minutes are dropped: never a day after the real end.
            return Parsed(value=end)
        return last_day_to_act(now.replace(tzinfo=None) + left, today)
    if ":" in cleaned:
        # "Buyer Protection ends on: 01.12.2026" — the date after the label.
        after_label = cleaned.rsplit(":", 1)[1].strip()
        result = _read_date(after_label, today, "future", earliest, latest)
        if result.error != DATE_UNREADABLE:
            return result
    return failure(PROTECTION_UNREADABLE)


_TYPED_TIME = re.compile(r"(?:\s|,|\bв|\bat)\s*([0-9]{1,2}):([0-9]{2})(?::[0-9]{2})?[.,;!]*\Z")


def _at_typed_time(result: Parsed[dt.date], text: str, today: dt.date) -> Parsed[dt.date]:
    """A date typed with the time it ends ("December 5, 08:00"): a morning end counts as the
    day before (see `last_day_to_act`), unless the date already waits to be confirmed."""
    typed = _TYPED_TIME.search(text)
    if not result.ok or result.warning is not None or typed is None or result.value is None:
        return result
    hour, minute = int(typed.group(1)), int(typed.group(2))
    if hour > 23 or minute > 59:
        return result
    return last_day_to_act(dt.datetime.combine(result.value, dt.time(hour, minute)), today)
