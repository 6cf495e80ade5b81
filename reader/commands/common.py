"""What every command shares: the one-line failure, the one way to report on stderr, JSON
lines, the user's store opened for the length of a command."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.store import Store

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class CommandError(Exception):
    """A one-line, user-facing failure of a command."""


@contextmanager
def user_store() -> Iterator[Store]:
    """The reading state, closed after use; its warning (set at open, or by the first
    statement to find the file damaged) is printed once, at the end."""
    from reader.store import Store

    store = Store.open()
    try:
        yield store
    finally:
        store.close()
        warn(store.warning)


def print_json(record: Mapping[str, object]) -> None:
    """One JSON object per line: what every --json output prints."""
    print(json_line(record))


def json_line(record: Mapping[str, object]) -> str:
    """`record` as one line of JSON. Strings stay exact, but what a terminal would obey (C1
    controls, bidi controls; JSON escapes C0 itself) is written as a `\\uXXXX` escape, so
    the line is inert on a terminal and decodes the same."""
    from reader.safe_text import sanitize

    text = json.dumps(record, ensure_ascii=False)
    if sanitize(text) != text:
        text = "".join(c if sanitize(c) == c else f"\\u{ord(c):04x}" for c in text)
    return text


def line(text: str) -> str:
    """Text from outside (a stored source, a title, a settings value) fit for one line of
    the terminal."""
    from reader.safe_text import sanitize_line

    return sanitize_line(text)


def say(message: str) -> None:
    """The one way a command reports on stderr: `reader: ...`, one inert line."""
    print(said(message), file=sys.stderr)


def said(message: str) -> str:
    """`message` as `say` writes it."""
    return f"reader: {line(message)}"


def warn(problem: str | None) -> None:
    if problem:
        say(f"warning: {problem}")
