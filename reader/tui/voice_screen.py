"""Pick a voice; the article's language comes first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.narration.engine import Voice
from reader.tui.literal import literal


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
                *(Option(_label(voice), id=voice.identifier) for voice in self._voices)
            )
        yield Footer()  # this dialog's keys: the reading screen's do not act now

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _label(voice: Voice) -> Text:
    """The language in a column of its own, then the name."""
    label = literal(voice.language)
    label.pad_right(max(1, 9 - label.cell_len))
    return label.append_text(literal(voice.name))
