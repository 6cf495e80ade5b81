"""Emphasis, strong text, inline code and links found in HTML, as spans over the text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from reader.extract import load
from reader.extract.html import parse_html
from reader.extract.inline_html import BR, Pieces
from reader.markdown_writer import article_markdown
from reader.model import Block, article_from_dict
from reader.safe_text import sanitize_line

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGE = "https://example.org/2023/06/night-trains.html"


def _spans(block_text: str, block: Block) -> list[tuple[str, str, str | None]]:
    return [
        (str(span.style), block_text[span.start : span.end], span.href) for span in block.inline
    ]


def test_a_page_keeps_its_emphasis_code_and_links_as_spans() -> None:
    markup = (FIXTURES / "inline-article.html").read_text(encoding="utf-8")
    article = parse_html(markup, PAGE)
    first, second, third, early, bag = article.blocks[:5]
    assert first.text.startswith("Ten years ago the sleeper looked finished: operators")
    assert _spans(first.text, first) == [
        ("emphasis", "finished", None),
        ("strong", "older than their passengers", None),
        ("link", "Vienna to Brussels line", "https://example.org/routes/vienna-brussels"),
    ]
    assert _spans(second.text, second) == [
        ("code", "rail-fare", None),
        ("link", "2021 report of the union of railways", "https://example.com/report.pdf"),
        ("strong", "2021 report", None),
        ("emphasis", "effect", None),
    ]
    assert third.inline == ()  # a script link, an in-page one, one to this very page
    assert early.text == "1. Book early: the cheapest berths go first."
    assert _spans(early.text, early) == [("emphasis", "early", None)]
    assert bag.links[0].href == "https://example.org/2023/06/packing.html"
    copy = article_from_dict(article.to_dict())
    assert [block.inline for block in copy.blocks] == [block.inline for block in article.blocks]


def test_markdown_output_keeps_the_links_and_marks() -> None:
    markup = (FIXTURES / "inline-article.html").read_text(encoding="utf-8")
    markdown = article_markdown(parse_html(markup, PAGE))
    assert "the sleeper looked *finished*: operators" in markdown
    assert "[Vienna to Brussels line](https://example.org/routes/vienna-brussels)" in markdown
    assert "called `rail-fare` made" in markdown
    assert "[**2021 report** of the union of railways](https://example.com/report.pdf)" in markdown
    assert "2. Bring [a small bag](https://example.org/2023/06/packing.html), not" in markdown


def test_a_page_read_without_its_address_keeps_only_absolute_links() -> None:
    markup = (FIXTURES / "inline-article.html").read_text(encoding="utf-8")
    article = parse_html(markup, str(FIXTURES / "inline-article.html"))
    hrefs = [link.href for block in article.blocks for link in block.links]
    assert hrefs == ["https://example.com/report.pdf", PAGE + "#method"]


TEXT = st.sampled_from(
    [
        "word",
        " ",
        "  ",
        "\n",
        "\t",
        "\r\n",
        "\xa0",
        "\u2028",
        "a.",
        "\x1b[31m",
        "\x1b]0;t\x07",
        "\x1b",
        "[",
        "\x07",
        "\u202e",
        "é",
        "",
    ]
)
TAGS = st.sampled_from(["em", "i", "strong", "b", "code", "span", "a", "kbd"])


@st.composite
def fragments(draw: st.DrawFn, depth: int = 0) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        choice = draw(st.integers(0, 5 if depth < 3 else 1))
        if choice <= 1:
            parts.append(draw(TEXT))
        elif choice == 2:
            parts.append("<br>" if draw(st.booleans()) else "<!-- note -->")
        else:
            tag = draw(TAGS)
            attrs = ' href="https://example.org/x"' if tag == "a" else ""
            parts.append(f"<{tag}{attrs}>{draw(fragments(depth + 1))}</{tag}>")
    return "".join(parts)


def _lines(raw: str) -> str:
    """What the block walk shows of a text: each line between `<br>`s collapsed."""
    return "\n".join(line for part in raw.split(BR) if (line := sanitize_line(part)))


@settings(max_examples=400, deadline=None)
@given(fragments())
def test_the_text_is_what_it_always_was_and_each_span_covers_its_element(markup: str) -> None:
    marked = markup.replace("<br>", "<br>" + BR)  # as the block walk marks each
    root = lxml_html.fragment_fromstring(f"<p>{marked}</p>")
    pieces = Pieces()
    pieces.add_element(root)
    assert pieces.raw == root.text_content()
    text, spans = pieces.finish()
    assert text == _lines(root.text_content())
    assert pieces.finish(lines=False)[0] == sanitize_line(root.text_content())
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert not text[span.start].isspace()
        assert not text[span.end - 1].isspace()
    if "\x1b" in markup:
        return  # an escape sequence cut by a tag is taken out across it: no simple rule
    styles = {"em": "emphasis", "i": "emphasis", "b": "strong", "strong": "strong"}
    styles |= {"code": "code", "kbd": "code", "a": "link"}
    expected = {
        (styles[element.tag], piece)
        for element in root.iter(*styles)
        if (piece := _lines(element.text_content()))
    }
    assert {(str(span.style), text[span.start : span.end]) for span in spans} == expected


MARKDOWN = """\
# Notes on the build

The *first* run is slow, the _second_ is **much faster**, and `make check` runs
both; see [the **guide**](https://example.org/guide "Guide") for snake_case_names.
"""


def test_markdown_emphasis_code_and_links_lose_their_markers_and_become_spans(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    article = load(str(path))
    (block,) = article.blocks
    assert block.text == (
        "The first run is slow, the second is much faster, and make check runs both; "
        "see the guide for snake_case_names."
    )
    assert _spans(block.text, block) == [
        ("emphasis", "first", None),
        ("emphasis", "second", None),
        ("strong", "much faster", None),
        ("code", "make check", None),
        ("link", "the guide", "https://example.org/guide"),
        ("strong", "guide", None),
    ]
    assert "see [the **guide**](https://example.org/guide) for" in article_markdown(article)


def test_a_plain_text_scrape_keeps_its_asterisks(tmp_path: Path) -> None:
    path = tmp_path / "scrape.txt"
    text = MARKDOWN.replace("# Notes on the build\n\n", "")
    path.write_text(text, encoding="utf-8")
    (block,) = load(str(path)).blocks
    assert block.text.startswith("The *first* run is slow,")
    assert "**much faster**, and `make check` runs" in block.text
    assert block.inline == ()


def test_reader_extract_markdown_of_a_served_page_writes_its_links_in_full() -> None:
    from tests.http_support import serving_body

    body = (FIXTURES / "inline-article.html").read_bytes()
    with serving_body(body) as base:
        url = f"{base}/2023/06/night-trains.html"
        done = subprocess.run(
            [sys.executable, "-m", "reader", "extract", "-f", "markdown", url],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert f"the [Vienna to Brussels line]({base}/routes/vienna-brussels) sells" in done.stdout
    assert f"2. Bring [a small bag]({base}/2023/06/packing.html), not" in done.stdout
    assert "[open the chart]" not in done.stdout


def test_a_link_whose_address_the_url_parser_cannot_read_is_text_not_a_failure() -> None:
    """`http://[::1` (an unclosed IPv6 host) makes urllib raise: the page is still read,
    its words kept, the link dropped; with a web address to join links to and without."""
    markup = (
        "<html><head><title>Broken links</title></head><body><article>"
        "<p>A paragraph of prose with <a href='http://[::1'>an address cut short</a> inside"
        " it, long enough to be the article's text for certain.</p>"
        "<p>Another with <a href='/x'>a relative link</a> and <a href='https://ok.example/'>"
        "a good one</a>, so that the article has a second paragraph too.</p>"
        "</article></body></html>"
    )
    for source in (PAGE, str(FIXTURES / "broken-links.html")):  # joined, and not
        article = parse_html(markup, source)
        first, second = article.blocks[:2]
        assert "an address cut short" in first.text
        assert not first.links
        assert ("link", "a good one", "https://ok.example/") in _spans(second.text, second)


def test_a_markdown_link_is_followed_only_where_a_page_s_would_be(tmp_path: Path) -> None:
    """Script, data and file addresses, and relative ones with no web address to join them
    to, are text (no "Open in the web browser" for javascript:); an address with a
    parenthesis in it stays whole."""
    path = tmp_path / "notes.md"
    path.write_text(
        "Read [a script](javascript:alert(1)), [some data](data:text/html,<b>x</b>), "
        "[a file](file:///etc/hostname), [a sibling](other.md) and "
        "[the language](https://en.wikipedia.org/wiki/Python_(language)) today.\n",
        encoding="utf-8",
    )
    (block,) = load(str(path)).blocks
    assert block.text == ("Read a script, some data, a file, a sibling and the language today.")
    assert _spans(block.text, block) == [
        ("link", "the language", "https://en.wikipedia.org/wiki/Python_(language)")
    ]


def test_a_served_markdown_page_s_relative_links_lead_to_the_site() -> None:
    from tests.http_support import serving_body

    body = b"# Notes\n\nSee [the next page](next.md) and [a trap](javascript:x) for more.\n"
    with serving_body(body, "text/markdown") as base:
        (block,) = load(f"{base}/docs/notes.md").blocks
    assert _spans(block.text, block) == [("link", "the next page", f"{base}/docs/next.md")]
