"""The questionnaire's data: questions, options, the stored state and the flow steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.models import Situation
from advisor.timers import DEFAULT_TIMERS, Timers

CODE_PATTERN = r"^[a-z0-9_]{1,24}$"


class Option(BaseModel):
    """One answer button: a stable code and its English label (a msgid)."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(pattern=CODE_PATTERN)
    label: str


class Question(BaseModel):
    """What the user is asked; texts are msgids, translated by whoever renders it."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=CODE_PATTERN)
    prompt: str
    kind: Literal["choice", "multi", "text"]
    options: tuple[Option, ...] = ()
    parser: str | None = None
    skip_label: str | None = None
    hint: str | None = None
    # What the hint does, which names its button: "locate" tells where to find the answer
    # ("Where do I find this?"), "explain" says what the question means.
    hint_kind: Literal["locate", "explain"] = "locate"
    examples: str | None = None
    # A money question that takes an estimate ("около 7000р"): a price or a postage, not an
    # offer or an ask, which are compared to the cent.
    estimate_ok: bool = False
    # An estimate taken with a word to check the exact amount (a price is on the order page);
    # not for a return's postage, an estimate by nature (walks A, B: "check it on the order
    # page", where it is not).
    estimate_checked: bool = True

    def option_codes(self) -> tuple[str, ...]:
        """The codes of this question's options, in order."""
        return tuple(option.code for option in self.options)


class FlowState(BaseModel):
    """Where one conversation is; JSON-serialisable so the bot can store it."""

    flow: str
    answers: dict[str, Any] = Field(default_factory=dict)
    history: list[str] = Field(default_factory=list)
    base: dict[str, Any] | None = None
    # The largest total the "3/9" counter has shown, so that the total never drops back
    # (1/11, 2/7, 3/11 reads as a bug); see `remember_progress`.
    total_seen: int = Field(default=0, ge=0)
    # "Stop this questionnaire?" is on screen instead of the question: a typed "yes" answers
    # that, not the question behind it (walk S).
    cancel_asked: bool = False
    # Answers Back took away, by question: offered again ("Keep my earlier answer") when their
    # question comes back, so fixing one answer does not mean typing the later ones anew.
    earlier: dict[str, Any] = Field(default_factory=dict)
    # Questions whose date was typed as days from today ("in 6 days", "вчера"): counted in the
    # default zone before the user chose theirs, they are counted again once the zone is known
    # (handlers/zone_recount.py).
    relative_dates: list[str] = Field(default_factory=list)
    # Questions whose date was typed as an estimate ("about 5 weeks ago", "в начале ноября"): the
    # saved order names the dates they gave (advisor/questionnaire/estimated_dates.py).
    estimated_dates: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class Ctx:
    """What the flow's conditions see: the answers given so far, today and the saved situation."""

    answers: Mapping[str, Any]
    today: dt.date
    base: Situation | None = None
    # The day counts the advice uses (the bot's settings), so the questions asked match it.
    timers: Timers = DEFAULT_TIMERS
    # Values derived from these answers (the provisional advice), computed once per context.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()` once per context: conditions of several steps share what it derives."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def get(self, qid: str, default: Any = None) -> Any:
        """The stored answer of a question, or `default` when unanswered or skipped."""
        value = self.answers.get(qid)
        return default if value is None else value

    def answered(self, qid: str) -> bool:
        """True when the question was answered (a skip counts as an answer)."""
        return qid in self.answers

    def date(self, qid: str) -> dt.date | None:
        """A stored ISO date answer as a date (the day of one stored with its time)."""
        value = self.answers.get(qid)
        return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else None

    def time(self, qid: str) -> dt.time | None:
        """The local time of a date answer stored with one ("2026-12-05T08:00:00"), or None."""
        value = self.answers.get(qid)
        if not isinstance(value, str) or "T" not in value:
            return None
        return dt.datetime.fromisoformat(value).time()


def always(_ctx: Ctx) -> bool:
    """A condition that always holds (a step asked every time)."""
    return True


@dataclass(frozen=True)
class Step:
    """A question plus the flow logic around it.

    `when` decides whether it is asked (it may read only earlier answers); `options_when`
    filters the options; `parser_options` gives keyword arguments for the text parser;
    `check` validates a parsed value against earlier answers (returns an error Parsed, the value
    with a warning to take it with a word to check it, or None);
    `store_choice` turns a chosen code into the stored answer (e.g. "today" into a date);
    `prompt_when` gives a prompt (msgid) that fits the earlier answers better, or None;
    `skip_when` likewise the skip button's label.
    """

    question: Question
    when: Callable[[Ctx], bool] = always
    options_when: Callable[[Ctx, str], bool] | None = None
    parser_options: Callable[[Ctx], dict[str, Any]] | None = None
    check: Callable[[Ctx, Any], Any] | None = None
    store_choice: Callable[[str, dt.date], Any] | None = None
    prompt_when: Callable[[Ctx], str | None] | None = None
    skip_when: Callable[[Ctx], str | None] | None = None


@dataclass(frozen=True)
class Flow:
    """An ordered list of steps and how a complete set of answers becomes a Situation."""

    name: str
    steps: tuple[Step, ...]
    build: Callable[[Ctx], Situation]
    needs_base: bool = False
    by_id: dict[str, Step] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ids = [step.question.id for step in self.steps]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate question ids in flow {self.name}")
        object.__setattr__(self, "by_id", {step.question.id: step for step in self.steps})
