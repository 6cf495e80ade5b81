"""Markdown pipe tables in Markdown and plain text: one table block each, as an HTML data
table makes, drawn as columns, written back as a pipe table, read row by row."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from reader.extract import load
from reader.extract.pipe_tables import cells, find_tables, is_separator
from reader.extract.text import parse_text
from reader.markdown_writer import article_markdown
from reader.model import Article, Block, BlockKind, article_from_dict
from reader.tui.table_grid import grid
from reader.tui.wrap import wrap_spans

TEXT = Path(__file__).parent / "fixtures" / "text"
SURVEY = TEXT / "happiness.md"
BUDGET = TEXT / "budget-notes.txt"


def tables(article: Article) -> list[Block]:
    return [block for block in article.blocks if block.kind is BlockKind.TABLE]


def test_a_header_and_separator_row_make_a_table_whose_rows_name_their_columns() -> None:
    top = tables(load(str(SURVEY)))[0]
    assert top.header
    assert top.rows[0] == ("Country", "Score", "Change since last year")
    assert top.rows[2] == ("Denmark", "7.6", "+0.1")  # the cell's Markdown markers gone
    lines = top.text.split("\n")
    assert lines[0] == "Country: Finland; Score: 7.8; Change since last year: none"
    assert len(lines) == 5


def test_rows_are_its_sentences_as_an_html_tables_are() -> None:
    article = load(str(SURVEY))
    index = article.blocks.index(tables(article)[0])
    spans = article.sentences(index)
    block = article.blocks[index]
    assert [block.text[s.start : s.end] for s in spans] == block.text.split("\n")


def test_escaped_pipes_stay_in_their_cell_and_outer_pipes_are_optional() -> None:
    asked = tables(load(str(SURVEY)))[1]
    assert asked.rows[0] == ("Question", "Answers", "Asked since")
    assert asked.rows[2][1] == "yes | no | prefer not to say"
    assert asked.text.split("\n")[0] == (
        "Question: Could you count on someone in trouble?; Answers: yes | no; Asked since: 2006"
    )


def test_a_ragged_table_keeps_every_cell_and_stays_readable() -> None:
    regions = tables(load(str(SURVEY)))[2]
    assert len({len(row) for row in regions.rows}) == 1, "every row as long as the widest"
    assert regions.rows[2] == ("Western Europe", "12", "", "")
    assert regions.text.split("\n") == [
        "Region: Nordic; Countries: 5; Average: 7.5",
        "Region: Western Europe; Countries: 12",
        "Region: North America; Countries: 2; Average: 6.9; rising",
        "Region: Central Asia",
    ]


def test_a_pipe_in_a_sentence_or_a_rule_is_no_table() -> None:
    article = load(str(SURVEY))
    assert len(tables(article)) == 3
    assert any('"yes | no", is not a table' in block.text for block in article.blocks)
    assert not find_tables(["A sentence with a | in it, and another | here."])
    assert not is_separator("---")
    assert is_separator("|:---|:--:|---:|")
    assert is_separator(" --- | --- ")
    assert cells(r"| a \| b | c |") == ["a | b", "c"]


def test_a_plain_text_file_with_a_pipe_table_gets_a_table_block() -> None:
    article = load(str(BUDGET))
    (budget,) = tables(article)
    assert budget.rows == (
        ("Item", "Planned", "Spent"),
        ("Rent", "950", "950"),
        ("Heating", "120", "164"),
        ("Food", "420", "398"),
        ("Transport", "80", "95"),
    )
    assert budget.text.split("\n")[1] == "Item: Heating; Planned: 120; Spent: 164"
    assert not any("|" in block.text for block in article.blocks)


def test_rows_between_pipes_without_a_separator_are_a_table_without_header() -> None:
    text = (
        "The ferry times for the winter were pinned to the door of the harbour office.\n\n"
        "| Monday | 07:10 | 16:40 |\n| Friday | 07:10 | 18:05 |\n+--------+-------+-------+\n"
        "| Sunday | 09:30 | 15:00 |\n\n"
        "The office itself opens only on weekdays, and only in the mornings, until spring.\n"
    )
    (ferry,) = tables(parse_text(text, "ferry.txt"))
    assert not ferry.header
    assert ferry.text.split("\n") == [
        "Monday, 07:10, 16:40",
        "Friday, 07:10, 18:05",
        "Sunday, 09:30, 15:00",
    ]


def test_a_table_is_drawn_as_aligned_columns() -> None:
    top = tables(load(str(SURVEY)))[0]
    drawn = grid(top.rows, top.header, 70, wrap_spans)
    assert drawn is not None
    lines = [text for text, _, _ in drawn]
    assert lines[0].split("│")[0].strip() == "Country"
    assert set(lines[1]) <= {"─", "┼"}
    assert len({line.index("│") for line in lines if "│" in line}) == 1


def test_markdown_and_json_output_carry_the_table(tmp_path: Path) -> None:
    markdown = article_markdown(load(str(BUDGET)))
    assert "| Item | Planned | Spent |\n| --- | --- | --- |\n| Rent | 950 | 950 |" in markdown
    result = subprocess.run(
        [sys.executable, "-m", "reader", "extract", "-f", "json", str(SURVEY)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    data = json.loads(result.stdout)
    found = [block for block in data["blocks"] if block["kind"] == "table"]
    assert found[1]["rows"][1][1] == "yes | no"
    assert found[1]["header"] is True
    again = article_from_dict(data)
    assert tables(again)[0].rows == tables(load(str(SURVEY)))[0].rows


def test_rows_between_pipes_that_make_no_table_are_looked_at_once(monkeypatch: Any) -> None:
    # A column of "| a |" lines is no table (one column); each line used to start the
    # look at the run again, so a long one took a time growing as its square.
    from reader.extract import pipe_tables

    looked: list[str] = []
    real = pipe_tables.cells

    def counted(line: str) -> list[str]:
        looked.append(line)
        return real(line)

    monkeypatch.setattr(pipe_tables, "cells", counted)
    lines = ["| a |"] * 2000 + ["a line", "+---+---+", "| b | c |", "---|---", "1|2"]
    found = find_tables(lines)
    assert [table.rows for table in found] == [[["b", "c"], ["1", "2"]]]
    assert len(looked) < 3 * len(lines)


def test_a_long_column_of_pipes_reads_as_its_lines() -> None:
    article = parse_text("| alpha beta gamma |\n" * 5000, "column.txt")
    assert not tables(article)
    assert "alpha beta gamma" in article.text


def test_a_table_of_settings_in_plain_text_is_a_table_not_a_code_sample() -> None:
    # Cells shaped like code ("port=8080") make each row look like a line of a sample: the
    # table is found first, and its rows are no sample.
    text = (
        "Settings\n\n"
        "The server reads these options from its file at start and keeps them.\n\n"
        "| Option | Meaning |\n"
        "|---|---|\n"
        "| port=8080 | the port it listens on |\n"
        "| host=0.0.0.0 | the address |\n"
        "| debug = true | more logging |\n\n"
        "That is all there is to it, and the rest is up to you.\n"
    )
    article = parse_text(text, source="settings.txt")
    (table,) = tables(article)
    assert table.rows[0] == ("Option", "Meaning")
    assert table.rows[1] == ("port=8080", "the port it listens on")
    assert not any(block.kind is BlockKind.CODE for block in article.blocks)
    assert not any("|" in block.text for block in article.blocks)
