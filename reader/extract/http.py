"""GET one http(s) URL with httpx, within limits; failures become one-line ExtractionErrors.

The caller passes the limits and the user agent in. Timeouts bound each wait for bytes;
the overall deadline is kept by a watchdog that shuts the connection down when it
passes, so a server that trickles a byte just before each timeout cannot stretch it.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reader.extract.errors import ExtractionError
from reader.extract.limits import megabytes

if TYPE_CHECKING:
    from reader.extract.limits import Limits

_ACCEPTED = {
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "text/x-markdown",
    "application/xml",
    "text/xml",
}
_SNIFFED = {"", "application/octet-stream", "binary/octet-stream"}


class Watchdog:
    """Shuts down every connection of one fetch once `seconds` have passed."""

    def __init__(self, seconds: float) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._expired = threading.Event()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    @property
    def expired(self) -> bool:
        return self._expired.is_set()

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: note each new connection's socket."""
        if event.endswith("connect_tcp.complete") and info.get("return_value") is not None:
            sock = info["return_value"].get_extra_info("socket")
            if isinstance(sock, socket.socket):
                with self._lock:
                    self._sockets.append(sock)
                if self.expired:
                    _shut(sock)

    def _expire(self) -> None:
        self._expired.set()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    """Wake a blocked recv (close() from another thread would not)."""
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


Received = Callable[[int, int | None], None]
"""Told, as a body arrives, how many bytes have come and how many are announced (if any)."""


def get(
    url: str, limits: Limits, *, user_agent: str, received: Received | None = None
) -> tuple[str, bytes, str, str | None]:
    """(final URL, body, media type, header charset) of a successful GET."""
    with Watchdog(limits.total_timeout) as watchdog:
        try:
            return _get(url, limits, user_agent, watchdog, received)
        except ExtractionError:
            if watchdog.expired:
                raise _late(url, limits) from None
            raise


def _late(url: str, limits: Limits) -> ExtractionError:
    return ExtractionError(f"cannot fetch {url}: not complete after {limits.total_timeout:g} s")


def _get(
    url: str, limits: Limits, user_agent: str, watchdog: Watchdog, received: Received | None
) -> tuple[str, bytes, str, str | None]:
    import httpx

    scheme = url.split("://", 1)[0].lower()
    if scheme not in ("http", "https"):
        raise ExtractionError(f"cannot open {url}: only http and https addresses are supported")
    timeout = httpx.Timeout(
        limits.read_timeout, connect=limits.connect_timeout, pool=limits.connect_timeout
    )
    headers = {
        "User-Agent": user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Language": "en;q=0.9, *;q=0.5",
    }
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=limits.max_redirects,
                timeout=timeout,
                headers=headers,
            ) as client,
            client.stream("GET", url, extensions={"trace": watchdog.trace}) as response,
        ):
            if response.status_code >= 300:
                reason = f"HTTP {response.status_code} {response.reason_phrase or ''}".rstrip()
                if response.status_code < 400:  # a redirect not followed: it named no address
                    reason += ", a redirect to no address"
                raise ExtractionError(f"cannot fetch {url}: {reason}")
            content_type = response.headers.get("content-type", "")
            media_type = content_type.split(";")[0].strip().lower()
            if media_type not in _ACCEPTED | _SNIFFED:
                raise ExtractionError(
                    f"{url} is {media_type}, not a web page or text (reader reads HTML and text)"
                )
            announced = _announced_length(response.headers.get("content-length"))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limits.max_bytes:
                    raise ExtractionError(f"{url} is larger than {megabytes(limits.max_bytes)}")
                if watchdog.expired:
                    raise _late(url, limits)
                chunks.append(chunk)
                if received is not None:
                    received(size, announced)
            if watchdog.expired:  # the shutdown can look like the end of the body
                raise _late(url, limits)
            charset = response.charset_encoding
            return str(response.url), b"".join(chunks), media_type, charset
    except httpx.TooManyRedirects:
        raise ExtractionError(f"cannot fetch {url}: too many redirects") from None
    except httpx.TimeoutException as error:
        what = "connect" if isinstance(error, httpx.ConnectTimeout) else "answer"
        seconds = limits.connect_timeout if what == "connect" else limits.read_timeout
        raise ExtractionError(f"cannot fetch {url}: no {what} within {seconds:g} s") from None
    except httpx.UnsupportedProtocol:
        # The address was http(s) (checked above): a redirect led elsewhere (ftp:, file:).
        raise ExtractionError(
            f"cannot fetch {url}: it redirects to an address that is not http or https"
        ) from None
    except httpx.DecodingError:
        raise ExtractionError(
            f"cannot fetch {url}: the server sent a damaged compressed page"
        ) from None
    except httpx.ProtocolError as error:
        raise ExtractionError(f"cannot fetch {url}: {_broken_answer(error)}") from None
    except httpx.InvalidURL as error:
        raise ExtractionError(f"cannot fetch {url}: invalid address ({error})") from None
    except httpx.HTTPError as error:
        raise ExtractionError(f"cannot fetch {url}: {_reason(error)}") from None
    except (UnicodeError, ValueError):
        # httpx lets IDNA and getaddrinfo errors through for hosts like "a..b".
        raise ExtractionError(f"cannot fetch {url}: not a valid web address") from None


def _announced_length(header: str | None) -> int | None:
    """The Content-Length, when it is a plain number (compressed bodies may differ)."""
    return int(header) if header is not None and header.strip().isdigit() else None


def _broken_answer(error: Exception) -> str:
    """What is wrong with an answer that is not valid HTTP, said for a user, not as the
    HTTP library's message (which quotes bytes and buffers)."""
    text = str(error).lower()
    if "location" in text:
        return "it redirects to an address that cannot be read"
    if "peer closed" in text or "incomplete" in text:
        return "the server closed the connection before the page was complete"
    if "too long" in text or "too large" in text:
        return "the server's answer has headers too long to read"
    return "the server's answer is not valid HTTP"


def _reason(error: Exception) -> str:
    """A short cause: "connection refused", "name not found", ... from httpx's message."""
    text = str(error) or type(error).__name__
    lowered = text.lower()
    for needle, reason in (
        ("refused", "connection refused"),
        ("name or service not known", "no such host"),
        ("nodename nor servname", "no such host"),
        ("temporary failure in name resolution", "no such host (offline?)"),
        ("certificate", "the certificate is not valid"),
        ("network is unreachable", "network is unreachable"),
        ("reset", "connection reset"),
    ):
        if needle in lowered:
            return reason
    return " ".join(text.split())[:120]
