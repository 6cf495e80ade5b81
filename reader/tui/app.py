"""The Textual reader: the reading screen, the dialogs on top of it, the user's state.

The app composes; the reading screen (`reading_screen.py`) reads and listens. The app
holds the services the screen uses — the store, the settings, the narrator maker — and
opens the store and settings after the first frame, so the article paints without
waiting for SQLite and TOML.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.app import App

from reader.settings import LoadedSettings, Settings
from reader.tui.reading_screen import ReadingScreen
from reader.tui.services import Opening, Rest
from reader.tui.themes import SEPIA

if TYPE_CHECKING:
    from textual.theme import Theme

    from reader.model import Article
    from reader.narration.events import EventSink, NarratorHandle
    from reader.store import Store

NarratorFactory = Callable[["EventSink"], "NarratorHandle"]


def _default_narrator(sink: EventSink) -> NarratorHandle:
    from reader.narration.narrator import Narrator

    return Narrator(sink)


def _collect_again() -> None:
    """After the first frame: what start-up made stays (frozen out of the collector's
    passes, which then stay short), and collection goes on for what comes next. The
    command line turned the collector off while starting (`cli._open_reader`)."""
    gc.freeze()
    gc.enable()


class ReaderApp(App[None]):
    CSS_PATH = Path(__file__).with_name("reader.tcss")
    TITLE = "reader"

    def __init__(
        self,
        source: str | None,
        narrator_factory: NarratorFactory = _default_narrator,
        *,
        store: Store | None = None,
        settings: LoadedSettings | None = None,
        stdin_data: bytes | None = None,
        article: Article | None = None,
        rest: Rest | None = None,
        open_state: bool = False,
    ) -> None:
        """`open_state`: open the user's store and settings after the first frame (the
        command line does; tests pass their own `store` and `settings`)."""
        super().__init__()
        self.store = store
        self.settings = settings or LoadedSettings(Settings(), Path("settings.toml"))
        self._settings_file = settings.path if settings else None
        """None until settings come from a file: changes then stay in memory."""
        self._narrator_factory = narrator_factory
        self._opening = Opening(source, article, rest, stdin_data)
        self._open_state = open_state

    def get_default_screen(self) -> ReadingScreen:
        return ReadingScreen(self, self._opening)

    @property
    def reading(self) -> ReadingScreen:
        return cast(ReadingScreen, self.default_screen)

    def make_narrator(self, sink: EventSink) -> NarratorHandle:
        return self._narrator_factory(sink)

    def on_mount(self) -> None:
        self.register_theme(SEPIA)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._warn(self.store.warning if self.store else None)
        self._apply(self.settings)  # the reading screen applies its part when it mounts
        self.call_after_refresh(_collect_again)
        self.call_after_refresh(self._be_media_player)
        if self._open_state:
            self.call_after_refresh(self._open_user_state)
        elif not self._opening.source and self._opening.article is None:
            self.call_after_refresh(self.reading.open_start)

    def _be_media_player(self) -> None:
        """On the session bus as an MPRIS player, after the first frame, on this loop (the
        bus's commands then run where the keys' do); where there is no bus, nothing."""
        from reader.mpris.bus import serve
        from reader.tui.mpris_remote import ScreenRemote

        self.run_worker(serve(ScreenRemote(self)), name="mpris", exit_on_error=False)

    def _open_user_state(self) -> None:
        from reader import settings
        from reader.store import Store

        self.store = Store.open()
        self._warn(self.store.warning)
        self._settings_file = settings.default_path()
        self._apply(settings.load(self._settings_file))
        self.reading.apply_settings(self.settings.settings)
        self.reading.user_state_opened()
        if not self._opening.source and self._opening.article is None:
            self.reading.open_start()

    def _apply(self, loaded: LoadedSettings) -> None:
        self.settings = loaded
        self._warn(loaded.problem)
        chosen = loaded.settings
        if chosen.keys:
            from reader.tui.bindings import keymap_problems

            for problem in keymap_problems(chosen.keys):
                self._warn(problem)
            self.set_keymap(chosen.keys)
        if chosen.theme in self.available_themes:
            self.theme = chosen.theme
        else:
            self._warn(f"unknown theme {chosen.theme!r} in {loaded.path}")

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.settings.settings.theme:
            self.save_settings(replace(self.settings.settings, theme=theme.name))

    def save_settings(self, chosen: Settings) -> None:
        self.settings = replace(self.settings, settings=chosen)
        if self._settings_file is None:
            return
        if self.settings.problem is not None:  # never overwrite a file the user must fix
            self._warn(f"not saved: fix {self._settings_file} first")
            return
        from reader.settings import save

        try:
            save(chosen, self._settings_file)
        except OSError as error:
            self._warn(f"cannot save settings: {error}")

    def _warn(self, problem: str | None) -> None:
        if problem:
            self.notify(problem, title="Settings", severity="warning", markup=False)

    async def action_quit(self) -> None:
        """Quit at once, whatever is on screen (the narrator's worker is told to end)."""
        self.reading.listening.close()
        self.exit()
