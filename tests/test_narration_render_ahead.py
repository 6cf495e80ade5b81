"""Rendering runs on a thread of its own: a command, and the highlight of what is heard,
never wait for a render; a render a command has made stale is never played; a skip onto
audio already rendered plays it without rendering it again.

The voice is real eSpeak NG (or the bundled Piper voice) on the real player (the null ALSA
device, paced to real time); a `Gate` holds one sentence's render until the test opens it,
as a slow voice on a busy machine would."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind
from reader.narration.commands import Configure, Load, Pause, Play, Resume, Skip
from reader.narration.engine import Clip, Voice, word_spans
from reader.narration.espeak import EspeakSynthesizer
from reader.narration.events import NarrationEvent, SentenceStarted, StateChanged, WordStarted
from reader.narration.player import Player
from reader.narration.session import Session
from reader.narration_options import NarrationOptions
from tests.narration_support import Events, state
from tests.waiting import CEILING, wait_until

WORDS = ("Alpha Bravo Charlie Delta Echo Foxtrot", "Golf Hotel India Juliett Kilo Lima")
TEXTS = [
    [f"{word} is sentence {s + 1} of part {p + 1}." for s, word in enumerate(part.split(" "))]
    for p, part in enumerate(WORDS)
]
ARTICLE = split_sentences(
    Article(
        source="test",
        title="Ahead",
        lang="en",
        blocks=tuple(Block(BlockKind.PARAGRAPH, " ".join(part)) for part in TEXTS),
    )
)
"""Two paragraphs of six sentences, each sentence its own words: more than is rendered ahead."""


class Gate:
    """A voice whose render of `held` waits until `gate` is set; it keeps every text it
    rendered, and notes a voice or rate change made while a render is in progress."""

    def __init__(self, synth: Any, held: str = "") -> None:
        self.synth = synth
        self.sample_rate: int = synth.sample_rate
        self.voice_name: str = synth.voice_name
        self.slow: bool = bool(getattr(synth, "slow", False))
        self.held = held
        self.entered = threading.Event()
        self.gate = threading.Event()
        self.texts: list[str] = []
        self.rendering = 0
        self.raced: list[str] = []

    def synthesize(self, text: str) -> Clip:
        self.rendering += 1
        try:
            if text == self.held:
                self.entered.set()
                self.gate.wait(timeout=CEILING)
            clip: Clip = self.synth.synthesize(text)
            self.texts.append(text)
            return clip
        finally:
            self.rendering -= 1

    def voices(self) -> list[Voice]:
        voices: list[Voice] = self.synth.voices()
        return voices

    def set_voice(self, voice: str, *, fallback: bool = False) -> str:
        if self.rendering:
            self.raced.append(f"voice {voice}")
        return self.voice_name

    def set_rate(self, rate: float) -> None:
        if self.rendering:
            self.raced.append(f"rate {rate}")
        self.synth.set_rate(rate)


@contextlib.contextmanager
def narrating(synth: Gate) -> Iterator[tuple[Session, Events]]:
    events = Events()
    session = Session(synth, Player(synth.sample_rate), None, events)
    session.start()
    try:
        session.command(Load(ARTICLE, whole=False))
        yield session, events
    finally:
        synth.gate.set()
        session.close()


def started(block: int, sentence: int) -> Any:
    return lambda event: event == SentenceStarted(block, sentence)


def at_block(name: str, block: int) -> Any:
    return lambda e: isinstance(e, StateChanged) and e.state == name and e.block == block


def words_of(events: list[NarrationEvent], block: int, sentence: int) -> list[int]:
    span = ARTICLE.sentences(block)[sentence]
    return [
        e.start
        for e in events
        if isinstance(e, WordStarted) and e.block == block and span.start <= e.start < span.end
    ]


def test_words_are_highlighted_while_the_next_sentence_renders() -> None:
    synth = Gate(EspeakSynthesizer(lang="en"), held=TEXTS[0][1])
    with narrating(synth) as (session, events):
        session.command(Play(0, 0))
        assert synth.entered.wait(CEILING), "the second sentence is being rendered"
        spans = word_spans(TEXTS[0][0])  # the first sentence starts the block
        got = events.until(lambda e: isinstance(e, WordStarted) and e.start == spans[-1][0])
        assert not synth.gate.is_set()
        assert words_of(got, 0, 0) == [start for start, _ in spans], "each word, as heard"


def test_commands_take_effect_while_a_sentence_renders_and_its_render_is_dropped() -> None:
    synth = Gate(EspeakSynthesizer(lang="en"), held=TEXTS[0][1])
    with narrating(synth) as (session, events):
        session.command(Play(0, 0))
        assert synth.entered.wait(CEILING)
        session.command(Pause())
        events.until(state("paused"))
        session.command(Skip(1, 0))
        events.until(at_block("paused", 1))
        session.command(Resume())
        events.until(state("playing"))
        assert not synth.gate.is_set(), "all of it before the render ends"
        synth.gate.set()
        got = events.until(started(1, 1))
        assert started(1, 0)(got[0]) or SentenceStarted(1, 0) in got
    assert SentenceStarted(0, 1) not in events.seen, "the stale render is never played"
    assert words_of(events.seen, 0, 1) == []
    assert TEXTS[0][1] in synth.texts, "it was rendered (and dropped)"


def test_a_rate_change_is_made_between_renders_and_drops_the_one_in_progress() -> None:
    synth = Gate(EspeakSynthesizer(lang="en"), held=TEXTS[0][2])
    with narrating(synth) as (session, events):
        session.command(Play(0, 0))
        assert synth.entered.wait(CEILING)
        session.command(Configure(NarrationOptions(rate=2.0)))
        session.command(Pause())
        events.until(state("paused"))  # the configure did not hold the commands after it
        threading.Timer(0.3, synth.gate.set).start()
        session.command(Resume())
        events.until(started(0, 2))
        assert synth.raced == [], "no voice or rate change during a render"
        assert synth.texts.count(TEXTS[0][2]) == 2, "rendered again at the new rate"


def rendered(synth: Gate, text: str) -> None:
    wait_until(lambda: text in synth.texts, f"{text!r} to be rendered ahead")


@pytest.mark.parametrize("engine", ["espeak", "piper"])
def test_next_plays_the_paragraph_rendered_ahead(engine: str, request: Any) -> None:
    if engine == "piper":
        voice = request.getfixturevalue("piper_synth")
        voice.set_rate(1.0)
        synth = Gate(voice)
        synth.slow = True
    else:
        synth = Gate(EspeakSynthesizer(lang="en"))
    with narrating(synth) as (session, events):
        session.command(Play(0, 0))
        events.until(started(0, 0))
        rendered(synth, TEXTS[1][0])  # beyond the sentences queued: the next paragraph's
        session.command(Skip(1, 0))
        events.until(started(1, 0))
        session.command(Skip(0, -1))  # back to the last sentence of the first paragraph
        events.until(started(0, 5))
        session.command(Skip(0, 1))
        events.until(started(1, 0))
    assert synth.texts.count(TEXTS[1][0]) == 1, "never rendered again"
