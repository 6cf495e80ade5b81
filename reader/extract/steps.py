"""The one loader of a document as it becomes ready: a book's beginning, then its whole.

`load()` gives the whole at once. `load_steps()` gives first the article made of the
beginning of a long text or EPUB (when it has one worth showing), then the whole: a reader
paints the first while the rest is parsed. The command line's preloading child and the
reader's loading thread both read a document through it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from reader.extract.http import Received
    from reader.extract.limits import Limits
    from reader.model import Article


@dataclass(frozen=True, slots=True)
class Loaded:
    article: Article
    whole: bool
    """False for the beginning of a book: the whole follows."""


def load_steps(
    source: str,
    *,
    stdin: BinaryIO | None = None,
    limits: Limits | None = None,
    received: Received | None = None,
    raw: bool = False,
) -> Iterator[Loaded]:
    """The article in SOURCE as it becomes ready; the last step is the whole. Raises
    `ExtractionError` as `load` does (after the beginning, when the whole fails).

    Parsing runs on a thread of its own, so the beginning is yielded the moment it is
    made. The thread then waits until the caller asks for the next step: what the caller
    does with the beginning (send it, paint it) does not share the CPU with parsing the
    rest, which would delay the first paint of a book."""
    from reader.extract import load

    steps: queue.SimpleQueue[Loaded | BaseException] = queue.SimpleQueue()
    handled = threading.Event()

    def preview(beginning: Article) -> None:
        steps.put(Loaded(beginning, whole=False))
        handled.wait()

    def parse() -> None:
        try:
            whole = load(
                source, stdin=stdin, limits=limits, received=received, preview=preview, raw=raw
            )
            steps.put(Loaded(whole, whole=True))
        except BaseException as error:  # handed to the caller, who raises it
            steps.put(error)

    threading.Thread(target=parse, name="reader-parse", daemon=True).start()
    try:
        while True:
            step = steps.get()
            if isinstance(step, BaseException):
                raise step
            yield step
            if step.whole:
                return
            handled.set()
    finally:
        handled.set()  # a caller that stops early must not leave the thread waiting
