"""SOURCE -> bytes, media type and decoded text: a local file, "-" (stdin) or an http(s) URL.

Every failure is an `ExtractionError` with one line a user can act on. Limits: a body cap
(20 MB by default, also for gzip-decoded data), connect/read timeouts plus an overall
deadline, at most 10 redirects, http and https only.
"""

from __future__ import annotations

import codecs
import gzip
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reader.extract.errors import ExtractionError

MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) reader/0.1 (terminal article reader)"
HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
TEXT_EXTENSIONS = (".txt", ".text")
MARKDOWN_EXTENSIONS = (".md", ".markdown")
_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive",
    b"\x7fELF": "program",
    b"RIFF": "RIFF media file",
    b"OggS": "Ogg media file",
    b"ID3": "MP3 audio",
    b"\x1a\x45\xdf\xa3": "video",
    b"7z\xbc\xaf": "7-Zip archive",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive",
    b"SQLite format 3": "SQLite database",
}
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(?:body|div|p|article|title|meta|h1|h2|br|a\s)[\s/>]", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


@dataclass(frozen=True)
class Fetched:
    source: str
    """What the user gave (for a URL, the final address after redirects)."""
    name: str
    """How messages call it: the path as given, or the URL."""
    media_type: str
    """"text/html", "text/plain" or "text/markdown"."""
    text: str
    data: bytes


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = MAX_BYTES
    max_redirects: int = 10


def fetch(source: str, *, stdin: BinaryIO | None = None, limits: Limits | None = None) -> Fetched:
    limits = limits or Limits()
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            raise ExtractionError(f"standard input is larger than {_mb(limits.max_bytes)}")
        return _finish("-", "standard input", data, declared="", charset=None, limits=limits)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source):
        from reader.extract.http import get

        url, data, media_type, charset = get(source, limits)
        return _finish(url, url, data, declared=media_type, charset=charset, limits=limits)
    return _read_file(source, limits)


def _read_file(source: str, limits: Limits) -> Fetched:
    path = Path(source).expanduser()
    try:
        if path.is_dir():
            raise ExtractionError(f"{source} is a directory, not an article")
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        hint = ""
        if re.match(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", source) and "/" in source:
            hint = f" (for a web page, write https://{source})"
        raise ExtractionError(f"no such file: {source}{hint}") from None
    except PermissionError:
        raise ExtractionError(f"cannot read {source}: permission denied") from None
    except OSError as error:
        raise ExtractionError(f"cannot read {source}: {error.strerror or error}") from None
    if len(data) > limits.max_bytes:
        raise ExtractionError(f"{source} is larger than {_mb(limits.max_bytes)}")
    suffix = path.name.lower()
    suffix = suffix[:-3] if suffix.endswith(".gz") else suffix
    declared = ""
    if suffix.endswith(HTML_EXTENSIONS):
        declared = "text/html"
    elif suffix.endswith(MARKDOWN_EXTENSIONS):
        declared = "text/markdown"
    elif suffix.endswith(TEXT_EXTENSIONS):
        declared = "text/plain"
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
    if kind := _binary_kind(data):
        raise ExtractionError(
            f"{name} is a binary file ({kind}), not an article (try an .html or .txt file)"
        )
    media_type = _media_type(data, declared)
    text = decode(data, charset, html=media_type == "text/html")
    if not text.strip():
        raise ExtractionError(f"{name} is empty")
    return Fetched(source, name, media_type, text, data)


def _gunzip(name: str, data: bytes, limits: Limits) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflater.decompress(data, limits.max_bytes + 1)
    except (zlib.error, gzip.BadGzipFile):
        raise ExtractionError(f"{name} is a damaged gzip file") from None
    if len(out) > limits.max_bytes:
        raise ExtractionError(f"{name} is larger than {_mb(limits.max_bytes)} unpacked")
    return out


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    controls = sum(byte < 32 and byte not in (9, 10, 12, 13, 27) for byte in head)
    if b"\x00" in head and not _looks_utf16(head):
        return "unknown format"
    if controls > max(8, len(head) // 50):
        return "unknown format"
    return None


def _looks_utf16(head: bytes) -> bool:
    """BOM-less UTF-16 text: NULs on one parity only."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) > len(head) // 4 and min(even, odd) == 0


def _media_type(data: bytes, declared: str) -> str:
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    looks_html = bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(data[:65536])) >= 3
    if declared in ("text/html", "application/xhtml+xml", "application/xml", "text/xml"):
        return "text/html" if looks_html or b"<" in head else "text/plain"
    if declared in ("text/markdown", "text/x-markdown"):
        return "text/markdown"
    if looks_html and (declared != "text/plain" or _HTML_START.match(head)):
        return "text/html"
    return "text/plain"


def decode(data: bytes, charset: str | None = None, *, html: bool = False) -> str:
    """Bytes -> str: BOM, declared charset, <meta charset>, UTF-8, detection; never raises."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    declared = [charset] if charset else []
    # A saved page is often re-encoded to UTF-8 and keeps its old <meta charset>; text in
    # another multibyte encoding is almost never valid UTF-8 by chance.
    meta = _META_CHARSET.search(data[:8192]) if html and not charset else None
    if meta and not _valid_utf8(data):
        declared.append(meta.group(1).decode("ascii", "replace"))
    for name in declared:
        codec = _codec(name)
        if codec and not (codec.startswith("utf-16") and b"\x00" not in data[:4096]):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    if _looks_utf16(data[:8192]):
        order = "utf-16-le" if data[1::2][:4096].count(0) else "utf-16-be"
        return data.decode(order, errors="replace")
    sample = data[:262144]
    high = sum(byte >= 0x80 for byte in sample)
    if high <= 16 or high < 0.1 * len(sample):
        # Mostly ASCII: too little for detection to tell Baltic from Western. Accented
        # letters inside words are legacy 8-bit text (windows-1252 is the web's default);
        # stray high bytes elsewhere are damage, shown as U+FFFD rather than guessed at.
        if not _latin_letters(sample, high):
            return data.decode("utf-8", errors="replace")
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262144]).best()
    detected = _codec(best.encoding) if best is not None else None
    return data.decode(detected or "utf-8", errors="replace")


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _codec(name: str) -> str | None:
    name = name.strip().strip("\"'").lower()
    if name in ("utf8", "unicode"):
        name = "utf-8"
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # Browsers read latin-1 and ascii labels as windows-1252 (WHATWG Encoding Standard).
    return "cp1252" if info.name in ("latin-1", "iso8859-1", "ascii") else info.name


def _mostly_utf8(data: bytes) -> bool:
    """A UTF-8 text with a few damaged bytes (valid multibyte sequences outnumber bad ones)."""
    valid = len(
        re.findall(
            rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", data
        )
    )
    bad = len(data.decode("utf-8", errors="replace")) - len(data.decode("utf-8", errors="ignore"))
    return valid > 2 * bad


def _latin_letters(data: bytes, high: int) -> bool:
    """Most high bytes touch an ASCII letter, as the é in "café" does."""
    touching = len(re.findall(rb"(?<=[A-Za-z])[\x80-\xff]|[\x80-\xff](?=[A-Za-z])", data))
    return 2 * touching >= high


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:g} MB"
