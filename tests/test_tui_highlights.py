"""The highlight key in the reader: what it keeps, that the voice goes on, the marks."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from reader.model import Span
from reader.narration.events import SentenceStarted
from reader.store import Store
from reader.tui.article_view import ArticleView
from reader.tui.library_screen import LibraryScreen
from reader.tui.note_screen import NoteScreen
from tests.fakes import FakeNarrator
from tests.tui_support import SIZE, ReaderApp, fake, loaded, notifications, settle

HOSTILE = "Markup [b]bold[/b] and \x1b[31mred\x1b[0m here."
TEXT = f"""Kept sentences

The first paragraph has one sentence. And then a second sentence follows it.

{HOSTILE} A calm sentence ends it.

A last paragraph to read.
"""


def open_app(tmp_path: Path) -> tuple[ReaderApp, Store, str]:
    path = tmp_path / "kept.txt"
    path.write_text(TEXT)
    store = Store.open(tmp_path / "state.sqlite3")
    return ReaderApp(str(path), FakeNarrator, store=store), store, str(path)


async def test_the_spoken_sentence_is_kept_with_a_note_and_the_voice_goes_on(
    tmp_path: Path,
) -> None:
    app, store, source = open_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        narrator = fake(app)
        view = app.query_one(ArticleView)
        await pilot.press("space")
        await settle(pilot, lambda: ("play", 0) in narrator.calls)
        narrator.sink(SentenceStarted(block=0, sentence=1))
        await settle(pilot, lambda: view.spoken_block == 0)
        calls = list(narrator.calls)

        await pilot.press("m")
        await settle(pilot, lambda: isinstance(app.screen, NoteScreen))
        await pilot.press(*"why [i]this[/i]")
        await pilot.press("enter")
        await settle(pilot, lambda: not isinstance(app.screen, NoteScreen))
        assert narrator.calls == calls, "nothing was said to the narrator"
        assert app.reading.play_state == "playing"
        kept = store.highlights(source)
        assert [(h.block, h.sentence, h.text, h.note) for h in kept] == [
            (0, 1, "And then a second sentence follows it.", "why [i]this[/i]")
        ]
        assert "Highlight saved: why [i]this[/i]" in notifications(app)
        spans = app.reading.article.sentences(0) if app.reading.article else ()
        assert view.highlighted == {0: (spans[1],)}

        await pilot.press("m")  # on a highlighted sentence: removes it
        await settle(pilot, lambda: not store.highlights(source))
        assert view.highlighted == {}
        assert not isinstance(app.screen, NoteScreen)
        assert narrator.calls == calls
        await app.action_quit()


async def test_stopped_the_cursor_sentence_is_kept_and_shown_literally(tmp_path: Path) -> None:
    app, store, source = open_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("right")  # the paragraph that starts with markup and escapes
        await pilot.press("m")
        await settle(pilot, lambda: isinstance(app.screen, NoteScreen))
        quoted = str(app.screen.query_one("#highlight-sentence", Static).content)
        assert "[b]bold[/b]" in quoted
        assert "\x1b" not in quoted
        await pilot.press("escape")  # keeps nothing
        await settle(pilot, lambda: not isinstance(app.screen, NoteScreen))
        assert store.highlights(source) == []

        await pilot.press("right_parenthesis")  # the sentence cursor: the second sentence
        await pilot.press("m")
        await settle(pilot, lambda: isinstance(app.screen, NoteScreen))
        assert app.screen.query_one(Input).value == ""
        await pilot.press("enter")  # no note
        await settle(pilot, lambda: len(store.highlights(source)) == 1)
        kept = store.highlights(source)[0]
        assert (kept.block, kept.sentence, kept.text, kept.note) == (
            1,
            1,
            "A calm sentence ends it.",
            "",
        )
        view = app.query_one(ArticleView)
        assert list(view.highlighted) == [1]
        assert view.highlighted[1][0].start > 0

        await pilot.press("L")
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen))
        table = app.screen.query_one(DataTable)
        assert str(table.get_cell_at((0, 3))) == "1"  # type: ignore[arg-type]
        await app.action_quit()


async def test_highlights_are_marked_again_when_the_document_is_reopened(
    tmp_path: Path,
) -> None:
    app, store, source = open_app(tmp_path)
    store.highlight_save(source, 2, 0, "A last paragraph to read.", "")
    store.highlight_save(source, 0, 0, "Not what the page says now.", "")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app) and bool(app.query_one(ArticleView).highlighted))
        view = app.query_one(ArticleView)
        assert view.highlighted == {2: (Span(0, 25),)}
        await settle(pilot)
        underlined = "".join(
            segment.text
            for y in range(view.size.height)
            for segment in view.render_line(y)
            if segment.style is not None and segment.style.underline
        )
        assert underlined == "A last paragraph to read.", "drawn marked, and only it"
        await app.action_quit()
