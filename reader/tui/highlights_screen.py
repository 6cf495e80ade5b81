"""The document's highlights as a list: go to one, edit its note, remove it.

Dismisses with the place to go to (or None). Notes and removals go straight to the store,
the only state: the table is drawn again from it, and `changed` lets the reading screen
mark the article again at once (the list sits over it).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from reader.highlights import Highlight
from reader.model import Article, Position
from reader.store import Store
from reader.tui.bindings import HIGHLIGHTS_BINDINGS
from reader.tui.literal import literal, notice
from reader.tui.note_screen import NoteScreen

SHOWN = 60
"""Characters of a sentence (or a note) a row shows."""
EMPTY = "No highlights in this document yet: m keeps the sentence being heard."
HINT = "In reading order. In the article, m on a highlighted sentence removes it too."


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def place_of(article: Article, kept: Highlight) -> Position | None:
    """Where `kept` is in `article` now; None when the page no longer has that place."""
    if kept.block >= len(article.blocks):
        return None
    spans = article.sentences(kept.block)
    if kept.sentence >= len(spans):
        return Position(kept.block)
    return Position(kept.block, kept.sentence, spans[kept.sentence].start)


class HighlightsScreen(ModalScreen[Position | None]):
    BINDINGS = HIGHLIGHTS_BINDINGS

    def __init__(self, store: Store, article: Article, changed: Callable[[], None]) -> None:
        super().__init__()
        self.store = store
        self.article = article
        self._changed = changed
        self._kept: list[Highlight] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="highlights"):
            yield Static(literal("Highlights"), classes="dialog-title")
            yield DataTable(cursor_type="row", zebra_stripes=True)
            yield Static(literal(""), id="highlights-hint", classes="dialog-hint")
        yield Footer()  # the list's keys: the reading screen's do not act now

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("¶", "Sentence", "Note")
        self.refresh_rows()
        table.focus()

    @property
    def kept(self) -> list[Highlight]:
        """What is shown, in reading order."""
        return list(self._kept)

    def refresh_rows(self, cursor: int = 0) -> None:
        """The table drawn again from the store, the cursor on row `cursor` (or the last)."""
        self._kept = self.store.highlights(self.article.source)
        table = self.query_one(DataTable)
        table.clear()
        for kept in self._kept:
            place = f"{kept.block + 1}.{kept.sentence + 1}"
            table.add_row(literal(place), literal(_cut(kept.text)), literal(_cut(kept.note)))
        if self._kept:
            table.move_cursor(row=min(cursor, len(self._kept) - 1))
        hint = HINT if self._kept else EMPTY
        self.query_one("#highlights-hint", Static).update(literal(hint))

    def _selected(self) -> tuple[int, Highlight] | None:
        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self._kept):
            return None
        return row, self._kept[row]

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_go_to()

    def action_go_to(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        place = place_of(self.article, selected[1])
        if place is None:
            self.notify("That place is no longer in this document.", severity="warning")
            return
        self.dismiss(place)

    def action_edit_note(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        row, kept = selected

        def noted(note: str | None) -> None:
            if note is not None and note != kept.note:
                self.store.highlight_note(kept.source, kept.block, kept.sentence, note)
                self.refresh_rows(cursor=row)
                said = f"Note saved: {note}" if note else "Note removed."
                self.notify(notice(said), markup=False)

        ask = "This highlight's note (Enter saves, Esc keeps it as it was)"
        self.app.push_screen(NoteScreen(kept.text, kept.note, ask), noted)

    def action_remove(self) -> None:
        """Forget it; the cursor stands on the next one."""
        selected = self._selected()
        if selected is not None:
            row, kept = selected
            self.store.highlight_remove(kept.source, kept.block, kept.sentence)
            self.refresh_rows(cursor=row)
            self._changed()
            self.notify(notice(f"Highlight removed: {_cut(kept.text)}"), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
