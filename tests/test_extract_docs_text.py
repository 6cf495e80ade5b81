"""Plain-text dumps of documentation and wiki pages: titled after the page, headings kept
as headings, the site's furniture gone.

The fixtures are pages as w3m dumps them (`w3m -dump`): mdBook's keyboard help, theme menu
and numbered chapter sidebar above the chapter; Sphinx's navigation bars, permalink signs
and contents list around it; MediaWiki's menus, "[edit]" links, reference markers and
footer. A dump with that much furniture is a page to clean, not a clean text to keep whole.
"""

from __future__ import annotations

import re

import pytest

from reader.model import BlockKind
from tests.test_extract_docs import DOCS, extracted, texts

EXPECTED = {
    "mdbook.txt": (
        "Scheduling Lamps",
        ["Writing a schedule", "Skipping a day", "Overlapping schedules", "Summary"],
    ),
    "sphinx.txt": (
        "Configuring the scheduler",
        ["The configuration file", "Choosing the number of workers"],
    ),
    "mediawiki.txt": ("Lake Saimaa", ["Geography", "History", "Modern times", "Wildlife"]),
}
FURNITURE = (
    "Keyboard shortcuts",
    "Press ? to show this help",
    "Auto",
    "Light",
    "Coal",
    "Navy",
    "Ayu",
    "1. 1.1. Installation",
    "Introduction",
    "Navigation",
    "index",
    "Table of Contents",
    "Previous topic",
    "Show Source",
    "Quick search",
    "Jump to content",
    "Main menu",
    "Toggle the table of contents",
    "12 languages",
    "View history",
    "Categories:",
    "Privacy policy",
)
_MARKER = re.compile(r"\^\[\d+\]")


def prose(name: str) -> list[str]:
    """The fixture's paragraphs of writing (long ones), unwrapped, reference markers out."""
    chunks = (DOCS / name).read_text().split("\n\n")
    long = [" ".join(chunk.split()) for chunk in chunks if len(chunk) > 200]
    return [_MARKER.sub("", text) for text in long if text[0].isalpha()]  # not a list


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_documentation_dump_is_titled_after_its_page_and_keeps_its_headings(name: str) -> None:
    article = extracted(name)
    title, headings = EXPECTED[name]
    assert article.title == title
    # (an admonition's "Note" above its paragraph is a heading too)
    assert [h for h in texts(article, BlockKind.HEADING) if h != "Note"] == headings


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_documentation_dump_keeps_its_prose_and_drops_the_sites_furniture(name: str) -> None:
    article = extracted(name)
    long = [text for text in texts(article, BlockKind.PARAGRAPH) if len(text) > 200]
    assert long == prose(name)
    kept = [block.text for block in article.blocks]
    assert [text for text in FURNITURE if text in kept] == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_documentation_dump_shows_no_permalinks_edit_links_or_markers(name: str) -> None:
    text = extracted(name).text
    for mark in ("¶", "[edit]", "^[", "[1]"):
        assert mark not in text
