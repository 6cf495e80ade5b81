"""Piper neural voices (ONNX Runtime), rendering to memory with one timing per word.

Piper's own alignment groups sounds by eSpeak's phoneme words, which merge words ("of the",
"U.S. e-mails") and read numbers as several, so its groups do not match the text's words.
Here the sentence is phonemised as a whole when its phoneme words match the text's words
one for one (the natural stress), and word by word otherwise; either way the phonemes of
each word are known, and the model's per-phoneme durations give each word's start.

Speed: `length_scale` up to `MAX_LENGTH_SPEED`, WSOLA time-stretching (`stretch`) beyond,
word timings scaled alike. Output is resampled to the narrator's rate if the voice's
differs. Nothing heavy is imported until a voice is loaded (in the worker, not the UI).

The model is loaded by `piper_model`, for low memory (narration) or for speed (a `batch`
voice, for a file). Either way `synthesize` may be called from several threads at once
(the model runs in parallel; the phonemiser, eSpeak NG's global state, one call at a time).
"""

from __future__ import annotations

import itertools
import string
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from reader.narration.clause import CLAUSE_MARKS
from reader.narration.engine import Clip, Voice, WordTiming, word_spans
from reader.narration.piper_model import load
from reader.narration.piper_voices import PiperVoiceFile, read_voice
from reader.narration_options import clamp_rate

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

OUTPUT_RATE = 22_050
MAX_LENGTH_SPEED = 1.6
"""The fastest the model itself speaks well; faster is time-stretched on top."""
END_PAUSE_MS = 120
"""Silence after each clip, as eSpeak NG leaves one, so sentences do not run together."""
PEAK = 0.9
PIECE_WORDS = 20
"""A longer sentence (more than ~6 s of speech) is rendered in pieces: ONNX Runtime's peak
memory grows with the audio it makes (+140 MB for 8 s), and the worker stays under 500 MB."""
MIN_PIECE_WORDS = 6
_PUNCTUATION = frozenset(string.punctuation + "“”‘’«»—–…")
_PHONEMISER = threading.Lock()
"""Piper's phonemiser is one eSpeak NG per process: one text at a time."""


class PiperSynthesizer:
    """The `Synthesizer` for one Piper voice (loaded at construction: 0.3-1 s); `batch`
    for a file rendered as fast as it can be (see the module docstring)."""

    def __init__(
        self, voice: PiperVoiceFile | Path, rate: float = 1.0, *, batch: bool = False
    ) -> None:
        self.file = voice if isinstance(voice, PiperVoiceFile) else read_voice(voice)
        self._piper = load(self.file.model, batch=batch)
        self._id_map: dict[str, list[int]] = dict(self._piper.config.phoneme_id_map)
        self._voice_rate = int(self._piper.config.sample_rate)
        self.sample_rate = OUTPUT_RATE
        self.voice_name = self.file.voice.name
        self.voice_id = self.file.voice.identifier
        self._rate = clamp_rate(rate)

    def voices(self) -> list[Voice]:
        return [self.file.voice]

    def set_voice(self, voice: str, *, fallback: bool = False) -> str:
        """Only this synthesizer's own voice (the router chooses among engines)."""
        if voice in (self.voice_id, self.voice_name) or fallback:
            return self.voice_name
        raise ValueError(f"unknown voice: {voice}")

    def set_rate(self, rate: float) -> None:
        self._rate = clamp_rate(rate)

    @property
    def rate(self) -> float:
        return self._rate

    def synthesize(self, text: str) -> Clip:
        """The clip of `text`; a long sentence is rendered in pieces (`pieces`) joined
        without a gap, since the model's memory grows with the length of what it renders."""
        import numpy as np

        parts: list[NDArray[np.float32]] = []
        words: list[WordTiming] = []
        frames = 0
        for begin, end in pieces(text):
            rendered = self._piece(text[begin:end])
            if rendered is None:
                continue
            audio, timings = rendered
            ms = round(frames * 1000 / OUTPUT_RATE)
            words.extend(WordTiming(begin + w.start, begin + w.end, ms + w.ms) for w in timings)
            parts.append(audio)
            frames += len(audio)
        pause = np.zeros(round(OUTPUT_RATE * END_PAUSE_MS / 1000), np.float32)
        if not parts:  # nothing to say: just the pause
            return Clip(_pcm(pause), OUTPUT_RATE)
        return Clip(
            _pcm(np.concatenate([_normalised(np.concatenate(parts)), pause])),
            OUTPUT_RATE,
            tuple(words),
        )

    def _piece(self, text: str) -> tuple[NDArray[np.float32], list[WordTiming]] | None:
        """The audio of `text` at `OUTPUT_RATE` (not normalised) and its word timings; None
        when there is nothing to say."""
        spans = word_spans(text)
        phonemes, word_starts = self._phonemes(text, spans)
        ids, id_starts = self._ids(phonemes, word_starts)
        if len(ids) <= 3:
            return None
        model_speed = min(self._rate, MAX_LENGTH_SPEED)
        audio, durations = self._run(ids, 1.0 / model_speed)
        starts = _word_samples(durations, id_starts, len(ids), len(audio))
        stretch_by = self._rate / model_speed
        if stretch_by > 1.0:
            from reader.narration.stretch import stretch

            audio = stretch(audio, stretch_by)
        audio = _resampled(audio, self._voice_rate, OUTPUT_RATE)
        ms_per_sample = 1000.0 / self._voice_rate / stretch_by
        words = [
            WordTiming(start, end, round(sample * ms_per_sample))
            for (start, end), sample in zip(spans, starts, strict=True)
        ]
        return audio, words

    def _phonemes(self, text: str, spans: list[tuple[int, int]]) -> tuple[list[str], list[int]]:
        """The sentence's phonemes and, per word of `spans`, the index of its first."""
        whole = self._phonemise(text)
        groups = _phoneme_words(whole)
        if len(groups) == len(spans):
            return whole, [start for start, _ in groups]
        phonemes: list[str] = []
        starts: list[int] = []
        for i, (start, _) in enumerate(spans):
            begin = 0 if i == 0 else start
            end = spans[i + 1][0] if i + 1 < len(spans) else len(text)
            piece = self._phonemise(text[begin:end])
            if phonemes and phonemes[-1] != " " and piece:
                phonemes.append(" ")
            starts.append(len(phonemes))
            phonemes.extend(piece)
        if not spans:
            phonemes = whole
        return phonemes, starts

    def _phonemise(self, text: str) -> list[str]:
        with _PHONEMISER:
            return [p for sentence in self._piper.phonemize(text) for p in sentence]

    def _ids(self, phonemes: list[str], word_starts: list[int]) -> tuple[list[int], list[int]]:
        """Phoneme ids as Piper builds them (BOS, then each phoneme and a pad, EOS), and
        the index of each word's first id; phonemes the voice does not know are left out."""
        pad = self._id_map.get("_", [0])
        ids = [*self._id_map["^"], *pad]
        at: dict[int, int] = {}
        for index, phoneme in enumerate(phonemes):
            at[index] = len(ids)
            if phoneme in self._id_map:
                ids.extend(self._id_map[phoneme])
                ids.extend(pad)
        ids.extend(self._id_map["$"])
        return ids, [at.get(start, len(ids) - 1) for start in word_starts]

    def _run(
        self, ids: list[int], length_scale: float
    ) -> tuple[NDArray[np.float32], NDArray[np.int64] | None]:
        from piper import SynthesisConfig

        result = self._piper.phoneme_ids_to_audio(
            ids, SynthesisConfig(length_scale=length_scale), include_alignments=True
        )
        audio, durations = result if isinstance(result, tuple) else (result, None)
        return audio.astype("float32"), durations


def pieces(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of the pieces `text` is rendered in: the whole, or for a sentence of
    more than `PIECE_WORDS` words, pieces cut after a clause mark (once a piece has
    `MIN_PIECE_WORDS`) or at `PIECE_WORDS`, between words, none shorter than
    `MIN_PIECE_WORDS` at the end."""
    spans = word_spans(text)
    if len(spans) <= PIECE_WORDS:
        return [(0, len(text))]
    cuts = [0]
    count = 0
    for index, (_, end) in enumerate(spans[:-MIN_PIECE_WORDS]):
        count += 1
        following = spans[index + 1][0]
        marked = any(c in CLAUSE_MARKS for c in text[end:following])
        if (marked and count >= MIN_PIECE_WORDS) or count >= PIECE_WORDS:
            cuts.append(following)
            count = 0
    cuts.append(len(text))
    return list(itertools.pairwise(cuts))


def _phoneme_words(phonemes: list[str]) -> list[tuple[int, int]]:
    """`(start, end)` indices of the space-separated phoneme words that hold a sound (a
    lone punctuation mark is no word)."""
    groups: list[tuple[int, int]] = []
    start = 0
    for index in range(len(phonemes) + 1):
        if index == len(phonemes) or phonemes[index] == " ":
            if any(p not in _PUNCTUATION for p in phonemes[start:index]):
                groups.append((start, index))
            start = index + 1
    return groups


def _word_samples(
    durations: NDArray[np.int64] | None, id_starts: list[int], ids: int, samples: int
) -> list[int]:
    """The sample where each word starts: the model's durations summed up to its first
    phoneme id, or without durations (a model that cannot give them) spread evenly."""
    import numpy as np

    if durations is None or len(durations) != ids:
        return [round(samples * i / ids) for i in id_starts]
    before = np.concatenate([[0], np.cumsum(durations)])
    last = max(0, samples - 1)
    return [min(int(before[i]), last) for i in id_starts]


def _normalised(audio: NDArray[np.float32]) -> NDArray[np.float32]:
    """Peak-normalised, as Piper does, a little under full scale."""
    import numpy as np

    peak = float(np.max(np.abs(audio))) if len(audio) else 0.0
    scaled: NDArray[np.float32] = (audio * (PEAK / peak) if peak > 1e-6 else 0 * audio).astype(
        np.float32
    )
    return scaled


def _resampled(audio: NDArray[np.float32], rate: int, wanted: int) -> NDArray[np.float32]:
    import numpy as np

    if rate == wanted or not len(audio):
        return audio
    positions = np.arange(round(len(audio) * wanted / rate)) * (rate / wanted)
    resampled: NDArray[np.float32] = np.interp(positions, np.arange(len(audio)), audio).astype(
        np.float32
    )
    return resampled


def _pcm(audio: NDArray[np.float32]) -> bytes:
    import numpy as np

    return bytes((np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes())
