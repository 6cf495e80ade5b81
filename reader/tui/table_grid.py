"""A table's cells as screen lines: aligned columns that fit the reading column.

Pure data, no Textual. Each column is as wide as its widest cell when the table fits;
otherwise the narrow columns keep their width and the others share what is left, their
cells wrapped at spaces. A table whose columns cannot all get `MIN_COLUMN` cells (many
columns in a narrow terminal) gets no grid: the caller shows its rows' lines as text.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from rich.cells import cell_len

SEPARATOR = " │ "
CROSSING = "─┼─"
RULE = "─"
MIN_COLUMN = 6
"""Fewer cells than this to a column (of a wider cell) and the table is shown as lines."""


class LineKind(IntEnum):
    HEADER = 0
    """A line of the header row's cells."""
    CELLS = 1
    """A line of a body row's cells."""
    RULE = 2
    """The rule under the header, or between rows that take several lines."""


Breaker = Callable[[str, int], list[tuple[int, int]]]
"""How a line of text breaks into spans of at most so many cells (`wrap.wrap_spans`)."""
GridLine = tuple[str, LineKind, int]
"""A screen line: its text, what it shows, and the index of the row in the table's `rows`
it belongs to (a rule: the row above it)."""


def grid(
    rows: tuple[tuple[str, ...], ...], header: bool, width: int, breaker: Breaker
) -> list[GridLine] | None:
    """The lines that show `rows` in `width` cells, their cells broken by `breaker`, or
    None when the columns cannot fit."""
    if not rows or not rows[0]:
        return None
    widths = column_widths([row for row in rows if not _lone(row)] or list(rows), width)
    if widths is None:
        return None
    across = sum(widths) + len(SEPARATOR) * (len(widths) - 1)
    cells = [
        [_wrapped(row[0], across, breaker)]
        if _lone(row)
        else [_wrapped(text, size, breaker) for text, size in zip(row, widths, strict=False)]
        for row in rows
    ]
    first_body = 1 if header else 0
    tall = any(
        max(map(len, wrapped)) > 1
        for wrapped, row in zip(cells[first_body:], rows[first_body:], strict=True)
        if not _lone(row)
    )
    rule = CROSSING.join(RULE * size for size in widths)
    lines: list[GridLine] = []
    for index, row in enumerate(cells):
        if index > first_body and tall:
            lines.append((rule, LineKind.RULE, index - 1))
        kind = LineKind.CELLS if index >= first_body else LineKind.HEADER
        for depth in range(max(map(len, row), default=1)):
            parts = [
                _padded(wrapped[depth] if depth < len(wrapped) else "", size)
                for wrapped, size in zip(row, widths, strict=False)
            ]
            lines.append((SEPARATOR.join(parts).rstrip(), kind, index))
        if kind is LineKind.HEADER:
            lines.append((rule, LineKind.RULE, index))
    return lines


def column_widths(rows: list[tuple[str, ...]], width: int) -> list[int] | None:
    """Each column's width in cells: the widest cell's when they fit, else shared out."""
    count = max(len(row) for row in rows)
    natural = [
        max(1, max((cell_len(row[i]) for row in rows if i < len(row)), default=0))
        for i in range(count)
    ]
    room = width - len(SEPARATOR) * (count - 1)
    if sum(natural) <= room:
        return natural
    if sum(min(size, MIN_COLUMN) for size in natural) > room:
        return None
    widths = [0] * count
    left, budget = set(range(count)), room
    while left:
        share = budget // len(left)
        fitting = [i for i in left if natural[i] <= share]
        if not fitting:
            break
        for i in fitting:
            widths[i] = natural[i]
            budget -= natural[i]
            left.remove(i)
    ordered = sorted(left)
    for place, i in enumerate(ordered):
        widths[i] = budget // len(ordered) + (1 if place < budget % len(ordered) else 0)
    return widths


def _lone(row: tuple[str, ...]) -> bool:
    """A row of one cell, the others empty (a group's name across the table): the line is
    its own, not cut into the columns."""
    return len(row) > 1 and bool(row[0]) and not any(row[1:])


def _wrapped(text: str, width: int, breaker: Breaker) -> list[str]:
    """`text` in lines of at most `width` cells."""
    return [text[start:end] for start, end in breaker(text, width)] if text else [""]


def _padded(text: str, width: int) -> str:
    return text + " " * (width - cell_len(text))
