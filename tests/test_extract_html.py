"""HTML pages other than the seed: block kinds, metadata sources, furniture removal."""

from __future__ import annotations

from pathlib import Path

from reader.extract import load
from reader.extract.html import parse_html
from reader.model import BlockKind

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_blog_post_blocks_and_metadata() -> None:
    article = load(str(FIXTURES / "blog-post.html"))
    assert article.title == "How to keep sourdough starter alive on holiday"
    assert article.site == "The Crumb Journal"
    assert article.byline == "Priya Raman"
    assert article.section == "Baking"
    assert article.published == "2024-07-02"
    assert article.lang == "en-GB"
    kinds = [b.kind for b in article.blocks]
    assert kinds == [
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
        BlockKind.QUOTE,
        BlockKind.PARAGRAPH,
        BlockKind.CODE,
        BlockKind.PARAGRAPH,
    ]
    assert article.blocks[1].level == 2
    assert article.blocks[8].text == (
        "day 1: 50 g starter + 50 g flour + 50 g water\nday 2: the same, twice"
    )
    for phrase in ("Read more", "Sign up", "You might also like", "Share", "Home", "©"):
        assert phrase not in article.text


def page(head: str, body: str) -> str:
    prose = "<p>The harbour board met on Monday and agreed to dredge the channel in spring.</p>"
    return f"<html><head>{head}</head><body><article>{body}{prose * 3}</article></body></html>"


def test_title_suffix_is_cut_by_site_name_or_host() -> None:
    by_site = parse_html(
        page(
            "<title>Dredging plan approved - Harbour News</title>"
            '<meta property="og:site_name" content="Harbour News">',
            "",
        ),
        "x",
    )
    assert by_site.title == "Dredging plan approved"
    by_host = parse_html(
        page(
            "<title>Harbour - Wikipedia</title>"
            '<link rel="canonical" href="https://en.wikipedia.org/wiki/Harbour">',
            "",
        ),
        "x",
    )
    assert by_host.title == "Harbour"


def test_title_shown_in_full_by_the_h1_is_kept() -> None:
    article = parse_html(
        page(
            "<title>Minecraft 1.8 - The Bountiful Update</title>",
            "<h1>Minecraft 1.8 - The Bountiful Update</h1>",
        ),
        "x",
    )
    assert article.title == "Minecraft 1.8 - The Bountiful Update"


def test_data_table_rows_are_read() -> None:
    rows = "".join(
        f"<tr><td>{1990 + i}</td><td><a href=/f{i}>Film number {i}</a></td>"
        "<td>A remake of an older film, set in a small town in the mountains.</td></tr>"
        for i in range(8)
    )
    table = f"<table><tr><th>Year</th><th>Film</th><th>Notes</th></tr>{rows}</table>"
    article = parse_html(page("<title>Films</title>", table), "x")
    assert "Year: 1993; Film: Film number 3; Notes: A remake of an older film" in article.text


def test_meta_charset_ignored_when_a_saved_page_is_utf8(tmp_path: Path) -> None:
    text = "Ceny energií v Česku klesly, uvedl v pátek úřad, a domácnosti ušetří stovky korun."
    html = (
        '<html><head><meta charset="windows-1250"><title>Zprávy</title></head>'
        f"<body><article><p>{text}</p><p>{text}</p></article></body></html>"
    )
    path = tmp_path / "saved.html"
    path.write_bytes(html.encode("utf-8"))
    assert text in load(str(path)).text


def test_navigation_is_never_article_text(tmp_path: Path) -> None:
    """A breadcrumb or a "next story" bar inside the article's container is left out, and
    a page of nothing but navigation has no article."""
    import pytest

    from reader.extract import ExtractionError

    prose = "This paragraph is the story itself, told in full sentences a reader came for."
    page = (
        "<html><head><title>Story</title></head><body><article><h1>Story</h1>"
        '<nav class="breadcrumb">Home › World › Asia</nav>'
        f"<p>{prose}</p><p>{prose} It goes on.</p>"
        '<div role="navigation">Previous story · Next story</div>'
        "<menu><li>Share</li></menu></article></body></html>"
    )
    text = parse_html(page, "story.html").text
    assert prose in text
    for furniture in ("Home", "Asia", "Previous story", "Share"):
        assert furniture not in text
    only_menus = tmp_path / "menus.html"
    only_menus.write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    with pytest.raises(ExtractionError, match="no article text"):
        load(str(only_menus))
