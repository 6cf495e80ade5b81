"""Markdown units -> Article: structure kept, inline syntax read, nothing else removed.

Emphasis (`*em*`, `_em_`), strong text (`**strong**`, `__strong__`), inline code and
links lose their markers and become the block's inline spans; images go (their alt text
is not running prose); a pipe table's cells lose their markers and keep their text.
Plain-text scrapes never come here: their asterisks stay.
"""

from __future__ import annotations

import re

from reader.extract.inline_html import link_target, openable
from reader.extract.sentences import with_sentences
from reader.extract.tables import cells_block
from reader.extract.units import Unit
from reader.model import Article, Block, BlockKind, Inline, InlineStyle

_MARKUP = re.compile(
    r"(?P<image>!\[[^\]]*\]\([^)]*\))"
    r"|\[(?P<label>[^\]]+)\]\((?P<href>(?:[^()\s]|\([^()\s]*\))+)(?:\s+\"[^\"]*\")?\)"
    r"|`(?P<code>[^`]+)`"
    r"|(?P<mark>\*\*|__)(?P<strong>\S(?:.*?\S)?)(?P=mark)"
    r"|\*(?P<star>[^\s*](?:.*?[^\s*])?)\*"
    r"|(?<!\w)_(?P<under>[^\s_](?:.*?[^\s_])?)_(?!\w)",
    re.DOTALL,
)
_TITLE_UNITS = 3
"""A level-1 heading among the first this many units is the document's title."""


def markdown_article(units: list[Unit], source: str) -> Article:
    title = ""
    for index, unit in enumerate(units[:_TITLE_UNITS]):
        if unit.kind is BlockKind.HEADING and unit.level == 1:
            title = inline_markdown(unit.text)[0]
            units = units[:index] + units[index + 1 :]
            break
    blocks = []
    for unit in units:
        if unit.kind is BlockKind.CODE:
            blocks.append(Block(unit.kind, unit.text, unit.level))
        elif unit.rows is not None and (table := _table(unit.rows, header=unit.header)):
            blocks.append(table)
        else:
            text, inline = inline_markdown(unit.text)
            inline = _followable(inline, source if openable(source) else None)
            blocks.append(Block(unit.kind, text, unit.level, inline=inline))
    return Article(source=source, title=title, blocks=with_sentences(b for b in blocks if b.text))


def _followable(spans: tuple[Inline, ...], page: str | None) -> tuple[Inline, ...]:
    """The spans with each link's address made absolute, and a link that may not be
    followed (javascript:, data:, file:, relative in a file) made plain text, as on a web
    page."""
    kept = []
    for span in spans:
        if span.style is not InlineStyle.LINK:
            kept.append(span)
        elif (target := link_target(span.href or "", page)) is not None:
            kept.append(Inline(span.start, span.end, span.style, target))
    return tuple(kept)


def _table(rows: list[list[str]], *, header: bool) -> Block | None:
    """A pipe table whose cells lose their Markdown markers (a table's cells hold text)."""
    return cells_block([[inline_markdown(cell)[0] for cell in row] for row in rows], header=header)


def inline_markdown(text: str) -> tuple[str, tuple[Inline, ...]]:
    """Markdown inline syntax read: the text without its markers, and the spans they made."""
    pieces: list[str] = []
    spans: list[Inline] = []
    _read(text, pieces, spans, 0)
    joined = "".join(pieces)
    stripped = joined.strip()
    cut = len(joined) - len(joined.lstrip())
    kept = []
    for span in spans:
        start, end = max(0, span.start - cut), min(len(stripped), span.end - cut)
        if start < end:
            kept.append(Inline(start, end, span.style, span.href))
    return stripped, tuple(sorted(kept, key=lambda s: (s.start, -s.end)))


def _read(text: str, pieces: list[str], spans: list[Inline], offset: int) -> int:
    """Appends `text` without its markers to `pieces` (which hold `offset` characters so
    far) and its spans to `spans`; returns the new length."""
    previous = 0
    for match in _MARKUP.finditer(text):
        before = text[previous : match.start()]
        pieces.append(before)
        offset += len(before)
        previous = match.end()
        if match["image"]:
            continue
        if match["code"]:
            pieces.append(match["code"])
            spans.append(Inline(offset, offset + len(match["code"]), InlineStyle.CODE))
            offset += len(match["code"])
            continue
        style, inner, href = _kind(match)
        start = offset
        offset = _read(inner, pieces, spans, offset)
        spans.append(Inline(start, offset, style, href))
    rest = text[previous:]
    pieces.append(rest)
    return offset + len(rest)


def _kind(match: re.Match[str]) -> tuple[InlineStyle, str, str | None]:
    if match["label"]:
        return InlineStyle.LINK, match["label"], match["href"]
    if match["strong"]:
        return InlineStyle.STRONG, match["strong"], None
    return InlineStyle.EMPHASIS, match["star"] or match["under"], None
