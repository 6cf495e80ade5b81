"""Plain text or Markdown -> units: paragraphs with a block kind, hard-wrapped lines joined.

Blank lines separate units. Inside a run of non-blank lines, a line is joined to the one
before it when that one looks hard-wrapped (long for the run, at most ~120 columns, not a
short sentence end); otherwise each line is its own unit, as a scrape's menu or an
"Advertisement" line under a paragraph must be. Markdown structure (`#` headings, `-`/`1.`
list items, `>` quotes, fenced or indented code) gives the unit's kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.model import BlockKind

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^\s*(?:[-*+•◦▪□■●○◆►▸]|\d{1,3}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}(?:[-*_=]\s*){3,}$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_WRAP_MAX = 120


@dataclass
class Unit:
    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0
    marked: bool = False
    """True when Markdown syntax (not shape) gave the kind."""


def split_units(text: str, *, markdown: bool = False) -> list[Unit]:
    units: list[Unit] = []
    lines = text.split("\n")
    index = 0
    chunk: list[str] = []
    while index < len(lines):
        line = lines[index]
        if _FENCE.match(line):
            units.extend(_chunk_units(chunk, markdown=markdown))
            chunk = []
            fence = _FENCE.match(line).group(1)  # type: ignore[union-attr]
            body: list[str] = []
            index += 1
            while index < len(lines) and not lines[index].lstrip().startswith(fence):
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
    previous: str | None = None
    for raw in lines:
        line = raw.strip()
        if units and previous is not None and _SETEXT.match(line) and len(previous) <= 80:
            units[-1] = Unit(units[-1].text, BlockKind.HEADING, 1 if "=" in line else 2, True)
            previous = None
            continue
        if _RULE.match(line):
            previous = None
            continue
        if heading := _HEADING.match(line):
            units.append(Unit(heading.group(2), BlockKind.HEADING, len(heading.group(1)), True))
            previous = None
        elif item := _LIST.match(raw):
            units.append(Unit(item.group(1).strip(), BlockKind.LIST_ITEM, marked=True))
            previous = line
        elif quote := _QUOTE.match(raw):
            inner = quote.group(1).strip()
            if units and units[-1].kind is BlockKind.QUOTE and previous is not None:
                units[-1].text = f"{units[-1].text}\n{inner}" if inner else units[-1].text
            else:
                units.append(Unit(inner, BlockKind.QUOTE, marked=True))
            previous = line
        elif previous is not None and units and _wrapped(previous, width):
            units[-1].text = f"{units[-1].text} {line}"
            previous = line
        else:
            units.append(Unit(line))
            previous = line
    return [unit for unit in units if unit.text.strip()]


def _wrapped(previous: str, width: int) -> bool:
    """Does `previous` look like a line that a hard wrap broke (so the next continues it)?"""
    if width > _WRAP_MAX or width < 45 or len(previous) < 0.6 * width:
        return False
    return not (previous.endswith((".", "!", "?", ":", '."', ".”")) and len(previous) < 0.8 * width)
