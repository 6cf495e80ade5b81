"""An HTML page -> Article: readability-lxml finds the article, we turn it into blocks.

Readability keeps the densest container, which can still hold a category link, a share
bar, a dateline or a "Source:" line; those are taken apart here by the same shape rules as
the plain-text cleaner (`shapes`), plus link density. Figure captions that readability
drops are taken back from the page when they sit in the article's own container.
Metadata comes from the page head (Open Graph, article:*, JSON-LD) with fallbacks.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import replace
from typing import Any

from reader.extract import around, shapes
from reader.extract import markup as markup_tools
from reader.extract.alt_text import add_alt_captions
from reader.extract.captions import caption_text
from reader.extract.coverage import left_out_prose
from reader.extract.errors import ExtractionError
from reader.extract.htmlmeta import Metadata, page_metadata, title_from_heading
from reader.extract.inline_html import BR as _LINE_BREAK
from reader.extract.inline_html import Pieces, page_address, resolve_links
from reader.extract.markup import FOOTNOTE
from reader.extract.sentences import with_sentences
from reader.extract.tables import table_block, table_row
from reader.model import Article, Block, BlockKind, Inline
from reader.safe_text import sanitize

_BLOCK_TAGS = {
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


_DATA = (BlockKind.CODE, BlockKind.TABLE)
"""Blocks whose text is data, never taken for page furniture or a credit line."""
_NAVIGATION = {"nav", "menu"}
"""Elements that hold a site's navigation: readability may keep one inside the article's
container (a breadcrumb, a table of contents bar), or a page may have nothing else."""

MAX_LOST_SHARE = 0.1
"""When the parser stops at a limit (nesting depth, a text run's length) and drops more
than this share of the page's text, the page is refused rather than shown without it."""
MAX_ELEMENTS = 200_000
"""Pages with more elements than this are refused before parsing: readability's scoring
and the block walk take seconds per 100,000 elements, and a real article page, however
long, has a few tens of thousands (a long encyclopedia article with its references ~40,000).
Tags written in a script's or a style's text are not elements and do not count; those in
an `<svg>` or a `<template>` do (the parser builds them as elements all the same)."""
_START_TAG = re.compile(r"<[A-Za-z]")
_RAW_TEXT_START = re.compile(r"<(script|style)\b", re.IGNORECASE)
_RAW_TEXT_END = {
    "script": re.compile(r"</script", re.IGNORECASE),
    "style": re.compile(r"</style", re.IGNORECASE),
}
_SHORT_TEXT = 120
"""Text nodes shorter than this are counted across the page to find its repeated labels."""
_LINK_LIST = 0.6
"""A block with more than this share of its text in links ..."""
_LINK_LIST_WORDS = 25
"""... and at most this many words is a list of links, dropped ..."""
_LINK_LIST_OWN_WORDS = 3
"""... unless this many of its words are outside its links: a sentence with links in it
("Neil has patches up to <improve the tab unloader>, and <show UI when frames crash>")."""
_TITLE_REACH = 5
"""The page's title repeated among the first this many blocks is dropped (it is shown)."""
_LABEL_WORDS = 6
"""A text repeated around the page, of at most this many words, is a label ("Share")."""
_META_WORDS = 12
"""A paragraph of at most this many words may be the byline or the dateline."""
_TAG = re.compile(r"<[^>]*>")
_NOT_WORD = re.compile(r"[\W_]+")


class _Raw:
    """A block before filtering: kind, text, share of its text inside links, inline spans."""

    __slots__ = ("inline", "kind", "level", "link_share", "order", "own_words", "table", "text")

    def __init__(
        self,
        kind: BlockKind,
        text: str,
        level: int,
        link_share: float,
        inline: tuple[Inline, ...] = (),
        *,
        own_words: int = 0,
    ) -> None:
        self.kind, self.text, self.level, self.link_share = kind, text, level, link_share
        self.inline, self.own_words = inline, own_words
        self.order = -1
        self.table: Block | None = None

    @classmethod
    def of(cls, table: Block) -> _Raw:
        """A table, made whole by `tables.table_block` (its cells are data: links too)."""
        raw = cls(table.kind, table.text, 0, 0.0)
        raw.table = table
        return raw

    def block(self, kind: BlockKind | None = None) -> Block:
        if self.table is not None:
            return self.table
        return Block(kind or self.kind, self.text, self.level, inline=self.inline)


def parse_html(markup: str, source: str, *, raw: bool = False) -> Article:
    """The article in an HTML page; with `raw`, every block of the page's body (its
    menus' lists aside), nothing filtered out."""
    from lxml import etree
    from lxml import html as lxml_html

    count = _elements(markup)
    if count > MAX_ELEMENTS:
        raise ExtractionError(
            f"page has too many elements to clean ({count:,}; at most {MAX_ELEMENTS:,}): {source}"
        )
    parser = lxml_html.HTMLParser()
    try:
        root = lxml_html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        raise ExtractionError(f"page has no article text: {source}") from None
    limit = _parser_limit(parser.error_log)
    meta = page_metadata(root)
    if raw:
        body = root.find("body")
        blocks = body_blocks(markup_tools.without_controls(body if body is not None else root))
        return Article(source, meta.title, with_sentences(blocks, meta.lang), lang=meta.lang)
    markup_tools.tidy(root)
    content = _article_region(root)
    if content is not None:
        resolve_links(content, page_address(root, source))
        add_alt_captions(content, meta.title)
    raws = _walk(content) if content is not None else []
    headings = [raw.text for raw in raws if raw.kind is BlockKind.HEADING]
    meta.title = title_from_heading(meta.declared_title, headings) or meta.title
    counts, first = _page_texts(root)
    _mark_order(first, raws)
    elements = list(root.iter())
    raws = _add_captions(root, elements, _add_lead(elements, raws))
    blocks = _filter(raws, counts, meta)
    if limit and (not blocks or _lost_share(markup, root) > MAX_LOST_SHARE):
        raise ExtractionError(f"page {limit}: {source}")
    article = Article(
        source=source,
        title=meta.title,
        blocks=with_sentences(blocks, meta.lang),
        byline=meta.byline,
        site=meta.site,
        section=meta.section,
        published=meta.published,
        lang=meta.lang,
        credit=meta.credit,
    )
    return replace(article, left_out=left_out_prose(root, article))


def _elements(markup: str) -> int:
    """Start tags in `markup`, those in the text of a script or a style left out (a script
    writing markup holds no elements); counted one by one only on pages over the bound."""
    elements = len(_START_TAG.findall(markup))
    if elements <= MAX_ELEMENTS:
        return elements
    elements, at = 0, 0
    while opened := _RAW_TEXT_START.search(markup, at):
        elements += len(_START_TAG.findall(markup, at, opened.end()))
        closed = _RAW_TEXT_END[opened.group(1).lower()].search(markup, opened.end())
        if closed is None:
            return elements  # the parser reads the rest as the script's text
        at = closed.end()
    return elements + len(_START_TAG.findall(markup, at))


def _article_region(root: Any) -> Any | None:
    """Readability's choice of the article's container, or the page's main region when
    that holds much more prose (readability drops documentation pages' sections)."""
    from lxml import html as lxml_html

    try:
        from readability import Document

        summary = Document(copy.deepcopy(root)).summary(html_partial=True)
        content = lxml_html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # readability raises bare Exceptions (Unparseable, ...) on odd pages
        content = None
    kept = markup_tools.prose_chars(content) if content is not None else 0
    region = markup_tools.main_region(root, kept)
    return region if region is not None else content


def _parser_limit(log: Any) -> str | None:
    """libxml2 stops at 256 levels of nesting and at a 10 MB text run: what follows is lost."""
    for entry in log:
        if "Excessive depth" in entry.message:
            return "is nested too deeply to read (over 255 levels)"
        if "Resource limit exceeded" in entry.message:
            return "has a run of text too long to read (over 10 MB)"
    return None


def _lost_share(markup: str, root: Any) -> float:
    """Share of the page's word characters the parser dropped when it hit a limit."""
    written = len(_NOT_WORD.sub("", _TAG.sub(" ", markup)))
    kept = len(_NOT_WORD.sub("", root.text_content()))
    return 1.0 - kept / written if written else 0.0


def _walk(element: Any) -> list[_Raw]:
    for br in element.iter("br"):
        br.tail = _LINE_BREAK + sanitize(br.tail or "")  # (lxml refuses control characters)
    out: list[_Raw] = []
    _collect(element, out)
    return out


def _collect(element: Any, out: list[_Raw]) -> None:
    run = Pieces(element.text or "")
    links: list[str] = []
    number = _first_number(element)
    step = -1 if element.tag == "ol" and element.get("reversed") is not None else 1
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _NAVIGATION or child.get("role") == "navigation":
            pass  # a site's menus, never the article's words (its tail is still text)
        elif tag == "table" and (table := table_block(child)) is not None:
            _flush(run, links, out)
            run, links = Pieces(), []
            out.extend(_raw(c, BlockKind.CAPTION, "caption") for c in child if c.tag == "caption")
            out.append(_Raw.of(table))
        elif tag == "tr" and not any(_has_blocks(cell) for cell in child):
            _flush(run, links, out)
            run, links = Pieces(), []
            if row := table_row(child):
                out.append(_Raw(BlockKind.PARAGRAPH, row, 0, 0.0))  # data: links are content
        elif tag == "li":
            _flush(run, links, out)
            run, links = Pieces(), []
            number = _item_value(child, number)
            _list_item(child, out, number)
            number = None if number is None else number + step
        elif tag == "blockquote" and _has_blocks(child):
            _flush(run, links, out)
            run, links = Pieces(), []
            _quote(child, out)
        elif tag in _BLOCK_TAGS:
            _flush(run, links, out)
            run, links = Pieces(), []
            out.append(_raw(child, _BLOCK_TAGS[tag], tag))
        elif tag in _CONTAINERS and (tag not in ("span", "font") or _has_blocks(child)):
            _flush(run, links, out)
            run, links = Pieces(), []
            _collect(child, out)
        elif tag:
            run.add_element(child)
            links += [a.text_content() for a in child.iter("a")]
        run.add(child.tail or "")
    _flush(run, links, out)


def _quote(quote: Any, out: list[_Raw]) -> None:
    """A block quote of several paragraphs: a quote block for each, not one flattened."""
    start = len(out)
    _collect(quote, out)
    for raw in out[start:]:
        if raw.kind is BlockKind.PARAGRAPH:
            raw.kind = BlockKind.QUOTE


def _list_item(item: Any, out: list[_Raw], number: int | None) -> None:
    """A list item as a block: numbered in an ordered list, kept apart when a footnote.
    An item holding paragraphs (or a nested list) gives its first paragraph the marker."""
    if _has_blocks(item):
        start = len(out)
        _collect(item, out)
        first = next((raw for raw in out[start:] if raw.kind is BlockKind.PARAGRAPH), None)
    else:
        first = _raw(item, BlockKind.LIST_ITEM, "li")
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


def _flush(run: Pieces, links: list[str], out: list[_Raw]) -> None:
    text, inline = run.finish()
    if text:
        share = sum(map(_chars, links)) / max(1, _chars(text))
        own = _own_words(text, links)
        out.append(_Raw(BlockKind.PARAGRAPH, text, 0, share, inline, own_words=own))


def _own_words(text: str, links: list[str]) -> int:
    """Words of `text` outside its links."""
    return max(0, len(shapes.words(text)) - sum(len(shapes.words(link)) for link in links))


def _raw(element: Any, kind: BlockKind, tag: str) -> _Raw:
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
    return _Raw(kind, text, level, share, inline, own_words=_own_words(raw_text, links))


def _chars(text: str) -> int:
    """Visible characters: whitespace does not count towards link density."""
    return len("".join(text.split()))


def _page_texts(root: Any) -> tuple[Counter[str], dict[str, int]]:
    """How often each short text occurs on the page, and where each text first occurs."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    keys: dict[str, str] = {}  # the same short texts recur (blanks, labels): one key each
    for index, element in enumerate(root.iter()):
        tag = element.tag
        if not isinstance(tag, str) or tag in ("script", "style"):
            continue
        own = element.text
        if tag in _BLOCK_TAGS:
            if key := shapes.normal(element.text_content()):
                first.setdefault(key, index)
        elif own and (key := _key(own, keys)):
            first.setdefault(key, index)
        for piece in (own, element.tail):  # each text node once
            if piece and len(piece) < _SHORT_TEXT and (key := _key(piece, keys)):
                counts[key] += 1
    return counts, first


def _key(text: str, keys: dict[str, str]) -> str:
    key = keys.get(text)
    if key is None:
        key = keys[text] = shapes.normal(text)
    return key


def _mark_order(first: dict[str, int], raws: list[_Raw]) -> None:
    previous = 0
    for raw in raws:
        raw.order = first.get(shapes.normal(raw.text), previous)
        previous = raw.order


def _body(raws: list[_Raw]) -> list[_Raw]:
    return [r for r in raws if r.kind is BlockKind.PARAGRAPH and r.link_share < around.BODY_LINKS]


def _add_lead(elements: list[Any], raws: list[_Raw]) -> list[_Raw]:
    """The prose paragraphs just before the article's first one, when readability's choice
    begins with it (`around.lead`)."""
    body = _body(raws)
    if not body or raws[0].order < body[0].order or body[0].order >= len(elements):
        return raws
    kept = {shapes.normal(raw.text) for raw in raws}
    lead: list[_Raw] = []
    for index in around.lead(elements, body[0].order, kept):
        raw = _raw(elements[index], BlockKind.PARAGRAPH, "p")
        raw.order = index
        lead.append(raw)
    return lead + raws if lead else raws


def _add_captions(root: Any, elements: list[Any], raws: list[_Raw]) -> list[_Raw]:
    """Figure captions of the article that readability left out, in page order."""
    body = _body(raws)
    if not body:
        return raws
    have = {shapes.normal(raw.text) for raw in raws}
    order = {id(element): index for index, element in enumerate(elements)}
    extra: list[_Raw] = []
    last = max(raw.order for raw in body)
    for caption in around.captions(root, elements, body[0].order, last):
        raw = _raw(caption, BlockKind.CAPTION, "figcaption")
        if raw.text and shapes.normal(raw.text) not in have:
            raw.order = order.get(id(caption), 0)
            extra.append(raw)
    return sorted(raws + extra, key=lambda raw: raw.order) if extra else raws


def _filter(raws: list[_Raw], counts: Counter[str], meta: Metadata) -> list[Block]:
    title_key = shapes.normal(meta.title)
    kept: list[_Raw] = []
    for index, raw in enumerate(raws):
        key = shapes.normal(raw.text)
        size = len(shapes.words(raw.text))
        if (
            not key
            or (key == title_key and index < _TITLE_REACH)
            or (
                raw.link_share > _LINK_LIST
                and size <= _LINK_LIST_WORDS
                and raw.own_words < _LINK_LIST_OWN_WORDS
            )
        ):
            continue
        if counts[key] > 1 and size <= _LABEL_WORDS and raw.kind is not BlockKind.HEADING:
            continue  # "Advertisement", "Share": labels repeated around the page
        if raw.kind not in _DATA and shapes.is_furniture(raw.text):
            continue
        if raw.kind is BlockKind.PARAGRAPH and size <= _META_WORDS:
            if meta.byline is None and (name := shapes.byline(raw.text)) and not kept:
                meta.byline = name
                continue
            if shapes.is_date(raw.text) and (not kept or meta.published):
                meta.published = meta.published or shapes.clean_date(raw.text)
                continue
        kept.append(raw)
    while kept and kept[-1].kind not in _DATA and (name := shapes.credit(kept[-1].text)):
        meta.credit = meta.credit or name
        kept.pop()
    if len(kept) >= 2 and (name := shapes.credit(kept[-2].text)):
        meta.credit = meta.credit or name
        del kept[-2]
    blocks: list[Block] = []
    for raw in kept:
        kind = raw.kind
        if kind is BlockKind.PARAGRAPH and shapes.is_caption(raw.text):
            kind = BlockKind.CAPTION
        blocks.append(raw.block(kind))
    while (
        len(blocks) > 1
        and blocks[-1].kind is BlockKind.HEADING
        and any(block.kind is not BlockKind.HEADING for block in blocks)
    ):
        blocks.pop()  # a heading with nothing under it ("Related", "Comments")
    return blocks


def body_blocks(element: Any) -> list[Block]:
    """Every block under `element` in order, none filtered out: for text with no page
    around it (an EPUB's chapter), where the cleaner's rules would only drop prose."""
    return [raw.block() for raw in _walk(element) if raw.text]


def parser_limit(log: Any) -> str | None:
    """What libxml2 lost of a document, in the words `parse_html` uses (None: nothing)."""
    return _parser_limit(log)
