"""Files the export writes whole or not at all.

Each file is written to a hidden partial file beside its target and renamed over it only
when everything is written and on disk, so a full disk, Ctrl-C or a crash leaves no
half-written file and never destroys a file that was there before.

libsndfile writes through `Sink`, soundfile's virtual I/O. An OSError raised in those
callbacks would be printed from inside C with a traceback and ignored, and libsndfile would
go on writing (MP3: thousands of tracebacks) or crash (FLAC). The sink keeps the first error
instead and from then on drops what it is given while claiming success, so libsndfile winds
down normally; the caller asks `failed()` after each write and stops.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from types import TracebackType
from typing import BinaryIO


class Sink:
    """A seekable file for libsndfile that never raises (see the module docstring)."""

    def __init__(self, file: BinaryIO) -> None:
        self._file = file
        self._position = 0
        self._size = 0
        self.error: OSError | None = None

    def write(self, data: bytes) -> int:
        if self.error is None:
            try:
                self._file.write(data)
            except OSError as error:
                self._keep(error)
        self._position += len(data)
        self._size = max(self._size, self._position)
        return len(data)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._position, os.SEEK_END: self._size}[whence]
        self._position = base + offset
        if self.error is None:
            try:
                self._file.seek(self._position)
            except OSError as error:
                self._keep(error)
        return self._position

    def tell(self) -> int:
        return self._position

    def read(self, size: int = -1) -> bytes:
        if self.error is None:
            try:
                return self._file.read(size)
            except OSError as error:
                self._keep(error)
        return b""

    def _keep(self, error: OSError) -> None:
        """Keep what the error says, not its traceback: that holds the frames of the
        C callback, whose buffers libsndfile frees (collecting them later crashes)."""
        self.error = OSError(error.errno, error.strerror)

    def failed(self) -> None:
        """Raise the first error the file met, if any."""
        if self.error is not None:
            raise self.error


class OutputFile:
    """`with OutputFile(path) as file:` writes `file` to a partial beside `path`; `commit()`
    makes it `path`; leaving the block without `commit()` removes the partial. `stage`
    names the partial of a second pass over a file (see `chapter_tags`)."""

    def __init__(self, path: Path, stage: str = "partial") -> None:
        self.path = path
        self.partial = path.with_name(f".{path.name}.{stage}")
        self._file: BinaryIO | None = None

    def __enter__(self) -> BinaryIO:
        try:
            self._file = self.partial.open("w+b")
        except OSError as error:
            error.filename = str(self.path)  # the user named the target, not the partial
            raise
        return self._file

    def commit(self) -> None:
        """Flush the file to disk and put it in place of the target."""
        assert self._file is not None
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            os.replace(self.partial, self.path)
        except OSError as error:
            error.filename = str(self.path)
            raise

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):  # a full disk fails the last flush too
                self._file.close()
        self.partial.unlink(missing_ok=True)
