"""The terminal runner, driven through StringIO, reaches an advice in both languages."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from advisor import labels
from advisor.models import Action
from advisor.terminal import ADVICE, INPUT_ENDED, PICK_A_NUMBER, run
from locales import get_translator

TODAY = dt.date(2026, 3, 1)

# Not received, in transit, no dispute, shipped 20 days ago, protection ends in 5 days,
# seller not contacted, tracking screenshots, 12.50 $, item, no order/tracking number, no note.
IN_TRANSIT = [
    "2", "1", "1", "20 days ago", "1", "in 5 days", "1", "1", "", "12.50 $", "Earbuds",
    "s", "s", "s",
]  # fmt: skip
# Received, damaged, still usable, no dispute, keep it, receipt not confirmed, protection
# unknown, photos, 40 USD, skip the rest.
DAMAGED = ["1", "2", "1", "1", "1", "1", "s", "2", "", "40 $", "s", "s", "s"]


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
