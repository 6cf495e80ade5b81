"""Paragraph openings kept rendered for skips: the most recent few, and which one a skip
is likely to want next."""

from __future__ import annotations

from reader.narration.engine import Clip
from reader.narration.openings import CACHED, Openings
from reader.narration_options import NarrationOptions
from tests.narration_support import LONG
from tests.test_narration_skipped import ENGLISH, SKIPPING


def test_the_most_recent_openings_are_kept_and_only_first_sentences() -> None:
    openings = Openings()
    clips = [Clip(bytes([n]) * 2, 22050) for n in range(CACHED + 1)]
    for block, clip in enumerate(clips):
        openings.keep(block, clip)
    assert openings.get(0, 0) is None, "the oldest is forgotten"
    assert openings.get(CACHED, 0) is clips[CACHED]
    assert openings.get(CACHED, 1) is None
    openings.clear()
    assert openings.get(CACHED, 0) is None


def test_the_opening_wanted_is_the_first_step_not_kept_nor_queued() -> None:
    openings = Openings()
    options = NarrationOptions()
    assert openings.wanted(LONG, 5, (1,), options, lambda block: False) == 6
    openings.keep(6, Clip(b"\0\0", 22050))
    assert openings.wanted(LONG, 5, (1,), options, lambda block: False) is None
    assert openings.wanted(LONG, 5, (1, 0, -1), options, lambda block: block == 5) == 4
    # over blocks narration does not read: the table, the caption, the code
    assert openings.wanted(ENGLISH, 0, (1,), SKIPPING, lambda block: False) == 4
