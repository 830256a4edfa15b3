"""Quantities, AliExpress order numbers and short free-text notes."""

from __future__ import annotations

import re

from locales import N_

from .result import MAX_INPUT, Parsed, clean, failure, too_long

QUANTITY_UNREADABLE = N_("I could not read the quantity. Send a whole number, for example 3.")
QUANTITY_OUT_OF_RANGE = N_("Please send a whole number from %(minimum)s to %(maximum)s.")
QUANTITY_OTHER_TOTAL = N_(
    "You ordered %(ordered)s, as you said earlier. How many of them came? For example: 2."
)
ORDER_UNREADABLE = N_(
    "I could not read the order number. It is 12 to 20 digits long and is shown on the order "
    "page, for example 8181234567890123."
)
NOTE_EMPTY = N_("The message is empty. Please write a few words.")
# Walk AM: "🎧🎧" as the item and "😡😡😡" as the details went into the English texts as they were.
NOTE_NO_WORDS = N_("Please write it in words: emoji or signs alone say nothing in a dispute.")
NOTE_TOO_LONG = N_("This is too long. Please shorten it. The maximum is %(limit)s characters.")
# For an appeal alone: the copy in the buyer's language keeps it (the support chat reads it),
# which the Russian catalog says; the English reader has no other copy (review BZ).
NOTE_NOT_ENGLISH_APPEAL = N_(
    "This is not in English, so the English appeal leaves it out. If it matters, type it in"
    " English."
)
# Typed to correct a saved order's note, where no "back" is left (walk CH).
NOTE_NOT_ENGLISH_CORRECTED = N_(
    "The texts I write for AliExpress and the seller are in English, so this will be left out "
    "of them. If you can, correct the note again in English with “✏️ Correct a detail”."
)
NOTE_NOT_ENGLISH = N_(
    "The texts I write for AliExpress and the seller are in English, so this will be left out "
    "of them. If you can, go back and type it in English."
)

# Small numbers people spell out ("через два дня", "two pieces"); also used by the date parser.
NUMBER_WORDS: dict[str, int] = {
    "ноль": 0, "zero": 0,
    "один": 1, "одна": 1, "одно": 1, "одну": 1, "one": 1, "a": 1, "an": 1,
    "два": 2, "две": 2, "пару": 2, "пара": 2, "two": 2, "couple": 2,
    "три": 3, "three": 3,
    "четыре": 4, "four": 4,
    "пять": 5, "five": 5,
    "шесть": 6, "six": 6,
    "семь": 7, "seven": 7,
    "восемь": 8, "eight": 8,
    "девять": 9, "nine": 9,
    "десять": 10, "ten": 10,
    # Walk CH: "на двадцать дней" was refused.
    "одиннадцать": 11, "eleven": 11,
    "двенадцать": 12, "twelve": 12,
    "тринадцать": 13, "thirteen": 13,
    "четырнадцать": 14, "fourteen": 14,
    "пятнадцать": 15, "fifteen": 15,
    "шестнадцать": 16, "sixteen": 16,
    "семнадцать": 17, "seventeen": 17,
    "восемнадцать": 18, "eighteen": 18,
    "девятнадцать": 19, "nineteen": 19,
}  # fmt: skip
# Tens, alone or before a unit: "двадцать пять", "twenty-five" (`read_count`).
TENS_WORDS: dict[str, int] = {
    "двадцать": 20, "twenty": 20,
    "тридцать": 30, "thirty": 30,
    "сорок": 40, "forty": 40,
    "пятьдесят": 50, "fifty": 50,
    "шестьдесят": 60, "sixty": 60,
    "семьдесят": 70, "seventy": 70,
    "восемьдесят": 80, "eighty": 80,
    "девяносто": 90, "ninety": 90,
}  # fmt: skip
NUMBER_WORDS.update(TENS_WORDS)
# What follows a tens word in a compound: the digits' words alone ("a", "пару" are not).
_UNIT_WORDS = {
    word: value
    for word, value in NUMBER_WORDS.items()
    if 1 <= value <= 9 and word not in ("a", "an", "пару", "пара", "couple")
}
# A number in words as one token a pattern can capture: "двадцать пять" before "двадцать".
NUMBER_IN_WORDS = "|".join(
    [
        rf"(?:{'|'.join(TENS_WORDS)})[\s-](?:{'|'.join(_UNIT_WORDS)})\b",
        *sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True),
    ]
)

# "None came" in words: the received-pieces question's own hint says "or 0 if none" (walk AE).
_NONE = frozenset(
    {
        "ни одной",
        "ни одного",
        "ни одну",
        "ни одна",
        "ни один",
        "ни штуки",
        "нисколько",
        "ничего",
        "none",
        "nothing",
    }
)

# Walks CI, CJ: "only 3", "got 3", "пришло 7", "всего 7", "3 came" were refused.
_COUNT_WORDS = (
    r"(?:(?:i\s)?(?:got|received|ordered)|only|just|пришл[оаи]|дошл[оаи]|получил[аи]?|только"
    r"|всего|лишь|заказал[аи]?|заказывал[аи]?)"
)
# Walk CK: "ну 5", "вроде 2 штуки из 5", "5 штук заказывала" were refused.
_HEDGE = (
    r"(?:ну|вроде(?:\s+бы)?|где-?\s?то|примерно|около|наверное|кажется|like|about|around"
    r"|maybe|probably|well|um)"
)
# Walk C: "3 cases", "2 pairs", "3 чехла" were refused: the count may name what it counts, in
# one word of three letters or more. Not a word joining two counts ("three or four"), a vague
# amount ("a few") or a weight or a length ("3 кг", "2 lbs"): no count of pieces.
_WHAT_COUNTED = (
    r"(?:(?!(?:and|или|либо|few|lbs|kgs|kilos?|grams?|грамм\w*|кило\w*|метр\w*|meters?|litres?"
    r"|liters?|литр\w*)\b)[a-zа-яё]{3,20})"
)
_QUANTITY = re.compile(
    rf"(?:(?:{_COUNT_WORDS}|{_HEDGE})[\s,]+)*"
    r"([-−]?\s*[0-9]+|[a-zа-я]{1,12})\s*"
    rf"(?:шт|штук[аи]?|pcs|pc|pieces?|units?|ед|x|х|{_WHAT_COUNTED})?\.?"
    r"(?:\s*(?:came|arrived|received|ordered|пришл[оаи]|дошл[оаи]|заказал[аи]?"
    r"|заказывал[аи]?|получил[аи]?))?[.!]?"
)
# "2 of 3", "2 из 3 шт", "got 2/3": the pieces that came and the pieces ordered (walk BY).
_PART_OF = re.compile(
    rf"(?:(?:(?:i )?(?:got|received|only|пришл[оаи]|получил[аи]?|только)|{_HEDGE})[\s,]*)*"
    r"([0-9]+|[a-zа-я]{1,12})\s*(?:шт|штук[аи]?|pcs|pc|pieces?)?\.?\s*"
    r"(?:out of|of|из|/)\s*([0-9]+|[a-zа-я]{1,12})\s*"
    r"(?:шт|штук|pcs|pc|pieces?|ordered|заказанных)?\.?"
)
# One label or several ("заказ № 8123…", which clean() makes "заказ no 8123…", review R).
# With "my … is" around it (walk of 2026-12-03: "order number is 8123…" was refused).
_ORDER_LABEL = re.compile(
    r"(?:(?:my|мой)\s+)?"
    r"(?:(?:(?:номер\s+)?заказа?|номер|order(?:\s+(?:id|no|number))?|number|№|#|no)\.?\s*[:#№]?\s*)+"
    r"(?:(?:is|это|-|—)\s+)?"
)
_ORDER_LINK = re.compile(
    # Only an order's page: an item's address ("/item/1005….html") has a number of its own.
    r"https?://\S*?order\S*?(?:[?&]order_?id=|/)([0-9]{12,20})(?![0-9])",
    re.IGNORECASE,
)
_ORDER_DIGITS = re.compile(r"[0-9](?:[0-9]|[ -](?=[0-9])){11,39}")
# The same range the texts check before leaving the buyer's own words out (advisor.texts.common).
_CYRILLIC = re.compile(r"[\u0400-\u052f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


# "2 не работают", "1 broken": the count with what it counts (third walk of 2026-12-03).
_FAULTY_TAIL = re.compile(
    r"\s+(?:из них\s+)?(?:не работа\w*|сломан\w*|битые|бракован\w*|broken|dead|faulty"
    r"|defective|(?:do|does)(?:n'?t| not) work|not working)\Z"
)
# "Все сломаны", "all of them": every piece that came.
_ALL_FAULTY = re.compile(
    r"(?:все|всё|все из них)\s+(?:сломаны|не работают|битые|бракованные)"
    r"|all(?: of them)?(?: are)?(?: broken| dead| faulty| defective)?|none (?:of them )?work"
    r"|ни одна не работает|ни один не работает"
)


def parse_faulty(text: str, *, ordered: int = 0) -> Parsed[int]:
    """How many of the `ordered` pieces that came do not work: a count ("1", "2 не работают",
    "1 of 3") or all of them ("все сломаны", "all of them")."""
    if (refused := too_long(text)) is not None:
        return refused
    cleaned = clean(text)
    if _ALL_FAULTY.fullmatch(cleaned.strip(" .!")):
        return Parsed(value=ordered)
    return parse_quantity(_FAULTY_TAIL.sub("", cleaned), ordered=ordered)


def parse_quantity(
    text: str, *, minimum: int = 0, maximum: int = 10_000, ordered: int | None = None
) -> Parsed[int]:
    """A whole number of items: "3", "3 шт", "3 pcs", "три", "three".

    "2 of 3" names the pieces that came of those ordered: asked how many came (`ordered`
    known), it is 2, if 3 is what was ordered; asked how many were ordered, it is 3.
    """
    if (refused := too_long(text)) is not None:
        return refused
    cleaned = clean(text)
    if cleaned.strip(" .!") in _NONE:
        cleaned = "0"
    if (parts := _part_of(cleaned)) is not None:
        came, total = parts
        if came is None or total is None:
            return failure(QUANTITY_UNREADABLE)
        if ordered is not None and total != ordered:
            return failure(QUANTITY_OTHER_TOTAL, ordered=str(ordered))
        value: int | None = total if ordered is None else came
    elif (match := _QUANTITY.fullmatch(cleaned)) is not None:
        value = read_count(match.group(1))
    else:
        return failure(QUANTITY_UNREADABLE)
    if value is None:
        return failure(QUANTITY_UNREADABLE)
    if not minimum <= value <= maximum:
        return failure(QUANTITY_OUT_OF_RANGE, minimum=str(minimum), maximum=str(maximum))
    return Parsed(value=value)


def part_that_came(text: str) -> int | None:
    """The pieces that came in "2 of 5" (None for any other answer)."""
    if too_long(text) is not None:
        return None
    parts = _part_of(clean(text))
    return parts[0] if parts is not None else None


def _part_of(cleaned: str) -> tuple[int | None, int | None] | None:
    """The counts of "2 of 5" (the part, the whole), each None if unreadable; None otherwise."""
    part_of = _PART_OF.fullmatch(cleaned)
    if part_of is None:
        return None
    return read_count(part_of.group(1)), read_count(part_of.group(2))


def read_count(token: str) -> int | None:
    """A count written in digits (maybe negative, to be refused as such) or in words, a
    compound of tens and a unit included ("двадцать пять", "twenty-five")."""
    token = token.replace("−", "-").replace(" ", "")
    if token.lstrip("-").isdigit():
        return int(token)
    words = token.split("-") if "-" in token else [token]
    if len(words) == 1:
        tens = next((word for word in TENS_WORDS if token.startswith(word)), None)
        words = [tens, token[len(tens) :]] if tens and token != tens else words
    if len(words) == 2 and words[0] in TENS_WORDS and words[1] in _UNIT_WORDS:
        return TENS_WORDS[words[0]] + _UNIT_WORDS[words[1]]
    return NUMBER_WORDS.get(token) if len(words) == 1 else None


def parse_order_number(text: str) -> Parsed[str]:
    """An AliExpress order number, 12 to 20 digits; spaces and a label like "Order ID:" allowed."""
    if (refused := too_long(text)) is not None:
        return refused
    cleaned = clean(text)
    if (link := _ORDER_LINK.search(cleaned)) is not None:
        cleaned = link[1]  # the order page's address, pasted as it is (walk AJ)
    label = _ORDER_LABEL.match(cleaned)
    if label is not None:
        cleaned = cleaned[label.end() :]
    if _ORDER_DIGITS.fullmatch(cleaned) is None:
        return failure(ORDER_UNREADABLE)
    digits = cleaned.replace(" ", "").replace("-", "")
    if not 12 <= len(digits) <= 20:
        return failure(ORDER_UNREADABLE)
    return Parsed(value=digits)


def parse_note(
    text: str,
    *,
    max_length: int = 500,
    english: bool = False,
    appeal: bool = False,
    correcting: bool = False,
) -> Parsed[str]:
    """Free text as typed, trimmed and without control characters; non-empty, at most max_length.

    With `english`, the note is meant for an English text: Cyrillic is kept, with a warning that
    the text will leave it out (`correcting`: a saved order's note, corrected again from its card).
    """
    if len(text) > max(MAX_INPUT, max_length):
        # Refused before any work on it, naming the note's own limit (walk AU: 1,000 first,
        # then 500 once trimmed to 1,000).
        return failure(NOTE_TOO_LONG, limit=str(max_length))
    note = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not note:
        return failure(NOTE_EMPTY)
    if not any(char.isalnum() for char in note):
        return failure(NOTE_NO_WORDS)
    if len(note) > max_length:
        return failure(NOTE_TOO_LONG, limit=str(max_length))
    if english and _CYRILLIC.search(note):
        if appeal:
            return Parsed(value=note, warning=NOTE_NOT_ENGLISH_APPEAL)
        warning = NOTE_NOT_ENGLISH_CORRECTED if correcting else NOTE_NOT_ENGLISH
        return Parsed(value=note, warning=warning)
    return Parsed(value=note)
