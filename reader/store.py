"""What the reader remembers between runs: documents, positions, the listening queue.

One SQLite database in the platform's user data directory, in WAL mode so two readers can
run at once. Every write is its own short transaction: positions are saved as they change,
so `kill -9` loses at most the sentence being spoken. Nothing here may stop a user from
reading: a corrupt database is moved aside and replaced, an unwritable one falls back to
memory, and both leave a one-line `warning` for the UI to show. The file itself (schema,
migrations, what is done with a damaged one) is `database.py`; this is the queries.
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

from reader.database import default_path, is_corrupt, open_file, start_afresh
from reader.extract.sentences import split_sentences
from reader.highlights import HighlightRecords
from reader.model import Article, Position, article_from_dict


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
        connection, warning, usable = open_file(path or default_path())
        return cls(connection, warning, usable)

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
                if self._path is None or not is_corrupt(error):
                    raise
                self._start_afresh(self._path, error)
            return list(self._db.execute(sql, parameters).fetchall())

    def _start_afresh(self, path: Path, error: sqlite3.DatabaseError) -> None:
        self._db.close()
        self._path = None  # whatever happens next, never twice
        self._db, self.warning, self._path = start_afresh(path, error)


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
