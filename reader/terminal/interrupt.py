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


class HeldInterrupt:
    """Ctrl-C raises KeyboardInterrupt at once (in a blocked read or wait too), except inside
    `with held.writing():`, where it is raised at the block's end, so what the block writes
    is written whole. Installed for the length of `with HeldInterrupt() as held:`, on the
    main thread."""

    def __init__(self) -> None:
        self._writing = False
        self._pending = False
        self._previous: signal._HANDLER = None

    def __enter__(self) -> HeldInterrupt:
        self._previous = signal.signal(signal.SIGINT, self._interrupt)
        return self

    def __exit__(self, *_exc: object) -> None:
        signal.signal(signal.SIGINT, self._previous)

    def _interrupt(self, _signum: int, _frame: FrameType | None) -> None:
        if self._writing:
            self._pending = True
        else:
            raise KeyboardInterrupt

    @contextmanager
    def writing(self) -> Iterator[None]:
        self._writing = True
        try:
            yield
        finally:
            self._writing = False
        if self._pending:
            raise KeyboardInterrupt
