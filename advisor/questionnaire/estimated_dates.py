"""Dates the buyer gave as an estimate ("about 5 weeks ago", "maybe in a month", "в начале
ноября"), remembered on the order so its card keeps saying so.

The word that a date is an estimate was said once, under the next question; the card then showed
the estimated end of Buyer Protection like one read off the order page, and the reminders
counted from it (notes of 2026-12-03). The questionnaire marks such answers
(FlowState.estimated_dates); the Situation built from them names the fields they gave
(Situation.estimated_dates), kept through later follow-ups until a field gets another value.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from advisor.models import Situation
from advisor.timers import DEFAULT_TIMERS, Timers

from .model import FlowState
from .relative_dates import fields_given


def estimated_fields(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> list[str]:
    """The Situation date fields ("shipped_on", "dispute.opened_on") that the estimated answers
    gave: found by building the situation again with those answers a day later."""
    return _fields_given(state, state.estimated_dates, today, timers)


def _fields_given(state: FlowState, qids: list[str], today: dt.date, timers: Timers) -> list[str]:
    """The Situation date fields the date answers of `qids` (those answered) gave."""
    return [path for path, step in fields_given(state, qids, today, timers=timers) if step == 1]


def with_estimates(
    situation: Situation, state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> Situation:
    """The built situation naming its estimated dates: the saved order's that kept their value,
    and those this questionnaire's estimated answers gave."""
    marked_before = (state.base or {}).get("estimated_dates") or []
    if not marked_before and not state.estimated_dates:
        return situation  # the usual case, without dumping anything
    base = Situation.model_validate(state.base).model_dump() if state.base is not None else {}
    built = situation.model_dump()
    # A date typed again, even the same day exactly, is no estimate any more (walk of
    # 2026-12-03: "3 января" after "может через месяц" kept the mark).
    given = _fields_given(state, state.history, today, timers) if marked_before else []
    kept = [
        path
        for path in marked_before
        if path not in given
        and _at(built, path) is not None
        and _at(built, path) == _at(base, path)
    ]
    marked = sorted({*kept, *estimated_fields(state, today, timers=timers)})
    if marked == situation.estimated_dates:
        return situation
    return situation.model_copy(update={"estimated_dates": marked})


def _at(data: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of a dumped situation ("dispute.opened_on"), or None."""
    value: Any = data
    for name in path.split("."):
        value = value.get(name) if isinstance(value, dict) else None
    return value
