"""How much of a source extraction reads, and for how long: one value passed down to the
file, stdin and HTTP readers alike, so every way in has the same bounds."""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 20 * 1024 * 1024
"""Largest body read from any source (also after gzip decoding): a long book is ~5 MB."""
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) reader/0.1 (terminal article reader)"
"""What the HTTP client calls itself: some sites refuse clients that send none."""


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 10.0
    """Seconds to wait for a server to accept the connection."""
    read_timeout: float = 20.0
    """Seconds to wait for the next bytes of an answer."""
    total_timeout: float = 60.0
    """Seconds for a whole fetch, however the server trickles its bytes."""
    max_bytes: int = MAX_BYTES
    max_redirects: int = 10


def megabytes(size: int) -> str:
    """`size` bytes as messages write it: "20 MB"."""
    return f"{size / 1024 / 1024:g} MB"
