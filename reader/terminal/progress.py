"""The progress bars shown on a terminal (and nothing anywhere else): `reader export`'s (how
far, how long the file will be, how long the export has left) and `reader extract`'s over a
batch of sources (how many, how many failed, pages per second)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from reader.narration.export import ExportProgress, Progress

REFRESH_SECONDS = 0.1
"""The batch bar is drawn at most this often: a page can take less than a millisecond."""


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


@contextmanager
def batch_progress(
    stream: TextIO, total: int | None
) -> Iterator[Callable[[str | None, bool], None] | None]:
    """If `stream` is a terminal, a callback to call once per source as it is written, with
    what to say of it (or None) and whether it failed: it says that above a bar of sources
    done out of `total` (None: not known, a list read from a pipe) and moves the bar;
    otherwise None."""
    if not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    from reader.commands.common import said

    columns = (
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("· {task.fields[failed]} failed · {task.fields[rate]} pages/s ·"),
        TimeRemainingColumn(),
        TextColumn("left"),
    )
    console = Console(file=stream)
    bar = Bar(
        *columns,
        console=console,
        transient=True,
        auto_refresh=False,  # no drawing thread: the workers are forked while this runs
        redirect_stdout=False,  # the output goes where it was sent, never above the bar
        redirect_stderr=False,
    )
    with bar:
        task = bar.add_task("extract", total=total, failed=0, rate="?")
        start = drawn = time.monotonic()
        counts = {"done": 0, "failed": 0}

        def advance(message: str | None, failed: bool) -> None:
            counts["done"] += 1
            counts["failed"] += failed
            if message is not None:
                bar.console.print(said(message), markup=False, highlight=False)
            now = time.monotonic()
            nonlocal drawn
            if message is None and now - drawn < REFRESH_SECONDS:
                return
            drawn = now
            rate = counts["done"] / (now - start) if now > start else 0.0
            bar.update(task, completed=counts["done"], failed=counts["failed"], rate=f"{rate:.0f}")
            bar.refresh()

        yield advance
