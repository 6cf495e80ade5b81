"""The narrator end to end: a real worker process, the real engine, the null ALSA device."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind, Position
from reader.narration.events import (
    EngineReady,
    Finished,
    NarrationError,
    NarrationEvent,
    SentenceStarted,
    StateChanged,
    WordStarted,
)
from reader.narration.narrator import Narrator
from reader.narration.worker import PACING_VARIABLE
from reader.narration_options import NarrationOptions
from tests.narration_support import LONG, Events, is_a, state

SHORT = split_sentences(
    Article(
        source="test",
        title="Three paragraphs",
        lang="en",
        blocks=(
            Block(BlockKind.PARAGRAPH, "The government rejected a commentary. It said so."),
            Block(BlockKind.CAPTION, "A caption is not read."),
            Block(BlockKind.PARAGRAPH, "Officials freed 2,982 people. Many were foreign."),
            Block(BlockKind.PARAGRAPH, "The end is near."),
        ),
    )
)


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def narrator(events: Events, monkeypatch: pytest.MonkeyPatch) -> Iterator[Narrator]:
    monkeypatch.setenv(PACING_VARIABLE, "0")  # the null device may run ahead of the clock
    narrator = Narrator(events)
    narrator.start()
    yield narrator
    narrator.close()


def sentences_of(events: list[NarrationEvent]) -> list[tuple[int, int]]:
    return [(e.block, e.sentence) for e in events if isinstance(e, SentenceStarted)]


def test_plays_an_article_to_the_end(narrator: Narrator, events: Events) -> None:
    narrator.load(SHORT)
    narrator.play(Position())
    got = events.until(is_a(Finished))
    ready = [e for e in got if isinstance(e, EngineReady)]
    assert ready
    assert ready[0].audio_error is None
    assert ready[0].sample_rate == 22050
    playing = [e for e in got if isinstance(e, StateChanged)]
    assert playing[0] == StateChanged("playing", 0, 0, 0)
    expected = [(b, s) for b in (0, 2, 3) for s in range(len(SHORT.sentences(b)))]
    assert sentences_of(got) == expected
    words = [e for e in got if isinstance(e, WordStarted)]
    assert len(words) >= 15
    for word in words:
        assert SHORT.blocks[word.block].text[word.start : word.end].strip().isalnum() or (
            SHORT.blocks[word.block].text[word.start : word.end] == "2,982"
        )
    assert not any(isinstance(e, NarrationError) for e in got)


def test_pause_then_resume_continues_where_it_paused(narrator: Narrator, events: Events) -> None:
    narrator.load(LONG)
    narrator.play(Position(0))
    events.until(is_a(SentenceStarted))
    narrator.pause()
    before = events.until(state("paused"))
    events.quiet_for(0.1)  # what was already in the device buffer is still heard
    assert not sentences_of(events.quiet_for(0.3)), "nothing new is heard while paused"
    heard = sentences_of(events.seen)
    narrator.resume()
    after = events.until(is_a(SentenceStarted))
    assert isinstance(before[-1], StateChanged)
    assert after[-1] != SentenceStarted(0, 0)
    flat = [(b, s) for b in range(len(LONG.blocks)) for s in range(3)]
    assert sentences_of(after)[-1] == flat[flat.index(heard[-1]) + 1]
    narrator.stop()
    events.until(state("stopped"))


def test_skip_by_paragraph_and_sentence(narrator: Narrator, events: Events) -> None:
    narrator.load(LONG)
    narrator.play(Position(0))
    events.until(is_a(SentenceStarted))
    narrator.pause()  # the null device runs ahead: pause to know where the voice is
    events.until(state("paused"))
    events.quiet_for(0.1)
    block = sentences_of(events.seen)[-1][0]
    narrator.skip(blocks=5)
    jumped = events.until(is_a(StateChanged))[-1]
    assert jumped == StateChanged("paused", block + 5, 0, 0)
    narrator.resume()
    assert events.until(is_a(SentenceStarted))[-1] == SentenceStarted(block + 5, 0)
    narrator.pause()
    events.until(state("paused"))
    events.quiet_for(0.1)
    here = sentences_of(events.seen)[-1]
    narrator.skip(sentences=-1)
    back = events.until(is_a(StateChanged))[-1]
    assert isinstance(back, StateChanged)
    flat = [(b, s) for b in range(len(LONG.blocks)) for s in range(3)]
    target = flat[flat.index(here) - 1]
    assert (back.state, back.block, back.sentence) == ("paused", *target)
    narrator.resume()
    assert sentences_of(events.until(is_a(SentenceStarted))) == [target]
    narrator.stop()
    events.until(state("stopped"))


def test_worker_death_is_reported_and_the_next_play_restarts_it(
    narrator: Narrator, events: Events
) -> None:
    narrator.load(LONG)
    narrator.play(Position(0))
    events.until(is_a(SentenceStarted))
    pid = narrator.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    error = events.until(is_a(NarrationError))[-1]
    assert isinstance(error, NarrationError)
    assert "stopped unexpectedly" in error.message
    narrator.play(Position(3))
    got = events.until(is_a(SentenceStarted))
    assert any(isinstance(e, EngineReady) for e in got)
    assert got[-1] == SentenceStarted(3, 0)
    assert narrator.pid != pid


def test_rate_and_voice_changes_keep_playing(narrator: Narrator, events: Events) -> None:
    narrator.load(SHORT)
    narrator.configure(NarrationOptions(rate=2.0, voice="gmw/en-US"))
    ready = events.until(lambda e: isinstance(e, EngineReady) and "America" in e.voice)
    assert ready
    narrator.play(Position(2))
    assert sentences_of(events.until(is_a(Finished))) == [(2, 0), (2, 1), (3, 0)]


def test_the_worker_starts_with_the_options_given(
    events: Events, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PACING_VARIABLE, "0")
    narrator = Narrator(events, NarrationOptions(voice="gmw/en-US", rate=2.0))
    try:
        narrator.start()
        ready = events.until(is_a(EngineReady))[-1]
        assert isinstance(ready, EngineReady)
        assert "America" in ready.voice
        french = split_sentences(
            Article(
                source="t", title="t", lang="fr", blocks=(Block(BlockKind.PARAGRAPH, "Bonjour."),)
            )
        )
        narrator.load(french)
        narrator.play(Position())
        got = events.until(is_a(Finished))
        assert not any(isinstance(e, EngineReady) for e in got), "a chosen voice stays"
    finally:
        narrator.close()


def test_without_an_audio_device_play_reports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, events: Events
) -> None:
    config = tmp_path / "asound.conf"
    config.write_text("</usr/share/alsa/alsa.conf>\npcm.!default { type hw card 42 }\n")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(config))
    narrator = Narrator(events)
    try:
        narrator.start()
        ready = events.until(is_a(EngineReady))[-1]
        assert isinstance(ready, EngineReady)
        assert ready.audio_error is not None
        assert ready.audio_error.startswith("No audio output device")
        assert "\n" not in ready.audio_error
        narrator.load(SHORT)
        narrator.play(Position())
        error = events.until(is_a(NarrationError))[-1]
        assert error == NarrationError(ready.audio_error)
        narrator.configure(NarrationOptions(rate=1.5))  # the rest keeps working
        assert events.quiet_for(0.2) == []
        assert narrator.pid is not None
    finally:
        narrator.close()


def test_the_voice_follows_the_article_language(narrator: Narrator, events: Events) -> None:
    events.until(is_a(EngineReady))
    french = split_sentences(
        Article(source="t", title="t", lang="fr", blocks=(Block(BlockKind.PARAGRAPH, "Bonjour."),))
    )
    narrator.load(french)
    ready = events.until(is_a(EngineReady))[-1]
    assert isinstance(ready, EngineReady)
    assert ready.voice.startswith("French")


def test_without_a_speech_engine_there_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, events: Events
) -> None:
    # a pyttsx3 whose eSpeak binding fails to load, as it does without libespeak-ng
    drivers = tmp_path / "pyttsx3" / "drivers"
    drivers.mkdir(parents=True)
    (tmp_path / "pyttsx3" / "__init__.py").write_text("")
    (drivers / "__init__.py").write_text("")
    (drivers / "_espeak.py").write_text("raise RuntimeError('no libespeak-ng')\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    narrator = Narrator(events)
    try:
        narrator.start()
        error = events.until(is_a(NarrationError))[-1]
        assert isinstance(error, NarrationError)
        assert error.message.startswith("No speech engine")
        assert events.quiet_for(0.3) == []  # no "stopped unexpectedly" on top
    finally:
        narrator.close()


@pytest.fixture
def paced(events: Events) -> Iterator[Narrator]:
    """A narrator whose null device keeps to real time, so seconds heard mean something."""
    narrator = Narrator(events)
    narrator.start()
    yield narrator
    narrator.close()


def test_previous_at_a_paragraph_start_goes_to_the_paragraph_before(
    paced: Narrator, events: Events
) -> None:
    paced.load(LONG)
    paced.play(Position(5))
    events.until(lambda e: e == SentenceStarted(5, 0))
    paced.skip(blocks=-1)  # well within 2 s of the paragraph's start
    assert events.until(is_a(StateChanged))[-1] == StateChanged("playing", 4, 0, 0)
    assert sentences_of(events.until(is_a(SentenceStarted))) == [(4, 0)]


def test_previous_later_in_a_paragraph_restarts_it(paced: Narrator, events: Events) -> None:
    paced.load(LONG)
    paced.play(Position(5))
    events.until(lambda e: e == SentenceStarted(5, 2))  # two sentences in: over 2 s heard
    paced.skip(blocks=-1)
    assert events.until(is_a(StateChanged))[-1] == StateChanged("playing", 5, 0, 0)
    assert sentences_of(events.until(is_a(SentenceStarted))) == [(5, 0)]
    paced.skip(blocks=-2)  # at its start again: the first step back restarts nothing
    assert events.until(is_a(StateChanged))[-1] == StateChanged("playing", 3, 0, 0)


def test_previous_after_a_jump_into_a_paragraph_restarts_it(
    paced: Narrator, events: Events
) -> None:
    paced.load(LONG)
    paced.play(Position(5, 2))
    events.until(lambda e: e == SentenceStarted(5, 2))
    paced.skip(blocks=-1)
    assert events.until(is_a(StateChanged))[-1] == StateChanged("playing", 5, 0, 0)


def test_a_rate_change_is_heard_from_the_next_sentence(paced: Narrator, events: Events) -> None:
    """The sentence being heard is not cut off or repeated; what follows comes at once."""
    paced.load(SHORT)
    paced.play(Position(0))
    events.until(lambda e: e == SentenceStarted(0, 0))
    paced.configure(NarrationOptions(rate=2.0))
    heard = sentences_of(events.until(is_a(Finished)))
    assert heard == [(0, 1), (2, 0), (2, 1), (3, 0)]


def test_missing_voice_data_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, events: Events
) -> None:
    """libespeak exit()s the process when its data path is empty: say what to install."""
    monkeypatch.setenv("ESPEAK_DATA_PATH", str(tmp_path))
    narrator = Narrator(events)
    try:
        narrator.start()
        error = events.until(is_a(NarrationError))[-1]
        assert isinstance(error, NarrationError)
        assert "voice data" in error.message
        assert "\n" not in error.message
    finally:
        narrator.close()
