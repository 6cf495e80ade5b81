"""Narration settings: whether code blocks, tables and image captions are read, block quotes
in another voice, and the pauses after paragraphs and sentences.

Each change is made at once through the reading screen's `tune` (the narrator takes it
from the next sentence rendered, the settings file keeps it), and the rows are drawn again
from the options the narrator was told, the one place they are kept: the dialog holds no
copy of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.narration_options import NarrationOptions
from reader.tui.bindings import NARRATION_BINDINGS

PAUSE_STEP_MS = 50
"""One press of ← or → on a pause."""
SKIPPED = 'Off: passed over, saying "Code block skipped." or "Table skipped." once.'
HINT = "Space/Enter on or off  ·  ← → pause length  ·  Esc closes"


@dataclass(frozen=True, slots=True)
class Row:
    option: str
    """The `NarrationOptions` field the row shows and changes."""
    label: str


TOGGLES = (
    Row("read_code", "Read code blocks"),
    Row("read_tables", "Read tables, row by row"),
    Row("read_captions", "Read image captions"),
    Row("quote_voice", "Read block quotes in another voice"),
)
PAUSES = (
    Row("paragraph_pause_ms", "Pause after a paragraph"),
    Row("sentence_pause_ms", "Pause after a sentence"),
)
ROWS = (*TOGGLES, *PAUSES)


def shown(row: Row, options: NarrationOptions) -> Text:
    """A row as the dialog draws it: a check box, or the pause in milliseconds (the
    dialog's own words: plain `Text`, never markup)."""
    value = getattr(options, row.option)
    if row in TOGGLES:
        return Text(f"[{'x' if value else ' '}] {row.label}")
    return Text(f"{value:>5} ms  {row.label}")


class NarrationScreen(ModalScreen[None]):
    BINDINGS = NARRATION_BINDINGS

    def __init__(self, options: Callable[[], NarrationOptions], tune: Callable[..., None]) -> None:
        """`options`: what the narrator was told; `tune(**changes)` changes and keeps it."""
        super().__init__()
        self._options = options
        self._tune = tune

    def compose(self) -> ComposeResult:
        with Vertical(id="narration-settings"):
            yield Static("Narration", classes="dialog-title")
            yield OptionList(*(Option(shown(row, self._options()), id=row.option) for row in ROWS))
            yield Static(SKIPPED, classes="dialog-hint", markup=False)
            yield Static(HINT, classes="dialog-hint", markup=False)
        yield Footer()  # this dialog's keys: the reading screen's do not act now

    def _row(self) -> Row | None:
        index = self.query_one(OptionList).highlighted
        return ROWS[index] if index is not None else None

    def _change(self, row: Row, value: Any) -> None:
        self._tune(**{row.option: value})
        options = self.query_one(OptionList)
        options.replace_option_prompt(row.option, shown(row, self._options()))

    def action_switch(self) -> None:
        row = self._row()
        if row is not None and row in TOGGLES:
            self._change(row, not getattr(self._options(), row.option))

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_switch()  # a click

    def action_pause(self, step: int) -> None:
        row = self._row()
        if row is not None and row in PAUSES:
            pause = getattr(self._options(), row.option) + step * PAUSE_STEP_MS
            self._change(row, max(0, pause))

    def action_close(self) -> None:
        self.dismiss(None)
