"""The overall fetch deadline holds against a server that stalls: it sends a little, then
pauses for less than the read timeout, so only the deadline can end the fetch, and it
must end it during the pause, before the server sends the rest (a real HTTP server on
127.0.0.1). Checking the deadline only when bytes arrive would wait out the pause.

The pause is long (the deadline is 1 s, the pause 60 s), so that a loaded machine, slow to
wake the client when its deadline passes, cannot look like a client that waits it out; the
test ends the pause once the fetch has given up."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from reader.extract import ExtractionError, load
from reader.extract.limits import Limits
from tests.http_support import serving

BODY = b"The council voted on Tuesday to keep the library open for another year. " * 3
PAUSE = 60.0
"""Seconds the server waits before the rest (unless the test ends the pause): far past the
deadline, within the read timeout."""
STALLING = Limits(connect_timeout=10.0, read_timeout=PAUSE + 10.0, total_timeout=1.0)
SENDING_THE_REST: dict[str, threading.Event] = {}
PAUSE_OVER: dict[str, threading.Event] = {}


class Staller(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
        if self.path != "/close-delimited":
            head += b"Content-Length: %d\r\n" % len(BODY)
        head += b"Connection: close\r\n\r\n"
        answer = head + BODY
        if self.path == "/quick":
            self.wfile.write(answer)
            return
        cut = len(head) // 2 if self.path == "/headers" else len(head) + 1
        self.send(answer[:cut])
        if not PAUSE_OVER[self.path].wait(PAUSE):
            SENDING_THE_REST[self.path].set()  # the pause was waited out
        self.send(answer[cut:])

    def send(self, data: bytes) -> None:
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            pass  # the client hung up


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(Staller) as url:
        yield url


@pytest.mark.parametrize("path", ["/body", "/close-delimited", "/headers"])
def test_a_stalling_server_is_given_up_on_at_the_deadline(server: str, path: str) -> None:
    SENDING_THE_REST[path] = threading.Event()
    PAUSE_OVER[path] = threading.Event()
    try:
        with pytest.raises(ExtractionError) as caught:
            load(server + path, limits=STALLING)
        assert not SENDING_THE_REST[path].is_set(), "the fetch waited out the server's pause"
        assert str(caught.value) == f"cannot fetch {server}{path}: not complete after 1 s"
    finally:
        PAUSE_OVER[path].set()


def test_a_server_that_answers_in_time_is_read(server: str) -> None:
    article = load(server + "/quick", limits=STALLING)
    assert "keep the library open" in article.text
