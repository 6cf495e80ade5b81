"""What the reader app's parts share: its state, and the moves more than one part makes.

The app is put together from parts with one job each (`listening`, `navigation`, `search`)
on this base; `app.ReaderApp` sets the state up, loads articles and opens dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from reader.model import Article, Position
from reader.tui.article_view import ArticleView
from reader.tui.player_bar import PlayerBar

if TYPE_CHECKING:
    from reader.narration.events import NarratorHandle, PlayState
    from reader.settings import LoadedSettings, Settings
    from reader.store import Store


class ReaderBase(App[None]):
    article: Article | None
    _narrator: NarratorHandle | None
    _make_narrator: Callable[[], NarratorHandle]
    play_state: PlayState
    resume_from: Position
    """Where reading stopped last time in the current article (narration included)."""
    rate: float
    settings: LoadedSettings
    store: Store | None
    _save_settings_to: Path | None
    """None until settings come from a file: changes then stay in memory."""

    @property
    def narrator(self) -> NarratorHandle:
        """Made on first use, after the first frame: showing the article needs neither the
        narrator's modules nor its worker."""
        if self._narrator is None:
            self._narrator = self._make_narrator()
            if self.article is not None:
                self._narrator.load(self.article)
        return self._narrator

    def _drop_sentence_cursor(self) -> None:
        """The sentence cursor (a highlight while stopped) goes when the focus moves."""
        if self.play_state == "stopped":
            self.query_one(ArticleView).clear_highlight()

    def _finished_article(self) -> None:
        """Narration reached the end of the article (the app goes on with the queue)."""

    def _move_sentence_cursor(self, sentences: int) -> None:
        """Move the reading cursor by sentences (navigation does)."""

    def _set_state(self, state: PlayState) -> None:
        self.play_state = self.query_one(PlayerBar).state = state
        if state == "stopped":
            self.query_one(ArticleView).clear_highlight()

    def _save_position(self, position: Position) -> None:
        self.resume_from = position
        if self.store is not None and self.article is not None and self.article.source != "-":
            self.store.save_position(self.article.source, position)

    def _suspend_follow(self) -> None:
        if self.play_state != "stopped":
            view = self.query_one(ArticleView)
            view.follow = self.query_one(PlayerBar).following = False

    def _move_focus(self, step: int) -> None:
        self._suspend_follow()
        view = self.query_one(ArticleView)
        before = view.focused_block
        view.focus_block(before + step)
        if view.focused_block != before:
            self.query_one(PlayerBar).paragraph = view.focused_block
            if self.play_state == "stopped":
                self._drop_sentence_cursor()
                self._save_position(Position(view.focused_block))

    def _save_settings(self, chosen: Settings) -> None:
        self.settings = replace(self.settings, settings=chosen)
        # Never overwrite a file the user must fix first.
        if self._save_settings_to is not None and self.settings.problem is not None:
            self.notify(
                f"not saved: fix {self._save_settings_to} first", severity="warning", markup=False
            )
        elif self._save_settings_to is not None:
            from reader.settings import save as save_settings

            try:
                save_settings(chosen, self._save_settings_to)
            except OSError as error:
                self.notify(f"cannot save settings: {error}", severity="warning", markup=False)
