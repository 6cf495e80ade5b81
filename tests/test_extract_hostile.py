"""Hostile input finishes in bounded time with an article or one clear error line.

Deep nesting, a 10 MB single line, NUL bytes and invalid UTF-8, through the same `load()`
the reader uses. Each case takes at most a few seconds; the budget asserted is generous
(a slow CI machine) but far below what a quadratic path would need. It is CPU time, not
wall-clock time: on a machine loaded by other work, a case that needs 5 s of CPU takes 30 s
of wall clock, and that says nothing about the code.
"""

from __future__ import annotations

import io
import time

import pytest

from reader.extract import ExtractionError, load
from reader.model import Article
from reader.safe_text import sanitize

SENTENCE = "The council voted on Tuesday to keep the old library open for another year. "
PARAGRAPHS = "".join(f"<p>{SENTENCE * 3}</p>" for _ in range(4))
TEN_MB = 10 * 1024 * 1024
BUDGET = 20.0
"""Seconds of CPU: a 10 MB line takes about 3 s on a laptop."""


def timed_load(data: bytes) -> tuple[Article | None, str, float]:
    """The article or the error message, and the CPU seconds (of every thread) it took."""
    start = time.process_time()
    try:
        article, message = load("-", stdin=io.BytesIO(data)), ""
    except ExtractionError as error:
        article, message = None, str(error)
        assert message
        assert "\n" not in message
    elapsed = time.process_time() - start
    if article is not None:
        assert all(sanitize(block.text) == block.text for block in article.blocks)
    return article, message, elapsed


@pytest.mark.parametrize("closed", [True, False], ids=["closed", "unclosed"])
def test_100k_levels_of_nesting_around_the_article_is_a_clear_error(closed: bool) -> None:
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + PARAGRAPHS + ("</div>" * depth if closed else "")
    article, message, elapsed = timed_load(page.encode())
    assert article is None
    assert "nested too deeply" in message
    assert elapsed < BUDGET


INTRO = "<p>Residents had collected more than four thousand signatures before the vote.</p>"


@pytest.mark.parametrize("tag", ["div", "blockquote", "section", "ul", "table", "span"])
@pytest.mark.parametrize("intro", ["", INTRO], ids=["alone", "after-a-paragraph"])
def test_text_lost_to_deep_nesting_is_a_clear_error_whatever_the_tag(tag: str, intro: str) -> None:
    depth = 100_000
    page = f"<html><body>{intro}" + f"<{tag}>" * depth + PARAGRAPHS + f"</{tag}>" * depth
    article, message, elapsed = timed_load(page.encode())
    assert article is None, f"{tag}: the deep text was dropped without a word"
    assert "nested too deeply" in message
    assert elapsed < BUDGET


def test_deep_nesting_after_the_article_keeps_the_article() -> None:
    page = "<html><body>" + PARAGRAPHS + "<span><b>" * 50_000 + "x"
    article, _, elapsed = timed_load(page.encode())
    assert article is not None
    assert "keep the old library open" in article.text
    assert elapsed < BUDGET


def test_moderate_nesting_is_read() -> None:
    page = "<html><body>" + "<div>" * 200 + PARAGRAPHS + "</div>" * 200 + "</body></html>"
    article, _, _ = timed_load(page.encode())
    assert article is not None
    assert article.text.count("keep the old library open") == 12


def test_ten_megabyte_single_line_of_text() -> None:
    line = SENTENCE * (TEN_MB // len(SENTENCE))
    article, _, elapsed = timed_load(line.encode())
    assert article is not None
    assert len(article.text) >= 0.99 * len(line.strip())
    assert elapsed < BUDGET


def test_ten_megabyte_single_line_of_html() -> None:
    body = SENTENCE * (TEN_MB // len(SENTENCE) // 2)
    second = "The second paragraph begins here. " + body
    page = f"<html><head><title>T</title></head><body><p>{body}</p><p>{second}</p></body></html>"
    article, message, elapsed = timed_load(page.encode())
    if article is None:  # the parser stopped inside: refused, never shown without the rest
        assert "too long to read" in message
    else:
        assert article.text.startswith("The council voted")
        assert "The second paragraph begins here." in article.text
    assert elapsed < BUDGET


def test_a_text_run_over_the_parser_limit_is_a_clear_error() -> None:
    body = SENTENCE * (TEN_MB // len(SENTENCE))  # libxml2 reads at most 10 MB of one text
    article, message, elapsed = timed_load(f"<html><body><p>{body}</p></body></html>".encode())
    assert article is None
    assert "too long to read" in message
    assert elapsed < BUDGET


@pytest.mark.parametrize(
    "data",
    [b"x" * TEN_MB, b"<html><body><p>" + b"x" * TEN_MB + b"</p></body></html>"],
    ids=["text-one-word", "html-one-word"],
)
def test_ten_megabyte_line_without_spaces(data: bytes) -> None:
    _, _, elapsed = timed_load(data)  # an article or a clear error, either is fine
    assert elapsed < BUDGET


def test_a_paragraph_of_forty_thousand_links_is_read_in_bounded_time() -> None:
    """Under the element bound, as a link farm or a long list of references can be: each
    link's place in the paragraph was looked up by a scan of all of them (over 30 s of CPU)."""
    links = "".join(f'<a href="https://example.org/{i}">item {i}</a>, ' for i in range(40_000))
    page = f"<html><body><article>{PARAGRAPHS}<p>See {links}and more.</p></article></body></html>"
    article, _, elapsed = timed_load(page.encode())
    assert article is not None
    assert elapsed < BUDGET
    assert sum(len(block.links) for block in article.blocks) == 40_000


def test_a_line_s_shape_is_told_by_its_beginning() -> None:
    """Code, columns and cues are judged on a bounded part of a line: a megabyte-long line
    with none of their marks was scanned whole by each of a dozen patterns, for every
    judgment (12 s for a 19 MB one-word file, now 3)."""
    from reader.extract import runs, shapes

    long_word = "x" * (shapes.SHAPE_SAMPLE * 4)
    assert shapes.is_data(long_word + " {;}") is False
    assert shapes.is_code(long_word + " f(x);") is False
    assert shapes.is_data("x = f(y); " + long_word) is True
    assert runs.is_cue("Related " + long_word) is False
    assert runs.is_cue("Related stories") is True


def test_nul_bytes_at_the_start_are_a_binary_file() -> None:
    article, message, _ = timed_load(b"\x00\x00" + SENTENCE.encode() * 20)
    assert article is None
    assert "binary file" in message


@pytest.mark.parametrize("html", [False, True], ids=["text", "html"])
def test_nul_bytes_after_the_head_are_dropped(html: bool) -> None:
    prose = (SENTENCE * 3 + "\n\n") * 60  # over 8 KB, where the binary sniffing looks
    damaged = prose.encode() + b"Then \x00a NUL\x00 byte and more words in a final sentence.\n"
    data = b"<html><body><pre>" + damaged + b"</pre></body></html>" if html else damaged
    article, _, _ = timed_load(data)
    assert article is not None
    assert "\x00" not in article.text
    assert "keep the old library open" in article.text


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>" + PARAGRAPHS.encode().replace(b"library", b"libr\xff\xfeary") + b"</body>",
        b"<html><head><meta charset=utf-8></head><body>"
        + PARAGRAPHS.encode().replace(b" open ", b" \xc3\x28\xe2\x82 ")
        + b"</body></html>",
    ],
    ids=["html-bad-bytes", "html-declared-utf8-bad-bytes"],
)
def test_invalid_utf8_in_html_is_read(data: bytes) -> None:
    article, _, _ = timed_load(data)
    assert article is not None
    assert "The council voted on Tuesday" in article.text


@pytest.mark.parametrize(
    "data",
    [bytes(range(0x80, 0x100)) * 400, (bytes(range(0x80, 0x100)) + SENTENCE.encode()) * 100],
    ids=["only-high-bytes", "interleaved"],
)
def test_mostly_invalid_utf8_gives_an_article_or_an_error(data: bytes) -> None:
    _, _, elapsed = timed_load(data)
    assert elapsed < BUDGET


def test_a_million_paragraphs_are_refused_before_parsing() -> None:
    page = "<html><body>" + "<p>x.</p>" * 1_000_000 + "</body></html>"
    article, message, elapsed = timed_load(page.encode())
    assert article is None
    assert message.startswith("page has too many elements to clean (1,000,002; at most")
    assert elapsed < BUDGET


def test_a_long_page_under_the_element_bound_is_read() -> None:
    rows = "".join(f"<tr><td>row {i}</td><td>value {i}</td></tr>" for i in range(6000))
    page = f"<html><body><article>{PARAGRAPHS}<table>{rows}</table></article></body></html>"
    article, message, _ = timed_load(page.encode())
    assert article is not None, message
    assert "row 5999, value 5999" in article.text


def test_markup_written_by_a_script_does_not_count_towards_the_element_bound() -> None:
    script = "<script>var rows = '" + "<i>" * 250_000 + "';</script>"
    page = f"<html><head>{script}</head><body><article>{PARAGRAPHS}</article></body></html>"
    article, message, _ = timed_load(page.encode())
    assert article is not None, message
    assert "<i>" not in article.text
    unclosed = "<html><body>" + "<p>x.</p>" * 250_000 + "<script>" + "<i>" * 10 + "</body></html>"
    _, message, _ = timed_load(unclosed.encode())
    assert message.startswith("page has too many elements to clean (250,003; at most")
