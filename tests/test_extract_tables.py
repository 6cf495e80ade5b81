"""Tables kept whole: their cells for the screen and Markdown, their rows read aloud."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.extract import load
from reader.extract.html import parse_html
from reader.model import Article, Block, BlockKind, article_from_dict

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLE = FIXTURES / "tables-article.html"
PROSE = "<p>" + "This is the article's own paragraph, written in whole sentences. " * 5 + "</p>"


def _tables(article: Article) -> list[Block]:
    return [block for block in article.blocks if block.kind is BlockKind.TABLE]


def _page(body: str) -> Article:
    markup = f"<html><head><title>Tables</title></head><body><article>{PROSE}{body}"
    return parse_html(markup + f"{PROSE}</article></body></html>", "x")


def test_a_header_made_of_th_cells_names_every_row() -> None:
    readings = _tables(load(str(ARTICLE)))[0]
    assert readings.header
    assert readings.rows == (
        ("Lake", "Temperature", "Depth"),
        ("Saimaa", "21.4 °C", "82 m"),
        ("Päijänne", "19.8 °C", "95 m"),
        ("Inari", "14.2 °C", "92 m"),
    )
    assert readings.text.split("\n") == [
        "Lake: Saimaa; Temperature: 21.4 °C; Depth: 82 m",
        "Lake: Päijänne; Temperature: 19.8 °C; Depth: 95 m",
        "Lake: Inari; Temperature: 14.2 °C; Depth: 92 m",
    ]
    spans = [readings.text[span.start : span.end] for span in readings.sentences]
    assert spans == readings.text.split("\n")  # one sentence a row: skips go row by row


def test_a_thead_row_of_td_cells_is_the_header_and_inline_markup_is_plain_text() -> None:
    comparison = _tables(load(str(ARTICLE)))[1]
    assert comparison.header
    assert comparison.rows[0] == ("Lake", "2023", "2024", "Change")
    assert comparison.rows[1] == ("Saimaa", "20.1", "21.4", "+1.3")  # <a>, <strong>, <em>
    assert comparison.text.split("\n")[0] == "Lake: Saimaa; 2023: 20.1; 2024: 21.4; Change: +1.3"


def test_a_cell_across_the_whole_table_is_read_as_it_is() -> None:
    comparison = _tables(load(str(ARTICLE)))[1]
    note = "Inari was not measured in 2023: the boat was under repair."
    assert comparison.rows[-1] == (note, "", "", "")  # as wide as the other rows
    assert comparison.text.split("\n")[-1] == note


def test_a_table_without_a_header_lists_each_rows_cells() -> None:
    swimming = _tables(load(str(ARTICLE)))[2]
    assert not swimming.header
    assert swimming.rows[1] == ("Päijänne", "Rocky shores; best from a boat | or a jetty")
    assert swimming.text.split("\n")[0] == (
        "Saimaa, Sandy beaches near Lappeenranta, lifeguards in July"
    )


def test_a_spanning_cell_keeps_the_columns_after_it_in_place() -> None:
    table = (
        "<table><tr><th>Team</th><th>Won</th><th>Lost</th><th>Points</th></tr>"
        "<tr><td>Ilves</td><td colspan='2'>not played</td><td>0</td></tr></table>"
    )
    (found,) = _tables(_page(table))
    assert found.rows[1] == ("Ilves", "not played", "", "0")
    assert found.text == "Team: Ilves; Won: not played; Points: 0"


def test_a_layout_table_is_walked_as_the_page_it_holds() -> None:
    cell = "<td><h2>Section</h2><p>One paragraph of the page.</p><p>Another one.</p></td>"
    article = _page(f"<table><tr><td>Menu</td>{cell}</tr></table>")
    assert not _tables(article)
    assert "One paragraph of the page." in [block.text for block in article.blocks]


def test_a_one_column_table_stays_paragraphs() -> None:
    article = _page("<table><tr><td>Only one cell in this row.</td></tr></table>")
    assert not _tables(article)


def test_the_cells_survive_a_stored_copy() -> None:
    article = load(str(ARTICLE))
    again = article_from_dict(json.loads(json.dumps(article.to_dict())))
    assert [(t.rows, t.header, t.text) for t in _tables(again)] == [
        (t.rows, t.header, t.text) for t in _tables(article)
    ]


def _extract(*arguments: str) -> str:
    command = [sys.executable, "-m", "reader", "extract", str(ARTICLE), *arguments]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


def test_markdown_writes_pipe_tables_with_their_pipes_escaped() -> None:
    markdown = _extract("--format", "markdown")
    assert (
        "| Lake | Temperature | Depth |\n"
        "| --- | --- | --- |\n"
        "| Saimaa | 21.4 °C | 82 m |\n"
        "| Päijänne | 19.8 °C | 95 m |\n"
        "| Inari | 14.2 °C | 92 m |\n"
    ) in markdown
    assert "|  |  |\n| --- | --- |\n| Saimaa |" in markdown  # an empty header: Markdown needs one
    assert "| Päijänne | Rocky shores; best from a boat \\| or a jetty |" in markdown


def test_json_keeps_the_cells_beside_the_text() -> None:
    data = json.loads(_extract("--format", "json"))
    tables = [block for block in data["blocks"] if block["kind"] == "table"]
    assert [table["header"] for table in tables] == [True, True, False]
    assert tables[0]["rows"][1] == ["Saimaa", "21.4 °C", "82 m"]
    assert tables[0]["text"].startswith("Lake: Saimaa; Temperature: 21.4 °C")


def test_a_table_with_a_header_keeps_its_long_cells_as_cells() -> None:
    synopsis = (
        "A weatherman covering a small town's festival finds himself living the same winter "
        "day again and again, and learns, one morning after another, to be kinder. " * 4
    )
    assert len(synopsis) > 400
    table = (
        "<table><thead><tr><th>Film</th><th>Year</th><th>Description</th></tr></thead><tbody>"
        f"<tr><td>Groundhog Day</td><td>1993</td><td>{synopsis}</td></tr>"
        "<tr><td>Palm Springs</td><td>2020</td><td>A wedding guest is stuck in a loop.</td></tr>"
        "</tbody></table>"
    )
    (found,) = _tables(_page(table))
    assert found.rows[0] == ("Film", "Year", "Description")
    assert found.rows[1][:2] == ("Groundhog Day", "1993")
    assert found.text.split("\n")[1] == (
        "Film: Palm Springs; Year: 2020; Description: A wedding guest is stuck in a loop."
    )


def test_a_long_cell_in_a_table_without_a_header_is_a_page_column() -> None:
    column = "This is the page's own column of text, written as one long run. " * 8
    article = _page(f"<table><tr><td>Menu</td><td>{column}</td></tr></table>")
    assert not _tables(article)
