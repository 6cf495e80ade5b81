"""Opening documents for the reading screen: which load still counts, and where reading stopped.

Plain Python (no Textual): loads run on threads of their own and report by `post`, which is
the screen's thread-safe `post_message`. Only the newest load is heard: opening another
document, or Esc, makes an older load's news moot, however late it arrives.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from reader.tui.loading import in_background, load_article, load_whole
from reader.tui.messages import ArticleLoaded, PlaceFound

if TYPE_CHECKING:
    from textual.message import Message

    from reader.model import Article
    from reader.store import Store
    from reader.tui.services import Rest

Post = Callable[["Message"], object]


class Opener:
    def __init__(
        self,
        post: Post,
        store: Callable[[], Store | None],
        stdin: Callable[[], BinaryIO],
    ) -> None:
        self._post = post
        self._store = store
        self._stdin = stdin
        self._token = object()
        self.loading: str | None = None
        """The source being opened, while it is."""
        self.beginning: Article | None = None
        """The article on screen when it is only the beginning of a book (the whole is on
        its way): it is not remembered, or the book would read as changed."""
        self.received: tuple[int, int | None] = (0, None)
        """How much of the URL being opened has come, and how much was announced."""
        self.play_when_loaded = False
        """Narrate the next article as soon as it arrives (the queue moves on)."""
        self.raw = False
        """The document being opened is asked for whole, nothing cleaned away (`W`)."""
        self.showing_raw = False
        """The document shown is the whole text: it is not remembered, nor is the place in
        it or a highlight, which would point into other blocks than the article's."""

    def open(self, source: str, *, raw: bool = False) -> None:
        """Load `source` on a thread of its own; a newer load makes this one's news moot.
        With `raw`, the whole text: nothing is cleaned away."""
        self.raw = raw
        stdin = self._stdin() if source == "-" else None
        store, post = self._store(), self._poster()
        self.loading, self.received = source, (0, None)
        token = self._token

        def received(size: int, announced: int | None) -> None:  # on the loading thread
            if token is self._token:
                self.received = (size, announced)

        in_background(lambda: load_article(source, stdin, store, post, received, raw=raw))

    def continue_book(self, beginning: Article, rest: Rest, source: str) -> None:
        """`beginning` is shown: wait for the whole of the book on a thread."""
        self.beginning = beginning
        post = self._poster()
        in_background(lambda: load_whole(rest, source, post))

    def cancel(self) -> str | None:
        """Stop waiting for the document being opened; return which it was."""
        source, self.loading = self.loading, None
        if source is not None:
            self._token = object()
        return source

    def arrived(self, message: ArticleLoaded, showing: Article | None) -> bool:
        """An article came in while `showing` is on screen: is it still wanted?"""
        if message.beginning:  # the load goes on: the whole follows
            self.beginning = message.article
            self.showing_raw = self.raw
            return True
        self.loading = None
        wanted = not message.whole or showing is self.beginning
        if wanted:
            self.showing_raw = self.raw
        return wanted

    def shown(self, article: Article) -> None:
        if article is not self.beginning:
            self.beginning = None  # the whole has come, or another document

    def failed(self) -> str | None:
        """A load failed: while the queue plays, the next source to try instead."""
        self.loading = None
        store = self._store()
        if self.play_when_loaded and store is not None:
            following = store.queue_pop()  # a broken entry must not end the queue
            if following:
                return following
        self.play_when_loaded = False
        return None

    def remember(self, article: Article, *, shown: bool) -> None:
        """Record the visit in the store and post where reading stopped (`PlaceFound`).

        Piped text has no name to find it by again, and a book's beginning is not the
        book: neither is remembered. A thread of its own, not a daemon (a book's cached copy
        is megabytes of JSON, and a write must finish before the process ends)."""
        store = self._store()
        if store is None or article.source == "-" or article is self.beginning:
            return
        if self.showing_raw:
            return

        def remember() -> None:
            self._post(PlaceFound(article, store.remember(article), shown=shown))

        threading.Thread(target=remember, name="reader-remember").start()

    def _poster(self) -> Post:
        """Posts for the newest load only: an older one still fetching is dropped."""
        token = self._token = object()

        def post(message: Message) -> object:
            return token is self._token and self._post(message)

        return post
