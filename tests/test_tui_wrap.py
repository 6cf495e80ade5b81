"""Wrapping an article into the rows of the reading column (pure logic, no Textual)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind
from reader.tui.wrap import BLANK, METADATA, TITLE, Shape, lay_out

WORDS = (
    "the",
    "reader",
    "keeps",
    "every",
    "word",
    "of",
    "a",
    "paragraph",
    "in",
    "order",
    "across",
    "its",
    "rows",
)


def article(*blocks: Block, title: str = "A title", site: str | None = "Site") -> Article:
    return split_sentences(Article(source="x", title=title, blocks=blocks, site=site))


def paragraph(words: int, offset: int = 0) -> Block:
    text = " ".join(WORDS[(offset + i) % len(WORDS)] for i in range(words))
    return Block(BlockKind.PARAGRAPH, text)


def row_texts(source: Article, shape: Shape) -> list[tuple[int, str]]:
    rows = lay_out(source, shape)
    texts = []
    for owner, start, end in zip(rows.block, rows.start, rows.end, strict=True):
        if owner >= 0:
            texts.append((owner, source.blocks[owner].text[start:end]))
        elif owner == TITLE:
            texts.append((owner, source.title[start:end]))
        elif owner == METADATA:
            texts.append((owner, source.metadata_line[start:end]))
        else:
            texts.append((owner, ""))
    return texts


def test_rows_fit_the_width_and_keep_every_word_in_order() -> None:
    source = article(paragraph(120), paragraph(7, 3), paragraph(300, 5))
    for width in (20, 37, 76):
        texts = row_texts(source, Shape(width))
        assert all(len(text) <= width for _, text in texts)
        for index, block in enumerate(source.blocks):
            joined = " ".join(text for owner, text in texts if owner == index)
            assert joined == block.text


def test_title_metadata_then_blocks_with_blank_rows_between() -> None:
    source = article(paragraph(5), paragraph(5))
    rows = lay_out(source, Shape(40, spacing=2))
    assert rows.block == [BLANK, TITLE, BLANK, METADATA, BLANK, 0, BLANK, BLANK, 1, BLANK, BLANK]
    assert rows.first_row[0] == 5
    assert rows.first_row[1] == 8


def test_list_items_sit_together_and_hang_under_their_bullet() -> None:
    items = [Block(BlockKind.LIST_ITEM, " ".join(WORDS)) for _ in range(2)]
    source = article(*items, paragraph(3))
    rows = lay_out(source, Shape(30, spacing=1))
    first, second = rows.rows_of(0), rows.rows_of(1)
    assert second.start == first.stop, "no blank row between list items"
    assert all(rows.end[r] - rows.start[r] <= 30 - 2 - 2 for r in first)


def test_long_words_are_cut_and_hard_line_breaks_kept() -> None:
    source = article(Block(BlockKind.CODE, "short line\n" + "x" * 50), title="")
    texts = [text for owner, text in row_texts(source, Shape(24)) if owner == 0]
    assert texts == ["short line", "x" * 22, "x" * 22, "x" * 6]


def test_wide_characters_are_measured_in_cells() -> None:
    cjk = "読書は心の糧です。" * 10
    source = article(Block(BlockKind.PARAGRAPH, cjk + " and some English words at the end"))
    texts = [text for owner, text in row_texts(source, Shape(20)) if owner == 0]
    assert "".join(texts).replace(" ", "") == source.blocks[0].text.replace(" ", "")
    assert all(cell_len(text) <= 20 for text in texts)
    assert cell_len(texts[0]) >= 19, "a CJK row is filled, not cut at a space"


def test_finding_rows_by_character_and_blocks_by_row() -> None:
    source = article(paragraph(60), paragraph(60, 2))
    rows = lay_out(source, Shape(30))
    block_rows = rows.rows_of(1)
    assert rows.row_of(1, 0) == block_rows.start
    last = len(source.blocks[1].text) - 1
    assert rows.row_of(1, last) == block_rows.stop - 1
    assert rows.block_at(block_rows.start) == 1
    assert rows.block_at(block_rows.stop) == 1, "a blank row belongs to the block above"
    assert rows.block_at(0) == -1, "above the first block"


def test_a_partial_layout_knows_what_it_holds() -> None:
    source = article(*(paragraph(30, i) for i in range(100)))
    part = lay_out(source, Shape(40), 40, 50)
    assert part.has(40)
    assert not part.has(39)
    assert not part.has(50)
    assert not part.covers(100)
    assert part.first_row[40] == 0
    assert lay_out(source, Shape(40)).covers(100)


@given(st.text(max_size=400), st.integers(min_value=1, max_value=60))
def test_any_text_wraps_within_the_width(text: str, width: int) -> None:
    source = article(Block(BlockKind.PARAGRAPH, text))
    rows = lay_out(source, Shape(width))
    wrapped_width = max(8, width)
    for owner, start, end in zip(rows.block, rows.start, rows.end, strict=True):
        if owner == 0:
            assert 0 <= start <= end <= len(text)
            assert cell_len(text[start:end]) <= max(wrapped_width, 2)
