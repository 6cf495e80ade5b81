"""Plain-text books: chapter headings, hard-wrapped paragraphs, Project Gutenberg's frame."""

from __future__ import annotations

import functools
import textwrap
from pathlib import Path

import pytest

from reader.extract import load
from reader.extract.book import chapter_level
from reader.extract.text import parse_text
from reader.model import Article, BlockKind
from tests.test_extract_runs import scrape

SENTENCES = [
    "The keeper climbed the tower every evening before the light was lit.",
    "Nobody in the village could remember a winter as long as that one.",
    "She kept the letters in a tin box under the bed, tied with a blue ribbon.",
    "When the boat came at last, it brought flour, oil, and a stranger in a grey coat.",
    "He said very little at supper, and less at breakfast.",
    "The wind turned in the night and the sea went quiet, as if it were listening.",
    "By March the road to the harbour was passable again, though only just.",
    "It was the doctor who first noticed that the clock in the hall had stopped.",
]
DIALOGUE = ["“Who is he?”", "“Nobody knows.”", "“Ask him, then.”", "“I did.”"]


def paragraph(seed: int) -> str:
    """Three to five sentences of prose, different for each seed."""
    count = 3 + seed % 3
    return " ".join(SENTENCES[(seed + 3 * i) % len(SENTENCES)] for i in range(count))


def chapter(seed: int, size: int = 4) -> list[str]:
    """`size` prose paragraphs with a run of short dialogue in the middle."""
    body = [paragraph(seed + n) for n in range(size)]
    return body[: size // 2] + DIALOGUE + body[size // 2 :]


def wrapped(paragraphs: list[str]) -> str:
    """Hard-wrapped at 70 columns, a blank line between paragraphs, as Gutenberg texts are."""
    return "\n\n".join(textwrap.fill(p, width=70) for p in paragraphs) + "\n"


HEADINGS = [  # (lines in the file, the heading block's level and text)
    (["BOOK ONE"], 1, "BOOK ONE"),
    (["CHAPTER I", "THE STORM"], 2, "CHAPTER I. THE STORM"),
    (["Chapter 2"], 2, "Chapter 2"),
    (["CHAPTER III. THE RETURN"], 2, "CHAPTER III. THE RETURN"),
    (["PART IV"], 1, "PART IV"),
    (["Chapter One", "In Which a Letter Arrives"], 2, "Chapter One. In Which a Letter Arrives"),
    (["Chapter 12: The Stranger"], 2, "Chapter 12: The Stranger"),
    (["BOOK TWO"], 1, "BOOK TWO"),
    (["CHAPTER XII."], 2, "CHAPTER XII."),
    (["Chapter the Last"], 2, "Chapter the Last"),
    (["EPILOGUE"], 2, "EPILOGUE"),
]
CONTENTS = [
    "CONTENTS",
    "CHAPTER I. The Storm",
    "CHAPTER II. The Harbour",
    "CHAPTER III. The Return",
]


def book_lines() -> tuple[list[str], list[str]]:
    """The paragraphs of a book (title page, contents, parts and chapters) and its body."""
    lines = ["THE LIGHTHOUSE KEEPER", "by Mary Example", *CONTENTS]
    body: list[str] = []
    for seed, (heading, level, _) in enumerate(HEADINGS):
        lines += heading
        if level == 2:
            text = chapter(seed)
            lines += text
            body += text
    return lines, body


def kinds(article: Article, kind: BlockKind) -> list[str]:
    return [block.text for block in article.blocks if block.kind is kind]


def test_chapter_headings_in_many_forms() -> None:
    lines, body = book_lines()
    article = parse_text(wrapped(lines), "book.txt")
    headings = [(b.level, b.text) for b in article.blocks if b.kind is BlockKind.HEADING]
    assert headings == [(level, text) for _, level, text in HEADINGS]
    assert article.title == "THE LIGHTHOUSE KEEPER"
    assert article.byline == "Mary Example"
    paragraphs = kinds(article, BlockKind.PARAGRAPH)
    assert paragraphs == [*CONTENTS, *body]  # a table of contents is text, not headings


def test_hard_wrapped_paragraphs_are_joined() -> None:
    lines, body = book_lines()
    text = wrapped(lines)
    assert max(len(line) for line in text.splitlines()) <= 70
    article = parse_text(text, "book.txt")
    assert kinds(article, BlockKind.PARAGRAPH)[len(CONTENTS) :] == body
    assert paragraph(0) in article.text


GUTENBERG_HEADER = """\
The Project Gutenberg eBook of The Lighthouse Keeper

This ebook is for the use of anyone anywhere in the United States and
most other parts of the world at no cost and with almost no restrictions
whatsoever.

Title: The Lighthouse Keeper

Author: Mary Example

Release date: May 1, 2008 [eBook #12345]

Language: English

*** START OF THE PROJECT GUTENBERG EBOOK THE LIGHTHOUSE KEEPER ***
"""
GUTENBERG_FOOTER = """\
*** END OF THE PROJECT GUTENBERG EBOOK THE LIGHTHOUSE KEEPER ***

Updated editions will replace the previous one--the old editions will
be renamed.

START: FULL LICENSE

THE FULL PROJECT GUTENBERG LICENSE
PLEASE READ THIS BEFORE YOU DISTRIBUTE OR USE THIS WORK
"""


def gutenberg_book() -> tuple[str, list[str]]:
    body = ["_The Lighthouse Keeper_", "by Mary Example", "Produced by A. Volunteer"]
    paragraphs: list[str] = []
    for number in ("I", "II"):  # two chapters: the frame alone makes it a book
        body += [f"CHAPTER {number}.", *chapter(len(paragraphs))]
        paragraphs += chapter(len(paragraphs))
    return GUTENBERG_HEADER + "\n" + wrapped(body) + "\n" + GUTENBERG_FOOTER, paragraphs


def test_gutenberg_frame_is_left_out_and_its_card_read() -> None:
    text, paragraphs = gutenberg_book()
    article = parse_text(text, "pg12345.txt")
    assert article.title == "The Lighthouse Keeper"
    assert article.byline == "Mary Example"
    assert article.lang == "en"
    assert "Gutenberg" not in article.text
    assert "LICENSE" not in article.text
    assert "Produced by" not in article.text
    assert [b.text for b in article.blocks if b.kind is BlockKind.HEADING] == [
        "CHAPTER I.",
        "CHAPTER II.",
    ]
    assert article.blocks[0].kind is BlockKind.HEADING  # the title page went to the metadata
    assert kinds(article, BlockKind.PARAGRAPH) == paragraphs


def test_gutenberg_title_from_the_marker_without_a_card() -> None:
    text, _ = gutenberg_book()
    text = text.replace("Title: The Lighthouse Keeper", "").replace("Author: Mary Example", "")
    article = parse_text(text, "pg12345.txt")
    assert article.title == "THE LIGHTHOUSE KEEPER"
    assert "Gutenberg" not in article.text


def test_gutenberg_italics_and_illustrations() -> None:
    body = [
        "CHAPTER I.",
        "[Illustration]",
        "It was _not_ the first time, said the keeper.",
        "[Illustration: The lighthouse in a storm]",
        *SENTENCES[:3],
    ]
    article = parse_text(GUTENBERG_HEADER + wrapped(body) + GUTENBERG_FOOTER, "pg.txt")
    assert article.blocks[1].text == "It was not the first time, said the keeper."
    assert article.blocks[2].kind is BlockKind.CAPTION
    assert article.blocks[2].text == "The lighthouse in a storm"
    assert "Illustration" not in article.text


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("CHAPTER I", 2),
        ("Chapter 1", 2),
        ("CHAPTER XII. THE RETURN", 2),
        ("Chapter One", 2),
        ("Chapter Twenty-One", 2),
        ("Chapter the First", 2),
        ("chapter iv", 2),
        ("Chapter 3 — The Storm", 2),
        ("BOOK TWO", 1),
        ("PART III", 1),
        ("Part 2: Winter", 1),
        ("Volume I", 1),
        ("PROLOGUE", 2),
        ("Epilogue.", 2),
    ],
)
def test_chapter_heading_lines(line: str, level: int) -> None:
    assert chapter_level(line) == level


@pytest.mark.parametrize(
    "line",
    [
        "Part of the problem was the weather.",
        "Book one of the series was better.",
        "Chapter Mix",
        "Chapter and verse",
        "PART IIII",
        "Part I was there, and so was he.",
        "The chapter ends here.",
    ],
)
def test_not_chapter_headings(line: str) -> None:
    assert chapter_level(line) == 0


def test_a_story_without_chapters_is_kept_whole() -> None:
    """Long runs of dialogue are short lines: a page's cleaner would cut them out."""
    paragraphs = [
        line for seed in range(12) for line in [paragraph(seed), *DIALOGUE * (1 + seed % 4)]
    ]
    text = wrapped(paragraphs)
    article = parse_text(text, "story.txt")
    assert article.text.split("\n\n") == paragraphs
    assert article.title == ""


def test_a_web_page_in_three_parts_is_still_cleaned() -> None:
    parts = []
    for seed, name in enumerate(["One", "Two", "Three"]):
        parts += [f"Part {name}: A Visit", *chapter(seed)]
    text = scrape("Related stories", "Share this", *parts, "Read more", "Advertisement")
    kept = parse_text(text, "page.txt").text
    assert paragraph(0) in kept
    assert "Privacy policy" not in kept  # the page's footer went
    assert "Home" not in kept


BIG_BOOK_CHAPTERS = 1250


@functools.cache
def _wrapped_cached(paragraphs: tuple[str, ...]) -> str:
    return wrapped(list(paragraphs))


def test_a_5_mb_book_parses(tmp_path: Path) -> None:
    text, _ = gutenberg_book()
    head, tail = text.split("CHAPTER I.", 1)[0], GUTENBERG_FOOTER
    chapters = []
    for number in range(1, BIG_BOOK_CHAPTERS + 1):
        paragraphs = [paragraph(number + n) for n in range(14)]
        body = _wrapped_cached(tuple(paragraphs[:7] + DIALOGUE + paragraphs[7:]))
        chapters.append(f"Chapter {number}\n\n{body}")
    path = tmp_path / "big.txt"
    path.write_text(head + "\n".join(chapters) + "\n" + tail, encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    article = load(str(path))
    assert article.title == "The Lighthouse Keeper"
    headings = kinds(article, BlockKind.HEADING)
    assert headings == [f"Chapter {n}" for n in range(1, BIG_BOOK_CHAPTERS + 1)]
    assert len(kinds(article, BlockKind.PARAGRAPH)) == BIG_BOOK_CHAPTERS * (14 + len(DIALOGUE))
    assert article.blocks[1].text == paragraph(1)
    assert "Gutenberg" not in article.text


def test_prose_opening_with_by_is_no_byline() -> None:
    paragraphs = [
        "By morning the storm had passed, and the harbour was full of broken boats.",
        "Produced by the village council, the report blamed nobody in particular.",
        *[paragraph(seed) for seed in range(4)],
    ]
    article = parse_text(wrapped(paragraphs), "story.txt")
    assert article.byline is None
    assert article.text.split("\n\n") == paragraphs


def test_a_text_the_cleaner_finds_no_article_in_is_kept_whole() -> None:
    """Repeated labels only: the cleaner keeps nothing, so all of it is kept."""
    labels = ["Opening hours", "Monday to Friday, 9 to 5", "Saturday, 10 to 1"] * 2
    article = parse_text("\n\n".join(labels), "notice.txt")
    assert article.title == "Opening hours"
    assert article.text.split("\n\n") == [label for label in labels if label != "Opening hours"]


def test_a_contents_list_with_sections_and_pages_gives_no_headings() -> None:
    contents = """\
CONTENTS.


  CHAPTER I.

  THE STORM.
                                                                    PAGE
  The keeper's tower                                                   1
  A letter arrives                                                     3


  CHAPTER II.

  THE HARBOUR.

  Boats in the harbour                                                 7
  The stranger                                                         9
"""
    body = ["CHAPTER I.", "THE STORM.", *chapter(1), "CHAPTER II.", "THE HARBOUR.", *chapter(2)]
    article = parse_text(GUTENBERG_HEADER + contents + "\n\n" + wrapped(body), "pg.txt")
    assert kinds(article, BlockKind.HEADING) == [
        "CHAPTER I. THE STORM.",
        "CHAPTER II. THE HARBOUR.",
    ]
    assert article.text.index("The keeper's tower") < article.text.index(SENTENCES[1])
