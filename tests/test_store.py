"""Reading state in a real SQLite file."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind, Position
from reader.store import Store


def article(source: str = "/tmp/a.txt", text: str = "One. Two.", title: str = "A") -> Article:
    blocks = tuple(Block(BlockKind.PARAGRAPH, f"{text} {i}") for i in range(4))
    return split_sentences(Article(source=source, title=title, blocks=blocks, site="Site"))


def test_positions_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    store = Store.open(path)
    document = store.remember(article())
    assert document.position == Position()
    assert not document.changed
    store.save_position("/tmp/a.txt", Position(2, 1, 5))
    store.close()

    again = Store.open(path)
    assert again.warning is None
    saved = again.remember(article())
    assert saved.position == Position(2, 1, 5)
    assert saved.progress == 0.5
    assert not saved.changed
    assert again.remember(article(text="Changed.")).changed


def test_cached_copy_reads_offline(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite3")
    original = article()
    store.remember(original)
    cached = store.cached_article(original.source)
    assert cached is not None
    assert cached.blocks == original.blocks
    assert cached.site == "Site"


def test_history_search_finish_and_remove(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite3")
    store.remember(article("/a", title="Cambodia scams"))
    store.remember(article("/b", title="Weather"))
    assert [d.source for d in store.history()] == ["/b", "/a"]
    assert [d.source for d in store.history(search="cambodia")] == ["/a"]
    store.mark_finished("/a")
    assert next(d for d in store.history() if d.source == "/a").progress == 1.0
    store.remove("/b")
    assert [d.source for d in store.history()] == ["/a"]


def test_queue_keeps_order_and_ignores_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store.open(path)
    assert store.queue_add(["/one", "/two", "/one", "/three"]) == ["/one", "/two", "/three"]
    assert store.queue_add(["/two", "/four"]) == ["/four"]
    assert Store.open(path).queue() == ["/one", "/two", "/three", "/four"]
    assert store.queue_pop() == "/one"
    assert store.queue() == ["/two", "/three", "/four"]
    store.queue_clear()
    assert store.queue_pop() is None


def test_queue_entries_move_and_go_one_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store.open(path)
    store.queue_add(["/one", "/two", "/three"])
    assert store.queue_move("/three", -1)
    assert store.queue() == ["/one", "/three", "/two"]
    assert store.queue_move("/three", -1)
    assert not store.queue_move("/three", -1), "already first"
    assert not store.queue_move("/two", 1), "already last"
    assert not store.queue_move("/absent", 1)
    assert store.queue_move("/three", 1)
    assert Store.open(path).queue() == ["/one", "/three", "/two"]
    store.queue_remove("/three")
    assert store.queue() == ["/one", "/two"]
    store.queue_add(["/four"])
    assert store.queue_pop() == "/one"
    assert store.queue() == ["/two", "/four"]
    assert store.warning is None


def test_a_corrupt_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    store = Store.open(path)
    assert store.warning is not None
    assert "moved" in store.warning
    assert any(p.name.startswith("s.sqlite3.corrupt-") for p in tmp_path.iterdir())
    store.remember(article())
    assert store.document("/tmp/a.txt") is not None


def damage_past_the_first_page(path: Path) -> None:
    """Overwrite every page but the first (header and schema) of a closed database, as a
    failing disk or a crash of another program might: it opens, then every read fails."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\xab" * (len(data) - page)
    path.write_bytes(bytes(data))


def test_a_database_damaged_past_its_first_page_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store.open(path)
    for number in range(40):
        store.remember(article(f"/doc/{number}", text="Words of a document. " * 50))
    store.close()
    damage_past_the_first_page(path)
    with pytest.raises(sqlite3.DatabaseError, match="malformed"):
        sqlite3.connect(path).execute("SELECT count(*) FROM documents").fetchone()

    store = Store.open(path)
    assert store.history() == []
    assert store.warning is not None
    assert "damaged" in store.warning
    assert "moved to" in store.warning
    assert "\n" not in store.warning
    [aside] = [
        p for p in tmp_path.glob("s.sqlite3.corrupt-*") if not p.name.endswith(("-wal", "-shm"))
    ]
    assert aside.read_bytes()[4096:4100] == b"\xab" * 4, "the damaged file is kept as it was"

    store.remember(article("/new"))
    store.save_position("/new", Position(2))
    store.close()
    again = Store.open(path)
    assert again.warning is None
    assert [d.source for d in again.history()] == ["/new"]
    document = again.document("/new")
    assert document is not None
    assert document.position == Position(2)


def test_damage_found_by_a_write_starts_afresh_too(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store.open(path)
    store.queue_add([f"/queued/{number}" * 40 for number in range(200)])
    store.close()
    damage_past_the_first_page(path)
    store = Store.open(path)
    store.queue_add(["/after"])
    assert store.warning is not None
    assert "damaged" in store.warning
    assert store.queue() == ["/after"]
    assert Store.open(path).queue() == ["/after"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_directory_falls_back_to_memory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        store = Store.open(locked / "sub" / "s.sqlite3")
        assert store.warning is not None
        assert "will not be saved" in store.warning
        assert store.remember(article()).title == "A"
    finally:
        locked.chmod(0o700)


def test_an_unusable_path_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the data directory should be")
    store = Store.open(blocker / "s.sqlite3")
    assert store.warning is not None
    assert "will not be saved" in store.warning
    store.save_position("/x", Position(1))  # no error, nothing lost from the UI's view


def _hammer(path: str, worker: int) -> None:
    store = Store.open(Path(path))
    for i in range(60):
        source = f"/doc/{worker}/{i % 5}"
        store.remember(article(source))
        store.save_position(source, Position(i % 4, 0, 0))
        store.queue_add([f"/q/{worker}/{i}"])
    assert store.warning is None, store.warning


def test_two_processes_at_once_do_not_corrupt_state(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_hammer, args=(str(path), n)) for n in range(2)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("SELECT count(*) FROM documents").fetchone()[0] == 10
    assert connection.execute("SELECT count(*) FROM queue").fetchone()[0] == 120


def test_a_newer_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    Store.open(path).queue_add(["/kept"])
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.close()
    store = Store.open(path)
    assert store.warning is not None
    assert "newer version" in store.warning
    assert [p.name for p in tmp_path.iterdir() if "corrupt" in p.name] == []
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT source FROM queue").fetchall() == [("/kept",)]


FIRST_SCHEMA = """
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
"""
"""The store's first schema as it shipped, written out: a later edit of the store's
migrations must not change what an old database looks like."""


def test_a_first_version_database_keeps_positions_and_copies(tmp_path: Path) -> None:
    import json

    path = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(path)
    connection.executescript(FIRST_SCHEMA)
    copy = json.dumps(article().to_dict())
    connection.execute(
        "INSERT INTO documents (source, title, article_json, blocks, block, sentence)"
        " VALUES (?, 'A', ?, 4, 3, 1)",
        ("/tmp/a.txt", copy),
    )
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()
    store = Store.open(path)
    assert store.warning is None
    cached = store.cached_article("/tmp/a.txt")
    assert cached is not None
    assert cached.blocks == article().blocks
    document = store.document("/tmp/a.txt")
    assert document is not None
    assert document.position == Position(3, 1, 0)


def test_saving_a_position_does_not_rewrite_the_cached_copy(tmp_path: Path) -> None:
    """A book's copy is megabytes: it lives apart from the row the position updates."""
    store = Store.open(tmp_path / "s.sqlite3")
    book = article(text="Word " * 200_000)
    store.remember(book)
    store.save_position(book.source, Position(2))
    connection = sqlite3.connect(tmp_path / "s.sqlite3")
    held = connection.execute("SELECT count(*) FROM documents WHERE article_json IS NOT NULL")
    assert held.fetchone() == (0,)
    assert store.cached_article(book.source) == book


def test_a_document_keeps_its_own_voice(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store.open(path)
    store.remember(article("/tmp/a.txt"))
    store.remember(article("/tmp/b.txt"))
    store.save_voice("/tmp/a.txt", "roa/fr")
    store.close()
    store = Store.open(path)
    a, b = store.document("/tmp/a.txt"), store.document("/tmp/b.txt")
    assert a is not None
    assert b is not None
    assert (a.voice, b.voice) == ("roa/fr", "")
    assert store.remember(article("/tmp/a.txt")).voice == "roa/fr", "opening again keeps it"
