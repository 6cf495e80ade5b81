"""URLs against a real HTTP server on 127.0.0.1 (no mocks): pages, errors and limits."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from reader.extract import ExtractionError, load
from reader.extract.limits import Limits
from tests.http_support import serving

SEED_HTML = (
    Path(__file__).resolve().parent.parent
    / "reader"
    / "samples"
    / "cna-cambodia-scam-networks.html"
).read_bytes()
CYRILLIC = (
    "Москва приняла новый закон о защите читателей, сообщили в пятницу вечером.\n\n"
    "Закон вступит в силу в следующем году, когда все библиотеки получат новые правила.\n"
)
LIMITS = Limits(connect_timeout=10.0, read_timeout=10.0, total_timeout=60.0)
"""For a server that answers: ceilings only, generous for a loaded machine."""
IMPATIENT = Limits(connect_timeout=10.0, read_timeout=0.5, total_timeout=60.0)
SILENCE = 60.0
"""Seconds /silent keeps quiet (unless the test ends it): far past IMPATIENT's read timeout."""
SILENCE_OVER = threading.Event()
SILENCE_WAITED_OUT = threading.Event()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, content_type: str = "text/html") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/article":
            self.send(200, SEED_HTML, "text/html; charset=utf-8")
        elif path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
        elif path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", f"/loop{len(path)}")
            self.end_headers()
        elif path == "/missing":
            self.send(404, b"<h1>Not Found</h1>")
        elif path == "/broken":
            self.send(500, b"<h1>Internal Server Error</h1>")
        elif path == "/silent":
            if not SILENCE_OVER.wait(SILENCE):
                SILENCE_WAITED_OUT.set()
        elif path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"All work and no play makes a dull article. " * 100)
            except OSError:
                return
        elif path == "/pdf":
            self.send(200, b"%PDF-1.7\n", "application/pdf")
        elif path == "/cyrillic":
            self.send(200, CYRILLIC.encode("cp1251"), "text/plain; charset=windows-1251")
        elif path == "/agent":
            agent = self.headers.get("User-Agent", "")
            body = f"The server saw this user agent in the request: {agent}."
            self.send(200, body.encode(), "text/plain")
        elif path in BROKEN:
            self.wfile.write(BROKEN[path])
        else:
            self.send(404, b"")


EMPTY = b"Content-Length: 0\r\n\r\n"
BROKEN = {
    "/to-ftp": b"HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/a.txt\r\n" + EMPTY,
    "/to-file": b"HTTP/1.1 301 Moved\r\nLocation: file:///etc/passwd\r\n" + EMPTY,
    "/to-nonsense": b"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\n" + EMPTY,
    "/to-nowhere": b"HTTP/1.1 302 Found\r\n" + EMPTY,
    "/bad-gzip": (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
        b"Content-Length: 20\r\n\r\n\x1f\x8b\x08\x00not deflate at all"
    ),
    "/not-http": b"GARBAGE\r\n\r\n",
    "/cut-short": b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n<p>The",
    "/huge-headers": b"HTTP/1.1 200 OK\r\nX-Padding: " + b"a" * 200_000 + b"\r\n\r\n",
}
"""Answers written byte for byte: what a broken or hostile server sends."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(Handler) as url:
        yield url


def refused(url: str, limits: Limits = LIMITS) -> str:
    with pytest.raises(ExtractionError) as caught:
        load(url, limits=limits)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_html_page(server: str) -> None:
    article = load(f"{server}/article", limits=LIMITS)
    assert article.title.startswith("Cambodia government rejects CNA commentary")
    assert article.credit == "CNA/fh"
    assert article.source == f"{server}/article"


def test_redirect_is_followed(server: str) -> None:
    article = load(f"{server}/moved", limits=LIMITS)
    assert article.source == f"{server}/article"


def test_user_agent_is_a_real_one(server: str) -> None:
    assert "Mozilla/5.0" in load(f"{server}/agent", limits=LIMITS).text


def test_404(server: str) -> None:
    message = refused(f"{server}/missing")
    assert message == f"cannot fetch {server}/missing: HTTP 404 Not Found"


def test_500(server: str) -> None:
    assert "HTTP 500" in refused(f"{server}/broken")


def test_redirect_loop(server: str) -> None:
    assert "too many redirects" in refused(f"{server}/loop")


def test_server_that_never_answers(server: str) -> None:
    try:
        assert "no answer within 0.5 s" in refused(f"{server}/silent", IMPATIENT)
        assert not SILENCE_WAITED_OUT.is_set(), "the fetch waited for the server"
    finally:
        SILENCE_OVER.set()


def test_endless_body_is_capped(server: str) -> None:
    limits = Limits(connect_timeout=10, read_timeout=10, total_timeout=60, max_bytes=100_000)
    assert "larger than" in refused(f"{server}/endless", limits)


def test_wrong_content_type_is_named(server: str) -> None:
    assert "application/pdf" in refused(f"{server}/pdf")


def test_charset_from_the_header(server: str) -> None:
    article = load(f"{server}/cyrillic", limits=LIMITS)
    assert article.text.startswith("Москва приняла новый закон")


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert "connection refused" in refused(f"http://127.0.0.1:{port}/")


@pytest.mark.parametrize("url", ["ftp://example.com/a.txt", "file:///etc/passwd"])
def test_only_http_and_https(url: str) -> None:
    assert "only http and https" in refused(url)


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/to-ftp", "it redirects to an address that is not http or https"),
        ("/to-file", "it redirects to an address that is not http or https"),
        ("/to-nonsense", "it redirects to an address that cannot be read"),
        ("/to-nowhere", "HTTP 302 Found, a redirect to no address"),
        ("/bad-gzip", "the server sent a damaged compressed page"),
        ("/not-http", "the server's answer is not valid HTTP"),
        ("/cut-short", "the server closed the connection before the page was complete"),
        ("/huge-headers", "the server's answer has headers too long to read"),
    ],
)
def test_a_broken_answer_is_said_in_words_not_in_the_http_library_s(
    server: str, path: str, words: str
) -> None:
    """Never "illegal status line: bytearray(b'GARBAGE')", "Receive buffer too long", a zlib
    error number, or "is empty" for a redirect that names no address."""
    assert refused(server + path) == f"cannot fetch {server}{path}: {words}"
