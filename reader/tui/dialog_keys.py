"""The reading screen's keys that open a dialog, and what the reader's answer does: help,
open, library, queue, outline, go to a percentage, a highlight's note, the highlights list,
the voice chooser, the narration settings, the links of the focused paragraph.

Functions of the screen, each pushing one dialog (`*_screen.py`) with a callback for its
answer; a dialog's module is imported when its key is first pressed, not at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.model import Position
from reader.tui import highlights, moves, navigation
from reader.tui.highlights import sentence_here
from reader.tui.messages import VoicesListed

if TYPE_CHECKING:
    from reader.tui.reading_screen import ReadingScreen


SAMPLE_ARTICLE = str(
    Path(__file__).resolve().parent.parent / "samples" / "cna-cambodia-scam-networks.html"
)


def show_help(screen: ReadingScreen) -> None:
    from reader.tui.help_screen import HelpScreen

    screen.app.push_screen(HelpScreen(screen.BINDINGS, screen.services.settings.settings.keys))


def ask_to_open(screen: ReadingScreen) -> None:
    from reader.tui.ask_screen import AskScreen

    def opened(source: str | None) -> None:
        if source:
            screen.load_source(source)

    screen.app.push_screen(AskScreen(), opened)


def open_start(screen: ReadingScreen) -> None:
    """Nothing named to open: the library when it holds documents, else the sample."""
    store = screen.services.store
    if store is None or not store.history():
        screen.load_source(SAMPLE_ARTICLE)
    else:
        show_library(screen)


def show_library(screen: ReadingScreen) -> None:
    store = screen.services.store
    if store is None:
        screen.load_source(SAMPLE_ARTICLE)
        return

    def chosen(source: str | None) -> None:
        if source:
            screen.load_source(source)
        elif screen.article is None:
            screen.view.show_message(
                "Nothing open. Press L for the library, o to open a file or URL, q to quit."
            )

    from reader.tui.library_screen import LibraryScreen

    screen.app.push_screen(LibraryScreen(store, SAMPLE_ARTICLE), chosen)


def show_queue(screen: ReadingScreen) -> None:
    """What plays after this article; the document chosen there opens now."""
    store = screen.services.store
    if store is None:
        screen.notify("The queue is not open yet.", severity="warning")
        return

    def chosen(source: str | None) -> None:
        if source:
            screen.load_source(source)

    from reader.tui.queue_screen import QueueScreen

    screen.app.push_screen(QueueScreen(store), chosen)


def show_links(screen: ReadingScreen) -> None:
    """The links of the focused paragraph; the one chosen opens in the reader, or in the
    system's web browser."""
    article = screen.article
    block = screen.view.focused_block
    links = article.blocks[block].links if article and block < len(article.blocks) else ()
    if not links:
        screen.notify("No links in this paragraph")
        return
    from reader.tui.links_screen import LinksScreen, open_in_browser

    def chosen(answer: tuple[str, bool] | None) -> None:
        if answer is None:
            return
        href, in_browser = answer
        if in_browser:
            open_in_browser(screen, href)
        else:
            screen.load_source(href)

    text = article.blocks[block].text if article else ""
    screen.app.push_screen(LinksScreen(text, links), chosen)


def ask_percent(screen: ReadingScreen) -> None:
    from reader.tui.ask_screen import AskScreen

    def chosen(answer: str | None) -> None:
        view = screen.view
        target = navigation.percent_target(answer or "", view.block_count)
        if target is not None:
            moves.to_block(screen, target)
        elif answer:
            screen.notify(f"Not a percentage: {answer}", severity="warning", markup=False)

    screen.app.push_screen(AskScreen("Go to how far in (%)", "50"), chosen)


def show_outline(screen: ReadingScreen) -> None:
    if screen.article is None:
        return
    from reader.tui.outline_screen import OutlineScreen

    def chosen(block: int | None) -> None:
        if block is not None:
            moves.to_block(screen, block)

    screen.app.push_screen(OutlineScreen(navigation.headings(screen.article)), chosen)


def keep_highlight(screen: ReadingScreen) -> None:
    """Keep the sentence heard (or the cursor's) as a highlight, asking for a note; on
    one, remove it."""
    store, article, listening = screen.services.store, screen.article, screen.listening
    if screen.opener.showing_raw:
        screen.notify("Highlights are kept on the article: W goes back to it.", severity="warning")
        return
    if store is None or article is None or article.source == "-":
        screen.notify("Highlights are kept for files and URLs.", severity="warning")
        return
    here = sentence_here(
        article, listening.state.spoken, listening.resume_from, screen.focused_block
    )
    if here is not None:
        highlights.toggle(screen.app, store, article, here, screen.show_highlights)


def show_highlights_list(screen: ReadingScreen) -> None:
    """The list of this document's highlights; the one chosen is shown (the voice goes
    on; stopped, the sentence cursor stands on it)."""
    store, article = screen.services.store, screen.article
    if store is None or article is None or article.source == "-":
        screen.notify("Highlights are kept for files and URLs.", severity="warning")
        return
    from reader.tui.highlights_screen import HighlightsScreen

    def chosen(place: Position | None) -> None:
        screen.show_highlights()
        if place is None:
            return
        if screen.listening.playing:
            moves.suspend_follow(screen)
            screen.move_focus(place.block, char=place.char, jump=True)
        else:
            moves.sentence_cursor(screen, place)

    screen.app.push_screen(HighlightsScreen(store, article, screen.show_highlights), chosen)


def list_voices(screen: ReadingScreen) -> None:
    """List the voices on a thread (Piper's folder is read, eSpeak asked); the list comes
    back as `VoicesListed`, for `choose_voice`."""

    def listed() -> None:
        from reader.tui.voice_list import list_voices

        screen.post_message(VoicesListed(*list_voices()))

    screen.run_worker(listed, thread=True, exclusive=True, group="voices")


def choose_voice(screen: ReadingScreen, message: VoicesListed) -> None:
    if message.error:
        screen.notify(message.error, severity="error", markup=False)
        return
    from reader.tui.voice_screen import VoiceScreen, sample_sentence

    article = screen.article
    lang = article.lang if article else None
    sample = sample_sentence(article) if article else ""
    screen.app.push_screen(VoiceScreen(message.voices, lang, sample), screen.tuning.voice_chosen)


def show_narration_settings(screen: ReadingScreen) -> None:
    """Which blocks narration reads and its pauses; each change is made (and kept) at once."""
    from reader.tui.narration_screen import NarrationScreen

    listening = screen.listening
    screen.app.push_screen(NarrationScreen(lambda: listening.state.options, screen.tuning.tune))
