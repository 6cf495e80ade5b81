"""Block quotes in text dumps: set in past the prose's margin, they are quotes.

The fixtures are `fixtures/text/pages/letters.html` as `w3m -dump -cols 100` and
`lynx -dump -nolist -width=100` draw it: w3m sets a `<blockquote>` four columns in, lynx
two past its own margin of three; both set a list item's second paragraph and a definition
in too, which stay paragraphs, and a `<pre>` at the margin, which stays code.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reader.extract import load
from reader.extract.text import parse_text
from reader.model import Article, BlockKind

TEXT = Path(__file__).parent / "fixtures" / "text"
DUMPS = ["letters-w3m.txt", "letters-lynx.txt"]
VERSE = (
    "The tide comes in, the tide goes out,\nthe planks are what it talks about;\n"
    "so mend them well and mend them true,\nthe sea will mend the rest for you."
)


def quotes(article: Article) -> list[str]:
    return [block.text for block in article.blocks if block.kind is BlockKind.QUOTE]


def block(article: Article, start: str) -> tuple[BlockKind, str]:
    found = [b for b in article.blocks if b.text.startswith(start)]
    assert len(found) == 1, start
    return found[0].kind, found[0].text


@pytest.mark.parametrize("name", DUMPS)
def test_a_dumps_block_quotes_are_quotes(name: str) -> None:
    found = quotes(load(str(TEXT / name)))
    assert len(found) == 3
    assert found[0].startswith("We have patched the planks for ten years now")
    assert found[0].endswith("than see someone hurt.")
    assert found[1] == "The fishermen agree with me."  # the quote's second paragraph
    assert found[2] == VERSE  # a verse keeps its lines


@pytest.mark.parametrize("name", DUMPS)
def test_what_else_a_dump_sets_in_is_not_a_quote(name: str) -> None:
    article = load(str(TEXT / name))
    assert block(article, "The survey will mark each plank")[0] is BlockKind.PARAGRAPH
    assert block(article, "A post of iron or timber")[0] is BlockKind.PARAGRAPH  # a definition
    assert block(article, "The state of the planks")[0] is BlockKind.LIST_ITEM
    kind, text = block(article, "def height(")
    assert kind is BlockKind.CODE
    assert text.splitlines()[1] == "    middle = (high + low) / 2"
    assert block(article, "The harbour master wrote")[0] is BlockKind.PARAGRAPH


def test_a_quoted_letter_in_plain_text_is_a_quote() -> None:
    text = textwrap.dedent(
        """\
        My grandmother kept every letter her brother sent from the lighthouse, and this one
        she read to us every winter, when the storms came in from the west:

            We kept the lamp lit every night; the ships came in, and went again,
            and nobody asked us why until the war was over and the keepers left.

        Nobody in the family knew what had become of him after the lighthouse closed.
        """
    )
    article = parse_text(text, "letter.txt")
    assert quotes(article) == [
        "We kept the lamp lit every night; the ships came in, and went again, and nobody "
        "asked us why until the war was over and the keepers left."
    ]
    assert [b.kind for b in article.blocks].count(BlockKind.PARAGRAPH) == 2


def test_paragraphs_set_with_an_indented_first_line_are_not_quotes() -> None:
    paragraphs = [
        "    It was late when the ferry came in, and the harbour was empty but for the gulls.",
        "    Nobody met her at the quay. She walked up the hill alone with her case.",
        "    The house was dark, and the key was where it had always been, under the stone.",
        "    She lit the stove and sat by it until the morning came grey over the water.",
    ]
    lines = "\n\n".join(
        f"{first}\nand the line after it runs on at the margin, as a book sets it."
        for first in paragraphs
    )
    text = f"{lines}\n\n    Then she slept, and did not wake until the ferry sounded again.\n"
    article = parse_text(text, "story.txt")
    assert quotes(article) == []


def test_a_chinese_paragraphs_own_indent_is_not_a_quote() -> None:
    text = (
        "   \u3000\u3000在采访中，我们了解到不少学子在出国前就每年守在电脑前观看两会直播，"
        "他们关心国家的发展。\n\n"
        "   \u3000\u3000不少学子时刻关注着国内动态，寻找回国发展的契机，"
        "而两会正是一个提供最新最全面信息的窗口。\n"
    )
    assert quotes(parse_text(text, "news.txt")) == []


def test_a_quote_set_in_under_its_introduction_is_not_run_into_the_paragraph() -> None:
    text = textwrap.dedent(
        """\
        He wrote back the same day, in a letter that came by the evening post, and said this:
            I cannot come on Friday, the car is in the garage again and the bus
            does not run on a holiday, so you will have to go without me.
        So we went without him, and the day was the better for it, as my mother said.
        """
    )
    article = parse_text(text, "letter.txt")
    assert [(b.kind, b.text[:20]) for b in article.blocks] == [
        (BlockKind.PARAGRAPH, "He wrote back the sa"),
        (BlockKind.QUOTE, "I cannot come on Fri"),
        (BlockKind.PARAGRAPH, "So we went without h"),
    ]
    assert article.blocks[1].text.endswith("go without me.")


def test_a_list_items_lines_set_in_under_it_stay_the_item() -> None:
    text = textwrap.dedent(
        """\
        The steps to take before the survey, in the order the council agreed on:

        1. Close the pier to walkers from the first of March until the survey is done.
           Put a notice at the gate that says why, and until when, in large letters.
        2. Ask the fishermen to moor at the east quay while the survey lasts.
        """
    )
    article = parse_text(text, "steps.txt")
    assert quotes(article) == []
    assert article.blocks[1].kind is BlockKind.LIST_ITEM
    assert article.blocks[1].text.endswith("in large letters.")
