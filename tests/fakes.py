"""A narrator that records calls: for TUI logic tests.

Like the real one, it answers later and from another thread: the events a call causes
(the state changes a worker confirms) reach the sink from a thread of its own, a little
after the call returns, so the UI meets them in the order a real worker gives. Tests send
the events of the narration itself (sentences, words, the end) through `sink`.

The real narrator (worker process, eSpeak NG, PortAudio) has its own tests and TUI tests
end to end.
"""

from __future__ import annotations

import queue
import threading

from reader.model import Article, Position
from reader.narration.events import EngineReady, EventSink, NarrationEvent, StateChanged
from reader.narration_options import NarrationOptions

LATENCY = 0.005
"""Seconds from a call to the events it causes, as a worker's pipe takes."""


class FakeNarrator:
    def __init__(self, sink: EventSink, *, audio_error: str | None = None) -> None:
        self.sink = sink
        self.audio_error = audio_error
        self._answers: queue.Queue[NarrationEvent] = queue.Queue()
        threading.Thread(target=self._answer, name="fake-worker", daemon=True).start()
        self.calls: list[tuple[object, ...]] = []
        self.article: Article | None = None
        self.position = Position()
        self.options = NarrationOptions()

    def last(self) -> tuple[object, ...]:
        """The most recent call (a method, so type checkers do not narrow it)."""
        return self.calls[-1]

    def _answer(self) -> None:
        while True:
            event = self._answers.get()
            threading.Event().wait(LATENCY)
            self.sink(event)

    def start(self) -> None:
        self.calls.append(("start",))
        self._answers.put(EngineReady("fake", 22050, audio_error=self.audio_error))

    def load(self, article: Article, *, whole: bool = False) -> None:
        self.calls.append(("continue" if whole else "load", article.title))
        self.article = article

    def _state(self, state: str) -> None:
        p = self.position
        self._answers.put(StateChanged(state, p.block, p.sentence, p.char))  # type: ignore[arg-type]

    def play(self, position: Position) -> None:
        self.calls.append(("play", position.block))
        self.position = position
        self._state("playing")

    def pause(self) -> None:
        self.calls.append(("pause",))
        self._state("paused")

    def resume(self) -> None:
        self.calls.append(("resume",))
        self._state("playing")

    def stop(self) -> None:
        self.calls.append(("stop",))
        self._state("stopped")

    def skip(self, blocks: int = 0, sentences: int = 0) -> None:
        self.calls.append(("skip", blocks, sentences))

    def configure(self, options: NarrationOptions) -> None:
        self.calls.append(("configure", options))
        self.options = options

    def close(self) -> None:
        self.calls.append(("close",))
