"""EPUBs that cannot be read (DRM, damaged, not an EPUB) and hostile ones (zip bombs,
absurd entry counts, paths climbing out, entity expansion): one line, exit code 2, bounded
time and memory."""

from __future__ import annotations

import resource
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.extract import ExtractionError, load
from reader.extract.limits import Limits
from tests.epub_support import epub_files, write_epub

Files = dict[str, bytes]
OPF = "OEBPS/content.opf"
CHAPTER = "OEBPS/text/chapter1.xhtml"
AES = "http://www.w3.org/2001/04/xmlenc#aes128-cbc"
FONTS = "http://www.idpf.org/2008/embedding"


def encryption(algorithm: str, uri: str) -> bytes:
    return (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        f'<enc:EncryptionMethod Algorithm="{algorithm}"/><enc:CipherData>'
        f'<enc:CipherReference URI="{uri}"/></enc:CipherData></enc:EncryptedData></encryption>'
    ).encode()


def without(path: str) -> Callable[[Files], None]:
    def change(files: Files) -> None:
        del files[path]

    return change


def replaced(path: str, old: str, new: str) -> Callable[[Files], None]:
    def change(files: Files) -> None:
        files[path] = files[path].replace(old.encode(), new.encode())

    return change


def drm(files: Files) -> None:
    files["META-INF/encryption.xml"] = encryption(AES, CHAPTER)
    files[CHAPTER] = bytes(range(256)) * 4


def adobe(files: Files) -> None:
    files["META-INF/rights.xml"] = b"<rights/>"
    files["META-INF/encryption.xml"] = encryption(FONTS, CHAPTER)


def not_an_epub(files: Files) -> None:
    files.clear()
    files["notes/readme.txt"] = b"A zip of notes, not a book."


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE package ['
    '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">'
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)


def laughs_in(path: str, element: str) -> Callable[[Files], None]:
    def change(files: Files) -> None:
        text = files[path].decode()
        text = text.replace('<?xml version="1.0" encoding="UTF-8"?>', "")
        text = text.replace('<?xml version="1.0" encoding="utf-8"?>', "")
        text = text.replace("<!DOCTYPE html>", "")
        files[path] = (LAUGHS + text.replace(f"<{element}>", f"<{element}>&i;", 1)).encode()

    return change


def nested(files: Files) -> None:
    depth = 100_000
    files[CHAPTER] = files[CHAPTER].replace(
        b"<body>", b"<body>" + b"<div>" * depth + b"<p>Deep.</p>" + b"</div>" * depth
    )


BAD: dict[str, tuple[Callable[[Files], None], str]] = {
    "drm": (drm, "protected by DRM"),
    "rights file": (adobe, "protected by DRM"),
    "no container": (without("META-INF/container.xml"), "damaged EPUB: META-INF/container.xml"),
    "no package file": (without(OPF), "package file OEBPS/content.opf is missing"),
    "spine item missing": (without("OEBPS/text/chapter2.xhtml"), "chapter2.xhtml is missing"),
    "spine names nothing": (replaced(OPF, 'idref="c2"', 'idref="zz"'), "'zz', not in it"),
    "package not xml": (replaced(OPF, "</package>", ""), "not well-formed XML"),
    "not an epub": (not_an_epub, "not an EPUB book"),
    "path out of the book": (
        replaced(OPF, 'href="text/chapter2.xhtml"', 'href="../../../etc/passwd"'),
        "leads outside the book",
    ),
    "container path out": (
        replaced("META-INF/container.xml", 'full-path="', 'full-path="../'),
        "leads outside the book",
    ),
    "entities in the package": (laughs_in(OPF, "dc:title"), "not well-formed XML"),
    "nested too deeply": (nested, "chapter1.xhtml is nested too deeply to read"),
}


def bad_epub(tmp_path: Path, case: str) -> Path:
    files = epub_files()
    BAD[case][0](files)
    return write_epub(tmp_path / "bad.epub", files)


def one_line(path: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "reader", *args, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_epub_is_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    line = one_line(bad_epub(tmp_path, case), "extract")
    assert BAD[case][1] in line
    assert "bad.epub" in line


def test_opening_a_bad_epub_in_the_reader_is_one_line_too(tmp_path: Path) -> None:
    assert "protected by DRM" in one_line(bad_epub(tmp_path, "drm"))


def test_obfuscated_fonts_are_not_drm(tmp_path: Path) -> None:
    files = epub_files()
    files["META-INF/encryption.xml"] = encryption(FONTS, "OEBPS/fonts/serif.otf")
    files["OEBPS/fonts/serif.otf"] = bytes(range(256))
    assert "Ada Marsh" in load(str(write_epub(tmp_path / "fonts.epub", files))).text


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"Just some words in a file named like a book.", "not a zip archive"),
        (b"PK\x03\x04" + bytes(200), "damaged EPUB"),
    ],
    ids=["text", "truncated zip"],
)
def test_what_is_no_zip_is_one_line(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "bad.epub"
    path.write_bytes(data)
    assert words in one_line(path, "extract")


def test_a_zip_that_is_no_epub_and_not_named_one_stays_a_binary_file(tmp_path: Path) -> None:
    files: Files = {}
    not_an_epub(files)
    assert "ZIP archive" in one_line(write_epub(tmp_path / "notes.zip", files), "extract")


def test_a_truncated_real_epub_is_damaged(tmp_path: Path) -> None:
    data = write_epub(tmp_path / "whole.epub").read_bytes()
    path = tmp_path / "half.epub"
    path.write_bytes(data[: len(data) // 2])
    assert "damaged EPUB" in one_line(path, "extract")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_zip_bomb_chapter_is_refused_by_its_declared_size(tmp_path: Path) -> None:
    files = epub_files()
    files[CHAPTER] = b"<p>" + b" " * (30 * 1024 * 1024) + b"</p>"
    path = write_epub(tmp_path / "bomb.epub", files)
    assert path.stat().st_size < 1024 * 1024
    before = peak_mb()
    with pytest.raises(ExtractionError, match="larger than 20 MB unpacked"):
        load(str(path))
    assert peak_mb() - before < 100, "never inflated"


def test_chapters_together_over_the_cap_are_refused(tmp_path: Path) -> None:
    files = epub_files()
    for index in (1, 2, 3):
        name = f"OEBPS/text/chapter{index}.xhtml"
        files[name] = files[name].replace(b"</body>", b"<p>" + b"x " * 200_000 + b"</p></body>")
    path = write_epub(tmp_path / "big.epub", files)
    load(str(path))  # each about 0.4 MB: readable under the default cap
    with pytest.raises(ExtractionError, match="larger than 1 MB unpacked"):
        load(str(path), limits=Limits(max_bytes=1024 * 1024))


def test_an_entry_that_understates_its_size_is_not_trusted(tmp_path: Path) -> None:
    """The sizes in the headers say 100 bytes; the chapter inflates to 3 MB."""
    files = epub_files()
    files[CHAPTER] = files[CHAPTER].replace(b"</body>", b"<p>" + b"y" * 3_000_000 + b"</p></body>")
    data = bytearray(write_epub(tmp_path / "honest.epub", files).read_bytes())
    name = CHAPTER.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", data, start + offset, 100)
            start += 4
    path = tmp_path / "liar.epub"
    path.write_bytes(bytes(data))
    with pytest.raises(ExtractionError, match="damaged EPUB") as error:
        load(str(path))
    assert "cannot be unpacked" in str(error.value)


def test_an_absurd_number_of_entries_is_refused_before_reading_them(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "many.epub")
    with zipfile.ZipFile(path, "a") as archive:
        for index in range(10_001):
            archive.writestr(f"OEBPS/x/{index}", b"")
    with pytest.raises(ExtractionError, match="more than 10000 files"):
        load(str(path))


def test_entities_in_a_chapter_are_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the contents of a private file")
    files = epub_files()
    laughs_in(CHAPTER, "p")(files)
    external = f'<!DOCTYPE html [<!ENTITY ext SYSTEM "file://{secret}">]>'
    files["OEBPS/text/chapter2.xhtml"] = (
        files["OEBPS/text/chapter2.xhtml"]
        .replace(b"<!DOCTYPE html>", external.encode())
        .replace(b"<p>The storm", b"<p>&ext;The storm")
    )
    before = peak_mb()
    article = load(str(write_epub(tmp_path / "laughs.epub", files)))
    assert peak_mb() - before < 100
    assert "aaaaaaaaaa" not in article.text
    assert "private file" not in article.text
    assert "The storm came in November" in article.text
    assert "Ada Marsh came to the island" in article.text


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b" \n\t ",
        b"\xef\xbb\xbf",
        b"<!-- left empty by the converter -->",
        b'<?xml version="1.0"?>',
    ],
    ids=["no bytes", "blanks", "a BOM", "a comment", "a declaration"],
)
@pytest.mark.parametrize("path", [CHAPTER, "OEBPS/nav.xhtml"], ids=["chapter", "navigation"])
def test_an_empty_document_in_the_book_is_an_empty_chapter(
    tmp_path: Path, path: str, data: bytes
) -> None:
    """Converters leave empty spine documents (a blank page, a cover placeholder): the rest
    of the book is read, never "internal error: ParserError"."""
    files = epub_files()
    files[path] = data
    article = load(str(write_epub(tmp_path / "gap.epub", files)))
    assert "The storm came in November" in article.text


def test_a_table_of_contents_is_read_up_to_its_bound(tmp_path: Path) -> None:
    """Each entry is looked for in its chapter: 200,000 of them held the book for 23 s. The
    first MAX_TOC_ENTRIES are the outline; the book is read whole all the same."""
    from reader.extract.epub import MAX_TOC_ENTRIES

    count = MAX_TOC_ENTRIES + 2000
    files = epub_files()
    paragraphs = "".join(f'<p id="s{i}">Section {i} of the long log.</p>' for i in range(count))
    files[CHAPTER] = files[CHAPTER].replace(b"</body>", paragraphs.encode() + b"</body>")
    entries = "".join(
        f'<li><a href="text/chapter1.xhtml#s{i}">Log entry {i}</a></li>' for i in range(count)
    )
    nav = "OEBPS/nav.xhtml"
    files[nav] = files[nav].replace(b"<ol>", b"<ol>" + entries.encode(), 1)
    article = load(str(write_epub(tmp_path / "log.epub", files)))
    headings = [block.text for block in article.blocks if block.kind.value == "heading"]
    assert "Log entry 0" in headings
    assert f"Log entry {MAX_TOC_ENTRIES - 1}" in headings
    assert f"Log entry {MAX_TOC_ENTRIES}" not in headings
    assert f"Section {count - 1} of the long log." in article.text
    assert "The storm came in November" in article.text
