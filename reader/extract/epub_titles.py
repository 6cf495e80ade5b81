"""The navigation document's titles placed in a chapter, as headings of the outline.

A title the chapter opens with (its heading, or title lines such as "PART ONE") is made the
heading, not repeated; where the chapter's opening headings say more ("Chapter 1" and "The
Boat" for the entry "1. The Boat"), they are joined into one heading; otherwise the title
is put above. An entry naming a place in the chapter (a fragment) does the same there. The
chapter's own other headings go below the outline's levels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.extract import shapes
from reader.safe_text import sanitize_line


@dataclass(frozen=True)
class TocEntry:
    """A navigation document's entry: the document (and place in it) it names."""

    path: str
    fragment: str
    title: str
    depth: int


HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TITLE_TAGS = frozenset({"p", "div", "span", "header", "a", "b", "strong", "em"})
_MAX_LEADING = 4
"""A chapter opens with at most this many headings and title lines ("Chapter 1", its name)."""
FLOW = frozenset({"body", "div", "section", "article", "main", "header", "footer", "aside"})
"""Elements whose children are blocks: a heading can go among them."""


def place_titles(body: Any, entries: list[TocEntry]) -> None:
    """Put the outline's titles (`entries` naming this chapter) in its `body`."""
    if not entries:
        return
    ids = {element.get("id"): element for element in body.iter() if element.get("id")}
    chosen: set[Any] = set()
    whole: list[TocEntry] = []
    for entry in entries:
        target = ids.get(entry.fragment) if entry.fragment else None
        if target is None:
            whole.append(entry)
            continue
        heading = next(target.iterancestors(*HEADINGS), None)
        if target.tag in HEADINGS or heading is not None:
            _choose(target if heading is None else heading, entry, chosen)
        else:
            _head(target, entry, chosen)
    for entry in sorted(whole, key=lambda entry: -entry.depth):
        _head(body, entry, chosen)
    below = min(6, max(entry.depth for entry in entries) + 1)
    for element in body.iter(*HEADINGS):
        if element not in chosen and int(element.tag[1]) < below:
            element.tag = f"h{below}"


def _choose(element: Any, entry: TocEntry, chosen: set[Any]) -> None:
    element.tag = f"h{min(6, entry.depth)}"
    chosen.add(element)


def _head(scope: Any, entry: TocEntry, chosen: set[Any]) -> None:
    """The title of `entry` at the start of `scope`: the title lines it opens with become
    the heading when they say no more than the title, or stay (as the heading) when they
    say more; otherwise a heading is put above."""
    from lxml import html as lxml_html

    title = shapes.normal(entry.title)
    leading = [element for element in _leading(scope, title) if element not in chosen]
    texts = [shapes.normal(element.text_content()) for element in leading]
    if leading and all(_within(text, title) for text in texts):
        first = leading[0]
        first[:] = []
        first.text = entry.title
        for element in leading[1:]:
            element.drop_tree()
        _choose(first, entry, chosen)
        return
    if leading and leading[0].tag in HEADINGS and _within(title, " ".join(texts)):
        lines = [sanitize_line(element.text_content()) for element in leading]
        first = leading[0]
        first[:] = []
        first.text = lines[0]
        for line, element in zip(lines[1:], leading[1:], strict=True):
            first.text += f"{'' if first.text[-1:] in '.:—–-' else '.'} {line}"
            element.drop_tree()
        _choose(first, entry, chosen)
        return
    heading = lxml_html.Element("h1")
    heading.text = entry.title
    _choose(heading, entry, chosen)
    if scope.tag in FLOW:
        heading.tail, scope.text = scope.text, None
        scope.insert(0, heading)
        return
    while scope.getparent() is not None and scope.getparent().tag not in FLOW:
        scope = scope.getparent()
    scope.addprevious(heading)


def _leading(scope: Any, title: str) -> list[Any]:
    """The headings (and short lines saying part of `title`) `scope` opens with, before
    any other text."""
    from lxml import etree

    found: list[Any] = []
    if (scope.text or "").strip():
        return found
    walker = etree.iterwalk(scope, events=("start", "end"))
    for event, element in walker:
        if element is scope or not isinstance(element.tag, str):
            continue
        if event == "start":
            text = shapes.normal(element.text_content())
            if element.tag in HEADINGS or (
                element.tag in _TITLE_TAGS and text and _within(text, title)
            ):
                if text:
                    found.append(element)
                walker.skip_subtree()
            elif (element.text or "").strip():
                break
        elif (element.tail or "").strip() or len(found) >= _MAX_LEADING:
            break
    return found


def _within(part: str, whole: str) -> bool:
    return f" {part} " in f" {whole} "
