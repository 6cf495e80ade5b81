"""A narrator that records calls and emits events synchronously: for TUI logic tests.

The real narrator (worker process, eSpeak NG, PortAudio) has its own tests and one TUI test
end to end; this fake lets the UI tests say exactly which events arrive and when.
"""

from __future__ import annotations

from reader.model import Article, Position
from reader.narration.events import EngineReady, EventSink, StateChanged
from reader.narration_options import NarrationOptions


class FakeNarrator:
    def __init__(self, sink: EventSink, *, audio_error: str | None = None) -> None:
        self.sink = sink
        self.audio_error = audio_error
        self.calls: list[tuple[object, ...]] = []
        self.article: Article | None = None
        self.position = Position()
        self.options = NarrationOptions()

    def last(self) -> tuple[object, ...]:
        """The most recent call (a method, so type checkers do not narrow it)."""
        return self.calls[-1]

    def start(self) -> None:
        self.calls.append(("start",))
        self.sink(EngineReady(voice="fake", sample_rate=22050, audio_error=self.audio_error))

    def load(self, article: Article, *, whole: bool = False) -> None:
        self.calls.append(("continue" if whole else "load", article.title))
        self.article = article

    def _state(self, state: str) -> None:
        p = self.position
        self.sink(StateChanged(state, p.block, p.sentence, p.char))  # type: ignore[arg-type]

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
