"""tools/logical_css.py: KERN's physical left/right turn into logical sides."""

import re
from pathlib import Path

from tools.logical_css import split_values, to_logical

BASE = Path(__file__).resolve().parent.parent
KERN_SOURCE = BASE / "node_modules" / "@kern-ux" / "native" / "dist" / "kern.css"
KERN_SERVED = BASE / "var" / "assets" / "kern.css"
LOTSE_CSS = BASE / "static" / "css" / "lotse.css"

PHYSICAL_NAME = re.compile(
    r"^(?:(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)"
    r"|border-(?:top|bottom)-(?:left|right)-radius|left|right)(?:-|$)"
)
SIDE_VALUES = {"text-align", "float", "clear"}
BOX = {"margin", "padding", "inset", "border-width", "border-style", "border-color"}


def declarations(css: str):
    """Property and value of every declaration in the innermost blocks."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    for block in re.findall(r"{([^{}]*)}", css):
        # Cut at the semicolons outside quotes: data: URLs contain some.
        for declaration in re.findall(r'(?:[^;"]|"[^"]*")+', block):
            name, colon, value = declaration.partition(":")
            if colon:
                yield name.strip(), value.replace("!important", "").strip()


def is_physical(name: str, value: str) -> bool:
    if name.startswith("--"):
        return False
    if PHYSICAL_NAME.match(name):
        return True
    if name in SIDE_VALUES:
        return value in {"left", "right"}
    values = split_values(value)
    if name in BOX:
        return len(values) == 4 and values[1] != values[3]
    if name == "border-radius" and "/" not in value:
        return mirrors_differently(values)
    return False


def mirrors_differently(radii: list[str]) -> bool:
    corners = {1: radii * 4, 2: radii * 2, 3: radii + radii[1:2], 4: radii}
    top_left, top_right, bottom_right, bottom_left = corners[len(radii)]
    return (top_left, bottom_left) != (top_right, bottom_right)


def physical_declarations(css: str) -> list[str]:
    return [f"{n}: {v}" for n, v in declarations(css) if is_physical(n, v)]


def test_margin_left_becomes_margin_inline_start():
    assert to_logical(".a { margin-left: 4px; padding-right: 2px; }") == (
        ".a { margin-inline-start: 4px; padding-inline-end: 2px; }"
    )


def test_left_offset_becomes_inset_inline_start():
    assert to_logical(".a { position: absolute; left: 0; right: 8px; }") == (
        ".a { position: absolute; inset-inline-start: 0; inset-inline-end: 8px; }"
    )


def test_selectors_and_custom_properties_keep_their_left():
    css = ".icon--chevron-left:hover { --space-left: 12px; }"
    assert to_logical(css) == css


def test_text_align_left_becomes_start():
    assert to_logical(".a { text-align: left; }") == ".a { text-align: start; }"
    assert to_logical(".a { text-align:right }") == ".a { text-align:end }"


def test_float_and_clear_follow_the_reading_direction():
    assert to_logical(".a { float: left; clear: right; }") == (
        ".a { float: inline-start; clear: inline-end; }"
    )


def test_shorthand_with_different_left_and_right_becomes_block_and_inline():
    css = ".a { padding: 6px var(--x, 40px) 2px 16px !important; }"
    assert to_logical(css) == (
        ".a { padding-block: 6px 2px !important; "
        "padding-inline: 16px var(--x, 40px) !important; }"
    )


def test_symmetric_shorthands_stay_as_they_are():
    css = ".a { margin: 0 auto; padding: 1px 2px 3px 2px; border-radius: 4px; }"
    assert to_logical(css) == css


def test_asymmetric_border_radius_becomes_logical_corners():
    assert to_logical(".a { border-radius: 0 2px 2px 0; }") == (
        ".a { border-start-start-radius: 0; border-start-end-radius: 2px; "
        "border-end-end-radius: 2px; border-end-start-radius: 0; }"
    )


def test_checker_finds_what_the_conversion_removes():
    physical = ".a { margin-left: 1px; padding: 0 1px 0 2px; clear: left; }"
    assert len(physical_declarations(physical)) == 3
    assert physical_declarations(to_logical(physical)) == []


def test_converted_kern_keeps_no_physical_left_or_right():
    source = KERN_SOURCE.read_text(encoding="utf-8")
    assert physical_declarations(source), "the check would find nothing to convert"
    assert physical_declarations(to_logical(source)) == []


def test_served_kern_is_the_current_conversion():
    expected = to_logical(KERN_SOURCE.read_text(encoding="utf-8"))
    assert KERN_SERVED.read_text(encoding="utf-8") == expected, "run make assets"


def test_lotse_css_uses_logical_properties_only():
    assert physical_declarations(LOTSE_CSS.read_text(encoding="utf-8")) == []
