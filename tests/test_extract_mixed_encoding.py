"""A UTF-8 text with a few stray windows-1252 bytes in it: the stray bytes read as the
letters and marks they were, the UTF-8 around them as UTF-8; damage still shows as U+FFFD."""

from __future__ import annotations

import io
from pathlib import Path

from reader.extract import load
from reader.extract.decoding import decode
from tests.http_support import serving_body

FIXTURE = Path(__file__).parent / "fixtures" / "text" / "mixed-encoding.txt"


def test_the_fixture_is_utf8_with_stray_legacy_bytes() -> None:
    data = FIXTURE.read_bytes()
    assert "Zürich".encode() in data
    assert b"caf\xe9 " in data  # not valid UTF-8: a windows-1252 "é"


def test_stray_bytes_read_as_windows_1252_and_utf8_stays_utf8() -> None:
    article = load(str(FIXTURE))
    text = article.text
    assert "\ufffd" not in text
    assert "His café now serves a crème brûlée" in text
    assert "it’s the one dish" in text
    assert "“It pays the rent,” he says" in text
    assert "Zürich’s old town fills up early" in text
    assert article.title == "Weekend in Zürich: the old town’s cafés after the rain"


def test_stdin_reads_the_same() -> None:
    article = load("-", stdin=io.BytesIO(FIXTURE.read_bytes()))
    assert "His café now serves" in article.text


def test_a_declared_utf8_charset_reads_stray_bytes_the_same_way() -> None:
    data = "Zürich’s cafés — ".encode() + b"a caf\xe9 and a cr\xe8me"
    assert decode(data, "utf-8") == "Zürich’s cafés — a café and a crème"
    assert decode(data, "utf-8", html=True) == "Zürich’s cafés — a café and a crème"


def test_a_legacy_dash_between_spaces_is_read_too() -> None:
    data = "Zürich’s cafés ".encode() + b"\x96 open late"
    assert decode(data) == "Zürich’s cafés – open late"


def test_bytes_that_touch_no_letter_are_damage() -> None:
    data = "Zürich’s cafés — a report ".encode() * 3 + b"then \xff\xfe here, \xe2\x80 there"
    decoded = decode(data)
    assert decoded.endswith("then \ufffd\ufffd here, \ufffd there")
    assert decoded.startswith("Zürich’s cafés — a report")


def test_a_legacy_text_is_still_read_whole_as_windows_1252() -> None:
    text = "The café on the corner closes at midnight, even in summer, after the fête.\n"
    assert decode(text.encode("cp1252") * 4) == text * 4


LABELLED = (
    "Café au lait is a drink that many people like in the morning, naïve or not, with crème.\n\n"
    "A second paragraph so it reads like an article and not a label at all, with words.\n"
).encode()


def test_utf8_served_as_latin1_reads_as_utf8() -> None:
    # A server's default label over a file saved as UTF-8: every accented letter became
    # two ("CafÃ©"), and the paragraph holding them was left out as noise.
    with serving_body(LABELLED, "text/plain; charset=iso-8859-1") as base:
        article = load(f"{base}/notes.txt")
    assert "Café au lait" in article.text
    assert "crème" in article.text
    assert decode("caf\xe9 latin".encode("latin-1"), "iso-8859-1") == "caf\xe9 latin"
