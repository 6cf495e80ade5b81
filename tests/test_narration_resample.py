"""The resampler Opus files are written through: accurate, without delay, the same in pieces."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from reader.narration.resample import Resampler, opus_rate

VOICE = 22050


def tone(seconds: float, rate: int, hz: float = 440.0) -> npt.NDArray[np.float64]:
    return 10000 * np.sin(2 * np.pi * hz * np.arange(round(seconds * rate)) / rate)


def pcm(samples: npt.NDArray[np.float64]) -> bytes:
    return np.rint(samples).astype("<i2").tobytes()


def resampled(data: bytes, target: int, piece: int | None = None) -> npt.NDArray[np.float64]:
    resampler = Resampler(VOICE, target)
    step = piece or max(1, len(data))
    out = b"".join(resampler.feed(data[i : i + step]) for i in range(0, len(data), step))
    return np.frombuffer(out + resampler.finish(), dtype="<i2").astype(np.float64)


def test_opus_rates() -> None:
    assert opus_rate(22050) == 24000
    assert opus_rate(16000) == 16000
    assert opus_rate(44100) == 48000
    assert opus_rate(96000) == 48000


@pytest.mark.parametrize("target", [24000, 48000, 16000])
def test_a_tone_comes_out_the_same_tone_at_the_same_instants(target: int) -> None:
    source = tone(2.0, VOICE)
    out = resampled(pcm(source), target)
    assert len(out) == -(-len(source) * target // VOICE), "the input's duration, rounded up"
    error = out[64:-64] - tone(2.0, target)[64:-64]
    assert np.sqrt(np.mean(error**2)) < 2, "within two steps of 16 bits, and no delay"


def test_pieces_of_any_size_give_the_same_output() -> None:
    data = pcm(tone(1.3, VOICE, 1234.5))
    whole = resampled(data, 24000)
    for piece in (2, 1000, 7777 * 2, 40000):
        assert np.array_equal(resampled(data, 24000, piece), whole)


def test_an_impulse_lands_at_its_own_time() -> None:
    source = np.zeros(VOICE)
    source[VOICE // 2] = 20000  # at 0.5 s
    out = resampled(pcm(source), 48000)
    assert int(np.argmax(np.abs(out))) == 24000


def test_silence_stays_silent_and_nothing_in_gives_nothing_out() -> None:
    assert not resampled(bytes(2 * VOICE), 24000).any()
    assert resampled(b"", 24000).size == 0
