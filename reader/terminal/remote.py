"""`reader speak` as the media player drives it: each command goes into the same queue as
the keys, so the one loop that acts on keys acts on it (on the main thread, at once)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from reader.model import Article, Position
from reader.mpris.remote import Snapshot
from reader.terminal.keys import Command, Controls


@contextlib.contextmanager
def media_player(
    controls: Controls, article: Article, put: Callable[[Command], None]
) -> Iterator[None]:
    """`reader speak` is an MPRIS player while the block runs (where there is a session bus)."""
    from reader.mpris.bus import served_in_thread

    with served_in_thread(SpeakRemote(controls, article, put)):
        yield


class SpeakRemote:
    can_raise = False
    """A plain terminal has no view to bring back."""

    def __init__(self, controls: Controls, article: Article, put: Callable[[Command], None]):
        self._controls = controls
        self._article = article
        self._put = put

    def snapshot(self) -> Snapshot:
        controls = self._controls
        return Snapshot(controls.state, self._article, controls.position, controls.options)

    def _send(self, act: Callable[[Controls], bool]) -> None:
        self._put(Command(act))

    def play(self) -> None:
        self._send(Controls.play)

    def pause(self) -> None:
        self._send(Controls.pause)

    def play_pause(self) -> None:
        self._send(lambda controls: controls.play_pause(True))

    def stop(self) -> None:
        self._send(Controls.stop)

    def skip(self, blocks: int) -> None:
        self._send(lambda controls: controls.paragraph(blocks > 0))

    def go_to(self, position: Position) -> None:
        self._send(lambda controls: controls.go_to(position))

    def set_rate(self, rate: float) -> None:
        self._send(lambda controls: controls.set_rate(rate))

    def set_volume(self, volume: float) -> None:
        self._send(lambda controls: controls.set_volume(volume))

    def show(self) -> None:
        pass

    def quit(self) -> None:
        self._send(lambda controls: controls.quit(True))
