"""Screenshots of the main screens, compared with the stored SVGs in __snapshots__/.

The app runs on the seed with the FakeNarrator, so every run draws the same screen. After
an intended change of look, regenerate with `pytest tests/test_snapshots.py
--snapshot-update` and look at the new SVGs (the failure report shows both).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Protocol

from textual.app import App
from textual.pilot import Pilot

from reader.extract import load
from reader.model import BlockKind
from reader.narration.events import SentenceStarted, WordStarted
from tests.fakes import FakeNarrator
from tests.tui_support import ReaderApp, settle

SEED = (
    Path(__file__).resolve().parent.parent / "reader" / "samples" / "cna-cambodia-scam-networks.txt"
)
SIZE = (100, 36)


class SnapCompare(Protocol):
    def __call__(
        self,
        app: App[None],
        *,
        press: list[str] = ...,
        terminal_size: tuple[int, int] = ...,
        run_before: Callable[[Pilot[None]], Awaitable[None]] | None = ...,
    ) -> bool: ...


def seed_app() -> ReaderApp:
    return ReaderApp(str(SEED), FakeNarrator, article=load(str(SEED)))


async def settled(pilot: Pilot[None]) -> None:
    await settle(pilot)


def test_the_seed_article(snap_compare: SnapCompare) -> None:
    assert snap_compare(seed_app(), terminal_size=SIZE, run_before=settled)


def test_the_help_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(seed_app(), press=["question_mark"], terminal_size=SIZE)


def test_the_narration_settings(snap_compare: SnapCompare) -> None:
    """S, then tables turned off: check boxes and pauses as plain text."""
    keys = ["S", "down", "space"]
    assert snap_compare(seed_app(), press=keys, terminal_size=SIZE, run_before=settled)


def test_search_with_matches(snap_compare: SnapCompare) -> None:
    keys = ["slash", *"scam", "enter"]
    assert snap_compare(seed_app(), press=keys, terminal_size=SIZE, run_before=settled)


def test_the_outline_panel(snap_compare: SnapCompare, tmp_path: Path) -> None:
    guide = tmp_path / "guide.md"
    body = "A paragraph of guide text, long enough to read as a paragraph of its own."
    sections = [f"## Part {n}: {name}\n\n{body}\n" for n, name in enumerate(["Setup", "Use"])]
    guide.write_text("# A short guide\n\n" + "\n".join(sections), encoding="utf-8")
    app = ReaderApp(str(guide), FakeNarrator, article=load(str(guide)))
    assert snap_compare(app, press=["t"], terminal_size=SIZE, run_before=settled)


def test_a_narration_highlight(snap_compare: SnapCompare) -> None:
    app = seed_app()

    async def narrating(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("right", "space")
        narrator = app.reading.listening.narrator
        assert isinstance(narrator, FakeNarrator)
        narrator.sink(SentenceStarted(block=2, sentence=0))
        narrator.sink(WordStarted(block=2, start=15, end=23))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=narrating)


def test_the_queue_screen(snap_compare: SnapCompare, tmp_path: Path) -> None:
    from reader.model import Article, Block, BlockKind
    from reader.store import Store
    from reader.tui.queue_screen import QueueScreen

    store = Store.open(tmp_path / "state.sqlite3")
    paragraph = (Block(BlockKind.PARAGRAPH, "A paragraph."),)
    store.remember(Article("https://example.org/harbour", "The harbour at dawn", paragraph))
    store.queue_add(["https://example.org/harbour", "https://example.org/never-opened"])
    app = ReaderApp(str(SEED), FakeNarrator, article=load(str(SEED)), store=store)

    async def queue_shown(pilot: Pilot[None]) -> None:
        await settle(pilot)
        app.push_screen(QueueScreen(store))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=queue_shown)


def test_a_table_with_its_spoken_row(snap_compare: SnapCompare) -> None:
    tables = Path(__file__).resolve().parent / "fixtures" / "tables-article.html"
    article = load(str(tables))
    second = [i for i, block in enumerate(article.blocks) if block.kind is BlockKind.TABLE][1]
    app = ReaderApp(str(tables), FakeNarrator, article=article)

    async def spoken(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("space")
        narrator = app.reading.listening.narrator
        assert isinstance(narrator, FakeNarrator)
        narrator.sink(SentenceStarted(block=second, sentence=1))  # its row "Päijänne"
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=spoken)
