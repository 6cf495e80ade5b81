"""The reader as the media player drives it: each command calls the reading screen's action
for the same key, on the app's loop (the bus runs on it too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model import Position
from reader.mpris.remote import Snapshot

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp


class ScreenRemote:
    can_raise = True
    """Raise brings the spoken sentence back into view (a terminal cannot raise its window)."""

    def __init__(self, app: ReaderApp) -> None:
        self._app = app

    def snapshot(self) -> Snapshot:
        screen = self._app.reading
        listening = screen.listening
        state = listening.state
        return Snapshot(state.play, screen.article, listening.resume_from, state.options)

    def play(self) -> None:
        if self._app.reading.listening.state.play != "playing":
            self.play_pause()

    def pause(self) -> None:
        if self._app.reading.listening.state.play == "playing":
            self.play_pause()

    def play_pause(self) -> None:
        self._app.reading.action_play_pause()

    def stop(self) -> None:
        self._app.reading.action_stop()

    def skip(self, blocks: int) -> None:
        self._app.reading.action_skip(blocks)  # the focus moves instead when stopped

    def go_to(self, position: Position) -> None:
        self._app.reading.go_to(position)

    def set_rate(self, rate: float) -> None:
        self._app.reading.tune(rate=rate)

    def set_volume(self, volume: float) -> None:
        self._app.reading.tune(volume=volume)

    def show(self) -> None:
        self._app.reading.action_follow()

    def quit(self) -> None:
        self._app.call_later(self._app.action_quit)
