"""The worker's session in this process, with the real engine and the real player on the
null ALSA device (paced to real time): how soon stop and pause silence the audio, and what
a configure command changes."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import pytest

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind
from reader.narration.commands import Configure, Load, Pause, Play, Resume, Skip, Stop
from reader.narration.engine import Clip
from reader.narration.espeak import EspeakSynthesizer
from reader.narration.events import (
    EngineReady,
    NarrationError,
    NarrationEvent,
    SentenceStarted,
)
from reader.narration.player import Player
from reader.narration.session import Session
from reader.narration_options import NarrationOptions
from tests.narration_support import LONG, Events, InstantPlayer, is_a, state
from tests.waiting import CEILING

SILENT_WITHIN_MS = 50
"""Audio handed to the device after a stop or pause command: at most one callback's worth
that was being filled as the command came (the device buffer is dropped, not played)."""


class Running:
    """A session, and the events it emitted."""

    def __init__(self, *, player: bool) -> None:
        synth = EspeakSynthesizer(lang="en")
        self.player = Player(synth.sample_rate) if player else None
        self.events = Events()
        problem = None if player else "no audio"
        self.session = Session(synth, self.player, problem, self.events)
        self.sample_rate = synth.sample_rate

    def ms(self, frames: int) -> float:
        return frames * 1000 / self.sample_rate


@contextlib.contextmanager
def running(*, player: bool) -> Iterator[Running]:
    run = Running(player=player)
    run.session.start()
    try:
        yield run
    finally:
        run.session.close()


@pytest.fixture
def playing() -> Iterator[Running]:
    """Well into the narration of `LONG`: the device buffer is full."""
    with running(player=True) as run:
        run.session.command(Load(LONG, whole=False))
        run.session.command(Play(0, 0))
        run.events.until(lambda e: e == SentenceStarted(0, 1))
        yield run


def test_stop_silences_the_audio_at_once(playing: Running) -> None:
    assert playing.player is not None
    before = playing.player.frames_played
    playing.session.command(Stop())
    playing.events.until(state("stopped"))
    assert playing.events.quiet_for(0.3) == []
    after = playing.player.frames_played
    assert playing.ms(after - before) < SILENT_WITHIN_MS


def test_pause_silences_the_audio_at_once_and_resume_goes_on(playing: Running) -> None:
    assert playing.player is not None
    before = playing.player.frames_played
    playing.session.command(Pause())
    playing.events.until(state("paused"))
    playing.events.quiet_for(0.3)
    paused = playing.player.frames_played
    assert playing.ms(paused - before) < SILENT_WITHIN_MS
    playing.session.command(Resume())
    playing.events.until(is_a(SentenceStarted))
    assert playing.ms(playing.player.frames_played - paused) > 100, "it plays again"


def voices_of(events: list[NarrationEvent]) -> list[str]:
    return [e.voice for e in events if isinstance(e, EngineReady)]


def test_configure_changes_only_what_changed_and_an_empty_voice_follows_the_article() -> None:
    french = split_sentences(
        Article(source="t", title="t", lang="fr", blocks=(Block(BlockKind.PARAGRAPH, "Bonjour."),))
    )
    with running(player=False) as run:
        run.session.command(Load(french, whole=False))
        assert voices_of(run.events.until(is_a(EngineReady)))[0].startswith("French")
        chosen = NarrationOptions(voice="en-us")
        run.session.command(Configure(chosen))
        assert "America" in voices_of(run.events.until(is_a(EngineReady)))[0]
        run.session.command(Configure(NarrationOptions(voice="en-us", volume=0.5, rate=2)))
        run.session.command(Load(french, whole=False))  # a chosen voice stays chosen
        assert run.events.quiet_for(0.3) == []
        run.session.command(Configure(NarrationOptions()))
        assert voices_of(run.events.until(is_a(EngineReady)))[0].startswith("French")
        run.session.command(Configure(NarrationOptions(voice="no-such-voice")))
        error = run.events.until(is_a(NarrationError))[-1]
        assert error == NarrationError("unknown voice: no-such-voice")


def test_play_from_a_caption_starts_at_the_first_block_the_options_read() -> None:
    """A queued document opens on its photo caption (block 0) and is played from there:
    with `read_captions` off the caption is not read, with it on it is."""
    captioned = split_sentences(
        Article(
            source="t",
            title="t",
            blocks=(
                Block(BlockKind.CAPTION, "A photo of the harbour."),
                Block(BlockKind.CAPTION, "Another photo."),
                Block(BlockKind.PARAGRAPH, "The text begins here."),
            ),
        )
    )
    with running(player=True) as run:
        run.session.command(Load(captioned, whole=False))
        run.session.command(Play(0, 0))
        first = run.events.until(is_a(SentenceStarted))[-1]
        assert first == SentenceStarted(2, 0), "captions are skipped by default"
        run.session.command(Stop())
        run.events.until(state("stopped"))
        run.session.command(Configure(NarrationOptions(read_captions=True)))
        run.session.command(Play(0, 0))
        assert run.events.until(is_a(SentenceStarted))[-1] == SentenceStarted(0, 0)


class HeldSynthesizer(EspeakSynthesizer):
    """eSpeak NG whose renders wait while `hold` is clear: a voice busy on a long sentence."""

    def __init__(self) -> None:
        super().__init__(lang="en")
        self.hold = threading.Event()
        self.hold.set()
        self.waiting = threading.Event()

    def synthesize(self, text: str) -> Clip:
        if not self.hold.is_set():
            self.waiting.set()
            self.hold.wait(timeout=CEILING)
        return super().synthesize(text)


def test_resume_sounds_at_once_while_the_voice_is_busy_rendering() -> None:
    synth = HeldSynthesizer()
    player = Player(synth.sample_rate)
    events = Events()
    session = Session(synth, player, None, events)
    session.start()
    try:
        session.command(Load(LONG, whole=False))
        session.command(Play(0, 0))
        events.until(lambda e: e == SentenceStarted(0, 1))
        session.command(Pause())
        events.until(state("paused"))
        synth.hold.clear()  # the next render (the driver keeps a few sentences ahead) waits
        session.command(Skip(0, 1))  # ... and a skip makes the driver render at once
        assert synth.waiting.wait(timeout=CEILING), "the driver is rendering"
        session.command(Resume())
        assert not player.paused, "heard at once, not after the render"
    finally:
        synth.hold.set()
        session.close()


def test_a_resume_right_after_a_stop_stays_silent(playing: Running) -> None:
    assert playing.player is not None
    before = playing.player.frames_played
    playing.session.command(Stop())
    playing.session.command(Resume())
    playing.events.until(state("stopped"))
    assert playing.events.quiet_for(0.3) == []
    assert playing.ms(playing.player.frames_played - before) < SILENT_WITHIN_MS


def test_a_resume_after_a_stop_and_a_pause_stays_silent(playing: Running) -> None:
    assert playing.player is not None
    before = playing.player.frames_played
    playing.session.command(Stop())
    playing.session.command(Pause())
    playing.session.command(Resume())
    playing.events.until(state("stopped"))
    assert playing.events.quiet_for(0.3) == []
    assert playing.ms(playing.player.frames_played - before) < SILENT_WITHIN_MS


class GatedPlayer(InstantPlayer):
    """Hears the queued items only as far as the test lets it (`heard`, an index)."""

    def __init__(self) -> None:
        super().__init__()
        self.heard = 0

    def audible(self) -> tuple[object, int] | None:
        if len(self.queued) <= self.heard:
            return None
        return (self.queued[self.heard][1], 0)


def test_what_was_heard_before_a_pause_is_told_before_the_pause() -> None:
    """The listener's place is the sentence heard last: a sentence that became audible just
    before the pause is reported before "paused", never after it (where the reading screen
    would move on from a paused narration)."""
    for _ in range(5):  # the driver may take the pause before or after its next report
        synth = EspeakSynthesizer(lang="en")
        player = GatedPlayer()
        events = Events()
        session = Session(synth, player, None, events)  # type: ignore[arg-type]
        session.start()
        try:
            session.command(Load(LONG, whole=False))
            session.command(Play(0, 0))
            events.until(is_a(SentenceStarted))
            deadline = time.monotonic() + CEILING
            while len(player.queued) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
            with session._ahead.lock:  # the next sentence is heard as the pause comes
                player.heard = 1
                session.command(Pause())
            after = events.until(state("paused"))
            started = [e for e in after if isinstance(e, SentenceStarted)]
            assert [e.sentence for e in started] == [1]
            assert not [e for e in events.quiet_for(0.1) if isinstance(e, SentenceStarted)]
        finally:
            session.close()
