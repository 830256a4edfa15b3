"""Questionnaire states to fuzz at: one valid path of answers to every question of every flow."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from advisor.models import Situation
from advisor.questionnaire import (
    FLOWS,
    FlowState,
    answer_choice,
    answer_text,
    build_situation,
    current_question,
    finish_multi,
    skip,
    start,
    toggle_option,
)

# Typed answers tried in turn at a text question until the engine accepts one.
TEXT_CANDIDATES = (
    "yesterday",
    "10 days ago",
    "40 days ago",
    "in 10 days",
    "10",
    "12.50 $",
    "5 $",
    "1 $",
    "3",
    "1",
    "0",
    "RB123456785GB",
    "8123456789012345",
    "A blue phone case",
)


@dataclass(frozen=True)
class Step:
    """One valid answer: `c` choose, `t` toggle, `m` finish a multi, `s` skip, `x` type text."""

    op: str
    value: str = ""


@dataclass(frozen=True)
class Point:
    """A state on the way through a flow and the valid answers that lead to it."""

    flow: str
    steps: tuple[Step, ...]
    state: FlowState
    # The day the walk answered on: which question comes next may depend on it. The test's
    # day is the default zone's (Moscow), not the machine's: from 21:00 UTC they differ.
    today: dt.date

    @property
    def label(self) -> str:
        """A readable id: the flow and the question asked (or `done`)."""
        return f"{self.flow}:{self.question_id or DONE}"

    @property
    def question_id(self) -> str | None:
        """The id of the question this state asks, or None when the flow is complete."""
        question = current_question(self.state, self.today)
        return question.id if question else None


DONE = "done"


def _next(state: FlowState, today: dt.date) -> list[tuple[Step, FlowState]]:
    """Every valid answer to the current question (one typed answer for a text question)."""
    question = current_question(state, today)
    if question is None:
        return []
    moves: list[tuple[Step, FlowState]] = []
    if question.kind == "choice":
        for code in question.option_codes():
            moves.append((Step("c", code), answer_choice(state, code, today)))
    elif question.kind == "multi":
        moves.append((Step("m"), finish_multi(state, today)))
        if question.options:
            code = question.options[0].code
            toggled = toggle_option(state, code, today)
            moves.append((Step("t", code), toggled))
    else:
        for text in TEXT_CANDIDATES:
            new_state, parsed = answer_text(state, text, today)
            if parsed.ok:
                moves.append((Step("x", text), new_state))
                break
    if question.skip_label:
        moves.append((Step("s"), skip(state, today)))
    return moves


def points(
    flow: str, base: Situation | None, today: dt.date, per_question: int = 2, seed: int = 6
) -> list[Point]:
    """Seeded random walks until every question of the flow (and its end) is reached.

    Up to `per_question` different states are kept per question, the earliest found.
    """
    wanted = every_question_id(flow) | {DONE}
    found: dict[str, list[Point]] = {}
    rng = random.Random(seed)
    for _walk in range(5000):
        point = Point(flow, (), start(flow, base), today)
        while True:
            kept = found.setdefault(point.question_id or DONE, [])
            if len(kept) < per_question and point not in kept:
                kept.append(point)
            moves = _next(point.state, today)
            if not moves:
                break
            step, state = rng.choice(moves)
            point = Point(flow, (*point.steps, step), state, today)
        if wanted <= found.keys():
            break
    return [p for kept in found.values() for p in kept]


def every_question_id(flow: str) -> set[str]:
    """The ids of every question a flow can ask."""
    return {step.question.id for step in FLOWS[flow].steps}


def complete_situation(today: dt.date) -> Situation:
    """The situation of the first complete new-order path found for a received item with no
    dispute and no amount, so the follow-ups reach every question: the currency of an amount
    typed without one, what the dispute asked."""
    # Seeded walks: another seed where one finds none (a new option moves every later choice).
    for seed in range(6, 26):
        done = (
            build_situation(p.state, today)
            for p in points("new", None, today, 20, seed=seed)
            if p.question_id is None
        )
        found = next(
            (s for s in done if s.received and s.dispute.stage == "none" and not s.price), None
        )
        if found is not None:
            return found
    raise AssertionError("no complete received path without a dispute or a price was found")
