"""Staff write page texts in Markdown; the portal shows them as safe HTML.

Raw HTML in a text is shown as text (``html=False``), links go only to
web, mail and phone addresses or within the site, and images are off: an
image from another server would make every reader's browser ask a third
party, which the portal promises not to do.
"""

import re
from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


def is_allowed_link(url: str) -> bool:
    # A colon before the first "/", "?" or "#" is what makes a scheme; an
    # address without one is relative (a path or an anchor on this site).
    head = re.split(r"[/?#]", url, maxsplit=1)[0]
    scheme, colon, _rest = head.partition(":")
    return not colon or scheme.strip().lower() in ALLOWED_SCHEMES


def shift_headings(state: StateCore) -> None:
    # The page title is the page's h1, so the body's "#" is an h2.
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = int(token.tag[1])
            token.tag = f"h{min(level + 1, 6)}"


class PageMarkdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:  # noqa: N802 (markdown-it's name)
        # Keep markdown-it's own check (javascript:, vbscript:, data:) first.
        return super().validateLink(url) and is_allowed_link(url)


def _parser() -> MarkdownIt:
    # A line break in the text field stays a line break, as staff expect from
    # a text box; Leichte Sprache puts each sentence on its own line.
    md = PageMarkdown("commonmark", {"html": False, "linkify": False, "breaks": True})
    md.options["xhtmlOut"] = False
    md.enable("table")
    md.disable("image")
    md.core.ruler.after("block", "shift_headings", shift_headings)
    return md


PARSER = _parser()


# The same few texts are shown on every request; rendering is pure, so the
# last results are kept (bounded: a text has at most 50,000 characters).
@lru_cache(maxsize=64)
def _render(body: str) -> str:
    return PARSER.render(body)


def render(body: str) -> SafeString:
    return mark_safe(_render(body))  # noqa: S308 (escaped by the renderer above)
