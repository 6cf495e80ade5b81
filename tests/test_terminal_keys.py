"""`reader speak` keys: the key -> narrator mapping, and the real command on a pseudo-terminal
(cbreak mode on, keys act, the terminal is always put back)."""

from __future__ import annotations

import io
import os
import queue
import select
import signal
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pytest

from reader.narration.events import NarrationEvent, SentenceStarted, StateChanged
from reader.narration_options import NarrationOptions
from reader.terminal.keys import BINDINGS, HELP, Controls, Key, listening
from tests.fakes import FakeNarrator
from tests.waiting import CEILING

PARAGRAPHS = [
    f"Paragraph number {word} begins with this sentence. It goes on for a while after that. "
    f"And then paragraph {word} comes to its end."
    for word in ("one", "two", "three", "four", "five", "six")
]


def controls() -> tuple[Controls, FakeNarrator, io.StringIO]:
    events: list[NarrationEvent] = []
    narrator = FakeNarrator(events.append)
    status = io.StringIO()
    return Controls(narrator, NarrationOptions(), status), narrator, status


def test_keys_drive_the_narrator() -> None:
    keys, narrator, status = controls()
    for char in "np)(":
        assert keys.press(char)
    assert narrator.calls == [("skip", 1, 0), ("skip", -1, 0), ("skip", 0, 1), ("skip", 0, -1)]
    assert keys.press(" ")
    assert keys.press(" ")
    assert narrator.calls[-2:] == [("pause",), ("resume",)]
    assert status.getvalue() == "[paused]\n[playing]\n"
    assert keys.press("x")  # unknown keys do nothing
    assert narrator.calls[-1] == ("resume",)
    assert not keys.press("q")


def test_the_table_is_what_the_keys_do_and_what_help_says() -> None:
    bound = "".join(binding.chars for binding in BINDINGS)
    for char in map(chr, range(32, 127)):
        keys, narrator, status = controls()
        went_on = keys.press(char)
        acted = bool(narrator.calls) or bool(status.getvalue()) or not went_on
        assert acted == (char in bound), f"{char!r}: bound {char in bound}, acted {acted}"
    said = " ".join(
        subprocess.run(
            [sys.executable, "-m", "reader", "speak", "--help"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )
    for binding in BINDINGS:
        assert f"{binding.shown} {binding.does}" in said
        assert f"{binding.shown} {binding.does}" in HELP
        assert binding.note in said


def test_space_follows_the_narrators_state() -> None:
    keys, narrator, _ = controls()
    keys.note(StateChanged("paused", 0, 0, 0))  # paused by someone else
    keys.press(" ")
    assert narrator.last() == ("resume",)


def test_volume_steps_and_limits() -> None:
    keys, narrator, status = controls()
    keys.press("9")
    assert narrator.options == NarrationOptions(volume=0.9)
    for _ in range(12):
        keys.press("0")
    assert keys.options.volume == 1.0
    for _ in range(12):
        keys.press("9")
    assert narrator.options == NarrationOptions(volume=0.0)
    assert status.getvalue().splitlines()[-1] == "[volume 0%]"


def test_sleep_timer_stops_at_the_end_of_the_paragraph() -> None:
    keys, narrator, status = controls()
    keys.note(SentenceStarted(2, 0))
    keys.press("z")
    assert status.getvalue().splitlines()[-1] == "[sleep end of ¶]"
    assert not keys.time_to_sleep(SentenceStarted(2, 1))
    assert keys.time_to_sleep(SentenceStarted(3, 0))
    assert narrator.last() == ("stop",)
    assert not keys.time_to_sleep(SentenceStarted(4, 0)), "it rings once"


def test_sleep_timer_minutes(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    keys, narrator, _ = controls()
    keys.press("z")
    keys.press("z")  # 15 minutes
    assert keys.sleep.choice == 15
    assert not keys.time_to_sleep(None)
    later = time.monotonic() + 15 * 60 + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert keys.time_to_sleep(None)
    assert narrator.last() == ("stop",)


def test_rate_steps_and_limits() -> None:
    keys, narrator, status = controls()
    keys.press("+")
    assert narrator.options.rate == 1.25
    for _ in range(10):
        keys.press("+")
    assert keys.options.rate == 3.0
    assert narrator.options.rate == 3.0
    for _ in range(20):
        keys.press("-")
    assert keys.options.rate == 0.5
    assert status.getvalue().splitlines()[-1] == "[rate 0.5x]"


# --- the real command on a pseudo-terminal ------------------------------------------------


@dataclass
class Terminal:
    process: subprocess.Popen[bytes]
    leader: int
    follower: int
    seen: str = ""

    def send(self, keys: str) -> None:
        os.write(self.leader, keys.encode())

    def expect(self, text: str, timeout: float = CEILING) -> str:
        """Read until `text` has appeared (after what earlier calls consumed)."""
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} did not appear in:\n{self.seen}"
            ready, _, _ = select.select([self.leader], [], [], min(left, 0.2))
            if ready:
                try:
                    self.seen += os.read(self.leader, 65536).decode("utf-8", "replace")
                except OSError:  # the process ended and closed the terminal
                    assert text in self.seen, f"{text!r} did not appear in:\n{self.seen}"
        index = self.seen.index(text) + len(text)
        before, self.seen = self.seen[:index], self.seen[index:]
        return before

    def wait(self) -> int:
        code = self.process.wait(timeout=CEILING)
        with_rest = self.drain()
        assert "Traceback" not in with_rest, with_rest
        return code

    def drain(self) -> str:
        while True:
            ready, _, _ = select.select([self.leader], [], [], 0.1)
            if not ready:
                return self.seen
            try:
                data = os.read(self.leader, 65536)
            except OSError:
                return self.seen
            if not data:
                return self.seen
            self.seen += data.decode("utf-8", "replace")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text("Six paragraphs to listen to\n\n" + "\n\n".join(PARAGRAPHS) + "\n")
    return path


TAKE_TERMINAL = """
import os, sys
os.close(os.open(os.ttyname(0), os.O_RDWR))  # a session leader's first open: controlling tty
os.execv(sys.executable, [sys.executable, "-m", "reader", *sys.argv[1:]])
"""
"""Runs `reader ARGS` with stdin's terminal as its controlling terminal (for Ctrl-C), without
a `preexec_fn` (unsafe in a process with threads, as pytest's is after the narrator tests)."""


@pytest.fixture
def terminal(article: Path) -> Iterator[Terminal]:
    """`reader speak ARTICLE` with a pseudo-terminal as its controlling terminal and stdio;
    the null audio device keeps to real time (pacing on), so there is time to press keys."""
    leader, follower = os.openpty()
    attributes = termios.tcgetattr(follower)

    process = subprocess.Popen(
        [sys.executable, "-c", TAKE_TERMINAL, "speak", str(article)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        start_new_session=True,
        env=os.environ.copy(),
    )
    term = Terminal(process, leader, follower)
    try:
        term.expect(HELP)
        term.expect("Paragraph number one begins")
        yield term
        assert termios.tcgetattr(follower) == attributes, "the terminal is put back"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
        os.close(follower)


def test_q_quits_with_0(terminal: Terminal) -> None:
    terminal.send("q")
    assert terminal.wait() == 0
    assert "Paragraph number two" not in terminal.seen


def test_n_and_p_move_by_paragraph(terminal: Terminal) -> None:
    terminal.send("n")
    terminal.expect("Paragraph number two begins")
    terminal.send("n")
    terminal.expect("Paragraph number three begins")
    terminal.send("p")  # just after its start: the paragraph before
    terminal.expect("Paragraph number two begins")
    terminal.send("q")
    assert terminal.wait() == 0


def test_space_pauses_and_resumes_and_rate_changes(terminal: Terminal) -> None:
    terminal.send(" ")
    terminal.expect("[paused]")
    terminal.send(" ")
    terminal.expect("[playing]")
    terminal.send("+")
    terminal.expect("[rate 1.25x]")
    terminal.send(")")  # sentences stay inside the paragraph: nothing new is printed
    terminal.send("(")
    terminal.send("q")
    assert terminal.wait() == 0
    assert "Paragraph number two" not in terminal.seen


def test_ctrl_c_exits_130_and_puts_the_terminal_back(terminal: Terminal) -> None:
    terminal.send("\x03")  # the terminal turns it into SIGINT: cbreak keeps signals
    assert terminal.wait() == 130


def test_sigterm_puts_the_terminal_back(terminal: Terminal) -> None:
    terminal.process.send_signal(signal.SIGTERM)
    assert terminal.wait() == 128 + signal.SIGTERM


def _inside_cbreak(stdin: TextIO, leader: int, follower: int, keys: queue.Queue[Key]) -> None:
    with listening(stdin, keys.put) as reading:
        assert reading
        lflag = termios.tcgetattr(follower)[3]
        assert not lflag & (termios.ICANON | termios.ECHO), "cbreak, no echo"
        assert lflag & termios.ISIG, "Ctrl-C still interrupts"
        os.write(leader, b"n ")
        assert [keys.get(timeout=CEILING).char for _ in range(2)] == ["n", " "]
        raise RuntimeError("boom")


def test_listening_reads_keys_and_always_puts_the_terminal_back() -> None:
    leader, follower = os.openpty()
    try:
        before = termios.tcgetattr(follower)
        keys: queue.Queue[Key] = queue.Queue()
        with open(follower, closefd=False) as stdin:
            with pytest.raises(RuntimeError, match="boom"):
                _inside_cbreak(stdin, leader, follower, keys)
            assert termios.tcgetattr(follower) == before
            with listening(None, keys.put) as reading:
                assert not reading
    finally:
        os.close(leader)
        os.close(follower)


def test_the_sleep_timer_shows_the_minutes_left(monkeypatch: pytest.MonkeyPatch) -> None:
    """An end time ("23:45") read like a countdown: the label counts the minutes down."""
    import time

    from reader.sleep_timer import SleepTimer

    timer = SleepTimer()
    timer.cycle(0)
    timer.cycle(0)  # 15 minutes
    assert timer.label == "15 min"
    later = time.monotonic() + 10 * 60 + 5
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert timer.label == "5 min"
