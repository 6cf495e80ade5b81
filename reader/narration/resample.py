"""Sample-rate conversion for files whose codec takes only some rates (Opus: 8, 12, 16, 24
or 48 kHz; the voices speak at 22,050 Hz).

A polyphase windowed-sinc (Kaiser) resampler in numpy, fed as the export writes: each
output sample is the input's band-limited value at its own instant, with no delay, so a time
in input frames (the captions', the chapters') is the same time in the file. The filter has
`TAPS` input samples of support; what the last feed cannot finish yet waits for the next
one, and `finish()` flushes it. The output holds ceil(input frames × out / in) frames.
"""

from __future__ import annotations

from math import gcd

import numpy as np
import numpy.typing as npt

TAPS = 32
"""Input samples each output sample is computed from (half before, half after)."""
BETA = 8.6
"""The Kaiser window's shape: about 80 dB of stop-band attenuation."""
PASSBAND = 0.92
"""Of the lower Nyquist frequency, what passes (the rest is the transition band)."""
CHUNK = 8192
"""Output samples computed at once (bounds the temporary tap matrix)."""

Samples = npt.NDArray[np.float64]


def opus_rate(rate: int) -> int:
    """The rate an Opus file of audio at `rate` Hz is written at: the smallest one Opus
    takes that loses nothing (at least `rate`), else 48 kHz."""
    return next((r for r in (8000, 12000, 16000, 24000, 48000) if r >= rate), 48000)


class Resampler:
    """Converts 16-bit mono PCM from `source` Hz to `target` Hz, a piece at a time."""

    def __init__(self, source: int, target: int) -> None:
        common = gcd(source, target)
        self.up, self.down = target // common, source // common
        self._table = _filter_bank(self.up, self.down)
        self._half = TAPS // 2
        self._buffer: Samples = np.zeros(self._half - 1)
        """Input not yet needed by every output that uses it; starts with the zeros before
        the first sample."""
        self._base = -(self._half - 1)
        """The input index of `_buffer[0]`."""
        self._taken = 0
        """Input frames fed in all."""
        self._made = 0
        """Output frames made in all."""

    def feed(self, pcm: bytes) -> bytes:
        """Resample `pcm` (int16, mono); returns the output its filter can finish now."""
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
        self._buffer = np.concatenate((self._buffer, samples))
        self._taken += len(samples)
        return self._emit(self._taken - self._half - 1)  # outputs whose taps are all in

    def finish(self) -> bytes:
        """The rest of the output, as if silence followed the input."""
        self._buffer = np.concatenate((self._buffer, np.zeros(self._half)))
        return self._emit(self._taken - 1)

    def _emit(self, last_center: int) -> bytes:
        """Output frames at instants up to input index `last_center` (and, at the end,
        no more than the input's duration holds)."""
        up, down = self.up, self.down
        end = min(_ceil_div((last_center + 1) * up, down), _ceil_div(self._taken * up, down))
        pieces = [
            self._compute(start, min(start + CHUNK, end)) for start in range(self._made, end, CHUNK)
        ]
        self._made = max(self._made, end)
        keep_from = self._made * down // up - self._half + 1  # the first input still needed
        if keep_from > self._base:
            self._buffer = self._buffer[keep_from - self._base :]
            self._base = keep_from
        if not pieces:
            return b""
        out = np.concatenate(pieces)
        return np.clip(np.rint(out), -32768, 32767).astype("<i2").tobytes()

    def _compute(self, start: int, end: int) -> Samples:
        k = np.arange(start, end, dtype=np.int64)
        center, phase = np.divmod(k * self.down, self.up)
        offsets = np.arange(-self._half + 1, self._half + 1, dtype=np.int64)
        taps = self._buffer[(center - self._base)[:, None] + offsets[None, :]]
        result: Samples = np.einsum("kt,kt->k", taps, self._table[phase])
        return result


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def _filter_bank(up: int, down: int) -> Samples:
    """Row p: the weights of input samples n-15 … n+16 for the instant n + p/up, each row
    summing to 1 (a constant stays the same constant)."""
    half = TAPS // 2
    cutoff = PASSBAND * min(1.0, up / down)
    phases = np.arange(up, dtype=np.float64)[:, None] / up
    offsets = np.arange(-half + 1, half + 1, dtype=np.float64)[None, :]
    distance = phases - offsets  # from each tap to the instant, in input samples
    edge = np.clip(1.0 - (distance / half) ** 2, 0.0, None)
    window = np.i0(BETA * np.sqrt(edge)) / np.i0(BETA)
    weights = cutoff * np.sinc(cutoff * distance) * window
    bank: Samples = weights / weights.sum(axis=1, keepdims=True)
    return bank
