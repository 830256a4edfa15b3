"""The unsaved advice card's "✏️ Change any answer": the answers given, numbered, and the one
picked asked again, the later ones kept to confirm with a tap (walk A: going back from the card
to the problem took about ten presses of "Change the last answer")."""

from __future__ import annotations

import datetime as dt
import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from advisor.questionnaire import FlowState, answered_questions
from advisor.questionnaire.questions import SKIP
from advisor.timers import Timers
from handlers.callbacks import make
from handlers.conversation.read_back import shown_answer
from locales import N_, Translator

NOT_GIVEN = N_("not given")
# The card's callback codes: the list (`a:edit`), one of its answers (`a:edit:N`, from 1).
EDIT = "edit"
CHANGE_ANY_LABEL = N_("✏️ Change any answer")
# An answer read back in the list: a long note is cut here.
_ANSWER_CHARS = 60
# And a long question (so that even the longest questionnaire fits one message).
_PROMPT_CHARS = 90
_PER_ROW = 5


def answers_screen(
    tr: Translator,
    state: FlowState,
    today: dt.date,
    timers: Timers,
    currency: str | None,
    *,
    namespace: str,
    back_to_card: str,
) -> tuple[str, InlineKeyboardMarkup]:
    """The answers given, numbered, with a button per number (`namespace:edit:N`) and one back
    to the card (`back_to_card`)."""
    title = tr.gettext("Which answer do you want to change?")
    lines = [
        "<b>" + html.escape(title) + "</b>",
        html.escape(
            tr.gettext(
                "The answers after it stay where they still fit: you keep each of them, or all"
                " of them, with one tap."
            )
        ),
        "",
    ]
    asked = answered_questions(state, today, timers=timers)
    for number, (question, value) in enumerate(asked, 1):
        shown = (
            None if value is None else shown_answer(tr, question, value, currency, _ANSWER_CHARS)
        )
        if shown is None:  # skipped: "I don't know" as such, a plain skip as not given
            label = question.skip_label
            shown = tr.gettext(label if label and label != SKIP else NOT_GIVEN)
        prompt = tr.gettext(question.prompt)
        if len(prompt) > _PROMPT_CHARS:
            prompt = prompt[:_PROMPT_CHARS].rstrip() + "…"
        lines.append(f"{number}. {html.escape(prompt)} — <i>{html.escape(shown)}</i>")
    buttons = [
        InlineKeyboardButton(str(number), callback_data=make(namespace, EDIT, number))
        for number in range(1, len(asked) + 1)
    ]
    rows = [buttons[i : i + _PER_ROW] for i in range(0, len(buttons), _PER_ROW)]
    rows.append(
        [InlineKeyboardButton(tr.gettext("⬅️ Back to the advice"), callback_data=back_to_card)]
    )
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def picked_question(state: FlowState, today: dt.date, timers: Timers, number: int) -> str | None:
    """The id of the question listed as `number` (from 1), or None if there is none."""
    asked = answered_questions(state, today, timers=timers)
    if not 1 <= number <= len(asked):
        return None
    return asked[number - 1][0].id
