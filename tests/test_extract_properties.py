"""Whatever the input, extraction either gives an article or one ExtractionError line."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.extract import ExtractionError, load
from reader.safe_text import sanitize

WORDS = st.sampled_from(
    [
        "the",
        "council",
        "said",
        "Advertisement",
        "By",
        "Source:",
        "(Photo: AP)",
        "#",
        "-",
        ">",
        "```",
        "\x1b[2J",
        "\x07",
        "\n",
        "\n\n",
        ".",
        "<p>",
        "</p>",
        "<html>",
        "é",
        "\x00",
        "Москва",
    ]
)


def check(data: bytes) -> None:
    try:
        article = load("-", stdin=io.BytesIO(data))
    except ExtractionError as error:
        message = str(error)
        assert message  # never an empty error
    else:
        message = ""
        assert article.text.strip()
        for block in article.blocks:
            assert "\x1b" not in block.text
            assert sanitize(block.text) == block.text
    assert "\n" not in message


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    check(data)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_text(text: str) -> None:
    check(text.encode("utf-8", errors="surrogatepass"))


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=300).map(" ".join))
def test_article_like_soup(text: str) -> None:
    check(text.encode())


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_sanitize_is_idempotent_and_leaves_no_controls(text: str) -> None:
    clean = sanitize(text)
    assert sanitize(clean) == clean
    assert not any(
        (ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F or ch == "\x1b"
        for ch in clean
    )
