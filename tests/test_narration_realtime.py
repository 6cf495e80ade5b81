"""A device that takes audio much faster than real time (the null ALSA device of the tests):
pacing keeps the narration to reading pace, and the listener is told once that nothing is
being heard, without narration stopping."""

from __future__ import annotations

import queue
import time

import pytest

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind
from reader.narration import pacing
from reader.narration.commands import Load, Play
from reader.narration.espeak import EspeakSynthesizer
from reader.narration.events import (
    NarrationError,
    NarrationEvent,
    NarrationWarning,
    SentenceStarted,
    StateChanged,
)
from reader.narration.player import Player
from reader.narration.session import NOT_REAL_TIME, Session
from tests.waiting import CEILING, wait_until

LONG = split_sentences(
    Article(
        source="test",
        title="Long",
        lang="en",
        blocks=tuple(
            Block(
                BlockKind.PARAGRAPH, f"Paragraph {i} starts here. It goes on a while. Then it ends."
            )
            for i in range(20)
        ),
    )
)


@pytest.fixture
def soon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pacing, "RACE_AFTER", 0.5)


@pytest.mark.usefixtures("soon")
def test_a_paced_player_on_a_fast_device_says_it_races() -> None:
    synth = EspeakSynthesizer(voice="en")
    clip = synth.synthesize("The government rejected a commentary.")
    paced, unpaced = Player(clip.sample_rate), Player(clip.sample_rate, pace=False)
    try:
        paced.open()
        unpaced.open()
        assert not paced.racing()
        paced.enqueue(clip.pcm * 20)
        unpaced.enqueue(clip.pcm * 2000)
        wait_until(paced.racing, "the paced player to say it races")
        assert not paced.drained(), "paced: not raced to the end"
        assert not unpaced.racing(), "without pacing there is nothing to tell"
    finally:
        paced.close()
        unpaced.close()


@pytest.mark.usefixtures("soon")
def test_the_session_warns_once_and_goes_on() -> None:
    synth = EspeakSynthesizer(lang="en")
    events: queue.Queue[NarrationEvent] = queue.Queue()
    session = Session(synth, Player(synth.sample_rate), None, events.put)
    session.start()
    try:
        session.command(Load(LONG, whole=False))
        session.command(Play(0, 0))
        seen: list[NarrationEvent] = []
        deadline = time.monotonic() + CEILING
        while not any(isinstance(e, NarrationWarning) for e in seen):
            seen.append(events.get(timeout=max(0.01, deadline - time.monotonic())))
        after: list[NarrationEvent] = []
        while not any(isinstance(e, SentenceStarted) for e in after):
            after.append(events.get(timeout=CEILING))
    finally:
        session.close()
    assert [e for e in seen if isinstance(e, NarrationWarning)] == [NarrationWarning(NOT_REAL_TIME)]
    everything = seen + after
    assert not any(isinstance(e, NarrationError) for e in everything)
    assert not any(isinstance(e, StateChanged) and e.state == "stopped" for e in everything)


class Restarted(pacing.Pacer):
    """A pacer that `restart` (a stop on the session's thread) reaches between the stream
    callback's reads: its origin is gone from the second read on."""

    reads = 0

    @property
    def _origin(self) -> float | None:
        self.reads += 1
        return 0.0 if self.reads == 1 else None

    @_origin.setter
    def _origin(self, value: float | None) -> None:
        pass


def test_a_stop_during_the_callback_does_not_break_pacing() -> None:
    # The callback paces on the PortAudio thread while `stop` restarts the pacer on the
    # session's: a restart between two reads of the origin must not raise in the callback.
    pacer = Restarted(22050)
    pacer.keep_to_real_time(0, 0)
