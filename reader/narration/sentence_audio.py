"""The audio queued for one sentence: its clip, the pause after it, and the notices said
around it ("Table skipped.", `skipped`), put together as narration plays them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.model import BlockKind
from reader.narration.clause import Cut, trimmed
from reader.narration.engine import Clip, Synthesizer
from reader.narration.options import silence
from reader.narration.skipped import notice
from reader.narration.speech import render
from reader.narration_options import NarrationOptions

Notices = Sequence[tuple[BlockKind, Clip]]
"""Notices rendered, each with the kind it names."""


def notices(synth: Synthesizer, kinds: Iterable[BlockKind], language: str) -> Notices:
    """The notice of each kind, rendered in `language`."""
    return [(kind, render(synth, notice(kind, language))) for kind in kinds]


def sentence_audio(
    clip: Clip,
    options: NarrationOptions,
    *,
    cut: Cut | None = None,
    before: Notices = (),
    after: Notices = (),
    last: bool = False,
    more: bool = True,
) -> tuple[bytes, int]:
    """The PCM to queue for a sentence and the frames of it said before the sentence's own
    clip. The notices `before` it (a skip jumped over their blocks) come first, each with a
    paragraph's pause after it. A first clause rendered alone (`cut`) keeps only its own
    pause. A whole sentence is followed by its pause (a paragraph's when it is the `last`
    of one), then by the notices `after` it, each with a paragraph's pause after it; there
    is no pause at the article's end (nothing `more` to say after it)."""
    rate = clip.sample_rate
    lead = b"".join(said.pcm + silence(rate, options.paragraph_pause_ms) for _, said in before)
    if cut is not None:
        return lead + trimmed(clip.pcm, rate, cut.pause_ms), len(lead) // 2
    pcm = clip.pcm
    if more or after:
        pcm += silence(rate, options.pause_after(last))
    for number, (_, said) in enumerate(after, 1):
        pcm += said.pcm
        if more or number < len(after):
            pcm += silence(rate, options.paragraph_pause_ms)
    return lead + pcm, len(lead) // 2
