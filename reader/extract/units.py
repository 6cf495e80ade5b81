"""Plain text or Markdown -> units: paragraphs with a block kind, hard-wrapped lines joined.

Blank lines separate units. Inside a run of non-blank lines, a line is joined to the one
before it when that one looks hard-wrapped (long for the run, at most ~120 columns, not a
short sentence end), with a space except between Chinese or Japanese characters; otherwise
each line is its own unit, as a scrape's menu or an "Advertisement" line under a paragraph
must be. Markdown structure (`#` headings, `-`/`1.` list items, `>` quotes, fenced or
indented code) gives the unit's kind.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from reader.extract.vocabulary import UNSPACED_JOINABLE
from reader.model import BlockKind

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^\s*(?:[-*+•◦▪□■●○◆►▸]\s+|(?=\d{1,3}[.)]\s))(.*)$")
"""A list item: a bullet (dropped, the view draws its own) or a number (kept: it is read)."""
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}(?:[-*_=]\s*){3,}$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_WRAP_MAX = 120
"""A text hard-wrapped at more columns than this is not hard-wrapped: its lines are units."""
_WRAP_MIN = 45
"""... nor is one whose longest line in the run is narrower (a poem, a list, a menu)."""
_WRAPPED_SHARE = 0.6
"""A line wrapped by the width fills at least this share of it ..."""
_SHORT_END_SHARE = 0.8
"""... and one that ends a sentence under this share of it ends its paragraph."""
_SETEXT_CHARS = 80
"""A line underlined with "===" or "---" is a Markdown heading when at most this long."""
_BREAK = re.compile(r"\n\s*\n")
"""A blank line (or several): the end of a paragraph."""
_MARKS = frozenset("#>=-*+_~•◦▪□■●○◆►▸0123456789")
"""A line starting with one of these may be Markdown structure; any other is plain text."""


@dataclass
class Unit:
    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0
    marked: bool = False
    """True when Markdown syntax (not shape) gave the kind."""


def split_units(text: str, *, markdown: bool = False) -> list[Unit]:
    if "```" not in text and "~~~" not in text:  # no fences: the fast path, for big books
        units: list[Unit] = []
        for chunk in _BREAK.split(text):
            lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
            units.extend(_chunk_units(lines, markdown=markdown))
        return units
    return _fenced_units(text.split("\n"), markdown=markdown)


def _fenced_units(lines: list[str], *, markdown: bool) -> list[Unit]:
    units: list[Unit] = []
    index = 0
    chunk: list[str] = []
    while index < len(lines):
        line = lines[index]
        if fence := _FENCE.match(line):
            units.extend(_chunk_units(chunk, markdown=markdown))
            chunk = []
            body: list[str] = []
            index += 1
            while index < len(lines) and not lines[index].lstrip().startswith(fence.group(1)):
                body.append(lines[index])
                index += 1
            code = "\n".join(body).strip("\n")
            if code.strip():
                units.append(Unit(code, BlockKind.CODE, marked=True))
        elif line.strip():
            chunk.append(line.rstrip())
        else:
            units.extend(_chunk_units(chunk, markdown=markdown))
            chunk = []
        index += 1
    units.extend(_chunk_units(chunk, markdown=markdown))
    return units


def _chunk_units(lines: list[str], *, markdown: bool) -> list[Unit]:
    if not lines:
        return []
    if markdown and len(lines) > 1 and all(line.startswith(("    ", "\t")) for line in lines):
        return [
            Unit(
                "\n".join(line[4:] if line[0] == " " else line[1:] for line in lines),
                BlockKind.CODE,
                marked=True,
            )
        ]
    width = max(len(line.strip()) for line in lines)
    units: list[Unit] = []
    parts: list[str] = []  # the lines of units[-1] while it grows (joined once, not per line)
    previous: str | None = None
    for raw in lines:
        line = raw.strip()
        marked = line[0] in _MARKS  # else plain text (most lines): no Markdown to look for
        if (
            marked
            and units
            and previous is not None
            and _SETEXT.match(line)
            and len(previous) <= _SETEXT_CHARS
        ):
            _close(units, parts)
            units[-1] = Unit(units[-1].text, BlockKind.HEADING, 1 if "=" in line else 2, True)
            parts, previous = [], None
        elif marked and _RULE.match(line):
            _close(units, parts)
            parts, previous = [], None
        elif marked and (heading := _HEADING.match(line)):
            _close(units, parts)
            units.append(Unit(heading.group(2), BlockKind.HEADING, len(heading.group(1)), True))
            parts, previous = [], None
        elif marked and (item := _LIST.match(raw)):
            _close(units, parts)
            units.append(Unit(" ".join(item.group(1).split()), BlockKind.LIST_ITEM, marked=True))
            parts, previous = [units[-1].text], line
        elif marked and (quote := _QUOTE.match(raw)):
            _close(units, parts)
            inner = quote.group(1).strip()
            if units and units[-1].kind is BlockKind.QUOTE and previous is not None:
                units[-1].text = f"{units[-1].text}\n{inner}" if inner else units[-1].text
            else:
                units.append(Unit(inner, BlockKind.QUOTE, marked=True))
            parts, previous = [units[-1].text], line
        elif previous is not None and _wrapped(previous, width):
            parts.append(line)
            previous = line
        else:
            _close(units, parts)
            units.append(Unit(line))
            parts, previous = [line], line
    _close(units, parts)
    return [unit for unit in units if unit.text.strip()]


def _close(units: list[Unit], parts: list[str]) -> None:
    """Give the growing unit the text of its hard-wrapped lines: joined by a space, except
    inside Chinese or Japanese text, where a wrap falls between two characters of one run."""
    if len(parts) < 2:
        return
    text = " ".join(parts)
    if not UNSPACED_JOINABLE.search(text):
        units[-1].text = text
        return
    pieces = [parts[0]]
    for before, line in itertools.pairwise(parts):
        if not (UNSPACED_JOINABLE.match(before[-1:]) and UNSPACED_JOINABLE.match(line[:1])):
            pieces.append(" ")
        pieces.append(line)
    units[-1].text = "".join(pieces)


def _wrapped(previous: str, width: int) -> bool:
    """Does `previous` look like a line that a hard wrap broke (so the next continues it)?"""
    if width > _WRAP_MAX or width < _WRAP_MIN or len(previous) < _WRAPPED_SHARE * width:
        return False
    ends = previous.endswith((".", "!", "?", ":", '."', ".”"))
    return not (ends and len(previous) < _SHORT_END_SHARE * width)
