"""Where the reading column's rows sit on screen (pure rules on the rows, no Textual)."""

from __future__ import annotations

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind
from reader.tui.scrolling import (
    JUMP_CONTEXT,
    Anchor,
    anchor_on_screen,
    anchor_top,
    in_two_steps,
    rows_around,
    top_showing,
)
from reader.tui.search import find
from reader.tui.wrap import TITLE, Rows, Shape, lay_out

SHAPE = Shape(20)


def book(paragraphs: int, words: int = 12) -> Article:
    blocks = tuple(
        Block(BlockKind.PARAGRAPH, " ".join(f"w{p}x{i}" for i in range(words)))
        for p in range(paragraphs)
    )
    return split_sentences(Article(source="x", title="T", blocks=blocks))


def rows_of(paragraphs: int) -> Rows:
    return lay_out(book(paragraphs), SHAPE)


def test_the_focused_block_on_screen_is_kept_at_its_row() -> None:
    rows = rows_of(30)
    start = rows.first_row[10]
    anchor = anchor_on_screen(rows, top=start - 4, height=20, focused=10)
    assert anchor == Anchor(10, 0, 4)
    assert anchor_top(rows, anchor, height=20) == start - 4


def test_off_screen_the_text_at_the_top_is_kept() -> None:
    rows = rows_of(30)
    top = rows.first_row[5] + 1  # the second row of block 5
    anchor = anchor_on_screen(rows, top=top, height=10, focused=25)
    assert (anchor.block, anchor.char) == (5, rows.start[top])
    assert anchor_top(rows, anchor, height=10) == top


def test_a_block_in_view_does_not_scroll_and_one_far_away_lands_near_the_top() -> None:
    rows = rows_of(60)
    top = rows.first_row[10]
    lower = rows.rows_of(13)
    assert top + 20 // 3 < lower.start  # on screen, below its upper third
    assert lower.stop <= top + 20
    assert top_showing(rows, 13, None, top, height=20) is None
    far = rows.first_row[50]
    assert top_showing(rows, 50, None, top, height=20) == far - JUMP_CONTEXT
    # A jump brings a block near the top, unless it is there already.
    assert top_showing(rows, 13, None, top, height=20, jump=True) == lower.start - JUMP_CONTEXT
    assert top_showing(rows, 10, None, top, height=20, jump=True) is None


def test_a_character_below_the_screen_comes_to_its_upper_third() -> None:
    rows = rows_of(60)
    row = rows.row_of(40, 0)
    assert top_showing(rows, 40, 0, top=0, height=30) == row - 10
    assert top_showing(rows, 40, 0, top=row - 5, height=30) is None


def test_only_a_long_book_is_laid_out_in_two_steps_from_around_its_place() -> None:
    assert not in_two_steps(book(40))
    long = book(2000, words=120)
    assert in_two_steps(long)
    rows = rows_around(long, SHAPE, 1000, height=30)
    assert rows.has(1000)
    assert not rows.has(0)
    assert not rows.covers(len(long.blocks))
    assert len(rows) >= 90


def test_a_search_finds_every_occurrence_in_reading_order_whatever_its_case() -> None:
    article = split_sentences(
        Article(
            source="x",
            title="Straße",
            blocks=(Block(BlockKind.PARAGRAPH, "STRASSE, straße and Straße"),),
        )
    )
    found = find(article, "straße")
    assert list(found) == [TITLE, 0]
    assert [(s.start, s.end) for s in found[0]] == [(9, 15), (20, 26)]
