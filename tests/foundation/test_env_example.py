"""`.env.example` lists every setting with its real default and a comment."""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings

ENV_EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"


def example_values() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    return values


def test_every_setting_is_listed_with_its_default() -> None:
    values = example_values()
    for name, field in Settings.model_fields.items():
        assert name.upper() in values, f"{name.upper()} missing from .env.example"
        if field.is_required():
            continue
        default = field.get_default(call_default_factory=True)
        shown = values[name.upper()]
        if default is None:
            assert shown == "", name
        elif isinstance(default, float):
            assert float(shown) == default, name
        else:
            assert shown == str(default), name


def test_every_setting_has_a_comment_above() -> None:
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if line and not line.startswith("#"):
            # A group of related settings (no blank line between them) may share one comment.
            j = index - 1
            while j >= 0 and lines[j] and not lines[j].startswith("#"):
                j -= 1
            assert j >= 0 and lines[j].startswith("#"), f"no comment for {line}"
