"""The dialog that asks for a highlight's note (the highlight key, the highlights list)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from reader.tui.literal import literal

QUOTED = 120
"""Characters of the sentence the note dialog shows."""


class NoteScreen(ModalScreen[str | None]):
    """Asks for a highlight's note: Enter saves (with no note if none was typed), Escape
    keeps nothing."""

    BINDINGS = [("escape", "cancel", "Cancel")]

    ASK = "Keep this sentence — a note? (Enter saves)"

    def __init__(self, sentence: str, note: str = "", ask: str = ASK) -> None:
        """`note`: the one to edit, if the sentence is kept already."""
        super().__init__()
        self._sentence = sentence
        self._note = note
        self._ask = ask

    def compose(self) -> ComposeResult:
        quoted = self._sentence if len(self._sentence) <= QUOTED else self._sentence[:QUOTED] + "…"
        with Vertical(id="open"):
            yield Static(literal(self._ask), classes="dialog-title")
            yield Static(literal(f"“{quoted}”"), id="highlight-sentence")
            yield Input(self._note, placeholder="a note (optional)", id="highlight-note")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
