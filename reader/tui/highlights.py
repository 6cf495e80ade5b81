"""The highlight key: which sentence it keeps, the note it asks for, the marks it shows.

Plain rules; the note dialog is `note_screen.py`. The reading screen's action only hands
over what it knows (the spoken sentence, the cursor, the focus). Narration is never told
anything: the dialog sits over the screen while the voice goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.model import Article, Position, Span
from reader.tui.listening import Spoken
from reader.tui.literal import notice

if TYPE_CHECKING:
    from textual.app import App

    from reader.store import Store  # opened after the first frame: SQLite can wait too


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

    from reader.tui.note_screen import NoteScreen

    app.push_screen(NoteScreen(text), noted)
