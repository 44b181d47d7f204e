"""Fail when a user-visible string has no translation, or a fuzzy one.

Runs ``makemessages`` first so that a string added to the code but not to
the catalogues counts as untranslated. The catalogue is left untouched
when only its header date would change.
"""

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
IGNORE = ["--ignore=.venv", "--ignore=node_modules", "--ignore=var", "--ignore=bench"]


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


def problems(po_path: Path) -> list[str]:
    found = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete:
            continue
        where = f"{po_path.relative_to(ROOT)}: {entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {where}")
        elif not entry.translated():
            found.append(f"untranslated: {where}")
    return found


def main() -> int:
    catalogues = sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
    if not catalogues:
        print("no message catalogues found under locale/")
        return 1
    found: list[str] = []
    for po_path in catalogues:
        refresh(po_path, po_path.stem)
        found += problems(po_path)
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} messages need a translation (edit the .po files).")
        return 1
    print(f"translations complete in {len(catalogues)} catalogues")
    return 0


if __name__ == "__main__":
    sys.exit(main())
