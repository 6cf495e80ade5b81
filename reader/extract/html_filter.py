"""Raw blocks -> the article's blocks: page furniture, link lists, labels, byline out.

Readability keeps the densest container, which can still hold a category link, a share
bar, a dateline or a "Source:" line; those are taken apart here by the same shape rules as
the plain-text cleaner (`shapes`), plus link density (`link_blocks`) and repetition across
the page. Figure captions, a standfirst and a lead that readability drops are taken back
from the page (`around`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from reader.extract import around, footnotes, shapes
from reader.extract.html_blocks import BLOCK_TAGS, Raw, raw_block
from reader.extract.htmlmeta import Metadata
from reader.extract.link_blocks import TEASER, link_furniture
from reader.model import Block, BlockKind

_DATA = (BlockKind.CODE, BlockKind.TABLE)
"""Blocks whose text is data, never taken for page furniture or a credit line."""
_SHORT_TEXT = 120
"""Text nodes shorter than this are counted across the page to find its repeated labels."""
_CREDIT = re.compile(r"\(\s*[^\W\d_][\w ]{0,20}:\s*[^():]+\)")
"""Who made a picture, said in brackets beside it: "(Artist: Ann Lind)"."""
_TITLE_REACH = 5
"""The page's title repeated among the first this many blocks is dropped (it is shown)."""
_LABEL_WORDS = 6
"""A text repeated around the page, of at most this many words, is a label ("Share")."""
_META_WORDS = 12
"""A paragraph of at most this many words may be the byline or the dateline."""


def page_texts(root: Any) -> tuple[Counter[str], dict[str, int]]:
    """How often each short text occurs on the page, and where each text first occurs."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    keys: dict[str, str] = {}  # the same short texts recur (blanks, labels): one key each
    for index, element in enumerate(root.iter()):
        tag = element.tag
        if not isinstance(tag, str) or tag in ("script", "style"):
            continue
        own = element.text
        if tag in BLOCK_TAGS:
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


def mark_order(first: dict[str, int], raws: list[Raw]) -> None:
    previous = 0
    for raw in raws:
        raw.order = first.get(shapes.normal(raw.text), previous)
        previous = raw.order


def _body(raws: list[Raw]) -> list[Raw]:
    return [r for r in raws if r.kind is BlockKind.PARAGRAPH and r.link_share < around.BODY_LINKS]


def add_lead(elements: list[Any], raws: list[Raw]) -> list[Raw]:
    """The prose paragraphs just before the article's first one, when readability's choice
    begins with it (`around.lead`)."""
    body = _body(raws)
    if not body or raws[0].order < body[0].order or body[0].order >= len(elements):
        return raws
    kept = {shapes.normal(raw.text) for raw in raws}
    lead: list[Raw] = []
    for index in around.lead(elements, body[0].order, kept):
        raw = raw_block(elements[index], BlockKind.PARAGRAPH, "p")
        raw.order = index
        lead.append(raw)
    return lead + raws if lead else raws


def add_standfirst(elements: list[Any], raws: list[Raw], title: str) -> list[Raw]:
    """The summary under the article's headline, before its first block (`around.standfirst`)."""
    first = next((raw for raw in raws if raw.text), None)
    if first is None or first.order >= len(elements):
        return raws
    index = around.standfirst(elements, title, first.order)
    if index is None:
        return raws
    summary = raw_block(elements[index], BlockKind.PARAGRAPH, "p")
    if shapes.normal(summary.text) in {shapes.normal(raw.text) for raw in raws}:
        return raws
    summary.order = index
    return [summary, *raws]


def add_gaps(elements: list[Any], raws: list[Raw]) -> list[Raw]:
    """The paragraphs readability skipped between two of the article's that follow each
    other, beside them in the page (`around.gap`), each put after the first of the two;
    where there are none, the headings it skipped there (`around.headings`)."""
    kept: set[str] | None = None
    out: list[Raw] = []
    following = _next_with_text(raws)
    for index, raw in enumerate(raws):
        out.append(raw)
        after = following[index]
        if after is None or not raw.order + 1 < after.order < len(elements):
            continue
        if raw.kind is not BlockKind.PARAGRAPH or after.kind is not BlockKind.PARAGRAPH:
            continue
        if not (_is_placed(raw, elements) and _is_placed(after, elements)):
            continue
        kept = kept if kept is not None else {shapes.normal(raw.text) for raw in raws}
        found = [
            raw_block(paragraph, BlockKind.PARAGRAPH, "p")
            for paragraph in around.gap(elements, raw.order, after.order, kept)
        ] or [
            raw_block(heading, BlockKind.HEADING, heading.tag)
            for heading in around.headings(elements, raw.order, after.order, kept)
        ]
        for added in found:
            added.order = raw.order
            out.append(added)
    return out


def _next_with_text(raws: list[Raw]) -> list[Raw | None]:
    """For each block, the next one with text (an emptied frame may sit between two)."""
    found: list[Raw | None] = [None] * len(raws)
    later: Raw | None = None
    for index in range(len(raws) - 1, -1, -1):
        found[index] = later
        if raws[index].text:
            later = raws[index]
    return found


def _is_placed(raw: Raw, elements: list[Any]) -> bool:
    """The block's text is that of the page's element it was placed at (`mark_order`), not
    one whose text did not match and that took the place of the block before it."""
    element = elements[raw.order]
    return element.tag == "p" and shapes.normal(element.text_content()) == shapes.normal(raw.text)


def add_captions(root: Any, elements: list[Any], raws: list[Raw]) -> list[Raw]:
    """Figure captions of the article that readability left out, in page order."""
    body = _body(raws)
    if not body:
        return raws
    have = {shapes.normal(raw.text) for raw in raws}
    order = {id(element): index for index, element in enumerate(elements)}
    extra: list[Raw] = []
    shown: set[tuple[str, str]] = set()
    last = max(raw.order for raw in body)
    for caption in around.captions(root, elements, body[0].order, last):
        raw = raw_block(caption, BlockKind.CAPTION, "figcaption")
        key = shapes.normal(raw.text)
        if raw.text and key not in have and (seen := (key, around.picture(caption))) not in shown:
            raw.order = order.get(id(caption), 0)
            extra.append(raw)
            if seen[1]:
                shown.add(seen)  # a page drawing a picture twice (for small screens and large)
    return sorted(raws + extra, key=lambda raw: raw.order) if extra else raws


def add_footnotes(elements: list[Any], raws: list[Raw]) -> list[Raw]:
    """The notes in a footnote box after the article's last paragraph (`footnotes`), as
    captions after the article: kept apart from its prose, as a list's footnotes are."""
    body = _body(raws)
    if not body or body[-1].order >= len(elements):
        return raws
    kept = {shapes.normal(raw.text) for raw in raws}
    notes = [
        raw_block(note, BlockKind.CAPTION, "p")
        for note in footnotes.trailing_notes(elements[body[-1].order], kept)
    ]
    for raw in notes:
        raw.order = len(elements)
    return raws + notes if notes else raws


def _names_something(raw: Raw) -> bool:
    """A heading or a caption, which a page may well repeat ("Ingredients" over each
    recipe, one photographer's credit under each of their pictures): not a label."""
    return (
        raw.kind in (BlockKind.HEADING, BlockKind.CAPTION)
        or shapes.is_caption(raw.text)
        or bool(_CREDIT.fullmatch(raw.text))
    )


_QUOTED = (BlockKind.QUOTE, BlockKind.CODE, BlockKind.TABLE, BlockKind.LIST_ITEM)


def _leads_in(raws: list[Raw], furniture: list[bool], index: int) -> bool:
    """A phrase ending in a colon that leads into what it quotes or lists ("and here:" over
    a second quotation, said again over a third): the article's words, however often the
    page repeats them; a label's colon ("Share:") leads into links, which are furniture."""
    if not raws[index].text.rstrip().endswith((":", "：")):
        return False
    after = next((i for i in range(index + 1, len(raws)) if raws[i].text), None)
    return after is not None and raws[after].kind in _QUOTED and not furniture[after]


def filter_blocks(raws: list[Raw], counts: Counter[str], meta: Metadata) -> list[Block]:
    title_key = shapes.normal(meta.title)
    furniture = link_furniture(raws)
    kept: list[Raw] = []
    for index, raw in enumerate(raws):
        key = shapes.normal(raw.text)
        size = len(shapes.words(raw.text))
        if not key or (key == title_key and index < _TITLE_REACH) or furniture[index]:
            continue
        if (
            counts[key] > 1
            and size <= _LABEL_WORDS
            and not _names_something(raw)
            and not _leads_in(raws, furniture, index)
        ):
            continue  # "Advertisement", "Share": labels repeated around the page
        if raw.kind not in _DATA and (shapes.is_furniture(raw.text) or TEASER.search(raw.text)):
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
