"""EPUB files built for the tests (and the EPUB benchmark): real zip archives, laid out
the way EPUB 2 and EPUB 3 authoring tools write them, with our own text.

`epub_files` gives every file of a book as a dict (path -> bytes), so a test can take one
away, damage it or add one before `write_epub` zips it up.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


@dataclass(frozen=True)
class Chapter:
    title: str
    body: str
    """The chapter's XHTML after its heading (which `heading` writes, or not)."""
    heading: str | None = None
    """The chapter's own heading line (h1), when it differs from the title or is left out
    (""): by default the title."""


STORY = (
    Chapter(
        "Chapter One: The Light",
        '<blockquote class="epigraph"><p>Keep the lamp, and the lamp keeps you.</p></blockquote>'
        "<p>Ada Marsh came to the island in the autumn of the year the old keeper died. "
        "The boat left her on the shingle with two trunks and a crate of oil.</p>"
        "<p>“Well?” said the boatman.</p>"
        "<p>“Well,” she said.</p>"
        "<p>The tower stood over the cove like a finger raised for silence, and every "
        'evening she climbed its ninety steps to light the lamp.<a epub:type="noteref" '
        'href="#n1" id="r1"><sup>1</sup></a> The sea below was never still.</p>'
        '<aside epub:type="footnote" id="n1"><p>The steps were counted by her predecessor, '
        "who wrote the number on the lintel.</p></aside>"
        '<p><img src="images/tower.png" alt="The lighthouse on its rock at dusk"/></p>'
        "<p>In the mornings she wrote the log: wind, weather, ships seen.</p>",
    ),
    Chapter(
        "Chapter Two: The Storm",
        "<p>The storm came in November, from the west, as the almanac had said it would. "
        "For three nights the windows rang like bells.</p>"
        '<p><img src="images/rule.png" alt="image"/></p>'
        "<p>On the fourth morning a schooner lay on the reef, her masts gone.</p>"
        "<p>Ada rowed out alone. She brought back four sailors and a cat.</p>",
    ),
    Chapter(
        "Chapter Three: The Letter",
        "<p>In spring a letter came from the Board, thanking her in the plainest words.</p>"
        "<p>She pinned it by the lamp, where the light fell on it every night.</p>"
        "<p>Years later, visitors asked to see it. It was still there.</p>",
    ),
)

TITLES = [chapter.title for chapter in STORY]


@dataclass
class Book:
    chapters: tuple[Chapter, ...] = STORY
    title: str = "The Keeper of Gull Rock"
    author: str = "Mary Example"
    language: str = "en"
    publisher: str = "Harbour Press"
    date: str = "1911-05-02"
    version: int = 3
    extra_manifest: list[str] = field(default_factory=list)


def chapter_path(index: int) -> str:
    return f"OEBPS/text/chapter{index + 1}.xhtml"


def chapter_document(chapter: Chapter, version: int = 3) -> str:
    heading = chapter.title if chapter.heading is None else chapter.heading
    head = f"<h1>{escape(heading)}</h1>" if heading else ""
    doctype = (
        "<!DOCTYPE html>"
        if version == 3
        else (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" '
            '"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">'
        )
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}\n'
        f'<html xmlns="{XHTML}" xmlns:epub="{OPS}"><head><title>{escape(chapter.title)}'
        f"</title></head><body>{head}{chapter.body}</body></html>"
    )


def epub_files(book: Book | None = None) -> dict[str, bytes]:
    book = book or Book()
    files: dict[str, str] = {
        "mimetype": "application/epub+zip",
        "META-INF/container.xml": CONTAINER,
        "OEBPS/content.opf": _package(book),
    }
    for index, chapter in enumerate(book.chapters):
        files[chapter_path(index)] = chapter_document(chapter, book.version)
    if book.version == 3:
        files["OEBPS/nav.xhtml"] = _nav(book)
    else:
        files["OEBPS/toc.ncx"] = _ncx(book)
    out = {path: text.encode("utf-8") for path, text in files.items()}
    out["OEBPS/text/images/tower.png"] = b"\x89PNG\r\n\x1a\n" + bytes(64)
    return out


def write_epub(path: Path, files: dict[str, bytes] | None = None) -> Path:
    """A zip archive of `files` (an EPUB's, by default), `mimetype` first and stored."""
    files = epub_files() if files is None else files
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if "mimetype" in files:
            archive.writestr("mimetype", files["mimetype"], zipfile.ZIP_STORED)
        for name, data in files.items():
            if name != "mimetype":
                archive.writestr(name, data)
    return path


def _package(book: Book) -> str:
    items = [
        f'<item id="c{i + 1}" href="text/chapter{i + 1}.xhtml" media-type="application/xhtml+xml"/>'
        for i in range(len(book.chapters))
    ]
    items.append('<item id="tower" href="text/images/tower.png" media-type="image/png"/>')
    if book.version == 3:
        items.append(
            '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
        )
    else:
        items.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
    items += book.extra_manifest
    refs = "".join(f'<itemref idref="c{i + 1}"/>' for i in range(len(book.chapters)))
    toc = "" if book.version == 3 else ' toc="ncx"'
    role = ' opf:role="aut"' if book.version == 2 else ' id="creator"'
    refine = (
        '<meta refines="#creator" property="role" scheme="marc:relators">aut</meta>'
        if book.version == 3
        else ""
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="{book.version}.0"
    unique-identifier="id" xmlns:opf="http://www.idpf.org/2007/opf">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:12345678-1234-1234-1234-123456789abc</dc:identifier>
    <dc:title>{escape(book.title)}</dc:title>
    <dc:creator{role}>{escape(book.author)}</dc:creator>
    <dc:creator opf:role="ill" id="ill">Tom Drawer</dc:creator>
    <meta refines="#ill" property="role" scheme="marc:relators">ill</meta>{refine}
    <dc:language>{book.language}</dc:language>
    <dc:publisher>{escape(book.publisher)}</dc:publisher>
    <dc:date>{book.date}</dc:date>
  </metadata>
  <manifest>{"".join(items)}</manifest>
  <spine{toc}>{refs}</spine>
</package>
"""


def _nav(book: Book) -> str:
    entries = "".join(
        f'<li><a href="text/chapter{i + 1}.xhtml">{escape(c.title)}</a></li>'
        for i, c in enumerate(book.chapters)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="{XHTML}" '
        f'xmlns:epub="{OPS}"><head><title>Contents</title></head><body>'
        f'<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>{entries}</ol></nav>'
        f'<nav epub:type="landmarks" hidden=""><ol><li><a epub:type="bodymatter" '
        f'href="text/chapter1.xhtml">Start</a></li></ol></nav></body></html>'
    )


def _ncx(book: Book) -> str:
    points = "".join(
        f'<navPoint id="p{i + 1}" playOrder="{i + 1}"><navLabel><text>{escape(c.title)}'
        f'</text></navLabel><content src="text/chapter{i + 1}.xhtml"/></navPoint>'
        for i, c in enumerate(book.chapters)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" '
        f'version="2005-1"><head/><docTitle><text>{escape(book.title)}</text></docTitle>'
        f"<navMap>{points}</navMap></ncx>"
    )
