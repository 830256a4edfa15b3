"""Dates typed as days from today, counted again in another time zone.

Before a user chooses their time zone, "in 6 days" is counted from today in the bot's default
zone. For a buyer in Los Angeles at 10 PM that is already tomorrow in Moscow: Buyer Protection
would end a day later than their page says, and the last reminder would come after it ended
(walk of 2026-12-03). The questionnaire marks such answers (FlowState.relative_dates); once the
zone is known, the saved order's dates they gave move by the days between the two zones' today.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from advisor.models import Situation
from advisor.timers import DEFAULT_TIMERS, Timers

from .flow import FLOWS, _ctx
from .model import FlowState

# Where a date typed from today went in the Situation ("dispute.opened_on"), and how it moves:
# +1 a date (a day later), -1 a count of days since (one fewer).
Counted = tuple[str, int]
_DAY = dt.timedelta(days=1)


def counted_from_today(
    state: FlowState, today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> list[Counted]:
    """The Situation fields that the answers typed from today gave."""
    return fields_given(state, state.relative_dates, today, timers=timers)


def fields_given(
    state: FlowState, qids: list[str], today: dt.date, *, timers: Timers = DEFAULT_TIMERS
) -> list[Counted]:
    """The Situation fields the date answers of `qids` (those answered) gave: found by building
    the situation again with those answers a day later and seeing what moved by a day."""
    typed = [qid for qid in qids if qid in state.history and is_date(state.answers.get(qid))]
    if not typed:
        return []
    later = dict(state.answers)
    for qid in typed:
        later[qid] = (dt.date.fromisoformat(later[qid]) + _DAY).isoformat()
    flow = FLOWS[state.flow]
    try:
        before = flow.build(_ctx(state, today, timers=timers)).model_dump()
        after = flow.build(
            _ctx(state.model_copy(update={"answers": later}), today, timers=timers)
        ).model_dump()
    except ValueError:  # a day later takes another path: nothing is moved
        return []
    return sorted(moved_by_a_day(before, after, ""))


def is_date(value: Any) -> bool:
    """Whether an answer is a date as the questionnaire stores it ("2026-12-03")."""
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def moved_by_a_day(before: dict[str, Any], after: dict[str, Any], prefix: str) -> list[Counted]:
    """The fields of two dumped situations that differ by a day: dates one later (+1), counts of
    days since one fewer (-1)."""
    moved: list[Counted] = []
    for name, value in before.items():
        other = after.get(name)
        path = f"{prefix}{name}"
        if isinstance(value, dict) and isinstance(other, dict):
            moved.extend(moved_by_a_day(value, other, f"{path}."))
        elif type(value) is dt.date and other == value + _DAY:
            moved.append((path, 1))
        elif type(value) is int and type(other) is int and other == value - 1:
            moved.append((path, -1))
    return moved


def recounted(situation: Situation, counted: list[Counted], days: int) -> Situation:
    """The situation with those fields moved by `days` (the new zone's today minus the one
    they were counted from); the same situation when nothing moves."""
    if days == 0 or not counted:
        return situation
    data = situation.model_dump()
    for path, step in counted:
        *parents, name = path.split(".")
        holder = data
        for parent in parents:
            holder = holder.get(parent) if isinstance(holder, dict) else None
        if not isinstance(holder, dict) or holder.get(name) is None:
            continue
        value = holder[name]
        if step == 1 and type(value) is dt.date:
            holder[name] = value + dt.timedelta(days=days)
        elif step == -1 and type(value) is int:
            holder[name] = max(0, value - days)
    return Situation.model_validate(data)
