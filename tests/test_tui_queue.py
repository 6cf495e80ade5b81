"""The listening queue in the reader: what it plays next, and the queue screen."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.binding import Binding
from textual.widgets import DataTable, Static

from reader.model import BlockKind
from reader.store import Store
from reader.tui.article_view import ArticleView
from reader.tui.bindings import QUEUE_BINDINGS
from reader.tui.queue_screen import QueueScreen
from tests.fakes import FakeNarrator
from tests.tui_support import SIZE, ReaderApp, loaded, real_narrator, settle

CAPTIONED = """<html><head><title>Second story</title></head><body><article>
<h1>Second story</h1>
<figure><img src="a.jpg"><figcaption>A photo of the harbour at dawn</figcaption></figure>
<p>The second story begins after its photo, with a paragraph long enough to be text.</p>
<p>It goes on with another paragraph, also long enough to be kept as the body.</p>
</article></body></html>
"""


async def test_the_next_document_in_the_queue_skips_its_photo_caption(tmp_path: Path) -> None:
    """Worker process, eSpeak NG, the null ALSA device: `read_captions` is off (the
    default), so the queued document's caption, its first block, is not read."""
    first = tmp_path / "first.txt"
    first.write_text("Short\n\nOne sentence to hear.\n")
    second = tmp_path / "second.html"
    second.write_text(CAPTIONED)
    store = Store.open(tmp_path / "state.sqlite3")
    store.queue_add([str(second)])
    app = ReaderApp(str(first), real_narrator, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("space")
        view = app.query_one(ArticleView)
        spoken: set[int] = set()

        def body_heard() -> bool:
            article = app.reading.article
            if article is None or article.source != str(second):
                return False
            if view.spoken_block is not None:
                spoken.add(view.spoken_block)
            return any(article.blocks[block].is_body for block in spoken)

        await settle(pilot, body_heard)
        article = app.reading.article
        assert article is not None
        assert article.blocks[0].kind is BlockKind.CAPTION, "the fixture opens on a caption"
        assert all(article.blocks[block].kind is not BlockKind.CAPTION for block in spoken)
        await app.action_quit()


def screen_text(app: ReaderApp) -> str:
    """The queue screen's words: its lines of text and every cell of its table."""
    screen = app.screen
    parts = [str(static.content) for static in screen.query(Static)]
    table = screen.query_one(DataTable)
    for row in range(table.row_count):
        parts += [str(cell) for cell in table.get_row_at(row)]
    return "\n".join(parts)


def _queued(tmp_path: Path, store: Store, names: list[str]) -> list[str]:
    sources = []
    for name in names:
        path = tmp_path / f"{name}.txt"
        path.write_text(f"{name}\n\nThe article called {name}, one paragraph long.\n")
        sources.append(str(path))
    store.queue_add(sources)
    return sources


async def test_the_queue_screen_moves_removes_and_opens(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "state.sqlite3")
    one, two, three = _queued(tmp_path, store, ["one", "two", "three"])
    app = ReaderApp(one, FakeNarrator, store=store)
    chosen: list[str | None] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        app.push_screen(QueueScreen(store), chosen.append)
        await settle(pilot, lambda: isinstance(app.screen, QueueScreen))
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.sources == [one, two, three], "in the order they will play"
        assert "The first plays when the article ends." in screen_text(app)
        await pilot.press("down", "K")  # two moves up, the cursor with it
        assert store.queue() == [two, one, three]
        await pilot.press("K")
        assert store.queue() == [two, one, three], "already first"
        await pilot.press("J", "J")
        assert store.queue() == [one, three, two]
        await pilot.press("d")  # the cursor is on two, the last
        assert store.queue() == [one, three]
        assert screen.sources == [one, three]
        await pilot.press("up", "enter")  # open one now: it leaves the queue
        await settle(pilot, lambda: not isinstance(app.screen, QueueScreen))
        assert chosen == [one]
        assert store.queue() == [three]


async def test_an_empty_queue_says_how_to_fill_it_and_escape_closes(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "state.sqlite3")
    app = ReaderApp(None, FakeNarrator, store=store)
    chosen: list[str | None] = []
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(QueueScreen(store), chosen.append)
        await settle(pilot, lambda: isinstance(app.screen, QueueScreen))
        assert "Nothing queued." in screen_text(app)
        await pilot.press("enter", "d", "J")  # nothing to act on: nothing happens
        await pilot.press("escape")
        await settle(pilot, lambda: not isinstance(app.screen, QueueScreen))
        assert chosen == [None]


async def test_queued_names_are_shown_inert(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "state.sqlite3")
    store.queue_add(["/tmp/\x1b]0;owned\x07[b]bold[/b]\u202ename.txt"])
    app = ReaderApp(None, FakeNarrator, store=store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(QueueScreen(store))
        await settle(pilot, lambda: isinstance(app.screen, QueueScreen))
        text = screen_text(app)
        assert "[b]bold[/b]" in text
        assert not {"\x1b", "\x07", "\u202e"} & set(text)
        await pilot.press("d")
        assert store.queue() == []


async def test_q_upper_opens_the_queue_and_the_one_chosen_opens_now(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "state.sqlite3")
    one, two, three = _queued(tmp_path, store, ["one", "two", "three"])
    store.queue_remove(one)
    app = ReaderApp(one, FakeNarrator, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("Q")
        await settle(pilot, lambda: isinstance(app.screen, QueueScreen))
        await pilot.press("down", "enter")
        await settle(pilot, lambda: app.reading.article is not None and loaded(app))
        await settle(pilot, lambda: app.reading.article.source == three)  # type: ignore[union-attr]
        assert store.queue() == [two]
        await pilot.press("Q")
        await settle(pilot, lambda: isinstance(app.screen, QueueScreen))
        await pilot.press("Q")  # the same key closes it
        await settle(pilot, lambda: not isinstance(app.screen, QueueScreen))


async def test_help_lists_the_queue_key_and_the_queue_screens_keys(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text("Short\n\nOne sentence to read.\n")
    app = ReaderApp(str(first), FakeNarrator, store=Store.open(tmp_path / "state.sqlite3"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("question_mark")
        await settle(pilot)
        console = Console(width=200, record=True, file=io.StringIO())
        for static in app.screen.query(Static):
            console.print(static.content)
        text = " ".join(console.export_text().split())
        assert "Q Queue" in text, "the key that opens it, in the table of keys"
        assert "In the queue:" in text
        for binding in QUEUE_BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.description.lower() in text
