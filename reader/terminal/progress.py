"""The progress bar `reader export` shows on a terminal (and nothing anywhere else)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from reader.narration.export import Progress


@contextmanager
def export_progress(stream: TextIO) -> Iterator[Progress | None]:
    """A `Progress` callback drawing a bar on `stream` while the block runs, if `stream` is a
    terminal; otherwise None, so logs and pipes get no control codes."""
    if not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    columns = (
        TextColumn("exporting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("paragraphs"),
        TimeElapsedColumn(),
    )
    with Bar(*columns, console=Console(file=stream), transient=True) as bar:
        task = bar.add_task("export", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
