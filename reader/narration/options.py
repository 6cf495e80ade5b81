"""What the listener can tune besides voice and rate: volume, pauses, whether captions are read.

One frozen value shared by the narrator (worker command line and commands), the worker's
session and the export, so that listening and exporting sound the same:

- `volume` (0.0-1.0) scales the PCM: in the player's callback while narrating (a change is
  heard at once, queued sentences included), in the samples written when exporting;
- `paragraph_pause_ms` of silence after a paragraph's last sentence, `sentence_pause_ms`
  after every other sentence (both on top of the end pause eSpeak NG puts in each clip);
  a change applies from the next sentence rendered (the worker renders a few ahead);
- `read_captions`: captions (image captions, dimmed in the view) are skipped unless true.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from reader.model import Article, Block

MAX_PAUSE_MS = 10_000
DEFAULT_PARAGRAPH_PAUSE_MS = 250
DEFAULT_SENTENCE_PAUSE_MS = 0


@dataclass(frozen=True, slots=True)
class NarrationOptions:
    volume: float = 1.0
    paragraph_pause_ms: int = DEFAULT_PARAGRAPH_PAUSE_MS
    sentence_pause_ms: int = DEFAULT_SENTENCE_PAUSE_MS
    read_captions: bool = False

    def __post_init__(self) -> None:
        """Out-of-range values are clamped, not refused: they come from a UI or a pipe."""
        object.__setattr__(self, "volume", clamp_volume(self.volume))
        object.__setattr__(self, "paragraph_pause_ms", _clamp_pause(self.paragraph_pause_ms))
        object.__setattr__(self, "sentence_pause_ms", _clamp_pause(self.sentence_pause_ms))
        object.__setattr__(self, "read_captions", bool(self.read_captions))

    def reads(self, block: Block) -> bool:
        """Whether narration reads this block (captions only when asked to)."""
        return block.is_body or self.read_captions

    def pause_after(self, last_in_paragraph: bool) -> int:
        """Milliseconds of silence after a sentence (none after the article's last one is
        the caller's business)."""
        return self.paragraph_pause_ms if last_in_paragraph else self.sentence_pause_ms

    def updated(self, changes: dict[str, Any]) -> NarrationOptions:
        """These options with the known keys of `changes` (a worker command) applied."""
        known = {
            key: changes[key]
            for key in ("volume", "paragraph_pause_ms", "sentence_pause_ms", "read_captions")
            if key in changes and changes[key] is not None
        }
        return replace(self, **known)

    def to_args(self) -> list[str]:
        """The worker's command-line options for these values."""
        args = [
            f"--volume={self.volume}",
            f"--paragraph-pause-ms={self.paragraph_pause_ms}",
            f"--sentence-pause-ms={self.sentence_pause_ms}",
        ]
        return [*args, "--read-captions"] if self.read_captions else args


VOLUME_STEP = 0.1
"""One press of a louder/quieter key."""


def step_volume(volume: float, steps: int) -> float:
    """`volume` moved by `steps` key presses, within 0-1 and free of float dust."""
    return round(clamp_volume(volume + steps * VOLUME_STEP), 2)


def clamp_volume(volume: float) -> float:
    return max(0.0, min(1.0, float(volume)))


def _clamp_pause(ms: int) -> int:
    return max(0, min(MAX_PAUSE_MS, int(ms)))


def readable_blocks(article: Article, options: NarrationOptions) -> list[int]:
    """The blocks narration reads, in order."""
    return [i for i, block in enumerate(article.blocks) if options.reads(block)]


def silence(sample_rate: int, ms: int) -> bytes:
    """`ms` of int16 mono silence."""
    return bytes(2 * round(sample_rate * ms / 1000))


def scale(pcm: bytes, volume: float) -> bytes:
    """int16 PCM with every sample multiplied by `volume` (0.0-1.0)."""
    if volume >= 1.0:
        return pcm
    import numpy

    samples = numpy.frombuffer(pcm, dtype=numpy.int16)
    return (samples * volume).astype(numpy.int16).tobytes()
