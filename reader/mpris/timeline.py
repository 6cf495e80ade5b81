"""Track time for an article: where each sentence starts, in microseconds at rate 1.

MPRIS speaks of time, the narrator of blocks and sentences. Speech time is estimated from
the words (as the player bar's time left is), so positions and the length are close, not
exact: good enough for a seek bar and a progress widget, and consistent both ways (a
position seeks back to the sentence it came from).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from reader.model import Article, Position
from reader.narration.options import readable_blocks
from reader.narration_options import NarrationOptions

WORDS_A_MINUTE = 150
"""eSpeak NG's words a minute at rate 1 (its default of 175, less the pauses)."""
MICROSECONDS_A_WORD = 60_000_000 // WORDS_A_MINUTE


def _words(text: str) -> int:
    return text.count(" ") + 1 if text else 0


class Timeline:
    def __init__(self, article: Article, options: NarrationOptions) -> None:
        self.article = article
        self.blocks = readable_blocks(article, options)
        counts = [_words(article.blocks[block].text) for block in self.blocks]
        self._starts = [0, *accumulate(counts)]
        """Words before each readable block; the last entry is all of them."""

    @property
    def length(self) -> int:
        return self._starts[-1] * MICROSECONDS_A_WORD

    def span(self, position: Position) -> tuple[int, int]:
        """When the sentence at `position` starts and ends."""
        index = bisect_right(self.blocks, position.block) - 1
        if index < 0:
            return 0, 0
        block = self.blocks[index]
        text = self.article.blocks[block].text
        spans = self.article.sentences(block)
        if block != position.block or not spans:
            start = end = self._starts[index + 1]
        else:
            sentence = min(position.sentence, len(spans) - 1)
            start = self._starts[index] + text[: spans[sentence].start].count(" ")
            last = sentence + 1 == len(spans)
            end = (
                self._starts[index + 1]
                if last
                else self._starts[index] + text[: spans[sentence + 1].start].count(" ")
            )
        return start * MICROSECONDS_A_WORD, end * MICROSECONDS_A_WORD

    def position(self, time: int) -> Position:
        """The sentence heard at `time` (clamped to the article)."""
        if not self.blocks:
            return Position()
        word = max(0, time) // MICROSECONDS_A_WORD
        index = min(bisect_right(self._starts, word) - 1, len(self.blocks) - 1)
        block = self.blocks[index]
        text = self.article.blocks[block].text
        within = word - self._starts[index]
        spans = self.article.sentences(block)
        sentence = 0
        for number, span in enumerate(spans):
            if text[: span.start].count(" ") <= within:
                sentence = number
        start = spans[sentence].start if spans else 0
        return Position(block, sentence, start)
