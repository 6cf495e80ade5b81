"""WebVTT captions for an exported narration: one cue per sentence, words timed inside it.

Each word after the first carries a WebVTT timestamp tag (`<00:00:01.234>word`), so players
that support karaoke-style captions can mark the spoken word. Times come from the same clips
(and paragraph pauses) as the audio file, in whole milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.narration.engine import Clip, WordTiming


@dataclass(frozen=True, slots=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str
    """The sentence as displayed."""
    words: tuple[WordTiming, ...] = ()
    """Offsets into `text`; `ms` from the cue's start."""


def cue(start_frame: int, clip: Clip, text: str) -> Cue:
    """The cue of a sentence whose clip starts `start_frame` frames into the audio."""
    rate = clip.sample_rate
    start = round(start_frame * 1000 / rate)
    end = round((start_frame + clip.frames) * 1000 / rate)
    return Cue(start, end, text, clip.words)


def timestamp(ms: int) -> str:
    """WebVTT time: `HH:MM:SS.mmm`."""
    seconds, ms = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{ms:03d}"


def payload(item: Cue) -> str:
    """The cue text with a timestamp tag before each word heard after the cue's start.

    WebVTT wants tags strictly after the cue start, increasing, and before its end: a word
    that would break that (engines time some words together) shares the tag before it.
    """
    parts: list[str] = []
    done = 0
    last = item.start_ms
    for word in item.words:
        at = item.start_ms + word.ms
        if not last < at < item.end_ms or word.start < done:
            continue
        parts.append(_escape(item.text[done : word.start]))
        parts.append(f"<{timestamp(at)}>")
        done, last = word.start, at
    parts.append(_escape(item.text[done:]))
    return " ".join("".join(parts).split())  # one line: a blank line would end the cue


def webvtt(cues: Iterable[Cue]) -> str:
    blocks = ["WEBVTT"]
    for item in cues:
        blocks.append(f"{timestamp(item.start_ms)} --> {timestamp(item.end_ms)}\n{payload(item)}")
    return "\n\n".join(blocks) + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
