"""The real player through the null ALSA device (tests/conftest.py): to the end, pause and
resume from the paused frame, stop at once. The null device runs faster than real time, so
most tests turn pacing off; one checks that pacing holds such a device to real time."""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np
import pytest

from reader.narration.engine import Clip
from reader.narration.espeak import EspeakSynthesizer
from reader.narration.player import Player
from tests.waiting import wait_until


@pytest.fixture(scope="module")
def clip() -> Clip:
    return EspeakSynthesizer(voice="en").synthesize("The government rejected a commentary.")


@pytest.fixture
def player(clip: Clip) -> Iterator[Player]:
    player = Player(clip.sample_rate, pace=False)  # let the null device run ahead
    player.open()
    yield player
    player.close()


def test_plays_a_clip_to_the_end(player: Player, clip: Clip) -> None:
    player.enqueue(clip.pcm, "one")
    player.enqueue(clip.pcm, "two")
    wait_until(player.drained)
    assert player.frames_written == 2 * clip.frames
    assert player.audible() == ("two", clip.frames)
    assert player.first_frame_at is not None


def test_pause_holds_the_frame_and_resume_continues_from_it(player: Player, clip: Clip) -> None:
    long = clip.pcm * 400  # long enough that the pause lands in the middle, even here
    total = len(long) // 2
    player.enqueue(long, "long")
    player.pause()
    time.sleep(0.02)
    paused_at = player.frames_written
    assert paused_at < total
    time.sleep(0.1)
    assert player.frames_written == paused_at
    heard = player.audible()
    assert heard is None or heard[1] <= paused_at
    player.resume()
    wait_until(player.drained)
    # resuming from frame 0 would have handed the device paused_at + total frames
    assert player.frames_written == total
    assert player.audible() == ("long", total)


def test_stop_is_immediate(player: Player, clip: Clip) -> None:
    player.enqueue(clip.pcm * 400, "long")
    player.stop()
    assert player.drained()
    assert player.audible() is None
    time.sleep(0.05)
    assert player.frames_written == 0
    player.enqueue(clip.pcm, "again")  # the player is usable after a stop
    wait_until(player.drained)
    assert player.frames_written == clip.frames


def test_clear_drops_the_queue_but_keeps_the_pause(player: Player, clip: Clip) -> None:
    player.enqueue(clip.pcm * 400, "old")
    player.pause()
    player.clear()
    player.enqueue(clip.pcm, "new")
    time.sleep(0.05)
    assert player.paused
    assert not player.drained()
    player.resume()
    wait_until(player.drained)
    assert player.audible() == ("new", clip.frames)


def test_pacing_keeps_a_too_fast_device_to_real_time(clip: Clip) -> None:
    player = Player(clip.sample_rate)
    player.open()
    try:
        long = clip.pcm * 20  # tens of seconds of speech
        began = time.perf_counter()
        player.enqueue(long, "long")
        wait_until(lambda: player.frames_written > 0, "the device to take audio")
        time.sleep(0.3)
        taken = player.frames_written / clip.sample_rate
        elapsed = time.perf_counter() - began  # however long a loaded machine made it
        # without pacing the null device takes all of it in milliseconds; paced, no more
        # than the time that passed, its 5% and quarter second of slack, and a buffer
        assert taken < elapsed + 1.0
        assert not player.drained()
    finally:
        player.close()


def test_a_pause_takes_back_what_the_device_had_not_played_and_resume_plays_it(
    clip: Clip,
) -> None:
    """A pause drops the device's buffer (silence at once) and puts its frames back: the
    voice goes on from the frame last heard, and the stream starts afresh on resume."""
    player = Player(clip.sample_rate)  # paced: the null device holds a buffer's worth
    player.open()
    try:
        player.enqueue(clip.pcm * 20, "long")
        wait_until(lambda: player.frames_written > clip.sample_rate // 2)
        player.pause()
        heard = player.audible()
        assert heard is not None
        assert heard[1] == player.frames_written, "nothing handed beyond what was heard"
        time.sleep(0.05)
        assert player.audible() == heard
        player.resume()
        wait_until(lambda: player.frames_written > heard[1])
    finally:
        player.close()


class Stream:
    """PortAudio's stream as the player drives it: started and aborted, never played."""

    latency = 0.035

    def __init__(self, **_: object) -> None:
        self.active = False
        self.calls: list[str] = []

    def start(self) -> None:
        self.active = True
        self.calls.append("start")

    def abort(self) -> None:
        self.active = False
        self.calls.append("abort")

    def close(self) -> None:
        self.calls.append("close")


@pytest.fixture
def stream(monkeypatch: pytest.MonkeyPatch) -> Stream:
    import sounddevice

    made = Stream()
    monkeypatch.setattr(sounddevice, "OutputStream", lambda **_: made)
    return made


def test_a_skip_drops_what_the_device_holds_of_the_sentence_left(
    stream: Stream, clip: Clip
) -> None:
    """A running stream keeps a buffer's worth of what it was handed: after a skip the
    listener would hear that much more of the old sentence before the new one."""
    player = Player(clip.sample_rate)
    player.enqueue(clip.pcm, "old")
    player.enqueue(clip.pcm, "next")
    player.fill(np.zeros(100, dtype=np.int16))  # "old" is playing
    assert player.drop_before("next")  # a skip onto audio already queued
    assert stream.calls == ["start", "abort", "start"], "started again with what follows"
    player.fill(np.zeros(100, dtype=np.int16))
    assert player.audible() == ("next", 0), "heard at once, the buffer was empty"
    player.clear()  # a skip onto audio still to render: the stream waits for it
    assert stream.calls[-1] == "abort"
    assert not stream.active
    player.enqueue(clip.pcm, "new")
    assert stream.calls[-1] == "start"
    assert player.audible() is None, "nothing of the old sentences is audible"


def test_a_skip_while_paused_keeps_the_stream_stopped(stream: Stream, clip: Clip) -> None:
    player = Player(clip.sample_rate)
    player.enqueue(clip.pcm, "old")
    player.pause()
    calls = len(stream.calls)
    player.clear()
    player.enqueue(clip.pcm, "new")
    assert stream.calls[calls:] == [], "silent until resumed"
    player.resume()
    assert stream.calls[-1] == "start"


def test_a_stream_started_is_heard_from_its_first_frame(stream: Stream, clip: Clip) -> None:
    """Its buffer is empty at the start: what it is handed first is heard at once (the
    highlight follows), not after a full buffer's worth."""
    player = Player(clip.sample_rate)
    player.enqueue(clip.pcm, "one")
    player.fill(np.zeros(100, dtype=np.int16))
    assert player.audible() == ("one", 0)
    latency = round(stream.latency * clip.sample_rate)
    player.fill(np.zeros(latency, dtype=np.int16))  # the buffer full: what it holds waits
    assert player.audible() == ("one", 100)
