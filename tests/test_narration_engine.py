"""The real eSpeak NG engine renders speech with word timings that match the text."""

from __future__ import annotations

import re

import numpy as np
import pytest

from reader.narration.engine import Clip, WordTiming, snap_words, word_spans
from reader.narration.espeak import EspeakSynthesizer, list_voices

SEED_FIRST = (
    "The Cambodian government on Wednesday (Nov 26) rejected a commentary published on "
    "CNA about the country's efforts to crack down on scam centres."
)


@pytest.fixture(scope="module")
def synth() -> EspeakSynthesizer:
    return EspeakSynthesizer(voice="en")


def rms(clip: Clip) -> float:
    samples = np.frombuffer(clip.pcm, dtype=np.int16).astype(np.float64)
    return float(np.sqrt(np.mean(samples**2)))


def test_renders_plausible_speech(synth: EspeakSynthesizer) -> None:
    synth.set_rate(1.0)
    clip = synth.synthesize(SEED_FIRST)
    words = len(word_spans(SEED_FIRST))
    expected = words / 175 * 60
    assert clip.sample_rate == 22050
    assert 0.6 * expected < clip.duration < 1.4 * expected
    assert rms(clip) > 300


def test_word_timings_are_monotonic_inside_the_clip_and_on_words(
    synth: EspeakSynthesizer,
) -> None:
    synth.set_rate(1.0)
    clip = synth.synthesize(SEED_FIRST)
    assert len(clip.words) >= 0.8 * len(word_spans(SEED_FIRST))
    starts = [w.start for w in clip.words]
    times = [w.ms for w in clip.words]
    assert starts == sorted(set(starts))
    assert times == sorted(times)
    assert all(0 <= ms < clip.duration * 1000 for ms in times)
    for word in clip.words:
        assert re.fullmatch(r"\w+(?:[-'’.,:/]\w+)*", SEED_FIRST[word.start : word.end])
    spoken = [SEED_FIRST[w.start : w.end] for w in clip.words]
    assert spoken[:3] == ["The", "Cambodian", "government"]
    assert "country's" in spoken
    assert spoken[-1] == "centres"


def test_faster_rate_gives_a_shorter_clip(synth: EspeakSynthesizer) -> None:
    synth.set_rate(1.0)
    normal = synth.synthesize(SEED_FIRST).duration
    synth.set_rate(2.0)
    fast = synth.synthesize(SEED_FIRST).duration
    synth.set_rate(1.0)
    assert fast < 0.65 * normal


def test_numbers_and_quotes_map_to_whole_words(synth: EspeakSynthesizer) -> None:
    text = "He said “2,982 people” were — café naïve — freed."
    clip = synth.synthesize(text)
    spoken = [text[w.start : w.end] for w in clip.words]
    assert spoken == ["He", "said", "2,982", "people", "were", "café", "naïve", "freed"]


def test_snap_words_keeps_offsets_forward_and_words_whole() -> None:
    text = "In 2,982 cases (Nov 26) it ended."
    # engine-style events: several inside the number, one going back, one past the end
    events = [(0, 0), (3, 100), (5, 150), (6, 200), (4, 250), (16, 300), (20, 350), (99, 400)]
    assert snap_words(text, events) == (
        WordTiming(0, 2, 0),
        WordTiming(3, 8, 100),
        WordTiming(16, 19, 300),
        WordTiming(20, 22, 350),
    )


def test_voices_and_language_choice() -> None:
    voices = list_voices()
    assert any(v.language.startswith("en") and v.identifier for v in voices)
    assert EspeakSynthesizer(lang="fr-FR").voice_name.startswith("French")
    assert EspeakSynthesizer(lang="xx-unknown").voice_name.startswith("English")
    with pytest.raises(ValueError, match="unknown voice"):
        EspeakSynthesizer(voice="no-such-voice")
