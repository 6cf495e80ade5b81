"""Paragraph openings rendered ahead for skips, so that Next and Previous play at once."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable

from reader.model import Article
from reader.narration.engine import Clip
from reader.narration.navigation import body_block
from reader.narration_options import NarrationOptions

CACHED = 8
"""Paragraph openings kept rendered for skips (a few hundred kB each)."""


class Openings:
    """The first sentences of paragraphs, rendered in the voice and rate of now: the
    `CACHED` most recently rendered are kept, by block."""

    def __init__(self) -> None:
        self._clips: OrderedDict[int, Clip] = OrderedDict()

    def get(self, block: int, sentence: int) -> Clip | None:
        """The clip of that sentence, if it opens its paragraph and is kept."""
        return self._clips.get(block) if sentence == 0 else None

    def keep(self, block: int, clip: Clip) -> None:
        """Keep the opening of `block`, forgetting the oldest beyond `CACHED`."""
        self._clips[block] = clip
        self._clips.move_to_end(block)
        while len(self._clips) > CACHED:
            self._clips.popitem(last=False)

    def clear(self) -> None:
        """Forget them all (another article, voice or rate)."""
        self._clips.clear()

    def wanted(
        self,
        article: Article,
        here: int,
        steps: Iterable[int],
        options: NarrationOptions,
        queued: Callable[[int], bool],
    ) -> int | None:
        """The block `step` read blocks from `here` (0: `here` itself) for the first of
        `steps` whose opening is neither kept nor `queued` (then a skip finds it there)."""
        for step in steps:
            block = here if step == 0 else body_block(article, here, step, options)
            if block is None or not article.sentences(block):
                continue
            if block not in self._clips and not queued(block):
                return block
        return None
