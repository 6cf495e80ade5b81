"""The key help: every binding of the reader with its keys, generated from the bindings."""

from __future__ import annotations

from dataclasses import replace

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from reader.tui.bindings import (
    HIGHLIGHTS_BINDINGS,
    LINKS_BINDINGS,
    NARRATION_BINDINGS,
    QUEUE_BINDINGS,
)
from reader.tui.literal import literal

_ELSEWHERE = (
    "In the library (L): Enter opens, d twice removes, f marks finished, a queues, "
    "/ searches, Esc goes back.",
    "Mouse: a click focuses a paragraph, a double click plays from it, the wheel scrolls.",
)
"""What the reading screen's bindings do not say: the library's keys and the mouse."""


def _mapped(bindings: list[BindingType], keymap: dict[str, str]) -> list[Binding]:
    return [
        replace(b, key=keymap.get(b.id or "", b.key)) for b in bindings if isinstance(b, Binding)
    ]


DIALOG_SHARE = 0.9
"""Of the screen's height, what the dialog may take (`max-height` in reader.tcss)."""
FRAME_ROWS = 8
"""Rows of the dialog besides the list: border, padding, title, hint and their margins."""


class HelpScreen(ModalScreen[None]):
    """Every binding of the reading screen with its keys; Escape, q or ? close it."""

    BINDINGS = [("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, bindings: list[BindingType], keymap: dict[str, str]) -> None:
        """`keymap`: the keys the settings give some bindings (by binding id) instead."""
        super().__init__()
        self._listed = _mapped(bindings, keymap)
        self._others = {
            "In the queue": _mapped(QUEUE_BINDINGS, keymap),
            "In the highlights list": _mapped(HIGHLIGHTS_BINDINGS, keymap),
            "In the links list": _mapped(LINKS_BINDINGS, keymap),
            "In the narration settings": _mapped(NARRATION_BINDINGS, keymap),
        }

    def _keys(self, binding: Binding) -> Text:
        """One label per key: the binding's own key_display names only its first key."""
        keys = (
            replace(binding, key=key.strip(), key_display=None) for key in binding.key.split(",")
        )
        return Text("  ").join(literal(self.app.get_key_display(key)) for key in keys)

    def _screen_line(self, where: str, bindings: list[Binding]) -> Text:
        """Another screen's keys, from its bindings (as the settings map them)."""
        parts = [Text(" ").join((self._keys(b), literal(b.description.lower()))) for b in bindings]
        return Text(f"{where}: ") + Text(", ").join(parts) + Text(".")

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 3))
        table.add_column(style="bold")
        table.add_column()
        for binding in self._listed:
            table.add_row(self._keys(binding), literal(binding.description))
        with Vertical(id="help"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(table)
                for line in _ELSEWHERE:
                    yield Static(line, classes="dialog-hint", markup=False)
                for where, bindings in self._others.items():
                    yield Static(self._screen_line(where, bindings), classes="dialog-hint")
            yield Static("↑ ↓ PgUp PgDn scroll  ·  Esc closes this help", classes="dialog-hint")
        yield Footer()  # the reading screen's keys do not act while this is open

    def on_resize(self, event: events.Resize) -> None:
        """The list scrolls inside what the dialog can hold, so its title and the hint
        saying how to scroll stay in view on a short terminal."""
        footer = self.query_one(Footer).outer_size.height or 1
        room = int((event.size.height - footer) * DIALOG_SHARE) - FRAME_ROWS
        self.query_one("#help VerticalScroll").styles.max_height = max(3, room)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
