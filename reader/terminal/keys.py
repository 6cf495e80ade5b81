"""Keys for `reader speak` in a plain terminal: cbreak mode on stdin, and what each key does.

The terminal is put in cbreak mode (keys arrive one at a time, unechoed; Ctrl-C still
interrupts) only while narration runs, and always put back: on quit, at the end, on Ctrl-C,
on SIGTERM and on any exception. A thread reads the keys and hands them to the same queue as
the narrator's events, so one loop serves both.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import termios
import threading
import tty
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from types import FrameType
from typing import TextIO

from reader.model import Position
from reader.narration.events import (
    NarrationEvent,
    NarratorHandle,
    PlayState,
    SentenceStarted,
    StateChanged,
)
from reader.narration_options import NarrationOptions, step_rate, step_volume
from reader.sleep_timer import SleepTimer

POLL = 0.1
"""Seconds between checks for the end while waiting for a key."""


@dataclass(frozen=True, slots=True)
class Binding:
    chars: str
    """The characters that do it; where there are two ways (n/p), the first half of them
    goes forward (next, faster, louder) and the second half back."""
    shown: str
    does: str
    action: str
    """The `Controls` method it calls, with whether the key goes forward."""
    note: str = ""
    """More for `reader speak --help`."""


BINDINGS = (
    Binding(" ", "space", "pause/resume", "play_pause"),
    Binding(
        "np",
        "n/p",
        "next/previous paragraph",
        "paragraph",
        "previous restarts a paragraph heard for 2 s or more",
    ),
    Binding(")(", ")/(", "next/previous sentence", "sentence"),
    Binding("+=-_", "+/-", "faster/slower", "rate", "0.5x to 3x"),
    Binding("09", "0/9", "louder/quieter", "volume"),
    Binding("z", "z", "sleep timer", "sleep_timer", "end of the paragraph, 15, 30, 60 min, off"),
    Binding("qQ\x04", "q", "quit", "quit"),
)
"""The one table of `reader speak`'s keys: what they do, the help line and --help."""
HELP = "keys: " + " · ".join(f"{binding.shown} {binding.does}" for binding in BINDINGS)
"""The line shown when narration starts."""


def help_epilog() -> str:
    """Every key, for `reader speak --help`."""
    keys = ", ".join(f"{b.shown} {b.does}" + (f" ({b.note})" if b.note else "") for b in BINDINGS)
    return f"Keys (when stdin is a terminal): {keys}; Ctrl-C stops with exit code 130."


@dataclass(frozen=True, slots=True)
class Key:
    char: str


@dataclass(frozen=True, slots=True)
class Command:
    """A command from elsewhere than the keyboard (the media player), queued as keys are."""

    act: Callable[[Controls], bool]


class Controls:
    """What the keys do to a narrator; short feedback goes to `status`."""

    def __init__(self, narrator: NarratorHandle, options: NarrationOptions, status: TextIO) -> None:
        self.narrator = narrator
        self.options = options
        self.sleep = SleepTimer()
        self._block = 0
        self.status = status
        self.state: PlayState = "playing"
        self.position = Position()
        """The sentence being heard, or where play starts again after a stop."""

    def note(self, event: NarrationEvent) -> None:
        if isinstance(event, StateChanged):
            self.state = event.state
        elif isinstance(event, SentenceStarted):
            self._block = event.block
            self.position = Position(event.block, event.sentence)

    def take(self, given: Key | Command) -> bool:
        """Act on a key or a command; False when it asks to quit."""
        return given.act(self) if isinstance(given, Command) else self.press(given.char)

    def time_to_sleep(self, event: NarrationEvent | None) -> bool:
        """The sleep timer says stop: narration reached a new paragraph (`event`), or the
        minutes ran out (checked with `event` None)."""
        if isinstance(event, SentenceStarted):
            due = self.sleep.ends_before(event.block)
            if due:
                self.sleep.clear()
        else:
            due = event is None and self.sleep.rang()
        if due:
            self.narrator.stop()
            self._say("sleep timer: stopped")
        return due

    def press(self, char: str) -> bool:
        """Act on one key (see `BINDINGS`; others do nothing); False when it asks to quit."""
        for binding in BINDINGS:
            if char in binding.chars:
                forward = binding.chars.index(char) < len(binding.chars) / 2
                return bool(getattr(self, binding.action)(forward))
        return True

    def quit(self, _forward: bool) -> bool:
        return False

    def play_pause(self, _forward: bool) -> bool:
        return self.pause() if self.state == "playing" else self.play()

    def play(self) -> bool:
        if self.state == "paused":
            self.narrator.resume()
        elif self.state == "stopped":
            self.narrator.play(self.position)
        self.state = "playing"
        self._say("playing")
        return True

    def pause(self) -> bool:
        if self.state == "playing":
            self.narrator.pause()
            self.state = "paused"
            self._say("paused")
        return True

    def stop(self) -> bool:
        if self.state != "stopped":
            self.narrator.stop()
            self.state = "stopped"
            self._say("stopped")
        return True

    def go_to(self, position: Position) -> bool:
        """Narrate from `position`."""
        self.position = position
        self.narrator.play(position)
        self.state = "playing"
        return True

    def set_rate(self, rate: float) -> bool:
        self._configure(replace(self.options, rate=rate))
        self._say(f"rate {self.options.rate:g}x")
        return True

    def set_volume(self, volume: float) -> bool:
        self._configure(replace(self.options, volume=volume))
        self._say(f"volume {self.options.volume:.0%}")
        return True

    def paragraph(self, forward: bool) -> bool:
        self.narrator.skip(blocks=1 if forward else -1)
        return True

    def sentence(self, forward: bool) -> bool:
        self.narrator.skip(sentences=1 if forward else -1)
        return True

    def rate(self, faster: bool) -> bool:
        rate = step_rate(self.options.rate, 1 if faster else -1)
        if rate != self.options.rate:
            self._configure(replace(self.options, rate=rate))
        self._say(f"rate {self.options.rate:g}x")
        return True

    def volume(self, louder: bool) -> bool:
        volume = step_volume(self.options.volume, 1 if louder else -1)
        self._configure(replace(self.options, volume=volume))
        self._say(f"volume {self.options.volume:.0%}")
        return True

    def sleep_timer(self, _forward: bool) -> bool:
        self.sleep.cycle(self._block)
        self._say(f"sleep {self.sleep.label or 'off'}")
        return True

    def _configure(self, options: NarrationOptions) -> None:
        self.options = options
        self.narrator.configure(options)

    def _say(self, text: str) -> None:
        print(f"[{text}]", file=self.status, flush=True)


@contextlib.contextmanager
def listening(keys: TextIO | None, put: Callable[[Key], None]) -> Iterator[bool]:
    """Read keys from `keys` (a terminal) into `put` while the block runs; yields whether
    keys are being read (not when `keys` is None or not a terminal we may set up)."""
    if keys is None:
        yield False
        return
    fd = keys.fileno()
    try:
        saved = termios.tcgetattr(fd)
        tty.setcbreak(fd, termios.TCSANOW)
    except (termios.error, OSError):
        yield False
        return
    stop = threading.Event()
    reader = threading.Thread(target=_read, args=(fd, put, stop), name="keys", daemon=True)
    restore_signals = _handle_signals(fd)
    try:
        reader.start()
        yield True
    finally:
        stop.set()
        with contextlib.suppress(termios.error, OSError):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        restore_signals()
        reader.join(timeout=1)


def _read(fd: int, put: Callable[[Key], None], stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            ready, _, _ = select.select([fd], [], [], POLL)
            data = os.read(fd, 64) if ready else b""
        except OSError:
            return
        if ready and not data:
            return  # end of input: the terminal hung up
        for char in data.decode("utf-8", "ignore"):
            put(Key(char))


def _handle_signals(fd: int) -> Callable[[], None]:
    """SIGTERM ends the narration through the usual clean-up (the terminal is put back);
    SIGCONT, after Ctrl-Z and `fg`, sets cbreak mode again (the shell reset it)."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def terminate(signum: int, _frame: FrameType | None) -> None:
        sys.exit(128 + signum)

    def resume(_signum: int, _frame: FrameType | None) -> None:
        with contextlib.suppress(termios.error, OSError):
            tty.setcbreak(fd, termios.TCSANOW)

    previous = {
        signal.SIGTERM: signal.signal(signal.SIGTERM, terminate),
        signal.SIGCONT: signal.signal(signal.SIGCONT, resume),
    }

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return restore
