"""Answers read back to the user: a typed date or amount as understood, what Back undid."""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from typing import Any

from advisor.parsing import Money, Parsed
from advisor.questionnaire import Question
from locales import N_, Translator, fill


def typed_read_back(tr: Translator, parsed: Parsed[Any], currency: str | None) -> str | None:
    """A typed date or amount as it was read ("📅 Noted: December 5, 2025.", "💰 Noted:
    1,500.00 ₽.", in `currency` when typed without one), so a wrong year, a slipped digit or a
    wrong currency shows at once; None for other answers."""
    value = parsed.value
    if isinstance(value, dt.date):
        noted = fill(tr.gettext("Noted: %(date)s."), {"date": _date_and_time(tr, value)})
        return "📅 " + html.escape(noted)
    if isinstance(value, Money):
        shown_in = value.currency or currency
        amount = (
            tr.format_money(value.amount, shown_in) if shown_in else tr.format_amount(value.amount)
        )
        return "💰 " + html.escape(fill(tr.gettext("Noted: %(amount)s."), {"amount": amount}))
    return None


NONE_OF_THESE = N_("none of these")
# A long note read back after Back is cut here: the reminder is what matters, not all of it.
_SHOWN_ANSWER_CHARS = 200


def earlier_line(
    tr: Translator, question: Question, value: Any, currency: str | None
) -> str | None:
    """The answer Back took from this question, read back above it ("↩️ Your answer was: 25.00
    $."), so the user sees what to keep or fix; None for a skip or what cannot be shown."""
    if value is None:
        return None
    shown = shown_answer(tr, question, value, currency)
    if shown is None:
        return None
    # A Russian date ends with its own period ("5 декабря 2026 г."): not a second one.
    answer = shown[:-1] if shown.endswith(".") else shown
    return "↩️ " + html.escape(fill(tr.gettext("Your answer was: %(answer)s."), {"answer": answer}))


def shown_answer(
    tr: Translator,
    question: Question,
    value: Any,
    currency: str | None,
    max_chars: int = _SHOWN_ANSWER_CHARS,
) -> str | None:
    """A stored answer as the user would read it: an option's label, a date, an amount, a
    typed text (cut at `max_chars`); None for a skip or what cannot be shown. Not escaped."""
    if question.kind == "choice":
        labels = {option.code: option.label for option in question.options}
        if isinstance(value, str) and value in labels:
            return tr.gettext(labels[value])
        if question.id == "currency" and isinstance(value, str):
            return value.upper()  # typed, with no button (INR)
        # "Today" or "Yesterday" is stored as the date it meant (review V).
        return _shown_date(tr, value)
    if question.kind == "multi" and isinstance(value, list):
        chosen = [tr.gettext(o.label) for o in question.options if o.code in value]
        return ", ".join(chosen) if chosen else tr.gettext(NONE_OF_THESE)
    if question.kind != "text":
        return None
    if question.parser in ("date", "protection_end"):
        return _shown_date(tr, value)
    if question.parser == "money" and isinstance(value, list) and value:
        try:
            amount = Decimal(str(value[0]))
        except ArithmeticError:  # not written by this bot: nothing worth reading back
            return None
        shown_in = value[1] if len(value) > 1 and value[1] else currency
        return tr.format_money(amount, shown_in) if shown_in else tr.format_amount(amount)
    if isinstance(value, int):
        return tr.format_number(value)
    text = str(value)
    return text if len(text) <= max_chars else text[:max_chars] + "…"


def _shown_date(tr: Translator, value: Any) -> str | None:
    """A stored ISO date (or date and time) as the language writes it, or None for anything
    else."""
    if not isinstance(value, str):
        return None
    try:
        when = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    except ValueError:
        return None
    return _date_and_time(tr, when)


def _date_and_time(tr: Translator, value: dt.date) -> str:
    """A date, with its time when it has one (a protection end read from the timer)."""
    if isinstance(value, dt.datetime):
        return tr.format_date_time(value)
    return tr.format_date(value)
