"""Highlights: sentences kept while listening, with an optional note, and their exports.

A highlight is stored by place (block, sentence) and by its text, so an export still says
what was kept after the page changed. `HighlightRecords` is the store's part for them (a
mixin of `reader.store.Store`, which provides the statements); the exports are plain text,
Markdown and JSON records, every field passed through `sanitize_line` first.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from reader.safe_text import sanitize_line


@dataclass(frozen=True, slots=True)
class Highlight:
    source: str
    block: int
    sentence: int
    text: str
    note: str
    saved_at: float
    title: str = ""
    """The document's title when the library knows it (empty otherwise)."""


class HighlightRecords:
    """The highlights table (schema 3). `Store` supplies `_read` and `_write`."""

    def _read(self, sql: str, parameters: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _write(self, sql: str, parameters: tuple[Any, ...]) -> None:
        raise NotImplementedError

    def highlight_save(self, source: str, block: int, sentence: int, text: str, note: str) -> None:
        """Keep a sentence (again: its note and time are replaced)."""
        self._write(
            """INSERT INTO highlights (source, block, sentence, text, note, saved_at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (source, block, sentence) DO UPDATE SET text = excluded.text,
                   note = excluded.note, saved_at = excluded.saved_at""",
            (source, block, sentence, text, note, time.time()),
        )

    def highlight_note(self, source: str, block: int, sentence: int, note: str) -> None:
        """A kept sentence's note changed; when it was kept stays as it was."""
        self._write(
            "UPDATE highlights SET note = ? WHERE source = ? AND block = ? AND sentence = ?",
            (note, source, block, sentence),
        )

    def highlight_remove(self, source: str, block: int, sentence: int) -> None:
        self._write(
            "DELETE FROM highlights WHERE source = ? AND block = ? AND sentence = ?",
            (source, block, sentence),
        )

    def highlights(self, source: str | None = None) -> list[Highlight]:
        """Those of `source` (all when None), by document, then in reading order."""
        rows = self._read(
            """SELECT h.source, h.block, h.sentence, h.text, h.note, h.saved_at,
                      IFNULL(d.title, '')
               FROM highlights AS h LEFT JOIN documents AS d ON d.source = h.source
               WHERE ? IS NULL OR h.source = ?
               ORDER BY h.source, h.block, h.sentence""",
            (source, source),
        )
        return [Highlight(*row) for row in rows]

    def highlight_counts(self) -> dict[str, int]:
        rows = self._read("SELECT source, count(*) FROM highlights GROUP BY source", ())
        return {str(source): int(count) for source, count in rows}


def _when(saved_at: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(saved_at))


def _by_document(highlights: list[Highlight]) -> dict[str, list[Highlight]]:
    documents: dict[str, list[Highlight]] = {}
    for highlight in highlights:
        documents.setdefault(highlight.source, []).append(highlight)
    return documents


def as_record(highlight: Highlight) -> dict[str, object]:
    """One highlight as a JSON object; block and sentence count from 0, as stored."""
    return {
        "title": sanitize_line(highlight.title),
        "source": sanitize_line(highlight.source),
        "block": highlight.block,
        "sentence": highlight.sentence,
        "text": sanitize_line(highlight.text),
        "note": sanitize_line(highlight.note),
        "saved_at": highlight.saved_at,
    }


def as_text(highlights: list[Highlight]) -> str:
    """Plain lines: a document's title and link, then its highlights, one a line."""
    parts: list[str] = []
    for source, kept in _by_document(highlights).items():
        title = sanitize_line(kept[0].title) or "(untitled)"
        lines = [title, sanitize_line(source)]
        for highlight in kept:
            place = f"¶{highlight.block + 1}.{highlight.sentence + 1}"
            lines.append(f"  {place}  {sanitize_line(highlight.text)}")
            if highlight.note.strip():
                lines.append(f"      note: {sanitize_line(highlight.note)}")
            lines.append(f"      saved {_when(highlight.saved_at)}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n" if parts else ""


def _markdown(text: str) -> str:
    """One line of Markdown showing `text` as typed (its Markdown characters escaped)."""
    from reader.markdown_writer import one_line

    return one_line(sanitize_line(text))


def as_markdown(highlights: list[Highlight]) -> str:
    """A section per document (its title linking to it), a quote per highlight."""
    parts: list[str] = []
    for source, kept in _by_document(highlights).items():
        link = sanitize_line(source).replace(">", "%3E").replace("<", "%3C").replace(" ", "%20")
        title = _markdown(kept[0].title) or _markdown(source)
        lines = [f"## [{title}](<{link}>)"]
        for highlight in kept:
            lines.append("")
            lines.append(f"> {_markdown(highlight.text)}")
            if highlight.note.strip():
                lines.append(">")
                lines.append(f"> — {_markdown(highlight.note)}")
            place = f"paragraph {highlight.block + 1}, sentence {highlight.sentence + 1}"
            lines.append("")
            lines.append(f"*{place} · saved {_when(highlight.saved_at)}*")
        parts.append("\n".join(lines))
    return "# Highlights\n\n" + "\n\n".join(parts) + "\n" if parts else ""
