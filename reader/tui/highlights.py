"""The highlight key: which sentence it keeps, the note it asks for, the marks it shows.

Plain rules and one small dialog; the reading screen's action only hands over what it
knows (the spoken sentence, the cursor, the focus). Narration is never told anything: the
dialog sits over the screen while the voice goes on.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from reader.model import Article, Position, Span
from reader.store import Store
from reader.tui.listening import Spoken
from reader.tui.literal import literal, notice

QUOTED = 120
"""Characters of the sentence the note dialog shows."""


def sentence_here(
    article: Article, spoken: Spoken | None, cursor: Position, focused: int
) -> Position | None:
    """The sentence being heard; when none is, the sentence cursor in the focused block,
    or the focused block's first sentence. None when there is no sentence there."""
    if spoken is not None and spoken.sentence is not None:
        spans = article.sentences(spoken.block)
        if spoken.sentence in spans:
            return Position(spoken.block, spans.index(spoken.sentence), spoken.sentence.start)
    if not 0 <= focused < len(article.blocks):
        return None
    place = cursor if cursor.block == focused else Position(focused)
    spans = article.sentences(place.block)
    if place.sentence >= len(spans):
        return None
    return Position(place.block, place.sentence, spans[place.sentence].start)


def sentence_text(article: Article, place: Position) -> str:
    span = article.sentences(place.block)[place.sentence]
    return article.blocks[place.block].text[span.start : span.end].strip()


def marks(article: Article, store: Store) -> dict[int, tuple[Span, ...]]:
    """The spans of `article`'s highlights, by block; a highlight whose sentence is no
    longer at its place (the page changed) is not marked."""
    found: dict[int, list[Span]] = {}
    for kept in store.highlights(article.source):
        if kept.block < len(article.blocks):
            spans = article.sentences(kept.block)
            if kept.sentence < len(spans):
                place = Position(kept.block, kept.sentence)
                if sentence_text(article, place) == kept.text:
                    found.setdefault(kept.block, []).append(spans[kept.sentence])
    return {block: tuple(spans) for block, spans in found.items()}


def toggle(
    app: App[object], store: Store, article: Article, place: Position, done: Callable[[], None]
) -> None:
    """Drop the highlight at `place` if there is one; else ask for a note and keep the
    sentence. `done` runs after the store changed."""
    source, block, sentence = article.source, place.block, place.sentence
    if any(h.sentence == sentence and h.block == block for h in store.highlights(source)):
        store.highlight_remove(source, block, sentence)
        app.notify("Highlight removed.")
        done()
        return
    text = sentence_text(article, place)

    def noted(note: str | None) -> None:
        if note is None:
            return
        store.highlight_save(source, block, sentence, text, note)
        app.notify(notice(f"Highlight saved{': ' + note if note else '.'}"), markup=False)
        done()

    app.push_screen(NoteScreen(text), noted)


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
