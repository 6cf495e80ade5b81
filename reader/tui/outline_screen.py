"""The article's headings; Enter jumps to the one chosen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.tui.literal import literal


class OutlineScreen(ModalScreen[int | None]):
    """The article's headings; Enter jumps to the one chosen."""

    BINDINGS = [("escape,t", "cancel", "Close")]

    def __init__(self, headings: list[tuple[int, int, str]]) -> None:
        """`headings`: (block index, level, text) in reading order."""
        super().__init__()
        self._headings = headings

    def compose(self) -> ComposeResult:
        with Vertical(id="outline"):
            yield Static("Outline", classes="dialog-title")
            if self._headings:
                yield OptionList(
                    *(
                        Option(literal(text, indent=2 * max(0, level - 1)), id=str(block))
                        for block, level, text in self._headings
                    )
                )
            else:
                yield Static("This article has no headings.", classes="dialog-hint")
        yield Footer()  # this dialog's keys: the reading screen's do not act now

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
