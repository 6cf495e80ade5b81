"""`reader -` with what a pipe brings: a bad pipe fails before the reader opens, as a bad
file does (one line, exit 2); a good one opens in the reader."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time

import pytest

from tests.waiting import CEILING

WITH_TERMINAL = """
import os, sys
os.close(os.open(sys.argv[1], os.O_RDWR))  # a session leader's first open: controlling tty
os.execv(sys.executable, [sys.executable, "-m", "reader", "-"])
"""
"""Runs `reader -` with a pipe on stdin and a pseudo-terminal as its controlling terminal
(where the keys come from once the pipe is read)."""


def _piped(data: bytes, *, errors_piped: bool = True) -> tuple[subprocess.Popen[bytes], int]:
    """`reader -` reading `data`; the app draws on stderr (as Textual does): `errors_piped`
    catches what is said there instead."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-c", WITH_TERMINAL, os.ttyname(follower)],
        stdin=subprocess.PIPE,
        stdout=follower,
        stderr=subprocess.PIPE if errors_piped else follower,
        start_new_session=True,
    )
    os.close(follower)
    assert process.stdin is not None
    process.stdin.write(data)
    process.stdin.close()
    process.stdin = None  # written and closed: `communicate` has only stderr to read
    return process, leader


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (bytes(range(256)) * 40, "binary"),
        (b"", "empty"),
        (b"   \n\n  \n", "empty"),
    ],
    ids=["binary", "empty", "blank"],
)
def test_a_bad_pipe_is_one_line_and_exit_2_before_the_reader_opens(data: bytes, said: str) -> None:
    process, leader = _piped(data)
    try:
        _, said_there = process.communicate(timeout=CEILING)
        assert process.returncode == 2
        error = said_there.decode()
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    assert error.startswith("reader: "), error
    assert said in error.lower(), error
    assert error.count("\n") == 1
    assert "Traceback" not in error


def test_a_good_pipe_opens_in_the_reader() -> None:
    process, leader = _piped(
        b"Piped title\n\nA paragraph that came down a pipe to be read.\n", errors_piped=False
    )
    seen = b""
    try:
        deadline = time.monotonic() + CEILING
        while b"came down a pipe" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(leader, 65536)
                except OSError:  # the reader ended and closed the terminal
                    break
        assert b"came down a pipe" in seen
        os.write(leader, b"q")
        assert process.wait(timeout=CEILING) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
