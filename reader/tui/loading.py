"""Opening a document, on a thread: what arrives is a message for the reading screen.

`load_article` posts a book's beginning and then its whole as they are parsed, and falls
back to the copy saved in the store when the source cannot be read now (a page gone, no
network); `load_whole` waits for the whole of a book whose beginning the command line
already had.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from reader.tui.messages import ArticleLoaded, LoadFailed

if TYPE_CHECKING:
    from textual.message import Message

    from reader.extract.http import Received
    from reader.model import Article
    from reader.store import Store

Post = Callable[["Message"], object]


def in_background(work: Callable[[], None]) -> None:
    """Run `work` on a daemon thread: quitting never waits for a slow server to answer
    (a thread worker would hold the process until its fetch gave up)."""
    threading.Thread(target=work, name="reader-load", daemon=True).start()


def load_article(
    source: str,
    stdin: BinaryIO | None,
    store: Store | None,
    post: Post,
    received: Received | None = None,
    *,
    raw: bool = False,
) -> None:
    from reader.extract import ExtractionError
    from reader.extract.steps import load_steps

    shown = False
    try:
        for step in load_steps(source, stdin=stdin, received=received, raw=raw):
            post(ArticleLoaded(step.article, beginning=not step.whole, whole=shown))
            shown = True
    except Exception as error:
        if not isinstance(error, ExtractionError):
            error = ExtractionError(f"cannot open {source}: {error.__class__.__name__}")
        if shown:
            post(LoadFailed(source, f"{error} (showing its beginning)"))
            return
        cached = store.cached_article(source) if store and not raw else None
        if cached is None:
            post(LoadFailed(source, str(error)))
            return
        post(LoadFailed(source, f"{error} (showing the copy saved earlier)"))
        post(ArticleLoaded(cached))


def load_whole(rest: Callable[[], Article], source: str, post: Post) -> None:
    from reader.extract import ExtractionError

    try:
        post(ArticleLoaded(rest(), whole=True))
    except ExtractionError as error:
        post(LoadFailed(source, f"{error} (showing its beginning)"))
