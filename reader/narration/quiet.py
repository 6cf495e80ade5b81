"""Silence a listener would wait through after a command: at a clip's start, and where a
resume lands.

eSpeak NG opens a sentence that starts with a quote mark or a bracket with about 110 ms of
digital silence (about 10 ms otherwise), and Piper opens every sentence with about 30 ms
of near-silence. Whatever begins at a sentence's start (Next, Previous, play from here)
would put that between the command and the voice, so `render` cuts a clip's leading
silence to `LEAD_MS`. Between sentences the configured pauses set the gaps.

A pause can land in the silence after a sentence (eSpeak NG's own 300 ms, plus the
configured pause after a paragraph: half a second or more). Played on resume, what is left
of it sounds like a resume that did not work, so the player passes over it, keeping
`LEAD_MS` before the voice comes back.

numpy is imported lazily: only the worker and the export render.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reader.narration.engine import Clip

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

QUIET = 64
"""|sample| under this is silence (-54 dBFS; speech peaks at 10,000-30,000, and Piper's
near-silence stays under 10)."""
LEAD_MS = 10
"""Silence kept before a sound, so that a soft onset still rises as it was rendered."""
_WINDOW = 4096
"""Samples looked at at once: a search stops near the first sound, not at the end."""


def next_sound(samples: npt.NDArray[np.int16], start: int) -> int | None:
    """The first sample at or after `start` that is not silence (None: silent to the end)."""
    import numpy

    for low in range(max(0, start), len(samples), _WINDOW):
        window = samples[low : low + _WINDOW].astype(numpy.int32)
        loud = numpy.flatnonzero(numpy.abs(window) >= QUIET)
        if len(loud):
            return low + int(loud[0])
    return None


def lead_frames(sample_rate: int) -> int:
    return sample_rate * LEAD_MS // 1000


def without_lead(clip: Clip) -> Clip:
    """`clip` with its leading silence cut to `LEAD_MS`, its word timings moved with it
    (a clip that is silent throughout is left as it is)."""
    import numpy

    first = next_sound(numpy.frombuffer(clip.pcm, dtype="<i2"), 0)
    cut = 0 if first is None else max(0, first - lead_frames(clip.sample_rate))
    if not cut:
        return clip
    ms = cut * 1000 // clip.sample_rate
    words = tuple(replace(word, ms=max(0, word.ms - ms)) for word in clip.words)
    return Clip(clip.pcm[2 * cut :], clip.sample_rate, words)
