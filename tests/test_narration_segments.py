"""The player's bookkeeping without a stream: which frame of which clip is heard, what a
pause puts back, what a skip drops."""

from __future__ import annotations

import numpy as np

from reader.narration.segments import Segments


def queued(*lengths: int, latency: int = 0) -> Segments:
    segments = Segments()
    segments.latency_frames = latency
    for number, length in enumerate(lengths):
        segments.add(number, np.full(length, 1000, dtype=np.int16))
    return segments


def test_what_is_heard_is_what_was_handed_over_less_the_device_buffer() -> None:
    segments = queued(100, 100, latency=30)
    segments.started()
    out = np.zeros(150, dtype=np.int16)
    segments.fill(out, 1.0, False, np)
    assert segments.audible() == (1, 20), "150 handed over, 30 of them in the buffer"
    assert segments.frames_written == segments.content_frames == 150
    assert segments.queued_frames() == 50
    assert not segments.drained()


def test_a_pause_puts_back_what_the_buffer_held() -> None:
    segments = queued(100, 100, latency=30)
    segments.started()
    segments.fill(np.zeros(150, dtype=np.int16), 1.0, False, np)
    segments.rewind()
    assert segments.queued_frames() == 80, "the 30 frames in the buffer are to play again"
    assert segments.frames_written == 120


def test_paused_or_empty_the_device_gets_silence() -> None:
    segments = queued(10)
    out = np.ones(20, dtype=np.int16)
    segments.fill(out, 1.0, True, np)
    assert not out.any()
    assert segments.queued_frames() == 10
    segments.fill(out, 0.5, False, np)
    assert list(out[:10]) == [500] * 10
    assert not out[10:].any()


def test_a_skip_onto_a_queued_clip_drops_those_before_it_unless_it_has_begun() -> None:
    segments = queued(100, 100, 100)
    assert segments.drop_before(2)
    assert segments.queued_frames() == 100
    segments.fill(np.zeros(10, dtype=np.int16), 1.0, False, np)
    assert not segments.drop_before(2), "begun: a skip back to its start plays it again"
    assert segments.keep_current() == (2, 100)
