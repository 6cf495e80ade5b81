"""What documentation and wiki pages set beside their text, as a text dump shows it.

A heading's permalink sign ("Configuring the scheduler¶") or edit link ("History[edit]",
"History[edit source]") is the page's control, not the heading's words; nor is a
reference marker in the prose ("...of Europe.^[1]", or "Europe.[1]") part of the sentence
read aloud. Both are shapes, not names of a site: a sign or a bracketed "edit" at the end
of a short line, a bracketed number after a word or a stop.
"""

from __future__ import annotations

import re

_HEADING_CHARS = 200
"""A line with a permalink or an edit link beside it is at most this long (a heading)."""
_HEADING_MARKS = re.compile(r"(?:\s*[¶🔗]|\s#|\s*\[\s*edit(?: source)?\s*\])+\s*$", re.I)
_MARKER = r"\[(?:\d{1,3}|[a-z]|citation needed)\](?=\W|$)"
_REFERENCE = re.compile(rf"(?<=[\w.,;:!?)\"”’])\^{_MARKER}|(?<=[.,;:!?)\"”’]){_MARKER}")
"""A marker in superscript (w3m writes "^[1]") after a word, or a plain one after a stop:
"v[1]" in a sentence about code is an index, not a reference."""


def without_heading_marks(text: str) -> str:
    """ "History[edit]" -> "History"; "The configuration file¶" -> "The configuration file"."""
    if len(text) > _HEADING_CHARS or not _HEADING_MARKS.search(text):
        return text
    return _HEADING_MARKS.sub("", text) or text


def without_references(text: str) -> str:
    """ "...one of the largest in Europe.^[1] Its shores" -> "...in Europe. Its shores"."""
    return _REFERENCE.sub("", text) if "[" in text else text
