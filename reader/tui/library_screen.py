"""The library: documents opened before, newest first, with their progress.

Dismisses with the source to open (or None). Edits (remove, finished, queue) go straight to
the store, which is the only state: the table is redrawn from it.
"""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from reader.store import Document, Store
from reader.tui.literal import literal


def _age(opened_at: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(opened_at))


class LibraryScreen(Screen[str | None]):
    BINDINGS = [
        Binding("enter", "open", "Open", id="library_open", priority=True),
        Binding("d,delete", "remove", "Remove", id="library_remove"),
        Binding("f", "finished", "Finished", id="library_finished"),
        Binding("a", "queue", "Queue", id="library_queue"),
        Binding("slash", "search", "Search", id="library_search"),
        Binding("escape", "close", "Back", id="library_close"),
    ]

    def __init__(self, store: Store, sample: str) -> None:
        super().__init__()
        self.store = store
        self.sample = sample
        self._documents: list[Document] = []
        self._removing: str | None = None
        """The source a first press of d asked about."""

    def compose(self) -> ComposeResult:
        with Vertical(id="library"):
            yield Static("Library", classes="dialog-title")
            yield Input(placeholder="search titles, sites, sources  (/)", id="library-search")
            yield DataTable(cursor_type="row", zebra_stripes=True)
            yield Static("", id="library-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Title", "Site", "Read", "Highlights", "Opened")
        self.refresh_rows()
        table.focus()

    def refresh_rows(self, cursor: int = 0) -> None:
        """The table drawn again from the store, the cursor on row `cursor` (or the last)."""
        search = self.query_one(Input).value.strip()
        self._documents = self.store.history(search=search)
        self._removing = None
        table = self.query_one(DataTable)
        table.clear()
        counts = self.store.highlight_counts()
        for document in self._documents:
            progress = "done" if document.finished else f"{document.progress:.0%}"
            table.add_row(
                literal(document.title or document.source),
                literal(document.site or ""),
                progress,
                str(counts.get(document.source, "")),
                _age(document.opened_at),
                key=document.source,
            )
        if self._documents:
            table.move_cursor(row=min(cursor, len(self._documents) - 1))
        empty = self.query_one("#library-empty", Static)
        if self._documents:
            empty.update("")
        elif search:
            empty.update(literal(f"Nothing matches {search!r}."))
        else:
            empty.update(
                "Nothing read yet. Press Enter to open the sample article, "
                "or Escape and then o to open a file or URL."
            )

    def _selected(self) -> Document | None:
        table = self.query_one(DataTable)
        if not self._documents or table.cursor_row >= len(self._documents):
            return None
        return self._documents[table.cursor_row]

    def on_input_changed(self) -> None:
        self.refresh_rows()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        document = self._selected()
        if document is not None:
            self.dismiss(document.source)
        elif not self.query_one(Input).value.strip():
            self.dismiss(self.sample)

    def action_remove(self) -> None:
        """Asks first: a second press on the same document removes it; the cursor then
        stands on the next one."""
        document = self._selected()
        if document is None:
            return
        if self._removing != document.source:
            self._removing = document.source
            name = document.title or document.source
            self.notify(f"Press d again to remove {name}", markup=False)
            return
        row = self.query_one(DataTable).cursor_row
        self.store.remove(document.source)
        self.refresh_rows(cursor=row)

    def action_finished(self) -> None:
        """Toggle finished, and go on to the next document."""
        document = self._selected()
        if document is not None:
            row = self.query_one(DataTable).cursor_row
            self.store.mark_finished(document.source, not document.finished)
            self.refresh_rows(cursor=row + 1)

    def action_queue(self) -> None:
        document = self._selected()
        if document is not None:
            self.store.queue_add([document.source])
            self.notify(f"Queued: {document.title or document.source}", markup=False)

    def action_search(self) -> None:
        self.query_one(Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)
