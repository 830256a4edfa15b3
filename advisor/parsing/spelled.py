"""Amounts spelled out in words ("полторы тысячи", "пятьсот", "twenty five"), as digits."""

from __future__ import annotations

from decimal import Decimal

from .numbers import NUMBER_WORDS

_HUNDREDS: dict[str, int] = {
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500,
    "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
}  # fmt: skip
_THOUSAND = frozenset(
    {"тысяча", "тысячи", "тысяч", "тысячу", "тыща", "тыщи", "тыщ", "thousand", "thousands"}
)
_HUNDRED = frozenset({"hundred", "hundreds"})
_HALF_MORE = frozenset({"полторы", "полтора"})
# Words a count of things uses that are no amount: "пару", "couple" (of what?).
_NOT_AMOUNTS = frozenset({"пару", "пара", "couple"})


def _word_value(word: str) -> int | None:
    if word in _NOT_AMOUNTS:
        return None
    return _HUNDREDS.get(word, NUMBER_WORDS.get(word))


def _is_number_word(word: str) -> bool:
    return (
        _word_value(word) is not None
        or word in _THOUSAND
        or word in _HUNDRED
        or word in _HALF_MORE
        or word == "and"
    )


def _value(words: list[str]) -> Decimal | None:
    """The number a run of number words names, or None when they do not make one."""
    total, current = Decimal(0), Decimal(0)
    named = False
    for word in words:
        if word == "and":
            continue
        if word in _HALF_MORE:
            current += Decimal("1.5")
        elif word in _HUNDRED:
            current = (current or 1) * 100
        elif word in _THOUSAND:
            total += (current or 1) * 1000
            current = Decimal(0)
        else:
            current += _word_value(word) or 0
        named = True
    return total + current if named else None


def spelled_as_digits(cleaned: str) -> str:
    """The text with one amount spelled in words written in digits ("полторы тысячи рублей"
    → "1500 рублей", walk CJ); unchanged when it holds digits, no such words, or two runs."""
    if any(char.isdigit() for char in cleaned):
        return cleaned
    words = cleaned.split(" ")
    runs = [i for i, word in enumerate(words) if _is_number_word(word)]
    if not runs or runs[-1] - runs[0] + 1 != len(runs):
        return cleaned
    run = words[runs[0] : runs[-1] + 1]
    if run[0] == "and" or set(run) <= {"a", "an", "and"}:
        return cleaned  # "a lot", "and": no amount named
    value = _value(run)
    if value is None:
        return cleaned
    digits = format(value.normalize(), "f")
    return " ".join([*words[: runs[0]], digits, *words[runs[-1] + 1 :]])
