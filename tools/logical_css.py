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


# Four-value shorthands name top, right, bottom, left; where right and left
# differ, the block and inline pairs keep the sides with the reading direction.
BOX_SHORTHANDS = {
    "margin": ("margin-block", "margin-inline"),
    "padding": ("padding-block", "padding-inline"),
    "inset": ("inset-block", "inset-inline"),
    "scroll-margin": ("scroll-margin-block", "scroll-margin-inline"),
    "scroll-padding": ("scroll-padding-block", "scroll-padding-inline"),
    "border-width": ("border-block-width", "border-inline-width"),
    "border-style": ("border-block-style", "border-inline-style"),
    "border-color": ("border-block-color", "border-inline-color"),
}
# A declaration of one property; the lookbehind keeps out custom properties
# (--x-padding) and longer names (scroll-margin for margin).
SHORTHAND = r"(?<=[;{{\s])({names})(\s*:\s*)([^;{{}}]+?)(\s*!important)?(?=\s*[;}}])"
RADIUS_CORNERS = (
    "border-start-start-radius",
    "border-start-end-radius",
    "border-end-end-radius",
    "border-end-start-radius",
)


def _side(word: str) -> str:
    return SIDES[word]


def split_values(value: str) -> list[str]:
    """Space-separated values, keeping var(...) and calc(...) whole."""
    parts, depth, current = [], 0, ""
    for char in value.strip():
        depth += (char == "(") - (char == ")")
        if char.isspace() and depth == 0:
            if current:
                parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current] if current else parts


def _box(match: re.Match) -> str:
    prop, colon, value, important = match[1], match[2], match[3], match[4] or ""
    values = split_values(value)
    if len(values) != 4 or values[1] == values[3]:
        return match[0]
    top, right, bottom, left = values
    block, inline = BOX_SHORTHANDS[prop]
    return (
        f"{block}{colon}{top} {bottom}{important}; "
        f"{inline}{colon}{left} {right}{important}"
    )


def radius_corners(value: str) -> list[str] | None:
    """Top-left, top-right, bottom-right, bottom-left; None for elliptic radii."""
    values = split_values(value)
    if "/" in value or not 1 <= len(values) <= 4:
        return None
    if len(values) == 1:
        return values * 4
    if len(values) == 2:
        return values * 2
    if len(values) == 3:
        return [*values, values[1]]
    return values


def _radius(match: re.Match) -> str:
    colon, important = match[2], match[4] or ""
    corners = radius_corners(match[3])
    if corners is None:
        return match[0]
    top_left, top_right, bottom_right, bottom_left = corners
    if [top_right, top_left, bottom_left, bottom_right] == corners:
        return match[0]  # the same in both directions
    return "; ".join(
        f"{name}{colon}{corner}{important}"
        for name, corner in zip(RADIUS_CORNERS, corners, strict=True)
    )


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
        r"\b(float|clear)(\s*:\s*)(left|right)\b",
        lambda m: f"{m[1]}{m[2]}{_side(m[3])}",
        css,
    )
    css = re.sub(SHORTHAND.format(names="|".join(BOX_SHORTHANDS)), _box, css)
    css = re.sub(SHORTHAND.format(names="border-radius"), _radius, css)
    return css


def main(source: str, target: str) -> None:
    text = Path(source).read_text(encoding="utf-8")
    out = Path(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_logical(text), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
