"""Drives the narration for the PulseAudio benchmark: the worker through `Narrator`, and
the worker's Session and Player in this process (see `heard` for what is measured), with
the voice the options name (an eSpeak NG or a Piper voice)."""

from __future__ import annotations

import os
import queue
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import heard
import pulse

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind, Position
from reader.narration.commands import Load, Play
from reader.narration.engine import Clip, WordTiming
from reader.narration.events import (
    EngineReady,
    Finished,
    NarrationEvent,
    StateChanged,
    WordStarted,
)
from reader.narration.narrator import Narrator
from reader.narration_options import NarrationOptions

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
        self.clips: list[tuple[str, Clip]] = []

    def synthesize(self, text: str) -> Clip:
        clip: Clip = self.synth.synthesize(text)
        self.clips.append((text, clip))
        return clip

    def __getattr__(self, name: str) -> Any:
        return getattr(self.synth, name)


@dataclass
class Narration:
    command: float
    """When play was sent."""
    events: list[Stamped]
    clips: list[Clip]
    """One a sentence, in reading order (the speech text's offsets)."""
    label: str = ""


def narrate(article: Article, options: NarrationOptions, label: str = "") -> Narration:
    """Play `article` to its end with the worker's own Session and Player, in this process,
    with a synthesizer that keeps each clip (eSpeak NG's output varies from one rendering to
    the next, so a clip rendered again would not match the recording)."""
    from reader.narration.player import Player
    from reader.narration.session import Session
    from reader.narration.voices import VoiceRouter

    tap = Tap(VoiceRouter(voice=options.voice or None, rate=options.rate, lang=article.lang))
    player = Player(tap.sample_rate)
    player.open()
    listener = Listener()
    session = Session(tap, player, None, listener, options=options)
    session.start()
    session.command(Load(article, whole=False))
    time.sleep(0.5)
    command = time.perf_counter()
    session.command(Play(0, 0))
    try:
        events = listener.until(is_a(Finished), timeout=TIMEOUT + len(article.text) / 5)
    finally:
        session.close()
    return Narration(command, events, joined(article, tap.clips), label)


def joined(article: Article, clips: list[tuple[str, Clip]]) -> list[Clip]:
    """One clip a sentence, in reading order, up to the first sentence not rendered: the
    first sentence's first clause (rendered alone to start sooner, see
    `reader.narration.clause`) joined to its rest as the player joined them. Clips are
    matched to sentences by their text, as the narrator renders ahead out of reading order
    (the next paragraph's opening before the sentences up to it, see
    `reader.narration.render_ahead`), and renders some it does not play (a paragraph's opening
    whole, in case a skip goes back to it)."""
    from reader.narration.clause import first_clause, trimmed
    from reader.narration.speech import speech_text

    left = list(clips)

    def take(text: str) -> Clip | None:
        for index, (rendered, clip) in enumerate(left):
            if rendered == text:
                del left[index]
                return clip
        return None

    found: list[Clip] = []
    for block, sentence in [
        (b, s)
        for b in range(len(article.blocks))
        if article.blocks[b].is_body
        for s in range(len(article.sentences(b)))
    ]:
        text = article.blocks[block].text
        span = article.sentences(block)[sentence]
        cut = first_clause(text, span.start, span.end) if not found else None
        spoken = speech_text(text[span.start : cut.end]).text if cut is not None else ""
        head = take(spoken) if cut is not None else None
        if cut is not None and head is not None:
            rest = take(speech_text(text[cut.end : span.end]).text)
            if rest is None:
                break
            pcm = trimmed(head.pcm, head.sample_rate, cut.pause_ms)
            ms = len(pcm) // 2 * 1000 // head.sample_rate
            shift = len(spoken)
            words = head.words + tuple(
                WordTiming(w.start + shift, w.end + shift, w.ms + ms) for w in rest.words
            )
            found.append(Clip(pcm + rest.pcm, head.sample_rate, words))
            continue
        whole = take(speech_text(text[span.start : span.end]).text)
        if whole is None:
            break
        found.append(whole)
    return found


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
    return split_sentences(
        Article(source=article.source, title="excerpt", blocks=blocks, lang=article.lang)
    )


def run(
    article: Article,
    runs: int,
    sentences: int,
    options: NarrationOptions,
    rates: tuple[float, ...] = (1.0,),
) -> None:
    """Measure and print, with the voice of `options` (its pauses too); the gaps between
    sentences at each of `rates`."""
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
        narrator = Narrator(listener, options)
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
                played = [
                    narrate(long, replace(options, rate=rate), f"{rate:g}x") for rate in rates
                ]
        finally:
            narrator.close()
    pauses = (options.sentence_pause_ms / 1000, options.paragraph_pause_ms / 1000)
    heard.report(record, long, (ours, theirs, commands, played), pauses)
