"""Tables in the reading column: aligned columns that fit, their rows marked as spoken."""

from __future__ import annotations

from pathlib import Path

from reader.extract import load
from reader.extract.html import parse_html
from reader.model import Article, BlockKind
from reader.narration.events import SentenceStarted
from reader.tui.article_view import ArticleView
from reader.tui.table_grid import grid
from reader.tui.wrap import Shape, lay_out, wrap_spans
from tests.fakes import FakeNarrator
from tests.tui_support import ReaderApp, fake, settle

ARTICLE = Path(__file__).resolve().parent / "fixtures" / "tables-article.html"


def _table_lines(lines: list[str], first: str) -> list[str]:
    """The screen lines of the table whose first line starts with `first` (stripped)."""
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(first))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def _bars(line: str) -> list[int]:
    return [i for i, character in enumerate(line) if character in "│┼"]


async def _screen(size: tuple[int, int]) -> list[str]:
    app = ReaderApp(str(ARTICLE), FakeNarrator, article=load(str(ARTICLE)))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        return app.query_one(ArticleView).visible_text()


async def test_a_table_is_shown_with_a_header_rule_and_aligned_columns() -> None:
    lines = _table_lines(await _screen((80, 70)), "Lake     │ Temperature")
    assert all(line.startswith("    ") for line in lines), "indented under the prose"
    assert [line.strip() for line in lines] == [
        "Lake     │ Temperature │ Depth",
        "─────────┼─────────────┼──────",
        "Saimaa   │ 21.4 °C     │ 82 m",
        "Päijänne │ 19.8 °C     │ 95 m",
        "Inari    │ 14.2 °C     │ 92 m",
    ]
    assert len({tuple(_bars(line)) for line in lines}) == 1, "every row's bars line up"


async def test_cells_too_wide_for_the_column_wrap_inside_their_own_column() -> None:
    lines = _table_lines(await _screen((44, 80)), "Saimaa   │ Sandy")
    assert len(lines) > 2, "the long cells wrap"
    assert all(len(line.rstrip()) <= 44 for line in lines)
    bars = {tuple(_bars(line)) for line in lines}
    assert len(bars) == 1, f"wrapped lines keep the column: {lines}"
    joined = " ".join(line.split("│")[1].strip() for line in lines if "│" in line)
    assert "Sandy beaches near Lappeenranta, lifeguards in July" in joined


def test_a_table_too_wide_for_any_grid_is_shown_as_its_rows_lines() -> None:
    cells = "".join(f"<th>Column number {n}</th>" for n in range(12))
    data = "".join(f"<td>value {n}</td>" for n in range(12))
    prose = "<p>" + "A paragraph of prose that the page has around its table. " * 4 + "</p>"
    page = f"<html><body><article>{prose}<table><tr>{cells}</tr><tr>{data}</tr></table>"
    article = parse_html(page + f"{prose}</article></body></html>", "wide.html")
    index = next(i for i, b in enumerate(article.blocks) if b.kind is BlockKind.TABLE)
    table = article.blocks[index]
    assert grid(table.rows, table.header, 60, wrap_spans) is None
    rows = lay_out(article, Shape(60))
    shown = [table.text[rows.start[r] : rows.end[r]] for r in rows.rows_of(index)]
    assert " ".join(shown) == table.text.replace("\n", " ")
    assert shown[0].startswith("Column number 0: value 0;")


def _spoken_rows(article: Article, width: int, block: int, sentence: int) -> list[int]:
    rows = lay_out(article, Shape(width))
    span = article.sentences(block)[sentence]
    first, last = rows.row_of(block, span.start), rows.last_row_of(block, span.end - 1)
    return list(range(first, last + 1))


def test_a_table_rows_sentence_is_all_the_lines_of_that_row() -> None:
    article = load(str(ARTICLE))
    swim = [i for i, b in enumerate(article.blocks) if b.kind is BlockKind.TABLE][2]
    rows = lay_out(article, Shape(36))
    shown = _spoken_rows(article, 36, swim, 1)
    assert next(rows.drawn[r][0].split("│")[0].strip() for r in shown) == "Päijänne"
    assert all(rows.block[r] == swim for r in shown)
    assert len(shown) > 1
    assert "Saimaa" not in " ".join(rows.drawn[r][0] for r in shown)


async def test_the_spoken_row_of_a_table_follows_the_narration() -> None:
    article = load(str(ARTICLE))
    readings = next(i for i, b in enumerate(article.blocks) if b.kind is BlockKind.TABLE)
    app = ReaderApp(str(ARTICLE), FakeNarrator, article=article)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        view.focus_block(readings)
        await pilot.press("space")
        fake(app).sink(SentenceStarted(block=readings, sentence=2))
        await settle(pilot)
        assert view.spoken_block == readings
        lines = [line.strip("▌ ") for line in view.visible_text()]
        inari = next(y for y, line in enumerate(lines) if line.startswith("Inari    │"))
        saimaa = next(y for y, line in enumerate(lines) if line.startswith("Saimaa   │"))

        def background(y: int) -> set[object]:
            strip = view.render_line(y)
            return {seg.style.bgcolor for seg in strip if seg.text.strip() and seg.style}

        assert background(inari) != background(saimaa), "the spoken row stands out"
        assert background(inari - 1) == background(saimaa), "and only that row"
