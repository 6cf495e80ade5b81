"""The reading screen: the article column, the search box, the player bar, the footer.

It owns what is read (the article, the focused block, the search) and a `Listening`
controller that owns the narrator. What the widgets show is reactive state of this screen,
bound to them: each fact has one writer (the play state, the voice and the rate come
from `Listening`, the focus from `move_focus`).

The screen keeps the composition, the state and thin key actions; what the actions do is
in a module each: documents arriving (`arrivals.py`), the reader's moves of the focus
(`moves.py`), the search box (`searching.py`), rate, volume, voice and sleep timer
(`tuning.py`), the keys that open a dialog (`dialog_keys.py`).

Loading runs on threads and narration in a worker process, so the screen never waits on
parsing, synthesis or audio; what it learns from them arrives as messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input

from reader.model import Article, Position
from reader.tui import dialog_keys, highlights, moves
from reader.tui.arrivals import Arrivals
from reader.tui.article_view import ArticleView
from reader.tui.bindings import BINDINGS
from reader.tui.listening import Listening, ListeningState, Severity
from reader.tui.messages import (
    ArticleLoaded,
    LoadFailed,
    NarrationUpdate,
    PlaceFound,
    VoicesListed,
)
from reader.tui.opener import Opener
from reader.tui.player_bar import PlayerBar
from reader.tui.searching import Searching
from reader.tui.services import Opening, Services
from reader.tui.tuning import Tuning

if TYPE_CHECKING:
    from reader.narration.events import NarrationEvent, NarratorHandle, PlayState
    from reader.settings import Settings


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
        self.opener = Opener(self.post_message, lambda: services.store, opening.stdin)
        self.arrivals = Arrivals(self)
        self.searching = Searching(self)
        self.tuning = Tuning(self)

    def _make_narrator(self) -> NarratorHandle:
        def sink(event: NarrationEvent) -> None:  # on the narrator's thread
            self.post_message(NarrationUpdate(event))

        return self.services.make_narrator(sink)

    def compose(self) -> ComposeResult:
        yield ArticleView(self.opening.article, id="article")
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

    def _mount_after_first_frame(self) -> None:
        """The search box and the footer: neither shows anything the first frame needs,
        and styling them is a tenth of the work to that frame."""
        from textual.widgets import Footer

        player = self.query_one(PlayerBar)
        self.mount(
            Input(placeholder="search, Enter to find, Esc to cancel", id="search"), before=player
        )
        self.mount(Footer())
        self.call_after_refresh(self.refresh_bindings)  # the footer lists them when told

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_after_first_frame)
        self.view.focus()
        self.apply_settings(self.services.settings.settings)
        opening = self.opening
        if opening.article is not None:
            if opening.rest is not None:
                self.opener.continue_book(opening.article, opening.rest, opening.source or "")
            self.arrivals.article_ready(opening.article, shown=True)
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
            self.show_highlights()

    # --- loading (arrivals.py) -------------------------------------------------------

    def load_source(self, source: str, *, raw: bool = False) -> None:
        self.arrivals.load_source(source, raw=raw)

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        self.arrivals.article_loaded(message)

    def on_place_found(self, message: PlaceFound) -> None:
        self.arrivals.place_found(message)

    def on_load_failed(self, message: LoadFailed) -> None:
        self.arrivals.load_failed(message)

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
        words_from = self.arrivals.words_from
        self.words_left = words_from[spoken.block] if spoken.block < len(words_from) else 0
        if not view.follow:
            return
        if spoken.word is not None:
            view.keep_in_view(spoken.block, spoken.word.end - 1)  # a long sentence runs on
        else:
            self.move_focus(spoken.block, char=spoken.sentence.start if spoken.sentence else None)

    def narration_moved(self, position: Position) -> None:
        self.save_position(position)

    def narration_notice(self, text: str, severity: Severity) -> None:
        self.notify(text, title="Narration", severity=severity, markup=False)

    def narration_finished(self) -> None:
        self.arrivals.narration_finished()

    def save_position(self, position: Position) -> None:
        store, article = self.services.store, self.article
        if self.opener.showing_raw:
            return  # the whole text's blocks are not the article's: no place to keep
        if store is not None and article is not None and article.source != "-":
            store.save_position(article.source, position)

    # --- focus ------------------------------------------------------------------------

    def move_focus(
        self, block: int, *, scroll: bool = True, char: int | None = None, jump: bool = False
    ) -> None:
        """The one way the reading focus moves."""
        self.view.focus_block(block, scroll=scroll, char=char, jump=jump)
        self.focused_block = self.view.focused_block

    # --- keys: listening --------------------------------------------------------------

    def action_play_pause(self) -> None:
        self.listening.play_pause(self.view.focused_block)

    def action_stop(self) -> None:
        self.listening.stop()

    def action_skip(self, blocks: int) -> None:
        if self.listening.playing:
            self.listening.skip(blocks=blocks)
        else:
            moves.step(self, blocks)

    def action_skip_sentence(self, sentences: int) -> None:
        """While narrating, skip sentences; otherwise move the sentence cursor (play then
        starts there)."""
        if self.listening.playing:
            self.listening.skip(sentences=sentences)
        else:
            moves.sentence_step(self, sentences)

    def go_to(self, position: Position) -> None:
        """Narration goes on from `position`; stopped, play will start there (as from a
        paragraph focused by hand)."""
        if self.listening.playing:
            self.listening.play_from(position)
        else:
            self.move_focus(position.block, char=position.char)
            self.listening.resume_from = position

    def action_follow(self) -> None:
        """Back to the spoken sentence, and follow it again."""
        self.view.follow = self.following = True
        self.move_focus(self.listening.resume_from.block)

    def action_highlight(self) -> None:
        dialog_keys.keep_highlight(self)

    def action_highlights(self) -> None:
        dialog_keys.show_highlights_list(self)

    def show_highlights(self) -> None:
        store, article = self.services.store, self.article
        if store is not None and article is not None:
            self.view.mark_highlights(highlights.marks(article, store))

    def action_rate(self, direction: int) -> None:
        self.tuning.step_rate(direction)

    def action_volume(self, direction: int) -> None:
        self.tuning.step_volume(direction)

    def tune(self, **changes: Any) -> None:
        """Change narration options (rate, volume, voice...) and keep them (tuning.py)."""
        self.tuning.tune(**changes)

    def action_sleep_timer(self) -> None:
        self.tuning.cycle_sleep_timer()

    def action_voice(self) -> None:
        dialog_keys.list_voices(self)

    def on_voices_listed(self, message: VoicesListed) -> None:
        dialog_keys.choose_voice(self, message)

    def action_narration_settings(self) -> None:
        dialog_keys.show_narration_settings(self)

    # --- keys: moving around ----------------------------------------------------------

    def action_next_paragraph(self) -> None:
        moves.step(self, +1)

    def action_previous_paragraph(self) -> None:
        moves.step(self, -1)

    def action_scroll(self, how: str) -> None:
        moves.suspend_follow(self)
        getattr(self.view, f"scroll_{how}")(animate=False)

    def action_edge(self, bottom: int) -> None:
        moves.edge(self, bool(bottom))

    def action_heading(self, step: int) -> None:
        moves.heading(self, step)

    def action_go_to_percent(self) -> None:
        dialog_keys.ask_percent(self)

    def action_outline(self) -> None:
        dialog_keys.show_outline(self)

    def on_article_view_clicked(self, message: ArticleView.Clicked) -> None:
        moves.clicked(self, message.index, message.clicks)

    def on_article_view_scrolled_by_hand(self) -> None:
        moves.suspend_follow(self)

    # --- keys: search (searching.py) -------------------------------------------------

    def action_search(self) -> None:
        self.searching.open_box()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if message.input.id == "search":
            self.searching.submitted(message.value)

    def action_next_match(self, step: int) -> None:
        self.searching.step(step)

    def action_clear_search(self) -> None:
        """Esc: stops opening a document if one is on its way, else clears the search."""
        if self.arrivals.cancel_loading():
            return
        self.searching.close_box()
        self.searching.clear()

    # --- keys: dialogs (dialog_keys.py) ---------------------------------------------

    def action_help(self) -> None:
        dialog_keys.show_help(self)

    def action_whole_text(self) -> None:
        """Open the document again whole, nothing cleaned away; again: the article."""
        article = self.article
        if article is None or article.source == "-" or self.opener.loading is not None:
            self.notify("Nothing to show whole: open a file or URL first.", markup=False)
            return
        self.load_source(article.source, raw=not self.opener.showing_raw)

    def action_open(self) -> None:
        dialog_keys.ask_to_open(self)

    def open_start(self) -> None:
        """Nothing named to open: the library when it holds documents, else the sample."""
        dialog_keys.open_start(self)

    def action_library(self) -> None:
        dialog_keys.show_library(self)

    def action_links(self) -> None:
        dialog_keys.show_links(self)

    def action_queue(self) -> None:
        dialog_keys.show_queue(self)
