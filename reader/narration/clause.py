"""A sentence's first clause, rendered on its own when playing starts at the sentence.

A neural voice takes about 50 ms per second of speech it renders (eSpeak NG a few): a
whole 20-word sentence would keep the listener waiting half a second after pressing play.
Its first few words, up to a comma or a semicolon, render in a fraction of that, and the
rest renders while they are heard; the two clips join without a gap, the first one's
trailing silence cut to what the pause there would have been.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEAD_WORDS = 4
"""Words in a first clause that has no mark to end it (about 1.5 s of speech)."""
CLAUSE_WORDS = 6
"""A mark ends the first clause within this many words."""
MIN_WORDS = 3
"""A comma before this many words ("Yes, ...", "In 2024, ...") does not end the clause."""
WHOLE_WORDS = 10
"""A sentence this short renders whole (no rest of one or two words)."""
CLAUSE_MARKS = frozenset(",;:—–")
COMMA_PAUSE_MS = 90
"""The silence left after a first clause that ends at a mark."""
JOIN_MS = 15
"""...and after one cut between two words."""
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Cut:
    end: int
    """Where the first clause ends in the text (after its last word and mark)."""
    pause_ms: int
    """The silence to leave after it."""


def first_clause(text: str, start: int, end: int) -> Cut | None:
    """The first clause of the sentence `text[start:end]`, or None when it is short enough
    to render whole."""
    words = list(_WORD.finditer(text, start, end))
    if len(words) <= WHOLE_WORDS:
        return None
    for index, word in enumerate(words[:CLAUSE_WORDS]):
        if index + 1 >= MIN_WORDS and word.group()[-1] in CLAUSE_MARKS:
            return Cut(word.end(), COMMA_PAUSE_MS)
    return Cut(words[HEAD_WORDS - 1].end(), JOIN_MS)


def trimmed(pcm: bytes, sample_rate: int, keep_ms: int, floor: int = 200) -> bytes:
    """int16 PCM without its trailing silence (samples under `floor`) beyond `keep_ms`."""
    import numpy as np

    samples = np.frombuffer(pcm, dtype="<i2")
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) >= floor)
    if not len(loud):
        return pcm
    keep = min(len(samples), int(loud[-1]) + 1 + round(sample_rate * keep_ms / 1000))
    return pcm[: 2 * keep]
