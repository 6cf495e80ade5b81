"""Narration measured on the audio a PulseAudio null sink really played (see `pulse`).

- first audible sample after `play()` through the worker process, against `espeak-ng`
  saying the same paragraph into the same sink in the same run;
- pause -> silence and resume -> sound, through the worker (each pause sent mid-word);
- silence between consecutive sentences beyond the configured pauses: the worker's Session
  and Player run in this process with a synthesizer that keeps every clip it renders (eSpeak
  NG's output varies from one rendering to the next, so clips rendered again would not
  match); each clip is found in the recording by cross-correlation, and what lies between
  one clip's end and the next clip's start, less the configured pause, is a gap the
  listener hears;
- highlight timing: when `SentenceStarted` / `WordStarted` were emitted, against when that
  sentence / word (engine timing inside the found clip) was played.

Times of recorded samples come from when parec's 10 ms chunks arrived (see
`pulse.Recording`): good to about 10 ms, the same for us and for espeak-ng.
"""

from __future__ import annotations

import itertools
import statistics
from typing import TYPE_CHECKING, Any

import numpy as np
import pulse

from reader.model import Article
from reader.narration.engine import Clip
from reader.narration.events import SentenceStarted, WordStarted
from reader.narration.quiet import without_lead

if TYPE_CHECKING:
    from drive import Narration

AUDIBLE = 200
"""|sample| above this is sound (eSpeak's speech peaks near 10,000; a null sink adds nothing)."""

SEARCH_S = 5
"""How late after where it was expected a clip is looked for in the recording."""
MATCH = 0.9
"""A clip counts as heard intact when the recording matches it to 90% (RMS)."""


def pcm_of(recording: pulse.Recording) -> Any:
    return np.frombuffer(recording.pcm, dtype=np.int16)


def first_sound(samples: Any, start: int) -> int | None:
    loud = np.flatnonzero(np.abs(samples[start:].astype(np.int32)) > AUDIBLE)
    return int(start + loud[0]) if len(loud) else None


def last_sound(samples: Any, end: int) -> int | None:
    loud = np.flatnonzero(np.abs(samples[:end].astype(np.int32)) > AUDIBLE)
    return int(loud[-1]) if len(loud) else None


def percentiles(values: list[float]) -> str:
    if not values:
        return "no samples"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"p50 {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f}   "
        f"min {ordered[0]:7.1f}   max {ordered[-1]:7.1f}   (n={len(ordered)})"
    )


def mean(values: list[float]) -> str:
    """Mean of the absolute values: how far off on average, early or late."""
    return f"mean |error| {statistics.mean(abs(v) for v in values):6.1f} ms" if values else ""


def ratio(ours: list[float], theirs: list[float]) -> str:
    if not ours or not theirs:
        return "no samples"
    return f"{statistics.median(ours) / statistics.median(theirs):.2f}x   (target <= 1.2x)"


def line(name: str, text: str) -> None:
    print(f"{name:<42} {text}")


def onsets(recording: pulse.Recording, commands: list[float]) -> list[float]:
    samples = pcm_of(recording)
    found: list[float] = []
    for command in commands:
        sample = first_sound(samples, recording.sample_at(command))
        if sample is not None:
            found.append((recording.time_of(sample) - command) * 1000)
    return found


def pause_latencies(
    recording: pulse.Recording, commands: list[tuple[float, float]]
) -> tuple[list[float], list[float]]:
    samples = pcm_of(recording)
    to_silence: list[float] = []
    to_sound: list[float] = []
    for paused, resumed in commands:
        middle = recording.sample_at((paused + resumed) / 2)
        end = last_sound(samples, middle)
        if end is not None:
            to_silence.append(max(0.0, (recording.time_of(end + 1) - paused) * 1000))
        start = first_sound(samples, recording.sample_at(resumed))
        if start is not None:
            to_sound.append((recording.time_of(start) - resumed) * 1000)
    return to_silence, to_sound


def locate(samples: Any, clip: Any, low: int, high: int) -> tuple[int, float]:
    """Where `clip` starts in `samples[low:high]` (by cross-correlation of its first half
    second of sound: PulseAudio changes samples by a few units, so no exact search), and how
    closely the whole clip matches there (1.0 = identical)."""
    lead = first_sound(clip, 0) or 0
    probe = clip[lead : lead + pulse.RATE // 2].astype(np.float64)
    window = samples[max(0, low + lead) : high + lead + len(probe)].astype(np.float64)
    if len(window) < len(probe) or not len(probe):
        return -1, 0.0
    size = 1 << (len(window) + len(probe)).bit_length()
    spectrum = np.fft.rfft(window, size) * np.conj(np.fft.rfft(probe, size))
    scores = np.fft.irfft(spectrum, size)[: len(window) - len(probe) + 1]
    start = max(0, low + lead) + int(np.argmax(scores)) - lead
    heard = samples[start : start + len(clip)].astype(np.float64)
    if start < 0 or len(heard) < len(clip):
        return -1, 0.0
    wanted = clip.astype(np.float64)
    error = np.sqrt(np.mean((heard - wanted) ** 2)) / max(1.0, np.sqrt(np.mean(wanted**2)))
    return start, float(1.0 - error)


def gaps_and_highlights(
    recording: pulse.Recording,
    article: Article,
    played: Narration,
    pauses: tuple[float, float],
) -> tuple[list[float], list[float], list[float], list[float], int]:
    """Extra silence at sentence boundaries inside paragraphs and between paragraphs,
    SentenceStarted and WordStarted lateness, in ms; and how many sentences were not found
    intact in the recording.

    `pauses` is (after a sentence, after a paragraph) in seconds, as configured."""
    from reader.narration.speech import speech_text

    samples = pcm_of(recording)
    order = [
        (b, s)
        for b in range(len(article.blocks))
        if article.blocks[b].is_body
        for s in range(len(article.sentences(b)))
    ]
    starts: dict[tuple[int, int], int] = {}
    clips = {}
    broken = 0
    expected = recording.sample_at(played.command)
    for (block, sentence), raw in zip(order, played.clips, strict=False):
        span = article.sentences(block)[sentence]
        display = article.blocks[block].text[span.start : span.end]
        rendered = without_lead(raw)  # as `speech.render` hands it to the player
        words = speech_text(display).map_words(rendered.words)
        clip = Clip(rendered.pcm, rendered.sample_rate, words)
        clips[(block, sentence)] = (clip, span.start)
        pcm = np.frombuffer(clip.pcm, dtype=np.int16)
        # up to SEARCH_S late: a slow first render (Piper on a loaded machine), or a gap
        # that threw the clips after it off where they were expected
        late = expected + SEARCH_S * pulse.RATE
        start, match = locate(samples, pcm, expected - pulse.RATE // 20, late)
        if match < MATCH:
            broken += 1
            continue
        starts[(block, sentence)] = start
        last = sentence + 1 == len(article.sentences(block))
        expected = start + clip.frames + round(pauses[1 if last else 0] * pulse.RATE)
    inside: list[float] = []
    between: list[float] = []
    for here, following in itertools.pairwise(order):
        if here not in starts or following not in starts:
            continue
        clip = clips[here][0]
        pause = pauses[1] if following[0] != here[0] else pauses[0]
        expected = starts[here] + clip.frames + round(pause * pulse.RATE)
        gap = (starts[following] - expected) * 1000 / pulse.RATE
        (between if following[0] != here[0] else inside).append(gap)
    sentence_late: list[float] = []
    word_late: list[float] = []
    current: tuple[int, int] | None = None
    for arrived, event in played.events:
        if isinstance(event, SentenceStarted):
            current = (event.block, event.sentence)
            if current in starts:
                heard_at = recording.time_of(starts[current])
                sentence_late.append((arrived - heard_at) * 1000)
        elif isinstance(event, WordStarted) and current in starts:
            assert current is not None
            clip, offset = clips[current]
            for word in clip.words:
                if offset + word.start == event.start:
                    sample = starts[current] + word.ms * pulse.RATE // 1000
                    word_late.append((arrived - recording.time_of(sample)) * 1000)
                    break
    return inside, between, sentence_late, word_late, broken


def report(
    record: pulse.Recording,
    article: Article,
    measured: tuple[list[float], list[float], list[tuple[float, float]], list[Narration]],
    pauses: tuple[float, float],
) -> None:
    ours, theirs, commands, narrations = measured
    ours_ms, theirs_ms = onsets(record, ours), onsets(record, theirs)
    line("play -> first audible (reader worker)", percentiles(ours_ms) + "   (target <= 300 ms)")
    line("espeak-ng -> first audible (same sink)", percentiles(theirs_ms))
    line("  play: reader / espeak-ng (medians)", ratio(ours_ms, theirs_ms))
    to_silence, to_sound = pause_latencies(record, commands)
    line("pause -> silence (worker)", percentiles(to_silence) + "   (target <= 50 ms)")
    line("resume -> sound (worker)", percentiles(to_sound))
    line("  resume: reader / espeak-ng (medians)", ratio(to_sound, theirs_ms))
    for played in narrations:
        inside, between, sentence_late, word_late, broken = gaps_and_highlights(
            record, article, played, pauses
        )
        print(f"-- narrating {len(played.clips)} sentences at {played.label}")
        line("extra silence between sentences", percentiles(inside) + "   (target p95 <= 20 ms)")
        line("extra silence between paragraphs", percentiles(between) + "   (beyond the pause)")
        if broken:
            line("  clips not found intact", f"{broken} of {len(played.clips)}")
        line("SentenceStarted event - heard", percentiles(sentence_late) + "   (+ = late)")
        line("WordStarted event - heard", percentiles(word_late) + "   (+ = late)")
        line("  word highlight vs heard", mean(word_late) + "   (target <= 100 ms)")
    seconds = len(record.pcm) / 2 / pulse.RATE
    print(
        f"(recorded {seconds:.1f} s from a private PulseAudio null sink's monitor; its clock "
        f"ran {record.drift() * 100:+.3f}% against ours; times are when the sink rendered the "
        "audio, to about 10 ms)"
    )
