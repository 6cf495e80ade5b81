"""The narration settings dialog (S): code, tables, captions, quotes and pauses, shown as they are,
changed with the keyboard, taken by the narrator at once and kept in the settings file."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from textual.widgets import OptionList, Static

from reader import settings
from reader.model import BlockKind
from reader.narration_options import NarrationOptions
from reader.tui.article_view import ArticleView
from reader.tui.help_screen import HelpScreen
from reader.tui.narration_screen import NarrationScreen
from tests.fakes import FakeNarrator
from tests.tui_support import SIZE, ReaderApp, fake, loaded, real_narrator, settle

GERMAN = Path(__file__).resolve().parent / "fixtures" / "nonprose-de.html"
"""Blocks: 0 paragraph, 1 table, 2-3 paragraphs, 4 code, 5 paragraph, 6 table, 7 paragraph."""


def rows(app: ReaderApp) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def saved(tmp_path: Path) -> NarrationOptions:
    return settings.load(tmp_path / "settings.toml").settings.narration


async def test_s_shows_the_settings_and_each_change_reaches_the_narrator_and_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.toml"
    settings.save(settings.Settings(narration=NarrationOptions(read_captions=True)), path)
    app = ReaderApp(str(GERMAN), FakeNarrator, settings=settings.load(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, NarrationScreen)
        assert rows(app) == [
            "[ ] Read code blocks",
            "[x] Read tables, row by row",
            "[x] Read image captions",
            "[ ] Read block quotes in another voice",
            "  250 ms  Pause after a paragraph",
            "    0 ms  Pause after a sentence",
        ]
        await pilot.press("down", "space")  # tables off
        await settle(pilot)
        assert fake(app).options == NarrationOptions(read_captions=True, read_tables=False)
        assert saved(tmp_path).read_tables is False, "kept at once, as rate and volume are"
        assert rows(app)[1].startswith("[ ] Read tables")
        await pilot.press("up", "enter")  # code on
        await pilot.press("down", "down", "down", "space")  # quotes in another voice
        await pilot.press("down", "right", "right")  # paragraph pause longer
        await pilot.press("down", "right", "left", "left")  # a sentence pause cannot go below 0
        await pilot.press("up", "space")  # space on a pause changes nothing
        await settle(pilot)
        chosen = NarrationOptions(
            read_captions=True,
            read_tables=False,
            read_code=True,
            quote_voice=True,
            paragraph_pause_ms=350,
        )
        assert fake(app).options == chosen
        assert rows(app)[3] == "[x] Read block quotes in another voice"
        assert rows(app)[4] == "  350 ms  Pause after a paragraph"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, NarrationScreen)
        await pilot.press("S")
        await settle(pilot)
        assert rows(app)[0].startswith("[x] Read code"), "opened again: as it was left"
        await pilot.press("S")  # S closes it too
        await settle(pilot)
        assert not isinstance(app.screen, NarrationScreen)
    assert saved(tmp_path) == chosen


async def test_the_help_lists_the_dialog_and_its_keys(tmp_path: Path) -> None:
    app = ReaderApp(str(GERMAN), FakeNarrator, settings=settings.load(tmp_path / "s.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(static.render()) for static in app.screen.query(Static))
        table = next(s.content for s in app.screen.query(Static) if isinstance(s.content, Table))
        assert "Narration settings (what is read, pauses)" in map(str, table.columns[1].cells)
        assert "In the narration settings:" in text
        assert "turn on or off" in text


async def test_a_key_from_the_settings_opens_it(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    settings.save(settings.Settings(keys={"narration_settings": "ctrl+n"}), path)
    app = ReaderApp(str(GERMAN), FakeNarrator, settings=settings.load(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        assert not app.notified, "a known binding id"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, NarrationScreen)


async def test_tables_turned_off_in_the_dialog_are_not_read_by_the_worker(
    tmp_path: Path,
) -> None:
    """Worker process, eSpeak NG, the null ALSA device (paced to real time, so every
    sentence is seen on screen): the option reaches the worker's session, which passes
    over the table after the first paragraph."""
    app = ReaderApp(str(GERMAN), real_narrator, settings=settings.load(tmp_path / "s.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("S", "down", "space", "escape")
        await settle(pilot)
        narrator = app.reading.listening.narrator
        assert narrator is not None
        assert getattr(narrator, "options", None) == NarrationOptions(read_tables=False)
        await pilot.press("home", "space")
        view = app.query_one(ArticleView)
        spoken: set[int] = set()

        def heard_past_the_table() -> bool:
            if view.spoken_block is not None:
                spoken.add(view.spoken_block)
            return any(block > 1 for block in spoken)

        await settle(pilot, heard_past_the_table, timeout=60)
        article = app.reading.article
        assert article is not None
        assert article.blocks[1].kind is BlockKind.TABLE
        assert 1 not in spoken
        await app.action_quit()
