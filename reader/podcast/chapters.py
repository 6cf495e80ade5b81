"""Chapters at an article's headings, in the Podcasting 2.0 JSON chapters format.

https://github.com/Podcastindex-org/podcast-namespace/blob/main/chapters/jsonChapters.md
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reader.model import Article, BlockKind
from reader.safe_text import sanitize_line

VERSION = "1.2.0"
MIME_TYPE = "application/json+chapters"


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


def chapters_json(marks: Sequence[Chapter]) -> str:
    document = {
        "version": VERSION,
        "chapters": [{"startTime": mark.start, "title": mark.title} for mark in marks],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
