"""What a front-end offers the media player: its commands, and its state on demand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from reader.model import Article, Position
from reader.narration_options import NarrationOptions

PlayState = Literal["playing", "paused", "stopped"]


@dataclass(frozen=True, slots=True)
class Snapshot:
    play: PlayState
    article: Article | None
    position: Position
    """Where narration is, or where play would start (block and sentence count)."""
    options: NarrationOptions


class Remote(Protocol):
    """A front-end as the media player drives it. Every command does what the front-end's
    own key for it does; they are called on the bus's thread, so a front-end that runs
    another loop hands them over to it."""

    def snapshot(self) -> Snapshot: ...

    def play(self) -> None: ...

    def pause(self) -> None: ...

    def play_pause(self) -> None: ...

    def stop(self) -> None: ...

    def skip(self, blocks: int) -> None:
        """Next (1) or previous (-1) paragraph."""

    def go_to(self, position: Position) -> None:
        """Narrate from `position` (or start there, when stopped)."""

    def set_rate(self, rate: float) -> None: ...

    def set_volume(self, volume: float) -> None: ...

    def show(self) -> None:
        """MPRIS Raise: a terminal cannot raise its window; bring back the spoken place."""

    def quit(self) -> None: ...

    @property
    def can_raise(self) -> bool: ...
