"""Dates as people type them in Russian or English, and the Buyer Protection timer."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from difflib import get_close_matches

from locales import N_

from .informal_dates import (
    DatePreference,
    informal_date,
    names_no_such_day,
    other_week,
    without_time_of_day,
)
from .month_parts import halves_as_whole_units, month_part, relative_month_part
from .numbers import NUMBER_IN_WORDS, read_count
from .result import Parsed, clean, failure, too_long

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
    "This date reads two ways: %(read)s (day first) or %(other)s (month first, as in the US)."
)
# "Next Friday" said on a Thursday (notes of 2026-12-03: read as tomorrow, unsaid): both days are
# offered to press, as a slash date's two readings are.
DATE_WEEK_IN_DOUBT = N_("This reads two ways: %(read)s or %(other)s, a week apart.")
# Walk CJ: "в начале ноября" was refused; it is read as the part's first day, and said so.
DATE_ROUGH = N_(
    "A month is read as its 1st, and its middle or end as the 10th or 20th, the earliest day it "
    "can mean, so that no deadline is counted too late. If you can, check the exact date on the "
    "order page and go back to type it."
)
# Walk CL: "about 5 weeks ago" went into the dispute text as "shipped on October 27" unsaid.
DATE_ESTIMATE = N_(
    "Noted: %(date)s, from your estimate. The deadlines and the dispute text count from it: if"
    " you can, check the exact date on the order page and go back to type it."
)
DATE_IN_THE_FUTURE = N_(
    "This date is still ahead, and I asked when it happened. Examples: yesterday; 12 days ago; "
    "March 15, 2026."
)


# A yearless date this far ahead, asked as a past one, is taken as ahead (see infer_year).
NEAR_FUTURE_DAYS = 60
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
# With the short forms people type in a chat ("3 wks ago", walk CL) and "днеи" for "дней"
# (a phone keyboard without "й", walk CK).
_UNITS = {
    **dict.fromkeys(("день", "дня", "дней", "днеи", "дн", "day", "days"), "day"),
    **dict.fromkeys(
        ("неделя", "неделю", "недели", "недель", "нед", "week", "weeks", "wk", "wks"), "week"
    ),
    **dict.fromkeys(
        ("месяц", "месяца", "месяцев", "мес", "month", "months", "mo", "mos", "mth", "mths"),
        "month",
    ),
    **dict.fromkeys(("год", "года", "лет", "year", "years", "yr", "yrs"), "year"),
}
# A count in digits or words, "двадцать пять" as one (walk CH).
_COUNT = rf"([0-9]{{1,5}}|{NUMBER_IN_WORDS}|[a-zа-я]{{1,12}})"
_AMOUNT = rf"(?:{_COUNT}\s+)?"
_UNIT = r"([a-zа-я]{2,8})\.?"
_RELATIVE = (
    (re.compile(r"(?:через|in)\s+" + _AMOUNT + _UNIT), 1),
    (re.compile(_AMOUNT + _UNIT + r"\s+(?:назад|ago)"), -1),
    (re.compile(_COUNT + r"\s+" + _UNIT), 0),
)

# A sentence's end after a word ("вчера.", "3 days ago!"); after digits a dot is the date's own.
_SENTENCE_END = re.compile(r"(?<=[a-zа-я])\s*[.!?;,]+\Z")
# "In about 3 weeks", "через примерно 3 недели" (walk of 2026-12-03: refused where "about 3 weeks"
# was read): the hedge inside a relative date.
_ESTIMATE_INSIDE = re.compile(
    r"(in|через)\s+(?:about|around|approximately|approx\.?|roughly|maybe|probably|примерно|около"
    r"|приблизительно|где-то|где то)\s+"
)
# "через месяц примерно" (notes of 2026-12-03: refused as no date).
_ESTIMATE_TAIL = re.compile(
    r"\s+(?:or so|or something|i think|probably|maybe|или около того|или так|примерно"
    r"|приблизительно|наверное|наверно|где-то|где то|вроде)\Z"
)
# Loose English for an amount or for "ago": "a couple of weeks back" is "2 weeks ago".
_LOOSE = (
    (re.compile(r"\b(?:a )?couple of\b"), "2"),
    (re.compile(r"\ba few\b"), "3"),
    (re.compile(r"\bback\Z"), "ago"),
    # Walk CD: "10 дней тому назад", an everyday form of "назад".
    (re.compile(r"\bтому назад\Z"), "назад"),
    # Walk CK: "месяц назат", as heard.
    (re.compile(r"\bназат\Z"), "назад"),
)
_INVERTED = re.compile(_UNIT + r"\s+" + _COUNT + r"\s+(назад|ago)")
# And "the" of "the 3rd of November" (walk of 2026-12-03: refused where "3rd of November" was read).
_PREFIX = re.compile(
    r"(?:(?:до|по|к|on|by|until|till|before)\s+)?the\s+|(?:до|по|к|on|by|until|till|before)\s+"
)
# What happened, told before the date ("заказывал 45 дней назад", "it was shipped 10 days ago",
# walk of 2026-12-03: refused as no date): the date is what follows.
_NARRATION = re.compile(
    r"(?:(?:i|it|he|she|they|we|the seller|seller|the parcel|the item|it was|was|has been|"
    r"я|он|она|они|мы|продавец|посылка|товар|заказ)\s+)*"
    r"(?:ordered|shipped|sent|received|arrived|came|got it|got|delivered|dispatched|paid|bought|"
    r"заказывала?|заказывали|заказала?|заказали|отправила?|отправили|отправлен[аоы]?|"
    r"получила?|получили|пришла|пришло|пришли|пришёл|пришел|оплатила?|оплатили|купила?|"
    r"купили|доставлен[аоы]?|доставили)"
    r"(?:\s+(?:it|them|the parcel|the item|the order|её|ее|его|их))?\s+"
)
# "About two weeks ago", "idk like 5 weeks ago", "~3 weeks ago", "ну где то месяц назад" (walks
# CK, CL: refused): a date given as an estimate is read as the date itself, and said so.
_ESTIMATE = re.compile(
    r"(?:(?:about|around|approximately|approx\.?|roughly|maybe|probably|like|idk|i think"
    r"|i guess|not sure|i'?m not sure|i don'?t know|dunno|примерно|около|где-то|где то"
    r"|приблизительно|наверное|наверно|вроде бы|вроде|типа|не знаю|незнаю|не помню|ну"
    r"|может быть|может|возможно)"
    r"(?:\s*[,.:-]\s*|\s+)|~\s*)+"
)
_SUFFIX = re.compile(
    r"(?:\s*(?:г|гг|год|года)\.?)?(?:,?\s*(?:в\s+|at\s+)?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?[.,;!]*\Z"
)
_ISO = re.compile(r"([0-9]{4})[-./]([0-9]{1,2})[-./]([0-9]{1,2})")
# Day first, as in Russia and most of Europe: 01/12/2026 is the 1st of December. The same mark
# both times; a space or a comma too, as typed on a phone's number pad ("15 11", walk CJ).
_NUMERIC = re.compile(r"([0-9]{1,2})([./-]|,\s?|\s)([0-9]{1,2})(?:\2([0-9]{4}|[0-9]{2}))?")
# A typo in a word of five letters or fewer could as well be another word ("вечер" is one
# letter from "вчера"); longer ones are read as the nearest month or day name ("октабря",
# "позавчира", walk CJ).
_TYPO_MIN_LENGTH = 6
_TYPO_CUTOFF = 0.8
_DAY_MONTH = re.compile(
    r"([0-9]{1,2})(?:-?(?:го|е|st|nd|rd|th))?\s*(?:of\s+)?([a-zа-я]{3,9})\.?(?:,?\s*([0-9]{4}))?"
)
_MONTH_DAY = re.compile(r"([a-zа-я]{3,9})\.?\s*([0-9]{1,2})(?:st|nd|rd|th)?(?:,?\s*([0-9]{4}))?")


def day_of(value: dt.date) -> dt.date:
    """The calendar day of a date, or of a datetime (a protection end read with its time)."""
    return value.date() if isinstance(value, dt.datetime) else value


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
            amount = read_count(amount_text)
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


def _without_prefix(text: str) -> str:
    """ "до 28-го", "by friday", "к пятнице": the day itself."""
    if (prefix := _PREFIX.match(text)) is not None:
        return text[prefix.end() :]
    return text


def _absolute(
    text: str, today: dt.date, prefer: DatePreference, earliest: dt.date, latest: dt.date
) -> Parsed[dt.date]:
    """An absolute date; a missing year is chosen by `prefer`."""
    text = _without_prefix(text)
    if (suffix := _SUFFIX.search(text)) is not None:
        text = text[: suffix.start()].strip()
    ambiguous = False
    if (match := _ISO.fullmatch(text)) is not None:
        year, month, day = (int(part) for part in match.groups())
    elif (match := _NUMERIC.fullmatch(text)) is not None:
        day, month = int(match.group(1)), int(match.group(3))
        if month > 12 >= day and "/" in text:
            # Only month first makes a date (12/20/2026, as in the US): that is what was meant.
            day, month = month, day
        # 12/05/2026 reads both ways with slashes (12 May, or December 5 in the US): ask.
        ambiguous = "/" in text and day != month and day <= 12 and month <= 12
        year_text = match.group(4)
        # Two-digit years are this century's: 01.12.26 is 2026.
        year = 0 if year_text is None else int(year_text) + (2000 if len(year_text) == 2 else 0)
    elif (match := _DAY_MONTH.fullmatch(text) or _MONTH_DAY.fullmatch(text)) is not None:
        first, second, year_text = match.groups()
        day_text, month_name = (first, second) if first.isdigit() else (second, first)
        month = _month_number(month_name)
        if month is None:
            return failure(DATE_UNREADABLE)
        day = int(day_text)
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


def _nearest_word(word: str, words: Iterable[str]) -> str | None:
    """The one of `words` a long enough `word` is a typo of, or None."""
    if len(word) < _TYPO_MIN_LENGTH:
        return None
    long_words = [known for known in words if len(known) >= _TYPO_MIN_LENGTH]
    found = get_close_matches(word, long_words, n=1, cutoff=_TYPO_CUTOFF)
    return found[0] if found else None


def _month_number(name: str) -> int | None:
    """The month a name or a typo of one names ("октабря"), or None."""
    if name in MONTHS:
        return MONTHS[name]
    nearest = _nearest_word(name, MONTHS) or _month_missing_a_letter(name)
    return None if nearest is None else MONTHS[nearest]


def _month_missing_a_letter(word: str) -> str | None:
    """The six-letter month name a five-letter word is with one letter left out ("ноябя"), or
    None: short enough for the general typo rule to refuse, but a dropped letter in a word
    placed as a month leaves no other reading (walk of 2026-12-03: "15 ноябя" refused)."""
    if len(word) != _TYPO_MIN_LENGTH - 1:
        return None
    for name in MONTHS:
        if len(name) == _TYPO_MIN_LENGTH and any(
            name[:i] + name[i + 1 :] == word for i in range(len(name))
        ):
            return name
    return None


def _named_day(text: str) -> str | None:
    """The named day ("вчера") the text is or is a typo of ("позавчира"), or None."""
    if text in _NAMED_DAYS:
        return text
    return _nearest_word(text, [name for name in _NAMED_DAYS if " " not in name])


def _month_part(
    text: str, today: dt.date, prefer: DatePreference, earliest: dt.date, latest: dt.date
) -> Parsed[dt.date] | None:
    """A part of a month ("в конце ноября") as its earliest day, with a word that it is
    rough; None when the text names no part of a month."""
    text = _without_prefix(text)
    if (relative := relative_month_part(text)) is not None:
        first_day, months = relative
        read = add_months(today.replace(day=first_day), months)
        return Parsed(value=read, warning=DATE_ROUGH) if read else failure(DATE_IMPOSSIBLE)
    part = month_part(text)
    if part is None:
        return None
    day, month_name, year_text = part
    month = _month_number(month_name)
    if month is None:
        return failure(DATE_UNREADABLE)
    if year_text is None:
        read = infer_year(day, month, today, prefer, earliest, latest)
    else:
        read = dt.date(int(year_text), month, day)
    if read is None:
        return failure(DATE_IMPOSSIBLE)
    return Parsed(value=read, warning=DATE_ROUGH)


def _day_first(read: dt.date, other: dt.date | None) -> Parsed[dt.date]:
    """A slash date read day first, with a warning naming the other reading to confirm (none
    when there is no other reading the question would take)."""
    if other is None:
        return Parsed(value=read)
    params = {"read": read.isoformat(), "other": other.isoformat()}
    return Parsed(value=read, warning=DATE_READ_DAY_FIRST, params=params)


def read_date(
    text: str, today: dt.date, prefer: DatePreference, earliest: dt.date, latest: dt.date
) -> Parsed[dt.date]:
    out_of_range = failure(
        DATE_OUT_OF_RANGE, earliest=earliest.isoformat(), latest=latest.isoformat()
    )
    # Walk CF: "10 дней назад." and "вчера!" were unreadable, as typed in a chat.
    text = _SENTENCE_END.sub("", text)
    if (told := _NARRATION.match(text)) is not None:
        text = text[told.end() :]
    estimated = False
    if (estimate := _ESTIMATE.match(text)) is not None:
        text, estimated = text[estimate.end() :], True
    if (inside := _ESTIMATE_INSIDE.match(text)) is not None:
        text, estimated = f"{inside[1]} {text[inside.end() :]}", True
    if (tail := _ESTIMATE_TAIL.search(text)) is not None:
        text, estimated = text[: tail.start()], True
    for loose, plain in _LOOSE:
        text = loose.sub(plain, text)
    text = halves_as_whole_units(text)
    if not text:
        # Blank (spaces, zero-width characters): the examples fit the question asked (walk Z).
        return failure(DATE_UNREADABLE_PAST if prefer == "past" else DATE_UNREADABLE)
    text = without_time_of_day(text)
    if (rough := _month_part(text, today, prefer, earliest, latest)) is not None:
        return _within(rough, today, prefer, earliest, latest)
    in_doubt: dt.date | None = None
    if (named := _named_day(text)) is not None:
        relative: dt.date | bool | None = add_days(today, _NAMED_DAYS[named])
    elif (informal := informal_date(bare := _without_prefix(text), today, prefer)) is not None:
        relative = informal
        in_doubt = other_week(bare, informal, today)
    elif names_no_such_day(bare, today):
        return failure(DATE_IMPOSSIBLE)
    else:
        relative = _relative(text, today, prefer)
    if relative is None:
        return out_of_range
    result = (
        Parsed(value=relative)
        if relative is not False
        else _absolute(text, today, prefer, earliest, latest)
    )
    result = _within(result, today, prefer, earliest, latest)
    if in_doubt is not None and result.value is not None and earliest <= in_doubt <= latest:
        params = {"read": result.value.isoformat(), "other": in_doubt.isoformat()}
        return Parsed(value=result.value, warning=DATE_WEEK_IN_DOUBT, params=params)
    if estimated and result.value is not None and result.warning is None:
        return Parsed(
            value=result.value, warning=DATE_ESTIMATE, params={"date": result.value.isoformat()}
        )
    return result


def hedged(text: str) -> bool:
    """Whether a date or a timer is said as an estimate: "about 20 days", "~20 дней",
    "в 3 недели примерно"."""
    text = _SENTENCE_END.sub("", text)
    return bool(
        _ESTIMATE.match(text) or _ESTIMATE_INSIDE.match(text) or _ESTIMATE_TAIL.search(text)
    )


# Warnings of a date that reads two ways, each held for the buyer to press the one meant; their
# params hold both readings, "read" (the value) and "other".
READS_TWO_WAYS = frozenset({DATE_READ_DAY_FIRST, DATE_WEEK_IN_DOUBT})


def _within(
    result: Parsed[dt.date],
    today: dt.date,
    prefer: DatePreference,
    earliest: dt.date,
    latest: dt.date,
) -> Parsed[dt.date]:
    """The date read if the question takes it, else the refusal that says why."""
    out_of_range = failure(
        DATE_OUT_OF_RANGE, earliest=earliest.isoformat(), latest=latest.isoformat()
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
    return read_date(clean(text), today, prefer, earliest, latest)
