"""A figure caption's text, its parts kept apart and a credit said once.

News sites build a caption from spans with no space between them, and say "Credit" twice
(once for screen readers): the text of `<span>…underground.</span><span>Credit</span>
<span>Credit</span><span>Chang W. Lee</span>` runs together as "underground.CreditCredit
Chang W. Lee". Where one element's text ends and the next begins as a new word would (a
capital after a lower-case letter or a full stop), a space goes between them; then a
capitalised word said twice in a row is said once.
"""

from __future__ import annotations

import re
from typing import Any

from reader.safe_text import sanitize_line

_SAID_TWICE = re.compile(r"\b([A-Z][\w’']+)(?:\s+\1\b)+")
_ENDS_WORD = frozenset(".,;:!?)]”’")


def caption_text(element: Any) -> str:
    pieces: list[str] = []
    _gather(element, pieces)
    return _SAID_TWICE.sub(r"\1", sanitize_line("".join(pieces)))


def _gather(element: Any, pieces: list[str]) -> None:
    _add(pieces, element.text or "")
    for child in element:
        if isinstance(child.tag, str):
            _gather(child, pieces)
        _add(pieces, child.tail or "")


def _add(pieces: list[str], text: str) -> None:
    if not text:
        return
    if pieces and _new_word(pieces[-1], text):
        pieces.append(" ")
    pieces.append(text)


def _new_word(before: str, text: str) -> bool:
    """A capital right after a lower-case letter or punctuation starts a word of its own."""
    return text[0].isupper() and (before[-1].islower() or before[-1] in _ENDS_WORD)
