"""The listening queue: what plays after the article being read, in order.

Dismisses with the source to open now (or None); the one opened leaves the queue, whose
rest goes on after it. Moves and removals go straight to the store, which is the only
state: the table is drawn again from it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from reader.store import Store
from reader.tui.bindings import QUEUE_BINDINGS
from reader.tui.literal import literal, notice

EMPTY = "Nothing queued. In the library (L), a queues a document."
HINT = "The first plays when the article ends."


class QueueScreen(ModalScreen[str | None]):
    BINDINGS = QUEUE_BINDINGS

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._sources: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="queue"):
            yield Static(literal("Up next"), classes="dialog-title")
            yield DataTable(cursor_type="row", zebra_stripes=True)
            yield Static(literal(""), id="queue-hint", classes="dialog-hint")
        yield Footer()  # the queue's keys: the reading screen's do not act now

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "Title", "Source")
        self.refresh_rows()
        table.focus()

    @property
    def sources(self) -> list[str]:
        """What is shown, in the order it will play."""
        return list(self._sources)

    def refresh_rows(self, cursor: int = 0) -> None:
        """The table drawn again from the store, the cursor on row `cursor` (or the last)."""
        self._sources = self.store.queue()
        table = self.query_one(DataTable)
        table.clear()
        for number, source in enumerate(self._sources, 1):
            document = self.store.document(source)
            title = document.title if document is not None else ""
            table.add_row(str(number), literal(title or "—"), literal(source), key=source)
        if self._sources:
            table.move_cursor(row=min(cursor, len(self._sources) - 1))
        hint = HINT if self._sources else EMPTY
        self.query_one("#queue-hint", Static).update(literal(hint))

    def _selected(self) -> tuple[int, str] | None:
        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self._sources):
            return None
        return row, self._sources[row]

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.store.queue_remove(selected[1])
            self.dismiss(selected[1])

    def action_move(self, step: int) -> None:
        """One place earlier (`step` -1) or later (1); the cursor goes with it."""
        selected = self._selected()
        if selected is not None and self.store.queue_move(selected[1], step):
            self.refresh_rows(cursor=selected[0] + step)

    def action_remove(self) -> None:
        """Take it off the queue; the cursor stands on the next one."""
        selected = self._selected()
        if selected is not None:
            self.store.queue_remove(selected[1])
            self.refresh_rows(cursor=selected[0])
            self.notify(notice(f"Off the queue: {selected[1]}"), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
