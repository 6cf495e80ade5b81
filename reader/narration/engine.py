"""What a speech engine gives the narrator: a `Clip` of PCM with exact word timings.

Engines render text to memory; playing it is the player's job (see DESIGN: pyttsx3's own
playback cannot pause, stop or report what is audible).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

DEFAULT_LANGUAGE = "en"
"""The voice when neither the listener nor the article chose one."""
BYTES_PER_SAMPLE = 2
"""PCM is signed 16-bit little-endian mono."""


@dataclass(frozen=True, slots=True)
class WordTiming:
    """The word at `[start, end)` of the synthesized text starts `ms` into the clip."""

    start: int
    end: int
    ms: int


@dataclass(frozen=True, slots=True)
class Clip:
    pcm: bytes
    sample_rate: int
    words: tuple[WordTiming, ...] = ()

    @property
    def frames(self) -> int:
        return len(self.pcm) // BYTES_PER_SAMPLE

    @property
    def duration(self) -> float:
        """Seconds of audio."""
        return self.frames / self.sample_rate if self.sample_rate else 0.0


@dataclass(frozen=True, slots=True)
class Voice:
    name: str
    """Human name, e.g. "English (America)"."""
    language: str
    """BCP 47-ish tag, e.g. "en-us"."""
    identifier: str
    """What `set_voice` takes, e.g. "gmw/en-US" (eSpeak) or "piper:en_US-joe-medium"."""
    engine: str = "espeak"
    """"espeak" or "piper"."""
    quality: str = ""
    """Piper's own grade ("x_low", "low", "medium", "high"); empty for eSpeak."""


class Synthesizer(Protocol):
    sample_rate: int

    def synthesize(self, text: str) -> Clip: ...

    def voices(self) -> list[Voice]: ...

    def set_voice(self, voice: str, *, fallback: bool = False) -> str:
        """Select a voice by identifier, name or language; return its display name.
        Unknown voices raise ValueError, or with `fallback` select the default voice."""
        ...

    def set_rate(self, rate: float) -> None:
        """Speed as a multiple of the voice's normal words per minute (0.5-3.0)."""
        ...


_WORD = re.compile(r"\w+(?:[-'’.,:/]\w+)*")
"""A word as the reader sees it: "2,982", "country's", "U.S", "e-mail" are one word each."""


def word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def snap_words(text: str, events: list[tuple[int, int]]) -> tuple[WordTiming, ...]:
    """Map engine word events `(char offset, ms)` onto the words of `text`.

    Engines report odd offsets: several events inside one number, offsets that go back,
    zero lengths after quote marks. Each event goes to the word that holds or follows its
    offset; a word is reported once, and offsets only move forward.
    """
    spans = word_spans(text)
    timings: list[WordTiming] = []
    index = 0
    for offset, ms in events:
        while index < len(spans) and spans[index][1] <= offset:
            index += 1
        if index >= len(spans):
            break
        start, end = spans[index]
        if timings and timings[-1].start >= start:
            continue
        timings.append(WordTiming(start, end, max(ms, timings[-1].ms if timings else 0)))
    return tuple(timings)
