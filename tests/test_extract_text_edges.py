"""A plain text's edges: a code sample or a table that ends (or opens) the article is kept,
with the short line after it, in a short note and in a scrape with page furniture alike."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from reader.extract.text import parse_text
from reader.model import Article, BlockKind

INTRO = (
    "The tool ships as a single package on the Python package index, so installing it "
    "takes one command on any machine that already has a recent Python and pip."
)
MORE = (
    "Once it is installed, the command is on your path, and it prints its own help, "
    "which lists every option it takes and what each of them does."
)
MENU = "Home\nNews\nSport\nSign in"


def kinds(article: Article) -> list[tuple[BlockKind, str]]:
    return [(block.kind, block.text) for block in article.blocks]


def test_a_short_note_keeps_its_closing_sample_and_the_line_after_it() -> None:
    text = f"{INTRO}\n\n    $ pip install thing\n    $ thing --help\n\nThat is all.\n"
    article = parse_text(text, "note.txt")
    assert kinds(article) == [
        (BlockKind.PARAGRAPH, INTRO),
        (BlockKind.CODE, "$ pip install thing\n$ thing --help"),
        (BlockKind.PARAGRAPH, "That is all."),
    ]
    assert article.left_out == 0


def test_a_titled_note_keeps_its_closing_sample() -> None:
    text = f"Installing the tool\n\n{INTRO}\n\n    $ pip install thing\n    $ thing --help\n"
    article = parse_text(text, "note.txt")
    assert article.title == "Installing the tool"
    assert kinds(article)[-1] == (BlockKind.CODE, "$ pip install thing\n$ thing --help")


def test_a_short_note_keeps_its_closing_table_and_a_word_after_it() -> None:
    table = "| Country | Score |\n|---|---|\n| Finland | 7.8 |\n| Denmark | 7.6 |"
    intro = "The scores each country reached in the survey, from the highest down."
    text = f"{intro}\n\n{table}\n\nNot bad.\n"
    article = parse_text(text, "scores.txt")
    assert [block.kind for block in article.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.TABLE,
        BlockKind.PARAGRAPH,
    ]
    assert "Finland" in article.blocks[1].text
    assert article.blocks[-1].text == "Not bad."


def test_a_short_note_keeps_the_list_after_its_paragraph() -> None:
    text = f"{INTRO}\n\n- Linux\n- macOS\n"
    article = parse_text(text, "note.txt")
    assert [block.text for block in article.blocks] == [INTRO, "Linux", "macOS"]


def scrape(body: str) -> str:
    """`body` under a page's menu, with the page's share bar and menu again below it."""
    return (
        textwrap.dedent(
            f"""\
        {MENU}

        Installing the tool on a fresh machine

        By Jane Doe · 3 March 2025

        """
        )
        + f"{body}\n\nShare\nRelated stories\n{MENU}\n"
    )


def test_a_scrape_keeps_the_sample_and_the_word_that_end_its_article() -> None:
    body = f"{INTRO}\n\n{MORE}\n\n    $ pip install thing\n    $ thing --help\n\nDone."
    article = parse_text(scrape(body), "page.txt")
    assert kinds(article)[-2:] == [
        (BlockKind.CODE, "$ pip install thing\n$ thing --help"),
        (BlockKind.PARAGRAPH, "Done."),
    ]
    assert "Related stories" not in article.text
    assert "Sign in" not in article.text


def test_a_scrape_keeps_the_sample_that_opens_its_article() -> None:
    body = f"    $ pip install thing\n\n{INTRO}\n\n{MORE}"
    article = parse_text(scrape(body), "page.txt")
    assert kinds(article)[0] == (BlockKind.CODE, "$ pip install thing")
    assert "Sign in" not in article.text


def test_extract_json_of_a_short_note_holds_all_of_it(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(f"{INTRO}\n\n    $ pip install thing\n    $ thing --help\n\nThat is all.\n")
    done = subprocess.run(
        [sys.executable, "-m", "reader", "extract", "--format", "json", str(note)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    found = json.loads(done.stdout)
    assert found["left_out_prose_chars"] == 0
    assert [block["kind"] for block in found["blocks"]] == ["paragraph", "code", "paragraph"]
    assert done.stderr == ""


README = """\
A small program that prints the times of high and low water for a harbour, for a day or a week.

Installation

    $ pip install tidetable

Usage

    $ tidetable --harbour falmouth
    high 06:12  4.8 m
    low  12:30  1.1 m

Options:

  --harbour NAME   the harbour to print the table for
  --days N         how many days to print (default 1)"""


def test_a_readme_in_a_page_keeps_the_sections_its_samples_make() -> None:
    article = parse_text(scrape(README), "readme.txt")
    texts = [block.text for block in article.blocks]
    assert texts[1:4] == ["Installation", "$ pip install tidetable", "Usage"]
    assert texts[4].startswith("$ tidetable --harbour falmouth\nhigh 06:12")
    assert "Options:" in texts
    assert "--days N" in article.text
    assert "Related stories" not in article.text
    assert "Sign in" not in article.text


def test_a_heading_over_the_pages_own_list_does_not_join_the_article() -> None:
    body = f"{INTRO}\n\n{MORE}\n\nMore from the harbour\n\nNew lifeboat for the harbour"
    article = parse_text(scrape(body), "page.txt")
    assert article.blocks[-1].text == MORE


def test_the_line_that_introduces_a_quoted_mail_stays_above_it() -> None:
    body = textwrap.dedent(
        """\
        On Mon, 7 Apr 2025 at 18:03, Tom Penrose wrote:
        > The council has agreed to pay for a survey of the pier, and the engineers can
        > start as soon as the spring tides are over, which will be at the end of the month.

        That is good news, and thank you for pushing for it at the meeting. I would like to
        ask the engineers to look at the iron piles as well, since nobody has checked them."""
    )
    article = parse_text(scrape(body), "post.txt")
    assert article.blocks[0].text == "On Mon, 7 Apr 2025 at 18:03, Tom Penrose wrote:"
    assert article.blocks[1].kind is BlockKind.QUOTE


def test_a_verse_that_ends_the_article_stays_under_the_line_that_introduces_it() -> None:
    verse = [
        "The tide comes in, the tide goes out,",
        "the planks are what it talks about;",
        "so mend them well and mend them true,",
        "the sea will mend the rest for you.",
    ]
    intro = "Then the oldest councillor stood and read the verse his father carved into the rail:"
    body = f"{INTRO}\n\n{MORE}\n\n{intro}\n\n" + "\n".join(verse)
    article = parse_text(scrape(body), "page.txt")
    assert [block.text for block in article.blocks][-5:] == [intro, *verse]
    assert "Share" not in article.text


def test_the_list_an_article_ends_on_stays_whole() -> None:
    items = ["600 g white fish, in large pieces", "2 onions, chopped", "3 cloves of garlic"]
    body = f"{INTRO}\n\n{MORE}\n\nYou will need:\n\n" + "\n".join(f"- {item}" for item in items)
    article = parse_text(scrape(body), "recipe.txt")
    assert [block.text for block in article.blocks][-3:] == items


def test_a_list_of_tags_after_the_article_does_not_join_it() -> None:
    body = f"{INTRO}\n\n{MORE}\n\nFiled under:\n\n- Harbour\n- Boats\n- Weather"
    article = parse_text(scrape(body), "page.txt")
    assert article.blocks[-1].text == MORE
