"""The reader remembers: positions, the library, the queue, settings saved from the TUI."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import textwrap
from pathlib import Path

from reader import settings
from reader.extract.sentences import split_sentences
from reader.model import Position
from reader.narration.events import Finished, SentenceStarted
from reader.narration_options import NarrationOptions
from reader.store import Store
from reader.tui.article_view import ArticleView
from reader.tui.library_screen import LibraryScreen
from reader.tui.player_bar import PlayerBar
from tests.fakes import FakeNarrator
from tests.tui_support import SIZE, ReaderApp, fake, loaded, notifications, settle, state
from tests.waiting import CEILING

SEED = "cna-cambodia-scam-networks.txt"


def app_with_state(source: str | None, tmp_path: Path) -> ReaderApp:
    return ReaderApp(
        source,
        FakeNarrator,
        store=Store.open(tmp_path / "state.sqlite3"),
        settings=settings.load(tmp_path / "settings.toml"),
    )


async def test_reopening_restores_the_position_and_plays_from_it(
    seeds_dir: Path, tmp_path: Path
) -> None:
    source = str(seeds_dir / SEED)
    first = app_with_state(source, tmp_path)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(first))
        await pilot.press("space")
        fake(first).sink(SentenceStarted(block=6, sentence=1))
        await settle(pilot)

    again = app_with_state(source, tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(again))
        await settle(pilot, lambda: again.query_one(ArticleView).focused_block == 6)
        assert again.query_one(PlayerBar).paragraph == 6
        await pilot.press("space")
        assert fake(again).last() == ("play", 6)
        assert fake(again).position.sentence == 1, "narration resumes at the saved sentence"


def test_a_killed_reader_keeps_the_sentence_being_spoken(seeds_dir: Path, tmp_path: Path) -> None:
    """`kill -9` in the middle of narration: the position was already saved."""
    script = textwrap.dedent(
        f"""
        import asyncio, os, signal
        from pathlib import Path
        from tests.fakes import FakeNarrator
        from tests.tui_support import ReaderApp
        from reader.narration.events import SentenceStarted
        from reader.store import Store

        async def main():
            app = ReaderApp({str(seeds_dir / SEED)!r}, FakeNarrator,
                            store=Store.open(Path({str(tmp_path)!r}) / "s.db"))
            async with app.run_test() as pilot:
                while app.reading.article is None:
                    await pilot.pause(0.05)
                await pilot.press("space")
                app.reading.listening.narrator.sink(SentenceStarted(block=9, sentence=0))
                await pilot.pause(0.2)
                os.kill(os.getpid(), signal.SIGKILL)

        asyncio.run(main())
        """
    )
    project = Path(__file__).resolve().parent.parent  # `tests` is importable from there
    result = subprocess.run([sys.executable, "-c", script], cwd=project, timeout=60, check=False)
    assert result.returncode == -9
    document = Store.open(tmp_path / "s.db").document(str(seeds_dir / SEED))
    assert document is not None
    assert document.position == Position(9, 0, 0)


async def test_library_lists_opens_and_removes(seeds_dir: Path, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "state.sqlite3")
    app = ReaderApp(None, FakeNarrator, store=store)
    async with app.run_test(size=SIZE) as pilot:
        # Nothing read yet: no empty library, the sample article.
        await settle(pilot, lambda: loaded(app))
        assert not isinstance(app.screen, LibraryScreen)
        assert app.reading.article is not None
        assert app.reading.article.title.startswith("Cambodia government rejects")

        await pilot.press("L")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert [d.title for d in store.history()] == [app.reading.article.title]
        await pilot.press("a")  # queue it
        assert store.queue() == [app.reading.article.source]
        await pilot.press("f")
        assert store.history()[0].finished
        await pilot.press("d")
        assert store.history() != [], "the first d asks"
        await pilot.press("d")
        assert store.history() == []
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, LibraryScreen)


async def test_the_queue_continues_after_the_end(seeds_dir: Path, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "state.sqlite3")
    second = tmp_path / "second.txt"
    second.write_text(
        "The Second Article\n\nThis is the next article in the queue, read after the first.\n"
    )
    store.queue_add([str(second)])
    app = ReaderApp(str(seeds_dir / SEED), FakeNarrator, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        first_source = app.reading.article.source if app.reading.article else ""
        fake(app).sink(Finished())
        await settle(
            pilot,
            lambda: app.reading.article is not None and app.reading.article.source == str(second),
        )
        assert fake(app).last() == ("play", 0)
        assert store.queue() == []
        assert store.document(first_source) is not None
        assert store.document(first_source).finished  # type: ignore[union-attr]


async def test_rate_is_saved_to_settings(seeds_dir: Path, tmp_path: Path) -> None:
    app = app_with_state(str(seeds_dir / SEED), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("plus")
    assert settings.load(tmp_path / "settings.toml").settings.narration.rate == 1.25
    reopened = app_with_state(str(seeds_dir / SEED), tmp_path)
    async with reopened.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(reopened))
        assert reopened.query_one(PlayerBar).rate == 1.25
        assert fake(reopened).options.rate == 1.25


async def test_a_bad_settings_file_is_reported_and_defaults_used(
    seeds_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "settings.toml").write_text('rate = "fast"\n')
    app = app_with_state(str(seeds_dir / SEED), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        assert any("line 1" in text and "'rate'" in text for text in notifications(app))
        assert app.query_one(PlayerBar).rate == 1.0


async def test_key_overrides_from_settings(seeds_dir: Path, tmp_path: Path) -> None:
    settings.save(settings.Settings(keys={"next_paragraph": "x"}), tmp_path / "settings.toml")
    app = app_with_state(str(seeds_dir / SEED), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("x", "x")
        assert app.query_one(ArticleView).focused_block == 3


async def test_the_command_line_path_opens_the_user_state_after_the_first_frame(
    seeds_dir: Path,
) -> None:
    """As `reader FILE` runs it: article preloaded, store and settings from the XDG dirs."""
    from reader.extract import load

    source = str(seeds_dir / SEED)
    chosen = settings.Settings(narration=NarrationOptions(rate=1.5))
    settings.save(chosen, settings.default_path())
    first = ReaderApp(source, FakeNarrator, article=load(source), open_state=True)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: first.store is not None)
        assert first.query_one(PlayerBar).rate == 1.5
        await pilot.press("right", "right", "right")
    again = ReaderApp(source, FakeNarrator, article=load(source), open_state=True)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: again.query_one(ArticleView).focused_block == 4)
        assert again.query_one(PlayerBar).paragraph == 4
    settings.default_path().unlink()


async def test_theme_and_column_width_come_from_settings_and_theme_is_saved(
    seeds_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    chosen = settings.Settings(theme="sepia", column_width=60, justify=True, paragraph_spacing=2)
    settings.save(chosen, path)
    app = app_with_state(str(seeds_dir / SEED), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        assert app.theme == "sepia"
        view = app.query_one(ArticleView)
        await settle(pilot, lambda: max(len(line.rstrip()) for line in view.visible_text()) < 80)
        rows = [line.rstrip() for line in view.visible_text()]
        left = min(len(line) - len(line.lstrip()) for line in rows if line)
        text = [line[left + 2 :] for line in rows]
        assert max(len(line) for line in text) == 60 - 4, "the column is 60 cells"
        justified = [line for line in text if len(line) == 60 - 4 and "  " in line.strip()]
        assert justified, "justified rows spread their words to the full width"
        second = view.screen_row_of(2)
        assert second is not None
        assert rows[second - 2 : second] == ["", ""], "two blank rows between paragraphs"
        app.theme = "textual-light"
        await settle(pilot)
    assert settings.load(path).settings.theme == "textual-light"


async def test_a_voice_chosen_for_one_document_stays_with_it(
    seeds_dir: Path, tmp_path: Path
) -> None:
    """Choosing a voice for one article does not make it every article's voice: the
    settings keep the default, the store this document's choice."""
    from textual.widgets import OptionList

    from reader.tui.voice_screen import VoiceScreen

    html = str(seeds_dir / "cna-cambodia-scam-networks.html")  # lang="en"
    text = str(seeds_dir / SEED)
    app = app_with_state(html, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("v")
        await settle(pilot, lambda: isinstance(app.screen, VoiceScreen))
        options = app.screen.query_one(OptionList)
        french = next(
            index
            for index in range(options.option_count)
            if "French" in str(options.get_option_at_index(index).prompt)
        )
        chosen = options.get_option_at_index(french).id
        assert chosen
        options.highlighted = french
        await pilot.press("enter")
        await settle(pilot, lambda: not isinstance(app.screen, VoiceScreen))
        assert fake(app).options.voice == chosen

        await pilot.press("o")
        await settle(pilot)
        await pilot.press(*text, "enter")
        await settle(
            pilot,
            lambda: app.reading.article is not None and app.reading.article.source.endswith(".txt"),
        )
        await settle(pilot, lambda: fake(app).options.voice == "")
        assert fake(app).options.voice == "", "another article follows its own language"

        await pilot.press("o")
        await settle(pilot)
        await pilot.press(*html, "enter")
        await settle(pilot, lambda: fake(app).options.voice == chosen)
    assert settings.load(tmp_path / "settings.toml").settings.narration.voice == ""
    store = Store.open(tmp_path / "state.sqlite3")
    try:
        html_document = store.document(html)
        text_document = store.document(text)
        assert html_document is not None
        assert text_document is not None
        assert (html_document.voice, text_document.voice) == (chosen, "")
    finally:
        store.close()


async def test_narration_settings_reach_the_narrator_and_warnings_show(
    seeds_dir: Path, tmp_path: Path
) -> None:
    from reader.narration.events import NarrationWarning

    options = NarrationOptions(volume=0.5, paragraph_pause_ms=400, read_captions=True)
    chosen = settings.Settings(narration=options)
    settings.save(chosen, tmp_path / "settings.toml")
    app = app_with_state(str(seeds_dir / SEED), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        assert fake(app).options == options
        fake(app).sink(NarrationWarning("audio output is not playing in real time"))
        await settle(pilot)
        assert app.query_one(PlayerBar).problem == "audio output is not playing in real time"
        assert state(app.query_one(PlayerBar)) == "stopped", "a warning does not stop anything"


async def test_volume_keys_change_and_save_the_volume(seeds_dir: Path, tmp_path: Path) -> None:
    app = app_with_state(str(seeds_dir / SEED), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("9", "9", "9")
        assert fake(app).options == NarrationOptions(volume=0.7)
        await pilot.press("0")
        assert fake(app).options == NarrationOptions(volume=0.8)
    assert settings.load(tmp_path / "settings.toml").settings.narration.volume == 0.8


def reading_source(app: ReaderApp) -> str | None:
    article = app.reading.article
    return article.source if article else None


async def test_with_documents_read_no_source_opens_the_library(
    seeds_dir: Path, tmp_path: Path
) -> None:
    from reader.extract import load

    store = Store.open(tmp_path / "state.sqlite3")
    store.remember(load(str(seeds_dir / SEED)))
    app = ReaderApp(None, FakeNarrator, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("enter")
        await settle(pilot, lambda: loaded(app))
        assert reading_source(app) == str(seeds_dir / SEED)


async def test_the_library_cursor_moves_on_after_finished_and_remove(tmp_path: Path) -> None:
    """f and d act on the row under the cursor, then leave it on the next one (it jumped
    to the first row, so the next key hit another document)."""
    from reader.extract import load

    store = Store.open(tmp_path / "state.sqlite3")
    for name in ("one", "two", "three", "four"):
        source = tmp_path / f"{name}.txt"
        source.write_text(f"Document {name}\n\nA paragraph of document {name}, to read.\n")
        store.remember(load(str(source)))
    app = ReaderApp(str(tmp_path / "one.txt"), FakeNarrator, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("L")
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen))
        titles = [d.title for d in store.history()]
        await pilot.press("down", "f")
        assert [d.title for d in store.history() if d.finished] == [titles[1]]
        await pilot.press("f")  # the cursor moved on: this is the third
        assert {d.title for d in store.history() if d.finished} == {titles[1], titles[2]}
        await pilot.press("up", "d", "d")  # remove the third; the cursor stays on its row
        await pilot.press("d", "d")  # ... which now holds the fourth
        assert [d.title for d in store.history()] == [titles[0], titles[1]]


async def test_library_names_with_escapes_are_shown_inert(tmp_path: Path) -> None:
    from reader.model import Article, Block, BlockKind

    store = Store.open(tmp_path / "state.sqlite3")
    hostile = "\x1b]0;owned\x07\x1b[31mred\u202eevil [b]x[/b]"
    block = Block(BlockKind.PARAGRAPH, "A paragraph to read.")
    store.remember(
        split_sentences(Article(source=str(tmp_path / "x.txt"), title=hostile, blocks=(block,)))
    )
    app = ReaderApp(None, FakeNarrator, store=store)
    async with app.run_test(size=SIZE) as pilot:
        from textual.widgets import DataTable

        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen))
        table = app.screen.query_one(DataTable)
        await settle(pilot, lambda: table.row_count > 0)  # the rows are read on a thread
        cell = str(table.get_cell_at((0, 0)))  # type: ignore[arg-type]
        assert not {"\x1b", "\u202e", "\x07"} & set(cell)
        assert "[b]x[/b]" in cell


def test_quitting_while_a_url_loads_exits_at_once(tmp_path: Path) -> None:
    """A server that takes the request and never answers: q ends the reader at once,
    not when the fetch gives up (its read timeout after the request, however long the
    process took to start on a loaded machine)."""
    import socket
    import threading
    import time

    from reader.extract.limits import Limits

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    requested: list[float] = []
    held: list[socket.socket] = []

    def take_the_request() -> None:
        with contextlib.suppress(OSError):  # closed: the test is over
            connection, _ = server.accept()
            held.append(connection)  # kept open, never answered
            requested.append(time.monotonic())

    threading.Thread(target=take_the_request, daemon=True).start()
    script = textwrap.dedent(
        f"""
        import asyncio
        from tests.fakes import FakeNarrator
        from tests.tui_support import ReaderApp

        async def main():
            app = ReaderApp("http://127.0.0.1:{port}/slow", FakeNarrator)
            async with app.run_test() as pilot:
                await pilot.pause(0.5)
                await pilot.press("q")

        asyncio.run(main())
        """
    )
    project = Path(__file__).resolve().parent.parent
    started = time.monotonic()
    try:
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=project, timeout=CEILING, check=False
        )
        ended = time.monotonic()
    finally:
        server.close()
        for connection in held:
            connection.close()
    assert result.returncode == 0
    asked = requested[0] if requested else started  # (quit before it connected, even)
    assert ended - asked < Limits().read_timeout, "the process waited for the fetch"


async def test_a_slow_url_says_it_is_opening_and_esc_stops_it() -> None:
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/slow"
    try:
        app = ReaderApp(url, FakeNarrator)
        async with app.run_test(size=SIZE) as pilot:
            view = app.query_one(ArticleView)
            await settle(pilot, lambda: any("Opening" in line for line in view.visible_text()))
            assert any(url in line for line in view.visible_text())
            await pilot.press("escape")
            await settle(pilot)
            assert any("Stopped opening" in text for text in notifications(app))
            assert any("Nothing open" in line for line in view.visible_text())
    finally:
        server.close()


async def test_a_url_being_opened_shows_how_much_of_it_has_come() -> None:
    """A real server sends the first part of a page, then holds the rest back: the
    column (nothing else is open) says how much has come, of how much."""
    import http.server
    import threading

    from tests.http_support import serving

    paragraph = "<p>" + "A sentence of the article that goes on for a while. " * 20 + "</p>"
    page = "<html><head><title>Held back</title></head><body><article><h1>Held back</h1>"
    page += paragraph * 200 + "</article></body></html>"
    body = page.encode()
    release = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:50_000])
            self.wfile.flush()
            release.wait(20)
            self.wfile.write(body[50_000:])

        def log_message(self, *_: object) -> None:
            pass

    expected = f"50 kB of {round(len(body) / 1000)} kB"
    with serving(Handler) as base:
        url = f"{base}/page"
        app = ReaderApp(url, FakeNarrator)
        async with app.run_test(size=SIZE) as pilot:
            view = app.query_one(ArticleView)
            await settle(pilot, lambda: any(expected in line for line in view.visible_text()))
            assert any(expected in line for line in view.visible_text())
            assert f"opening {expected}" in str(app.query_one(PlayerBar).render())
            release.set()
            await settle(pilot, lambda: app.reading.article is not None)
            assert app.reading.article is not None
            assert app.reading.article.title == "Held back"
            await settle(pilot)
            assert "opening" not in str(app.query_one(PlayerBar).render())
        release.set()  # before the server waits for its handler to end
