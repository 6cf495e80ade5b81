"""SOURCE -> Article. `load()` gives the whole at once, `steps.load_steps()` a book's
beginning first and then the whole; both raise only `ExtractionError`.

SOURCE is a path (.html/.htm/.xhtml, .txt, .md, .epub, optionally .gz; other names are
sniffed),
an http(s) URL, or "-" for standard input (`stdin`, or `sys.stdin.buffer` when not given).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from reader.extract.errors import ExtractionError

if TYPE_CHECKING:
    from reader.extract.http import Received
    from reader.extract.limits import Limits
    from reader.model import Article

__all__ = ["ExtractionError", "canonical_source", "load"]

PREVIEW_CHARS = 200_000
"""Text longer than this (a book) can be shown from its beginning while the rest is parsed."""


def canonical_source(source: str) -> str:
    """One spelling per document, so the library keeps one entry for it: URLs and "-" as
    given, files as absolute paths."""
    if source == "-" or "://" in source:
        return source
    from pathlib import Path

    return str(Path(source).expanduser().absolute())


def load(
    source: str,
    *,
    stdin: BinaryIO | None = None,
    limits: Limits | None = None,
    preview: Callable[[Article], None] | None = None,
    received: Received | None = None,
    raw: bool = False,
) -> Article:
    """Fetch, decode, clean: the article in SOURCE, or an ExtractionError saying why not.

    For a long plain text or EPUB, `preview` is first given the article made of its
    beginning alone, to show while the whole is parsed; `received` hears how much of a
    URL's page has come. With `raw`, nothing is cleaned away: every paragraph of the
    source is a block (the whole text, when cleaning left out too much)."""
    try:
        return _load(source, stdin, limits, preview, received, raw)
    except ExtractionError as error:
        from reader.safe_text import sanitize_line

        # Messages quote the source: never let it carry escape sequences or line breaks.
        raise ExtractionError(sanitize_line(str(error))) from None


def _load(  # noqa: PLR0917 - the private half of `load`, called once, with its names
    source: str,
    stdin: BinaryIO | None,
    limits: Limits | None,
    preview: Callable[[Article], None] | None,
    received: Received | None,
    raw: bool,
) -> Article:
    from reader.extract.epub_archive import EPUB_TYPE
    from reader.extract.fetch import fetch

    fetched = fetch(source, stdin=stdin, limits=limits, received=received)
    name = canonical_source(fetched.source)
    text, media_type = fetched.text, fetched.media_type
    if preview is not None and media_type != "text/html" and len(text) > PREVIEW_CHARS:
        cut = text.rfind("\n\n", 0, PREVIEW_CHARS)
        try:
            beginning = _parse(text[: cut if cut > 0 else PREVIEW_CHARS], media_type, name, raw)
        except (ExtractionError, ValueError, LookupError, RecursionError):
            pass  # the whole text will say what is wrong
        else:
            if beginning.text.strip():
                preview(beginning)
    try:
        if media_type == EPUB_TYPE:
            article = _parse_epub(fetched.data, name, fetched.name, limits, preview)
        else:
            article = _parse(text, media_type, name, raw)
    except ExtractionError as error:
        said = str(error)
        if name != fetched.name and said.endswith(f": {name}"):
            # The parser names the page as the library keeps it: say it as the user gave it.
            raise ExtractionError(said.removesuffix(name) + fetched.name) from None
        raise
    except (ValueError, LookupError, RecursionError, MemoryError) as error:
        raise ExtractionError(f"cannot read {fetched.name}: {type(error).__name__}") from None
    if not article.text.strip():
        if fetched.media_type == "text/html":
            raise ExtractionError(f"page has no article text: {fetched.name}")
        raise ExtractionError(f"{fetched.name} has no article text")
    return article


def _parse_epub(
    data: bytes,
    source: str,
    name: str,
    limits: Limits | None,
    preview: Callable[[Article], None] | None,
) -> Article:
    from reader.extract.epub import parse_epub
    from reader.extract.limits import Limits

    cap = (limits or Limits()).max_bytes
    return parse_epub(data, source, name, cap, preview=preview, preview_bytes=PREVIEW_CHARS)


def _parse(text: str, media_type: str, source: str, raw: bool) -> Article:
    from reader.safe_text import sanitize

    text = sanitize(text)
    if media_type == "text/html":
        from reader.extract.html import parse_html

        return parse_html(text, source, raw=raw)
    from reader.extract.text import parse_text

    return parse_text(text, source, markdown=media_type == "text/markdown", raw=raw)
