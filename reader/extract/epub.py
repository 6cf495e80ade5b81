"""An EPUB (2 or 3) -> Article: the spine's documents in order, one block list.

META-INF/container.xml names the package (OPF) file; its metadata gives the title,
authors, language, publisher and date, its manifest and spine the documents in reading
order (non-linear ones, such as a notes file, go last), and the navigation document (EPUB
3's nav.xhtml, else EPUB 2's toc.ncx) the chapter titles that become the headings of the
outline (see `epub_chapter`). Each XML file is parsed with entities left unexpanded, no DTD
and no network. A book whose content documents are encrypted (DRM) is refused in one line;
fonts obfuscated by the EPUB rules are not DRM and do not matter (fonts are never read).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from reader.extract.epub_archive import Archive, damaged, resolve
from reader.extract.epub_chapter import (
    chapter_blocks,
    epub_types,
    mark_noterefs,
    parse_xhtml,
    read_chapter,
)
from reader.extract.epub_titles import TocEntry
from reader.extract.errors import ExtractionError
from reader.extract.sentences import with_sentences
from reader.model import Article, Block
from reader.safe_text import sanitize_line

CONTAINER = "META-INF/container.xml"
_XHTML_TYPES = ("application/xhtml+xml", "text/html", "application/xml")
_NCX_TYPE = "application/x-dtbncx+xml"
_FONT_OBFUSCATION = frozenset(
    {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
)
MAX_TOC_ENTRIES = 10_000
"""Table of contents entries read, at most (as many as a book may have files): each is
placed in its chapter, and a hostile navigation document of 200,000 took 23 s."""
_DRM_FILES = ("META-INF/rights.xml", "license.lcpl", "META-INF/license.lcpl")
_AUTHOR_ROLES = frozenset({"aut", "author"})


@dataclass(frozen=True)
class _Item:
    path: str
    media_type: str
    properties: str
    refused: str = ""
    """Why `path` cannot be read (it leads outside the book): an error if the spine needs it."""


def parse_epub(
    data: bytes,
    source: str,
    name: str,
    max_bytes: int,
    *,
    preview: Callable[[Article], None] | None = None,
    preview_bytes: int = 0,
) -> Article:
    """The book in `data` (`name` is how messages call it), or an ExtractionError.

    With `preview`, a book longer than `preview_bytes` of chapter files is first given to
    it as the article of its first chapters alone, to show while the rest is converted."""
    archive = Archive(data, name, max_bytes)
    try:
        opf, spine, entries = _package(archive, name)
        meta = _metadata(opf)

        def article(blocks: list[Block]) -> Article:
            return Article(
                source=source,
                title=meta.get("title") or PurePosixPath(name).stem,
                blocks=with_sentences(blocks, meta.get("language")),
                byline=meta.get("creator"),
                site=meta.get("publisher"),
                published=meta.get("date"),
                lang=meta.get("language"),
            )

        files: dict[str, bytes] = {}
        for item in spine:
            files[item.path] = archive.read(item.path, "chapter")
            if (
                preview
                and len(files) < len(spine)
                and sum(map(len, files.values())) > preview_bytes
            ):
                preview(article(_blocks(files, entries, name)))
                preview = None
        return article(_blocks({item.path: files[item.path] for item in spine}, entries, name))
    finally:
        archive.close()


def _package(archive: Archive, name: str) -> tuple[Any, list[_Item], dict[str, list[TocEntry]]]:
    """The package file, the spine's documents, and the outline's entries per document."""
    if not archive.has(CONTAINER):
        if archive.has("mimetype") or any(archive.has(f) for f in _DRM_FILES):
            raise damaged(name, f"{CONTAINER} is missing")
        raise ExtractionError(f"{name} is not an EPUB book: a zip archive with no {CONTAINER}")
    container = xml_root(archive.read(CONTAINER, "its container file"), archive, CONTAINER)
    rootfile = next(iter(container.iter("{*}rootfile")), None)
    if rootfile is None or not rootfile.get("full-path"):
        raise damaged(name, f"{CONTAINER} names no package file")
    opf_path, _ = resolve("", rootfile.get("full-path", ""), name)
    opf = xml_root(archive.read(opf_path, "its package file"), archive, opf_path)
    encrypted = _encrypted(archive)
    manifest = _manifest(opf, opf_path, name)
    spine = _spine(opf, manifest, opf_path, name)
    if any(item.path in encrypted for item in spine):
        raise ExtractionError(
            f"{name} is protected by DRM (its chapters are encrypted): reader opens only "
            "DRM-free EPUBs"
        )
    entries: dict[str, list[TocEntry]] = {}
    for entry in _toc(archive, opf, manifest):
        entries.setdefault(entry.path, []).append(entry)
    return opf, spine, entries


def _blocks(files: dict[str, bytes], entries: dict[str, list[TocEntry]], name: str) -> list[Block]:
    """The blocks of these documents, in this order; note markers are matched to their notes
    among them."""
    chapters = {path: read_chapter(data, path, name) for path, data in files.items()}
    for chapter in chapters.values():
        mark_noterefs(chapter, chapters, name)
    blocks: list[Block] = []
    for path, chapter in chapters.items():
        blocks += chapter_blocks(chapter, entries.get(path, []))
    return blocks


def xml_root(data: bytes, archive: Archive, path: str) -> Any:
    """An XML file of the book, parsed with entities unexpanded, no DTD, no network."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        raise damaged(archive.name, f"{path} is not well-formed XML") from None
    etree.strip_elements(root, etree.Entity, with_tail=False)
    return root


def _manifest(opf: Any, opf_path: str, name: str) -> dict[str, _Item]:
    items: dict[str, _Item] = {}
    for element in opf.iter("{*}item"):
        ident, href = element.get("id"), element.get("href")
        if ident and href:
            path, refused = "", ""
            try:
                path, _ = resolve(opf_path, href, name)
            except ExtractionError as error:  # harmless unless the spine names it
                refused = str(error)
            media = element.get("media-type", "")
            items[ident] = _Item(path, media, element.get("properties", ""), refused)
    return items


def _spine(opf: Any, manifest: dict[str, _Item], opf_path: str, name: str) -> list[_Item]:
    """The content documents in reading order: linear ones, then the others; never the
    navigation document or a guide's table of contents (their titles are the outline)."""
    spine = next(iter(opf.iter("{*}spine")), None)
    if spine is None:
        raise damaged(name, "its package file has no spine")
    skipped = {item.path for item in manifest.values() if "nav" in item.properties.split()}
    for reference in opf.iter("{*}reference"):
        if reference.get("type") == "toc" and reference.get("href"):
            skipped.add(resolve(opf_path, reference.get("href", ""), name)[0])
    linear: list[_Item] = []
    extra: list[_Item] = []
    for itemref in spine.iter("{*}itemref"):
        item = manifest.get(itemref.get("idref", ""))
        if item is None:
            raise damaged(name, f"its spine names {itemref.get('idref', '')!r}, not in it")
        if item.refused:
            raise ExtractionError(item.refused)
        if item.path in skipped or not item.media_type.startswith(_XHTML_TYPES):
            continue
        (extra if itemref.get("linear") == "no" else linear).append(item)
    return linear + extra


def _encrypted(archive: Archive) -> set[str]:
    """Paths encrypted by anything but the font obfuscation rules; with a rights file
    (Adobe, Readium LCP) every encrypted path counts."""
    path = "META-INF/encryption.xml"
    if not archive.has(path):
        return set()
    root = xml_root(archive.read(path, "its encryption file"), archive, path)
    rights = any(archive.has(name) for name in _DRM_FILES)
    encrypted: set[str] = set()
    for data in root.iter("{*}EncryptedData"):
        method = next(iter(data.iter("{*}EncryptionMethod")), None)
        algorithm = method.get("Algorithm", "") if method is not None else ""
        for reference in data.iter("{*}CipherReference"):
            if rights or algorithm not in _FONT_OBFUSCATION:
                encrypted.add(resolve("", reference.get("URI", ""), archive.name)[0])
    return encrypted


def _toc(archive: Archive, opf: Any, manifest: dict[str, _Item]) -> list[TocEntry]:
    """The chapter titles: EPUB 3's navigation document, else EPUB 2's NCX; none (and no
    complaint) when the book has neither or its navigation file cannot be read."""
    nav = next((i for i in manifest.values() if "nav" in i.properties.split()), None)
    spine = next(iter(opf.iter("{*}spine")), None)
    ncx = manifest.get(spine.get("toc", "")) if spine is not None else None
    ncx = ncx or next((i for i in manifest.values() if i.media_type == _NCX_TYPE), None)
    try:
        if (
            nav is not None
            and archive.has(nav.path)
            and (entries := _nav_entries(archive, nav.path))
        ):
            return entries
        if ncx is not None and archive.has(ncx.path):
            return _ncx_entries(archive, ncx.path)
    except ExtractionError as error:
        if "larger than" in str(error):
            raise
    return []


def _nav_entries(archive: Archive, path: str) -> list[TocEntry]:
    root = parse_xhtml(archive.read(path, "navigation document"))
    navs = list(root.iter("nav"))
    toc = next((nav for nav in navs if "toc" in epub_types(nav)), None)
    if toc is None and navs:
        toc = navs[0]
    entries: list[TocEntry] = []
    if toc is not None:
        _nav_list(toc, 1, path, archive.name, entries)
    return entries


def _nav_list(element: Any, depth: int, base: str, name: str, out: list[TocEntry]) -> None:
    for child in element:
        if len(out) >= MAX_TOC_ENTRIES:
            return
        if child.tag == "li":
            link = next(iter(child.iter("a")), None)
            if link is not None and link.get("href") and (title := _text(link)):
                path, fragment = resolve(base, link.get("href", ""), name)
                out.append(TocEntry(path, fragment, title, depth))
            for sub in child:
                if sub.tag in ("ol", "ul"):
                    _nav_list(sub, depth + 1, base, name, out)
        elif child.tag in ("ol", "ul"):
            _nav_list(child, depth, base, name, out)


def _ncx_entries(archive: Archive, path: str) -> list[TocEntry]:
    root = xml_root(archive.read(path, "table of contents"), archive, path)
    nav_map = next(iter(root.iter("{*}navMap")), None)
    entries: list[TocEntry] = []
    if nav_map is not None:
        _nav_points(nav_map, 1, path, archive.name, entries)
    return entries


def _nav_points(element: Any, depth: int, base: str, name: str, out: list[TocEntry]) -> None:
    for point in element:
        if len(out) >= MAX_TOC_ENTRIES:
            return
        if not isinstance(point.tag, str) or not point.tag.endswith("navPoint"):
            continue
        label = next(iter(point.iter("{*}text")), None)
        content = next(iter(point.iter("{*}content")), None)
        title = _text(label) if label is not None else ""
        if content is not None and content.get("src") and title:
            path, fragment = resolve(base, content.get("src", ""), name)
            out.append(TocEntry(path, fragment, title, depth))
        _nav_points(point, depth + 1, base, name, out)


def _metadata(opf: Any) -> dict[str, str]:
    metadata = next(iter(opf.iter("{*}metadata")), None)
    if metadata is None:
        return {}
    found: dict[str, str] = {}
    for key in ("title", "language", "publisher", "date"):
        element = next(iter(metadata.iter(f"{{*}}{key}")), None)
        if element is not None and (text := _text(element)):
            found[key] = text[:10] if key == "date" else text
    if authors := _authors(metadata):
        found["creator"] = authors
    return found


def _authors(metadata: Any) -> str:
    """The creators with an author's role (EPUB 2's opf:role, EPUB 3's refining meta), or
    all of them when no role is given: "A", "A and B", "A, B and C"."""
    roles = {
        (meta.get("refines") or "").lstrip("#"): (meta.text or "").strip()
        for meta in metadata.iter("{*}meta")
        if meta.get("property") == "role"
    }
    creators: list[tuple[str, str]] = []
    for element in metadata.iter("{*}creator"):
        role = next((v for k, v in element.attrib.items() if k.endswith("role")), "")
        creators.append((_text(element), role or roles.get(element.get("id", ""), "")))
    names = [n for n, role in creators if n and role in _AUTHOR_ROLES]
    names = names or [n for n, role in creators if n and not role]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _text(element: Any) -> str:
    return sanitize_line("".join(element.itertext()))
