"""Bytes of a local file or of standard input, never more than the cap and never waiting
forever: the body is read in chunks and reading stops at the cap, and only regular files
are opened (a named pipe, a device or a socket would block `open()` or never end)."""

from __future__ import annotations

import os
import re
import stat
from typing import BinaryIO

from reader.extract.errors import ExtractionError
from reader.extract.limits import megabytes

CHUNK_BYTES = 64 * 1024
"""How much is read at a time, so a stream over the cap costs the cap, not the stream."""
_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_capped(stream: BinaryIO, max_bytes: int, name: str) -> bytes:
    """All of `stream`, or an ExtractionError as soon as it holds more than `max_bytes`."""
    data = bytearray()
    while chunk := stream.read(min(CHUNK_BYTES, max_bytes + 1 - len(data))):
        data += chunk
        if len(data) > max_bytes:
            raise ExtractionError(f"{name} is larger than {megabytes(max_bytes)}")
    return bytes(data)


def read_file(source: str, path: str, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path` (`source` is how messages name it)."""
    try:
        _refuse_non_regular(source, os.stat(path).st_mode)
        # O_NONBLOCK: should the path become a FIFO after the stat, open() still returns.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:
            _refuse_non_regular(source, os.fstat(fd).st_mode)
            return read_capped(handle, max_bytes, source)
    except FileNotFoundError:
        hint = ""
        if re.match(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", source) and "/" in source:
            hint = f" (for a web page, write https://{source})"
        raise ExtractionError(f"no such file: {source}{hint}") from None
    except PermissionError:
        raise ExtractionError(f"cannot read {source}: permission denied") from None
    except ValueError:  # a NUL byte in the name (from a list of sources): no file has it
        raise ExtractionError(f"no such file: {source} (the name holds a NUL byte)") from None
    except OSError as error:
        raise ExtractionError(f"cannot read {source}: {error.strerror or error}") from None


def _refuse_non_regular(source: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise ExtractionError(f"{source} is a directory, not an article")
    for test, kind in _NOT_REGULAR:
        if test(mode):
            raise ExtractionError(
                f"{source} is {kind}, not a file (to read a stream, pipe it in: reader - < ...)"
            )
