"""A part of a month named instead of a day ("в начале ноября", "mid-November", "end of
October", walk CJ; "в начале месяца", "end of last month"), a month named by when it is ("в
прошлом месяце", "last month") and half units ("полтора месяца назад", "half a month ago")."""

from __future__ import annotations

import re

# The earliest day each part can mean: a date read too early makes every deadline counted from
# it early too, never one that has silently passed.
_PART_FIRST_DAY = {"start": 1, "middle": 10, "end": 20}
_RUSSIAN_PARTS = {
    **dict.fromkeys(("начале", "начало", "начала"), "start"),
    **dict.fromkeys(("середине", "середина", "середины", "серединке"), "middle"),
    **dict.fromkeys(("конце", "конец", "конца"), "end"),
}
_ENGLISH_PARTS = {
    **dict.fromkeys(
        ("early", "beginning of", "start of", "the beginning of", "the start of"), "start"
    ),
    **dict.fromkeys(("mid", "mid-", "middle of", "the middle of"), "middle"),
    **dict.fromkeys(("late", "end of", "the end of"), "end"),
}
_RUSSIAN = re.compile(
    r"(?:в\s+|во\s+|с\s+)?("
    + "|".join(_RUSSIAN_PARTS)
    + r")\s+([a-zа-я]{3,9})\.?(?:\s+([0-9]{4}))?"
)
_ENGLISH = re.compile(
    r"(?:in\s+|at\s+|around\s+)?("
    + "|".join(sorted(map(re.escape, _ENGLISH_PARTS), key=len, reverse=True))
    + r")\s*([a-z]{3,9})\.?(?:,?\s+([0-9]{4}))?"
)

# A month named by when it is, in months from the current one: after a part ("в конце прошлого
# месяца", "the end of last month") and alone ("в прошлом месяце", "last month").
_RUSSIAN_MONTHS_OF_PART = {
    **dict.fromkeys(("месяца", "этого месяца", "текущего месяца", "сего месяца"), 0),
    **dict.fromkeys(("прошлого месяца", "предыдущего месяца", "прошедшего месяца"), -1),
    **dict.fromkeys(("следующего месяца", "будущего месяца"), 1),
}
_ENGLISH_MONTHS_OF_PART = {
    **dict.fromkeys(("the month", "this month", "the current month", "the current"), 0),
    **dict.fromkeys(("last month", "the last month", "the previous month", "previous month"), -1),
    **dict.fromkeys(("next month", "the next month", "the coming month"), 1),
}
_MONTHS_ALONE = {
    **dict.fromkeys(("в этом месяце", "в текущем месяце", "этот месяц", "this month"), 0),
    **dict.fromkeys(("в прошлом месяце", "прошлый месяц", "в предыдущем месяце"), -1),
    **dict.fromkeys(("last month", "the previous month", "previous month"), -1),
    **dict.fromkeys(("в следующем месяце", "next month"), 1),
}


def _alternatives(words: dict[str, int] | dict[str, str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_RUSSIAN_RELATIVE = re.compile(
    rf"(?:в\s+|во\s+|с\s+)?({_alternatives(_RUSSIAN_PARTS)})\s+({_alternatives(_RUSSIAN_MONTHS_OF_PART)})"
)
_ENGLISH_RELATIVE = re.compile(
    rf"(?:in\s+|at\s+|around\s+)?({_alternatives(_ENGLISH_PARTS)})\s*(?:of\s+)?"
    rf"({_alternatives(_ENGLISH_MONTHS_OF_PART)})"
)

_AND_A_HALF = r"\b(?:(?:a|one)\s+)?{unit} and a half\b|\b(?:one and a half|1\.5) {unit}s\b"
# Half units, written as whole days or months the relative reading counts ("45 дней назад").
_HALVES = (
    (re.compile(r"\b(?:полтора|1[.,]5)\s+(?:месяца|мес\.?)(?![a-zа-я])"), "45 дней"),
    (re.compile(r"\b(?:полторы|1[.,]5)\s+недели\b"), "10 дней"),
    (re.compile(r"\b(?:полтора|1[.,]5)\s+года\b"), "18 месяцев"),
    (re.compile(r"\bпол[\s-]?месяца\b"), "15 дней"),
    (re.compile(r"\bпол[\s-]?года\b"), "6 месяцев"),
    (re.compile(r"\bпол[\s-]?недели\b"), "3 дня"),
    (re.compile(_AND_A_HALF.format(unit="month")), "45 days"),
    (re.compile(_AND_A_HALF.format(unit="week")), "10 days"),
    (re.compile(_AND_A_HALF.format(unit="year")), "18 months"),
    (re.compile(r"\bhalf a month\b"), "15 days"),
    (re.compile(r"\bhalf a year\b"), "6 months"),
    (re.compile(r"\bhalf a week\b"), "3 days"),
)  # fmt: skip


def halves_as_whole_units(text: str) -> str:
    """ "полтора месяца назад" as "45 дней назад": the relative reading counts whole units."""
    for half, whole in _HALVES:
        text = half.sub(whole, text)
    return text


def month_part(text: str) -> tuple[int, str, str | None] | None:
    """(first day of the part, month word, year or None) of a month part ("в конце ноября"),
    or None when the text names no part of a month."""
    for pattern, parts in ((_RUSSIAN, _RUSSIAN_PARTS), (_ENGLISH, _ENGLISH_PARTS)):
        if (match := pattern.fullmatch(text)) is not None:
            part, month_word, year = match.groups()
            return _PART_FIRST_DAY[parts[part.strip()]], month_word, year
    return None


def relative_month_part(text: str) -> tuple[int, int] | None:
    """(first day of the part, months from the current one) of a month named by when it is:
    "в начале месяца" (1, 0), "end of last month" (20, -1), "в прошлом месяце" (1, -1: a whole
    month is read as its earliest day); None when the text names no such month."""
    if text in _MONTHS_ALONE:
        return _PART_FIRST_DAY["start"], _MONTHS_ALONE[text]
    relative = (
        (_RUSSIAN_RELATIVE, _RUSSIAN_PARTS, _RUSSIAN_MONTHS_OF_PART),
        (_ENGLISH_RELATIVE, _ENGLISH_PARTS, _ENGLISH_MONTHS_OF_PART),
    )
    for pattern, parts, months in relative:
        if (match := pattern.fullmatch(text)) is not None:
            part, month = match.groups()
            return _PART_FIRST_DAY[parts[part.strip()]], months[month]
    return None
