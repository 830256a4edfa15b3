"""Tracking numbers: UPU S10 with its check digit, Cainiao, YunExpress, long numeric codes."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from locales import N_

from .result import Parsed, clean, failure, too_long

TRACKING_UNREADABLE = N_(
    "I could not read the tracking number. Copy it from the order page: letters and digits, "
    "for example RB123456785GB or LP00123456789012."
)
TRACKING_CHECK_DIGIT = N_(
    "The check digit of this tracking number does not match, so there may be a typo. "
    "Please compare it with the order page."
)
# The number as kept is named: a word glued to it shows (walk CJ: "трек LP…" kept as "TPEKLP…").
TRACKING_UNKNOWN_FORMAT = N_(
    "I do not recognise the format of this tracking number: %(number)s. I have kept it, but"
    " please check that it was copied in full and nothing else was added."
)

Carrier = Literal["s10", "cainiao", "yunexpress", "numeric", "unknown"]

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_S10 = re.compile(r"[A-Z]{2}[0-9]{9}[A-Z]{2}")
_CAINIAO = re.compile(r"LP[0-9]{14}")
_YUNEXPRESS = re.compile(r"YT[0-9]{16}")
_NUMERIC = re.compile(r"[0-9]{10,30}")
_ALLOWED = re.compile(r"(?=[A-Z]*[0-9])[A-Z0-9]{8,40}")
# An unknown format is kept only when it looks like a number at all: "10 days ago" is not one.
MIN_UNKNOWN_DIGITS = 6
# Walk AU: a number pasted twice was joined into one unknown number, kept with a warning.
TRACKING_SEVERAL = N_(
    "I see several tracking numbers here. Please send the one of this parcel only."
)
_BETWEEN_NUMBERS = re.compile(r"[\s,;/]+")
_JOINING = frozenset({"and", "or", "и", "или", "&"})
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_]+")
# Russian keyboards give Cyrillic letters that look Latin: "РО123456785СN" is meant as "PO…CN".
_LOOKALIKES = str.maketrans("АВЕКМНОРСТУХ", "ABEKMHOPCTYX")


class TrackingNumber(BaseModel):
    """A tracking number in its canonical form and the format it was recognised as."""

    model_config = ConfigDict(frozen=True)

    number: str
    carrier: Carrier
    s10_check_ok: bool | None = None


def s10_check_digit(serial: str) -> int:
    """The UPU S10 check digit of an eight-digit serial number (DOMAIN.md section 7)."""
    remainder = sum(int(d) * w for d, w in zip(serial, S10_WEIGHTS, strict=True)) % 11
    check = 11 - remainder
    return {10: 0, 11: 5}.get(check, check)


def normalize_tracking(text: str) -> str:
    """Upper case, Latin letters, no spaces or dashes, no "Tracking number:" label."""
    cleaned = clean(text).rsplit(":", 1)[-1].lstrip("#")
    return _SEPARATORS.sub("", cleaned).upper().translate(_LOOKALIKES)


def _known(number: str) -> bool:
    return any(form.fullmatch(number) for form in (_S10, _CAINIAO, _YUNEXPRESS, _NUMERIC))


def _known_numbers(text: str, whole: str) -> list[str]:
    """The numbers of a text holding two or more, each of a known format ("RB123456785GB
    RB123456785GB", "LP… and LP…", one pasted twice without a space); empty for anything else
    (one number, spaced out in groups or not). `whole` is the text as one number."""
    parts = _BETWEEN_NUMBERS.split(clean(text).rsplit(":", 1)[-1])
    numbers = [normalize_tracking(part) for part in parts if part and part not in _JOINING]
    known = [number for number in numbers if _known(number)]
    # Digit groups that differ are one long code written in parts (walk BB: "12345678901
    # 23456789012" refused as two numbers), not two numbers.
    split_code = len(set(known)) > 1 and all(_NUMERIC.fullmatch(number) for number in known)
    if len(known) >= 2 and len(known) == len(numbers) and not split_code:
        return known
    half = len(whole) // 2
    if len(whole) % 2 == 0 and whole[:half] == whole[half:] and _known(whole[:half]):
        return [whole[:half]]  # pasted twice, glued
    return []


# Words that say what the number is, typed before it without a colon (walk CJ).
_LABEL_WORDS = frozenset(
    {"трек", "трек-номер", "трекномер", "номер", "отслеживания", "посылки", "вот", "мой",
     "track", "tracking", "number", "no", "nr", "is", "my", "here", "the", "it's", "its"}
)  # fmt: skip


def _after_words(text: str) -> str | None:
    """The number after words that say what it is ("трек LP…", "вот RB…", "my tracking number
    is 1234567890"), which were glued to it (walk CJ: "трек LP…" kept as "TPEKLP…"); None when
    there are none. Other words before a number of a known format go too ("посылка RB…"), but
    not two letters right before digits: the number's own prefix, maybe ("SF 1234567890")."""
    words = clean(text).rsplit(":", 1)[-1].split()
    for start in range(1, len(words)):
        label = words[:start]
        if any(char.isdigit() for word in label for char in word):
            break
        number = normalize_tracking(" ".join(words[start:]))
        prefix = len(label[-1]) <= 2 and label[-1] not in _LABEL_WORDS
        if _known(number) and not (prefix and _NUMERIC.fullmatch(number)):
            return number
    labels = 0
    while labels < len(words) - 1 and words[labels] in _LABEL_WORDS:
        labels += 1
    return normalize_tracking(" ".join(words[labels:])) if labels else None


def parse_tracking(text: str) -> Parsed[TrackingNumber]:
    """A tracking number; an unknown format or a failed S10 check digit comes with a warning.

    An unknown format needs at least MIN_UNKNOWN_DIGITS digits, or it is refused as unreadable.
    """
    if (refused := too_long(text)) is not None:
        return refused
    whole = normalize_tracking(text)
    several = _known_numbers(text, whole)
    if len(set(several)) > 1:
        return failure(TRACKING_SEVERAL)
    number = several[0] if several else (_after_words(text) or whole)
    if _ALLOWED.fullmatch(number) is None:
        return failure(TRACKING_UNREADABLE)
    if _S10.fullmatch(number):
        check_ok = s10_check_digit(number[2:10]) == int(number[10])
        value = TrackingNumber(number=number, carrier="s10", s10_check_ok=check_ok)
        return Parsed(value=value, warning=None if check_ok else TRACKING_CHECK_DIGIT)
    if _CAINIAO.fullmatch(number):
        return Parsed(value=TrackingNumber(number=number, carrier="cainiao"))
    if _YUNEXPRESS.fullmatch(number):
        return Parsed(value=TrackingNumber(number=number, carrier="yunexpress"))
    if _NUMERIC.fullmatch(number):
        return Parsed(value=TrackingNumber(number=number, carrier="numeric"))
    if sum(ch.isdigit() for ch in number) < MIN_UNKNOWN_DIGITS:
        return failure(TRACKING_UNREADABLE)
    return Parsed(
        value=TrackingNumber(number=number, carrier="unknown"),
        warning=TRACKING_UNKNOWN_FORMAT,
        params={"number": number},
    )
