"""The article's footnotes, set after it in a box of their own that readability passed over.

A book or a documentation page numbers its notes in the text and lists them after the
last section, in a container named for them (`class="footnotes"`, `data-type="footnotes"`,
`role="doc-endnotes"`); readability keeps the sections and leaves the box, a sibling with
no paragraph score of its own, so the markers pointed at nothing.
"""

from __future__ import annotations

import re
from typing import Any

from reader.extract import shapes
from reader.extract.markup import without_controls

_NOTES = re.compile(r"\b(?:doc-)?(?:foot|end)notes?\b", re.IGNORECASE)
_REACH = 4
"""The box sits beside the last paragraph or beside one of this many of its ancestors."""
_NOTE_TAGS = ("p", "li", "dd")


def trailing_notes(last: Any, kept: set[str]) -> list[Any]:
    """The notes in the footnote box that follows the element `last` (the article's last
    paragraph) or one of its nearest ancestors, in order; copies without controls, none
    whose text is in `kept`."""
    element = last
    for _ in range(_REACH):
        for sibling in element.itersiblings():
            if isinstance(sibling.tag, str) and _is_notes_box(sibling):
                innermost = [
                    note
                    for note in sibling.iter(*_NOTE_TAGS)
                    if len(list(note.iter(*_NOTE_TAGS))) == 1  # (a note holding notes: them)
                ]
                return [
                    note
                    for note in map(without_controls, innermost)
                    if (key := shapes.normal(note.text_content())) and key not in kept
                ]
        element = element.getparent()
        if element is None or element.tag in ("body", "html"):
            break
    return []


def _is_notes_box(element: Any) -> bool:
    names = " ".join(element.get(name) or "" for name in ("class", "id", "data-type", "role"))
    return bool(_NOTES.search(names))
