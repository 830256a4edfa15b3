"""Update the catalogs from the code: `python -m locales.sync [--add FILE.po ...] [--check]`.

Extracts every marked string of the project into `messages.pot`, merges it into the Russian and
English catalogs (new strings added, vanished ones dropped), fills the English catalog with the
source strings (they are English already) and applies Russian translations from `--add` files.
`--check` exits 1 when a Russian string is missing. Runs under a file lock, so several people
(or agents) can run it at once without losing each other's entries.
"""

from __future__ import annotations

import argparse
import fcntl
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from locales import DOMAIN, LANGUAGES, LOCALES_DIR, po_path

PROJECT_DIR = LOCALES_DIR.parent
PACKAGES = ("advisor", "bot", "handlers", "storage", "locales")
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
POT_PATH = LOCALES_DIR / f"{DOMAIN}.pot"


def extract_template() -> Catalog:
    """Every translatable string in the project's packages, as a template catalog."""
    template = Catalog(project="aliexpress-dispute-bot", charset="utf-8")
    for package in PACKAGES:
        found = extract_from_dir(
            PROJECT_DIR / package,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True,
        )
        for filename, lineno, message, comments, context in found:
            location = (f"{package}/{filename}", lineno)
            template.add(message, None, [location], auto_comments=comments, context=context)
    return template


def _read(path: Path, lang: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, charset="utf-8")
    with path.open("rb") as po_file:
        return read_po(po_file, locale=lang, domain=DOMAIN)


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.fuzzy = False
    catalog.project = "aliexpress-dispute-bot"
    catalog.version = "1"
    with path.open("wb") as po_file:
        write_po(po_file, catalog, sort_output=True, include_lineno=False, width=100)


def _fill_english(catalog: Catalog) -> None:
    for message in catalog:
        if not message.id:
            continue
        # The source strings are English: the English catalog is always exactly the msgids.
        message.string = tuple(message.id) if isinstance(message.id, tuple) else message.id
        message.flags.discard("fuzzy")


def _apply(catalog: Catalog, additions: list[Path], lang: str) -> None:
    for path in additions:
        source = _read(path, lang)
        for message in source:
            if not message.id or not message.string:
                continue
            target = catalog.get(message.id, context=message.context)
            if target is not None:
                target.string = message.string
                target.flags.discard("fuzzy")


def untranslated(catalog: Catalog) -> list[str]:
    """Message ids with an empty or fuzzy translation."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


@contextmanager
def _locked() -> Iterator[None]:
    with (LOCALES_DIR / ".sync.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def sync(additions: list[Path]) -> dict[str, list[str]]:
    """Merge the code's strings into every catalog; return the untranslated ids per language."""
    with _locked():
        template = extract_template()
        if POT_PATH.exists():
            # Keep the date of the existing template: a run that changes no string leaves
            # the catalogs byte for byte as they were.
            template.creation_date = _read(POT_PATH, "en").creation_date
        _write(POT_PATH, template)
        report: dict[str, list[str]] = {}
        for lang in LANGUAGES:
            catalog = _read(po_path(lang), lang)
            catalog.update(template, no_fuzzy_matching=True)
            catalog.obsolete.clear()
            if lang == "en":
                _fill_english(catalog)
            else:
                _apply(catalog, additions, lang)
            _write(po_path(lang), catalog)
            report[lang] = untranslated(catalog)
        return report


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m locales.sync", description=__doc__)
    parser.add_argument("--add", type=Path, action="append", default=[], metavar="FILE.po")
    parser.add_argument("--check", action="store_true", help="exit 1 if anything is missing")
    args = parser.parse_args(argv)
    report = sync(args.add)
    for lang, missing in report.items():
        for message_id in missing:
            print(f"{lang}: untranslated: {message_id!r}")
        print(f"{lang}: {len(missing)} untranslated")
    return 1 if args.check and any(report.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
