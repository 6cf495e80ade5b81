"""What is queued for one sentence: the notices before it (after a skip), its clip, its
pause, the notices after it, each pause where narration makes it and none at the end."""

from __future__ import annotations

from reader.model import BlockKind
from reader.narration.clause import Cut
from reader.narration.engine import Clip
from reader.narration.sentence_audio import sentence_audio
from reader.narration_options import NarrationOptions

RATE = 1000
"""A frame a millisecond, so that pauses read as frames."""
OPTIONS = NarrationOptions(sentence_pause_ms=30, paragraph_pause_ms=200)


def sound(frames: int, level: int = 1000) -> Clip:
    return Clip(level.to_bytes(2, "little", signed=True) * frames, RATE)


TABLE = (BlockKind.TABLE, sound(50, 2000))
CODE = (BlockKind.CODE, sound(60, 3000))


def layout(pcm: bytes) -> list[tuple[int, int]]:
    """The PCM as runs of (sample value, frames): what is said, and the silences."""
    runs: list[tuple[int, int]] = []
    for at in range(0, len(pcm), 2):
        value = int.from_bytes(pcm[at : at + 2], "little", signed=True)
        if runs and runs[-1][0] == value:
            runs[-1] = (value, runs[-1][1] + 1)
        else:
            runs.append((value, 1))
    return runs


def test_a_sentence_within_a_paragraph_is_followed_by_the_sentence_pause() -> None:
    pcm, lead = sentence_audio(sound(100), OPTIONS)
    assert layout(pcm) == [(1000, 100), (0, 30)]
    assert lead == 0


def test_notices_after_a_paragraph_each_have_a_paragraph_pause_but_none_at_the_end() -> None:
    pcm, _ = sentence_audio(sound(100), OPTIONS, after=[TABLE, CODE], last=True)
    assert layout(pcm) == [(1000, 100), (0, 200), (2000, 50), (0, 200), (3000, 60), (0, 200)]
    pcm, _ = sentence_audio(sound(100), OPTIONS, after=[TABLE], last=True, more=False)
    assert layout(pcm) == [(1000, 100), (0, 200), (2000, 50)]
    pcm, _ = sentence_audio(sound(100), OPTIONS, last=True, more=False)
    assert layout(pcm) == [(1000, 100)], "the article's last sentence: nothing after it"


def test_notices_before_a_sentence_come_first_and_its_events_wait_for_them() -> None:
    pcm, lead = sentence_audio(sound(100), OPTIONS, before=[TABLE, CODE])
    assert layout(pcm) == [(2000, 50), (0, 200), (3000, 60), (0, 200), (1000, 100), (0, 30)]
    assert lead == 50 + 200 + 60 + 200


def test_a_first_clause_alone_keeps_only_its_own_pause() -> None:
    clause = Clip(sound(100).pcm + bytes(2 * 500), RATE)
    pcm, lead = sentence_audio(clause, OPTIONS, cut=Cut(end=10, pause_ms=40), after=[TABLE])
    assert layout(pcm) == [(1000, 100), (0, 40)]
    assert lead == 0
