"""`reader extract -f markdown`: the page's words are text, whatever they hold. Read back by
a CommonMark parser (markdown-it, with GitHub's tables and strikethrough), the output has
the article's structure alone — no link, image, HTML, heading, list, quote, rule or table
that the page's text made — and shows every word as the page had it."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.markdown_writer import article_markdown
from reader.model import Article, Block, BlockKind, Inline, InlineStyle
from tests.test_cli import reader

HOSTILE = [
    "[x](javascript:alert(1))",
    "![a picture](http://example.net/x.png)",
    "<script>alert(1)</script> <img src=x onerror=alert(1)>",
    "<div>a block</div>",
    "&lt;b&gt; &amp; &#x41; &copy;",
    "*em* _em_ **strong** __strong__ ~~struck~~",
    "`code` ``two``",
    "<http://example.net/auto>",
    "[ref]: http://example.net/",
    "[ref] and [ref][] and [a]]",
    "# a heading",
    "## closed ##",
    "Title #",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "2) item",
    "> quote",
    "---",
    "***",
    "___",
    "===",
    "| a | b |",
    "a | b",
    "    indented code",
    "```fence",
    "~~~fence",
    "<!-- a comment -->",
    "ends in a backslash \\",
    "\\*already escaped\\*",
]


def markdown_it() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def words(text: str) -> str:
    return " ".join(text.split())


def shown(tokens: list[Token]) -> list[str]:
    """The text of each inline run as a reader of the rendered page sees it."""
    runs = []
    for token in tokens:
        if token.type == "inline":
            parts = [
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children or []
                if child.type in ("text", "code_inline", "softbreak", "hardbreak")
            ]
            runs.append(words("".join(parts)))
    return runs


def kinds(tokens: list[Token]) -> list[str]:
    found = [token.type for token in tokens if token.nesting >= 0]
    for token in tokens:
        found.extend(child.type for child in token.children or [])
    return found


def hostile_article() -> Article:
    blocks: list[Block] = []
    for text in HOSTILE:
        blocks.append(Block(BlockKind.PARAGRAPH, text))
        blocks.append(Block(BlockKind.HEADING, text, level=2))
        blocks.append(Block(BlockKind.QUOTE, text))
        blocks.append(Block(BlockKind.LIST_ITEM, text))
        blocks.append(Block(BlockKind.LIST_ITEM, f"3. {text}"))
        blocks.append(Block(BlockKind.CAPTION, text))
        blocks.append(Block(BlockKind.PARAGRAPH, f"line one\n\n{text}\n  {text}"))
    link = "a [trap](javascript:x) here"
    blocks.append(
        Block(
            BlockKind.PARAGRAPH,
            f"See {link} and `{link}` now.",
            inline=(
                Inline(4, 4 + len(link), InlineStyle.LINK, "https://example.org/a b)c\\"),
                Inline(10, 14, InlineStyle.EMPHASIS),
                Inline(4 + len(link) + 5, 4 + len(link) + 7 + len(link), InlineStyle.CODE),
            ),
        )
    )
    cells = tuple(tuple(HOSTILE[i : i + 3]) for i in range(0, 12, 3))
    table_text = "\n".join("; ".join(row) for row in cells)
    blocks.append(Block(BlockKind.TABLE, table_text, rows=cells, header=True))
    code = "\n".join(HOSTILE)
    blocks.append(Block(BlockKind.CODE, code))
    return Article(source="x", title=HOSTILE[0] + " #", blocks=tuple(blocks), byline=HOSTILE[2])


def expected_runs(article: Article) -> list[str]:
    runs = [words(article.title), words(article.metadata_line)]
    for block in article.blocks:
        if block.kind is BlockKind.CODE:
            continue
        if block.kind is BlockKind.TABLE:
            runs.extend(words(cell) for row in block.rows for cell in row)
        elif block.is_numbered:
            runs.append(words(block.text.split(" ", 1)[1]))
        else:
            runs.append(words(block.text))
    return runs


def test_every_word_is_shown_as_written_and_no_syntax_is_made_of_it() -> None:
    article = hostile_article()
    tokens = markdown_it().parse(article_markdown(article))
    assert shown(tokens) == expected_runs(article)
    found = kinds(tokens)
    for made in ("html_block", "html_inline", "image", "hr", "code_block", "s_open"):
        assert made not in found
    count = {kind: sum(block.kind is kind for block in article.blocks) for kind in BlockKind}
    assert found.count("heading_open") == count[BlockKind.HEADING] + 1
    assert found.count("list_item_open") == count[BlockKind.LIST_ITEM]
    assert found.count("blockquote_open") == count[BlockKind.QUOTE]
    assert found.count("table_open") == 1
    assert found.count("em_open") == count[BlockKind.CAPTION] + 2  # the byline, a span
    assert found.count("strong_open") == 0
    assert found.count("code_inline") == 1
    links = [token for token in tokens for token in token.children or [] if token.nesting == 1]
    hrefs = [token.attrs["href"] for token in links if token.type == "link_open"]
    assert hrefs == ["https://example.org/a%20b%29c%5C"]
    fences = [token for token in tokens if token.type == "fence"]
    assert [fence.content for fence in fences] == ["\n".join(HOSTILE) + "\n"]


def test_a_hostile_page_extracted_as_markdown_keeps_its_structure(tmp_path: Path) -> None:
    trap = "[x](javascript:alert(1)) <img src=x onerror=alert(1)> &amp;lt; # no"
    prose = "The council met on Tuesday and talked for a long time about the town's budget."
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><head><title>{trap}</title></head><body><article><h1>{trap}</h1>"
        f"<p>{prose} {trap}</p><p>1. {prose}</p><p>- {prose}</p><p>&gt; {prose}</p>"
        f'<p>{prose} <a href="https://example.org/">{trap}</a> {prose}</p>'
        f"<table><tr><th>{trap}</th><th>b</th></tr><tr><td>| {trap} |</td><td>2</td></tr>"
        f"</table></article></body></html>"
    )
    result = reader("extract", "-f", "markdown", str(page))
    assert result.returncode == 0, result.stderr
    tokens = markdown_it().parse(result.stdout)
    found = kinds(tokens)
    assert "html_inline" not in found
    assert "html_block" not in found
    assert "image" not in found
    assert found.count("link_open") == 1
    assert found.count("list_item_open") == 0
    assert found.count("blockquote_open") == 0
    assert any(run.endswith(words(trap.replace("&amp;", "&"))) for run in shown(tokens))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("3-4 weeks", "3-4 weeks"),
        ("2020 was long", "2020 was long"),
        (".5 of it", ".5 of it"),
        ("C# and F#", "C# and F#"),
        ("e.g. this (and that)!", "e.g. this (and that)!"),
    ],
)
def test_text_without_syntax_is_written_as_it_is(text: str, written: str) -> None:
    article = Article(source="x", title="", blocks=(Block(BlockKind.PARAGRAPH, text),))
    assert article_markdown(article) == written + "\n"


def test_a_paragraph_of_many_links_is_written_in_bounded_time() -> None:
    """Each span's enclosing spans come from a stack, not a scan of all those before it
    (20,000 links were 200 million comparisons)."""
    import time

    words = [f"item{i}" for i in range(20_000)]
    text = " ".join(words)
    spans, at = [], 0
    for word in words:
        spans.append(Inline(at, at + len(word), InlineStyle.LINK, f"https://example.org/{word}"))
        at += len(word) + 1
    article = Article("x", "", (Block(BlockKind.PARAGRAPH, text, inline=tuple(spans)),))
    start = time.process_time()
    markdown = article_markdown(article)
    assert time.process_time() - start < 5
    assert markdown.count("](https://example.org/item") == 20_000
