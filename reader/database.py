"""The SQLite file behind the store: its schema and the migrations to it, connecting (WAL,
waiting out another reader), and a damaged file moved aside.

`Store` (store.py) runs the queries; this is what it stands on. A file that cannot be used
never stops a user from reading: a damaged one is moved aside and started afresh, one that
cannot be opened gives way to a database in memory, each with a one-line warning.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

Opened = tuple[sqlite3.Connection, str | None, Path | None]
"""A connection, the one-line warning about the file (None when all is well), and the file
behind the connection (None when it is in memory)."""

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


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("reader", appauthor=False) / "reader.sqlite3"


def connect(path: Path) -> sqlite3.Connection:
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


def is_corrupt(error: sqlite3.DatabaseError) -> bool:
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


def open_file(path: Path) -> Opened:
    """Open (creating or migrating) the database at `path`; never raises for a bad file: a
    damaged one is moved aside and started afresh, one that cannot be used is replaced by
    a database in memory."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return connect(path), None, path
    except NewerSchema as error:
        return _in_memory(f"{path} {error}; positions will not be saved")
    except sqlite3.DatabaseError as error:
        if is_corrupt(error) and path.exists():
            try:
                aside = _move_aside(path)
                return connect(path), _damaged(error, aside), path
            except (OSError, sqlite3.Error):
                pass
        return _in_memory(_unusable(path, error))
    except OSError as error:
        reason = error.strerror or str(error)
        return _in_memory(f"cannot use {path.parent} ({reason}); positions will not be saved")


def start_afresh(path: Path, error: sqlite3.DatabaseError) -> Opened:
    """`path` turned out damaged past its first page (`error`), its connection closed: move
    it aside and start a new one there, or in memory if none can be made."""
    try:
        aside = _move_aside(path)
        return connect(path), _damaged(error, aside), path
    except (OSError, sqlite3.Error) as failure:
        return _in_memory(_unusable(path, failure))


def _in_memory(warning: str) -> Opened:
    return connect(Path(":memory:")), warning, None
