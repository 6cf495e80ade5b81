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
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input

from reader.model import Article, Position, Span, first_body_block
from reader.narration.events import (
    EngineReady,
    EventSink,
    Finished,
    NarrationError,
    NarrationWarning,
    NarratorHandle,
    PlayState,
    SentenceStarted,
    StateChanged,
    WordStarted,
)
from reader.narration.options import NarrationOptions
from reader.settings import LoadedSettings, Settings
from reader.settings import save as save_settings
from reader.sleep_timer import SleepTimer
from reader.tui.article_view import ArticleView
from reader.tui.bindings import BINDINGS
from reader.tui.messages import ArticleLoaded, LoadFailed, NarrationUpdate, VoicesListed
from reader.tui.player_bar import PlayerBar
from reader.tui.themes import SEPIA

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_ARTICLE = str(SAMPLES / "cna-cambodia-scam-networks.html")
if TYPE_CHECKING:
    from textual.theme import Theme
    from textual.timer import Timer

    from reader.store import Document, Store

NarratorFactory = Callable[[EventSink], NarratorHandle]


def _default_narrator(sink: EventSink) -> NarratorHandle:
    from reader.narration.narrator import Narrator

    return Narrator(sink)


class ReaderApp(App[None]):
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
        open_state: bool = False,
    ) -> None:
        super().__init__()
        self.source = source
        self.stdin_data = stdin_data
        """What was piped in when `source` is "-" (read before the app took the terminal)."""
        self.store = store
        self._preloaded = article
        """The article already loaded by the caller: shown in the very first frame."""
        self.settings = LoadedSettings(Settings(), Path("settings.toml"))
        self._save_settings_to: Path | None = None
        """None until settings come from a file: changes then stay in memory."""
        self._given_settings = settings
        self._open_state = open_state
        """Open the user's store and settings after the first frame (the command line does;
        tests pass their own `store` and `settings`)."""
        self.resume_from = Position()
        """Where reading stopped last time in the current article (narration included)."""
        self.article: Article | None = None
        self.play_state: PlayState = "stopped"
        self.rate = 1.0
        self._narrator_started = False
        self._play_when_loaded = False
        self._stale_events = False
        self.sleep = SleepTimer()
        self._sleep_timer: Timer | None = None
        self._matches: list[tuple[int, Span]] = []
        self._match = -1
        self._words_from: list[int] = []
        """Words of the body from each block to the end: for the time left."""
        self.narrator = narrator_factory(self._on_narration_event)

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

    # --- loading -------------------------------------------------------------------------

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

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        self._article_ready(message.article, shown=False)

    def _article_ready(self, article: Article, *, shown: bool) -> None:
        """Show `article` (unless compose already did), restore its position, hand it to
        the narrator."""
        if self.play_state != "stopped":
            # Events already on their way belong to the old article: drop them until the
            # worker confirms the stop.
            self.narrator.stop()
            self._stale_events = True
            self._set_state("stopped")
        self.article = article
        self.title = article.title or "reader"
        self.resume_from = Position()
        if shown:
            self.query_one(ArticleView).focus_block(first_body_block(article), scroll=False)
        else:
            self.query_one(ArticleView).show_article(article, focus=first_body_block(article))
        bar = self.query_one(PlayerBar)
        bar.paragraphs, bar.paragraph = len(article.blocks), first_body_block(article)
        self._words_from = _words_from(article)
        self._clear_search()
        self._restore_position(article, shown=shown)
        self.narrator.load(article)
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
        if self.store is None or article.source == "-":
            return
        self._remember(self.store, article, shown)

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

    # --- narration -----------------------------------------------------------------------

    @work(thread=True, group="narrator")
    def start_narrator(self) -> None:
        self.narrator.start()

    def _on_narration_event(self, event: object) -> None:
        """Called on the narrator's thread: hand the event to the UI thread."""
        self.post_message(NarrationUpdate(event))  # type: ignore[arg-type]

    def on_narration_update(self, message: NarrationUpdate) -> None:
        event = message.event
        view = self.query_one(ArticleView)
        bar = self.query_one(PlayerBar)
        match event:
            case EngineReady(voice=voice, audio_error=audio_error):
                bar.voice = voice
                bar.problem = audio_error
            case StateChanged(state=state, block=block):
                if state == "stopped":
                    self._stale_events = False
                self.play_state = bar.state = state
                bar.paragraph = block
                if state == "stopped":
                    view.clear_highlight()
            case SentenceStarted(block=block, sentence=sentence) if not self._stale_events:
                self._follow(block, sentence)
            case WordStarted(block=block, start=start, end=end) if not self._stale_events:
                self._follow_word(block, start, end)
            case Finished():
                self.play_state = bar.state = "stopped"
                view.clear_highlight()
                self._finished_article()
            case NarrationWarning(message=text):
                bar.problem = text
                self.notify(text, title="Narration", severity="warning", markup=False)
            case NarrationError(message=text):
                # Narration has stopped (a dead worker is replaced on the next play).
                self._set_state("stopped")
                bar.problem = text
                self.notify(text, title="Narration", severity="error", markup=False)

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

    def _follow(self, block: int, sentence: int) -> None:
        if self.article is None or block >= len(self.article.blocks):
            return
        spans = self.article.sentences(block)
        span = spans[sentence] if sentence < len(spans) else None
        view = self.query_one(ArticleView)
        view.highlight(block, span if self.settings.settings.highlight_sentence else None)
        if view.follow:
            view.focus_block(block, char=span.start if span else None)
        bar = self.query_one(PlayerBar)
        bar.paragraph = block
        bar.time_left = self._time_left(block)
        self._save_position(Position(block, sentence, span.start if span else 0))
        if self.sleep.ends_before(block):
            self.sleep.clear()
            bar.sleep = ""
            self.action_stop()
            self.notify("Sleep timer: stopped at the end of the paragraph.")

    def _save_position(self, position: Position) -> None:
        self.resume_from = position
        if self.store is not None and self.article is not None and self.article.source != "-":
            self.store.save_position(self.article.source, position)

    def _follow_word(self, block: int, start: int, end: int) -> None:
        if self.article is None or block >= len(self.article.blocks):
            return
        from reader.model import sentence_at

        shown = self.settings.settings
        sentence = sentence_at(self.article, block, start)
        span = self.article.sentences(block)[sentence] if shown.highlight_sentence else None
        word = Span(start, end) if shown.highlight_word else None
        self.query_one(ArticleView).highlight(block, span, word)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The reader's keys act on the reader only, not behind the library or a dialog."""
        return action in ("quit", "command_palette") or len(self.screen_stack) == 1

    def _time_left(self, block: int) -> str:
        """At eSpeak's normal 175 words a minute, times the rate."""
        words = self._words_from[block] if block < len(self._words_from) else 0
        minutes = words / (175 * self.rate)
        return f"{minutes:.0f} min left" if minutes >= 1 else "< 1 min left"

    # --- search and mouse ------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.add_class("-open")
        search.focus()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if message.input.id != "search":
            return
        self._close_search_box()
        view = self.query_one(ArticleView)
        self._matches = view.search(message.value.strip()) if message.value.strip() else []
        if not self._matches:
            self._clear_search()
            if message.value.strip():
                self.notify(f"Not found: {message.value.strip()}", markup=False)
            return
        # The first match at or after the focused paragraph, as a reader expects.
        after = [i for i, (block, _) in enumerate(self._matches) if block >= view.focused_block]
        self._match = (after[0] if after else 0) - 1
        self.action_next_match(1)

    def action_next_match(self, step: int) -> None:
        if not self._matches:
            return
        self._match = (self._match + step) % len(self._matches)
        block, _ = self._matches[self._match]
        self._suspend_follow()
        self.query_one(ArticleView).focus_block(block)
        bar = self.query_one(PlayerBar)
        bar.paragraph = block
        bar.search = f"match {self._match + 1}/{len(self._matches)}"

    def action_clear_search(self) -> None:
        self._close_search_box()
        self._clear_search()

    def _close_search_box(self) -> None:
        search = self.query_one("#search", Input)
        search.remove_class("-open")
        self.query_one(ArticleView).focus()

    def _clear_search(self) -> None:
        if self._matches:
            self.query_one(ArticleView).search("")
        self._matches, self._match = [], -1
        self.query_one(PlayerBar).search = ""

    def on_article_view_clicked(self, message: ArticleView.Clicked) -> None:
        """Click focuses a paragraph; a double click plays from it."""
        view = self.query_one(ArticleView)
        self._suspend_follow()
        view.focus_block(message.index, scroll=False)
        self.query_one(PlayerBar).paragraph = message.index
        if message.clicks >= 2 and self.article is not None:
            self.narrator.play(Position(message.index))
            self._set_state("playing")
        elif self.play_state == "stopped":
            self._save_position(Position(message.index))

    # --- actions -------------------------------------------------------------------------

    def action_play_pause(self) -> None:
        if self.article is None:
            self.notify("Nothing to play yet.", severity="warning")
            return
        # The state is set here, at once, and confirmed by the worker's events: two quick
        # presses must read as play then pause, not as two plays.
        if self.play_state == "playing":
            self.narrator.pause()
            self._set_state("paused")
        elif self.play_state == "paused":
            self.narrator.resume()
            self._set_state("playing")
        else:
            focused = max(0, self.query_one(ArticleView).focused_block)
            resume = self.resume_from
            self.narrator.play(resume if resume.block == focused else Position(focused))
            self._set_state("playing")

    def action_stop(self) -> None:
        self.narrator.stop()
        self._set_state("stopped")

    def _set_state(self, state: PlayState) -> None:
        self.play_state = self.query_one(PlayerBar).state = state
        if state == "stopped":
            self.query_one(ArticleView).clear_highlight()

    def action_skip(self, blocks: int) -> None:
        if self.play_state == "stopped":
            self._move_focus(blocks)
        else:
            self.narrator.skip(blocks=blocks)

    def action_skip_sentence(self, sentences: int) -> None:
        """While narrating, skip sentences; otherwise move the reading cursor by sentence
        (play then starts there)."""
        if self.play_state != "stopped":
            self.narrator.skip(sentences=sentences)
            return
        if self.article is None:
            return
        from reader.model import next_sentence

        view = self.query_one(ArticleView)
        here = self.resume_from
        if here.block != view.focused_block:
            here = Position(max(0, view.focused_block))
        target = next_sentence(self.article, here, sentences)
        spans = self.article.sentences(target.block)
        span = spans[target.sentence] if target.sentence < len(spans) else None
        self._suspend_follow()
        view.focus_block(target.block, char=target.char)
        view.highlight(target.block, span)
        self.query_one(PlayerBar).paragraph = target.block
        self._save_position(target)

    def action_follow(self) -> None:
        """Jump back to the spoken sentence and keep following it."""
        view = self.query_one(ArticleView)
        view.follow = self.query_one(PlayerBar).following = True
        view.focus_block(self.resume_from.block)

    def on_article_view_scrolled_by_hand(self) -> None:
        self._suspend_follow()

    def _suspend_follow(self) -> None:
        if self.play_state != "stopped":
            view = self.query_one(ArticleView)
            view.follow = self.query_one(PlayerBar).following = False

    def action_sleep_timer(self) -> None:
        choice = self.sleep.cycle(self.resume_from.block)
        if self._sleep_timer is not None:
            self._sleep_timer.stop()
            self._sleep_timer = None
        if isinstance(choice, int):
            self._sleep_timer = self.set_timer(choice * 60, self._sleep_timer_rang, name="sleep")
        self.query_one(PlayerBar).sleep = self.sleep.label

    def _sleep_timer_rang(self) -> None:
        if self.sleep.rang():
            self.action_stop()
            self.query_one(PlayerBar).sleep = ""
            self.notify("Sleep timer: narration stopped.")

    @work(thread=True, exclusive=True, group="voices")
    def action_voice(self) -> None:
        """List the voices in a child process: libespeak stays out of the UI process (it can
        exit() the process and writes to fd 2)."""
        import json
        import subprocess
        import sys

        from reader.narration.engine import Voice

        command = [sys.executable, "-m", "reader", "voices", "--json"]
        try:
            listed = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=30,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            self.post_message(VoicesListed([], f"cannot list voices: {error}"))
            return
        if listed.returncode != 0:
            problem = listed.stderr.strip().splitlines()[-1:] or ["cannot list voices"]
            self.post_message(VoicesListed([], problem[0].removeprefix("reader: ")))
            return
        records = [json.loads(line) for line in listed.stdout.splitlines()]
        voices = [Voice(r["name"], r["language"], r["id"]) for r in records]
        self.post_message(VoicesListed(voices, None))

    def on_voices_listed(self, message: VoicesListed) -> None:
        if message.error:
            self.notify(message.error, severity="error", markup=False)
            return
        from reader.tui.dialogs import VoiceScreen

        lang = self.article.lang if self.article else None
        self.push_screen(VoiceScreen(message.voices, lang), self._voice_chosen)

    def _voice_chosen(self, voice: str | None) -> None:
        if voice:
            self.narrator.set_voice(voice)
            self.query_one(PlayerBar).voice = voice
            self._save_settings(replace(self.settings.settings, voice=voice))

    def action_next_paragraph(self) -> None:
        self._move_focus(+1)

    def action_previous_paragraph(self) -> None:
        self._move_focus(-1)

    def _move_focus(self, step: int) -> None:
        self._suspend_follow()
        view = self.query_one(ArticleView)
        before = view.focused_block
        view.focus_block(before + step)
        if view.focused_block != before:
            self.query_one(PlayerBar).paragraph = view.focused_block
            if self.play_state == "stopped":
                view.clear_highlight()  # the sentence cursor, if one was set
                self._save_position(Position(view.focused_block))

    def action_rate(self, direction: int) -> None:
        from reader.narration.engine import RATE_STEP, clamp_rate

        rate = clamp_rate(self.rate + direction * RATE_STEP)
        if rate != self.rate:
            self.rate = self.query_one(PlayerBar).rate = rate
            self.narrator.set_rate(rate)
            self._save_settings(replace(self.settings.settings, rate=rate))

    def action_volume(self, direction: int) -> None:
        from reader.narration.options import step_volume

        volume = step_volume(self.settings.settings.volume, direction)
        self.narrator.configure(volume=volume)
        self.notify(f"Volume {volume:.0%}", timeout=1.5)
        self._save_settings(replace(self.settings.settings, volume=volume))

    def _save_settings(self, chosen: Settings) -> None:
        self.settings = replace(self.settings, settings=chosen)
        # Never overwrite a file the user must fix first.
        if self._save_settings_to is not None and self.settings.problem is not None:
            self.notify(
                f"not saved: fix {self._save_settings_to} first", severity="warning", markup=False
            )
        elif self._save_settings_to is not None:
            try:
                save_settings(chosen, self._save_settings_to)
            except OSError as error:
                self.notify(f"cannot save settings: {error}", severity="warning", markup=False)

    def action_scroll(self, how: str) -> None:
        self._suspend_follow()
        view = self.query_one(ArticleView)
        getattr(view, f"scroll_{how}")(animate=False)

    def action_edge(self, bottom: int) -> None:
        view = self.query_one(ArticleView)
        if bottom:
            self._move_focus(view.block_count)
            view.scroll_end(animate=False)
        else:
            self._move_focus(-view.block_count)
            view.scroll_home(animate=False)

    def action_help(self) -> None:
        keymap = self.settings.settings.keys
        shown = [
            replace(b, key=keymap.get(b.id or "", b.key)) if isinstance(b, Binding) else b
            for b in self.BINDINGS
        ]
        from reader.tui.dialogs import HelpScreen

        self.push_screen(HelpScreen(shown))

    def action_heading(self, step: int) -> None:
        """Focus the next (or previous) heading after (or before) the focused block."""
        if self.article is None:
            return
        from reader.model import BlockKind

        focused = self.query_one(ArticleView).focused_block
        headings = [i for i, b in enumerate(self.article.blocks) if b.kind is BlockKind.HEADING]
        ahead = [i for i in headings if i > focused] if step > 0 else []
        behind = [i for i in headings if i < focused] if step < 0 else []
        target = ahead[0] if ahead else behind[-1] if behind else None
        if target is not None:
            self._move_focus(target - focused)

    def action_go_to_percent(self) -> None:
        from reader.tui.dialogs import OpenScreen

        def chosen(answer: str | None) -> None:
            view = self.query_one(ArticleView)
            try:
                percent = float((answer or "").strip().rstrip("%"))
            except ValueError:
                if answer:
                    self.notify(f"Not a percentage: {answer}", severity="warning", markup=False)
                return
            target = round(min(100.0, max(0.0, percent)) / 100 * (view.block_count - 1))
            self._move_focus(target - view.focused_block)

        self.push_screen(OpenScreen("Go to how far in (%)", "50"), chosen)

    def action_outline(self) -> None:
        if self.article is None:
            return
        from reader.model import BlockKind
        from reader.tui.dialogs import OutlineScreen

        headings = [
            (index, block.level or 2, block.text)
            for index, block in enumerate(self.article.blocks)
            if block.kind is BlockKind.HEADING
        ]

        def chosen(block: int | None) -> None:
            if block is not None:
                self._move_focus(block - self.query_one(ArticleView).focused_block)

        self.push_screen(OutlineScreen(headings), chosen)

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
        self.narrator.close()
        self.exit()


def _words_from(article: Article) -> list[int]:
    # Spaces plus one: words to within a few, and fast enough for a book on the UI thread.
    counts = [block.text.count(" ") + 1 if block.is_body else 0 for block in article.blocks]
    total, result = 0, [0] * len(counts)
    for index in range(len(counts) - 1, -1, -1):
        total += counts[index]
        result[index] = total
    return result
