"""Drives the narration for the PulseAudio benchmark: the worker through `Narrator`, and
the worker's Session and Player in this process (see `heard` for what is measured)."""

from __future__ import annotations

import os
import queue
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import heard
import pulse

from reader.model import Article, Block, BlockKind, Position
from reader.narration.engine import Clip
from reader.narration.events import (
    EngineReady,
    Finished,
    NarrationEvent,
    StateChanged,
    WordStarted,
)
from reader.narration.narrator import Narrator

TIMEOUT = 20.0

Stamped = tuple[float, NarrationEvent]


class Listener:
    def __init__(self) -> None:
        self.queue: queue.Queue[Stamped] = queue.Queue()

    def __call__(self, event: NarrationEvent) -> None:
        self.queue.put((time.perf_counter(), event))

    def until(
        self, done: Callable[[NarrationEvent], bool], timeout: float = TIMEOUT
    ) -> list[Stamped]:
        got: list[Stamped] = []
        deadline = time.monotonic() + timeout
        while True:
            stamped = self.queue.get(timeout=max(0.01, deadline - time.monotonic()))
            got.append(stamped)
            if done(stamped[1]):
                return got


def is_a(kind: type) -> Callable[[NarrationEvent], bool]:
    return lambda event: isinstance(event, kind)


def stopped(event: NarrationEvent) -> bool:
    return isinstance(event, Finished) or (
        isinstance(event, StateChanged) and event.state == "stopped"
    )


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def first_audible(
    narrator: Narrator, listener: Listener, paragraph: Article, runs: int
) -> tuple[list[float], list[float]]:
    """Play commands (ours, espeak-ng's) as wall-clock times; analysed after recording."""
    ours: list[float] = []
    theirs: list[float] = []
    narrator.load(paragraph)
    text = paragraph.blocks[0].text
    for _ in range(runs):
        time.sleep(0.4)
        theirs.append(time.perf_counter())
        espeak = subprocess.Popen(
            ["espeak-ng", "-v", paragraph.lang or "en", text],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1.5)
        espeak.kill()
        espeak.wait()
        time.sleep(0.4)
        ours.append(time.perf_counter())
        narrator.play(Position(0))
        time.sleep(1.5)
        narrator.stop()
        listener.until(stopped)
    return ours, theirs


class Tap:
    """A synthesizer that keeps every clip it renders: what the player was given."""

    def __init__(self, synth: Any) -> None:
        self.synth = synth
        self.sample_rate: int = synth.sample_rate
        self.voice_name: str = synth.voice_name
        self.clips: list[Clip] = []

    def synthesize(self, text: str) -> Clip:
        clip: Clip = self.synth.synthesize(text)
        self.clips.append(clip)
        return clip

    def __getattr__(self, name: str) -> Any:
        return getattr(self.synth, name)


@dataclass
class Narration:
    command: float
    """When play was sent."""
    events: list[Stamped]
    clips: list[Clip]
    """Rendered in reading order (the speech text's offsets)."""


def narrate(article: Article, options: dict[str, Any]) -> Narration:
    """Play `article` to its end with the worker's own Session and Player, in this process,
    with a synthesizer that keeps each clip (eSpeak NG's output varies from one rendering to
    the next, so a clip rendered again would not match the recording)."""
    from reader.narration.espeak import EspeakSynthesizer
    from reader.narration.player import Player
    from reader.narration.session import Session

    tap = Tap(EspeakSynthesizer(lang=article.lang))
    player = Player(tap.sample_rate)
    player.open()
    listener = Listener()
    session = Session(tap, player, None, listener, **options)  # type: ignore[arg-type]
    session.start()
    session.command({"cmd": "load", "article": article.to_dict()})
    time.sleep(0.3)
    command = time.perf_counter()
    session.command({"cmd": "play", "block": 0, "sentence": 0})
    try:
        events = listener.until(is_a(Finished), timeout=TIMEOUT + len(article.text) / 5)
    finally:
        session.close()
    return Narration(command, events, tap.clips)


def pause_resume(
    narrator: Narrator, listener: Listener, article: Article, runs: int
) -> list[tuple[float, float]]:
    """(pause command, resume command) times, each pause sent mid-word."""
    narrator.load(article)
    time.sleep(0.3)
    narrator.play(Position(0))
    commands: list[tuple[float, float]] = []
    for _ in range(runs):
        listener.until(is_a(WordStarted))
        time.sleep(0.06)  # inside the word just highlighted
        paused = time.perf_counter()
        narrator.pause()
        time.sleep(0.8)
        resumed = time.perf_counter()
        narrator.resume()
        commands.append((paused, resumed))
        time.sleep(0.5)
        while not listener.queue.empty():
            listener.queue.get_nowait()
    narrator.stop()
    listener.until(stopped)
    return commands


def excerpt(article: Article, sentences: int, per_paragraph: int = 3) -> Article:
    """At least `sentences` sentences of `article`'s body, `per_paragraph` to a paragraph
    (news paragraphs are often one sentence: this way both kinds of boundary are heard)."""
    found = [
        block.text[span.start : span.end]
        for index, block in enumerate(article.blocks)
        if block.is_body
        for span in article.sentences(index)
    ][:sentences]
    blocks = tuple(
        Block(BlockKind.PARAGRAPH, " ".join(found[i : i + per_paragraph]))
        for i in range(0, len(found), per_paragraph)
    )
    return Article(source=article.source, title="excerpt", blocks=blocks, lang=article.lang)


def run(
    article: Article,
    runs: int,
    sentences: int,
    pauses: tuple[float, float],
    options: dict[str, Any] | None = None,
) -> None:
    """Measure and print. `pauses` (after a sentence, after a paragraph, in seconds) are what
    the narration is configured with; `options` are Session keyword arguments."""
    missing = pulse.missing_tools()
    if missing:
        print(
            f"pulseaudio: skipped, {' and '.join(missing)} not installed "
            "(apt-get install pulseaudio pulseaudio-utils libasound2-plugins)"
        )
        return
    long = excerpt(article, sentences)
    paragraph = Article(source="p", title="p", blocks=long.blocks[:1], lang=article.lang)
    listener = Listener()
    with pulse.pulse_server() as env, environment(env):
        narrator = Narrator(listener)
        try:
            narrator.start()
            ready = listener.until(is_a(EngineReady))[-1][1]
            assert isinstance(ready, EngineReady)
            if ready.audio_error:
                print(
                    f"pulseaudio: skipped, the worker has no audio: {ready.audio_error} "
                    "(ALSA's pulse plugin is in libasound2-plugins)"
                )
                return
            with pulse.recording(env) as record:
                narrator.load(paragraph)  # warm up: the first stream start connects
                narrator.play(Position(0))
                time.sleep(1.0)
                narrator.stop()
                listener.until(stopped)
                ours, theirs = first_audible(narrator, listener, paragraph, runs)
                commands = pause_resume(narrator, listener, long, runs)
                played = narrate(long, options or {})
        finally:
            narrator.close()
    heard.report(record, long, (ours, theirs, commands, played), pauses)
