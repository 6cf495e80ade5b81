"""Markdown units -> Article: structure kept, inline syntax dropped, nothing else removed."""

from __future__ import annotations

import re

from reader.extract.sentences import with_sentences
from reader.extract.units import Unit
from reader.model import Article, Block, BlockKind

_MD_LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]+)\]\([^)\s]+(?:\s+\"[^\"]*\")?\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1|`([^`]+)`")
_TITLE_UNITS = 3
"""A level-1 heading among the first this many units is the document's title."""


def markdown_article(units: list[Unit], source: str) -> Article:
    title = ""
    for index, unit in enumerate(units[:_TITLE_UNITS]):
        if unit.kind is BlockKind.HEADING and unit.level == 1:
            title = _inline(unit.text)
            units = units[:index] + units[index + 1 :]
            break
    blocks = [
        Block(
            unit.kind, unit.text if unit.kind is BlockKind.CODE else _inline(unit.text), unit.level
        )
        for unit in units
    ]
    return Article(source=source, title=title, blocks=with_sentences(b for b in blocks if b.text))


def _inline(text: str) -> str:
    """Markdown inline syntax off: links become their text, images and emphasis marks go."""
    text = _MD_LINK.sub(lambda m: m.group(1) or "", text)
    return _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text).strip()
