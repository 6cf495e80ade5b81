"""Ctrl-C as a request to stop, answered where the work can stop cleanly.

Python raises KeyboardInterrupt wherever it happens to be; inside a C library's callback
(libsndfile writing through soundfile's virtual I/O) it is printed with a traceback and
ignored, and the work goes on. While `interrupt_requested()` runs, SIGINT sets an event the
work checks between steps instead.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


@contextmanager
def interrupt_requested() -> Iterator[threading.Event]:
    """An event set by Ctrl-C (SIGINT) while the block runs; the previous handler after.
    Off the main thread (where signals cannot be handled) the event is never set."""
    requested = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield requested
        return

    def request(_signum: int, _frame: FrameType | None) -> None:
        requested.set()

    previous = signal.signal(signal.SIGINT, request)
    try:
        yield requested
    finally:
        signal.signal(signal.SIGINT, previous)
