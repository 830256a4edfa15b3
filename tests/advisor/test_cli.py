"""`python -m advisor decide` as other programs use it: JSON in, JSON out, strict errors."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from advisor import cli

ROOT = Path(__file__).resolve().parents[2]
VALID = {
    "today": "2026-03-10",
    "received": False,
    "delivery_status": "in_transit",
    "protection_ends_on": "2026-03-11",
    "price": 12.345,
    "currency": "EUR",
    "evidence": ["tracking_screenshot"],
}
KEYS = {
    "action",
    "reason",
    "solution",
    "refund",
    "amount",
    "currency",
    "risk",
    "evidence",
    "warnings",
    "deadlines",
    "why",
}


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run `python -m advisor` with the arguments, from the repository root."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "advisor", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )


def test_valid_situation_on_stdin() -> None:
    result = run("decide", stdin=json.dumps(VALID))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    advice = json.loads(result.stdout)
    assert set(advice) == KEYS  # no "texts" without --texts
    assert advice["action"] == "open_dispute"
    assert advice["reason"] == "in_transit_protection_expiring"
    assert (advice["amount"], advice["currency"], advice["risk"]) == (12.35, "EUR", "low")
    assert {"kind": "protection_ends", "date": "2026-03-11"} in advice["deadlines"]
    assert advice["why"] == ["rule_4_in_transit_urgent", "rule_15_evidence_ready"]


def test_file_argument(tmp_path: Path) -> None:
    path = tmp_path / "situation.json"
    path.write_text(json.dumps({"today": "2026-03-10", "received": True, "problem": "damaged"}))
    result = run("decide", str(path))
    assert result.returncode == 0, result.stderr
    advice = json.loads(result.stdout)
    assert (advice["refund"], advice["amount"], advice["currency"]) == ("partial", None, None)


def test_nulls_mean_defaults() -> None:
    situation = {
        **VALID,
        "currency": None,
        "seller": None,
        "evidence": None,
        "shipping_method": None,
        "dispute": {"stage": None, "since": None},
    }
    result = run("decide", stdin=json.dumps(situation))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["currency"] == "USD"


def test_texts_with_language() -> None:
    result = run("decide", "--texts", "--lang", "ru", stdin=json.dumps(VALID))
    assert result.returncode == 0, result.stderr
    texts = json.loads(result.stdout)["texts"]
    assert set(texts["dispute"]) == {"en", "ru"}
    assert texts["dispute"]["en"] and texts["dispute"]["ru"] != texts["dispute"]["en"]


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"colour": "red"}, "colour", "unknown field"),
        ({"seller": {"contacted": True, "mood": "bad"}}, "seller.mood", "unknown field"),
        ({"today": None}, "today", "valid date"),
        ({"today": "10.03.2026"}, "today", "date"),
        ({"today": "2026-02-30"}, "today", "date"),
        ({"price": -5}, "price", "greater than 0"),
        ({"price": 0}, "price", "greater than 0"),
        ({"received": "yes"}, "received", "boolean"),
        ({"delivery_status": "lost"}, "delivery_status", "Input should be"),
        ({"delivery_status": None}, "delivery_status", "required"),
        ({"evidence": ["ruler_photo"]}, "evidence", "not an input evidence code"),
        ({"currency": "euro"}, "currency", "pattern"),
        # Dates and amounts the arithmetic and money formatting cannot take.
        ({"today": "9999-12-30", "protection_ends_on": "9999-12-31"}, "today", "between"),
        ({"shipped_on": "0001-01-01"}, "shipped_on", "between"),
        ({"dispute": {"stage": "open", "since": "9999-12-20"}}, "dispute.since", "between"),
        ({"price": 1e300}, "price", "less than or equal"),
        ({"a\nb": 1}, "a b", "unknown field"),
        # A local clock time: an offset of its own would be silently overridden (review L).
        ({"protection_ends_at": "08:12+03:00"}, "protection_ends_at", "without a UTC offset"),
        ({"protection_ends_at": "25:00"}, "protection_ends_at", "time"),
    ],
)
def test_invalid_fields(change: dict[str, Any], field: str, problem: str) -> None:
    result = run("decide", stdin=json.dumps({**VALID, **change}))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert field in lines[0] and problem in lines[0]


def test_unknown_evidence_code_lists_only_the_input_codes() -> None:
    result = run("decide", stdin=json.dumps({**VALID, "evidence": ["selfie"]}))
    assert (result.returncode, result.stdout) == (2, "")
    line = result.stderr.strip()
    assert line.startswith("error: evidence.0: ") and "photos" in line
    # Codes the advice may suggest but the input refuses are not offered (review BQ).
    assert "ruler_photo" not in line and "size_label_photo" not in line


def test_short_quantity_with_nothing_missing_is_refused() -> None:
    situation = {
        "today": "2026-03-10",
        "received": True,
        "problem": "short_quantity",
        "price": 30,
        "quantity_ordered": 3,
        "quantity_received": 3,
    }
    result = run("decide", stdin=json.dumps(situation))
    assert (result.returncode, result.stdout) == (2, "")
    assert "nothing is missing" in result.stderr and len(result.stderr.splitlines()) == 1
    result = run("decide", stdin=json.dumps({**situation, "quantity_received": 2}))
    assert result.returncode == 0 and json.loads(result.stdout)["amount"] == 10.0


def test_missing_today() -> None:
    situation = {k: v for k, v in VALID.items() if k != "today"}
    result = run("decide", stdin=json.dumps(situation))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.strip() == "error: today: required field is missing"


@pytest.mark.parametrize(
    "raw",
    ['{"today": "2026-03-10",', "", "not json", "[1, 2]", '{"price": NaN}', "1e999", "[" * 100_000],
)
def test_bad_json(raw: str) -> None:
    result = run("decide", stdin=raw)
    assert (result.returncode, result.stdout) == (2, "")
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("error: input: ")


def test_file_not_found(tmp_path: Path) -> None:
    result = run("decide", str(tmp_path / "missing.json"))
    assert (result.returncode, result.stdout) == (2, "")
    assert len(result.stderr.splitlines()) == 1
    assert "file not found" in result.stderr


def test_bad_option_is_one_line() -> None:
    result = run("decide", "--lang", "de", stdin=json.dumps(VALID))
    assert (result.returncode, result.stdout) == (2, "")
    assert len(result.stderr.splitlines()) == 1


def test_no_command_runs_the_questionnaire(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, dt.date]] = []

    def fake_run(lang: str, today: dt.date, stdin: object, stdout: object) -> int:
        calls.append((lang, today))
        return 7

    from advisor import terminal

    monkeypatch.setattr(terminal, "run", fake_run)
    out = io.StringIO()
    assert cli.main(["--lang", "en", "--today", "2026-01-31"], io.StringIO(), out) == 7
    assert cli.main([], io.StringIO(), out) == 7
    assert calls[0] == ("en", dt.date(2026, 1, 31))
    assert calls[1][0] == "ru" and isinstance(calls[1][1], dt.date)


def test_questionnaire_through_the_module() -> None:
    result = run("--lang", "en", "--today", "2026-03-10", stdin="")
    assert result.stdout.strip()  # the first question was asked
    assert "Traceback" not in result.stderr


def test_null_evidence_in_json_is_none_and_so_missing() -> None:
    # DOMAIN §8: null means the default (no evidence); "never asked" exists only in the bot.
    situation = {**VALID, "received": True, "problem": "damaged", "usable": False}
    situation["evidence"] = None
    result = run("decide", stdin=json.dumps(situation))
    assert result.returncode == 0, result.stderr
    advice = json.loads(result.stdout)
    assert advice["risk"] == "medium" and "evidence_missing" in advice["warnings"]
