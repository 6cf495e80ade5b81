"""Modal screens: the key help (generated from the app's bindings) and "open a source"."""

from __future__ import annotations

from dataclasses import replace

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.narration.engine import Voice


class HelpScreen(ModalScreen[None]):
    """Every binding of the app with its keys; Escape, q or ? close it."""

    BINDINGS = [("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, bindings: list[BindingType]) -> None:
        super().__init__()
        self._listed = [b for b in bindings if isinstance(b, Binding)]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 3))
        table.add_column(style="bold")
        table.add_column()
        for binding in self._listed:
            # One label per key: the binding's own key_display names only its first key.
            keys = (
                replace(binding, key=key.strip(), key_display=None)
                for key in binding.key.split(",")
            )
            label = "  ".join(self.app.get_key_display(key) for key in keys)
            table.add_row(label, binding.description)
        with Vertical(id="help"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(table)
            yield Static("Esc closes this help", classes="dialog-hint")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


class OpenScreen(ModalScreen[str | None]):
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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class VoiceScreen(ModalScreen[str | None]):
    """Pick a voice; the article's language comes first."""

    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(self, voices: list[Voice], lang: str | None) -> None:
        super().__init__()
        prefix = (lang or "").split("-")[0].lower()
        self._voices = sorted(voices, key=lambda v: not (prefix and v.language.startswith(prefix)))

    def compose(self) -> ComposeResult:
        with Vertical(id="voices"):
            yield Static("Voice", classes="dialog-title")
            yield OptionList(
                *(Option(f"{v.language:<8} {v.name}", id=v.identifier) for v in self._voices)
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


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
                        Option("  " * max(0, level - 1) + text, id=str(block))
                        for block, level, text in self._headings
                    )
                )
            else:
                yield Static("This article has no headings.", classes="dialog-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
