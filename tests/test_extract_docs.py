"""Documentation and wiki pages: headings, code and titles kept; site furniture gone.

The fixtures are pages written the way mdBook, Sphinx, MkDocs (Material), Docusaurus,
GitHub's README view and MediaWiki write theirs: headings linked to themselves, permalink
signs and "[edit]" links beside them, sidebars, theme and search menus, reference markers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.extract import load
from reader.markdown_writer import article_markdown
from reader.model import Article, BlockKind
from reader.tui.article_view import ArticleView
from tests.tui_support import fake_app, settle

DOCS = Path(__file__).parent / "fixtures" / "docs"

EXPECTED = {
    "mdbook.html": (
        "Storing Lists of Values with Vectors",
        ["Creating a New Vector", "Updating a Vector", "Reading Elements of Vectors", "Summary"],
    ),
    "sphinx.html": (
        "Configuring the scheduler",
        ["The configuration file", "Choosing the number of workers"],
    ),
    "mkdocs.html": ("Wintering a hive", ["Food stores", "Ventilation"]),
    "docusaurus.html": ("Backing up your notes", ["Where notes live", "Nightly backups"]),
    "github-readme.html": (
        "example/tallyho: Count things from the command line, fast",
        ["tallyho", "Installing", "Counting unique values"],
    ),
    "mediawiki.html": ("Lake Saimaa", ["Geography", "History", "Modern times", "Wildlife"]),
}

FURNITURE = (
    "Auto",
    "Coal",
    "Navy",
    "Search",
    "Toggle",
    "Previous",
    "Next",
    "Edit this page",
    "Copy",
    "On this page",
    "Table of contents",
    "Skip to",
    "Jump to content",
    "Log in",
    "Sign in",
    "Quick search",
    "Show Source",
    "Categories",
    "Privacy",
)


def extracted(name: str) -> Article:
    return load(str(DOCS / name))


def texts(article: Article, kind: BlockKind) -> list[str]:
    return [block.text for block in article.blocks if block.kind is kind]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_documentation_page_keeps_its_headings_and_loses_the_site_suffix(name: str) -> None:
    article = extracted(name)
    title, headings = EXPECTED[name]
    assert article.title == title
    assert [h for h in texts(article, BlockKind.HEADING) if h != "References"] == headings


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_documentation_page_shows_no_permalinks_edit_links_or_menus(name: str) -> None:
    article = extracted(name)
    for block in article.blocks:
        assert not any(sign in block.text for sign in ("¶", "[edit]", "\u200b", "[1]")), block
        if block.kind is not BlockKind.CODE:
            assert block.text not in FURNITURE
            assert not block.text.startswith(("Skip to", "Direct link", "Permalink")), block


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("mdbook.html", "v.push(5);\nv.push(6);"),
        ("sphinx.html", 'queue = "default"'),
        ("mkdocs.html", "upper entrance: 8 mm × 60 mm"),
        ("docusaurus.html", "quillpad backup --to /mnt/backup --keep 30"),
        ("github-readme.html", "make && sudo make install"),
    ],
)
def test_code_blocks_stay_code(name: str, code: str) -> None:
    assert any(code in text for text in texts(extracted(name), BlockKind.CODE))


def test_a_page_whose_prose_readability_misses_is_read_from_its_main_region() -> None:
    article = extracted("docusaurus.html")
    paragraphs = texts(article, BlockKind.PARAGRAPH)
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Quillpad keeps every note as a plain file")


def test_wiki_reference_markers_go_and_its_references_are_kept_apart() -> None:
    article = extracted("mediawiki.html")
    body = " ".join(block.text for block in article.blocks if block.is_body)
    assert "[1]" not in body
    assert "[citation needed]" not in body
    assert "^" not in body
    assert "fourth largest natural freshwater lake in Europe. It was formed" in body
    notes = texts(article, BlockKind.CAPTION)
    assert '"Saimaa Canal". Finnish Transport Infrastructure Agency.' in notes
    assert "4,400 km2" in body  # a superscript that is not a marker stays


def test_ordered_lists_keep_their_numbers_in_html_text_and_markdown() -> None:
    sphinx = extracted("sphinx.html")
    assert texts(sphinx, BlockKind.LIST_ITEM) == [
        "1. Start with one worker per core.",
        "2. Watch the queue length for a day.",
        "3. Add workers while the queue keeps growing.",
    ]
    assert "\n\n1. Start with one worker per core.\n\n2. Watch" in article_markdown(sphinx)


def test_an_ordered_list_can_start_at_any_number(tmp_path: Path) -> None:
    page = tmp_path / "steps.html"
    page.write_text(
        "<html><head><title>Steps</title></head><body><article><h1>Steps</h1>"
        + "<p>"
        + "Long enough words to make this an article worth reading. " * 6
        + "</p>"
        + '<ol start="7"><li>Seventh step.</li><li>Eighth step.</li></ol>'
        + "<ul><li>A bullet that says something of its own.</li></ul></article></body></html>"
    )
    items = texts(load(str(page)), BlockKind.LIST_ITEM)
    assert items == [
        "7. Seventh step.",
        "8. Eighth step.",
        "A bullet that says something of its own.",
    ]


def test_numbered_items_of_plain_text_keep_their_numbers(tmp_path: Path) -> None:
    note = tmp_path / "steps.md"
    note.write_text(
        "# Steps\n\nDo these in order, one after the other, and do not skip any.\n\n"
        "1. Open the lid.\n2. Lift the frame.\n3.   Close it again.\n\n- A bullet item.\n"
    )
    article = load(str(note))
    assert texts(article, BlockKind.LIST_ITEM) == [
        "1. Open the lid.",
        "2. Lift the frame.",
        "3. Close it again.",
        "A bullet item.",
    ]
    assert "\n- A bullet item." in article_markdown(article)


async def test_numbered_items_are_drawn_with_their_number_and_bullets_with_a_bullet() -> None:
    app = fake_app(DOCS / "sphinx.html")
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        lines = app.screen.query_one(ArticleView).visible_text()
    numbered = [line for line in lines if "Start with one worker per core." in line]
    assert numbered
    assert "•" not in numbered[0]
    assert "1. Start" in numbered[0]
