"""What the app gives the reading screen: the user's store and settings, a narrator maker,
and what to open first."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from reader.model import Article

if TYPE_CHECKING:
    from reader.narration.events import EventSink, NarratorHandle
    from reader.settings import LoadedSettings, Settings
    from reader.store import Store

Rest = Callable[[], Article]
"""Waits for, and returns, the whole of a book whose beginning is shown."""


class Services(Protocol):
    @property
    def store(self) -> Store | None:
        """The reading state; None until it is opened (after the first frame)."""

    @property
    def settings(self) -> LoadedSettings: ...

    def save_settings(self, chosen: Settings) -> None:
        """Keep `chosen` (and write it to the settings file, saying so if that fails)."""

    def make_narrator(self, sink: EventSink) -> NarratorHandle: ...


@dataclass(frozen=True)
class Opening:
    """What the reader opens first: `source`, perhaps already loaded by the caller."""

    source: str | None
    article: Article | None = None
    """Shown in the very first frame (the command line extracts a local file beforehand)."""
    rest: Rest | None = None
    """When `article` is only the beginning of a book: waits for the whole of it."""
    stdin_data: bytes | None = None
    """What was piped in when `source` is "-" (read before the app took the terminal)."""

    def stdin(self) -> io.BytesIO:
        return io.BytesIO(self.stdin_data or b"")
