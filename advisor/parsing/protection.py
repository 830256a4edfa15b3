"""When Buyer Protection ends: a date, the timer copied from the order page, or an extension."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from locales import N_

from .dates import (
    DATE_ESTIMATE,
    DATE_OUT_OF_RANGE,
    DATE_UNREADABLE,
    DATE_UNREADABLE_PAST,
    READS_TWO_WAYS,
    add_days,
    day_of,
    hedged,
    read_date,
)
from .numbers import NUMBER_IN_WORDS, read_count
from .result import Parsed, clean, failure, too_long

# No example date: a fixed one passes, and then the question refuses its own example (walk BP).
PROTECTION_UNREADABLE = N_(
    "I could not read when Buyer Protection ends. Copy the timer from the order page (for"
    " example: 12 days 14 hours) or type the end date."
)
# An extension named without the end it extends (the new-order questionnaire): no date.
PROTECTION_EXTENDED_BY = N_(
    "Please send the date Buyer Protection ends now, as the order page shows it after the"
    " extension, for example: December 25."
)
# A time typed after the date is read but not kept (see `_date`): said, with how to get it kept.
# Buyer Protection lasts 60 days, up to 90 extended (DOMAIN 1, seed 003).
PROTECTION_USUAL_DAYS = 90
PROTECTION_FAR_AHEAD = N_(
    "Noted: %(date)s. That is more than 90 days away, and Buyer Protection usually lasts 60 to"
    " 90 days: please check it, and if it is a typo, go back and type it again."
)
PROTECTION_TIME_NOT_KEPT = N_(
    "Noted: %(date)s, the day only. To be reminded before the hour Buyer Protection runs out,"
    " copy the timer from the order page instead, for example: 1 d 5 h 12 min."
)
# Protection over, without the day (walk AW: "уже истекла" was refused as unreadable, and the
# buyer's only way on, "I don't know", was advised to wait while the dispute window ran out).
PROTECTION_ENDED_WHEN = N_(
    "When did it end? Send the day, even roughly, for example: November 20 or 5 days ago. The"
    " time left to open a dispute is counted from it."
)
# Walk E: "about 2 weeks ago", typed for when protection ends (meaning when the parcel came),
# made the advice "protection has ended: open the dispute at once". A day already passed, read
# as a date, is held for the buyer to confirm (flow.CONFIRM_WARNINGS); said to have ended
# ("expired 5 days ago"), it is taken.
PROTECTION_PASSED = N_(
    "By this answer Buyer Protection has already ended, on %(date)s, and only a short time after"
    " it is left to open a dispute. The order page shows the day it ends: please check it."
)
PROTECTION_PAST_DAYS = 180
PROTECTION_FUTURE_DAYS = 200

_TIMER_PART = re.compile(r"\s*(?:(?:and|и)\s+)?([0-9]{1,4})\s*([a-zа-я]{1,7})\.?,?")
_CLOCK_PART = re.compile(r"\s*([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")
_TIMER_TAIL = re.compile(r"\s*(?:left|remaining|to go|осталось|остается)?[\s.!]*")
_PAST_WORDS = re.compile(r"\b(?:ago|назад|прошл\w*|passed|expired|elapsed|истекл\w*|ended)\b")
# "Уже истекла", "expired 5 days ago", "срок защиты истёк 20 ноября": what follows, if anything,
# is the day it ended. Read only where nothing else reads the answer: "over 12 days", "run out
# in 5 days" are time left (review AZ).
_ENDED = re.compile(
    r"^(?:it'?s\s+|it\s+|(?:the\s+)?(?:buyer\s+)?protection\s+"
    r"|(?:срок\s+|время\s+)?защит[аы]\s+(?:покупателя\s+)?)?"
    r"(?:(?:has|is|already|уже)\s+)*"
    r"(?:ended|expired|finished|r[au]n\s+out|закончил(?:ась|ось|ся)|кончил(?:ась|ось|ся)"
    r"|истекл[аио]?|ист[её]к|прошла|прошло|прош[её]л|вышл[оа]|вышел)\b(?:\s+(?:on|в)\b)?[\s,:.!-]*"
)
# "It's over", "уже всё": protection over, with nothing after (a number after "over" is time left).
_OVER = re.compile(
    r"^(?:it'?s\s+|it\s+is\s+|(?:the\s+)?(?:buyer\s+)?protection\s+is\s+)?(?:already\s+)?over[\s.!]*$"
)
# Words before the date an end is named by (what follows is read as a date).
_ENDS = re.compile(
    r"^(?:(?:the\s+)?(?:buyer\s+)?protection\s+|(?:срок\s+)?защит[аы]\s+(?:покупателя\s+)?)?"
    r"(?:ends|will\s+end|expires|will\s+expire|runs\s+out|is\s+valid\s+until|valid\s+until"
    r"|истекает|заканчивается|закончится|кончается|действует\s+до|до)\b(?:\s+(?:on|в))?[\s:,-]*"
)
# The end named after its date or time left ("через 3 дня заканчивается", "5 days it ends").
_ENDS_AFTER = re.compile(
    r"[\s,]+(?:(?:it|protection|buyer protection|защита|она)\s+)?(?:ends|will end|expires|runs out"
    r"|истекает|заканчивается|закончится|кончается|истечет)[\s.!]*\Z"
)
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
# "Extended by 15 days", "продавец продлил защиту на 30 дней", "+15 days": days added to the
# end as it was, not days left from today (walk N). Only with "by"/"на"/"+": "ещё 45 дней" or
# "another 45 days" is as often the time left now (walk S).
_EXTENDED_BY = re.compile(
    # With a word of extending anything may come before the number ("the seller extended it
    # 15 days", "продлили ещё 15 дней", walk T2); without one, only "by", "на" or "+".
    r"^(?:[^\d]*?\b(?:extended|extension|added|продл\w*|добав\w*)\b[^\d]*?|(?:by|на|\+)\s?)"
    # The count in digits or words (walk CF: "на две недели" read as one week); none only right
    # after "на", "by", "+" or as "a"/"one" ("на неделю", "by a week"), for one unit.
    rf"(?:(\d{{1,3}}|{NUMBER_IN_WORDS})\s?|(?:a|an|one|одну)\s|(?<=\bна\s)|(?<=\bby\s)|(?<=\+))"
    # Walk CD: "на 2 недели", "на неделю", "by a week" were refused; a week is seven days.
    r"(?:more\s)?"
    r"(days?|d|дн(?:ей|я)?|день|д|сут(?:ок|ки)?|weeks?|w|недел[юиь]|недель|нед)\b\W*$"
)
# "15 more days", "15 days more": as "ещё 15 дней", the time left now (walk of 2026-12-03:
# "he said 15 more days" was unreadable).
_MORE = re.compile(
    r"\b(?P<count>\d{1,3})\s+(?:more\s+(?P<unit>days?|weeks?|hours?)\b"
    r"|(?P<after>days?|weeks?|hours?)\s+more\b)",
    re.IGNORECASE,
)
# A unit that names one of it: the only ones read without a count.
_ONE_UNIT = frozenset({"day", "d", "день", "д", "week", "w", "неделю", "неделя", "нед"})
# "Продавец продлил защиту до 5 декабря", "extended to December 5": the new end's date.
_EXTENDED_TO = re.compile(
    r"(?:(?:the\s)?seller\s|продавец\s)?(?:has\s)?(?:extended|продлил\w*)"
    r"(?:\s(?:it|the protection|protection|защиту|ее|её))?\s(?:до|по|to|until|till)\s"
)
_WEEK_UNITS = frozenset({"week", "weeks", "w", "неделю", "недели", "неделя", "недель", "нед"})


def _days_added(added: re.Match[str]) -> int | None:
    """The days an extension adds: "15 days" is 15, "две недели" 14, "a week" 7; None for a
    count it cannot tell ("на дней")."""
    written, unit = added.group(1), added.group(2)
    if written is None:
        count: int | None = 1 if unit in _ONE_UNIT else None
    else:
        count = read_count(written)
    if count is None:
        return None
    return count * 7 if unit in _WEEK_UNITS else count


# A time after the date ("December 5, 08:00", "5 декабря в 08:00", "Dec 5, 8:00 PM", "Dec 5 at
# 8 pm"): when it runs out that day.
_TYPED_TIME = re.compile(
    r"(?:\s|,)\s*(?:(?:в|at)\s+)?([0-9]{1,2})(?::([0-9]{2})(?::[0-9]{2})?)?"
    r"\s*(am|pm|a\.m\.|p\.m\.)?[.,;!]*\Z"
)


class Timer(NamedTuple):
    """The time left on a timer, and whether it was given finer than in days ("12 d 00:00:00"
    runs out at this time of day in 12 days; "12 дней" names a day)."""

    left: dt.timedelta
    to_the_minute: bool


def timer_left(text: str) -> Timer | None:
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
            if parts[0] > 23 or any(part > 59 for part in parts[1:]):
                return None  # "1 d 99:99": a typo, not a time left (review J)
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
    left = dt.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    return Timer(left, to_the_minute=last_rank > 0)


def parse_protection_end(
    text: str,
    today: dt.date,
    *,
    shown_earliest: dt.date | None = None,
    extended_from: dt.date | None = None,
    now: dt.datetime | None = None,
    after_extension: bool = False,
) -> Parsed[dt.date]:
    """When Buyer Protection ends: a date, or the timer copied from the order page.

    The value is a `datetime` (local, naive) when the time it runs out is known: a timer read
    with `now` (the user's local time, aware); else a `date`.
    `shown_earliest` is the first date the question can take (an extension: after the saved
    end): a date out of range is refused naming it, not the reader's own wider range, so the
    two refusals a user may meet on one question name the same dates. `extended_from` is the
    end before an extension (a datetime when its time is known): "extended by 15 days" counts
    from it. `after_extension`: the end after the seller extended it, where "it has ended" alone
    is no answer (walk AX: asked for the day, which the extension then refused as too early).
    """
    text = _MORE.sub(lambda more: f"{more['count']} {more['unit'] or more['after']}", text)
    added = _EXTENDED_BY.match(clean(text)) if too_long(text) is None else None
    days = _days_added(added) if added is not None else None
    if days is not None and extended_from is None:
        return failure(PROTECTION_EXTENDED_BY)
    if days is not None and extended_from is not None:
        result = _extended(extended_from, days, today)
    else:
        result = _protection_end(text, today, now)
    if after_extension and result.error == PROTECTION_ENDED_WHEN:
        # "Expired" with no day, where the end after an extension is asked: the day it ended
        # is an answer (walk BA), the bare word is not.
        return failure(PROTECTION_EXTENDED_BY)
    if shown_earliest is None or result.error != DATE_OUT_OF_RANGE:
        return _far_ahead_noted(result, today)
    earliest = max(dt.date.fromisoformat(result.params["earliest"]), shown_earliest)
    latest = result.params["latest"]
    if earliest.isoformat() > latest:
        return result  # the saved end is beyond the reader's range: its own range stands
    return failure(DATE_OUT_OF_RANGE, earliest=earliest.isoformat(), latest=latest)


def _far_ahead_noted(result: Parsed[dt.date], today: dt.date) -> Parsed[dt.date]:
    """An end further ahead than protection usually lasts, read back with a word to check it
    (walks CB, CC: "in 200 days", a typo, was noted without a question, every reminder months
    late); taken all the same, as a seller may extend it more than once."""
    if not result.ok or result.value is None or result.warning is not None:
        return result
    if (day_of(result.value) - today).days <= PROTECTION_USUAL_DAYS:
        return result
    params = {"date": day_of(result.value).isoformat()}
    return Parsed(value=result.value, warning=PROTECTION_FAR_AHEAD, params=params)


def _range(today: dt.date) -> tuple[dt.date, dt.date]:
    earliest = add_days(today, -PROTECTION_PAST_DAYS) or dt.date.min
    latest = add_days(today, PROTECTION_FUTURE_DAYS) or dt.date.max
    return earliest, latest


def _out_of_range(earliest: dt.date, latest: dt.date) -> Parsed[dt.date]:
    return failure(DATE_OUT_OF_RANGE, earliest=earliest.isoformat(), latest=latest.isoformat())


def _extended(before: dt.date, days: int, today: dt.date) -> Parsed[dt.date]:
    """The end `days` after the one extended, within the range a typed end may take (walk T2:
    "by 500 days" was taken, every reminder months late)."""
    earliest, latest = _range(today)
    end = add_days(before, days)  # a datetime (the end's time kept) when `before` is one
    if end is None or not earliest <= day_of(end) <= latest:
        return _out_of_range(earliest, latest)
    return Parsed(value=end)


def _protection_end(text: str, today: dt.date, now: dt.datetime | None) -> Parsed[dt.date]:
    """The end from a timer or a date, or from a protection said to be over ("уже истекла",
    "expired 5 days ago"): the day it ended, or a question for it."""
    if (refused := too_long(text)) is not None:
        return refused
    earliest, latest = _range(today)
    cleaned = clean(text)
    if (extended_to := _EXTENDED_TO.match(cleaned)) is not None:
        cleaned = cleaned[extended_to.end() :]  # "продлили до 5 декабря": the date (walk CD)
    result = _end_ahead(cleaned, today, now, earliest, latest)
    if result.error != PROTECTION_UNREADABLE:
        return _passed_held(result, today)
    if _OVER.match(cleaned):
        return failure(PROTECTION_ENDED_WHEN)
    if (ended := _ENDED.match(cleaned)) is None:
        return result
    day = cleaned[ended.end() :].strip()
    if not day:
        return failure(PROTECTION_ENDED_WHEN)
    result = read_date(day, today, "past", earliest, today)
    return failure(PROTECTION_ENDED_WHEN) if result.error == DATE_UNREADABLE_PAST else result


def _passed_held(result: Parsed[dt.date], today: dt.date) -> Parsed[dt.date]:
    """An end read as a day already passed, with the word that holds it for confirmation.

    Not a slash date that reads two ways: its question of which date comes first (walk of
    2026-12-03: "12/11", December 11 in the US, was held as "protection already ended on
    November 12", and the buyer who pressed "It is correct" was told it was too late). The
    reading picked is then read back with this word if it has passed."""
    if result.warning in READS_TWO_WAYS:
        return result
    if not result.ok or result.value is None or day_of(result.value) >= today:
        return result
    params = {"date": day_of(result.value).isoformat()}
    return Parsed(value=result.value, warning=PROTECTION_PASSED, params=params)


def _end_ahead(
    cleaned: str, today: dt.date, now: dt.datetime | None, earliest: dt.date, latest: dt.date
) -> Parsed[dt.date]:
    """The end read as a timer or a date, as the order page or the buyer gives it."""
    timer = timer_left(cleaned)
    if timer is not None:
        result = _timer_end(timer, today, now, earliest, latest)
        if hedged(cleaned) and result.ok and result.warning is None and result.value is not None:
            # Walk of 2026-12-03: "about 20 days", "около 20 дней" were read as the order
            # page's timer, and nothing marked them as an estimate.
            params = {"date": day_of(result.value).isoformat()}
            return Parsed(value=result.value, warning=DATE_ESTIMATE, params=params)
        return result
    result = _date(cleaned, today, earliest, latest)
    if result.error != DATE_UNREADABLE:
        return result
    if (ends := _ENDS.match(cleaned)) is not None and ends.end() < len(cleaned):
        # "Ends December 25", "истекает 5 декабря", "защита до 25.12" (walk BA: unreadable).
        result = _date(cleaned[ends.end() :], today, earliest, latest)
        if result.error != DATE_UNREADABLE:
            return result
    if (tail := _ENDS_AFTER.search(cleaned)) is not None and tail.start() > 0:
        # "через три дня заканчивается", "in 3 days it ends" (walk CM: unreadable).
        result = _end_ahead(cleaned[: tail.start()], today, now, earliest, latest)
        if result.ok:
            return result
    # "Buyer Protection ends on: 01.12.2026" — the date after the label: after its last colon,
    # or its first when a time follows the date ("…: 01.12.2026 08:00", review J).
    for after_label in dict.fromkeys((cleaned.rsplit(":", 1)[-1], cleaned.split(":", 1)[-1])):
        if after_label == cleaned:
            continue
        result = _date(after_label.strip(), today, earliest, latest)
        if result.error != DATE_UNREADABLE:
            return result
    return failure(PROTECTION_UNREADABLE)


def _date(text: str, today: dt.date, earliest: dt.date, latest: dt.date) -> Parsed[dt.date]:
    """A date, also with a time after it ("December 5, 08:00", "Dec 5, 8:00 PM": walk K, the
    bot's own English times were refused). The time is read but not kept: it is the clock of the
    buyer's own zone, which the bot may not know yet (review L: moved with a zone chosen later,
    it landed hours off); only a timer gives the instant."""
    day_text = _before_typed_time(text)
    if day_text is not None:
        dated = read_date(day_text, today, "future", earliest, latest)
        if dated.ok and dated.value is not None and dated.warning is None:
            # Walk M: dropped without a word, a morning end's reminder came after it.
            params = {"date": day_of(dated.value).isoformat()}
            return Parsed(value=dated.value, warning=PROTECTION_TIME_NOT_KEPT, params=params)
        if dated.ok:
            return dated
    return read_date(text, today, "future", earliest, latest)


def _before_typed_time(text: str) -> str | None:
    """The text before a valid time of day at its end, or None without one."""
    typed = _TYPED_TIME.search(text)
    if typed is None:
        return None
    hour, minute, half = int(typed.group(1)), int(typed.group(2) or 0), typed.group(3)
    if typed.group(2) is None and half is None:
        return None  # "December 5": a day, not a time
    if half is not None and not 1 <= hour <= 12:
        return None
    if hour > 23 or minute > 59:
        return None
    return text[: typed.start()].strip()


def _timer_end(
    timer: Timer, today: dt.date, now: dt.datetime | None, earliest: dt.date, latest: dt.date
) -> Parsed[dt.date]:
    """The end a timer shows: with the clock, the local time it runs out (counted in absolute
    time, so a daylight-saving change between now and then is kept); without, today plus its
    whole days (never a day after the real end). Whole days alone ("12 дней", "in 5 days") are
    a date, as typed: no time of day to read from them."""
    left = timer.left
    if now is None or not timer.to_the_minute:
        end: dt.date | None = add_days(today, left.days)
    else:
        try:
            if now.tzinfo is None:
                ends_at = now + left
            else:
                ends_at = (now.astimezone(dt.UTC) + left).astimezone(now.tzinfo)
        except OverflowError:
            return _out_of_range(earliest, latest)
        end = ends_at.replace(tzinfo=None, second=0, microsecond=0)
    if end is None or not earliest <= day_of(end) <= latest:
        return _out_of_range(earliest, latest)
    return Parsed(value=end)
