"""Fail when a user-visible string has no translation, or a fuzzy one.

Runs ``makemessages`` first so that a string added to the code but not to
the catalogues counts as untranslated. The catalogue is left untouched
when only its header date would change.

German is the staff interface's language: every message needs it. The other
portal languages (Leichte Sprache, Arabic, Farsi, Ukrainian, Russian,
Turkish) need every message the public can see: those used in the files
under PUBLIC_PATHS. Staff-only messages may stay empty there, since the
staff interface is not offered in those languages.
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
IGNORE = ["--ignore=.venv", "--ignore=node_modules", "--ignore=var", "--ignore=bench"]
STAFF_LANGUAGE = "de"
# Every portal language but English, the language of the source strings.
REQUIRED = ["de", "ls", "ar", "fa", "uk", "ru", "tr"]
PUBLIC_PATHS = (
    "portal/",
    "pages/",
    "lib/",
    "cases/topics.py",
    "templates/portal/",
    "templates/pages/",
    "templates/forms/",
    "templates/django/",
    # Consultation hours: the public pages, the booking and its e-mails.
    "schedule/public_views.py",
    "schedule/public_forms.py",
    "schedule/actions.py",
    "schedule/feeds.py",
    "schedule/templatetags/hours.py",
    "templates/schedule/public/",
    "templates/schedule/email/",
    # The access report (Art. 15) is written in the person's language.
    "privacy/disclosure.py",
    "templates/privacy/pdf/",
)


def refresh(po_path: Path, domain: str) -> None:
    language = po_path.parent.parent.name
    before = po_path.read_text(encoding="utf-8")
    old_ids = {(e.msgctxt, e.msgid) for e in polib.pofile(before)}
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-d",
            domain,
            "-l",
            language,
            "--no-obsolete",
            "-v",
            "0",
            *IGNORE,
        ],
        cwd=ROOT,
        check=True,
    )
    new_ids = {(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path))}
    if new_ids == old_ids:
        po_path.write_text(before, encoding="utf-8")


def report_msgids() -> set[str]:
    """Field names and choices the access report takes from the models."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    import django

    django.setup()
    from privacy.disclosure import report_msgids as collected

    return collected()


def is_public(entry: polib.POEntry, reported: frozenset[str]) -> bool:
    if entry.msgid in reported:
        return True
    return any(path.startswith(PUBLIC_PATHS) for path, _line in entry.occurrences)


def problems(
    po_path: Path, public_only: bool = False, reported: frozenset[str] = frozenset()
) -> list[str]:
    found = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete or (public_only and not is_public(entry, reported)):
            continue
        where = f"{po_path.relative_to(ROOT)}: {entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {where}")
        elif not entry.translated():
            found.append(f"untranslated: {where}")
    return found


def main() -> int:
    catalogues = sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
    found: list[str] = [
        f"missing catalogue: locale/{code}/LC_MESSAGES/django.po"
        for code in REQUIRED
        if not (ROOT / "locale" / code / "LC_MESSAGES" / "django.po").exists()
    ]
    reported = frozenset(report_msgids())
    for po_path in catalogues:
        refresh(po_path, po_path.stem)
        public_only = po_path.parent.parent.name != STAFF_LANGUAGE
        found += problems(po_path, public_only, reported)
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} problems (add the catalogue or edit the .po files).")
        return 1
    print(f"translations complete in {len(catalogues)} catalogues")
    return 0


if __name__ == "__main__":
    sys.exit(main())
