"""`reader extract`: the clean article as text, Markdown or JSON, for each SOURCE.

Several sources are cleaned by worker processes (`reader/batch.py`), `-j` of them, and
written in the order given as each is ready; `--from FILE` (or `-` for stdin) reads the
sources one a line, as they come, so a list of thousands is never held whole. A source that
fails is one line on stderr (and in JSON a `{"source", "error"}` object in its place) and
the batch goes on; the exit code is then 2.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, closing, nullcontext
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from reader.commands.common import EXIT_USAGE, CommandError, json_line, say

if TYPE_CHECKING:
    import argparse

WORKER_MODULES = (
    "reader.extract.fetch",
    "reader.extract.html",
    "reader.extract.notice",
    "reader.extract.text",
)
"""What cleaning a file needs, imported before the workers are forked: they share it."""


class Done(NamedTuple):
    """A source's outcome: what to write on stdout (if anything), what to say on stderr,
    whether it failed."""

    output: str | None
    said: str | None = None
    failed: bool = False


def extract_one(source: str, output_format: str, raw: bool = False) -> Done:
    """What `reader extract` writes for SOURCE; in a worker process, or in this one."""
    from reader.extract import ExtractionError, load
    from reader.extract.notice import worth_telling

    try:
        article = load(source, raw=raw)
    except ExtractionError as error:
        return _failed(source, str(error), output_format)
    notice = None
    if worth_telling(article):
        notice = (
            f"cleaning left out {article.left_out:,} characters of text that reads like "
            f"prose from {source}: --raw keeps the whole text"
        )
    if output_format == "json":
        return Done(json_line(article.to_dict()), notice)
    if output_format == "markdown":
        from reader.markdown_writer import article_markdown

        return Done(article_markdown(article), notice)
    return Done(article.to_plain_text(), notice)


def _in_a_list(source: str, output_format: str, raw: bool) -> Done:
    """`extract_one` for a source read from a list, where stdin is not a source."""
    if source == "-":
        error = "- in a source list: standard input cannot be read by a worker"
        return _failed(source, error, output_format)
    return extract_one(source, output_format, raw)


def _worker_died(output_format: str, source: str) -> Done:
    return _failed(source, f"{source}: the process extracting it stopped, twice", output_format)


def _failed(source: str, error: str, output_format: str) -> Done:
    """A failure: its line on stderr, and in JSON an object in the source's place."""
    failure = json_line({"source": source, "error": error})
    return Done(failure if output_format == "json" else None, error, failed=True)


def listed(lines: Iterable[str]) -> Iterator[str]:
    """The sources of a list: one a line, blank lines and `#` comments skipped."""
    for text in lines:
        source = text.strip()
        if source and not source.startswith("#"):
            yield source


def _open_list(name: str) -> int:
    """The list's file descriptor: read with `os.read` in a thread while workers are forked,
    no Python buffer (and its lock) is involved."""
    if name == "-":
        return os.dup(0)
    try:
        fd = os.open(name, os.O_RDONLY)
    except OSError as error:
        raise CommandError(f"cannot read the source list {name}: {error.strerror}") from None
    if stat.S_ISDIR(os.fstat(fd).st_mode):
        os.close(fd)
        raise CommandError(f"cannot read the source list {name}: it is a directory")
    return fd


def lines_of(fd: int, name: str) -> Iterator[str]:
    """The lines read from `fd` (undecodable bytes kept, as file names keep them)."""
    rest = b""
    try:
        while chunk := os.read(fd, 1 << 16):
            *done, rest = (rest + chunk).split(b"\n")
            for raw in done:
                yield raw.decode("utf-8", "surrogateescape")
    except OSError as error:
        raise CommandError(f"cannot read the source list {name}: {error.strerror}") from None
    if rest:
        yield rest.decode("utf-8", "surrogateescape")


def _count(name: str) -> int | None:
    """How many sources a list file holds, for the progress bar; None for stdin."""
    if name == "-":
        return None
    fd = _open_list(name)
    try:
        return sum(1 for _ in listed(lines_of(fd, name)))
    finally:
        os.close(fd)


def extract(args: argparse.Namespace) -> int:
    sources: list[str] = args.sources
    if not sources and args.source_list is None:
        raise CommandError("give a SOURCE, or --from FILE (see reader extract --help)")
    if args.source_list is None and (len(sources) == 1 or "-" in sources):
        return _one_by_one(sources, args.format, args.raw)
    return _batch(args)


def _one_by_one(sources: list[str], output_format: str, raw: bool) -> int:
    """Here, in order: one source, or several with stdin among them."""
    failed = False
    for source in sources:
        done = extract_one(source, output_format, raw)
        if done.said is not None:
            say(done.said)
        if done.output is not None:
            print(done.output)
        failed = failed or done.failed
    return EXIT_USAGE if failed else 0


def _shows_progress() -> bool:
    """A bar on stderr when it is a terminal and the output is not: output on a terminal is
    its own progress, and a bar would be drawn among it."""
    return sys.stderr.isatty() and not sys.stdout.isatty()


def _batch(args: argparse.Namespace) -> int:
    from importlib import import_module
    from itertools import chain

    for module in WORKER_MODULES:  # imported once here, not again in each worker
        import_module(module)
    from reader.batch import cores, ordered_map
    from reader.terminal.interrupt import HeldInterrupt
    from reader.terminal.progress import batch_progress

    with ExitStack() as stack:
        sources: Iterable[str] = args.sources
        total: int | None = len(args.sources)
        if args.source_list is not None:
            fd = _open_list(args.source_list)
            stack.callback(os.close, fd)
            sources = chain(args.sources, listed(lines_of(fd, args.source_list)))
            counted = _count(args.source_list) if _shows_progress() else None
            total = None if counted is None or total is None else total + counted
        jobs = args.jobs or cores()
        if total is not None and args.source_list is None:
            jobs = max(1, min(jobs, total))
        bar = stack.enter_context(
            batch_progress(sys.stderr, total) if _shows_progress() else nullcontext(None)
        )
        held = stack.enter_context(HeldInterrupt())
        work = partial(_in_a_list, output_format=args.format, raw=args.raw)
        lost = partial(_worker_died, args.format)
        failed = False
        results = stack.enter_context(closing(ordered_map(work, sources, jobs, lost=lost)))
        for done in results:
            with held.writing():
                if bar is not None:
                    bar(done.said, done.failed)
                elif done.said is not None:
                    say(done.said)
                if done.output is not None:
                    sys.stdout.write(done.output + "\n")  # one call: a record is whole or absent
                    sys.stdout.flush()  # written as it comes: a pipe reads each page at once
                failed = failed or done.failed
    return EXIT_USAGE if failed else 0
