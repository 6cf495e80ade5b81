"""The clips queued for the audio device, and which frame of which one is heard now: the
player's bookkeeping, kept apart from the stream that plays them.

The device is handed frames in order (`fill`); each segment remembers the device frame at
which its first frame was handed over, so the frame heard now (the frames handed over less
the device's buffer) maps back to a segment and a frame within it. Nothing here locks: the
player holds its lock around every call.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.narration import quiet

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

HISTORY = 256
"""Finished segments remembered for mapping the audible frame back (those still in the
device buffer when a segment ends)."""


@dataclass(eq=False)
class _Segment:
    tag: object
    data: npt.NDArray[np.int16]
    pos: int = 0
    """Next frame to hand to the device."""
    anchor: int | None = None
    """Device frame at which this segment's frame 0 was (or would have been) written."""
    length: int = field(init=False)

    def __post_init__(self) -> None:
        self.length = len(self.data)


class Segments:
    def __init__(self) -> None:
        self._queue: deque[_Segment] = deque()
        self._done: deque[_Segment] = deque(maxlen=HISTORY)
        self.device_frames = 0
        """Frames handed to the device, silence included, since the player was made."""
        self._started_frames = 0
        """`device_frames` when the stream last started (its buffer empty then)."""
        self.content_frames = 0
        """Content frames handed to the device (never reset; see `Player.frames_played`)."""
        self.latency_frames = 0
        """The device's buffer, in frames."""
        self.frames_written = 0
        """Content frames handed to the device since the last `reset` (see `Player`)."""
        self.first_frame_at: float | None = None
        """`time.perf_counter()` when the first content frame after `reset` was handed over."""

    def __bool__(self) -> bool:
        """Something is queued."""
        return bool(self._queue)

    def add(self, tag: object, data: npt.NDArray[np.int16]) -> None:
        self._queue.append(_Segment(tag, data))

    def started(self) -> None:
        """The stream starts (again) with an empty buffer: what it plays is heard at once."""
        self._started_frames = self.device_frames

    def pass_silence(self, sample_rate: int) -> None:
        """Move past the silence ahead, up to `quiet.LEAD_MS` before the next sound; the
        frames passed over count as played, so what is audible and the events due follow."""
        lead = quiet.lead_frames(sample_rate)
        for segment in self._queue:
            found = quiet.next_sound(segment.data, segment.pos)
            ahead = segment.length if found is None else max(segment.pos, found - lead)
            self.frames_written += ahead - segment.pos
            self.content_frames += ahead - segment.pos
            segment.pos = ahead
            if found is not None:
                return

    def rewind(self) -> None:
        """Put back what was handed to the device but is not heard yet, for a stream
        whose buffer is about to be dropped."""
        now = self._heard_frames()
        while self._done:
            last = self._done[-1]
            assert last.anchor is not None
            if now >= last.anchor + last.length:
                break
            self._queue.appendleft(self._done.pop())
        for segment in self._queue:
            if segment.anchor is None:
                break
            kept = max(0, min(segment.pos, now - segment.anchor))
            self.frames_written -= segment.pos - kept
            self.content_frames -= segment.pos - kept
            segment.pos = kept

    def clear(self) -> None:
        """Drop everything queued, and what was played of it."""
        self._queue.clear()
        self._done.clear()

    def reset(self) -> None:
        """Drop everything, and count what is written from zero again."""
        self.clear()
        self.frames_written = 0
        self.first_frame_at = None

    def queued_frames(self) -> int:
        return sum(segment.length - segment.pos for segment in self._queue)

    def drop_before(self, tag: object) -> bool:
        """Drop what is queued before the segment `tag`; False when it is not queued or has
        begun playing (see `Player.drop_before`)."""
        if all(segment.tag != tag or segment.pos for segment in self._queue):
            return False
        while self._queue[0].tag != tag:
            self._queue.popleft()
        self._done.clear()
        return True

    def keep_current(self) -> tuple[object, int] | None:
        """Drop what is queued after the segment being played; its tag and length."""
        while len(self._queue) > 1:
            self._queue.pop()
        if not self._queue:
            return None
        return self._queue[0].tag, self._queue[0].length

    def audible(self) -> tuple[object, int] | None:
        """The tag of the segment being heard now and the frame within it, or None."""
        now = self._heard_frames()
        heard: tuple[object, int] | None = None
        for segment in (*self._done, *self._queue):
            if segment.anchor is None or segment.anchor > now:
                break
            heard = (segment.tag, min(now - segment.anchor, segment.pos))
        return heard

    def drained(self) -> bool:
        """Nothing queued, and all that was handed to the device has been heard."""
        if self._queue:
            return False
        if not self._done:
            return True
        last = self._done[-1]
        assert last.anchor is not None
        return self._heard_frames() >= last.anchor + last.length

    def _heard_frames(self) -> int:
        """Device frames heard by now: those handed to it less its buffer, which a stream
        started again (after a pause, a skip) has not filled yet, so that its first frame
        is heard at once."""
        return max(self._started_frames, self.device_frames - self.latency_frames)

    def fill(self, out: npt.NDArray[np.int16], volume: float, paused: bool, np: Any) -> None:
        """Write the next `len(out)` frames for the device into `out` (silence when
        `paused` or when nothing is queued), at `volume`."""
        frames = len(out)
        filled = 0
        while not paused and filled < frames and self._queue:
            segment = self._queue[0]
            segment.anchor = self.device_frames + filled - segment.pos
            count = min(frames - filled, segment.length - segment.pos)
            chunk = segment.data[segment.pos : segment.pos + count]
            if volume < 1.0:
                chunk = (chunk * max(0.0, volume)).astype(np.int16)
            out[filled : filled + count] = chunk
            if count and self.first_frame_at is None:
                self.first_frame_at = time.perf_counter()
            segment.pos += count
            filled += count
            self.frames_written += count
            self.content_frames += count
            if segment.pos >= segment.length:
                self._done.append(self._queue.popleft())
        out[filled:] = 0
        self.device_frames += frames
