"""Local files and stdin: what is read, and what is refused with one actionable line."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import pytest

from reader.extract import ExtractionError, load

ARTICLE = (
    "The council voted on Tuesday to keep the old library open for another year.\n\n"
    "Residents had collected more than four thousand signatures in a single month, "
    "and the mayor said the building would be repaired before the winter.\n"
)
EMPTY_PAGE = (
    b"<html><head><title>Home</title></head><body><nav><a href=/>Home</a></nav></body></html>"
)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def refused(source: str, *, stdin: bytes | None = None) -> str:
    with pytest.raises(ExtractionError) as caught:
        load(source, stdin=io.BytesIO(stdin) if stdin is not None else None)
    message = str(caught.value)
    assert message
    assert "\n" not in message
    assert "Traceback" not in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    message = refused(str(tmp_path / "foo.txt"))
    assert message.startswith("no such file:")
    assert "foo.txt" in message


def test_missing_file_that_looks_like_an_address() -> None:
    assert "https://example.com/story" in refused("example.com/story")


def test_directory(tmp_path: Path) -> None:
    assert "directory" in refused(str(tmp_path))


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        bytes(range(256)) * 8,
        b"Some text\x00\x00\x00\x01\x02\x03 and more\x00\x00 binary" * 20,
    ],
    ids=["png", "pdf", "all-bytes", "nuls"],
)
def test_binary_file(tmp_path: Path, data: bytes) -> None:
    message = refused(str(write(tmp_path / "foo.bin", data)))
    assert "foo.bin is a binary file" in message
    assert "try an .html or .txt file" in message


def test_binary_with_a_lying_extension(tmp_path: Path) -> None:
    assert "binary" in refused(
        str(write(tmp_path / "photo.html", b"\xff\xd8\xff\xe0" + b"\0" * 64))
    )


@pytest.mark.parametrize("data", [b"", b"  \n\n\t\n", b"\xef\xbb\xbf", b"\n\r\n   "])
def test_empty_or_blank_file(tmp_path: Path, data: bytes) -> None:
    assert "empty" in refused(str(write(tmp_path / "empty.txt", data)))


def test_empty_stdin() -> None:
    assert "empty" in refused("-", stdin=b"")


def test_page_without_an_article(tmp_path: Path) -> None:
    message = refused(str(write(tmp_path / "nav.html", EMPTY_PAGE)))
    assert "no article text" in message


@pytest.mark.parametrize(
    "page",
    [b"<!-- nothing but a comment -->", b'<?xml version="1.0"?>', EMPTY_PAGE],
    ids=["comment", "declaration", "navigation"],
)
def test_a_page_without_an_article_is_named_as_it_was_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: bytes
) -> None:
    """ "page.html", not the absolute path the library keeps it under."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "page.html", page)
    assert refused("page.html") == "page has no article text: page.html"


def test_only_escape_sequences_is_no_article(tmp_path: Path) -> None:
    message = refused(str(write(tmp_path / "esc.txt", b"\x1b[2J\x1b[H\x07\x1b]0;x\x07\n")))
    assert "no article text" in message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", ARTICLE.encode())
    path.chmod(0)
    assert "permission denied" in refused(str(path))


def test_file_over_the_cap(tmp_path: Path) -> None:
    from reader.extract.limits import Limits

    path = write(tmp_path / "big.txt", ARTICLE.encode() * 100)
    with pytest.raises(ExtractionError, match="larger than"):
        load(str(path), limits=Limits(max_bytes=1000))


def test_stdin_text() -> None:
    article = load("-", stdin=io.BytesIO(ARTICLE.encode()))
    assert article.text.startswith("The council voted on Tuesday")
    assert "four thousand signatures" in article.text


def test_stdin_html_is_sniffed(seeds_dir: Path) -> None:
    data = (seeds_dir / "cna-cambodia-scam-networks.html").read_bytes()
    article = load("-", stdin=io.BytesIO(data))
    assert article.site == "CNA"


def test_html_gz(tmp_path: Path, seeds_dir: Path) -> None:
    data = (seeds_dir / "cna-cambodia-scam-networks.html").read_bytes()
    article = load(str(write(tmp_path / "page.html.gz", gzip.compress(data))))
    assert article.credit == "CNA/fh"


@pytest.mark.parametrize("kept", [0.5, 0.05, 0.0], ids=["half", "header and a little", "magic"])
def test_a_cut_off_gzip_file_is_damaged_not_empty(tmp_path: Path, kept: float) -> None:
    """A download that stopped part-way: the text it held is not the article, and "is empty"
    would send the user looking in the wrong place."""
    data = gzip.compress(ARTICLE.encode() * 40)
    cut = write(tmp_path / "story.txt.gz", data[: max(2, int(len(data) * kept))])
    assert refused(str(cut)) == f"{cut} is a damaged gzip file (it is cut short)"


def test_gzip_members_one_after_another_are_one_text(tmp_path: Path) -> None:
    parts = gzip.compress(ARTICLE.encode()) + gzip.compress(b"A second part, added later.\n")
    text = load(str(write(tmp_path / "joined.txt.gz", parts))).text
    assert "old library open" in text
    assert "A second part, added later." in text


def test_html_saved_as_txt_is_sniffed(tmp_path: Path, seeds_dir: Path) -> None:
    data = (seeds_dir / "cna-cambodia-scam-networks.html").read_bytes()
    assert load(str(write(tmp_path / "page.txt", data))).site == "CNA"
    assert load(str(write(tmp_path / "page", data))).site == "CNA"


def test_text_saved_as_html_is_read_as_text(tmp_path: Path) -> None:
    article = load(str(write(tmp_path / "notes.html", ARTICLE.encode())))
    assert article.text.startswith("The council voted")


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    text = "Café owners say the new rules are unfair to small businesses in the old town.\n\n"
    data = (text * 3).encode("latin-1") + b"\xff\xfe\x80 end.\n"
    article = load(str(write(tmp_path / "latin1.txt", data)))
    assert "Café owners say" in article.text


def test_utf8_with_a_few_bad_bytes_is_read(tmp_path: Path) -> None:
    text = "Zürich’s café scene — a report from the city’s old town, where prices rose again.\n\n"
    data = (text * 4).encode() + b"A damaged \xff\xfe byte pair here, in an otherwise fine file.\n"
    article = load(str(write(tmp_path / "damaged.txt", data)))
    assert "Zürich’s café scene — a report" in article.text
    assert "\ufffd" in article.text  # the bad bytes show, the rest is intact


def test_utf16_with_bom(tmp_path: Path) -> None:
    article = load(str(write(tmp_path / "u16.txt", ARTICLE.encode("utf-16"))))
    assert article.text.startswith("The council voted")


def test_meta_charset_is_honoured(tmp_path: Path) -> None:
    body = "<p>Москва приняла новый закон о защите читателей, сообщили в пятницу вечером.</p>" * 3
    page = (
        '<html><head><meta charset="windows-1251"><title>Новости</title></head>'
        f"<body><article>{body}</article></body></html>"
    )
    article = load(str(write(tmp_path / "ru.html", page.encode("cp1251"))))
    assert "Москва приняла новый закон" in article.text


def test_messages_never_carry_escape_sequences(tmp_path: Path) -> None:
    message = refused(str(tmp_path / "evil\x1b]0;owned\x07\x1b[2J\nname.txt"))
    assert "\x1b" not in message
    assert "\x07" not in message
    assert "no such file" in message


def test_stray_bytes_in_ascii_text_are_replaced_not_guessed_at(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes(b"Hello \xff\xfe world. This is \xc3\x28 invalid, but readable text.\n")
    article = load(str(path))
    assert "Hello \ufffd\ufffd world" in article.text
    assert "readable text" in article.text


@pytest.mark.parametrize("url", ["http://a..b/", "http://xn--a.com/", f"http://{'a' * 70}.com/"])
def test_malformed_addresses_are_extraction_errors(url: str) -> None:
    with pytest.raises(ExtractionError, match="not a valid web address"):
        load(url)
