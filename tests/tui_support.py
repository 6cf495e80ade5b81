"""Shared helpers for the TUI tests: run the app until something holds, read its state."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from reader.model import Article
from reader.narration.events import EventSink, NarratorHandle
from reader.store import Store
from reader.tui import app as reader_app
from reader.tui.article_view import ArticleView
from reader.tui.player_bar import PlayerBar
from tests.fakes import FakeNarrator
from tests.waiting import CEILING

SIZE = (100, 40)


class ReaderApp(reader_app.ReaderApp):
    """The reader, keeping every notification it showed (for the tests to read)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notified: list[str] = []

    def notify(self, message: str, **kwargs: Any) -> None:
        self.notified.append(message)
        super().notify(message, **kwargs)


def fake_app(source: Path | str) -> ReaderApp:
    return ReaderApp(str(source), FakeNarrator)


def real_narrator(sink: EventSink) -> NarratorHandle:
    """The worker process, eSpeak NG and PortAudio (on the null ALSA device)."""
    from reader.narration.narrator import Narrator

    return Narrator(sink)


def fake(app: ReaderApp) -> FakeNarrator:
    narrator = app.reading.listening.narrator
    assert isinstance(narrator, FakeNarrator)
    return narrator


async def settle(
    pilot: Pilot[None], condition: Callable[[], bool] | None = None, timeout: float = CEILING
) -> None:
    """Let workers and messages run until `condition()` holds (or just a few frames)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        await pilot.pause()
        if condition is None or condition():
            if condition is None:
                await pilot.pause(0.05)
            return
        assert loop.time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.02)


def notifications(app: ReaderApp) -> list[str]:
    return app.notified


def loaded(app: ReaderApp) -> bool:
    """The app's article is the one on screen, laid out and drawn."""
    view = app.query_one(ArticleView)
    article = app.reading.article
    return (
        article is not None
        and view.article is article
        and any(line.strip() for line in view.visible_text())
    )


def focus_bar_blocks(view: ArticleView) -> set[int]:
    """The blocks on screen that carry the focus bar."""
    rows = view.visible_text()
    return {view.block_at(y) for y, line in enumerate(rows) if line.lstrip().startswith("▌")}


def state(bar: PlayerBar) -> str:
    """The bar's play state, as a plain string (so type checkers do not narrow it)."""
    return str(bar.state)


def book_arriving(
    whole: Article, shown_blocks: int, store: Store | None = None
) -> tuple[ReaderApp, threading.Event]:
    """The app as the command line opens a book: its first `shown_blocks` blocks at once,
    the whole once the returned event is set."""
    arrived = threading.Event()

    def rest() -> Article:
        arrived.wait(10)
        return whole

    beginning = replace(whole, blocks=whole.blocks[:shown_blocks])
    app = ReaderApp("book.txt", FakeNarrator, article=beginning, rest=rest, store=store)
    return app, arrived
