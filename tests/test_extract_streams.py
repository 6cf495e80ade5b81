"""Streams and special files: read up to the cap and no further, and never wait forever.

A named pipe, a device or a directory given as SOURCE is refused at once; standard input
is read in chunks and reading stops at the cap. Commands run in a subprocess with a
timeout, so a regression that blocks fails the test instead of hanging the run.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

from reader.extract import ExtractionError, load
from reader.extract.limits import Limits

PROSE = b"The council voted on Tuesday to keep the old library open for another year.\n\n"


class CountingStream(io.RawIOBase):
    """An endless stream of prose that counts what was taken from it."""

    def __init__(self) -> None:
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        size = len(buffer)
        buffer[:size] = (PROSE * (size // len(PROSE) + 1))[:size]
        self.taken += size
        return size


def reader(
    *args: str, stdin: int | IO[bytes] = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def assert_one_line(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reader: ")
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize("command", [("extract",), ()], ids=["extract", "reader"])
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert_one_line(reader(*command, str(fifo)), "named pipe", "reader -")


@pytest.mark.parametrize("command", [("extract",), ()], ids=["extract", "reader"])
def test_a_device_is_refused(command: tuple[str, ...]) -> None:
    assert_one_line(reader(*command, "/dev/zero"), "/dev/zero", "device")


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(ExtractionError, match="is a socket"):
            load(str(path))


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="is a directory"):
        load(str(tmp_path))


def test_stdin_reading_stops_at_the_cap() -> None:
    stream = CountingStream()
    with pytest.raises(ExtractionError, match="standard input is larger than") as caught:
        load("-", stdin=io.BufferedReader(stream), limits=Limits(max_bytes=100_000))
    assert "\n" not in str(caught.value)
    assert stream.taken < 400_000  # the cap plus a buffer's worth, not the endless stream


def test_stdin_within_the_cap_is_read() -> None:
    article = load("-", stdin=io.BytesIO(PROSE * 10), limits=Limits(max_bytes=len(PROSE) * 10))
    assert "keep the old library open" in article.text


@pytest.mark.parametrize("command", [("extract", "-"), ("-",)], ids=["extract", "reader"])
def test_endless_stdin_ends_with_one_line(command: tuple[str, ...]) -> None:
    with open("/dev/zero", "rb") as zeros:
        assert_one_line(reader(*command, stdin=zeros), "standard input is larger than")
