"""Block quotes in another voice (`quote_voice`): off by default; on, eSpeak NG reads them at
another pitch of the voice speaking (under a Piper voice, eSpeak NG in its language), in the
reader and in an exported file alike. Pitch is measured in the rendered audio."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind
from reader.narration.espeak import QUOTE_PITCH, EspeakSynthesizer
from reader.narration.export import export_audio
from reader.narration.voices import VoiceRouter
from reader.narration_options import NarrationOptions
from tests.narration_support import cue_times, run_session

QUOTED = split_sentences(
    Article(
        source="quoted",
        title="Quoted",
        lang="en",
        blocks=(
            Block(BlockKind.PARAGRAPH, "The minister answered the report at some length."),
            Block(BlockKind.QUOTE, "We reject every word of it, and we will answer in full."),
            Block(BlockKind.PARAGRAPH, "Officials said the matter was closed for now."),
        ),
    )
)
ESPEAK = "espeak:en"
"""eSpeak NG's English voice (automatic would choose the Piper voice that comes with it)."""
HIGHER = 1.15
"""A quote's pitch in the other voice over its pitch in the voice (about 1.3 measured)."""
QUOTE = QUOTED.blocks[1].text


def plain_pitch() -> float:
    """The quote's pitch read in the voice itself (sentences differ in their melody)."""
    voice = EspeakSynthesizer(lang="en")
    return pcm_pitch(voice.synthesize(QUOTE).pcm, voice.sample_rate)


def pitch_hz(samples: np.ndarray, rate: int) -> float:
    """The median fundamental frequency of the voiced 40 ms frames (autocorrelation)."""
    signal = samples.astype(np.float64)
    size = int(0.04 * rate)
    found = []
    for start in range(0, len(signal) - size, size):
        frame = signal[start : start + size]
        if np.sqrt(np.mean(frame**2)) < 1000:
            continue  # silence or a consonant
        frame = frame - frame.mean()
        correlation = np.correlate(frame, frame, "full")[size - 1 :]
        low, high = rate // 400, rate // 60
        lag = low + int(np.argmax(correlation[low:high]))
        if correlation[lag] > 0.3 * correlation[0]:
            found.append(rate / lag)
    assert found, "no voiced frames"
    return float(np.median(found))


def pcm_pitch(pcm: bytes, rate: int) -> float:
    return pitch_hz(np.frombuffer(pcm, dtype=np.int16), rate)


def test_espeak_speaks_higher_at_the_quote_pitch() -> None:
    plain = plain_pitch()
    quoting = EspeakSynthesizer(lang="en", pitch=QUOTE_PITCH)
    higher = pcm_pitch(quoting.synthesize(QUOTE).pcm, quoting.sample_rate)
    assert higher > HIGHER * plain
    again = plain_pitch()
    assert again == pytest.approx(plain, rel=0.05), "each instance has its own pitch"


@pytest.mark.parametrize("other", [False, True])
def test_the_session_reads_quotes_in_another_voice_only_when_asked(other: bool) -> None:
    options = NarrationOptions(voice=ESPEAK, quote_voice=other, paragraph_pause_ms=0)
    player, _, rate = run_session(options, QUOTED, VoiceRouter(voice=ESPEAK))
    assert len(player.audio) == 3
    quote = pcm_pitch(player.audio[1], rate)
    if other:
        assert quote > HIGHER * plain_pitch()
    else:
        assert quote == pytest.approx(plain_pitch(), rel=0.05)


def test_the_export_reads_quotes_in_the_same_other_voice(tmp_path: Path) -> None:
    audio, captions = tmp_path / "q.wav", tmp_path / "q.vtt"
    options = NarrationOptions(voice=ESPEAK, quote_voice=True)
    export_audio(QUOTED, audio, captions=captions, options=options)
    samples, rate = soundfile.read(str(audio), dtype="int16")
    pitches = [
        pitch_hz(samples[round(start * rate) : round(end * rate)], rate)
        for start, end, _ in cue_times(captions.read_text(encoding="utf-8"))
    ]
    assert len(pitches) == 3
    assert pitches[1] > HIGHER * plain_pitch()


def test_under_a_piper_voice_quotes_are_read_by_espeak_in_its_language() -> None:
    pytest.importorskip("piper")
    router = VoiceRouter(voice="piper:en_US-joe-medium", batch=True)
    if router.engine != "piper":
        pytest.skip("the Piper voice is not installed here")
    quoting = router.quoting()
    assert isinstance(quoting, EspeakSynthesizer)
    assert quoting.voice_id.lower().endswith("en-us")
    assert quoting.sample_rate == router.sample_rate, "one stream of audio"
