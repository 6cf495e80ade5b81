"""SOURCE -> bytes, media type and decoded text: a local file, "-" (stdin) or an http(s) URL.

Every failure is an `ExtractionError` with one line a user can act on. Limits: a body cap
(20 MB by default, also for gzip-decoded data), connect/read timeouts plus an overall
deadline, at most 10 redirects, http and https only.
"""

from __future__ import annotations

import gzip
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reader.extract.decoding import binary_kind, decode, unreadable
from reader.extract.epub_archive import EPUB_TYPE, ZIP_MAGIC, is_epub
from reader.extract.errors import BLANK_SOURCE, ExtractionError
from reader.extract.limits import USER_AGENT, Limits, megabytes
from reader.extract.local import read_capped, read_file

if TYPE_CHECKING:
    from reader.extract.http import Received

HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
TEXT_EXTENSIONS = (".txt", ".text")
MARKDOWN_EXTENSIONS = (".md", ".markdown")
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(?:body|div|p|article|title|meta|h1|h2|br|a\s)[\s/>]", re.I)
_HEAD_BYTES = 4096
"""Bytes at the start looked at for a document's opening tag."""
_TAG_SAMPLE = 65_536
"""Bytes looked at for common HTML tags ..."""
_MIN_TAGS = 3
"""... of which this many make a document HTML (however it is named)."""


@dataclass(frozen=True)
class Fetched:
    source: str
    """What the user gave (for a URL, the final address after redirects)."""
    name: str
    """How messages call it: the path as given, or the URL."""
    media_type: str
    """"text/html", "text/plain", "text/markdown" or EPUB_TYPE."""
    text: str
    """The decoded text ("" for an EPUB: `data` is its zip archive)."""
    data: bytes


def fetch(
    source: str,
    *,
    stdin: BinaryIO | None = None,
    limits: Limits | None = None,
    received: Received | None = None,
) -> Fetched:
    """Read SOURCE within `limits`; `received` hears how much of a URL's body has come."""
    limits = limits or Limits()
    if not source.strip():
        raise ExtractionError(BLANK_SOURCE)
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = read_capped(stream, limits.max_bytes, "standard input")
        return _finish("-", "standard input", data, declared="", charset=None, limits=limits)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source):
        from reader.extract.http import get

        url, data, media_type, charset = get(
            source, limits, user_agent=USER_AGENT, received=received
        )
        return _finish(url, url, data, declared=media_type, charset=charset, limits=limits)
    return _read_file(source, limits)


def _read_file(source: str, limits: Limits) -> Fetched:
    path = Path(source).expanduser()
    data = read_file(source, str(path), limits.max_bytes)
    suffix = path.name.lower()
    suffix = suffix[:-3] if suffix.endswith(".gz") else suffix
    declared = ""
    if suffix.endswith(HTML_EXTENSIONS):
        declared = "text/html"
    elif suffix.endswith(MARKDOWN_EXTENSIONS):
        declared = "text/markdown"
    elif suffix.endswith(TEXT_EXTENSIONS):
        declared = "text/plain"
    elif suffix.endswith(".epub"):
        declared = EPUB_TYPE
    return _finish(source, source, data, declared=declared, charset=None, limits=limits)


def _finish(
    source: str,
    name: str,
    data: bytes,
    *,
    declared: str,
    charset: str | None,
    limits: Limits,
) -> Fetched:
    data = _gunzip(name, data, limits)
    if not data.strip():
        raise ExtractionError(f"{name} is empty")
    if declared == EPUB_TYPE or (data.startswith(ZIP_MAGIC) and is_epub(data)):
        return Fetched(source, name, EPUB_TYPE, "", data)
    if kind := binary_kind(data):
        raise ExtractionError(
            f"{name} is a binary file ({kind}), not an article (try an .html or .txt file)"
        )
    media_type = _media_type(data, declared)
    text = decode(data, charset, html=media_type == "text/html")
    if not text.strip():
        raise ExtractionError(f"{name} is empty")
    if unreadable(text):
        raise ExtractionError(
            f"{name} has no article text: its bytes are not readable text in any encoding"
        )
    return Fetched(source, name, media_type, text, data)


def _gunzip(name: str, data: bytes, limits: Limits) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    out = b""
    rest = data
    try:
        # Member after member (`cat a.gz b.gz` is one gzip file), never past the cap.
        while rest.startswith(b"\x1f\x8b") and len(out) <= limits.max_bytes:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out += inflater.decompress(rest, limits.max_bytes + 1 - len(out))
            if len(out) > limits.max_bytes:
                break
            if not inflater.eof:  # cut off: what came out is part of the text, or nothing
                raise ExtractionError(f"{name} is a damaged gzip file (it is cut short)")
            rest = inflater.unused_data
    except (zlib.error, gzip.BadGzipFile):
        raise ExtractionError(f"{name} is a damaged gzip file") from None
    if len(out) > limits.max_bytes:
        raise ExtractionError(f"{name} is larger than {megabytes(limits.max_bytes)} unpacked")
    return out


def _media_type(data: bytes, declared: str) -> str:
    head = data[:_HEAD_BYTES].lstrip(b"\xef\xbb\xbf")
    tags = len(_HTML_TAGS.findall(data[:_TAG_SAMPLE]))
    looks_html = bool(_HTML_START.match(head)) or tags >= _MIN_TAGS
    if declared in ("text/html", "application/xhtml+xml", "application/xml", "text/xml"):
        return "text/html" if looks_html or b"<" in head else "text/plain"
    if declared in ("text/markdown", "text/x-markdown"):
        return "text/markdown"
    if looks_html and (declared != "text/plain" or _HTML_START.match(head)):
        return "text/html"
    return "text/plain"
