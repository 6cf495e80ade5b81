"""A block's text gathered from HTML with its emphasis, code and links as spans.

The block's text is `sanitize_line` of the element's text, as it always was; the spans
are found on the raw text as it is gathered and carried through each step of that
cleaning (line breaks, escape sequences, controls, whitespace runs collapsed, a `<br>`'s
new line kept), so that they land on the same characters of the cleaned text. A span's
start inside a collapsed run moves past it and its end before it: a span never begins or
ends on a space.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from reader.model import Inline, InlineStyle
from reader.safe_text import CONTROLS, ESCAPES, LINE_BREAKS, sanitize_line

_STYLE_OF_TAG = {
    "em": InlineStyle.EMPHASIS,
    "i": InlineStyle.EMPHASIS,
    "cite": InlineStyle.EMPHASIS,
    "strong": InlineStyle.STRONG,
    "b": InlineStyle.STRONG,
    "code": InlineStyle.CODE,
    "kbd": InlineStyle.CODE,
    "samp": InlineStyle.CODE,
    "tt": InlineStyle.CODE,
    "a": InlineStyle.LINK,
}
_TAGS = tuple(_STYLE_OF_TAG)
BR = "\u2028"
"""What a `<br>` becomes while blocks are gathered (Unicode's line separator): the text
between two is one line of the block."""
_SCHEMES = ("http", "https")
_WHITESPACE = re.compile(r"\s+")


class Pieces:
    """The raw text of one block as it is gathered, and the spans seen in it."""

    __slots__ = ("parts", "size", "spans")

    def __init__(self, text: str = "") -> None:
        self.parts: list[str] = []
        self.size = 0
        self.spans: list[tuple[int, int, InlineStyle, str | None]] = []
        self.add(text)

    @property
    def raw(self) -> str:
        return "".join(self.parts)

    def add(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.size += len(text)

    def add_element(self, element: Any) -> None:
        """The element's whole text (as `text_content()` gives it), with its spans."""
        if next(element.iter(*_TAGS), None) is None:
            self.add(element.text_content())
            return
        start = self.size
        self.add(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                self.add_element(child)
            self.add(child.tail or "")
        style = _STYLE_OF_TAG.get(element.tag)
        if style is None or self.size == start:
            return
        href = element.get("href") if style is InlineStyle.LINK else None
        if style is InlineStyle.LINK and not openable(href):
            return
        self.spans.append((start, self.size, style, href))

    def finish(self, *, lines: bool = True) -> tuple[str, tuple[Inline, ...]]:
        """The block's display text and its spans: `sanitize_line` of the raw text, of
        each of its lines (between `<br>`s, empty ones left out) with `lines`."""
        raw = self.raw
        lines = lines and BR in raw
        if not self.spans:
            return (_lines(raw) if lines else sanitize_line(raw)), ()
        points = sorted({point for span in self.spans for point in span[:2]})
        found_at = _lines_with_points if lines else _line_with_points
        text, starts, ends = found_at(raw, points)
        at = {point: index for index, point in enumerate(points)}  # not points.index: O(n²)
        found: set[Inline] = set()
        for start, end, style, href in self.spans:
            first, last = starts[at[start]], ends[at[end]]
            while first < last and text[first].isspace():
                first += 1
            while last > first and text[last - 1].isspace():
                last -= 1
            if first < last:
                found.add(Inline(first, last, style, href))
        return text, tuple(sorted(found, key=lambda s: (s.start, -s.end, s.style)))


def resolve_links(element: Any, page: str | None) -> None:
    """Every link under `element` made absolute against the page's address (or its
    `<base>`), in place; in-page (`#...`) links and script links lose their address."""
    for link in element.iter("a"):
        target = link_target(link.get("href") or "", page)
        if target is None or (page and urldefrag(target).url == urldefrag(page).url):
            link.attrib.pop("href", None)
        else:
            link.set("href", target)


def link_target(href: str, page: str | None) -> str | None:
    """Where a link to `href` on the page at `page` (a web address, or None) leads, when
    it may be followed: absolute, http or https, one line; None for an in-page (`#...`),
    script, data, file or unreadable address."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        target = urljoin(page, href) if page else href
    except ValueError:  # an address the parser cannot read ("http://[::1")
        return None
    return sanitize_line(target) if openable(target) else None


def page_address(root: Any, source: str) -> str | None:
    """The address relative links of the page are read against: its `<base href>` over
    its own address, when that is a web address."""
    if urlsplit(source).scheme not in _SCHEMES:
        return None
    base = root.find(".//base[@href]")
    return urljoin(source, base.get("href")) if base is not None else source


def openable(address: str | None, schemes: Collection[str] = _SCHEMES) -> bool:
    """Whether a link to `address` may be followed: one of `schemes` (never "javascript:"
    or "data:"), and an address the URL parser can read."""
    if not address:
        return False
    try:
        return urlsplit(address).scheme in schemes
    except ValueError:  # ("http://[::1")
        return False


def _lines(raw: str) -> str:
    return "\n".join(line for part in raw.split(BR) if (line := sanitize_line(part)))


def _lines_with_points(raw: str, points: list[int]) -> tuple[str, list[int], list[int]]:
    """`_lines(raw)`, and where each of `points` lands in it (see `_line_with_points`);
    a point on a `<br>` belongs to the line it ends."""
    parts = raw.split(BR)
    firsts = [0]
    for part in parts[:-1]:
        firsts.append(firsts[-1] + len(part) + 1)
    mine: dict[int, list[int]] = {}  # points are sorted: each line's come in order
    for point in points:
        owner = bisect_right(firsts, point) - 1
        mine.setdefault(owner, []).append(point - firsts[owner])
    shown: list[str] = []
    size = 0
    starts: list[int] = []
    ends: list[int] = []
    for index, part in enumerate(parts):
        line, line_starts, line_ends = _line_with_points(part, mine.get(index, []))
        if line and shown:
            size += 1  # the new line before it
        starts += [size + point for point in line_starts]
        ends += [size + point for point in line_ends]
        if line:
            shown.append(line)
            size += len(line)
    return "\n".join(shown), starts, ends


def _line_with_points(raw: str, points: list[int]) -> tuple[str, list[int], list[int]]:
    """`sanitize_line(raw)`, and where each of `points` (sorted offsets into `raw`) lands
    in it, once as a span's start and once as a span's end."""
    starts, ends = list(points), list(points)
    text = raw
    steps: list[tuple[re.Pattern[str], Callable[[re.Match[str], int], str]]] = [
        (LINE_BREAKS, lambda match, size: "\n"),
        (ESCAPES, lambda match, size: ""),
        (CONTROLS, lambda match, size: ""),
        (_WHITESPACE, _collapsed),
    ]
    for pattern, replace in steps:
        text, starts, ends = _substitute(pattern, replace, text, starts, ends)
    return text, starts, ends


def _collapsed(match: re.Match[str], size: int) -> str:
    """A whitespace run as `" ".join(text.split())` leaves it: nothing at the ends."""
    return "" if match.start() == 0 or match.end() == size else " "


def _substitute(
    pattern: re.Pattern[str],
    replace: Callable[[re.Match[str], int], str],
    text: str,
    starts: list[int],
    ends: list[int],
) -> tuple[str, list[int], list[int]]:
    pieces: list[str] = []
    olds: list[int] = []  # where each match began in `text`; and what it became:
    news: list[tuple[int, int, int]] = []  # (its end, its new start, its new size)
    previous = shift = 0
    for match in pattern.finditer(text):
        put = replace(match, len(text))
        pieces.append(text[previous : match.start()])
        pieces.append(put)
        olds.append(match.start())
        news.append((match.end(), match.start() + shift, len(put)))
        shift += len(put) - (match.end() - match.start())
        previous = match.end()
    if not olds:
        return text, starts, ends
    pieces.append(text[previous:])

    def moved(point: int, start: bool) -> int:
        index = bisect_right(olds, point) - 1
        if index < 0:
            return point
        old = olds[index]
        end, new, size = news[index]
        if point == old:
            return new
        if point < end:
            return new + size if start else new
        return new + size + point - end

    return (
        "".join(pieces),
        [moved(point, True) for point in starts],
        [moved(point, False) for point in ends],
    )
