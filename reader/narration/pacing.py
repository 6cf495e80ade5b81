"""Keeping an output device to real time, and telling when nobody can be hearing it.

A sound card pulls frames at real time anyway; a sink that swallows them faster (ALSA
`null`, a broken device) would otherwise make the narration race to the end of the article
in a second, and burn a CPU doing it. The stream callback calls `keep_to_real_time` after
each fill; a device that pacing has to hold back for much of the time is `racing`.
"""

from __future__ import annotations

import time

PACE_TOLERANCE = 1.05
PACE_SLACK = 0.25
"""Pacing: the device may run at most 5% faster than the wall clock, plus a quarter second."""
MAX_SLEEP = 0.02
RACE_AFTER = 5.0
RACE_SHARE = 0.5
"""A device that pacing has held back for half the time over 5 s or more takes audio much
faster than real time: nobody hears it (ALSA `null`, a broken device)."""


class Pacer:
    def __init__(self, sample_rate: int) -> None:
        self.sample_rate = sample_rate
        self._origin: float | None = None
        self._origin_frames = 0
        self._held = 0.0
        """Seconds pacing has slept since `_origin`."""

    def restart(self) -> None:
        """Measure afresh from the next callback (the stream starts again, or stops)."""
        self._origin = None

    def keep_to_real_time(self, device_frames: int, latency_frames: int) -> None:
        """Sleep off any lead the device has taken over the wall clock (never the case for a
        sound card, which pulls frames at real time)."""
        now = time.perf_counter()
        origin = self._origin  # read once: `restart` comes from another thread
        if origin is None:
            self._origin, self._origin_frames, self._held = now, device_frames, 0.0
            return
        # a device may take up to its buffer (and a bit) at once, ahead of the clock
        taken = device_frames - self._origin_frames - 2 * latency_frames
        lead = taken / self.sample_rate - (now - origin) * PACE_TOLERANCE - PACE_SLACK
        if lead > 0:
            time.sleep(min(lead, MAX_SLEEP))
            self._held += min(lead, MAX_SLEEP)

    def racing(self) -> bool:
        """Whether the device has taken audio much faster than real time since the stream
        started, for `RACE_AFTER` seconds or more (pacing keeps the narration to real time
        regardless; this says that no one is hearing it)."""
        origin = self._origin
        if origin is None:
            return False
        elapsed = time.perf_counter() - origin
        return elapsed >= RACE_AFTER and self._held >= RACE_SHARE * elapsed
