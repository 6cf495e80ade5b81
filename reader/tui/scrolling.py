"""Where the reading column's rows sit on screen: the place kept across a new layout, the
row a block is brought to, and the rows laid out first around a place in a long book.

Pure rules on `wrap.Rows` (no Textual): `LaidOutView` gives the rows, the top row shown
and the view's height, and scrolls to the row these return.
"""

from __future__ import annotations

from typing import NamedTuple

from reader.model import Article
from reader.tui.wrap import Rows, Shape, lay_out

JUMP_CONTEXT = 3
"""Rows shown above a block jumped to."""
AT_ONCE = 200_000
"""Articles up to this many characters are laid out in one go; longer ones in two steps."""


class Anchor(NamedTuple):
    """A place in the article held at a fixed row of the screen while rows are redone."""

    block: int
    """-1 for the top of the article."""
    char: int = 0
    offset: int = 0
    """Screen rows from the top of the view down to the anchored row."""


def anchor_on_screen(rows: Rows, top: int, height: int, focused: int) -> Anchor:
    """What to keep in place across a new layout: the focused block where it is on screen
    (within `height` rows of `top`), else the text at the top. `rows` is not empty."""
    top = min(top, len(rows) - 1)
    if rows.has(focused):
        row = rows.first_row[focused]
        if top <= row < top + height:
            return Anchor(focused, 0, row - top)
    block = rows.block_at(top)
    if block < 0:
        return Anchor(-1)
    if rows.block[top] == block:
        return Anchor(block, rows.start[top])
    last = rows.rows_of(block).stop - 1  # a blank row under `block`: keep the distance
    return Anchor(block, rows.end[last], last - top)


def anchor_top(rows: Rows, anchor: Anchor, height: int) -> int:
    """The top row that shows `anchor` where it was."""
    if not rows.has(anchor.block):
        return 0
    offset = min(anchor.offset, height * 2 // 3)  # a shorter screen still shows it
    return max(0, rows.row_of(anchor.block, anchor.char) - offset)


def top_showing(
    rows: Rows, block: int, char: int | None, top: int, height: int, *, jump: bool = False
) -> int | None:
    """The top row that brings `block` (or its `char`) into view, None if it is in view.
    A `jump` lands the block near the top of the screen, with a few rows of context above,
    unless it is there already."""
    if char is not None:
        row = rows.row_of(block, char)
        return None if top <= row < top + height else max(0, row - height // 3)
    shown = rows.rows_of(block)
    far = shown.stop < top - height or shown.start > top + 2 * height
    near_top = top <= shown.start <= top + height // 3
    if far or (jump and not near_top):
        return max(0, shown.start - min(JUMP_CONTEXT, height // 4))
    if shown.start < top or len(shown) > height:
        return shown.start
    if shown.stop > top + height:
        return shown.stop - height
    return None


def in_two_steps(article: Article) -> bool:
    """Lay `article` out around the place shown first, the whole on a thread?"""
    return len(article.blocks) >= 50 and sum(len(b.text) for b in article.blocks) > AT_ONCE


def rows_around(article: Article, shape: Shape, block: int, height: int) -> Rows:
    """Rows from a little above `block` down to a few screens below it: enough to paint."""
    first = max(0, block - 8)
    stop = first + 16
    while True:
        rows = lay_out(article, shape, first, stop)
        if len(rows) >= 3 * max(height, 10) or stop >= len(article.blocks):
            return rows
        stop += 32
