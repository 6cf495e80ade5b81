"""Gapless PCM playback through PortAudio (sounddevice), with pause that really pauses.

Clips are queued as segments and copied into the device buffer by the stream callback, so
one sentence runs into the next without a gap. The player counts the frames it hands to the
device; that count minus the output latency is what is audible now, which is how the
narrator knows which word to highlight (synthesis runs far ahead of the voice). A pause
stops the stream and puts back what its buffer held, so that a resume, like a play, starts
a stream with the sound at once instead of after the silence a running stream would have
buffered while paused. A skip stops the stream too and drops its buffer, so that the
sentence skipped to is heard at once, not after a buffer's worth of the one left.

sounddevice and numpy are imported here, lazily: only the worker process pays for them.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.narration import quiet
from reader.narration.error_line import first_line
from reader.narration.pacing import Pacer

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

HISTORY = 256
"""Finished segments remembered for mapping the audible frame back (those still in the
device buffer when a segment ends)."""


class AudioUnavailable(RuntimeError):
    """No audio output: PortAudio is missing or no device could be opened."""


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


class Player:
    def __init__(
        self,
        sample_rate: int,
        *,
        latency: float | str = "high",
        pace: bool = True,
        volume: float = 1.0,
    ) -> None:
        self.sample_rate = sample_rate
        self.volume = volume
        """0.0-1.0, applied as frames go to the device: a change is heard at once."""
        self._latency = latency
        self._pacer = Pacer(sample_rate) if pace else None
        """Keeps the device to real time (see `pacing`)."""
        self._lock = threading.Lock()
        """Guards queue state; the callback takes it briefly, never held around stream calls."""
        self._control = threading.Lock()
        """Serialises stream start/stop/close."""
        self._queue: deque[_Segment] = deque()
        self._done: deque[_Segment] = deque(maxlen=HISTORY)
        self._paused = False
        self._device_frames = 0
        self._started_frames = 0
        """`_device_frames` when the stream last started (its buffer empty then)."""
        self._content_frames = 0
        self._latency_frames = 0
        self._stream: Any = None
        self._np: Any = None
        self.frames_written = 0
        """Content frames handed to the device since the last `stop` (silence excluded;
        those a pause took back from its buffer are not counted twice; the silence a resume
        passes over counts as handed)."""
        self.first_frame_at: float | None = None
        """`time.perf_counter()` when the first content frame after `stop` reached the device."""

    def open(self) -> None:
        """Open the output stream (not started). Raises `AudioUnavailable` in one line."""
        try:
            import numpy
            import sounddevice
        except (OSError, ImportError) as error:
            raise AudioUnavailable(f"No audio output device: {first_line(error)}") from None
        self._np = numpy
        try:
            sounddevice.query_devices(kind="output")
        except Exception:  # PortAudioError "Error querying device -1"
            raise AudioUnavailable("No audio output device: none found") from None
        try:
            stream = sounddevice.OutputStream(
                samplerate=self.sample_rate,
                channels=1,
                dtype="int16",
                latency=self._latency,
                callback=self._callback,
            )
        except Exception as error:  # PortAudioError, ValueError for a missing device, ...
            raise AudioUnavailable(f"No audio output device: {first_line(error)}") from None
        self._stream = stream
        self._latency_frames = round(stream.latency * self.sample_rate)

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def frames_played(self) -> int:
        """Content frames handed to the device since the player was made (never reset):
        what was heard, give or take the device buffer that `stop` throws away."""
        return self._content_frames

    def enqueue(self, pcm: bytes, tag: object = None) -> None:
        """Queue PCM (int16 mono at `sample_rate`) after what is queued; starts the stream."""
        if self._stream is None:
            self.open()
        self.add(pcm, tag)
        with self._control:
            if not self._paused:  # a pause has stopped the stream: resume starts it
                self._start()

    def add(self, pcm: bytes, tag: object = None) -> None:
        """Queue PCM without starting the stream (`enqueue` starts it; `fill` drains it)."""
        if self._np is None:
            import numpy

            self._np = numpy
        data = self._np.frombuffer(pcm, dtype=self._np.int16)
        with self._lock:
            self._queue.append(_Segment(tag, data))

    def pause(self) -> None:
        """Silence at once and hold the position: the stream stops, and what its buffer
        held (handed to the device, not heard yet) is handed to it again on resume."""
        with self._control:
            with self._lock:
                if self._paused:
                    return
                self._paused = True
                self._rewind()
            if self._stream is not None and self._stream.active:
                self._stream.abort()

    def resume(self) -> None:
        """Sound again from the frame paused at, with the device's buffer filled afresh
        (as at play), not after a buffer of the silence a running stream would have kept;
        a pause in the silence between two sentences resumes with the next one's voice."""
        with self._control:
            with self._lock:
                if self._paused:
                    self._paused = False
                    self._pass_silence()
                waiting = bool(self._queue)
            if waiting:
                self._start()

    def _pass_silence(self) -> None:
        """Move past the silence ahead, up to `quiet.LEAD_MS` before the next sound (the
        caller holds `_lock`); the frames passed over count as played, so what is audible
        and the events due follow."""
        lead = quiet.lead_frames(self.sample_rate)
        for segment in self._queue:
            found = quiet.next_sound(segment.data, segment.pos)
            ahead = segment.length if found is None else max(segment.pos, found - lead)
            self.frames_written += ahead - segment.pos
            self._content_frames += ahead - segment.pos
            segment.pos = ahead
            if found is not None:
                return

    def _start(self) -> None:
        """Start the stream if it is not running (the caller holds `_control`)."""
        if self._stream is not None and not self._stream.active:
            if self._pacer is not None:
                self._pacer.restart()
            with self._lock:  # (the callback is not running)
                self._started_frames = self._device_frames
            self._stream.start()

    def _rewind(self) -> None:
        """Put back what was handed to the device but is not heard yet, for a stream
        whose buffer is about to be dropped (the caller holds `_lock`)."""
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
            self._content_frames -= segment.pos - kept
            segment.pos = kept

    def stop(self) -> None:
        """Drop everything queued and what is in the device buffer, at once."""
        with self._lock:
            self._queue.clear()
            self._done.clear()
            self.frames_written = 0
            self.first_frame_at = None
            self._paused = False
            if self._pacer is not None:
                self._pacer.restart()
        with self._control:
            if self._stream is not None and self._stream.active:
                self._stream.abort()

    def clear(self) -> None:
        """Drop what is queued, and what the device holds of it, but keep a pause: for
        skips (the stream starts again with what is queued next)."""
        with self._lock:
            self._queue.clear()
            self._done.clear()
        self._flush()

    def queued_frames(self) -> int:
        """Frames queued and not yet handed to the device: how long it can play on."""
        with self._lock:
            return sum(segment.length - segment.pos for segment in self._queue)

    def drop_before(self, tag: object) -> bool:
        """Drop what is queued before the segment `tag` (the one being played too, and what
        the device holds of it), so that it plays next: for a skip onto audio already
        queued. False when it is not queued, or has begun playing (a skip back to its start
        must play it again)."""
        with self._lock:
            if all(segment.tag != tag or segment.pos for segment in self._queue):
                return False
            while self._queue[0].tag != tag:
                self._queue.popleft()
            self._done.clear()
        self._flush()
        return True

    def _flush(self) -> None:
        """Drop what the device holds, not heard yet, of what a skip left behind: the
        stream starts again with what is queued now (or with what `enqueue` brings)."""
        with self._control:
            if self._stream is None or not self._stream.active:
                return  # paused (resume starts it) or not started yet
            self._stream.abort()
            with self._lock:
                waiting = bool(self._queue) and not self._paused
            if waiting:
                self._start()

    def keep_current(self) -> tuple[object, int] | None:
        """Drop what is queued after the segment being played; return that segment's tag
        and length in frames (None when nothing is queued)."""
        with self._lock:
            while len(self._queue) > 1:
                self._queue.pop()
            if not self._queue:
                return None
            return self._queue[0].tag, self._queue[0].length

    def close(self) -> None:
        self.stop()
        with self._control:
            if self._stream is not None:
                self._stream.close()
                self._stream = None

    def audible(self) -> tuple[object, int] | None:
        """The tag of the segment being heard now and the frame within it, or None."""
        with self._lock:
            now = self._heard_frames()
            heard: tuple[object, int] | None = None
            for segment in (*self._done, *self._queue):
                if segment.anchor is None or segment.anchor > now:
                    break
                heard = (segment.tag, min(now - segment.anchor, segment.pos))
            return heard

    def drained(self) -> bool:
        """Nothing queued, and all that was handed to the device has been heard."""
        with self._lock:
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
        is heard at once (the caller holds `_lock`)."""
        return max(self._started_frames, self._device_frames - self._latency_frames)

    def _callback(self, outdata: Any, frames: int, _time: Any, _status: Any) -> None:
        self.fill(outdata[:, 0])
        if self._pacer is not None:
            self._pacer.keep_to_real_time(self._device_frames, self._latency_frames)

    def fill(self, out: npt.NDArray[np.int16]) -> None:
        """Write the next `len(out)` frames for the device into `out` (silence when paused
        or when nothing is queued), at the current volume: the stream callback's work."""
        frames = len(out)
        filled = 0
        with self._lock:
            while not self._paused and filled < frames and self._queue:
                segment = self._queue[0]
                segment.anchor = self._device_frames + filled - segment.pos
                count = min(frames - filled, segment.length - segment.pos)
                chunk = segment.data[segment.pos : segment.pos + count]
                if self.volume < 1.0:
                    chunk = (chunk * max(0.0, self.volume)).astype(self._np.int16)
                out[filled : filled + count] = chunk
                if count and self.first_frame_at is None:
                    self.first_frame_at = time.perf_counter()
                segment.pos += count
                filled += count
                self.frames_written += count
                self._content_frames += count
                if segment.pos >= segment.length:
                    self._done.append(self._queue.popleft())
            out[filled:] = 0
            self._device_frames += frames

    def racing(self) -> bool:
        """Whether the device takes audio much faster than real time: no one is hearing it
        (see `pacing.Pacer.racing`; False without pacing, when there is nothing to tell)."""
        return self._pacer is not None and self._pacer.racing()
