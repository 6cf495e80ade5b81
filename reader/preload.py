"""Extract a local article on the second core while the first one imports the TUI.

Textual's import takes most of the reader's start-up, and extraction (its imports, regular
expressions, parsing) is CPU work that threads cannot overlap with it under the GIL. A
forked child can: it extracts and sends the article back as JSON through a pipe, so the
article is ready when the app paints its first frame. Where `fork` is missing (Windows),
extraction simply runs first.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

from reader.extract.errors import ExtractionError
from reader.model import Article, article_from_dict


def extract_beside(source: str) -> Callable[[], Article]:
    """Start extracting `source`; the returned function waits for the article (or raises
    `ExtractionError`, as `load` would)."""
    if not hasattr(os, "fork"):
        from reader.extract import load

        article = load(source)
        return lambda: article
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        os.close(read_end)
        _extract_to(write_end, source)
    os.close(write_end)

    def wait() -> Article:
        with os.fdopen(read_end, encoding="utf-8") as pipe:
            data = pipe.read()
        os.waitpid(child, 0)
        payload: dict[str, Any] = (
            json.loads(data) if data else {"error": f"could not read {source}"}
        )
        if "error" in payload:
            raise ExtractionError(payload["error"])
        return article_from_dict(payload["article"])

    return wait


def _extract_to(fd: int, source: str) -> None:
    try:
        from reader.extract import load

        payload: dict[str, Any]
        try:
            article = load(source).to_dict()
            del article["text"]  # the blocks again, joined: a book's worth of bytes to skip
            payload = {"article": article}
        except ExtractionError as error:
            payload = {"error": str(error)}
        with os.fdopen(fd, "w", encoding="utf-8") as pipe:
            pipe.write(json.dumps(payload))  # ASCII escapes: the fastest encoder
    finally:
        os._exit(0)
