"""Extract a local article on the second core while the first one imports the TUI.

Textual's import takes most of the reader's start-up, and extraction (its imports, regular
expressions, parsing) is CPU work that threads cannot overlap with it under the GIL. A
forked child can: it extracts and sends the article back as JSON through a pipe, so the
article is ready when the app paints its first frame. For a book the child first sends the
article made of the book's beginning, then the whole book: the reader paints the first and
swaps in the second. Where `fork` is missing (Windows), extraction simply runs first.
"""

from __future__ import annotations

import gc
import io
import json
import os
from typing import IO, Any, BinaryIO

from reader.extract.errors import ExtractionError
from reader.model import Article, article_from_dict


class Preload:
    """The article a child process is extracting: `first()` what to show at once (perhaps
    only the beginning of a book), `rest()` the whole when `first()` was not."""

    def __init__(self, source: str, messages: IO[str] | None, child: int) -> None:
        self._source = source
        self._messages = messages
        self._child = child
        self.partial = False
        """True once `first()` returned the beginning of a book rather than all of it."""

    def first(self) -> Article:
        article, self.partial = self._next()
        if not self.partial:
            self._close()
        return article

    def rest(self) -> Article:
        """The whole article (blocks until the child has it); call after a partial first."""
        try:
            article, _ = self._next()
            return article
        finally:
            self._close()

    def _next(self) -> tuple[Article, bool]:
        line = self._messages.readline() if self._messages else ""
        payload: dict[str, Any] = (
            json.loads(line) if line else {"error": f"could not read {self._source}"}
        )
        if "error" in payload:
            self._close()
            raise ExtractionError(payload["error"])
        article = article_from_dict(payload["article"])
        if not article.is_split:  # the child splits them: this is for an old cached copy
            from reader.extract.sentences import split_sentences

            article = split_sentences(article)
        return article, bool(payload.get("partial"))

    def _close(self) -> None:
        if self._messages is not None:
            self._messages.close()
            self._messages = None
            os.waitpid(self._child, 0)


class _Loaded(Preload):
    """Extracted in this process (no fork): nothing more to wait for."""

    def __init__(self, source: str, article: Article) -> None:
        super().__init__(source, None, 0)
        self._article = article

    def first(self) -> Article:
        return self._article


def extract_beside(source: str, stdin: bytes | None = None) -> Preload:
    """Start extracting `source` (for "-", the piped `stdin`); `first()` waits for the
    article (or raises `ExtractionError`, as `load` would)."""
    if not hasattr(os, "fork"):
        from reader.extract import load

        return _Loaded(source, load(source, stdin=_piped(stdin)))
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        os.close(read_end)
        _extract_to(write_end, source, stdin)
    os.close(write_end)
    return Preload(source, os.fdopen(read_end, encoding="utf-8"), child)


def _piped(stdin: bytes | None) -> BinaryIO | None:
    return io.BytesIO(stdin) if stdin is not None else None


def _extract_to(fd: int, source: str, stdin: bytes | None) -> None:
    gc.enable()  # the parent starts with it off (`cli._open_reader`); a book needs it
    try:
        from reader.extract.steps import load_steps

        with os.fdopen(fd, "w", encoding="utf-8") as pipe:

            def send(payload: dict[str, Any]) -> None:
                pipe.write(json.dumps(payload) + "\n")  # ASCII escapes: the fastest encoder
                pipe.flush()

            try:
                for step in load_steps(source, stdin=_piped(stdin)):
                    send({"article": _compact(step.article), "partial": not step.whole})
            except ExtractionError as error:
                send({"error": str(error)})
    finally:
        os._exit(0)


def _compact(article: Article) -> dict[str, Any]:
    data = article.to_dict()
    del data["text"]  # the blocks again, joined: a book's worth of bytes to skip
    return data
