"""One content document of an EPUB -> blocks: the book's prose, all of it.

A chapter is not a web page, so the page cleaner's rules (which drop short lines, repeated
labels, link-dense blocks) do not run: every paragraph, epigraph and one-line reply stays.
What changes:
- chapter titles from the navigation document become headings (see `epub_titles`);
- footnotes are kept apart: notes (epub:type or ARIA role footnote/endnote, or what a
  note marker points to) leave the prose and end the chapter as captions, which are shown
  but not narrated; their markers stay in the text as "[1]";
- an image alone in its paragraph becomes a caption of its alt text when that says more
  than "image" or a file name; page-break markers, scripts and SVG go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reader.extract.alt_text import meaningful
from reader.extract.epub_archive import damaged, resolve
from reader.extract.epub_titles import FLOW, TocEntry, place_titles
from reader.extract.errors import ExtractionError
from reader.model import Block, BlockKind
from reader.safe_text import sanitize_line

_OPS = "{http://www.idpf.org/2007/ops}type"
_NOTE = frozenset({"footnote", "endnote", "rearnote", "note"})
_NOTES = frozenset({"footnotes", "endnotes", "rearnotes"})
_NOTE_BLOCKS = frozenset({"p", "li", "div", "aside", "dd", "dt", "section", "blockquote"})
_NOTE_MAX = 3000
"""A marker's target longer than this is no note (an id on a whole chapter)."""
_MARKER = re.compile(r"[\[(]?\s*(\d{1,4}|[*†‡§]{1,3})\s*[\])]?")
_DROPPED = ("script", "style", "svg", "case", "head", "noscript")
_SNIFF_BYTES = 512
"""Encrypted or corrupt bytes show in this many (a whole file's check costs as much as
converting it)."""
_DROP_CAPITAL = 2
"""An image whose alt text is at most this many letters is a drop capital: the text keeps it."""
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]{0,200}>")
_DOCTYPE = re.compile(r"<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.I | re.S)


def parse_xhtml(data: bytes) -> Any:
    """An XHTML document, tags without namespaces; entities are never expanded, no DTD or
    network is read; what is not well-formed XML is read as HTML (its DOCTYPE, where
    entities would be declared, removed first). Text past the parser's limits (nesting,
    one huge text run) is an ExtractionError saying so, never silently lost."""
    from lxml import etree
    from lxml import html as lxml_html

    from reader.extract.decoding import decode
    from reader.extract.html import parser_limit

    try:
        parser = lxml_html.XHTMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            remove_comments=True,
            remove_pis=True,
        )
        root = etree.fromstring(data, parser)
        etree.strip_elements(root, etree.Entity, with_tail=False)
    except (etree.XMLSyntaxError, ValueError):
        text = decode(_XML_DECLARATION.sub(b"", data), html=True)
        parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
        try:
            root = lxml_html.document_fromstring(_DOCTYPE.sub("", text, count=1), parser)
        except etree.ParserError:  # blank, or nothing but comments: an empty document
            root = lxml_html.document_fromstring("<html><body></body></html>")
        if limit := parser_limit(parser.error_log):
            raise ExtractionError(limit) from None
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = element.tag.rpartition("}")[2]
    return root


@dataclass
class Chapter:
    """A spine document, parsed: its body and the note targets (ids) in it."""

    path: str
    body: Any
    notes: set[str]


def read_chapter(data: bytes, path: str, name: str) -> Chapter:
    from reader.extract.decoding import binary_kind

    if binary_kind(data[:_SNIFF_BYTES]):
        raise damaged(name, f"chapter {path} is not text (encrypted or corrupt)")
    try:
        root = parse_xhtml(data)
    except ExtractionError as limit:
        raise ExtractionError(f"{name}: its chapter {path} {limit}") from None
    body = next(iter(root.iter("body")), root)
    from lxml import etree

    etree.strip_elements(body, *_DROPPED, with_tail=False)
    for group in body.iter("hgroup"):
        group.tag = "div"  # its headings are headings
    return Chapter(path, body, set())


def mark_noterefs(chapter: Chapter, chapters: dict[str, Chapter], name: str) -> None:
    """Note markers become "[1]"; what each points to is marked as a note of its chapter."""
    for link in chapter.body.iter("a"):
        href = link.get("href") or ""
        text = sanitize_line(link.text_content())
        marker = _MARKER.fullmatch(text)
        if "#" not in href or not marker:
            continue
        shaped = link.xpath("boolean(ancestor-or-self::sup or descendant::sup)") or text[:1] in "[("
        if "noteref" not in epub_types(link) and not shaped:
            continue
        link[:] = []
        link.text = f"[{marker.group(1)}]"
        try:
            path, fragment = resolve(chapter.path, href, name) if href[0] != "#" else ("", "")
        except ExtractionError:
            continue
        target = chapters.get(path) if path else chapter
        if target is not None:
            target.notes.add(fragment or href[1:])


def chapter_blocks(chapter: Chapter, entries: list[TocEntry]) -> list[Block]:
    from reader.extract.html_blocks import body_blocks

    body = chapter.body
    notes = _take_notes(body, chapter.notes)
    for element in list(body.iter()):
        if isinstance(element.tag, str) and "pagebreak" in epub_types(element):
            element.drop_tree()
    _images(body)
    place_titles(body, entries)
    blocks = body_blocks(body)
    return blocks + [Block(BlockKind.CAPTION, note) for note in notes if note]


def epub_types(element: Any) -> set[str]:
    """epub:type tokens and DPUB-ARIA roles (doc-footnote -> footnote)."""
    types = (element.get(_OPS) or element.get("epub:type") or "").split()
    roles = (element.get("role") or "").split()
    return {*types, *(role[4:] for role in roles if role.startswith("doc-"))}


def _take_notes(body: Any, targets: set[str]) -> list[str]:
    notes: list[str] = []
    taken: set[Any] = set()
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or any(a in taken for a in element.iterancestors()):
            continue
        types = epub_types(element)
        if not types & (_NOTE | _NOTES) and element.get("id") not in targets:
            continue
        note = _note_block(element)
        if note is None or len(note.text_content()) > _NOTE_MAX:
            continue
        for link in note.iter("a"):
            if "backlink" in epub_types(link):
                link.drop_tree()
        items = [item for item in note.iter() if item is not note and epub_types(item) & _NOTE]
        if not items and types & _NOTES:
            items = list(note.iter("li"))
        for number, item in enumerate(items or [note], start=1):
            text = sanitize_line(item.text_content())
            if item.tag == "li" and not _MARKER.match(text):
                text = f"{number}. {text}"
            notes.append(text)
        taken.add(note)
        note.drop_tree()
    return notes


def _note_block(element: Any) -> Any:
    """The block a note marker's target stands for: itself, or the paragraph it opens."""
    block = element
    while block is not None and block.tag not in _NOTE_BLOCKS | _NOTE | {"body"}:
        block = block.getparent()
    return None if block is None or block.tag == "body" else block


def _images(body: Any) -> None:
    from lxml import html as lxml_html

    for image in list(body.iter("img")):
        alt = sanitize_line(image.get("alt") or "")
        block = image.getparent()
        while block is not None and block.tag not in FLOW | {"p", "figure", "li", "td"}:
            block = block.getparent()
        if block is None:
            continue
        has_caption = block.tag == "figure" and next(block.iter("figcaption"), None) is not None
        alone = not block.text_content().strip() and len(list(block.iter("img"))) == 1
        if alone and meaningful(alt) and not has_caption:
            caption = lxml_html.Element("figcaption")
            caption.text = alt
            if block.tag in FLOW and block.tag != "div":
                image.addnext(caption)
            else:
                caption.tail = block.tail
                block.getparent().replace(block, caption)
                continue
        elif not alone and len(alt) <= _DROP_CAPITAL and alt.isalpha():
            image.tail = alt + (image.tail or "")  # a drop capital
        image.drop_tree()
