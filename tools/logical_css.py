"""Rewrite KERN's stylesheet with logical CSS properties for right-to-left.

KERN UX writes ``margin-left``, ``padding-right``, ``left:`` and the like,
which stay on the physical side when a page turns right-to-left (Arabic,
Farsi). Logical properties (``margin-inline-start``...) follow the ``dir``
of the page and are identical to the physical ones in left-to-right, so one
rewritten stylesheet serves every language. Run by ``make assets``.

Usage: python tools/logical_css.py SOURCE.css TARGET.css
"""

import re
import sys
from pathlib import Path

SIDES = {"left": "inline-start", "right": "inline-end"}
CORNERS = {
    "top-left": "start-start",
    "top-right": "start-end",
    "bottom-left": "end-start",
    "bottom-right": "end-end",
}


def _side(word: str) -> str:
    return SIDES[word]


def to_logical(css: str) -> str:
    css = re.sub(
        r"\b(margin|padding)-(left|right)\b", lambda m: f"{m[1]}-{_side(m[2])}", css
    )
    css = re.sub(r"\bborder-(left|right)\b", lambda m: f"border-{_side(m[1])}", css)
    css = re.sub(
        r"\bborder-(top|bottom)-(left|right)-radius\b",
        lambda m: f"border-{CORNERS[m[1] + '-' + m[2]]}-radius",
        css,
    )
    css = re.sub(
        r"(?<=[;{\s])(left|right)(\s*:)", lambda m: f"inset-{_side(m[1])}{m[2]}", css
    )
    css = re.sub(
        r"\btext-align(\s*:\s*)(left|right)\b",
        lambda m: f"text-align{m[1]}{'start' if m[2] == 'left' else 'end'}",
        css,
    )
    css = re.sub(
        r"\bfloat(\s*:\s*)(left|right)\b", lambda m: f"float{m[1]}{_side(m[2])}", css
    )
    return css


def main(source: str, target: str) -> None:
    text = Path(source).read_text(encoding="utf-8")
    out = Path(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_logical(text), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
