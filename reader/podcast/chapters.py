"""Chapters at an article's headings (`reader.narration.chapters`), in the Podcasting 2.0
JSON chapters format.

https://github.com/Podcastindex-org/podcast-namespace/blob/main/chapters/jsonChapters.md
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from reader.narration.chapters import Chapter, chapters

__all__ = ["MIME_TYPE", "Chapter", "chapters", "chapters_json"]

VERSION = "1.2.0"
MIME_TYPE = "application/json+chapters"


def chapters_json(marks: Sequence[Chapter]) -> str:
    document = {
        "version": VERSION,
        "chapters": [{"startTime": mark.start, "title": mark.title} for mark in marks],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
