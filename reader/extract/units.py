"""Plain text or Markdown -> units: paragraphs with a block kind, hard-wrapped lines joined.

Blank lines separate units. Inside a run of non-blank lines, a line is joined to the one
before it when that one looks hard-wrapped (long for the run, at most ~120 columns, not a
short sentence end), with a space except between Chinese or Japanese characters; otherwise
each line is its own unit, as a scrape's menu or an "Advertisement" line under a paragraph
must be. Markdown structure (`#` headings, `-`/`1.` list items, `>` quotes, fenced or
indented code, pipe tables: `pipe_tables`) gives the unit's kind, in plain text too (a
README pasted as text); so does the shape of a code sample that a text dump of a page
drew as lines (`code_shape`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from reader.extract import code_shape, indented
from reader.extract.pipe_tables import find_tables
from reader.extract.tables import cells_block
from reader.extract.vocabulary import UNSPACED_JOINABLE
from reader.model import Block, BlockKind, Inline

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
    rows: list[list[str]] | None = None
    """A table's cells, row by row (`text` is then how it reads aloud)."""
    header: bool = False
    """The first of `rows` names the columns."""
    links: tuple[Inline, ...] = ()
    """Links over `[start, end)` of `text` (a text dump's link list, see `link_list`)."""


VERBATIM = frozenset({BlockKind.CODE, BlockKind.TABLE})
"""Units whose lines are kept as they are: a code sample, a table. Neither prose nor a
page's label, the cleaner keeps them where they stand among the article's paragraphs."""


def as_block(
    unit: Unit, text: str | None = None, kind: BlockKind | None = None, level: int = 0
) -> Block:
    """The block `unit` becomes, as `kind` (its own by default) with `text` (its own, or
    an edit of it that removed some characters: its links move with their words)."""
    if unit.rows is not None and kind in (None, BlockKind.TABLE):
        table = cells_block(unit.rows, header=unit.header)
        if table is not None:
            return table
    shown = unit.text if text is None else text
    links = unit.links if shown == unit.text else carried(unit.text, shown, unit.links)
    return Block(kind or unit.kind, shown, level or unit.level, inline=links)


def carried(before: str, after: str, spans: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """`spans` of `before` moved onto `after`, a copy of it with some characters removed:
    each span's words are looked for from where the last one ended; lost ones are dropped."""
    moved: list[Inline] = []
    cursor = 0
    for span in spans:
        words = before[span.start : span.end]
        at = after.find(words, cursor) if words else -1
        if at >= 0:
            moved.append(Inline(at, at + len(words), span.style, span.href))
            cursor = at + len(words)
    return tuple(moved)


def split_units(text: str, *, markdown: bool = False) -> list[Unit]:
    """The units of `text`: fenced code first, then (in plain text) code samples by their
    shape (`code_shape`), then paragraphs between them."""
    fenced = "```" in text or "~~~" in text
    seeds = [] if markdown else code_shape.seeds(text)
    quotes = None if markdown else indented.Quotes(text)
    if not fenced and not seeds:  # the fast path, for big books
        return _paragraph_units(text, markdown=markdown, quotes=quotes)
    lines = text.split("\n")
    verbatim = _fences(lines) if fenced else []
    if seeds:
        taken = [(start, end) for start, end, _ in verbatim]
        taken += _table_lines(lines) if "|" in text else []
        for sample in code_shape.samples(lines, seeds, taken):
            verbatim.append((sample.start, sample.end, Unit(sample.text, BlockKind.CODE)))
        verbatim.sort(key=lambda found: found[0])
    if not verbatim:
        return _paragraph_units(text, markdown=markdown, quotes=quotes)
    units: list[Unit] = []
    at = 0
    for start, end, unit in verbatim:
        units += _paragraph_units("\n".join(lines[at:start]), markdown=markdown, quotes=quotes)
        if unit.text.strip():
            units.append(unit)
        at = end
    return units + _paragraph_units("\n".join(lines[at:]), markdown=markdown, quotes=quotes)


def _table_lines(lines: list[str]) -> list[tuple[int, int]]:
    """The pipe tables among `lines`, as lines [start, end): rows whose cells look like code
    ("| port=8080 | ... |") are a table's, never a code sample's."""
    found: list[tuple[int, int]] = []
    start = 0
    for index in range(len(lines) + 1):
        if index == len(lines) or not lines[index].strip():
            if any("|" in line for line in lines[start:index]):
                found += [(start + t.start, start + t.end) for t in find_tables(lines[start:index])]
            start = index + 1
    return found


def _paragraph_units(text: str, *, markdown: bool, quotes: indented.Quotes | None) -> list[Unit]:
    """The units of `text`'s paragraphs; those set in as a block quote (`indented`) are
    quotes, a verse's lines kept apart."""
    units: list[Unit] = []
    for chunk in _BREAK.split(text):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        if quotes is None or not lines:
            units.extend(_chunk_units(lines, markdown=markdown, piped="|" in chunk))
            continue
        set_in = "\n " in chunk or "\n\t" in chunk  # (a line after the first is set in)
        for part in quotes.split(lines) if set_in else [lines]:
            if quotes.is_quote(part):
                pieces = _line_units([line.strip() for line in part], markdown=False)
                units.append(Unit("\n".join(piece.text for piece in pieces), BlockKind.QUOTE))
            else:
                units.extend(_chunk_units(part, markdown=markdown, piped="|" in chunk))
    return units


def _fences(lines: list[str]) -> list[tuple[int, int, Unit]]:
    """Fenced code: lines [start, end) from its opening fence to its closing one (or the
    text's end), and its unit."""
    found: list[tuple[int, int, Unit]] = []
    index = 0
    while index < len(lines):
        fence = _FENCE.match(lines[index])
        if fence is None:
            index += 1
            continue
        start = index
        index += 1
        while index < len(lines) and not lines[index].lstrip().startswith(fence.group(1)):
            index += 1
        code = "\n".join(lines[start + 1 : index]).strip("\n")
        index = min(index + 1, len(lines))
        found.append((start, index, Unit(code, BlockKind.CODE, marked=True)))
    return found


def _chunk_units(lines: list[str], *, markdown: bool, piped: bool) -> list[Unit]:
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
    if not piped:  # no pipe table (most paragraphs: a look at the whole chunk at once)
        return _line_units(lines, markdown=markdown)
    units: list[Unit] = []
    at = 0
    for table in find_tables(lines):
        units += _line_units(lines[at : table.start], markdown=markdown)
        block = cells_block(table.rows, header=table.header)
        if block is None:
            units += _line_units(lines[table.start : table.end], markdown=markdown)
        else:
            units.append(Unit(block.text, BlockKind.TABLE, 0, True, table.rows, block.header))
        at = table.end
    return units + _line_units(lines[at:], markdown=markdown)


def _line_units(lines: list[str], *, markdown: bool) -> list[Unit]:
    if not lines:
        return []
    width = max(len(line.strip()) for line in lines)
    units: list[Unit] = []
    parts: list[str] = []  # the lines of units[-1] while it grows (joined once, not per line)
    previous: str | None = None
    above = ""  # the line before, as written
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
        elif (
            previous is not None
            and _wrapped(previous, width)
            and not (previous.endswith(":") and _indent(raw) < _indent(above))
        ):  # (an outdented line after "...like this:" is a sample a renderer set apart)
            parts.append(line)
            previous = line
        else:
            _close(units, parts)
            units.append(Unit(line))
            parts, previous = [line], line
        above = raw
    _close(units, parts)
    return [unit for unit in units if unit.text.strip()]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


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
