"""The progress bar `reader export` shows on a terminal (and nothing anywhere else): how far,
how long the file will be, and how long the export has left."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from reader.narration.export import ExportProgress, Progress


def duration(seconds: float) -> str:
    """A length for people: "45 s", "3 min 20 s", "2 h 05 min"."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, seconds_left = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {seconds_left:02d} s"
    hours, minutes_left = divmod(minutes, 60)
    return f"{hours} h {minutes_left:02d} min"


def headline(progress: ExportProgress) -> str:
    """The line shown before the work starts."""
    paragraphs = "paragraph" if progress.paragraphs == 1 else "paragraphs"
    return (
        f"exporting {progress.paragraphs} {paragraphs}: about {duration(progress.seconds)} of audio"
    )


@contextmanager
def export_progress(stream: TextIO) -> Iterator[Progress | None]:
    """A `Progress` callback drawing a bar on `stream` while the block runs, if `stream` is a
    terminal; otherwise None, so logs and pipes get no control codes. The first call prints
    `headline` above the bar; the bar shows paragraphs done, the file's length as it becomes
    known and the time left (from how fast the text goes so far)."""
    if not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    columns = (
        TextColumn("exporting"),
        BarColumn(),
        TextColumn("{task.fields[paragraphs]} paragraphs · ≈ {task.fields[length]} of audio ·"),
        TimeRemainingColumn(),
        TextColumn("left"),
    )
    console = Console(file=stream)
    with Bar(*columns, console=console, transient=True) as bar:
        task = bar.add_task("export", total=None, paragraphs="0/0", length="?")

        def update(progress: ExportProgress) -> None:
            if progress.paragraphs_done == 0:
                bar.console.print(headline(progress), highlight=False, markup=False)
            bar.update(
                task,
                completed=progress.chars_done,
                total=progress.chars,
                paragraphs=f"{progress.paragraphs_done}/{progress.paragraphs}",
                length=duration(progress.seconds),
            )

        yield update


@contextmanager
def episode_progress(stream: TextIO, line: str) -> Iterator[Progress | None]:
    """`export_progress` for one episode of `reader podcast`, named above its bar."""
    if stream.isatty():
        print(f"rendering {line}", file=stream)
    with export_progress(stream) as progress:
        yield progress
