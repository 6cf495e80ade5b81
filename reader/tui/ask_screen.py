"""A one-line question: a file or URL to open, a percentage to go to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static


class AskScreen(ModalScreen[str | None]):
    """Asks for one line: a file path or URL to open (or, titled otherwise, a number)."""

    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str = "Open a file or URL",
        placeholder: str = "path/to/article.html or https://…",
    ) -> None:
        super().__init__()
        self._title = title
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="open"):
            yield Static(self._title, classes="dialog-title")
            yield Input(placeholder=self._placeholder)
        yield Footer()  # this dialog's keys: the reading screen's do not act now

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
