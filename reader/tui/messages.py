"""Messages that reach the reading screen from its thread workers and the narrator thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from reader.model import Article

if TYPE_CHECKING:
    from reader.narration.engine import Voice
    from reader.narration.events import NarrationEvent
    from reader.store import Document


class ArticleLoaded(Message):
    def __init__(self, article: Article, *, whole: bool = False, beginning: bool = False) -> None:
        super().__init__()
        self.article = article
        self.whole = whole
        """The whole of a book whose beginning is on screen: keep the reader's place."""
        self.beginning = beginning
        """Only the beginning of a book: its whole follows."""


class LoadFailed(Message):
    def __init__(self, source: str, error: str) -> None:
        super().__init__()
        self.source = source
        self.error = error


class NarrationUpdate(Message):
    """A narrator event, posted from the narrator's reader thread (post_message is
    thread-safe)."""

    def __init__(self, event: NarrationEvent) -> None:
        super().__init__()
        self.event = event


class VoicesListed(Message):
    def __init__(self, voices: list[Voice], error: str | None) -> None:
        super().__init__()
        self.voices = voices
        self.error = error


class PlaceFound(Message):
    """The store recorded a visit to `article`: `document` says where reading stopped."""

    def __init__(self, article: Article, document: Document, *, shown: bool) -> None:
        super().__init__()
        self.article = article
        self.document = document
        self.shown = shown
        """The article was on screen from the first frame (not loaded later)."""
