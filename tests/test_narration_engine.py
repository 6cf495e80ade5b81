"""The real eSpeak NG engine renders speech with word timings that match the text."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

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


# --- without usable voice data: one line, exit 2 (libespeak would exit() or crash) ----------


def installed_voice_data() -> Path:
    for pattern in ("/usr/lib/*/espeak-ng-data", "/usr/share/espeak-ng-data"):
        found = sorted(Path("/").glob(pattern.lstrip("/")))
        if found:
            return found[0]
    pytest.skip("no eSpeak NG voice data installed")


DAMAGE = {
    "missing": None,
    "empty phoneme table": ("phontab", 0),
    "truncated phoneme data": ("phondata", 100),
}
"""How the voice data is spoiled: libespeak-ng exits on the first, crashes on the others."""


def voice_data(tmp_path: Path, damage: str) -> Path:
    """An empty folder, or the installed voice data with one file cut short."""
    data = tmp_path / "voice-data"
    data.mkdir()
    spoiled = DAMAGE[damage]
    if spoiled is None:
        return data
    name, keep = spoiled
    for entry in installed_voice_data().iterdir():
        if entry.name != name:
            (data / entry.name).symlink_to(entry)
    (data / name).write_bytes((installed_voice_data() / name).read_bytes()[:keep])
    return data


def reader(args: list[str], data: Path) -> subprocess.CompletedProcess[str]:
    """`reader ARGS` in a process of its own: the engine is started once per process."""
    env = {**os.environ, "ESPEAK_DATA_PATH": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("damage", DAMAGE)
def test_voices_without_usable_voice_data_is_one_line(tmp_path: Path, damage: str) -> None:
    data = voice_data(tmp_path, damage)
    result = reader(["voices"], data)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("reader: No speech engine: eSpeak NG")
    assert "voice data" in lines[0]
    assert str(data) in lines[0]


@pytest.mark.parametrize("damage", DAMAGE)
def test_export_without_usable_voice_data_is_one_line(tmp_path: Path, damage: str) -> None:
    data = voice_data(tmp_path, damage)
    source, audio = tmp_path / "a.txt", tmp_path / "a.wav"
    source.write_text("A title\n\nThe first sentence is here.\n")
    result = reader(["export", str(source), "-o", str(audio)], data)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("reader: No speech engine: eSpeak NG")
    assert not audio.exists()
