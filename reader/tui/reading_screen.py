"""The reading screen: the article column, the search box, the player bar, the footer.

It owns what is read (the article, the focused block, the search) and a `Listening`
controller that owns the narrator. What the widgets show is reactive state of this screen,
bound to them: each fact has one writer (the play state, the voice and the rate come
from `Listening`, the focus from `_focus`).

Loading runs in a thread worker and narration in a worker process, so the screen never
waits on parsing, synthesis or audio; what it learns from them arrives as messages.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Input

from reader.model import Article, Position, Span, first_body_block
from reader.tui import highlights, navigation
from reader.tui.article_view import ArticleView
from reader.tui.bindings import BINDINGS
from reader.tui.highlights import sentence_here
from reader.tui.listening import Listening, ListeningState, Severity
from reader.tui.messages import (
    ArticleLoaded,
    LoadFailed,
    NarrationUpdate,
    PlaceFound,
    VoicesListed,
)
from reader.tui.opener import Opener
from reader.tui.player_bar import PlayerBar, received_label, words_from
from reader.tui.search import Search
from reader.tui.services import Opening, Services

if TYPE_CHECKING:
    from textual.timer import Timer

    from reader.narration.events import NarrationEvent, NarratorHandle, PlayState
    from reader.settings import Settings
    from reader.tui.voice_screen import VoiceChoice


SAMPLE_ARTICLE = str(
    Path(__file__).resolve().parent.parent / "samples" / "cna-cambodia-scam-networks.html"
)


LOADING_TICK = 0.2
"""Seconds between two looks at how much of a page being opened has come."""


class ReadingScreen(Screen[None]):
    BINDINGS = BINDINGS

    play_state: reactive[PlayState] = reactive("stopped")
    voice = reactive("")
    problem: reactive[str | None] = reactive(None)
    rate = reactive(1.0)
    volume = reactive(1.0)
    focused_block = reactive(0)
    paragraphs = reactive(0)
    words_left = reactive(0)
    """Words of the body from the spoken block to the end: for the time left."""
    following = reactive(True)
    search_label = reactive("")
    loading_label = reactive("")
    sleep_label = reactive("")

    def __init__(self, services: Services, opening: Opening) -> None:
        super().__init__()
        self.services = services
        self.opening = opening
        self.article: Article | None = None
        self.listening = Listening(self._make_narrator, self)
        self.search = Search()
        self.opener = Opener(self.post_message, lambda: services.store, opening.stdin)
        self._loading_ticks: Timer | None = None
        """Redraws how much of a URL has come, while one is opening."""
        self._words_from: list[int] = []
        self._sleep_timers: list[Timer] = []
        """The sleep timer's alarm and the tick that counts its minutes down."""

    def _make_narrator(self) -> NarratorHandle:
        def sink(event: NarrationEvent) -> None:  # on the narrator's thread
            self.post_message(NarrationUpdate(event))

        return self.services.make_narrator(sink)

    def compose(self) -> ComposeResult:
        yield ArticleView(self.opening.article, id="article")
        yield Input(placeholder="search, Enter to find, Esc to cancel", id="search")
        yield PlayerBar(id="player").data_bind(
            state=ReadingScreen.play_state,
            voice=ReadingScreen.voice,
            problem=ReadingScreen.problem,
            rate=ReadingScreen.rate,
            volume=ReadingScreen.volume,
            paragraph=ReadingScreen.focused_block,
            paragraphs=ReadingScreen.paragraphs,
            words_left=ReadingScreen.words_left,
            following=ReadingScreen.following,
            search=ReadingScreen.search_label,
            opening=ReadingScreen.loading_label,
            sleep=ReadingScreen.sleep_label,
        )
        yield Footer()

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self.view.focus()
        self.apply_settings(self.services.settings.settings)
        opening = self.opening
        if opening.article is not None:
            if opening.rest is not None:
                self.opener.continue_book(opening.article, opening.rest, opening.source or "")
            self._article_ready(opening.article, shown=True)
        elif opening.source:
            self.load_source(opening.source)

    # --- settings ---------------------------------------------------------------------

    def apply_settings(self, chosen: Settings) -> None:
        """Settings read from the file: the rate shown, the narrator's options, the column."""
        self.listening.configure(chosen.narration)
        self.view.set_layout(chosen.column_width, chosen.justify, chosen.paragraph_spacing)

    def user_state_opened(self) -> None:
        """The store is open now: go back to where reading stopped."""
        if self.article is not None:
            self.opener.remember(self.article, shown=True)
            self._show_highlights()

    # --- loading ----------------------------------------------------------------------

    def load_source(self, source: str) -> None:
        self.opener.open(source)
        if "://" in source:  # a file opens at once: nothing to wait for
            if self.article is not None:
                self.notify(f"Opening {source} … (Esc stops)", markup=False, timeout=3)
            self.loading_label = ""
            self._show_loading()
            if self._loading_ticks is None:
                self._loading_ticks = self.set_interval(LOADING_TICK, self._show_loading)

    def _show_loading(self) -> None:
        """Say what is being opened and how much of it has come: in the column while
        nothing else is there, in the player bar beside an article."""
        source = self.opener.loading
        if source is None:
            self.loading_label = ""
            if self._loading_ticks is not None:
                self._loading_ticks.stop()
                self._loading_ticks = None
            return
        size, announced = self.opener.received
        so_far = received_label(size, announced) if size else ""
        label = f"opening {so_far or '…'}"
        if label == self.loading_label:
            return
        self.loading_label = label
        if self.article is None:
            so_far = f" ({so_far})" if so_far else ""
            self.view.show_message(f"Opening {source} …{so_far}\n\nEsc stops, q quits.")

    def _cancel_loading(self) -> bool:
        """Stop waiting for the document being opened (its news is dropped)."""
        source = self.opener.cancel()
        if source is None:
            return False
        self._show_loading()
        self.notify(f"Stopped opening {source}", markup=False)
        if self.article is None:
            self.view.show_message("Nothing open. Press o to open a file or URL, q to quit.")
        return True

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        if self.opener.arrived(message, self.article):
            self._article_ready(message.article, shown=False, whole=message.whole)
        self._show_loading()

    def _article_ready(self, article: Article, *, shown: bool, whole: bool = False) -> None:
        """Show `article` (unless compose already did), restore its position, hand it to
        the narrator."""
        if not whole:
            self._document_voice("")  # until its own is found (`on_place_found`)
        self.listening.show(article, whole=whole)
        self.opener.shown(article)
        self.article = article
        self.app.title = article.title or "reader"
        view = self.view
        if whole:
            view.show_article(article, focus=view.focused_block, keep_place=True)
        elif shown:
            view.focus_block(first_body_block(article), scroll=False)
        else:
            view.show_article(article, focus=first_body_block(article))
        self.focused_block = view.focused_block
        self.paragraphs = len(article.blocks)
        self._words_from = words_from(article)
        if whole:
            self.search.again(view.search(self.search.query) if self.search.active else [])
            self.search_label = self.search.label
        else:
            self._clear_search()
        self._show_highlights()
        self.opener.remember(article, shown=shown)
        if self.opener.play_when_loaded:
            self.opener.play_when_loaded = False
            self.listening.play_from(Position())
        if not self.listening.started:
            # After the article's first paint: the worker's start-up (a Python process that
            # imports numpy and PortAudio) must not compete with it for the CPU.
            self.call_after_refresh(self._start_narrator)

    def _start_narrator(self) -> None:
        self._start(self.listening.narrator)  # made here, on the UI thread; started on a thread

    @work(thread=True, group="narrator")
    def _start(self, narrator: NarratorHandle) -> None:
        narrator.start()

    def on_place_found(self, message: PlaceFound) -> None:
        """Go back to where reading stopped last time."""
        article, document, shown = message.article, message.document, message.shown
        if article is not self.article:
            return
        self._document_voice(document.voice)
        if document.changed:
            self.notify("This page changed since you last read it.", severity="warning")
        view = self.view
        untouched = view.focused_block in (-1, first_body_block(article))
        if (
            untouched
            and not document.finished
            and 0 < document.position.block < len(article.blocks)
        ):
            self.listening.resume_from = document.position
            block = document.position.block
            if shown:
                self._focus(block, jump=True)
            else:
                view.call_after_refresh(lambda: self._focus(block, jump=True))

    def on_load_failed(self, message: LoadFailed) -> None:
        following = self.opener.failed()
        self._show_loading()
        if following:
            self.notify(message.error, title="Skipped", severity="warning", markup=False)
            self.load_source(following)
            return
        self.notify(message.error, title="Cannot open", severity="error", markup=False)
        if self.article is None:
            self.view.show_message(
                f"Nothing to read.\n\n{message.error}\n\nPress o to open a file or URL, q to quit."
            )

    # --- narration --------------------------------------------------------------------

    def on_narration_update(self, message: NarrationUpdate) -> None:
        self.listening.handle(message.event)

    def listening_changed(self, state: ListeningState) -> None:
        self.play_state = state.play
        self.rate = state.options.rate
        self.volume = state.options.volume
        self.voice = state.voice
        self.problem = state.problem
        self.sleep_label = state.sleep
        view = self.view
        spoken = state.spoken
        if spoken is None:
            view.clear_highlight()
            return
        shown = self.services.settings.settings
        sentence = spoken.sentence if shown.highlight_sentence else None
        view.highlight(spoken.block, sentence, spoken.word if shown.highlight_word else None)
        self.words_left = (
            self._words_from[spoken.block] if spoken.block < len(self._words_from) else 0
        )
        if not view.follow:
            return
        if spoken.word is not None:
            view.keep_in_view(spoken.block, spoken.word.end - 1)  # a long sentence runs on
        else:
            self._focus(spoken.block, char=spoken.sentence.start if spoken.sentence else None)

    def narration_moved(self, position: Position) -> None:
        self._save_position(position)

    def narration_notice(self, text: str, severity: Severity) -> None:
        self.notify(text, title="Narration", severity=severity, markup=False)

    def narration_finished(self) -> None:
        """Mark it read; go on with the listening queue, like a playlist."""
        following = None
        store = self.services.store
        if store is not None and self.article is not None:
            store.mark_finished(self.article.source)
            following = store.queue_pop()
        if following:
            self.notify(f"Next in the queue: {following}", markup=False)
            self.opener.play_when_loaded = True
            self.load_source(following)
        else:
            self.notify("End of the article.")

    def _save_position(self, position: Position) -> None:
        store, article = self.services.store, self.article
        if store is not None and article is not None and article.source != "-":
            store.save_position(article.source, position)

    # --- focus ------------------------------------------------------------------------

    def _focus(
        self, block: int, *, scroll: bool = True, char: int | None = None, jump: bool = False
    ) -> None:
        """The one way the reading focus moves."""
        self.view.focus_block(block, scroll=scroll, char=char, jump=jump)
        self.focused_block = self.view.focused_block

    def _step_focus(self, step: int, *, jump: bool = False) -> None:
        """A move by the reader (not the narration): it stops the view following."""
        self._suspend_follow()
        before = self.view.focused_block
        self._focus(before + step, jump=jump)
        if self.focused_block != before and not self.listening.playing:
            self._drop_sentence_cursor()
            self._save_position(Position(self.focused_block))
            self.listening.resume_from = Position(self.focused_block)

    def _suspend_follow(self) -> None:
        if self.listening.playing:
            self.view.follow = self.following = False

    def _drop_sentence_cursor(self) -> None:
        """The sentence cursor (a highlight while stopped) goes when the focus moves."""
        if not self.listening.playing:
            self.view.clear_highlight()

    # --- keys: listening --------------------------------------------------------------

    def action_play_pause(self) -> None:
        self.listening.play_pause(self.view.focused_block)

    def action_stop(self) -> None:
        self.listening.stop()

    def action_skip(self, blocks: int) -> None:
        if self.listening.playing:
            self.listening.skip(blocks=blocks)
        else:
            self._step_focus(blocks)

    def action_skip_sentence(self, sentences: int) -> None:
        """While narrating, skip sentences; otherwise move the sentence cursor (play then
        starts there)."""
        if self.listening.playing:
            self.listening.skip(sentences=sentences)
            return
        if self.article is None:
            return
        here, focused = self.listening.resume_from, self.view.focused_block
        self._sentence_cursor(navigation.sentence_target(self.article, here, focused, sentences))

    def _sentence_cursor(self, target: Position) -> None:
        """Stopped: the sentence cursor on `target`, where play will start."""
        if self.article is None:
            return
        spans = self.article.sentences(target.block)
        span = spans[target.sentence] if target.sentence < len(spans) else None
        self._focus(target.block, char=target.char)
        self.view.highlight(target.block, span)
        self.listening.resume_from = target
        self._save_position(target)

    def go_to(self, position: Position) -> None:
        """Narration goes on from `position`; stopped, play will start there (as from a
        paragraph focused by hand)."""
        if self.listening.playing:
            self.listening.play_from(position)
        else:
            self._focus(position.block, char=position.char)
            self.listening.resume_from = position

    def action_follow(self) -> None:
        """Back to the spoken sentence, and follow it again."""
        self.view.follow = self.following = True
        self._focus(self.listening.resume_from.block)

    def action_highlight(self) -> None:
        """Keep the sentence heard (or the cursor's) as a highlight; on one, remove it."""
        store, article, listening = self.services.store, self.article, self.listening
        if store is None or article is None or article.source == "-":
            self.notify("Highlights are kept for files and URLs.", severity="warning")
            return
        here = sentence_here(
            article, listening.state.spoken, listening.resume_from, self.focused_block
        )
        if here is not None:
            highlights.toggle(self.app, store, article, here, self._show_highlights)

    def action_highlights(self) -> None:
        """The list of this document's highlights; the one chosen is shown (the voice goes
        on; stopped, the sentence cursor stands on it)."""
        store, article = self.services.store, self.article
        if store is None or article is None or article.source == "-":
            self.notify("Highlights are kept for files and URLs.", severity="warning")
            return
        from reader.tui.highlights_screen import HighlightsScreen

        def chosen(place: Position | None) -> None:
            self._show_highlights()
            if place is None:
                return
            if self.listening.playing:
                self._suspend_follow()
                self._focus(place.block, char=place.char, jump=True)
            else:
                self._sentence_cursor(place)

        self.app.push_screen(HighlightsScreen(store, article, self._show_highlights), chosen)

    def _show_highlights(self) -> None:
        store, article = self.services.store, self.article
        if store is not None and article is not None:
            self.view.mark_highlights(highlights.marks(article, store))

    def action_rate(self, direction: int) -> None:
        from reader.narration_options import step_rate

        self.tune(rate=step_rate(self.listening.state.options.rate, direction))

    def action_volume(self, direction: int) -> None:
        from reader.narration_options import step_volume

        volume = step_volume(self.listening.state.options.volume, direction)
        self.tune(volume=volume)

    def tune(self, **changes: Any) -> None:
        """Change narration options: the narrator takes them all, the settings keep them
        (but the voice: the settings keep the default one, the store this document's)."""
        options = replace(self.listening.state.options, **changes)
        if options != self.listening.state.options:
            self.listening.configure(options)
            chosen = self.services.settings.settings
            default = replace(options, voice=chosen.narration.voice)
            self._save_settings(replace(chosen, narration=default))

    def _document_voice(self, voice: str) -> None:
        """Narrate with this document's voice, or the default voice when it has none."""
        default = self.services.settings.settings.narration.voice
        self.listening.configure(replace(self.listening.state.options, voice=voice or default))

    def action_sleep_timer(self) -> None:
        for timer in self._sleep_timers:
            timer.stop()
        self._sleep_timers = []
        minutes = self.listening.cycle_sleep_timer()
        if minutes is not None:
            listening = self.listening
            self._sleep_timers = [
                self.set_timer(minutes * 60, listening.sleep_timer_rang, name="sleep"),
                self.set_interval(15, listening.sleep_timer_ticked, name="sleep-label"),
            ]

    @work(thread=True, exclusive=True, group="voices")
    def action_voice(self) -> None:
        from reader.tui.voice_list import list_voices

        self.post_message(VoicesListed(*list_voices()))

    def on_voices_listed(self, message: VoicesListed) -> None:
        if message.error:
            self.notify(message.error, severity="error", markup=False)
            return
        from reader.tui.voice_screen import VoiceScreen, sample_sentence

        lang = self.article.lang if self.article else None
        sample = sample_sentence(self.article) if self.article else ""
        self.app.push_screen(VoiceScreen(message.voices, lang, sample), self._voice_chosen)

    def _voice_chosen(self, choice: VoiceChoice | None) -> None:
        """A voice for this document only ("" is automatic), or the default for all."""
        if choice is None:
            return
        if choice.default:
            chosen = self.services.settings.settings
            self._save_settings(
                replace(chosen, narration=replace(chosen.narration, voice=choice.voice))
            )
        voice = "" if choice.default else choice.voice
        self._document_voice(voice)
        store = self.services.store
        if store is not None and self.article is not None:
            store.save_voice(self.article.source, voice)

    # --- keys: moving around ----------------------------------------------------------

    def action_next_paragraph(self) -> None:
        self._step_focus(+1)

    def action_previous_paragraph(self) -> None:
        self._step_focus(-1)

    def action_scroll(self, how: str) -> None:
        self._suspend_follow()
        getattr(self.view, f"scroll_{how}")(animate=False)

    def action_edge(self, bottom: int) -> None:
        view = self.view
        self._step_focus(view.block_count if bottom else -view.block_count)
        if bottom:
            view.scroll_end(animate=False)
        else:
            view.scroll_home(animate=False)

    def action_heading(self, step: int) -> None:
        if self.article is not None:
            target = navigation.heading_target(self.article, self.view.focused_block, step)
            if target is not None:
                self._step_focus(target - self.view.focused_block, jump=True)

    def action_go_to_percent(self) -> None:
        from reader.tui.ask_screen import AskScreen

        def chosen(answer: str | None) -> None:
            target = navigation.percent_target(answer or "", self.view.block_count)
            if target is not None:
                self._step_focus(target - self.view.focused_block, jump=True)
            elif answer:
                self.notify(f"Not a percentage: {answer}", severity="warning", markup=False)

        self.app.push_screen(AskScreen("Go to how far in (%)", "50"), chosen)

    def action_outline(self) -> None:
        if self.article is None:
            return
        from reader.tui.outline_screen import OutlineScreen

        def chosen(block: int | None) -> None:
            if block is not None:
                self._step_focus(block - self.view.focused_block, jump=True)

        self.app.push_screen(OutlineScreen(navigation.headings(self.article)), chosen)

    def on_article_view_clicked(self, message: ArticleView.Clicked) -> None:
        """A click focuses a paragraph; a double click plays from it."""
        self._suspend_follow()
        self._drop_sentence_cursor()
        self._focus(message.index, scroll=False)
        if message.clicks >= 2:
            self.listening.play_from(Position(message.index))
        elif not self.listening.playing:
            self.listening.resume_from = Position(message.index)
            self._save_position(Position(message.index))

    def on_article_view_scrolled_by_hand(self) -> None:
        self._suspend_follow()

    # --- keys: search -----------------------------------------------------------------

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.add_class("-open")
        box.focus()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if message.input.id != "search":
            return
        self._close_search_box()
        query = message.value.strip()
        matches = self.view.search(query) if query else []
        if not matches:
            self._clear_search()
            if query:
                self.notify(f"Not found: {query}", markup=False)
            return
        self._show_match(self.search.start(query, matches, self.view.focused_block))

    def action_next_match(self, step: int) -> None:
        if self.search.active:
            self._show_match(self.search.step(step))

    def _show_match(self, match: tuple[int, Span] | None) -> None:
        if match is None:
            return
        self._suspend_follow()
        self._drop_sentence_cursor()
        block, span = match
        if block < 0:  # in the title
            self._focus(0, scroll=False)
            self.view.scroll_home(animate=False, force=True)
        else:
            self._focus(block, char=span.start)
        self.view.mark_current_match(match)
        self.search_label = self.search.label

    def action_clear_search(self) -> None:
        """Esc: stops opening a document if one is on its way, else clears the search."""
        if self._cancel_loading():
            return
        self._close_search_box()
        self._clear_search()

    def _close_search_box(self) -> None:
        self.query_one("#search", Input).remove_class("-open")
        self.view.focus()

    def _clear_search(self) -> None:
        if self.search.active:
            self.view.search("")
        self.search.clear()
        self.search_label = ""

    # --- keys: dialogs ---------------------------------------------------------------

    def action_help(self) -> None:
        from reader.tui.help_screen import HelpScreen

        self.app.push_screen(HelpScreen(self.BINDINGS, self.services.settings.settings.keys))

    def action_open(self) -> None:
        from reader.tui.ask_screen import AskScreen

        def opened(source: str | None) -> None:
            if source:
                self.load_source(source)

        self.app.push_screen(AskScreen(), opened)

    def open_start(self) -> None:
        """Nothing named to open: the library when it holds documents, else the sample."""
        store = self.services.store
        if store is None or not store.history():
            self.load_source(SAMPLE_ARTICLE)
        else:
            self.action_library()

    def action_library(self) -> None:
        store = self.services.store
        if store is None:
            self.load_source(SAMPLE_ARTICLE)
            return

        def chosen(source: str | None) -> None:
            if source:
                self.load_source(source)
            elif self.article is None:
                self.view.show_message(
                    "Nothing open. Press L for the library, o to open a file or URL, q to quit."
                )

        from reader.tui.library_screen import LibraryScreen

        self.app.push_screen(LibraryScreen(store, SAMPLE_ARTICLE), chosen)

    def action_queue(self) -> None:
        """What plays after this article; the document chosen there opens now."""
        store = self.services.store
        if store is None:
            self.notify("The queue is not open yet.", severity="warning")
            return

        def chosen(source: str | None) -> None:
            if source:
                self.load_source(source)

        from reader.tui.queue_screen import QueueScreen

        self.app.push_screen(QueueScreen(store), chosen)

    def _save_settings(self, chosen: Settings) -> None:
        self.services.save_settings(chosen)
