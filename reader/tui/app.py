"""The Textual reader: article column, player bar, footer; narration driven by events.

Loading runs in a thread worker and narration in a worker process (see reader.narration),
so the UI never waits on parsing, synthesis or audio. Everything the app learns from them
arrives as messages.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input

from reader.model import Article, Position, first_body_block
from reader.settings import LoadedSettings, Settings
from reader.sleep_timer import SleepTimer
from reader.tui.article_view import ArticleView
from reader.tui.bindings import BINDINGS
from reader.tui.listening import ListeningActions, words_from
from reader.tui.messages import ArticleLoaded, LoadFailed
from reader.tui.navigation import NavigationActions
from reader.tui.player_bar import PlayerBar
from reader.tui.search import SearchActions
from reader.tui.themes import SEPIA

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_ARTICLE = str(SAMPLES / "cna-cambodia-scam-networks.html")
if TYPE_CHECKING:
    from textual.theme import Theme

    from reader.narration.events import EventSink, NarratorHandle
    from reader.store import Document, Store

NarratorFactory = Callable[["EventSink"], "NarratorHandle"]


def _default_narrator(sink: EventSink) -> NarratorHandle:
    from reader.narration.narrator import Narrator

    return Narrator(sink)


class ReaderApp(ListeningActions, NavigationActions, SearchActions):
    CSS_PATH = Path(__file__).with_name("reader.tcss")
    TITLE = "reader"
    BINDINGS = BINDINGS

    def __init__(
        self,
        source: str | None,
        narrator_factory: NarratorFactory = _default_narrator,
        *,
        store: Store | None = None,
        settings: LoadedSettings | None = None,
        stdin_data: bytes | None = None,
        article: Article | None = None,
        rest: Callable[[], Article] | None = None,
        open_state: bool = False,
    ) -> None:
        super().__init__()
        self.source = source
        self.stdin_data = stdin_data
        """What was piped in when `source` is "-" (read before the app took the terminal)."""
        self.store = store
        self._preloaded = article
        """The article already loaded by the caller: shown in the very first frame."""
        self._rest = rest
        """When `article` is only the beginning of a book: waits for the whole of it."""
        self.settings = LoadedSettings(Settings(), Path("settings.toml"))
        self._save_settings_to = None
        self._given_settings = settings
        self._open_state = open_state
        """Open the user's store and settings after the first frame (the command line does;
        tests pass their own `store` and `settings`)."""
        self.resume_from = Position()
        self.article = None
        self.play_state = "stopped"
        self.rate = 1.0
        self._narrator_started = False
        self._play_when_loaded = False
        self._stale_events = False
        self.sleep = SleepTimer()
        self._sleep_timer = None
        self._matches = []
        self._query = ""
        self._match = -1
        self._words_from = []
        self._narrator = None
        self._make_narrator = lambda: narrator_factory(self._on_narration_event)

    def compose(self) -> ComposeResult:
        yield ArticleView(self._preloaded, id="article")
        yield Input(placeholder="search, Enter to find, Esc to cancel", id="search")
        yield PlayerBar(id="player")
        yield Footer()

    def on_mount(self) -> None:
        self.register_theme(SEPIA)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.query_one(ArticleView).focus()
        if self._given_settings is not None:
            self._apply_settings(self._given_settings)
        self._warn(self.store.warning if self.store else None)
        if self._open_state:
            self.call_after_refresh(self._open_user_state)
        if self._preloaded is not None:
            self._article_ready(self._preloaded, shown=True)
            if self._rest is not None:
                self._load_rest(self._rest)
        elif self.source:
            self.load_source(self.source)
        else:
            self.action_library()

    def _open_user_state(self) -> None:
        """Reading state and settings, opened once the article is on screen: the first
        frame does not wait for SQLite and TOML."""
        from reader import settings
        from reader.store import Store

        self.store = Store.open()
        self._warn(self.store.warning)
        self._apply_settings(settings.load())
        if self.article is not None:
            self._restore_position(self.article, shown=True)

    def _apply_settings(self, loaded: LoadedSettings) -> None:
        self.settings = loaded
        self._save_settings_to = loaded.path
        self._warn(loaded.problem)
        chosen = loaded.settings
        self.rate = self.query_one(PlayerBar).rate = chosen.rate
        if chosen.rate != 1.0:
            self.narrator.set_rate(chosen.rate)
        if chosen.voice:
            self.narrator.set_voice(chosen.voice)
        from reader.narration.options import NarrationOptions

        options = chosen.narration_options()
        if options != NarrationOptions():
            self.narrator.configure(**asdict(options))
        if chosen.keys:
            self.set_keymap(chosen.keys)
        if chosen.theme in self.available_themes:
            self.theme = chosen.theme
        else:
            self._warn(f"unknown theme {chosen.theme!r} in {loaded.path}")
        self.query_one(ArticleView).set_layout(
            chosen.column_width, chosen.justify, chosen.paragraph_spacing
        )

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.settings.settings.theme:
            self._save_settings(replace(self.settings.settings, theme=theme.name))

    def _warn(self, problem: str | None) -> None:
        if problem:
            self.notify(problem, title="Settings", severity="warning", markup=False)

    # --- loading ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_source(self, source: str) -> None:
        from reader.extract import ExtractionError, load

        stdin = io.BytesIO(self.stdin_data or b"") if source == "-" else None
        try:
            article = load(source, stdin=stdin)
        except Exception as error:
            if not isinstance(error, ExtractionError):
                error = ExtractionError(f"cannot open {source}: {error.__class__.__name__}")
            cached = self.store.cached_article(source) if self.store else None
            if cached is None:
                self.post_message(LoadFailed(source, str(error)))
                return
            self.post_message(LoadFailed(source, f"{error} (showing the copy saved earlier)"))
            self.post_message(ArticleLoaded(cached))
        else:
            self.post_message(ArticleLoaded(article))

    @work(thread=True, group="load")
    def _load_rest(self, rest: Callable[[], Article]) -> None:
        from reader.extract import ExtractionError

        try:
            self.post_message(ArticleLoaded(rest(), completes=True))
        except ExtractionError as error:
            self.post_message(LoadFailed(self.source or "", f"{error} (showing its beginning)"))

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        if message.completes and self.article is not self._preloaded:
            return  # another article was opened meanwhile
        self._article_ready(message.article, shown=False, completes=message.completes)

    def _article_ready(self, article: Article, *, shown: bool, completes: bool = False) -> None:
        """Show `article` (unless compose already did), restore its position, hand it to
        the narrator."""
        if self.play_state != "stopped" and not completes:
            # Events already on their way belong to the old article: drop them until the
            # worker confirms the stop.
            self.narrator.stop()
            self._stale_events = True
            self._set_state("stopped")
        self.article = article
        self.title = article.title or "reader"
        view = self.query_one(ArticleView)
        if completes:
            view.show_article(article, focus=view.focused_block, keep_place=True)
        else:
            self.resume_from = Position()
            if shown:
                view.focus_block(first_body_block(article), scroll=False)
            else:
                view.show_article(article, focus=first_body_block(article))
        bar = self.query_one(PlayerBar)
        bar.paragraphs, bar.paragraph = len(article.blocks), view.focused_block
        self._words_from = words_from(article)
        if completes:
            self._search_again()
        else:
            self._clear_search()
        self._restore_position(article, shown=shown)
        if self._narrator is not None:  # else it is given the article when it is made
            self.narrator.load(article, continues=completes)
        if self._play_when_loaded:
            self._play_when_loaded = False
            self.narrator.play(Position())
        if not self._narrator_started:
            # After the article's first paint: the worker's start-up (a Python process that
            # imports numpy and PortAudio) must not compete with it for the CPU.
            self._narrator_started = True
            self.call_after_refresh(self.start_narrator)

    def _restore_position(self, article: Article, *, shown: bool) -> None:
        """Go back to where reading stopped last time (the store knows). Piped text has no
        name to find it by again, so it is not remembered."""
        if self.store is None or article.source == "-" or self._showing_beginning():
            return
        self._remember(self.store, article, shown)

    def _showing_beginning(self) -> bool:
        """The article on screen is only the beginning of a book (its whole is on the way):
        remembering it would record the book as changed."""
        return self._rest is not None and self.article is self._preloaded

    @work(thread=True, group="store")
    def _remember(self, store: Store, article: Article, shown: bool) -> None:
        """On a thread: a book's cached copy is megabytes of JSON to write."""
        document = store.remember(article)
        self.call_from_thread(self._position_restored, article, document, shown)

    def _position_restored(self, article: Article, document: Document, shown: bool) -> None:
        if article is not self.article:
            return
        if document.changed:
            self.notify("This page changed since you last read it.", severity="warning")
        view = self.query_one(ArticleView)
        untouched = view.focused_block in (-1, first_body_block(article))
        if (
            untouched
            and not document.finished
            and 0 < document.position.block < len(article.blocks)
        ):
            self.resume_from = document.position
            if shown:
                view.focus_block(document.position.block)
            else:
                view.call_after_refresh(view.focus_block, document.position.block)
            self.query_one(PlayerBar).paragraph = document.position.block

    def on_load_failed(self, message: LoadFailed) -> None:
        if self._play_when_loaded and self.store is not None:
            following = self.store.queue_pop()  # a broken queue entry must not end the queue
            if following:
                self.notify(message.error, title="Skipped", severity="warning", markup=False)
                self.load_source(following)
                return
        self._play_when_loaded = False
        self.notify(message.error, title="Cannot open", severity="error", markup=False)
        if self.article is None:
            self.query_one(ArticleView).show_message(
                f"Nothing to read.\n\n{message.error}\n\nPress o to open a file or URL, q to quit."
            )

    def _finished_article(self) -> None:
        """Mark it read; go on with the listening queue, like a playlist."""
        following = None
        if self.store is not None and self.article is not None:
            self.store.mark_finished(self.article.source)
            following = self.store.queue_pop()
        if following:
            self.notify(f"Next in the queue: {following}", markup=False)
            self._play_when_loaded = True
            self.load_source(following)
        else:
            self.notify("End of the article.")

    # --- dialogs ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The reader's keys act on the reader only, not behind the library or a dialog."""
        return action in ("quit", "command_palette") or len(self.screen_stack) == 1

    def action_help(self) -> None:
        keymap = self.settings.settings.keys
        shown = [
            replace(b, key=keymap.get(b.id or "", b.key)) if isinstance(b, Binding) else b
            for b in self.BINDINGS
        ]
        from reader.tui.dialogs import HelpScreen

        self.push_screen(HelpScreen(shown))

    def action_library(self) -> None:
        if self.store is None:
            self.load_source(SAMPLE_ARTICLE)
            return

        def chosen(source: str | None) -> None:
            if source:
                self.load_source(source)
            elif self.article is None:
                self.query_one(ArticleView).show_message(
                    "Nothing open. Press L for the library, o to open a file or URL, q to quit."
                )

        from reader.tui.library import LibraryScreen

        self.push_screen(LibraryScreen(self.store, SAMPLE_ARTICLE), chosen)

    def action_open(self) -> None:
        def opened(source: str | None) -> None:
            if source:
                self.load_source(source)

        from reader.tui.dialogs import OpenScreen

        self.push_screen(OpenScreen(), opened)

    async def action_quit(self) -> None:
        if self._narrator is not None:
            self._narrator.close()
        self.exit()
