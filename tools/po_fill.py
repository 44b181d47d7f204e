"""Hand untranslated messages to a translator and take the translations back.

    python tools/po_fill.py export LANG [--all] > todo.json
    python tools/po_fill.py import LANG done.json

``export`` writes the messages that lint would report for LANG (for the
portal languages only those the public sees; --all for every one) as JSON:
{"msgid": "", ...}, or for plural messages {"msgid": ["singular", "plural"]}
with msgid_plural in the key after a NUL ("one\\u0000many"). ``import`` writes
the filled-in JSON back, refusing translations whose placeholders
(%(name)s, %s, {name}) differ from the source, and clears fuzzy flags.
"""

import json
import re
import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.check_translations import (  # noqa: E402
    ROOT,
    STAFF_LANGUAGE,
    is_public,
    report_msgids,
)

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")
SEP = "\u0000"


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def key(entry: polib.POEntry) -> str:
    return (
        f"{entry.msgid}{SEP}{entry.msgid_plural}" if entry.msgid_plural else entry.msgid
    )


def wanted(
    entry: polib.POEntry, language: str, everything: bool, reported: frozenset[str]
) -> bool:
    if entry.obsolete:
        return False
    public = is_public(entry, reported)
    if not everything and language != STAFF_LANGUAGE and not public:
        return False
    return "fuzzy" in entry.flags or not entry.translated()


def export(language: str, everything: bool) -> dict:
    todo: dict = {}
    reported = frozenset(report_msgids())
    for entry in catalogue(language):
        if wanted(entry, language, everything, reported):
            todo[key(entry)] = ["", ""] if entry.msgid_plural else ""
    return todo


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def import_(language: str, done: dict) -> list[str]:
    po = catalogue(language)
    problems = []
    for entry in po:
        value = done.get(key(entry))
        if not value:
            continue
        forms = value if isinstance(value, list) else [value]
        source = placeholders(entry.msgid_plural or entry.msgid)
        if any(placeholders(form) != source for form in forms if form):
            # A plural form may leave out the count ("one file"), never others.
            names = {p for form in forms for p in placeholders(form)}
            if not names <= set(source) | set(placeholders(entry.msgid)):
                problems.append(f"placeholders differ: {entry.msgid[:60]!r}")
                continue
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            entry.msgstr = forms[0]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    return problems


def main(argv: list[str]) -> int:
    command, language, *rest = argv
    if command == "export":
        json.dump(
            export(language, "--all" in rest), sys.stdout, ensure_ascii=False, indent=1
        )
        return 0
    problems = import_(language, json.loads(Path(rest[0]).read_text(encoding="utf-8")))
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
