"""Pick a voice for this document: "Automatic" first, then each engine's voices with the
article's language on top; typing filters, Ctrl-L previews, Ctrl-D makes it the default."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Article, first_body_block
from reader.narration.engine import Voice
from reader.tui.literal import literal

AUTOMATIC_ID = "automatic"
"""The option that follows the article's language (the voice setting "")."""
ENGINES = (("piper", "Piper — natural"), ("espeak", "eSpeak NG"))


@dataclass(frozen=True, slots=True)
class VoiceChoice:
    voice: str
    """"" for automatic."""
    default: bool = False
    """For every document without a voice of its own, not only this one."""


class VoiceScreen(ModalScreen[VoiceChoice | None]):
    BINDINGS = [
        ("escape", "cancel", "Cancel"),
        ("down", "move(1)", "Next"),
        ("up", "move(-1)", "Previous"),
        Binding("ctrl+l", "preview", "Listen", priority=True),
        Binding("ctrl+d", "make_default", "Default for all", priority=True),
    ]

    def __init__(self, voices: list[Voice], lang: str | None, sample: str = "") -> None:
        super().__init__()
        self._lang = (lang or "").split("-")[0].lower()
        self._voices = voices
        self._sample = sample
        self._preview: subprocess.Popen[bytes] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="voices"):
            yield Static("Voice", classes="dialog-title")
            yield Input(placeholder="type to filter: a language, a name, piper…")
            yield OptionList(*self._options(""))
        yield Footer()

    def _options(self, query: str) -> list[Option]:
        words = query.lower().split()

        def matches(voice: Voice) -> bool:
            haystack = f"{voice.engine} {voice.language} {voice.name} {voice.identifier}".lower()
            return all(word in haystack for word in words)

        options = (
            [] if words else [Option("Automatic (follows the article's language)", id=AUTOMATIC_ID)]
        )
        for engine, title in ENGINES:
            found = [v for v in self._voices if v.engine == engine and matches(v)]
            found.sort(key=lambda v: not (self._lang and v.language.startswith(self._lang)))
            if found:
                options.append(Option(Text(title, style="bold"), disabled=True))
                options.extend(Option(_label(v), id=v.identifier) for v in found)
        return options

    def on_input_changed(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        if options.option_count:
            self.action_move(1)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def _highlighted(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def on_input_submitted(self) -> None:
        self._choose(self._highlighted(), default=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id, default=False)

    def action_make_default(self) -> None:
        self._choose(self._highlighted(), default=True)

    def _choose(self, identifier: str | None, *, default: bool) -> None:
        if identifier is None:
            return
        self._stop_preview()
        self.dismiss(VoiceChoice("" if identifier == AUTOMATIC_ID else identifier, default))

    def action_preview(self) -> None:
        """Say a sentence with the highlighted voice, in a process of its own."""
        identifier = self._highlighted()
        if identifier is None:
            return
        self._stop_preview()
        voice = "" if identifier == AUTOMATIC_ID else identifier
        command = [
            sys.executable,
            "-m",
            "reader.narration.preview",
            voice or self._lang,
            self._sample,
        ]
        try:
            self._preview = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            self.notify(f"cannot preview: {error}", severity="error", markup=False)

    def _stop_preview(self) -> None:
        if self._preview is not None and self._preview.poll() is None:
            self._preview.kill()
            self._preview.wait()
        self._preview = None

    def action_cancel(self) -> None:
        self._stop_preview()
        self.dismiss(None)

    def on_unmount(self) -> None:
        self._stop_preview()


SAMPLE_CHARS = 160


def sample_sentence(article: Article) -> str:
    """What a preview says: the article's first sentence (cut short if long)."""
    if not article.blocks:
        return ""
    block = first_body_block(article)
    spans = article.sentences(block)
    text = article.blocks[block].text
    sentence = text[spans[0].start : spans[0].end] if spans else text
    return sentence[:SAMPLE_CHARS]


def _label(voice: Voice) -> Text:
    """The language and quality in columns of their own, then the name."""
    label = literal(voice.language)
    label.pad_right(max(1, 9 - label.cell_len))
    if voice.quality:
        quality = literal(voice.quality)
        quality.pad_right(max(1, 8 - quality.cell_len))
        label.append_text(quality)
    return label.append_text(literal(voice.name))
