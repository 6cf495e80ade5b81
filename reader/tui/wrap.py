"""An article broken into the screen rows of a reading column, and the way back.

Pure data, no Textual: `ArticleView` draws row `y` from `rows.block[y]`, `rows.start[y]`
and `rows.end[y]` (a character range of that block's text) and finds the rows of a
sentence, a word or a search match through `row_of`. Three parallel lists of ints keep a
book's hundred thousand rows cheap to build and to hold.

Wrapping is greedy at spaces. Text whose characters are all one cell wide (nearly all
Western text, curly quotes and dashes included) is measured by `len` and cut with
`str.rfind`, which keeps a 5 MB book to tens of milliseconds; text with wide or zero-width
characters (CJK, combining marks) is measured cell by cell.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from rich.cells import get_character_cell_size

from reader.model import Article, Block, BlockKind
from reader.tui.table_grid import GridLine, LineKind, grid

TITLE = -1
METADATA = -2
BLANK = -3
"""Row owners that are not blocks; blocks are 0, 1, 2, ..."""

INDENT = {BlockKind.QUOTE: 4, BlockKind.LIST_ITEM: 2, BlockKind.CODE: 2, BlockKind.TABLE: 2}
BULLET = "• "
"""A list item's first row starts with the bullet; its other rows hang under the text."""


@dataclass(frozen=True)
class Shape:
    """The column: text width in cells and blank rows between paragraphs."""

    width: int
    spacing: int = 1


@dataclass
class Rows:
    """Screen rows of an article for one `Shape`, blocks `first` to `stop - 1` of them."""

    shape: Shape
    block: list[int] = field(default_factory=list)
    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    first_row: dict[int, int] = field(default_factory=dict)
    """Block -> its first row; `first_row[stop]` is the row after the last block's."""
    first: int = 0
    stop: int = 0
    drawn: dict[int, tuple[str, LineKind]] = field(default_factory=dict)
    """Rows drawn from text of their own, not from their block's: a table's grid lines.
    Each covers the characters of the row it shows in its block's text (the header and
    its rule: none, -1), so the rows of one table row share a start."""

    def __len__(self) -> int:
        return len(self.block)

    def covers(self, count: int) -> bool:
        """True when these are the rows of all `count` blocks."""
        return self.first == 0 and self.stop == count

    def has(self, block: int) -> bool:
        return self.first <= block < self.stop

    def has_title(self) -> bool:
        return TITLE in self.first_row

    def rows_of(self, block: int) -> range:
        """The rows that show `block` (not the blank rows after it)."""
        begin = self.first_row[block]
        end = begin
        while end < len(self.block) and self.block[end] == block:
            end += 1
        return range(begin, end)

    def row_of(self, block: int, char: int) -> int:
        """The row showing character `char` of `block` (its last row past the end); the
        first of a table row's lines."""
        row = self.last_row_of(block, char)
        first = self.first_row[block]
        while row > first and self.start[row - 1] == self.start[row]:
            row -= 1
        return row

    def last_row_of(self, block: int, char: int) -> int:
        """The last row showing character `char` of `block` (one, but for a table row)."""
        rows = self.rows_of(block)
        starts = self.start[rows.start : rows.stop]
        return rows.start + max(0, bisect_right(starts, char) - 1)

    def block_at(self, row: int) -> int:
        """The block shown at `row`, or for a blank row the block above it (-1 if none)."""
        row = max(0, min(row, len(self.block) - 1))
        while row >= 0 and self.block[row] < 0:
            row -= 1
        return self.block[row] if row >= 0 else -1

    def ends_paragraph_line(self, row: int) -> bool:
        """True when `row` is the last of its block or stops at a hard line break."""
        owner = self.block[row]
        return (
            row + 1 >= len(self.block)
            or self.block[row + 1] != owner
            or self.start[row + 1] != self.end[row] + 1
        )


def lay_out(article: Article, shape: Shape, first: int = 0, stop: int | None = None) -> Rows:
    """Rows for blocks `first` to `stop - 1`; the title and metadata come with block 0."""
    stop = len(article.blocks) if stop is None else min(stop, len(article.blocks))
    rows = Rows(shape, first=first, stop=stop)
    if first == 0:
        _add_blank(rows, 1)
        if article.title:
            rows.first_row[TITLE] = len(rows.block)
            _add(rows, TITLE, article.title, shape.width)
            _add_blank(rows, 1)
        if article.metadata_line:
            _add(rows, METADATA, article.metadata_line, shape.width)
            _add_blank(rows, 1)
    blocks = article.blocks
    for index in range(first, stop):
        block = blocks[index]
        rows.first_row[index] = len(rows.block)
        width = shape.width - INDENT.get(block.kind, 0)
        if block.kind is BlockKind.LIST_ITEM and not block.is_numbered:
            width -= len(BULLET)
        lines = grid(block.rows, block.header, width, wrap_spans) if block.rows else None
        if lines is None:
            _add(rows, index, block.text, width)
        else:
            _add_table(rows, index, block, lines)
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        both_items = after is not None and after.kind is block.kind is BlockKind.LIST_ITEM
        _add_blank(rows, 0 if both_items else shape.spacing)
    rows.first_row[stop] = len(rows.block)
    return rows


def _add_blank(rows: Rows, count: int) -> None:
    for _ in range(count):
        rows.block.append(BLANK)
        rows.start.append(0)
        rows.end.append(0)


def _add_table(rows: Rows, owner: int, block: Block, lines: list[GridLine]) -> None:
    """A table's grid lines, each over the characters of its row's line in the text."""
    spans, offset = [], 0
    for line in block.text.split("\n"):
        spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    first_body = 1 if block.header else 0
    for text, kind, row in lines:
        at = min(row - first_body, len(spans) - 1)
        start, end = spans[at] if at >= 0 else (-1, -1)
        rows.drawn[len(rows.block)] = (text, kind)
        rows.block.append(owner)
        rows.start.append(start)
        rows.end.append(end)


def _add(rows: Rows, owner: int, text: str, width: int) -> None:
    width = max(8, width)
    offset = 0
    for line in text.split("\n"):
        spans = wrap_spans(line, width)
        rows.block.extend([owner] * len(spans))
        rows.start.extend([offset + start for start, _ in spans])
        rows.end.extend([offset + end for _, end in spans])
        offset += len(line) + 1


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """`text` (one line) broken into spans of at most `width` cells."""
    return _wrap_narrow(text, width) if _all_narrow(text) else _wrap_cells(text, width)


def _wrap_narrow(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy wrap of single-cell text: break at the last space that fits, else mid-word."""
    spans: list[tuple[int, int]] = []
    position, length = 0, len(text)
    rfind = text.rfind
    while length - position > width:
        cut = rfind(" ", position, position + width + 1)
        if cut <= position:
            spans.append((position, position + width))
            position += width
        else:
            spans.append((position, cut))
            position = cut + 1
    spans.append((position, length))
    return spans


def _wrap_cells(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy wrap measuring each character's cells (CJK is two wide and breaks anywhere)."""
    spans: list[tuple[int, int]] = []
    line_start, cells, last_space = 0, 0, -1
    for index, character in enumerate(text):
        size = get_character_cell_size(character)
        if cells + size > width and index > line_start:
            if character == " ":
                spans.append((line_start, index))
                line_start, cells, last_space = index + 1, 0, -1
                continue
            if last_space > line_start:
                spans.append((line_start, last_space))
                line_start = last_space + 1
            else:
                spans.append((line_start, index))
                line_start = index
            cells = sum(get_character_cell_size(c) for c in text[line_start:index])
            last_space = -1
        if character == " ":
            last_space = index
        cells += size
    spans.append((line_start, len(text)))
    return spans


def _all_narrow(text: str) -> bool:
    return text.isascii() or all(map(_is_narrow, set(text)))


@cache
def _is_narrow(character: str) -> bool:
    return get_character_cell_size(character) == 1
