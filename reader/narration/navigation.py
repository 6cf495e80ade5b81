"""Where a skip lands: pure functions over the article, used by the worker's session.

"Previous paragraph" follows Firefox's narrator: a paragraph that has played for less than
`RESTART_THRESHOLD` seconds is barely begun, so going back means the paragraph before; later
it means the start of the current one (as a music player's "previous" restarts the song).
"""

from __future__ import annotations

from reader.model import Article, Position, next_sentence
from reader.narration.options import reads
from reader.narration_options import NarrationOptions

_DEFAULTS = NarrationOptions()

RESTART_THRESHOLD = 2.0
"""Seconds of a paragraph heard after which "previous" restarts it instead."""


def body_block(
    article: Article, block: int, step: int, options: NarrationOptions | None = None
) -> int | None:
    """The block `step` read blocks away from `block` (those `options` read: captions and
    code are skipped unless asked for), or None."""
    chosen = options or _DEFAULTS
    direction = 1 if step > 0 else -1
    remaining = abs(step)
    while remaining:
        block += direction
        if not 0 <= block < len(article.blocks):
            return None
        if reads(chosen, article.blocks[block]):
            remaining -= 1
    return block


def skip_target(
    article: Article,
    here: Position,
    blocks: int = 0,
    sentences: int = 0,
    played: float | None = 0,
    *,
    options: NarrationOptions | None = None,
) -> Position | None:
    """Where `skip(blocks, sentences)` from `here` lands; None when past the end.

    `played` is how many seconds of the current paragraph have been heard (None when unknown,
    e.g. after a jump into its middle: then the paragraph counts as well under way).
    """
    if not blocks:
        chosen = options or _DEFAULTS
        return next_sentence(article, here, sentences, lambda block: reads(chosen, block))
    if blocks < 0 and (played is None or played >= RESTART_THRESHOLD):
        blocks += 1  # the first step back is to the start of this paragraph
        if not blocks:
            return Position(here.block, 0, _start(article, here.block))
    block = body_block(article, here.block, blocks, options)
    if block is None and blocks > 0:
        return None
    if block is None:  # back past the start: the first paragraph
        block = body_block(article, -1, 1, options)
        if block is None:
            block = 0
    return Position(block, 0, _start(article, block))


def _start(article: Article, block: int) -> int:
    spans = article.sentences(block)
    return spans[0].start if spans else 0
