"""The terminal runner, driven through StringIO, reaches an advice in both languages."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from advisor import labels
from advisor.models import Action, Refund, Risk
from advisor.parsing.numbers import NOTE_NOT_ENGLISH
from advisor.terminal import ADVICE, INPUT_ENDED, PICK_A_NUMBER, RISK, run
from advisor.texts import ENGLISH_ITEM_HINT as ENGLISH_NOTE
from locales import get_translator

TODAY = dt.date(2026, 3, 1)

# Not received, in transit, no dispute, shipped 20 days ago, protection ends in 5 days,
# seller not contacted: ask for an extension, so no evidence and no price; the item, no
# order/tracking number, no note.
IN_TRANSIT = [
    "2", "1", "1", "20 days ago", "1", "in 5 days", "1", "Earbuds", "s", "s", "s",
]  # fmt: skip
# Received, damaged, no dispute, receipt not confirmed, protection unknown, still usable, keep
# it, photos, 40 USD, skip the rest.
DAMAGED = ["1", "2", "1", "1", "s", "1", "1", "2", "", "40 $", "s", "s", "s"]


def _run(lang: str, lines: list[str]) -> tuple[int, str]:
    stdout = io.StringIO()
    code = run(lang, TODAY, io.StringIO("\n".join(lines) + "\n"), stdout)
    return code, stdout.getvalue()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_runner_reaches_an_advice(lang: str) -> None:
    tr = get_translator(lang)
    code, output = _run(lang, IN_TRANSIT)
    assert code == 0
    assert tr.gettext(ADVICE) in output
    assert labels.action_title(tr, Action.ask_extension) in output
    assert "Buyer Protection" in output  # the English message to the seller


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_received_partial_refund_shows_the_amount(lang: str) -> None:
    tr = get_translator(lang)
    code, output = _run(lang, DAMAGED)
    assert code == 0
    assert labels.action_title(tr, Action.open_dispute) in output
    assert tr.format_money(12.0, "USD") in output
    # "Risk: Low", not "Risk: Low risk"; the refund's kind lower-case mid-line.
    shown = {tr.gettext(RISK) % {"risk": labels.risk_level(tr, risk)} for risk in Risk}
    assert any(line in shown for line in output.splitlines())
    refund = labels.refund_text(tr, Refund.partial)
    assert f", {refund.lower()}" in output and f", {refund}" not in output


def test_russian_run_speaks_russian() -> None:
    _code, output = _run("ru", IN_TRANSIT)
    ru = get_translator("ru")
    assert ru.gettext("Have you received the parcel?") in output
    assert any("а" <= ch <= "я" for ch in output)


def test_bad_input_is_asked_again() -> None:
    lines = ["9", "x", *IN_TRANSIT[:3], "someday", *IN_TRANSIT[3:]]
    code, output = _run("en", lines)
    assert code == 0
    assert output.count(PICK_A_NUMBER) == 2
    assert "date" in output.lower()


def test_back_returns_to_the_previous_question() -> None:
    lines = ["1", "0", *IN_TRANSIT]
    code, output = _run("en", lines)
    assert code == 0
    assert output.count("What is wrong with the order?") == 1
    assert output.count("Have you received the parcel?") == 2


def test_end_of_input_exits_with_1() -> None:
    code, output = _run("en", IN_TRANSIT[:4])
    assert code == 1
    assert output.rstrip().endswith(INPUT_ENDED)
    empty_code, _ = _run("ru", [])
    assert empty_code == 1


def test_every_line_is_an_answer_to_the_question_it_meets() -> None:
    """No line is refused on the scripted paths: each one answers the question it meets."""
    for lines in (IN_TRANSIT, DAMAGED):
        code, output = _run("en", lines)
        assert code == 0
        assert PICK_A_NUMBER not in output and "could not read" not in output


def test_a_russian_item_is_accepted_with_the_english_hints() -> None:
    tr = get_translator("ru")
    lines = [*IN_TRANSIT[:7], "Беспроводные наушники", *IN_TRANSIT[8:]]
    code, output = _run("ru", lines)
    assert code == 0
    assert tr.gettext(NOTE_NOT_ENGLISH) in output  # when typed
    assert tr.gettext(ENGLISH_NOTE) in output  # under the texts, like the bot
    _code, english_item = _run("ru", IN_TRANSIT)
    assert tr.gettext(ENGLISH_NOTE) not in english_item
