"""Gapless PCM playback through PortAudio (sounddevice), with pause that really pauses.

Clips are queued as segments and copied into the device buffer by the stream callback, so
one sentence runs into the next without a gap. The player counts the frames it hands to the
device; that count minus the output latency is what is audible now, which is how the
narrator knows which word to highlight (synthesis runs far ahead of the voice): that
bookkeeping is `segments`, this module the stream around it. A pause stops the stream and
puts back what its buffer held, so that a resume, like a play, starts a stream with the
sound at once instead of after the silence a running stream would have buffered while
paused. A skip stops the stream too and drops its buffer, so that the
sentence skipped to is heard at once, not after a buffer's worth of the one left.

sounddevice and numpy are imported here, lazily: only the worker process pays for them.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from reader.narration.error_line import first_line
from reader.narration.pacing import Pacer
from reader.narration.segments import Segments

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


class AudioUnavailable(RuntimeError):
    """No audio output: PortAudio is missing or no device could be opened."""


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
        self._segments = Segments()
        self._paused = False
        self._stream: Any = None
        self._np: Any = None

    @property
    def frames_written(self) -> int:
        """Content frames handed to the device since the last `stop` (silence excluded;
        those a pause took back from its buffer are not counted twice; the silence a resume
        passes over counts as handed)."""
        return self._segments.frames_written

    @property
    def first_frame_at(self) -> float | None:
        """`time.perf_counter()` when the first content frame after `stop` reached the device."""
        return self._segments.first_frame_at

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
        self._segments.latency_frames = round(stream.latency * self.sample_rate)

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def latency_frames(self) -> int:
        """The device's buffer, in frames (0 until the stream is open)."""
        return self._segments.latency_frames

    @property
    def frames_played(self) -> int:
        """Content frames handed to the device since the player was made (never reset):
        what was heard, give or take the device buffer that `stop` throws away."""
        return self._segments.content_frames

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
            self._segments.add(tag, data)

    def pause(self) -> None:
        """Silence at once and hold the position: the stream stops, and what its buffer
        held (handed to the device, not heard yet) is handed to it again on resume."""
        with self._control:
            with self._lock:
                if self._paused:
                    return
                self._paused = True
                self._segments.rewind()
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
                    self._segments.pass_silence(self.sample_rate)
                waiting = bool(self._segments)
            if waiting:
                self._start()

    def _start(self) -> None:
        """Start the stream if it is not running (the caller holds `_control`)."""
        if self._stream is not None and not self._stream.active:
            if self._pacer is not None:
                self._pacer.restart()
            with self._lock:  # (the callback is not running)
                self._segments.started()
            self._stream.start()

    def stop(self) -> None:
        """Drop everything queued and what is in the device buffer, at once."""
        with self._lock:
            self._segments.reset()
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
            self._segments.clear()
        self._flush()

    def queued_frames(self) -> int:
        """Frames queued and not yet handed to the device: how long it can play on."""
        with self._lock:
            return self._segments.queued_frames()

    def drop_before(self, tag: object) -> bool:
        """Drop what is queued before the segment `tag` (the one being played too, and what
        the device holds of it), so that it plays next: for a skip onto audio already
        queued. False when it is not queued, or has begun playing (a skip back to its start
        must play it again)."""
        with self._lock:
            if not self._segments.drop_before(tag):
                return False
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
                waiting = bool(self._segments) and not self._paused
            if waiting:
                self._start()

    def keep_current(self) -> tuple[object, int] | None:
        """Drop what is queued after the segment being played; return that segment's tag
        and length in frames (None when nothing is queued)."""
        with self._lock:
            return self._segments.keep_current()

    def close(self) -> None:
        self.stop()
        with self._control:
            if self._stream is not None:
                self._stream.close()
                self._stream = None

    def audible(self) -> tuple[object, int] | None:
        """The tag of the segment being heard now and the frame within it, or None."""
        with self._lock:
            return self._segments.audible()

    def drained(self) -> bool:
        """Nothing queued, and all that was handed to the device has been heard."""
        with self._lock:
            return self._segments.drained()

    def _callback(self, outdata: Any, frames: int, _time: Any, _status: Any) -> None:
        self.fill(outdata[:, 0])
        if self._pacer is not None:
            segments = self._segments
            self._pacer.keep_to_real_time(segments.device_frames, segments.latency_frames)

    def fill(self, out: npt.NDArray[np.int16]) -> None:
        """Write the next `len(out)` frames for the device into `out` (silence when paused
        or when nothing is queued), at the current volume: the stream callback's work."""
        with self._lock:
            self._segments.fill(out, self.volume, self._paused, self._np)

    def racing(self) -> bool:
        """Whether the device takes audio much faster than real time: no one is hearing it
        (see `pacing.Pacer.racing`; False without pacing, when there is nothing to tell)."""
        return self._pacer is not None and self._pacer.racing()
