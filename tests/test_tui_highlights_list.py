"""The highlights list (M): go to a kept sentence, edit its note, remove it — in the user's
own store (the test's private XDG data folder), as the command line opens it."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from reader.model import Position
from reader.store import Store
from reader.tui.article_view import ArticleView
from reader.tui.help_screen import HelpScreen
from reader.tui.highlights_screen import HighlightsScreen
from reader.tui.note_screen import NoteScreen
from tests.fakes import FakeNarrator
from tests.tui_support import SIZE, ReaderApp, fake, loaded, notifications, settle

HOSTILE = "Markup [b]bold[/b] and \x1b[31mred\x1b[0m here."
TEXT = f"""Kept sentences

The first paragraph has one sentence. And then a second sentence follows it.

{HOSTILE} A calm sentence ends it.

A last paragraph to read.
"""


def kept_document(tmp_path: Path) -> tuple[str, Store]:
    """A file with three highlights in the user's store, the last one with a note."""
    path = tmp_path / "kept.txt"
    path.write_text(TEXT)
    source = str(path)
    store = Store.open()
    store.highlight_save(source, 2, 0, "A last paragraph to read.", "the [i]end[/i]")
    store.highlight_save(source, 1, 0, "Markup [b]bold[/b] and red here.", "")
    store.highlight_save(source, 0, 1, "And then a second sentence follows it.", "")
    return source, store


def reader(tmp_path: Path) -> tuple[ReaderApp, str]:
    """The reader on that file, opening the user's store and settings as the command does."""
    source, _ = kept_document(tmp_path)
    return ReaderApp(source, FakeNarrator, open_state=True), source


def ready(app: ReaderApp) -> bool:
    return loaded(app) and app.store is not None and bool(app.query_one(ArticleView).highlighted)


def rows(screen: HighlightsScreen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    cells = (table.get_row_at(row) for row in range(table.row_count))
    return [[cell.plain if isinstance(cell, Text) else str(cell) for cell in row] for row in cells]


async def open_list(app: ReaderApp, pilot: Pilot[None]) -> HighlightsScreen:
    await pilot.press("M")
    await settle(pilot, lambda: isinstance(app.screen, HighlightsScreen))
    assert isinstance(app.screen, HighlightsScreen)
    return app.screen


async def test_the_list_shows_them_in_reading_order_and_goes_to_one(tmp_path: Path) -> None:
    app, _ = reader(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: ready(app))
        screen = await open_list(app, pilot)
        assert rows(screen) == [
            ["1.2", "And then a second sentence follows it.", ""],
            ["2.1", "Markup [b]bold[/b] and red here.", ""],
            ["3.1", "A last paragraph to read.", "the [i]end[/i]"],
        ]
        await pilot.press("down", "enter")
        await settle(pilot, lambda: not isinstance(app.screen, HighlightsScreen))
        view = app.query_one(ArticleView)
        assert view.focused_block == 1
        assert app.reading.listening.resume_from == Position(1, 0, 0)

        await pilot.press("M", "enter")  # the first: its second sentence is the cursor
        await settle(pilot, lambda: not isinstance(app.screen, HighlightsScreen))
        article = app.reading.article
        assert article is not None
        second = article.sentences(0)[1]
        assert app.reading.listening.resume_from == Position(0, 1, second.start)
        await pilot.press("space")  # play starts at the highlight
        narrator = fake(app)
        await settle(pilot, lambda: ("play", 0) in narrator.calls)
        assert narrator.position == Position(0, 1, second.start)

        calls = list(narrator.calls)
        await pilot.press("M", "down", "down", "enter")  # while playing: shown, not said
        await settle(pilot, lambda: not isinstance(app.screen, HighlightsScreen))
        await settle(pilot)
        assert view.focused_block == 2
        assert narrator.calls == calls
        assert app.reading.following is False
        await app.action_quit()


async def test_a_note_is_edited_in_the_list(tmp_path: Path) -> None:
    app, source = reader(tmp_path)
    saved_at = Store.open().highlights(source)[2].saved_at
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: ready(app))
        await open_list(app, pilot)
        await pilot.press("down", "down", "e")
        await settle(pilot, lambda: isinstance(app.screen, NoteScreen))
        box = app.screen.query_one(Input)
        assert box.value == "the [i]end[/i]", "the note being edited"
        quoted = str(app.screen.query_one("#highlight-sentence", Static).content)
        assert "A last paragraph to read." in quoted
        box.value = ""
        await pilot.press(*"changed [b]mind[/b]", "enter")
        await settle(pilot, lambda: isinstance(app.screen, HighlightsScreen))
        assert isinstance(app.screen, HighlightsScreen)
        assert rows(app.screen)[2] == ["3.1", "A last paragraph to read.", "changed [b]mind[/b]"]
        kept = Store.open().highlights(source)[2]
        assert (kept.note, kept.saved_at) == ("changed [b]mind[/b]", saved_at)
        assert "Note saved: changed [b]mind[/b]" in notifications(app)

        await pilot.press("e", "escape")  # Esc keeps the note as it was
        await settle(pilot, lambda: isinstance(app.screen, HighlightsScreen))
        assert Store.open().highlights(source)[2].note == "changed [b]mind[/b]"
        await app.action_quit()


async def test_removing_in_the_list_unmarks_the_sentence_at_once(tmp_path: Path) -> None:
    app, source = reader(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: ready(app))
        view = app.query_one(ArticleView)
        assert sorted(view.highlighted) == [0, 1, 2]
        screen = await open_list(app, pilot)
        await pilot.press("down", "d")
        await settle(pilot, lambda: len(rows(screen)) == 2)
        assert [row[0] for row in rows(screen)] == ["1.2", "3.1"]
        assert screen.query_one(DataTable).cursor_row == 1, "on the next one"
        assert sorted(view.highlighted) == [0, 2], "unmarked under the list"
        assert [h.block for h in Store.open().highlights(source)] == [0, 2]
        assert "Highlight removed: Markup [b]bold[/b] and red here." in notifications(app)

        await pilot.press("delete", "d")
        await settle(pilot, lambda: not rows(screen))
        hint = str(screen.query_one("#highlights-hint", Static).content)
        assert hint.startswith("No highlights in this document yet")
        await pilot.press("d", "enter", "e")  # nothing selected: nothing happens
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot, lambda: not isinstance(app.screen, HighlightsScreen))
        assert view.highlighted == {}
        assert Store.open().highlights(source) == []
        await app.action_quit()


async def test_the_help_lists_the_highlights_keys(tmp_path: Path) -> None:
    app, _ = reader(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: ready(app))
        await pilot.press("question_mark")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))
        console = Console(file=io.StringIO(), width=100)
        for static in app.screen.query(Static):
            console.print(static.content)
        said = console.file.getvalue()  # type: ignore[attr-defined]
        assert re.search(r"\bM +Highlights: go to, edit, remove", said)
        assert "In the highlights list: ⏎ go to, e edit note, d  del remove, esc  M back." in said
        await app.action_quit()


async def test_piped_text_has_no_highlights_list(tmp_path: Path) -> None:
    app = ReaderApp("-", FakeNarrator, stdin_data=b"Piped\n\nA paragraph from a pipe.\n")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("M")
        await settle(pilot)
        assert not isinstance(app.screen, HighlightsScreen)
        assert "Highlights are kept for files and URLs." in notifications(app)
        await app.action_quit()
