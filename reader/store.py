"""What the reader remembers between runs: documents, positions, the listening queue.

One SQLite database in the platform's user data directory, in WAL mode so two readers can
run at once. Every write is its own short transaction: positions are saved as they change,
so `kill -9` loses at most the sentence being spoken. Nothing here may stop a user from
reading: a corrupt database is moved aside and replaced, an unwritable one falls back to
memory, and both leave a one-line `warning` for the UI to show.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reader.extract.sentences import split_sentences
from reader.highlights import HighlightRecords
from reader.model import Article, Position, article_from_dict

SCHEMA_VERSION = 4
BUSY_SECONDS = 5.0
"""How long to wait for another reader holding the database."""
_MIGRATIONS: dict[int, str] = {
    1: """
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
    """,
    # The clean copy moves to its own table: SQLite rewrites a whole row on UPDATE, and
    # saving the position beside a book's megabytes of JSON made every paragraph step slow.
    2: """
        CREATE TABLE copies (
            source       TEXT PRIMARY KEY,
            article_json TEXT NOT NULL
        );
        INSERT INTO copies (source, article_json)
            SELECT source, article_json FROM documents WHERE article_json IS NOT NULL;
        UPDATE documents SET article_json = NULL;
    """,
    # Sentences kept while listening (reader.highlights): by place, and by text so an
    # export still says what was kept after the page changed.
    3: """
        CREATE TABLE highlights (
            id       INTEGER PRIMARY KEY AUTOINCREMENT,
            source   TEXT NOT NULL,
            block    INTEGER NOT NULL,
            sentence INTEGER NOT NULL,
            text     TEXT NOT NULL,
            note     TEXT NOT NULL DEFAULT '',
            saved_at REAL NOT NULL,
            UNIQUE (source, block, sentence)
        );
    """,
    # The voice picked for this document ("" follows the default voice of the settings).
    4: """
        ALTER TABLE documents ADD COLUMN voice TEXT NOT NULL DEFAULT '';
    """,
}


class NewerSchema(sqlite3.DatabaseError):
    """The database is fine but newer than this program: never move it aside."""


@dataclass(frozen=True, slots=True)
class Document:
    source: str
    title: str
    site: str | None
    position: Position
    blocks: int
    opened_at: float
    finished: bool
    voice: str = ""
    """The voice picked for this document; "" follows the settings' default."""
    changed: bool = False
    """Set by `remember` when the page's content differs from the copy seen before."""

    @property
    def progress(self) -> float:
        """0.0 to 1.0, by blocks."""
        if self.finished:
            return 1.0
        return min(1.0, self.position.block / self.blocks) if self.blocks else 0.0


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("reader", appauthor=False) / "reader.sqlite3"


def content_hash(article: Article) -> str:
    return hashlib.sha256(article.text.encode()).hexdigest()[:32]


class Store(HighlightRecords):
    def __init__(
        self, connection: sqlite3.Connection, warning: str | None = None, path: Path | None = None
    ) -> None:
        self._db = connection
        self._lock = threading.Lock()
        self._path = path
        """The file behind `connection`, to move aside if it turns out damaged (None: memory)."""
        self.warning = warning

    @classmethod
    def open(cls, path: Path | None = None) -> Store:
        """Open (creating or migrating) the database; never raises for a bad file."""
        path = path or default_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return cls(_connect(path), path=path)
        except NewerSchema as error:
            return cls._in_memory(f"{path} {error}; positions will not be saved")
        except sqlite3.DatabaseError as error:
            if _is_corrupt(error) and path.exists():
                try:
                    aside = _move_aside(path)
                    return cls(_connect(path), _damaged(error, aside), path)
                except (OSError, sqlite3.Error):
                    pass
            return cls._in_memory(_unusable(path, error))
        except OSError as error:
            reason = error.strerror or str(error)
            return cls._in_memory(
                f"cannot use {path.parent} ({reason}); positions will not be saved"
            )

    @classmethod
    def _in_memory(cls, warning: str) -> Store:
        return cls(_connect(Path(":memory:")), warning)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- documents -----------------------------------------------------------------------

    def remember(self, article: Article) -> Document:
        """Record that `article` was opened now; return its saved state."""
        digest = content_hash(article)
        before = self._read(
            "SELECT content_hash FROM documents WHERE source = ?", (article.source,)
        )
        self._write(
            """INSERT INTO documents (source, title, site, content_hash, blocks, opened_at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (source) DO UPDATE SET title = excluded.title, site = excluded.site,
                   content_hash = excluded.content_hash, blocks = excluded.blocks,
                   opened_at = excluded.opened_at""",
            (
                article.source,
                article.title,
                article.site,
                digest,
                len(article.blocks),
                time.time(),
            ),
        )
        copied = self._read("SELECT 1 FROM copies WHERE source = ?", (article.source,))
        if not copied or not before or before[0][0] != digest:
            self._write(
                "INSERT OR REPLACE INTO copies (source, article_json) VALUES (?, ?)",
                (article.source, json.dumps(article.to_dict(), ensure_ascii=False)),
            )
        document = self.document(article.source) or _unsaved(article)
        return replace(document, changed=bool(before) and before[0][0] != digest)

    def document(self, source: str) -> Document | None:
        rows = self._read(f"SELECT {_COLUMNS} FROM documents WHERE source = ?", (source,))
        return _document(rows[0]) if rows else None

    def save_position(self, source: str, position: Position) -> None:
        self._write(
            "UPDATE documents SET block = ?, sentence = ?, char = ? WHERE source = ?",
            (position.block, position.sentence, position.char, source),
        )

    def save_voice(self, source: str, voice: str) -> None:
        """Read this document with `voice` from now on ("": the default voice)."""
        self._write("UPDATE documents SET voice = ? WHERE source = ?", (voice, source))

    def mark_finished(self, source: str, finished: bool = True) -> None:
        self._write("UPDATE documents SET finished = ? WHERE source = ?", (int(finished), source))

    def remove(self, source: str) -> None:
        self._write("DELETE FROM documents WHERE source = ?", (source,))
        self._write("DELETE FROM copies WHERE source = ?", (source,))

    def history(self, limit: int = 100, search: str = "") -> list[Document]:
        pattern = f"%{search}%"
        rows = self._read(
            f"""SELECT {_COLUMNS} FROM documents
                WHERE title LIKE ? OR source LIKE ? OR IFNULL(site, '') LIKE ?
                ORDER BY opened_at DESC LIMIT ?""",
            (pattern, pattern, pattern, limit),
        )
        return [_document(row) for row in rows]

    def cached_article(self, source: str) -> Article | None:
        """The clean copy saved when `source` was last opened, for reading offline."""
        rows = self._read("SELECT article_json FROM copies WHERE source = ?", (source,))
        if not rows or not rows[0][0]:
            return None
        try:
            article = article_from_dict(json.loads(rows[0][0]))
        except (ValueError, KeyError, TypeError):
            return None
        return split_sentences(article)  # a copy saved before spans were stored has none

    # --- the listening queue -------------------------------------------------------------

    def queue_add(self, sources: list[str]) -> list[str]:
        """Append `sources` not queued yet; return those added, in order."""
        added: list[str] = []
        for source in sources:
            rows = self._read(
                "INSERT OR IGNORE INTO queue (source) VALUES (?) RETURNING source", (source,)
            )
            added += [str(row[0]) for row in rows]
        return added

    def queue(self) -> list[str]:
        return [str(row[0]) for row in self._read("SELECT source FROM queue ORDER BY id", ())]

    def queue_pop(self) -> str | None:
        """Take the first source off the queue."""
        rows = self._read(
            "DELETE FROM queue WHERE id = (SELECT min(id) FROM queue) RETURNING source", ()
        )
        return str(rows[0][0]) if rows else None

    def queue_clear(self) -> None:
        self._write("DELETE FROM queue", ())

    def queue_remove(self, source: str) -> None:
        self._write("DELETE FROM queue WHERE source = ?", (source,))

    def queue_move(self, source: str, step: int) -> bool:
        """Move `source` one place earlier (`step` < 0) or later; False when it is already
        first (last) or not queued. The order is the rows' ids: two of them swap."""
        earlier = step < 0
        rows = self._read(
            f"""SELECT here.id, (SELECT {"max" if earlier else "min"}(id) FROM queue
                                 WHERE id {"<" if earlier else ">"} here.id)
                FROM queue AS here WHERE source = ?""",
            (source,),
        )
        if not rows or rows[0][1] is None:
            return False
        here, there = rows[0]
        # Ids are unique at every row of an UPDATE, so the swap goes through a free one.
        return self._write_together(
            [
                ("UPDATE queue SET id = -1 WHERE id = ?", (here,)),
                ("UPDATE queue SET id = ? WHERE id = ?", (here, there)),
                ("UPDATE queue SET id = ? WHERE id = -1", (there,)),
            ]
        )

    # --- plumbing ------------------------------------------------------------------------

    def _write(self, sql: str, parameters: tuple[Any, ...]) -> None:
        try:
            self._execute(sql, parameters)
        except sqlite3.Error as error:
            self.warning = f"could not save reading state: {error}"

    def _write_together(self, statements: list[tuple[str, tuple[Any, ...]]]) -> bool:
        """Several statements as one transaction: all of them happen, or none (False)."""
        try:
            with self._lock:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    for sql, parameters in statements:
                        self._db.execute(sql, parameters)
                    self._db.execute("COMMIT")
                except BaseException:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise
        except sqlite3.Error as error:
            self.warning = f"could not save reading state: {error}"
            return False
        return True

    def _read(self, sql: str, parameters: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        try:
            return self._execute(sql, parameters)
        except sqlite3.Error as error:
            self.warning = f"could not read reading state: {error}"
            return []

    def _execute(self, sql: str, parameters: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        """Run one statement. Damage past the first page shows only here, at the first
        statement that reads a bad page: the file is then moved aside and the statement
        run again on a fresh database (or in memory if none can be made)."""
        with self._lock:
            try:
                return list(self._db.execute(sql, parameters).fetchall())
            except sqlite3.DatabaseError as error:
                if self._path is None or not _is_corrupt(error):
                    raise
                self._start_afresh(self._path, error)
            return list(self._db.execute(sql, parameters).fetchall())

    def _start_afresh(self, path: Path, error: sqlite3.DatabaseError) -> None:
        self._db.close()
        self._path = None  # whatever happens next, never twice
        try:
            aside = _move_aside(path)
            self._db = _connect(path)
            self._path = path
            self.warning = _damaged(error, aside)
        except (OSError, sqlite3.Error) as failure:
            self._db = _connect(Path(":memory:"))
            self.warning = _unusable(path, failure)


_COLUMNS = "source, title, site, block, sentence, char, blocks, opened_at, finished, voice"


def _document(row: tuple[Any, ...]) -> Document:
    source, title, site, block, sentence, char, blocks, opened_at, finished, voice = row
    return Document(
        source=source,
        title=title,
        site=site,
        position=Position(block, sentence, char),
        blocks=blocks,
        opened_at=opened_at,
        finished=bool(finished),
        voice=voice,
    )


def _unsaved(article: Article) -> Document:
    """The state of an article whose record could not be written (the UI still works)."""
    return Document(article.source, article.title, article.site, Position(), 0, time.time(), False)


def _connect(path: Path) -> sqlite3.Connection:
    """Open and set up the database. Switching to WAL and migrating need a moment alone
    with the file, and SQLite answers "locked" at once (its busy timeout does not cover
    them) when another reader is doing the same: so try again for a few seconds."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            return _connect_once(path)
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _connect_once(path: Path) -> sqlite3.Connection:
    # Autocommit: every statement is its own transaction, so nothing is left half-written.
    connection = sqlite3.connect(
        str(path), timeout=BUSY_SECONDS, check_same_thread=False, isolation_level=None
    )
    try:
        if str(path) != ":memory:":
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
        _migrate(connection)
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def _migrate(connection: sqlite3.Connection) -> None:
    """Bring the schema up to date inside one write transaction (two readers may start at
    once: the second waits, then sees the new version)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise NewerSchema(f"was made by a newer version of reader (schema {version})")
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS[target].split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {target}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _is_corrupt(error: sqlite3.DatabaseError) -> bool:
    text = str(error).lower()
    return "not a database" in text or "malformed" in text


def _move_aside(path: Path) -> Path:
    """Rename a damaged database out of the way, with its write-ahead log (a new file in
    its place must not replay it); return where it went. Never replaces an earlier one."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    path.rename(aside)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(aside.with_name(aside.name + suffix))
    return aside


def _damaged(error: sqlite3.DatabaseError, aside: Path) -> str:
    return f"the reading history was damaged ({error}); moved to {aside} and started afresh"


def _unusable(path: Path, error: Exception) -> str:
    return f"cannot use {path} ({error}); positions will not be saved"
