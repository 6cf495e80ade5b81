"""The MPRIS objects: `org.mpris.MediaPlayer2` and its `.Player`, over a `Remote`.

State is read from the remote on demand and, for the signals, every `POLL` seconds and
right after each command: what changed since the last look is sent as PropertiesChanged.
Polling keeps the front-ends unaware of the bus (no hook in their state changes) and costs
twenty cheap looks a second. Position is not signalled (MPRIS says so); a jump (a skip, a
key, a seek, a move while stopped) sends Seeked, seen by the same looks.
"""

import hashlib
import time
from typing import Annotated, Any

from dbus_fast import Variant
from dbus_fast.annotations import (
    DBusBool,
    DBusDict,
    DBusDouble,
    DBusInt64,
    DBusObjectPath,
    DBusSignature,
    DBusStr,
)
from dbus_fast.constants import PropertyAccess
from dbus_fast.service import ServiceInterface, dbus_method, dbus_property, dbus_signal

from reader.model import Position
from reader.mpris.remote import Remote, Snapshot
from reader.mpris.timeline import Timeline
from reader.narration_options import MAX_RATE, MIN_RATE

POLL = 0.05
"""Seconds between looks at the front-end's state."""
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
DBusStrings = Annotated[list[str], DBusSignature("as")]
STATUS = {"playing": "Playing", "paused": "Paused", "stopped": "Stopped"}


def track_id(source: str) -> str:
    """An object path per document, stable across runs."""
    return "/org/mpris/MediaPlayer2/reader/track/" + hashlib.sha1(source.encode()).hexdigest()[:16]


class Root(ServiceInterface):
    def __init__(self, remote: Remote) -> None:
        super().__init__("org.mpris.MediaPlayer2")
        self._remote = remote

    @dbus_method()
    def Raise(self) -> None:
        self._remote.show()

    @dbus_method()
    def Quit(self) -> None:
        self._remote.quit()

    @dbus_property(access=PropertyAccess.READ)
    def CanQuit(self) -> DBusBool:
        return True

    @dbus_property(access=PropertyAccess.READ)
    def CanRaise(self) -> DBusBool:
        return self._remote.can_raise

    @dbus_property(access=PropertyAccess.READ)
    def HasTrackList(self) -> DBusBool:
        return False

    @dbus_property(access=PropertyAccess.READ)
    def Identity(self) -> DBusStr:
        return "reader"

    @dbus_property(access=PropertyAccess.READ)
    def SupportedUriSchemes(self) -> DBusStrings:
        return []

    @dbus_property(access=PropertyAccess.READ)
    def SupportedMimeTypes(self) -> DBusStrings:
        return []


class Player(ServiceInterface):
    def __init__(self, remote: Remote) -> None:
        super().__init__("org.mpris.MediaPlayer2.Player")
        self._remote = remote
        self._timeline: Timeline | None = None
        self._shown: dict[str, Any] = {}
        self._heard = (Position(), 0, 0.0)
        """The sentence last seen, where it started (µs) and when it was seen (monotonic)."""
        self._was = "stopped"

    # --- state ------------------------------------------------------------------------

    def _look(self) -> tuple[Snapshot, Timeline | None]:
        snapshot = self._remote.snapshot()
        article, timeline = snapshot.article, self._timeline
        if article is None:
            return snapshot, None
        same_article = timeline is not None and timeline.article is article
        if timeline is None or not same_article:
            timeline = self._timeline = Timeline(article, snapshot.options)
        here = (snapshot.position.block, snapshot.position.sentence)
        heard, _, _ = self._heard
        if here != (heard.block, heard.sentence):
            start = timeline.span(snapshot.position)[0]
            # Reading on reaches the next sentence where the last one ended; anything
            # else (a skip, a key, a seek, a move while stopped) is a jump: say so.
            went_on = snapshot.play == "playing" and start == timeline.span(heard)[1]
            if same_article and not went_on:
                self.Seeked(start)
            self._heard = (snapshot.position, start, time.monotonic())
        elif snapshot.play != self._was:  # paused or resumed: time counts from here
            self._heard = (heard, self._position(snapshot, timeline, self._was), time.monotonic())
        self._was = snapshot.play
        return snapshot, timeline

    def _position(self, snapshot: Snapshot, timeline: Timeline, play: str) -> int:
        """The sentence's start, plus the time heard of it while playing (at most its end)."""
        heard, start, since = self._heard
        if play != "playing":
            return start
        elapsed = int((time.monotonic() - since) * snapshot.options.rate * 1_000_000)
        return min(start + elapsed, max(start, timeline.span(heard)[1]))

    def _now(self) -> int:
        snapshot, timeline = self._look()
        return self._position(snapshot, timeline, snapshot.play) if timeline else 0

    def _metadata(self, snapshot: Snapshot, timeline: Timeline | None) -> dict[str, Any]:
        article = snapshot.article
        if article is None or timeline is None:
            return {"mpris:trackid": NO_TRACK}
        shown: dict[str, Any] = {
            "mpris:trackid": track_id(article.source),
            "mpris:length": timeline.length,
            "xesam:title": article.title,
        }
        if article.site:
            shown["xesam:artist"] = [article.site]
        if article.byline:
            shown["xesam:comment"] = [article.byline]
        if "://" in article.source:
            shown["xesam:url"] = article.source
        return shown

    def refresh(self) -> None:
        """Send PropertiesChanged for what changed since the last look."""
        snapshot, timeline = self._look()
        now: dict[str, Any] = {
            "PlaybackStatus": STATUS[snapshot.play],
            "Metadata": self._metadata(snapshot, timeline),
            "Rate": snapshot.options.rate,
            "Volume": snapshot.options.volume,
            "CanPlay": snapshot.article is not None,
            "CanSeek": timeline is not None,
        }
        changed = {name: value for name, value in now.items() if self._shown.get(name) != value}
        self._shown = now
        if changed:
            if "Metadata" in changed:
                changed["Metadata"] = _variants(changed["Metadata"])
            self.emit_properties_changed(changed)

    # --- methods ----------------------------------------------------------------------

    @dbus_method()
    def Next(self) -> None:
        self._remote.skip(1)
        self.refresh()

    @dbus_method()
    def Previous(self) -> None:
        self._remote.skip(-1)
        self.refresh()

    @dbus_method()
    def Pause(self) -> None:
        self._remote.pause()
        self.refresh()

    @dbus_method()
    def PlayPause(self) -> None:
        self._remote.play_pause()
        self.refresh()

    @dbus_method()
    def Stop(self) -> None:
        self._remote.stop()
        self.refresh()

    @dbus_method()
    def Play(self) -> None:
        self._remote.play()
        self.refresh()

    @dbus_method()
    def Seek(self, offset: DBusInt64) -> None:
        self._go(self._now() + offset)

    @dbus_method()
    def SetPosition(self, track: DBusObjectPath, position: DBusInt64) -> None:
        snapshot, timeline = self._look()
        article = snapshot.article
        if article is None or timeline is None or track != track_id(article.source):
            return  # a stale request, for a document no longer playing: ignored
        if 0 <= position <= timeline.length:
            self._go(position)

    def _go(self, position: int) -> None:
        timeline = self._look()[1]
        if timeline is None:
            return
        if position >= timeline.length:
            self._remote.stop()  # past the end: as Next would, with nothing next
        else:
            self._remote.go_to(timeline.position(position))  # the next look says Seeked
        self.refresh()

    @dbus_signal()
    def Seeked(self, position: DBusInt64) -> DBusInt64:
        return position

    # --- properties -------------------------------------------------------------------

    @dbus_property(access=PropertyAccess.READ)
    def PlaybackStatus(self) -> DBusStr:
        return STATUS[self._look()[0].play]

    @dbus_property()
    def Rate(self) -> DBusDouble:
        return self._look()[0].options.rate

    @Rate.setter  # type: ignore[no-redef]
    def Rate(self, rate: DBusDouble) -> None:
        if rate <= 0:
            self._remote.pause()  # MPRIS: a rate of 0 pauses
        else:
            self._remote.set_rate(min(MAX_RATE, max(MIN_RATE, rate)))
        self.refresh()

    @dbus_property()
    def Volume(self) -> DBusDouble:
        return self._look()[0].options.volume

    @Volume.setter  # type: ignore[no-redef]
    def Volume(self, volume: DBusDouble) -> None:
        self._remote.set_volume(min(1.0, max(0.0, volume)))
        self.refresh()

    @dbus_property(access=PropertyAccess.READ)
    def Metadata(self) -> DBusDict:
        return _variants(self._metadata(*self._look()))

    @dbus_property(access=PropertyAccess.READ)
    def Position(self) -> DBusInt64:
        return self._now()

    @dbus_property(access=PropertyAccess.READ)
    def MinimumRate(self) -> DBusDouble:
        return MIN_RATE

    @dbus_property(access=PropertyAccess.READ)
    def MaximumRate(self) -> DBusDouble:
        return MAX_RATE

    @dbus_property(access=PropertyAccess.READ)
    def CanGoNext(self) -> DBusBool:
        return True

    @dbus_property(access=PropertyAccess.READ)
    def CanGoPrevious(self) -> DBusBool:
        return True

    @dbus_property(access=PropertyAccess.READ)
    def CanPlay(self) -> DBusBool:
        return self._look()[0].article is not None

    @dbus_property(access=PropertyAccess.READ)
    def CanPause(self) -> DBusBool:
        return True

    @dbus_property(access=PropertyAccess.READ)
    def CanSeek(self) -> DBusBool:
        return self._look()[1] is not None

    @dbus_property(access=PropertyAccess.READ)
    def CanControl(self) -> DBusBool:
        return True


SIGNATURES = {
    "mpris:trackid": "o",
    "mpris:length": "x",
    "xesam:title": "s",
    "xesam:artist": "as",
    "xesam:comment": "as",
    "xesam:url": "s",
}


def _variants(metadata: dict[str, Any]) -> dict[str, Variant]:
    return {key: Variant(SIGNATURES[key], value) for key, value in metadata.items()}
