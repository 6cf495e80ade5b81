"""Command line: `reader [SOURCE]` opens the TUI; subcommands use the same core without it.

This module parses and dispatches: the parser is `commands/parser.py`, each command is in
`commands/`. Every failure a user can cause ends in one line on stderr and exit code 2,
never a traceback. Heavy modules (Textual, readability, the narration stack) are imported
inside the command that needs them, so `reader extract` does not pay for the TUI and vice
versa.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader.commands.common import EXIT_INTERRUPTED, EXIT_USAGE, CommandError, say

if TYPE_CHECKING:
    import argparse


def _open_reader(source: str | None) -> int:
    """Open the TUI. A local file is extracted first, here, so a bad one fails like every
    other command (one line, exit 2) and a good one is in the app's very first frame;
    URLs and stdin load inside the app, which shows what happens.

    The cyclic garbage collector is off until the first frame: start-up only makes
    objects that live as long as the app (modules, classes, styles), and collecting
    them again and again costs about a tenth of the time to that frame."""
    gc.disable()
    try:
        return _run_reader(source)
    finally:
        gc.enable()


def _run_reader(source: str | None) -> int:
    preload = None
    if source is not None and not source.strip():
        from reader.extract.errors import BLANK_SOURCE

        raise CommandError(BLANK_SOURCE)
    if source and source != "-" and "://" not in source:
        from reader.extract import canonical_source
        from reader.preload import extract_beside

        source = canonical_source(source)
        preload = extract_beside(source)
    stdin_data = _take_stdin() if source == "-" else None
    if stdin_data is not None:  # a bad pipe fails here, as a bad file does: one line, exit 2
        from reader.preload import extract_beside

        preload = extract_beside("-", stdin_data)
    from reader.extract.errors import ExtractionError
    from reader.tui.app import ReaderApp

    try:
        article = preload.first() if preload else None
    except ExtractionError as error:
        raise CommandError(str(error)) from None

    rest = preload.rest if preload and preload.partial else None
    app = ReaderApp(source, stdin_data=stdin_data, article=article, rest=rest, open_state=True)
    app.run()
    return app.return_code or 0


def _take_stdin() -> bytes:
    """Read the piped article (up to the size cap), then give the terminal back to stdin
    for the keyboard."""
    from reader.extract.errors import ExtractionError
    from reader.extract.limits import MAX_BYTES
    from reader.extract.local import read_capped

    try:
        data = read_capped(sys.stdin.buffer, MAX_BYTES, "standard input")
    except ExtractionError as error:
        raise CommandError(str(error)) from None
    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise CommandError("reading from a pipe needs a terminal for the keys") from None
    os.dup2(tty, 0)
    os.close(tty)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 - fd 0 lives as long as the process
    return data


COMMANDS = (
    "extract",
    "speak",
    "export",
    "podcast",
    "voices",
    "history",
    "highlights",
    "queue",
    "config",
)
"""The subcommands, in the order `reader --help` lists them (`commands/parser.py`)."""


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    """The function that runs command `name`, its module imported only now: opening the
    reader does not pay for the commands."""
    from reader.commands import audio, extract, kept

    return {
        "extract": extract.extract,
        "speak": audio.speak,
        "export": audio.export,
        "podcast": audio.podcast,
        "voices": audio.voices,
        "history": kept.history,
        "highlights": kept.highlights,
        "queue": kept.queue,
        "config": kept.config,
    }[name]


def _parser() -> argparse.ArgumentParser:
    from reader.commands.parser import make_parser

    return make_parser()


def _parse_command(arguments: list[str]) -> argparse.Namespace:
    """A command's arguments, its sources wherever they stand among its options
    (`reader extract a.html -f json b.html`, which argparse alone refuses)."""
    parser = _parser()
    args, rest = parser.parse_known_args(arguments)
    sources = getattr(args, "sources", None)
    if not rest:
        return args
    if isinstance(sources, list) and not any(word.startswith("-") for word in rest):
        sources.extend(rest)
        return args
    return parser.parse_args(arguments)  # the usage error, as argparse words it


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments and arguments[0] in COMMANDS:
            args = _parse_command(arguments)
            return _command(args.command)(args)
        if arguments and arguments[0].startswith("-") and arguments[0] != "-":
            _parser().parse_args(arguments)  # --help, --version, or a usage error (exit 2)
        if len(arguments) > 1:
            raise CommandError("give one SOURCE to read, or a command first (see reader --help)")
        return _open_reader(arguments[0] if arguments else None)
    except CommandError as error:
        say(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()  # `reader extract ... | head`: the reader went away, not an error
        return 0
    except Exception as error:
        say(f"internal error: {error.__class__.__name__}: {error}")
        say("please report it, with the command that caused it")
        return 1
