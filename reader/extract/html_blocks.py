"""An HTML element -> raw blocks: paragraphs, headings, list items, quotes, code, tables.

The walk keeps, for each block, the share of its text inside links and its words outside
them, which the cleaner's filter (`html_filter`) reads to tell a list of links from a
sentence with links in it. Nothing is dropped here but a site's menus.
"""

from __future__ import annotations

import itertools
from typing import Any

from reader.extract import shapes
from reader.extract.captions import caption_text
from reader.extract.inline_html import BR as _LINE_BREAK
from reader.extract.inline_html import Pieces
from reader.extract.markup import FOOTNOTE
from reader.extract.tables import table_block, table_row
from reader.model import Block, BlockKind, Inline
from reader.safe_text import sanitize

BLOCK_TAGS = {
    "p": BlockKind.PARAGRAPH,
    "h1": BlockKind.HEADING,
    "h2": BlockKind.HEADING,
    "h3": BlockKind.HEADING,
    "h4": BlockKind.HEADING,
    "h5": BlockKind.HEADING,
    "h6": BlockKind.HEADING,
    "blockquote": BlockKind.QUOTE,
    "li": BlockKind.LIST_ITEM,
    "figcaption": BlockKind.CAPTION,
    "pre": BlockKind.CODE,
    "dd": BlockKind.PARAGRAPH,
    "dt": BlockKind.PARAGRAPH,
    "caption": BlockKind.CAPTION,
}
_CONTAINERS = {
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "dl",
    "table",
    "tbody",
    "thead",
    "tr",
    "td",
    "th",
    "figure",
    "header",
    "footer",
    "aside",
    "body",
    "center",
    "form",
    "fieldset",
    "details",
    "summary",
    "span",
    "font",
}
_INLINE_BLOCK_CHILDREN = {
    "p",
    "div",
    "ul",
    "ol",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "figure",
    "section",
    "dl",
    "li",
}

_NAVIGATION = {"nav", "menu"}
"""Elements that hold a site's navigation: readability may keep one inside the article's
container (a breadcrumb, a table of contents bar), or a page may have nothing else."""


_GROUPS = itertools.count(1)
"""Numbers that tell one list's items from another's (`Raw.group`)."""


class Raw:
    """A block before filtering: kind, text, share of its text inside links, inline spans."""

    __slots__ = (
        "group",
        "inline",
        "kind",
        "level",
        "link_count",
        "link_share",
        "order",
        "own_words",
        "table",
        "text",
    )

    def __init__(
        self,
        kind: BlockKind,
        text: str,
        level: int,
        link_share: float,
        inline: tuple[Inline, ...] = (),
        *,
        own_words: int = 0,
        link_count: int = 0,
    ) -> None:
        self.kind, self.text, self.level, self.link_share = kind, text, level, link_share
        self.inline, self.own_words, self.link_count = inline, own_words, link_count
        self.order = -1
        self.table: Block | None = None
        self.group = 0
        """The list the block is an item of (an id shared by its items), or 0."""

    @classmethod
    def of(cls, table: Block) -> Raw:
        """A table, made whole by `tables.table_block` (its cells are data: links too)."""
        raw = cls(table.kind, table.text, 0, 0.0)
        raw.table = table
        return raw

    def block(self, kind: BlockKind | None = None) -> Block:
        if self.table is not None:
            return self.table
        return Block(kind or self.kind, self.text, self.level, inline=self.inline)


def walk(element: Any) -> list[Raw]:
    for br in element.iter("br"):
        br.tail = _LINE_BREAK + sanitize(br.tail or "")  # (lxml refuses control characters)
    out: list[Raw] = []
    _collect(element, out)
    return out


def _collect(element: Any, out: list[Raw]) -> None:
    run = Pieces(element.text or "")
    links: list[str] = []
    number = _first_number(element)
    step = -1 if element.tag == "ol" and element.get("reversed") is not None else 1
    group = 0
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _NAVIGATION or child.get("role") == "navigation":
            pass  # a site's menus, never the article's words (its tail is still text)
        elif tag == "table" and (table := table_block(child)) is not None:
            _flush(run, links, out)
            run, links = Pieces(), []
            out.extend(
                raw_block(c, BlockKind.CAPTION, "caption") for c in child if c.tag == "caption"
            )
            out.append(Raw.of(table))
        elif tag == "tr" and not any(_has_blocks(cell) for cell in child):
            _flush(run, links, out)
            run, links = Pieces(), []
            if row := table_row(child):
                out.append(Raw(BlockKind.PARAGRAPH, row, 0, 0.0))  # data: links are content
        elif tag == "li":
            _flush(run, links, out)
            run, links = Pieces(), []
            number = _item_value(child, number)
            start = len(out)
            _list_item(child, out, number)
            group = group or next(_GROUPS)
            for raw in out[start:]:
                raw.group = raw.group or group  # (a nested list's items keep their own)
            number = None if number is None else number + step
        elif tag == "blockquote" and _has_blocks(child):
            _flush(run, links, out)
            run, links = Pieces(), []
            _quote(child, out)
        elif tag in BLOCK_TAGS:
            _flush(run, links, out)
            run, links = Pieces(), []
            out.append(raw_block(child, BLOCK_TAGS[tag], tag))
        elif tag in _CONTAINERS and (tag not in ("span", "font") or _has_blocks(child)):
            _flush(run, links, out)
            run, links = Pieces(), []
            _collect(child, out)
        elif tag:
            run.add_element(child)
            links += [a.text_content() for a in child.iter("a")]
        run.add(child.tail or "")
    _flush(run, links, out)


def _quote(quote: Any, out: list[Raw]) -> None:
    """A block quote of several paragraphs: a quote block for each, not one flattened."""
    start = len(out)
    _collect(quote, out)
    for raw in out[start:]:
        if raw.kind is BlockKind.PARAGRAPH:
            raw.kind = BlockKind.QUOTE


def _list_item(item: Any, out: list[Raw], number: int | None) -> None:
    """A list item as a block: numbered in an ordered list, kept apart when a footnote.
    An item holding paragraphs (or a nested list) gives its first paragraph the marker."""
    if _has_blocks(item):
        start = len(out)
        _collect(item, out)
        first = next((raw for raw in out[start:] if raw.kind is BlockKind.PARAGRAPH), None)
    else:
        first = raw_block(item, BlockKind.LIST_ITEM, "li")
        out.append(first)
    if first is None:
        return
    if item.get(FOOTNOTE) is not None:
        first.kind = BlockKind.CAPTION
        return
    first.kind = BlockKind.LIST_ITEM
    if number is not None:
        marker = f"{number}. "
        first.text = marker + first.text
        first.inline = tuple(
            Inline(span.start + len(marker), span.end + len(marker), span.style, span.href)
            for span in first.inline
        )


def _first_number(element: Any) -> int | None:
    """The number an ordered list shows before its first item (None in other lists): its
    `start`, else 1, or in a `reversed` list the number of its items."""
    if element.tag != "ol" or (element.get("type") or "1") != "1":
        return None
    reversed_ = element.get("reversed") is not None
    first = sum(child.tag == "li" for child in element) if reversed_ else 1
    try:
        return int(element.get("start") or first)
    except ValueError:
        return first


def _item_value(item: Any, number: int | None) -> int | None:
    """An item's own `value` renumbers it (and the items after it) in an ordered list."""
    if number is None or item.get("value") is None:
        return number
    try:
        return int(item.get("value"))
    except ValueError:
        return number


def _has_blocks(element: Any) -> bool:
    return any(isinstance(c.tag, str) and c.tag in _INLINE_BLOCK_CHILDREN for c in element)


def _flush(run: Pieces, links: list[str], out: list[Raw]) -> None:
    text, inline = run.finish()
    if text:
        share = sum(map(_chars, links)) / max(1, _chars(text))
        own = _own_words(text, links)
        raw = Raw(BlockKind.PARAGRAPH, text, 0, share, inline, own_words=own, link_count=len(links))
        out.append(raw)


def _own_words(text: str, links: list[str]) -> int:
    """Words of `text` outside its links."""
    return max(0, len(shapes.words(text)) - sum(len(shapes.words(link)) for link in links))


def raw_block(element: Any, kind: BlockKind, tag: str) -> Raw:
    raw_text = element.text_content()
    inline: tuple[Inline, ...] = ()
    if kind is BlockKind.CODE:
        text = sanitize(raw_text.replace(_LINE_BREAK, "\n")).strip("\n")
    elif kind is BlockKind.CAPTION:
        text = caption_text(element)
    else:
        pieces = Pieces()
        pieces.add_element(element)
        text, inline = pieces.finish(lines=kind is not BlockKind.HEADING)
    links = [a.text_content() for a in element.iter("a")]
    level = int(tag[1]) if kind is BlockKind.HEADING else 0
    share = sum(map(_chars, links)) / max(1, _chars(raw_text))
    own = _own_words(raw_text, links)
    return Raw(kind, text, level, share, inline, own_words=own, link_count=len(links))


def _chars(text: str) -> int:
    """Visible characters: whitespace does not count towards link density."""
    return len("".join(text.split()))


def body_blocks(element: Any) -> list[Block]:
    """Every block under `element` in order, none filtered out: for text with no page
    around it (an EPUB's chapter), where the cleaner's rules would only drop prose."""
    return [raw.block() for raw in walk(element) if raw.text]
