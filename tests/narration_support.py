"""Shared helpers for the narration tests: event sinks to wait on, a long article, and the
worker's session run with a player that hears everything at once."""

from __future__ import annotations

import queue
import re
import threading
import time
from collections.abc import Callable

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind
from reader.narration.commands import Load, Play
from reader.narration.engine import Synthesizer
from reader.narration.espeak import EspeakSynthesizer
from reader.narration.events import Finished, NarrationEvent, StateChanged
from reader.narration.session import Session
from reader.narration_options import NarrationOptions
from tests.waiting import CEILING

LONG = split_sentences(
    Article(
        source="test",
        title="Long",
        blocks=tuple(
            Block(
                BlockKind.PARAGRAPH, f"Paragraph {i} starts here. It goes on a while. Then it ends."
            )
            for i in range(40)
        ),
    )
)
"""Forty paragraphs of three sentences: narration that does not end during a test."""


class Events:
    """An event sink (call it with an event) that tests wait on."""

    def __init__(self) -> None:
        self.queue: queue.Queue[NarrationEvent] = queue.Queue()
        self.seen: list[NarrationEvent] = []

    def __call__(self, event: NarrationEvent) -> None:
        self.queue.put(event)

    def until(self, done: Callable[[NarrationEvent], bool]) -> list[NarrationEvent]:
        """Events up to and including the first for which `done` is true."""
        got: list[NarrationEvent] = []
        deadline = time.monotonic() + CEILING
        while True:
            event = self.queue.get(timeout=max(0.01, deadline - time.monotonic()))
            got.append(event)
            self.seen.append(event)
            if done(event):
                return got

    def quiet_for(self, seconds: float) -> list[NarrationEvent]:
        """The events of the next `seconds`."""
        got: list[NarrationEvent] = []
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                got.append(self.queue.get(timeout=left))
            except queue.Empty:
                break
        self.seen.extend(got)
        return got


def is_a(kind: type) -> Callable[[NarrationEvent], bool]:
    return lambda event: isinstance(event, kind)


def state(name: str) -> Callable[[NarrationEvent], bool]:
    return lambda event: isinstance(event, StateChanged) and event.state == name


class InstantPlayer:
    """Takes what the session queues and reports it heard in full at once."""

    def __init__(self) -> None:
        self.volume = 1.0
        self.queued: list[tuple[int, object]] = []
        self.audio: list[bytes] = []
        """What was queued, item by item."""
        self.paused = False

    def enqueue(self, pcm: bytes, tag: object = None) -> None:
        self.queued.append((len(pcm) // 2, tag))
        self.audio.append(pcm)

    def queued_frames(self) -> int:
        return 0  # all heard at once

    def audible(self) -> tuple[object, int] | None:
        return (self.queued[-1][1], 10**9) if self.queued else None

    def drained(self) -> bool:
        return True

    def racing(self) -> bool:
        return False

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False

    def stop(self) -> None:
        pass

    def clear(self) -> None:
        pass

    def close(self) -> None:
        pass


class Collected:
    """An event sink that keeps every event and says when narration finished."""

    def __init__(self) -> None:
        self.events: queue.Queue[NarrationEvent] = queue.Queue()
        self.done = threading.Event()

    def __call__(self, event: NarrationEvent) -> None:
        self.events.put(event)
        if isinstance(event, Finished):
            self.done.set()

    def all(self) -> list[NarrationEvent]:
        return [self.events.get_nowait() for _ in range(self.events.qsize())]


def run_session(
    options: NarrationOptions, article: Article, synth: Synthesizer | None = None
) -> tuple[InstantPlayer, list[NarrationEvent], int]:
    """The worker's session narrating `article` from its start to its end with the real
    engine (eSpeak NG in English unless `synth` is given), every sentence heard at once:
    what it queued (frames, tags), its events, the sample rate."""
    synth = synth or EspeakSynthesizer(lang="en")
    player = InstantPlayer()
    sink = Collected()
    session = Session(synth, player, None, sink, options=options)  # type: ignore[arg-type]
    session.start()
    session.command(Load(article, whole=False))
    session.command(Play(0, 0))
    assert sink.done.wait(CEILING)
    session.close()
    return player, sink.all(), synth.sample_rate


def cue_times(vtt: str, *, tags: bool = True) -> list[tuple[float, float, str]]:
    """(start, end, text) of each WebVTT cue, in seconds; the text without its word
    timestamps when not `tags`."""
    found = re.findall(r"(\d\d):(\d\d):(\d\d\.\d{3}) --> (\d\d):(\d\d):(\d\d\.\d{3})\n(.*)", vtt)
    return [
        (
            int(h1) * 3600 + int(m1) * 60 + float(s1),
            int(h2) * 3600 + int(m2) * 60 + float(s2),
            text if tags else re.sub(r"<[^>]*>", "", text),
        )
        for h1, m1, s1, h2, m2, s2, text in found
    ]
