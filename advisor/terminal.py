"""The questionnaire in a terminal: numbered answers in, the advice and its texts out."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from advisor import labels
from advisor import questionnaire as qn
from advisor.models import Advice, Situation
from advisor.texts import compose_texts, english_note_hint
from locales import N_, Translator, get_translator

BACK_KEYS = ("<",)
SKIP_KEY = "s"

TITLE = N_("AliExpress dispute advisor. Answer a few questions and get advice.")
BACK = N_("Back")
PICK_A_NUMBER = N_("Please type the number of one of the answers.")
MULTI_HELP = N_("Type a number to select or unselect it; send an empty line when done.")
INPUT_ENDED = N_("The input ended before the questionnaire was finished.")
COUNTER = N_("Question %(answered)s of about %(total)s")
ADVICE = N_("Advice")
WHAT_TO_DO = N_("What to do: %(action)s")
REASON = N_("Dispute reason: %(reason)s")
SOLUTION = N_("Ask for: %(solution)s, %(refund)s")
AMOUNT = N_("Amount: %(amount)s")
RISK = N_("Risk: %(risk)s")
EVIDENCE = N_("Evidence to prepare:")
WARNINGS = N_("Important:")
DEADLINES = N_("Deadlines:")
WHY = N_("Why:")
TEXT_TITLES = {
    "dispute": N_("Dispute text"),
    "seller_message": N_("Message to the seller"),
    "appeal": N_("Message to AliExpress support"),
    "support": N_("Message to AliExpress support about the refund"),
}
IN_ENGLISH = N_("%(title)s (in English, paste this one):")
IN_YOUR_LANGUAGE = N_("%(title)s (a copy in your language, to check it):")
# The same words the bot sends under the texts (handlers/texts_view.py), so one translation.


class _InputEnded(Exception):
    """stdin reached its end in the middle of a question."""


def _read(stdin: TextIO, stdout: TextIO) -> str:
    stdout.write("> ")
    stdout.flush()
    line = stdin.readline()
    if not line:
        raise _InputEnded
    return line.strip()


def _header(tr: Translator, state: qn.FlowState, today: dt.date, question: qn.Question) -> str:
    answered, total = qn.progress(state, today)
    lines = ["", f"({tr.gettext(COUNTER) % {'answered': answered + 1, 'total': total}})"]
    lines.append(tr.gettext(question.prompt))
    if question.hint:
        lines.append(tr.gettext(question.hint))
    return "\n".join(lines)


def _footer(tr: Translator, state: qn.FlowState, question: qn.Question) -> list[str]:
    lines = []
    if question.skip_label:
        lines.append(f"  {SKIP_KEY}. {tr.gettext(question.skip_label)}")
    if qn.can_go_back(state):
        back = "0" if question.kind != "text" else BACK_KEYS[0]
        lines.append(f"  {back}. {tr.gettext(BACK)}")
    return lines


def _options(tr: Translator, question: qn.Question, selected: list[str] | None = None) -> list[str]:
    lines = []
    for number, option in enumerate(question.options, start=1):
        mark = "" if selected is None else ("[x] " if option.code in selected else "[ ] ")
        lines.append(f"  {number}. {mark}{tr.gettext(option.label)}")
    return lines


def _pick(question: qn.Question, answer: str) -> str | None:
    if answer.isdigit() and 1 <= int(answer) <= len(question.options):
        return question.options[int(answer) - 1].code
    return None


def _ask(
    tr: Translator, state: qn.FlowState, today: dt.date, stdin: TextIO, stdout: TextIO
) -> qn.FlowState:
    """Ask the current question until it gets a usable answer; return the new state."""
    question = qn.current_question(state, today)
    assert question is not None
    state = qn.remember_progress(state, today)  # the counter's total never drops back
    print(_header(tr, state, today, question), file=stdout)
    if question.kind == "multi":
        print(tr.gettext(MULTI_HELP), file=stdout)
    while True:
        if question.kind == "text":
            if question.examples:
                print(tr.gettext(question.examples), file=stdout)
        else:
            selected = qn.selected_options(state, today) if question.kind == "multi" else None
            print("\n".join(_options(tr, question, selected)), file=stdout)
        for line in _footer(tr, state, question):
            print(line, file=stdout)
        answer = _read(stdin, stdout)
        going_back = answer in BACK_KEYS or (answer == "0" and question.kind != "text")
        if going_back and qn.can_go_back(state):
            return qn.back(state)
        if answer.lower() == SKIP_KEY and question.skip_label:
            return qn.skip(state, today)
        if question.kind == "text":
            new_state, parsed = qn.answer_text(state, answer, today)
            if parsed.ok and new_state is not state:
                warning = parsed.warning_text(tr)
                if warning:
                    print(warning, file=stdout)
                return new_state
            print(parsed.error_text(tr), file=stdout)
            continue
        if question.kind == "multi" and answer == "":
            return qn.finish_multi(state, today)
        code = _pick(question, answer)
        if code is None:
            print(tr.gettext(PICK_A_NUMBER), file=stdout)
        elif question.kind == "multi":
            state = qn.toggle_option(state, code, today)
        else:
            return qn.answer_choice(state, code, today)


def _section(tr: Translator, title: str, items: list[str]) -> list[str]:
    return [tr.gettext(title), *(f"  - {item}" for item in items)] if items else []


def render_advice(tr: Translator, situation: Situation, advice: Advice) -> str:
    """The advice as plain text in the translator's language, with the texts to paste."""
    lines = ["", f"=== {tr.gettext(ADVICE)} ==="]
    lines.append(tr.gettext(WHAT_TO_DO) % {"action": labels.action_title(tr, advice.action)})
    lines.append(labels.action_hint(tr, advice.action))
    if advice.reason:
        lines.append(tr.gettext(REASON) % {"reason": labels.reason_wording(tr, advice.reason)})
    if advice.solution and advice.refund:
        values = {
            "solution": labels.solution_text(tr, advice.solution),
            "refund": labels.refund_text(tr, advice.refund).lower(),  # mid-line, as the card
        }
        lines.append(tr.gettext(SOLUTION) % values)
    if advice.amount is not None:
        money = tr.format_money(advice.amount, advice.currency or situation.currency)
        lines.append(tr.gettext(AMOUNT) % {"amount": money})
    lines.append(tr.gettext(RISK) % {"risk": labels.risk_level(tr, advice.risk)})
    lines += _section(tr, EVIDENCE, [labels.evidence_text(tr, e) for e in advice.evidence])
    lines += _section(tr, WARNINGS, [labels.warning_text(tr, w) for w in advice.warnings])
    lines += _section(tr, DEADLINES, [labels.deadline_line(tr, d) for d in advice.deadlines])
    lines += _section(tr, WHY, [_why(tr, code) for code in advice.why])
    composed = compose_texts(situation, advice, tr.lang)
    for kind, versions in composed.items():
        title = tr.gettext(TEXT_TITLES.get(kind, kind))
        for lang, text in versions.items():
            heading = IN_ENGLISH if lang == "en" else IN_YOUR_LANGUAGE
            lines += ["", tr.gettext(heading) % {"title": title}, "", text]
    hint = english_note_hint(situation)
    if composed and hint is not None:
        lines += ["", tr.gettext(hint)]
    return "\n".join(lines)


def _why(tr: Translator, code: str) -> str:
    try:
        return labels.why_text(tr, code)
    except ValueError:
        return code


def run(lang: str, today: dt.date, stdin: TextIO, stdout: TextIO) -> int:
    """Run the questionnaire on stdin/stdout and print the advice; 1 when the input ends early.

    The advice is the bot's (advisor/policy.py), the one the questionnaire chose its questions
    by; `python -m advisor decide` prints the literal table's.
    """
    from advisor.policy import advise_buyer

    tr = get_translator(lang)
    print(tr.gettext(TITLE), file=stdout)
    state = qn.start()
    try:
        while qn.current_question(state, today) is not None:
            state = _ask(tr, state, today, stdin, stdout)
    except _InputEnded:
        print("", file=stdout)
        print(tr.gettext(INPUT_ENDED), file=stdout)
        return 1
    situation = qn.build_situation(state, today)
    advice = advise_buyer(situation)
    print(render_advice(tr, situation, advice), file=stdout)
    return 0
