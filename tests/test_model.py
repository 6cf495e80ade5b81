"""The data model and sentence spans: pure logic, no I/O."""

from __future__ import annotations

import itertools

import pytest

from reader.extract.sentences import sentence_spans, split_sentences
from reader.extract.text import parse_text
from reader.markdown_writer import article_markdown
from reader.model import (
    Article,
    Block,
    BlockKind,
    Inline,
    InlineStyle,
    Position,
    article_from_dict,
    next_sentence,
    sentence_at,
)


def sentences(text: str) -> list[str]:
    return [text[span.start : span.end] for span in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In 2023, 283 foreigners were arrested. Last year, that number was 2,982.",
            ["In 2023, 283 foreigners were arrested.", "Last year, that number was 2,982."],
        ),
        (
            "Mr. Smith met Dr. Jones at 3 p.m. in the U.S. office. It went well.",
            ["Mr. Smith met Dr. Jones at 3 p.m. in the U.S. office.", "It went well."],
        ),
        ('He said "it is over." Then he left!', ['He said "it is over."', "Then he left!"]),
        ("It cost 3.5 dollars... Really? Yes.", ["It cost 3.5 dollars...", "Really?", "Yes."]),
        ("No terminator at all", ["No terminator at all"]),
        ("日本語です。次の文。", ["日本語です。", "次の文。"]),
    ],
)
def test_sentence_spans(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_spans_cover_the_text_without_overlap() -> None:
    text = "  One. Two!  Three?  "
    spans = sentence_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["One.", "Two!", "Three?"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


ARTICLE = split_sentences(
    Article(
        source="test",
        title="Title",
        blocks=(
            Block(BlockKind.PARAGRAPH, "First one. First two."),
            Block(BlockKind.CAPTION, "A photo (Photo: AP)"),
            Block(BlockKind.PARAGRAPH, "Last one."),
        ),
        section="World",
        credit="AP/xy",
    )
)


def test_text_leaves_captions_out() -> None:
    assert ARTICLE.text == "First one. First two.\n\nLast one."
    assert ARTICLE.to_dict()["blocks"][1] == {
        "kind": "caption",
        "text": "A photo (Photo: AP)",
        "sentences": [[0, 19]],
    }


def test_metadata_line_and_markdown() -> None:
    assert ARTICLE.metadata_line == "World · AP/xy"
    markdown = article_markdown(ARTICLE)
    assert markdown.startswith("# Title\n\n*World · AP/xy*")
    assert "*A photo (Photo: AP)*" in markdown


def test_next_sentence_crosses_blocks_and_stops_at_the_ends() -> None:
    assert next_sentence(ARTICLE, Position(0, 0)) == Position(0, 1, 11)
    assert next_sentence(ARTICLE, Position(0, 1)) == Position(1, 0, 0)
    assert next_sentence(ARTICLE, Position(2, 0)) == Position(2, 0, 0)
    assert next_sentence(ARTICLE, Position(1, 0), -1) == Position(0, 1, 11)
    assert next_sentence(ARTICLE, Position(0, 0), -1) == Position(0, 0, 0)


def test_sentence_at() -> None:
    assert sentence_at(ARTICLE, 0, 0) == 0
    assert sentence_at(ARTICLE, 0, 12) == 1
    assert sentence_at(ARTICLE, 0, 999) == 1


def test_spans_travel_with_the_article_and_an_old_copy_without_them_is_split_again() -> None:
    copy = article_from_dict(ARTICLE.to_dict())
    assert [copy.sentences(i) for i in range(3)] == [ARTICLE.sentences(i) for i in range(3)]
    old = ARTICLE.to_dict()
    for block in old["blocks"]:
        del block["sentences"]
    unsplit = article_from_dict(old)
    assert not unsplit.is_split
    assert len(unsplit.sentences(0)) == 1
    assert split_sentences(unsplit).sentences(0) == ARTICLE.sentences(0)


def _inline_article() -> Article:
    text = "Read the guide with care and run make test now."
    spans = (
        Inline(9, 14, InlineStyle.LINK, "https://example.org/guide"),
        Inline(20, 24, InlineStyle.EMPHASIS),
        Inline(33, 42, InlineStyle.STRONG),
        Inline(33, 42, InlineStyle.CODE),
    )
    return Article("s", "T", (Block(BlockKind.PARAGRAPH, text, inline=spans),))


def test_inline_spans_travel_through_dicts_and_leave_the_text_alone() -> None:
    article = _inline_article()
    copy = article_from_dict(article.to_dict())
    assert copy.blocks[0].inline == article.blocks[0].inline
    assert copy.text == "Read the guide with care and run make test now."
    assert copy.blocks[0].links == (article.blocks[0].inline[0],)
    old = article.to_dict()
    del old["blocks"][0]["inline"]
    assert article_from_dict(old).blocks[0].inline == ()


def test_markdown_writes_inline_spans_as_markers_nested_inside_out() -> None:
    markdown = article_markdown(_inline_article())
    assert (
        "Read the [guide](https://example.org/guide) with *care* and run **`make test`** now."
        in markdown
    )
    assert _inline_article().to_plain_text().endswith("run make test now.\n")


def test_a_code_block_holding_a_fence_is_written_inside_another_fence() -> None:
    code = '```python\nprint("hi")\n```'
    article = Article(source="x", title="T", blocks=(Block(BlockKind.CODE, code),))
    markdown = article_markdown(article)
    assert "~~~\n" + code + "\n~~~" in markdown
    again = parse_text(markdown, "again.md", markdown=True)
    assert [block.text for block in again.blocks if block.kind is BlockKind.CODE] == [code]
    both = f"{code}\n~~~"
    written = article_markdown(
        Article(source="x", title="T", blocks=(Block(BlockKind.CODE, both),))
    )
    assert "````\n" + both + "\n````" in written  # (CommonMark: a longer fence holds it)


def test_a_link_address_with_a_space_or_parenthesis_stays_one_markdown_link() -> None:
    text = "the new plan and the old one"
    spans = (
        Inline(4, 12, InlineStyle.LINK, "https://example.com/a)b"),
        Inline(21, 28, InlineStyle.LINK, "https://example.com/x y](javascript:alert(1)"),
    )
    block = Block(BlockKind.PARAGRAPH, text, inline=spans)
    markdown = article_markdown(Article(source="x", title="", blocks=(block,)))
    assert markdown == (
        "the [new plan](https://example.com/a%29b) and the "
        "[old one](https://example.com/x%20y]%28javascript:alert%281%29)\n"
    )
