"""What the narrator tells its listeners, and the handle the UI drives it through.

Events are small frozen dataclasses so they can cross the worker-process pipe as JSON
(`to_json` / `from_json`) and reach the UI unchanged. The `NarratorHandle` protocol is what
the TUI and `reader speak` depend on; tests pass a fake that implements it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from typing import Literal, Protocol

from reader.model import Article, Position
from reader.narration_options import NarrationOptions

PlayState = Literal["stopped", "playing", "paused"]
EXIT_NO_ENGINE = 3
"""The worker's exit code when there is no speech engine (it has reported that already)."""


@dataclass(frozen=True, slots=True)
class EngineReady:
    """The worker is up: synthesis works and an audio device is open (or `audio_error` says
    why not)."""

    voice: str
    sample_rate: int
    audio_error: str | None = None


@dataclass(frozen=True, slots=True)
class StateChanged:
    state: PlayState
    block: int
    sentence: int
    char: int


@dataclass(frozen=True, slots=True)
class SentenceStarted:
    """Sentence `sentence` of block `block` has become audible."""

    block: int
    sentence: int


@dataclass(frozen=True, slots=True)
class WordStarted:
    """The word at `[start, end)` of block `block`'s display text has become audible."""

    block: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finished:
    """The end of the article was reached."""


@dataclass(frozen=True, slots=True)
class NarrationError:
    """Something went wrong; `message` is one line a user can act on."""

    message: str


@dataclass(frozen=True, slots=True)
class NarrationWarning:
    """Narration goes on, but the user should know something (one line). Unlike
    `NarrationError`, it does not mean that narration stopped."""

    message: str


NarrationEvent = (
    EngineReady
    | StateChanged
    | SentenceStarted
    | WordStarted
    | Finished
    | NarrationError
    | NarrationWarning
)

_EVENT_TYPES: dict[str, type[NarrationEvent]] = {
    cls.__name__: cls
    for cls in (
        EngineReady,
        StateChanged,
        SentenceStarted,
        WordStarted,
        Finished,
        NarrationError,
        NarrationWarning,
    )
}


def to_json(event: NarrationEvent) -> str:
    return json.dumps({"type": type(event).__name__, **asdict(event)})


def from_json(line: str) -> NarrationEvent:
    data = json.loads(line)
    cls = _EVENT_TYPES[data.pop("type")]
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


EventSink = Callable[[NarrationEvent], None]


class NarratorHandle(Protocol):
    """The UI-facing narrator. Every method returns at once; results arrive as events
    through the sink given at construction, on a background thread."""

    def start(self) -> None:
        """Start the worker (may take a moment: call it off the UI thread)."""

    def load(self, article: Article, *, whole: bool = False) -> None:
        """Narrate `article` from now on (stopping what plays), or with `whole`, take it as
        the whole of the text whose beginning was loaded and may be playing, and carry on
        without a break."""

    def play(self, position: Position) -> None:
        """Play from `position` (its block and sentence)."""

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def stop(self) -> None: ...

    def skip(self, blocks: int = 0, sentences: int = 0) -> None:
        """Jump by paragraphs or sentences while playing (negative goes back)."""

    def configure(self, options: NarrationOptions) -> None:
        """Replace all the narration options (voice, rate, volume, pauses, captions) at
        once; a new rate or voice is heard from the next sentence."""

    def close(self) -> None: ...
