"""The plain-text cleaner: scrapes lose their furniture, clean text keeps its words."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from reader.extract import load
from reader.extract.text import parse_text
from reader.model import BlockKind
from reader.safe_text import sanitize

CLEAN = [
    "Rivers in the north of the country rose sharply overnight after three days of rain.",
    "By morning, the water had reached the steps of the town hall, and volunteers were "
    "filling sandbags in the square while the fire brigade pumped out basements.",
    "It was quiet.",
    "The regional government said that it would open two schools as shelters for families "
    "who had to leave their homes, and that buses would run from the station every hour.",
    "Forecasters expect the rain to ease on Friday, but warned that the rivers would take "
    "several days to fall back to their usual level.",
]


def load_text(text: str) -> str:
    return load("-", stdin=io.BytesIO(text.encode())).text


def test_clean_text_is_kept() -> None:
    original = "\n\n".join(CLEAN)
    kept = load_text(original)
    assert len(kept) >= 0.99 * len(original)
    assert kept.split("\n\n") == CLEAN


def test_hard_wrapped_lines_are_joined() -> None:
    wrapped = "\n\n".join(textwrap.fill(p, width=60) for p in CLEAN) + "\n"
    assert load_text(wrapped).split("\n\n") == CLEAN


def test_hard_wrap_with_crlf_line_ends() -> None:
    wrapped = "\r\n\r\n".join(textwrap.fill(p, width=72).replace("\n", "\r\n") for p in CLEAN)
    assert load_text(wrapped).split("\n\n") == CLEAN


def test_a_generic_scrape_loses_its_furniture() -> None:
    scrape = "\n\n".join(
        [
            "Menu",
            "Home",
            "World",
            "Sign in",
            "Weather",
            "Floods close roads across the north",
            "By Maria Keller",
            "12 March 2024 08:30",
            "Floods close roads across the north",
            "A fire engine in a flooded street (Image: Reuters/Jan Novak)",
            "Share this",
            *CLEAN,
            "Credit: Reuters",
            "Related stories",
            "Storms expected to return next week",
            "Share this",
            "Menu",
        ]
    )
    article = parse_text(scrape, "x")
    assert article.title == "Floods close roads across the north"
    assert article.section == "Weather"
    assert article.byline == "Maria Keller"
    assert article.published == "12 March 2024 08:30"
    assert article.credit == "Reuters"
    assert article.text.split("\n\n") == CLEAN
    assert article.blocks[0].kind is BlockKind.CAPTION
    assert "Reuters/Jan Novak" in article.blocks[0].text


def test_title_without_repetition_is_the_heading_before_the_body() -> None:
    article = parse_text("A Short Title For The Test\n\n" + "\n\n".join(CLEAN), "x")
    assert article.title == "A Short Title For The Test"
    assert article.text.split("\n\n") == CLEAN


def test_no_title_when_there_is_no_heading() -> None:
    article = parse_text("\n\n".join(CLEAN), "x")
    assert article.title == ""


def test_short_text_is_kept() -> None:
    article = parse_text(
        "A Short Title\n\nThe first paragraph is read aloud.\n\nThe second follows.\n", "x"
    )
    assert article.title == "A Short Title"
    assert article.text == "The first paragraph is read aloud.\n\nThe second follows."


def test_markdown_structure() -> None:
    markdown = textwrap.dedent(
        """\
        # Release notes

        Version 2 brings **faster** start-up and a [new parser](https://example.com).

        ## Changes

        - Smaller memory use
        - Tables are read row by row

        > Quoting the maintainer: it was
        > a long year.

        ```
        pip install reader
        ```
        """
    )
    article = parse_text(markdown, "x", markdown=True)
    assert article.title == "Release notes"
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert kinds == [
        (BlockKind.PARAGRAPH, "Version 2 brings faster start-up and a new parser."),
        (BlockKind.HEADING, "Changes"),
        (BlockKind.LIST_ITEM, "Smaller memory use"),
        (BlockKind.LIST_ITEM, "Tables are read row by row"),
        (BlockKind.QUOTE, "Quoting the maintainer: it was\na long year."),
        (BlockKind.CODE, "pip install reader"),
    ]
    assert article.blocks[1].level == 2


def test_md_file_is_markdown(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\n- one item in a list\n- another item\n")
    article = load(str(path))
    assert article.title == "Notes"
    assert [b.kind for b in article.blocks] == [BlockKind.LIST_ITEM, BlockKind.LIST_ITEM]


def test_sanitizer_removes_escapes_and_keeps_markup_characters() -> None:
    dirty = (
        "[bold red]x[/] \x1b[31mred\x1b[0m \x1b]0;pwned\x07title \x1b]8;;http://e\x1b\\link"
        "\x1b]8;;\x1b\\ bell\x07 c1\x9b2J\x85 nul\x00 \x1bc"
    )
    clean = sanitize(dirty)
    assert clean.startswith("[bold red]x[/] red title link bell c12J\n nul ")
    assert not any((ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F for ch in clean)


def test_escape_sequences_never_reach_the_article() -> None:
    text = (
        "\x1b[2JRivers \x1b[1mrose\x1b[0m in the north after three days of rain, "
        "the agency said.\x07"
    )
    article = load("-", stdin=io.BytesIO(text.encode()))
    assert article.text == "Rivers rose in the north after three days of rain, the agency said."


def test_escapes_in_html_entities_are_removed_too() -> None:
    page = (
        "<html><head><title>T&#27;[2J</title></head><body><article><p>"
        + "Rivers rose &#27;]0;x&#7; in the north after three days of rain, the agency said. " * 3
        + "</p></article></body></html>"
    )
    article = load("-", stdin=io.BytesIO(page.encode()))
    assert "\x1b" not in article.text + article.title
    assert "\x07" not in article.text


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_blog_scrape_drops_menu_share_related_and_comments() -> None:
    article = load(str(FIXTURES / "blog-with-comments.txt"))
    assert article.title == "Why we stopped digging the vegetable beds"
    assert article.byline == "Tom Ashby"
    assert article.published == "4 March 2024"
    assert [b.kind for b in article.blocks].count(BlockKind.LIST_ITEM) == 3
    assert article.blocks[0].text.startswith("For twenty years I turned every bed over")
    assert article.blocks[-1].text.endswith("sitting on the bench with a cup of tea.")
    for phrase in ("Reply", "Margaret Hill", "Share this", "leaf mould", "©", "Home"):
        assert phrase not in article.text


def test_indented_news_scrape() -> None:
    article = load(str(FIXTURES / "indented-news.txt"))
    assert article.title == "Bees use the sun's position to find their way home, study shows"
    assert article.section == "Science"
    assert article.byline == "Lena Vogt, Science reporter"
    assert article.published == "14 May 2024, 06:00 BST"
    assert article.blocks[0].kind is BlockKind.CAPTION
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("Honeybees rely on the position of the sun")
    assert paragraphs[-1].endswith("seemed to make up for the missing sun.")
    for phrase in ("Advertisement", "Related:", "More on this story", "Top stories", "Facebook"):
        assert phrase not in article.text


def test_single_furniture_labels_inside_the_body_go() -> None:
    body = [
        f"Paragraph {n} of the story is long enough to count as body text, and ends." for n in "ABC"
    ]
    text = f"{body[0]}\n\nAdvertisement\n\n{body[1]}\n\nShare this article\n\n{body[2]}\n"
    assert parse_text(text, "x").text.split("\n\n") == body
