"""Chapters at an article's headings: where each heading is heard in its narration."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reader.model import Article, BlockKind
from reader.safe_text import sanitize_line


@dataclass(frozen=True, slots=True)
class Chapter:
    start: float
    """Seconds from the start of the audio."""
    title: str


def chapters(article: Article, starts: Mapping[int, float]) -> list[Chapter]:
    """A chapter at each heading the audio reads (`starts`: block index -> seconds), and one
    at 0 s named after the article when the audio does not open with a heading."""
    marks: list[Chapter] = []
    for index in sorted(starts):
        block = article.blocks[index]
        title = sanitize_line(block.text)
        if block.kind is BlockKind.HEADING and title:
            marks.append(Chapter(round(starts[index], 3), title))
    if not marks or marks[0].start > 0:
        marks.insert(0, Chapter(0.0, sanitize_line(article.title) or "Start"))
    return marks
