"""Where the reading keys go: headings, percentages, sentences. Pure rules on the article."""

from __future__ import annotations

from reader.model import Article, BlockKind, Position, next_sentence


def headings(article: Article) -> list[tuple[int, int, str]]:
    """(block, level, text) of every heading, in reading order."""
    return [
        (index, block.level or 2, block.text)
        for index, block in enumerate(article.blocks)
        if block.kind is BlockKind.HEADING
    ]


def heading_target(article: Article, focused: int, step: int) -> int | None:
    """The next (step > 0) or previous heading after or before the focused block."""
    found = [index for index, _, _ in headings(article)]
    if step > 0:
        return next((i for i in found if i > focused), None)
    behind = [i for i in found if i < focused]
    return behind[-1] if behind else None


def percent_target(answer: str, blocks: int) -> int | None:
    """The block `answer` percent of the way in ("50", "50%"); None if it is no number."""
    try:
        percent = float(answer.strip().rstrip("%"))
    except ValueError:
        return None
    return round(min(100.0, max(0.0, percent)) / 100 * (blocks - 1))


def sentence_target(article: Article, here: Position, focused: int, step: int) -> Position:
    """The sentence `step` sentences from `here` (or from the focused block's start when
    `here` is elsewhere)."""
    if here.block != focused:
        here = Position(max(0, focused))
    return next_sentence(article, here, step)
