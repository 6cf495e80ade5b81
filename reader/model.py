"""The article as plain data: what every layer passes around.

Everything here is frozen and free of I/O, so extraction, narration and the TUI can share
one `Article` across threads and processes without copies or locks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"
    LIST_ITEM = "list_item"
    CAPTION = "caption"
    CODE = "code"
    TABLE = "table"


class InlineStyle(StrEnum):
    EMPHASIS = "emphasis"
    STRONG = "strong"
    CODE = "code"
    LINK = "link"


_NUMBERED = re.compile(r"\d{1,3}[.)] ")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range `[start, end)` inside one block's text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Inline:
    """Emphasis, strong text, inline code or a link over `[start, end)` of a block's text.
    The text itself carries no markers: these are drawn (and written as Markdown) apart."""

    start: int
    end: int
    style: InlineStyle
    href: str | None = None
    """Where a link goes (absolute when the page's address was known)."""


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str
    level: int = 0
    """Heading level (1-6) for headings, 0 otherwise."""
    sentences: tuple[Span, ...] = field(default=(), compare=False)
    """Sentence spans of `text`, filled by extraction (`reader.extract.sentences`); empty
    when the block was never split, which reads as one sentence."""
    inline: tuple[Inline, ...] = field(default=(), compare=False)
    """Emphasis, code and links inside `text`, outermost first where they nest."""
    rows: tuple[tuple[str, ...], ...] = field(default=(), compare=False)
    """A table's cells, row by row, all rows as long (a cell spanning columns is followed
    by empty ones); `text` is what is read aloud, one line per row."""
    header: bool = False
    """The first of `rows` is the table's header row (named in each line of `text`)."""

    @property
    def links(self) -> tuple[Inline, ...]:
        """The links of this block, in reading order."""
        return tuple(span for span in self.inline if span.style is InlineStyle.LINK)

    @property
    def is_numbered(self) -> bool:
        """A list item of an ordered list: its number is part of its text (shown and read)."""
        return self.kind is BlockKind.LIST_ITEM and _NUMBERED.match(self.text) is not None

    @property
    def is_body(self) -> bool:
        """Captions are shown (dimmed) but are not part of the article's running text."""
        return self.kind is not BlockKind.CAPTION


@dataclass(frozen=True, slots=True, order=True)
class Position:
    """Where the reader or the narrator is: block, sentence within it, character within it."""

    block: int = 0
    sentence: int = 0
    char: int = 0


@dataclass(frozen=True)
class Article:
    source: str
    title: str
    blocks: tuple[Block, ...]
    byline: str | None = None
    site: str | None = None
    section: str | None = None
    published: str | None = None
    lang: str | None = None
    credit: str | None = None
    """Agency or source credit such as "CNA/fh": metadata, never body text."""
    left_out: int = 0
    """Characters of prose-shaped text in the source that cleaning left out (see
    `reader.extract.coverage`): what the reader says, offering the whole text."""

    @property
    def text(self) -> str:
        """The body: every block but captions, one per paragraph, blank line between."""
        return "\n\n".join(block.text for block in self.blocks if block.is_body)

    @property
    def metadata_line(self) -> str:
        """`section · byline (or credit) · date`, skipping what is unknown."""
        parts = [self.section, self.byline or self.credit or self.site, self.published]
        return " · ".join(part for part in parts if part)

    @property
    def is_split(self) -> bool:
        """Whether every block carries its sentence spans (an old cached copy does not)."""
        return all(block.sentences for block in self.blocks)

    def sentences(self, block: int) -> tuple[Span, ...]:
        """Sentence spans of one block, as extraction made them; a block never split is
        one sentence."""
        found = self.blocks[block]
        return found.sentences or (Span(0, len(found.text)),)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "byline": self.byline,
            "site": self.site,
            "section": self.section,
            "published": self.published,
            "lang": self.lang,
            "credit": self.credit,
            "left_out_prose_chars": self.left_out,
            "blocks": [_block_dict(b) for b in self.blocks],
            "text": self.text,
        }

    def to_plain_text(self) -> str:
        head = [self.title] if self.title else []
        if self.metadata_line:
            head.append(self.metadata_line)
        return "\n\n".join([*head, *(block.text for block in self.blocks)]) + "\n"


def article_from_dict(data: dict[str, Any]) -> Article:
    """The inverse of `Article.to_dict` (for cached copies)."""
    blocks = tuple(
        Block(
            BlockKind(b["kind"]),
            b["text"],
            b.get("level", 0),
            tuple(Span(start, end) for start, end in b.get("sentences", ())),
            tuple(_inline_from(item) for item in b.get("inline", ())),
            tuple(tuple(str(cell) for cell in row) for row in b.get("rows", ())),
            bool(b.get("header", False)),
        )
        for b in data["blocks"]
    )
    meta = ("byline", "site", "section", "published", "lang", "credit")
    return Article(
        source=data["source"],
        title=data["title"],
        blocks=blocks,
        left_out=int(data.get("left_out_prose_chars") or 0),
        **{key: data.get(key) for key in meta},
    )


def _block_dict(block: Block) -> dict[str, Any]:
    found: dict[str, Any] = {"kind": str(block.kind), "text": block.text}
    if block.level:
        found["level"] = block.level
    if block.sentences:
        found["sentences"] = [[span.start, span.end] for span in block.sentences]
    if block.inline:
        found["inline"] = [_inline_dict(span) for span in block.inline]
    if block.rows:
        found["rows"] = [list(row) for row in block.rows]
        found["header"] = block.header
    return found


def _inline_dict(span: Inline) -> dict[str, Any]:
    found: dict[str, Any] = {"start": span.start, "end": span.end, "style": str(span.style)}
    if span.href is not None:
        found["href"] = span.href
    return found


def _inline_from(item: dict[str, Any]) -> Inline:
    return Inline(item["start"], item["end"], InlineStyle(item["style"]), item.get("href"))


# --- navigation -------------------------------------------------------------------------


def first_body_block(article: Article) -> int:
    """Where reading starts: the first block that is not a caption (a photo caption often
    comes before the text)."""
    return next((i for i, block in enumerate(article.blocks) if block.is_body), 0)


def next_sentence(
    article: Article,
    position: Position,
    step: int = 1,
    lands_on: Callable[[Block], bool] | None = None,
) -> Position:
    """The start of the sentence `step` sentences away, crossing block borders into the
    blocks `lands_on` accepts (all of them without it); where there is none further, the
    nearest sentence reached."""
    block, sentence = position.block, position.sentence
    direction = 1 if step > 0 else -1
    for _ in range(abs(step)):
        if 0 <= sentence + direction < len(article.sentences(block)):
            sentence += direction
            continue
        following = block + direction
        while 0 <= following < len(article.blocks) and not (
            lands_on is None or lands_on(article.blocks[following])
        ):
            following += direction
        if not 0 <= following < len(article.blocks):
            break
        block = following
        sentence = 0 if direction > 0 else max(0, len(article.sentences(block)) - 1)
    spans = article.sentences(block)
    char = spans[sentence].start if sentence < len(spans) else 0
    return Position(block, sentence, char)


def sentence_at(article: Article, block: int, char: int) -> int:
    """Index of the sentence of `block` that holds character `char`."""
    spans = article.sentences(block)
    for index, span in enumerate(spans):
        if char < span.end:
            return index
    return max(0, len(spans) - 1)
