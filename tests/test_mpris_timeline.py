"""Track time for the media player: sentences to microseconds and back."""

from __future__ import annotations

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind, Position
from reader.mpris.timeline import MICROSECONDS_A_WORD, Timeline
from reader.narration_options import NarrationOptions

ARTICLE = split_sentences(
    Article(
        source="test",
        title="T",
        blocks=(
            Block(BlockKind.PARAGRAPH, "One two three. Four five."),
            Block(BlockKind.CAPTION, "A caption of five words."),
            Block(BlockKind.PARAGRAPH, "Six seven eight nine."),
        ),
    )
)


def test_each_sentence_starts_after_the_words_before_it() -> None:
    timeline = Timeline(ARTICLE, NarrationOptions())
    assert timeline.length == 9 * MICROSECONDS_A_WORD, "the caption is not read"
    assert timeline.span(Position(0, 0)) == (0, 3 * MICROSECONDS_A_WORD)
    assert timeline.span(Position(0, 1)) == (3 * MICROSECONDS_A_WORD, 5 * MICROSECONDS_A_WORD)
    assert timeline.span(Position(2, 0)) == (5 * MICROSECONDS_A_WORD, 9 * MICROSECONDS_A_WORD)
    with_captions = Timeline(ARTICLE, NarrationOptions(read_captions=True))
    assert with_captions.length == 14 * MICROSECONDS_A_WORD


def test_a_time_is_the_sentence_heard_then_and_back() -> None:
    timeline = Timeline(ARTICLE, NarrationOptions())
    for position in (Position(0, 0), Position(0, 1), Position(2, 0)):
        start, end = timeline.span(position)
        for time in (start, (start + end) // 2, end - 1):
            found = timeline.position(time)
            assert (found.block, found.sentence) == (position.block, position.sentence)
    assert timeline.position(-5) == Position(0, 0, 0)
    assert timeline.position(10**12).block == 2
    assert timeline.position(4 * MICROSECONDS_A_WORD) == Position(0, 1, 15)
