"""An EPUB's zip archive, read with bounds: nothing in it is trusted.

A hostile archive can declare millions of entries, entries that inflate to gigabytes (a
zip bomb), or paths that climb out with "..". So: the entry count is read from the end
record before the central directory is parsed, and capped; every entry read is checked
against the extraction size cap, first by its declared size, then by the bytes actually
inflated (reading stops at the cap, whatever the header says); only the entries the book
needs are read (its images never are); and every path is resolved inside the archive,
never on disk (nothing is extracted).
"""

from __future__ import annotations

import posixpath
import struct
from typing import TYPE_CHECKING
from urllib.parse import unquote

from reader.extract.errors import ExtractionError
from reader.extract.limits import megabytes

if TYPE_CHECKING:
    import zipfile

EPUB_TYPE = "application/epub+zip"
ZIP_MAGIC = b"PK\x03\x04"
MAX_ENTRIES = 10_000
"""A long illustrated book has a few thousand files; more is an attack, not a book."""
_ENTRY_BYTES = 1024
"""Central directory bytes allowed per entry (46 fixed, a long name and extra fields)."""
_END = b"PK\x05\x06"
_END_SIZE = 22
"""Bytes of the end-of-central-directory record, without its comment ..."""
_MAX_COMMENT = 65_536
"""... which a comment may follow: it is looked for this far back (the length is 16 bits)."""
_LOCAL = struct.Struct("<4s2xHH8x4x4xHH")
"""Local file header: magic, flags, method, (times, crc, sizes), name and extra lengths."""


def is_epub(data: bytes) -> bool:
    """The EPUB signature: a zip whose first entry is `mimetype`, stored, saying so."""
    if len(data) < _LOCAL.size or not data.startswith(ZIP_MAGIC):
        return False
    _, _, method, name_length, extra_length = _LOCAL.unpack_from(data)
    start = _LOCAL.size + name_length + extra_length
    name = data[_LOCAL.size : _LOCAL.size + name_length]
    return name == b"mimetype" and method == 0 and data[start:].startswith(EPUB_TYPE.encode())


def damaged(name: str, what: str) -> ExtractionError:
    return ExtractionError(f"{name} is a damaged EPUB: {what} (download or export it again)")


def resolve(base: str, href: str, name: str) -> tuple[str, str]:
    """(archive path, fragment) of `href` as written in the file at `base`."""
    href, _, fragment = href.partition("#")
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(href)))
    if path == ".." or path.startswith(("../", "/")) or "\x00" in path:
        raise damaged(name, f"a path in it leads outside the book ({href[:80]})")
    return ("" if path == "." else path), unquote(fragment)


class Archive:
    """The entries of an EPUB, read on demand within one budget of inflated bytes."""

    def __init__(self, data: bytes, name: str, max_bytes: int) -> None:
        import io
        import zipfile

        self.name = name
        self._budget = max_bytes
        self._max_bytes = max_bytes
        if not data.startswith(ZIP_MAGIC):
            raise ExtractionError(f"{name} is not an EPUB book: it is not a zip archive")
        _check_end_record(data, name)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise damaged(name, "its zip archive cannot be read") from None
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise _too_many(name)
        self._infos: dict[str, zipfile.ZipInfo] = {info.filename: info for info in infos}

    def has(self, path: str) -> bool:
        return path in self._infos

    def read(self, path: str, what: str) -> bytes:
        """The inflated bytes of `path` (`what` names it in messages)."""
        import zipfile
        import zlib

        info = self._infos.get(path)
        if info is None:
            raise damaged(self.name, f"{what} {path} is missing")
        if info.flag_bits & 0x1:
            raise ExtractionError(
                f"{self.name} is encrypted (its files need a password): reader opens only "
                "DRM-free, unencrypted EPUBs"
            )
        if info.file_size > self._budget:
            raise self._too_large()
        try:
            with self._zip.open(info) as entry:
                data = entry.read(self._budget + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
            raise damaged(self.name, f"{what} {path} cannot be unpacked") from None
        if len(data) > self._budget:
            raise self._too_large()
        self._budget -= len(data)
        return data

    def _too_large(self) -> ExtractionError:
        size = megabytes(self._max_bytes)
        return ExtractionError(f"{self.name} is larger than {size} unpacked")

    def close(self) -> None:
        self._zip.close()


def _check_end_record(data: bytes, name: str) -> None:
    """Refuse an archive that declares more entries (or a bigger directory) than a book
    has, before `zipfile` builds an object for each of them."""
    start = data.rfind(_END, max(0, len(data) - _MAX_COMMENT - _END_SIZE))
    if start < 0 or len(data) - start < _END_SIZE:
        raise damaged(name, "its zip archive has no directory")
    entries, directory_size = struct.unpack_from("<HI", data, start + 10)
    if entries > MAX_ENTRIES or directory_size > MAX_ENTRIES * _ENTRY_BYTES:
        raise _too_many(name)  # 0xFFFF (zip64) too: no book needs it


def _too_many(name: str) -> ExtractionError:
    return ExtractionError(
        f"{name} holds more than {MAX_ENTRIES} files, which no book does: not opened"
    )
