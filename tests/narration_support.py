"""Shared helpers for the narration tests: an event sink to wait on, and a long article."""

from __future__ import annotations

import queue
import time
from collections.abc import Callable

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind
from reader.narration.events import NarrationEvent, StateChanged
from tests.waiting import CEILING

LONG = split_sentences(
    Article(
        source="test",
        title="Long",
        blocks=tuple(
            Block(
                BlockKind.PARAGRAPH, f"Paragraph {i} starts here. It goes on a while. Then it ends."
            )
            for i in range(40)
        ),
    )
)
"""Forty paragraphs of three sentences: narration that does not end during a test."""


class Events:
    """An event sink (call it with an event) that tests wait on."""

    def __init__(self) -> None:
        self.queue: queue.Queue[NarrationEvent] = queue.Queue()
        self.seen: list[NarrationEvent] = []

    def __call__(self, event: NarrationEvent) -> None:
        self.queue.put(event)

    def until(self, done: Callable[[NarrationEvent], bool]) -> list[NarrationEvent]:
        """Events up to and including the first for which `done` is true."""
        got: list[NarrationEvent] = []
        deadline = time.monotonic() + CEILING
        while True:
            event = self.queue.get(timeout=max(0.01, deadline - time.monotonic()))
            got.append(event)
            self.seen.append(event)
            if done(event):
                return got

    def quiet_for(self, seconds: float) -> list[NarrationEvent]:
        """The events of the next `seconds`."""
        got: list[NarrationEvent] = []
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                got.append(self.queue.get(timeout=left))
            except queue.Empty:
                break
        self.seen.extend(got)
        return got


def is_a(kind: type) -> Callable[[NarrationEvent], bool]:
    return lambda event: isinstance(event, kind)


def state(name: str) -> Callable[[NarrationEvent], bool]:
    return lambda event: isinstance(event, StateChanged) and event.state == name
