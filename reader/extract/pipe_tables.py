"""Markdown pipe tables in plain text or Markdown: where they are and their cells.

A table is a row of cells split by `|`, a separator row under it (`|---|:--:|`, each cell
dashes with an optional colon at either end), then its body rows, each holding a `|`, up
to the first line without one; the pipes at a row's ends are optional and `\\|` is a pipe
inside a cell. Rows written between pipes at both ends (`| a | b |`) are a table without
a separator row too, its header unknown; `+---+` rules between them are skipped. Rows of
other lengths than the header stay rows (see `tables.cells_block`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PIPE = re.compile(r"(?<!\\)\|")
_SEPARATOR_CELL = re.compile(r"\s*:?-+:?\s*")
_GRID_RULE = re.compile(r"\s*\+(?:[-=:]+\+)+\s*")
_MIN_COLUMNS = 2
"""A table has at least this many columns ..."""
_MIN_BOUNDED_ROWS = 2
"""... and one without a separator row at least this many rows between pipes."""


@dataclass(frozen=True, slots=True)
class PipeTable:
    start: int
    end: int
    """The table is lines [start, end) of the lines it was found in."""
    rows: list[list[str]]
    header: bool


def cells(line: str) -> list[str]:
    """The cells of one row: "| Name | A \\| B |" -> ["Name", "A | B"]."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _PIPE.split(text)]


def is_separator(line: str) -> bool:
    """A separator row: "|---|:--:|", "--- | ---" (a pipe in it: not a rule or setext)."""
    return (
        "-" in line
        and _PIPE.search(line) is not None
        and all(_SEPARATOR_CELL.fullmatch(cell) for cell in cells(line))
    )


def _bounded(line: str) -> bool:
    text = line.strip()
    return len(text) > len("||") and text.startswith("|") and text.endswith("|")


def find_tables(lines: list[str]) -> list[PipeTable]:
    """The pipe tables among `lines` (one paragraph's lines: no blank line between)."""
    found: list[PipeTable] = []
    index = 0
    while index < len(lines):
        table, index = _table_at(lines, index)
        if table is not None:
            found.append(table)
    return found


def _table_at(lines: list[str], start: int) -> tuple[PipeTable | None, int]:
    """The table starting at lines[start], if any, and the line to look at next: past a
    run of rows between pipes that is no table (no line inside it starts one either, and
    looking again from each would take a time growing as its square)."""
    line = lines[start]
    ruled = _GRID_RULE.fullmatch(line) is not None
    if not ruled and (_PIPE.search(line) is None or is_separator(line)):
        return None, start + 1
    if not ruled and start + 1 < len(lines) and is_separator(lines[start + 1]):
        head = cells(line)
        if len(head) < _MIN_COLUMNS:
            return None, start + 1
        end = start + 2
        while end < len(lines) and _PIPE.search(lines[end]) and not is_separator(lines[end]):
            end += 1
        rows = [head, *(cells(row) for row in lines[start + 2 : end])]
        return PipeTable(start, end, rows, header=True), end
    end = last_row = start
    rows = []
    while end < len(lines) and (_bounded(lines[end]) or _GRID_RULE.fullmatch(lines[end])):
        if _bounded(lines[end]):
            rows.append(cells(lines[end]))
            last_row = end
        end += 1
    if not rows or max(len(row) for row in rows) < _MIN_COLUMNS:
        return None, max(end, start + 1)  # (no row of it can head a table)
    if len(rows) < _MIN_BOUNDED_ROWS:  # its one row may head a table with a separator row
        return None, max(last_row, start + 1)
    return PipeTable(start, end, rows, header=False), end
