"""First German texts of the pages every office must have.

Staff adapt them; they are a start that is already true for an office using
Lotse: what the portal does, which data it keeps, where it still has
barriers. Contact data is not written into the texts: the imprint shows the
office's address, phone and e-mail from its record, so that a change there
reaches the page. Where the law differs between the federal states (who
enforces accessibility, who supervises data protection), a Saxon office
gets the Saxon bodies named and the others a general sentence.

The texts live in ``texts/starter/`` as Markdown files: the title on the
first line, then an empty line, then the body. ``<kind>.<language>.md`` is
a translation that comes with the starter (the Leichte Sprache version of
the page about the site, which is the point of that page).
"""

from dataclasses import dataclass
from pathlib import Path

from portal.languages import CODES, SOURCE

from .models import Kind

TEXTS = Path(__file__).resolve().parent / "texts"


@dataclass(frozen=True)
class Starter:
    slug: str
    title: str
    body: str


SLUGS = {
    Kind.START: "start",
    Kind.ACCESSIBILITY: "barrierefreiheit",
    Kind.EASY_LANGUAGE: "leichte-sprache",
    Kind.IMPRINT: "impressum",
    Kind.PRIVACY: "datenschutz",
}
# The placeholder in a text and the file whose state version replaces it.
STATE_PARTS = {Kind.ACCESSIBILITY: "enforcement", Kind.PRIVACY: "supervision"}


def read_text(path: Path) -> tuple[str, str]:
    """Title and body of a text file."""
    title, _blank, body = path.read_text(encoding="utf-8").partition("\n\n")
    return title.strip(), body.strip()


def starter(kind: str, federal_state: str) -> Starter:
    """The first German text of a required page for an office in this state."""
    title, body = read_text(TEXTS / "starter" / f"{kind}.md")
    part = STATE_PARTS.get(Kind(kind))
    if part:
        body = body.replace("{" + part + "}", _state_part(part, federal_state))
    return Starter(SLUGS[Kind(kind)], title, body)


def starter_translations(kind: str) -> dict[str, tuple[str, str]]:
    """Translations that come with a starter text (``<kind>.<language>.md``).

    Only for texts that are the same in every state, so that a translation
    never belongs to another German text than the office's.
    """
    if Kind(kind) in STATE_PARTS:
        return {}
    found = {}
    for path in sorted((TEXTS / "starter").glob(f"{kind}.*.md")):
        code = path.name.split(".")[1]
        if code in CODES and code != SOURCE.code:
            found[code] = read_text(path)
    return found


def _state_part(name: str, federal_state: str) -> str:
    state_file = TEXTS / "starter" / f"{name}.{federal_state}.md"
    general = TEXTS / "starter" / f"{name}.md"
    path = state_file if federal_state and state_file.exists() else general
    return path.read_text(encoding="utf-8").strip()
