"""The UI-facing narrator: drives the worker process and relays its events.

Every method returns at once. Events arrive on a background thread through the sink given
at construction. If the worker dies, the sink gets one `NarrationError` and the next
`play()` starts a fresh worker (the article and the options are given again).
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from reader.model import Article, Position
from reader.narration.commands import (
    Command,
    Configure,
    Load,
    Pause,
    Play,
    Quit,
    Resume,
    Skip,
    Stop,
    options_to_json,
    to_json,
)
from reader.narration.events import (
    EXIT_NO_ENGINE,
    EngineReady,
    EventSink,
    NarrationError,
    from_json,
)
from reader.narration_options import NarrationOptions

CLOSE_TIMEOUT = 2.0


class Narrator:
    def __init__(
        self,
        on_event: EventSink,
        options: NarrationOptions = NarrationOptions(),
        *,
        log_path: Path | None = None,
    ) -> None:
        self._sink = on_event
        self._options = options
        """Given to a restarted worker too, like the article."""
        self._log_path = log_path
        """Where the worker's stderr goes (default: nowhere; it must never reach the TTY)."""
        self._article: Article | None = None
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        self._closed = False

    @property
    def pid(self) -> int | None:
        """The worker's process id, when it runs."""
        process = self._process
        return process.pid if process is not None else None

    @property
    def options(self) -> NarrationOptions:
        return self._options

    def start(self) -> None:
        with self._lock:
            self._ensure_worker()

    def load(self, article: Article, *, whole: bool = False) -> None:
        with self._lock:  # a worker starting now must not be sent the previous article
            self._article = article
            self._send_locked(Load(article, whole))

    def play(self, position: Position) -> None:
        with self._lock:
            self._ensure_worker()
        self._send(Play(position.block, position.sentence))

    def pause(self) -> None:
        self._send(Pause())

    def resume(self) -> None:
        self._send(Resume())

    def stop(self) -> None:
        self._send(Stop())

    def skip(self, blocks: int = 0, sentences: int = 0) -> None:
        self._send(Skip(blocks, sentences))

    def configure(self, options: NarrationOptions) -> None:
        """Replace all the options; the worker works out what changed (see `Session`)."""
        with self._lock:
            self._options = options
            self._send_locked(Configure(options))

    def close(self) -> None:
        with self._lock:
            self._closed = True
            process, self._process = self._process, None
        if process is None:
            return
        self._write(process, Quit())
        with contextlib.suppress(OSError, ValueError):
            assert process.stdin is not None
            process.stdin.close()
        try:
            process.wait(timeout=CLOSE_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self._reader is not None and self._reader is not threading.current_thread():
            self._reader.join(timeout=CLOSE_TIMEOUT)

    # --- the worker -----------------------------------------------------------------------

    def _ensure_worker(self) -> None:
        """Spawn the worker unless it runs (callers hold the lock)."""
        if self._closed or (self._process is not None and self._process.poll() is None):
            return
        options = options_to_json(self._options)
        command = [sys.executable, "-m", "reader.narration.worker", "--options", options]
        stderr: IO[Any] | int = subprocess.DEVNULL
        if self._log_path is not None:
            stderr = self._log_path.open("ab")
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                close_fds=True,
                text=True,
                encoding="utf-8",
                bufsize=1,
            )
        except OSError as error:
            self._sink(NarrationError(f"cannot start narration: {error}"))
            return
        finally:
            if not isinstance(stderr, int):
                stderr.close()
        self._process = process
        self._reader = threading.Thread(
            target=self._read_events, args=(process,), name="narrator-events", daemon=True
        )
        self._reader.start()
        if self._article is not None:
            self._write(process, Load(self._article, whole=False))

    def _send(self, command: Command) -> None:
        """Commands come from the UI thread and the start-up thread: one writer at a time,
        or JSON lines could interleave."""
        with self._lock:
            self._send_locked(command)

    def _send_locked(self, command: Command) -> None:
        process = self._process
        if process is not None:
            self._write(process, command)

    @staticmethod
    def _write(process: subprocess.Popen[str], command: Command) -> None:
        try:
            assert process.stdin is not None
            process.stdin.write(to_json(command) + "\n")
            process.stdin.flush()
        except (OSError, ValueError):
            pass  # the worker is gone: its reader thread reports that

    def _read_events(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        ready = False
        for line in process.stdout:
            try:
                event = from_json(line)
            except (ValueError, KeyError, TypeError):
                continue
            ready = ready or isinstance(event, EngineReady)
            self._deliver(event)
        code = process.wait()
        fatal = code == EXIT_NO_ENGINE  # the worker said why already
        with self._lock:
            expected = self._closed or self._process is not process
            if not expected:
                self._process = None
        if not expected and not fatal:
            self._deliver(NarrationError(_death(code, ready)))

    def _deliver(self, event: Any) -> None:
        with contextlib.suppress(Exception):  # a faulty listener must not end the stream
            self._sink(event)


def _death(code: int, ready: bool) -> str:
    """One line for a worker that ended on its own."""
    if code < 0:
        where = "" if ready else " while starting the speech engine and audio output"
        return f"narration stopped unexpectedly: its process was ended by signal {-code}{where}"
    if not ready:
        # The engine failed before it could say why (it may exit() or crash the process).
        return (
            f"the speech engine could not start (exit code {code}): "
            "is eSpeak NG's voice data installed? (apt install espeak-ng)"
        )
    return f"narration stopped unexpectedly (exit code {code})"
