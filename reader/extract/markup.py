"""What documentation generators and wikis put into an article's markup that is not text.

mdBook, Sphinx, MkDocs, Docusaurus, GitHub and MediaWiki mark headings up as links to
themselves, with a permalink sign ("¶", "#", an icon) or an "[edit]" link beside them, and
wrap each heading in a `<div>` of its own. Readability reads a heading made of a link as
navigation and drops it, and keeps the signs, so these are taken away before it runs, by
shape rather than by generator: a link to a place on the same page ("#...") inside a
heading is the heading itself; one with no letters in it is a permalink sign. Reference
markers ("[1]", "[citation needed]") and footnote back-links ("^", "↩") go the same way,
and the footnotes themselves are marked so that they are kept apart from the prose.

When readability still keeps much less prose than the page's own main region (`<main>`,
`<article>`, role=main) holds, `main_region` offers that region instead.
"""

from __future__ import annotations

import copy
import re
from collections import deque
from itertools import islice
from typing import Any

FOOTNOTE = "data-reader-footnote"
"""Attribute given to a list item that is a footnote, for the block walker to keep apart
(an attribute, not a class: readability scores classes, and "foot" counts against)."""

MIN_PROSE_GAIN = 10
"""The main region replaces readability's choice when it holds this many times the prose:
readability then took a fragment (a code block, a teaser) for the article. Below that it
is trusted: a main region often holds comments and teasers beside the article."""

MIN_PROSE_MARGIN = 400
"""... and at least this many characters more (a short page's small differences stay)."""

NESTED_REGION_SHARE = 0.9
"""A region inside another is preferred while it holds this share of the larger's prose."""

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NOISE_CLASS = re.compile(r"editsection|headerlink|hash-link|anchorjs", re.IGNORECASE)
_WORD = re.compile(r"\w")
_REFERENCE_MARKER = re.compile(r"\[[^\[\]]{1,40}\]")
_MARKER_CHARS = 3
"""A superscript link to the page itself of at most this many characters is a note marker."""
_BACK_LINK = re.compile(r"[\^↑↩⤴⮐]\ufe0e?|\^?\s*[a-z]{1,2}")
_PROSE_TAGS = ("p", "pre", "li", "blockquote", "dd", *_HEADINGS)
_REGIONS = "//*[self::main or self::article or @role='main' or @itemprop='articleBody']"
"""The page's own main regions, in document order."""
_NOT_TEXT = ("script", "style", "noscript", "template", "svg", "button", "form", "select")


def tidy(root: Any) -> None:
    """Takes permalinks, edit links and reference markers out of `root`, in place."""
    for element in root.xpath("descendant-or-self::*[@class]"):
        if _NOISE_CLASS.search(element.get("class")):
            _drop(element)
    for item in list(root.iter("li")):
        if _drop_back_links(item):
            item.set(FOOTNOTE, "")
    for link in list(root.iter("a")):
        if _is_self_link(link) and not _WORD.search(link.text_content()) and not _has_image(link):
            _drop(link)  # a permalink sign or icon, in a heading or beside it
    for heading in list(root.iter(*_HEADINGS)):
        for link in list(heading.iter("a")):
            if _is_self_link(link):
                link.drop_tag()  # the heading's text, linked to itself
        _unwrap(heading)
    for sup in list(root.iter("sup")):
        if _is_reference_marker(sup):
            _drop(sup)


def main_region(root: Any, kept_prose: int) -> Any | None:
    """A copy of the page's main region, controls taken out, when it holds much more
    prose than `kept_prose` (what readability kept); else None."""
    regions = root.xpath(_REGIONS)
    measured = [(prose_chars(region), region) for region in regions]
    if not measured:
        return None
    most = max(chars for chars, _ in measured)
    if most < kept_prose * MIN_PROSE_GAIN or most < kept_prose + MIN_PROSE_MARGIN:
        return None
    rich = [region for chars, region in measured if chars >= most * NESTED_REGION_SHARE]
    deepest = max(rich, key=lambda region: sum(1 for _ in region.iterancestors()))
    return without_controls(deepest)


def without_controls(element: Any) -> Any:
    """A copy of `element` without scripts, styles, forms and buttons: text only."""
    region = copy.deepcopy(element)
    for inner in list(region.iter(*_NOT_TEXT)):
        _drop(inner)
    return region


def prose_chars(element: Any) -> int:
    """Characters of text in the paragraphs, lists, code and headings under `element`."""
    if any(parent.tag in _PROSE_TAGS for parent in element.iterancestors()):
        return 0  # all of it is inside one (counted there)
    return sum(
        len("".join(block.text_content().split())) for block in outermost(element, _PROSE_TAGS)
    )


def outermost(element: Any, tags: tuple[str, ...]) -> list[Any]:
    """The elements with one of `tags` in `element` (itself included) that are not inside
    another of them, in document order."""
    found: list[Any] = []
    elements = element.iter(*tags)
    for inner in elements:
        found.append(inner)
        nested = sum(1 for _ in inner.iter(*tags)) - 1
        if nested:
            deque(islice(elements, nested), maxlen=0)  # skips the ones inside `inner`
    return found


def _has_image(element: Any) -> bool:
    return next(element.iter("img"), None) is not None


def _is_self_link(link: Any) -> bool:
    return (link.get("href") or "").startswith("#")


def _is_reference_marker(sup: Any) -> bool:
    text = sup.text_content().strip()
    if _REFERENCE_MARKER.fullmatch(text):
        return True  # "[1]", "[a]", "[citation needed]"
    links = [link for link in sup.iter("a") if _is_self_link(link)]
    return (
        bool(links)
        and len(text) <= _MARKER_CHARS
        and "".join(a.text_content() for a in links) == text
    )


def _drop_back_links(item: Any) -> bool:
    """Removes the "^" / "↩" links from a footnote back to its marker; True if it had one."""
    found = False
    for link in list(item.iter("a")):
        if _is_self_link(link) and _BACK_LINK.fullmatch(link.text_content().strip()):
            _drop(link)
            found = True
    return found


def _unwrap(heading: Any) -> None:
    """A `<div>` holding nothing but this heading is replaced by the heading."""
    parent = heading.getparent()
    if parent is None or parent.tag != "div" or len(parent) != 1:
        return
    if (parent.text or "").strip() or (heading.tail or "").strip():
        return
    parent.drop_tag()


def _drop(element: Any) -> None:
    """Removes `element` and what it holds, keeping the text that follows it."""
    if element.getparent() is not None:
        element.drop_tree()
