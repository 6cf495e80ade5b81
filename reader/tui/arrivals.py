"""Documents arriving on the reading screen: the loading label, an article shown, the place
where reading stopped, a load that failed.

`Opener` decides which load still counts; this is what the screen does with what it says.
The screen owns one `Arrivals` and passes its loading messages on to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.extract.notice import worth_telling
from reader.model import Article, Position, first_body_block
from reader.tui.player_bar import received_label, words_from

if TYPE_CHECKING:
    from textual.timer import Timer

    from reader.tui.messages import ArticleLoaded, LoadFailed, PlaceFound
    from reader.tui.reading_screen import ReadingScreen


LOADING_TICK = 0.2
"""Seconds between two looks at how much of a page being opened has come."""


class Arrivals:
    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self._loading_ticks: Timer | None = None
        """Redraws how much of a URL has come, while one is opening."""
        self.words_from: list[int] = []
        """Words of the body from each block to the end (`player_bar.words_from`)."""

    def load_source(self, source: str, *, raw: bool = False) -> None:
        screen = self._screen
        screen.opener.open(source, raw=raw)
        if "://" in source:  # a file opens at once: nothing to wait for
            if screen.article is not None:
                screen.notify(f"Opening {source} … (Esc stops)", markup=False, timeout=3)
            screen.loading_label = ""
            self.show_loading()
            if self._loading_ticks is None:
                self._loading_ticks = screen.set_interval(LOADING_TICK, self.show_loading)

    def show_loading(self) -> None:
        """Say what is being opened and how much of it has come: in the column while
        nothing else is there, in the player bar beside an article."""
        screen = self._screen
        source = screen.opener.loading
        if source is None:
            screen.loading_label = ""
            if self._loading_ticks is not None:
                self._loading_ticks.stop()
                self._loading_ticks = None
            return
        size, announced = screen.opener.received
        so_far = received_label(size, announced) if size else ""
        label = f"opening {so_far or '…'}"
        if label == screen.loading_label:
            return
        screen.loading_label = label
        if screen.article is None:
            so_far = f" ({so_far})" if so_far else ""
            screen.view.show_message(f"Opening {source} …{so_far}\n\nEsc stops, q quits.")

    def cancel_loading(self) -> bool:
        """Stop waiting for the document being opened (its news is dropped)."""
        screen = self._screen
        source = screen.opener.cancel()
        if source is None:
            return False
        self.show_loading()
        screen.notify(f"Stopped opening {source}", markup=False)
        if screen.article is None:
            screen.view.show_message("Nothing open. Press o to open a file or URL, q to quit.")
        return True

    def article_loaded(self, message: ArticleLoaded) -> None:
        if self._screen.opener.arrived(message, self._screen.article):
            self.article_ready(message.article, shown=False, whole=message.whole)
        self.show_loading()

    def article_ready(self, article: Article, *, shown: bool, whole: bool = False) -> None:
        """Show `article` (unless compose already did), restore its position, hand it to
        the narrator."""
        screen = self._screen
        if not whole:
            screen.tuning.document_voice("")  # until its own is found (`place_found`)
        screen.listening.show(article, whole=whole)
        screen.opener.shown(article)
        screen.article = article
        screen.app.title = article.title or "reader"
        view = screen.view
        if whole:
            view.show_article(article, focus=view.focused_block, keep_place=True)
        elif shown:
            view.focus_block(first_body_block(article), scroll=False)
        else:
            view.show_article(article, focus=first_body_block(article))
        screen.focused_block = view.focused_block
        screen.paragraphs = len(article.blocks)
        self.words_from = words_from(article)
        if whole:
            screen.searching.again()
        else:
            screen.searching.clear()
        screen.show_highlights()
        if not whole:
            self._say_what_cleaning_left_out(article)
        screen.opener.remember(article, shown=shown)
        if screen.opener.play_when_loaded:
            screen.opener.play_when_loaded = False
            screen.listening.play_from(Position())
        if not screen.listening.started:
            # After the article's first paint: the worker's start-up (a Python process that
            # imports numpy and PortAudio) must not compete with it for the CPU.
            screen.call_after_refresh(self._start_narrator)

    def _say_what_cleaning_left_out(self, article: Article) -> None:
        screen = self._screen
        if screen.opener.showing_raw:
            screen.notify("The whole text, nothing cleaned away: W goes back to the article.")
        elif worth_telling(article):
            size = received_label(article.left_out, None)
            screen.notify(
                f"Cleaning left out {size} of text that reads like prose: W shows the whole text.",
                timeout=8,
            )

    def _start_narrator(self) -> None:
        narrator = self._screen.listening.narrator  # made here, on the UI thread
        self._screen.run_worker(narrator.start, thread=True, group="narrator")  # it waits

    def place_found(self, message: PlaceFound) -> None:
        """Go back to where reading stopped last time."""
        screen = self._screen
        article, document, shown = message.article, message.document, message.shown
        if article is not screen.article:
            return
        screen.tuning.document_voice(document.voice)
        if document.changed:
            screen.notify("This page changed since you last read it.", severity="warning")
        view = screen.view
        untouched = view.focused_block in (-1, first_body_block(article))
        if (
            untouched
            and not document.finished
            and 0 < document.position.block < len(article.blocks)
        ):
            screen.listening.resume_from = document.position
            block = document.position.block
            if shown:
                screen.move_focus(block, jump=True)
            else:
                view.call_after_refresh(lambda: screen.move_focus(block, jump=True))

    def load_failed(self, message: LoadFailed) -> None:
        screen = self._screen
        following = screen.opener.failed()
        self.show_loading()
        if following:
            screen.notify(message.error, title="Skipped", severity="warning", markup=False)
            self.load_source(following)
            return
        screen.notify(message.error, title="Cannot open", severity="error", markup=False)
        if screen.article is None:
            screen.view.show_message(
                f"Nothing to read.\n\n{message.error}\n\nPress o to open a file or URL, q to quit."
            )

    def narration_finished(self) -> None:
        """Mark it read; go on with the listening queue, like a playlist."""
        screen = self._screen
        following = None
        store = screen.services.store
        if store is not None and screen.article is not None:
            store.mark_finished(screen.article.source)
            following = store.queue_pop()
        if following:
            screen.notify(f"Next in the queue: {following}", markup=False)
            screen.opener.play_when_loaded = True
            self.load_source(following)
        else:
            screen.notify("End of the article.")
