"""Where skips land (pure): paragraphs skip captions; "previous" restarts after 2 s."""

from __future__ import annotations

import pytest

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind, Position
from reader.narration.navigation import RESTART_THRESHOLD, body_block, skip_target
from reader.narration_options import NarrationOptions

ARTICLE = split_sentences(
    Article(
        source="t",
        title="t",
        blocks=(
            Block(BlockKind.PARAGRAPH, "First one. First two."),
            Block(BlockKind.CAPTION, "A caption."),
            Block(BlockKind.PARAGRAPH, "Second one. Second two."),
            Block(BlockKind.PARAGRAPH, "Third one."),
        ),
    )
)


def test_body_block_skips_captions() -> None:
    assert body_block(ARTICLE, 0, 1) == 2
    assert body_block(ARTICLE, 3, -1) == 2
    assert body_block(ARTICLE, 2, -1) == 0
    assert body_block(ARTICLE, 3, 1) is None
    assert body_block(ARTICLE, -1, 1) == 0


def test_next_paragraph_and_past_the_end() -> None:
    assert skip_target(ARTICLE, Position(0, 1, 11), blocks=1) == Position(2, 0, 0)
    assert skip_target(ARTICLE, Position(3), blocks=1) is None


@pytest.mark.parametrize(
    ("played", "expected"),
    [
        (0.0, Position(0)),
        (RESTART_THRESHOLD - 0.01, Position(0)),
        (RESTART_THRESHOLD, Position(2)),
        (7.5, Position(2)),
        (None, Position(2)),  # unknown: a jump into the middle counts as under way
    ],
)
def test_previous_paragraph_depends_on_how_long_this_one_played(
    played: float | None, expected: Position
) -> None:
    here = Position(2, 1, 12)
    assert skip_target(ARTICLE, here, blocks=-1, played=played) == expected


def test_previous_from_the_first_paragraph_stays_on_it() -> None:
    assert skip_target(ARTICLE, Position(0), blocks=-1, played=0.5) == Position(0)
    assert skip_target(ARTICLE, Position(0), blocks=-3, played=0.5) == Position(0)


def test_two_back_late_in_a_paragraph_is_one_paragraph_before() -> None:
    assert skip_target(ARTICLE, Position(3), blocks=-2, played=5.0) == Position(2)


def test_sentence_steps() -> None:
    assert skip_target(ARTICLE, Position(0), sentences=1) == Position(0, 1, 11)
    assert skip_target(ARTICLE, Position(0, 1, 11), sentences=-1) == Position(0, 0, 0)


def test_sentence_steps_cross_only_into_what_narration_reads() -> None:
    """A table or code block that narration skips is stepped over by a sentence skip, as by
    a paragraph skip; with tables read, the table is landed on."""
    article = split_sentences(
        Article(
            source="t",
            title="t",
            blocks=(
                Block(BlockKind.PARAGRAPH, "First one. First two."),
                Block(BlockKind.TABLE, "Name: Finland; Score: 7.8"),
                Block(BlockKind.CODE, "print('x')"),
                Block(BlockKind.PARAGRAPH, "Second one. Second two."),
            ),
        )
    )
    skipping = NarrationOptions(read_tables=False)
    assert skip_target(article, Position(0, 1, 11), sentences=1, options=skipping) == Position(
        3, 0, 0
    )
    assert skip_target(article, Position(3, 0, 0), sentences=-1, options=skipping) == Position(
        0, 1, 11
    )
    assert skip_target(article, Position(0, 0), sentences=3, options=skipping) == Position(3, 1, 12)
    reading = NarrationOptions(read_tables=True)
    assert skip_target(article, Position(0, 1, 11), sentences=1, options=reading) == Position(
        1, 0, 0
    )
    assert skip_target(article, Position(3, 1, 12), sentences=5, options=skipping) == Position(
        3, 1, 12
    )
