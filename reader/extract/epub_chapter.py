"""One content document of an EPUB -> blocks: the book's prose, all of it.

A chapter is not a web page, so the page cleaner's rules (which drop short lines, repeated
labels, link-dense blocks) do not run: every paragraph, epigraph and one-line reply stays.
What changes:
- chapter titles from the navigation document become headings: a title the chapter opens
  with is made the heading (not repeated), else the title is put above; the chapter's own
  headings go below the outline's levels;
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

from reader.extract import shapes
from reader.extract.epub_archive import damaged, resolve
from reader.extract.errors import ExtractionError
from reader.model import Block, BlockKind
from reader.safe_text import sanitize_line


@dataclass(frozen=True)
class TocEntry:
    """A navigation document's entry: the document (and place in it) it names."""

    path: str
    fragment: str
    title: str
    depth: int


_OPS = "{http://www.idpf.org/2007/ops}type"
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TITLE_TAGS = frozenset({"p", "div", "span", "header", "hgroup", "a", "b", "strong", "em"})
_FLOW = frozenset({"body", "div", "section", "article", "main", "header", "footer", "aside"})
_NOTE = frozenset({"footnote", "endnote", "rearnote", "note"})
_NOTES = frozenset({"footnotes", "endnotes", "rearnotes"})
_NOTE_BLOCKS = frozenset({"p", "li", "div", "aside", "dd", "dt", "section", "blockquote"})
_NOTE_MAX = 3000
"""A marker's target longer than this is no note (an id on a whole chapter)."""
_MARKER = re.compile(r"[\[(]?\s*(\d{1,4}|[*†‡§]{1,3})\s*[\])]?")
_DROPPED = ("script", "style", "svg", "case", "head", "noscript")
_GENERIC_ALT = re.compile(
    r"(?i:image|img|picture|pic|photo|figure|fig|illustration|cover(?: image)?|logo|icon"
    r"|graphic|placeholder|decoration|ornament|separator|divider|spacer)\W*\d*"
)
_FILE_NAME = re.compile(r"(?i:\S+\.(?:jpe?g|png|gif|svg|webp|bmp|tiff?))|[\w-]*\d[\w-]*")
_SNIFF_BYTES = 512
"""Encrypted or corrupt bytes show in this many (a whole file's check costs as much as
converting it)."""
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]{0,200}>")
_DOCTYPE = re.compile(r"<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.I | re.S)


def parse_xhtml(data: bytes) -> Any:
    """An XHTML document, tags without namespaces; entities are never expanded, no DTD or
    network is read; what is not well-formed XML is read as HTML (its DOCTYPE, where
    entities would be declared, removed first)."""
    from lxml import etree
    from lxml import html as lxml_html

    from reader.extract.decoding import decode

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
        root = lxml_html.document_fromstring(_DOCTYPE.sub("", text, count=1) or " ", parser)
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
    root = parse_xhtml(data)
    body = next(iter(root.iter("body")), root)
    from lxml import etree

    etree.strip_elements(body, *_DROPPED, with_tail=False)
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
        if "noteref" not in _types(link) and not shaped:
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
    from reader.extract.html import body_blocks

    body = chapter.body
    notes = _take_notes(body, chapter.notes)
    for element in list(body.iter()):
        if isinstance(element.tag, str) and "pagebreak" in _types(element):
            element.drop_tree()
    _images(body)
    _headings(body, entries)
    blocks = body_blocks(body)
    return blocks + [Block(BlockKind.CAPTION, note) for note in notes if note]


def _types(element: Any) -> set[str]:
    """epub:type tokens and DPUB-ARIA roles (doc-footnote -> footnote)."""
    types = (element.get(_OPS) or element.get("epub:type") or "").split()
    roles = (element.get("role") or "").split()
    return {*types, *(role[4:] for role in roles if role.startswith("doc-"))}


def _take_notes(body: Any, targets: set[str]) -> list[str]:
    notes: list[str] = []
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        types = _types(element)
        if not types & (_NOTE | _NOTES) and element.get("id") not in targets:
            continue
        note = _note_block(element)
        if note is None or len(note.text_content()) > _NOTE_MAX:
            continue
        for link in note.iter("a"):
            if "backlink" in _types(link):
                link.drop_tree()
        items = [item for item in note.iter() if item is not note and _types(item) & _NOTE]
        if not items and types & _NOTES:
            items = list(note.iter("li"))
        for number, item in enumerate(items or [note], start=1):
            text = sanitize_line(item.text_content())
            if item.tag == "li" and not _MARKER.match(text):
                text = f"{number}. {text}"
            notes.append(text)
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
        while block is not None and block.tag not in _FLOW | {"p", "figure", "li", "td"}:
            block = block.getparent()
        if block is None:
            continue
        has_caption = block.tag == "figure" and next(block.iter("figcaption"), None) is not None
        alone = not block.text_content().strip() and len(list(block.iter("img"))) == 1
        if alone and _meaningful(alt) and not has_caption:
            caption = lxml_html.Element("figcaption")
            caption.text = alt
            if block.tag in _FLOW and block.tag != "div":
                image.addnext(caption)
            else:
                caption.tail = block.tail
                block.getparent().replace(block, caption)
                continue
        elif not alone and len(alt) <= 2 and alt.isalpha():
            image.tail = alt + (image.tail or "")  # a drop capital
        image.drop_tree()


def _meaningful(alt: str) -> bool:
    return bool(re.search(r"[^\W\d_]", alt)) and not (
        _GENERIC_ALT.fullmatch(alt) or _FILE_NAME.fullmatch(alt)
    )


def _headings(body: Any, entries: list[TocEntry]) -> None:
    """Put the outline's titles in the chapter (see the module's docstring)."""
    if not entries:
        return
    ids = {element.get("id"): element for element in body.iter() if element.get("id")}
    chosen: set[Any] = set()
    whole: list[TocEntry] = []
    for entry in entries:
        target = ids.get(entry.fragment) if entry.fragment else None
        if target is None:
            whole.append(entry)
            continue
        heading = next(target.iterancestors(*_HEADINGS), None)
        if target.tag in _HEADINGS or heading is not None:
            _choose(target if heading is None else heading, entry, chosen)
        else:
            _head(target, entry, chosen)
    for entry in sorted(whole, key=lambda entry: -entry.depth):
        _head(body, entry, chosen)
    below = min(6, max(entry.depth for entry in entries) + 1)
    for element in body.iter(*_HEADINGS):
        if element not in chosen and int(element.tag[1]) < below:
            element.tag = f"h{below}"


def _choose(element: Any, entry: TocEntry, chosen: set[Any]) -> None:
    element.tag = f"h{min(6, entry.depth)}"
    chosen.add(element)


def _head(scope: Any, entry: TocEntry, chosen: set[Any]) -> None:
    """The title of `entry` at the start of `scope`: the title lines it opens with become
    the heading when they say no more than the title, or stay (as the heading) when they
    say more; otherwise a heading is put above."""
    from lxml import html as lxml_html

    title = shapes.normal(entry.title)
    leading = [element for element in _leading(scope, title) if element not in chosen]
    texts = [shapes.normal(element.text_content()) for element in leading]
    if leading and all(_within(text, title) for text in texts):
        first = leading[0]
        first[:] = []
        first.text = entry.title
        for element in leading[1:]:
            element.drop_tree()
        _choose(first, entry, chosen)
        return
    if leading and leading[0].tag in _HEADINGS and _within(title, texts[0]):
        _choose(leading[0], entry, chosen)
        return
    heading = lxml_html.Element("h1")
    heading.text = entry.title
    _choose(heading, entry, chosen)
    if scope.tag in _FLOW:
        heading.tail, scope.text = scope.text, None
        scope.insert(0, heading)
        return
    while scope.getparent() is not None and scope.getparent().tag not in _FLOW:
        scope = scope.getparent()
    scope.addprevious(heading)


def _leading(scope: Any, title: str) -> list[Any]:
    """The headings (and short lines saying part of `title`) `scope` opens with, before
    any other text."""
    from lxml import etree

    found: list[Any] = []
    if (scope.text or "").strip():
        return found
    walker = etree.iterwalk(scope, events=("start", "end"))
    for event, element in walker:
        if element is scope or not isinstance(element.tag, str):
            continue
        if event == "start":
            text = shapes.normal(element.text_content())
            if element.tag in _HEADINGS or (
                element.tag in _TITLE_TAGS and text and _within(text, title)
            ):
                if text:
                    found.append(element)
                walker.skip_subtree()
            elif (element.text or "").strip():
                break
        elif (element.tail or "").strip() or len(found) >= 4:
            break
    return found


def _within(part: str, whole: str) -> bool:
    return f" {part} " in f" {whole} "
