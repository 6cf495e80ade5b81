"""Highlights: kept in the store (migrated from schema 2), exported by the command line."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from reader.database import SCHEMA_VERSION
from reader.highlights import as_markdown, as_text
from reader.model import Article, Block, BlockKind, Position
from reader.store import Store

HOSTILE = "\x1b]0;owned\x07\x1b[31mred\u202e [b]bold[/b] *star* \x9b2J"

SCHEMA_2 = """
    CREATE TABLE documents (
        source       TEXT PRIMARY KEY,
        title        TEXT NOT NULL DEFAULT '',
        site         TEXT,
        content_hash TEXT NOT NULL DEFAULT '',
        article_json TEXT,
        blocks       INTEGER NOT NULL DEFAULT 0,
        block        INTEGER NOT NULL DEFAULT 0,
        sentence     INTEGER NOT NULL DEFAULT 0,
        char         INTEGER NOT NULL DEFAULT 0,
        opened_at    REAL NOT NULL DEFAULT 0,
        finished     INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE queue (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL UNIQUE
    );
    CREATE TABLE copies (
        source       TEXT PRIMARY KEY,
        article_json TEXT NOT NULL
    );
    PRAGMA user_version = 2;
"""


def article(source: str = "/tmp/a.txt", title: str = "A title") -> Article:
    blocks = (
        Block(BlockKind.PARAGRAPH, "First sentence here. Second one follows."),
        Block(BlockKind.PARAGRAPH, "Another block. With two sentences."),
    )
    return Article(source=source, title=title, blocks=blocks)


def test_a_schema_2_database_is_migrated_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(SCHEMA_2)
    old.execute(
        "INSERT INTO documents (source, title, site, blocks, block, sentence, char, opened_at)"
        " VALUES ('/doc.txt', 'Old title', 'Site', 10, 4, 2, 7, 1000.0)"
    )
    old.execute("INSERT INTO copies VALUES ('/doc.txt', ?)", (json.dumps(article().to_dict()),))
    old.execute("INSERT INTO queue (source) VALUES ('https://example.org/next')")
    old.commit()
    old.close()

    store = Store.open(path)
    assert store.warning is None
    document = store.document("/doc.txt")
    assert document is not None
    assert (document.title, document.site, document.blocks) == ("Old title", "Site", 10)
    assert document.position == Position(4, 2, 7)
    assert store.queue() == ["https://example.org/next"]
    cached = store.cached_article("/doc.txt")
    assert cached is not None
    assert cached.blocks == article().blocks
    store.highlight_save("/doc.txt", 4, 2, "A kept sentence.", "")
    assert [h.title for h in store.highlights("/doc.txt")] == ["Old title"]
    store.close()
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION >= 3


def test_highlights_are_saved_replaced_counted_and_removed(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite3")
    store.remember(article("/a"))
    store.highlight_save("/a", 1, 1, "With two sentences.", "first note")
    store.highlight_save("/a", 0, 0, "First sentence here.", "")
    store.highlight_save("/a", 1, 1, "With two sentences.", "second note")
    store.highlight_save("/b", 0, 0, "Elsewhere.", "")
    kept = store.highlights("/a")
    assert [(h.block, h.sentence, h.note) for h in kept] == [(0, 0, ""), (1, 1, "second note")]
    assert store.highlight_counts() == {"/a": 2, "/b": 1}
    assert len(store.highlights()) == 3
    store.highlight_remove("/a", 0, 0)
    assert store.highlight_counts() == {"/a": 1, "/b": 1}
    store.close()
    assert len(Store.open(tmp_path / "s.sqlite3").highlights()) == 2, "they survive reopening"


def test_exports_show_markup_as_typed_and_no_control_characters(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite3")
    store.remember(article("https://example.org/a", title=HOSTILE))
    store.highlight_save("https://example.org/a", 0, 1, HOSTILE, HOSTILE)
    kept = store.highlights()
    text, markdown = as_text(kept), as_markdown(kept)
    for output in (text, markdown):
        assert not {"\x1b", "\x07", "\u202e", "\x9b"} & set(output)
    assert text.count("[b]bold[/b] *star*") == 3, "title, sentence and note, as typed"
    assert "\\[b\\]bold\\[/b\\] \\*star\\*" in markdown, "Markdown shows them as typed too"
    assert "(<https://example.org/a>)" in markdown
    assert "paragraph 1, sentence 2" in markdown


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_highlights_command_exports_them(tmp_path: Path) -> None:
    source = str(tmp_path / "a.txt")
    store = Store.open()  # the user's database, in this test's own XDG folders
    store.remember(article(source, title="Kept [i]story[/i]"))
    store.highlight_save(source, 1, 0, "Another block.", "why \x1b[2J it matters")
    store.highlight_save("https://example.org/b", 0, 0, "From elsewhere.", "")
    store.close()

    every = reader("highlights", "--json")
    assert every.returncode == 0, every.stderr
    records = [json.loads(line) for line in every.stdout.splitlines()]
    assert [r["source"] for r in records] == [source, "https://example.org/b"]
    first = records[0]
    assert first["title"] == "Kept [i]story[/i]"
    assert (first["block"], first["sentence"], first["text"]) == (1, 0, "Another block.")
    assert first["note"] == "why it matters"
    assert isinstance(first["saved_at"], float)

    markdown = reader("highlights", str(tmp_path / "a.txt"), "--markdown")
    assert markdown.returncode == 0, markdown.stderr
    assert "From elsewhere" not in markdown.stdout
    assert f"## [Kept \\[i\\]story\\[/i\\]](<{source}>)" in markdown.stdout
    assert "> — why it matters" in markdown.stdout

    plain = reader("highlights", source)
    assert "\x1b" not in plain.stdout
    assert "¶2.1  Another block." in plain.stdout

    none = reader("highlights", "https://example.org/never")
    assert (none.returncode, none.stdout) == (0, "")
    assert none.stderr.startswith("reader: no highlights saved for")

    both = reader("highlights", "--json", "--markdown")
    assert both.returncode == 2
    assert "Traceback" not in both.stderr
