"""The reader's own moves of the reading focus: a paragraph, the sentence cursor, a heading,
an edge, a click. Functions of the reading screen.

A move by hand stops the view following the narration, and, while nothing plays, is where
play will start (and the place kept). The focus itself moves only by
`ReadingScreen.move_focus`; `navigation.py` has the rules for where each key lands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model import Position
from reader.tui import navigation

if TYPE_CHECKING:
    from reader.tui.reading_screen import ReadingScreen


def step(screen: ReadingScreen, blocks: int, *, jump: bool = False) -> None:
    """Move the focus `blocks` paragraphs on (back when negative)."""
    suspend_follow(screen)
    before = screen.view.focused_block
    screen.move_focus(before + blocks, jump=jump)
    if screen.focused_block != before and not screen.listening.playing:
        drop_sentence_cursor(screen)
        here = Position(screen.focused_block)
        screen.save_position(here)
        screen.listening.resume_from = here


def to_block(screen: ReadingScreen, block: int) -> None:
    """A jump to `block` (a heading, the outline, a percentage)."""
    step(screen, block - screen.view.focused_block, jump=True)


def suspend_follow(screen: ReadingScreen) -> None:
    if screen.listening.playing:
        screen.view.follow = screen.following = False


def drop_sentence_cursor(screen: ReadingScreen) -> None:
    """The sentence cursor (a highlight while stopped) goes when the focus moves."""
    if not screen.listening.playing:
        screen.view.clear_highlight()


def sentence_step(screen: ReadingScreen, sentences: int) -> None:
    """Stopped: move the sentence cursor `sentences` on (play then starts there)."""
    article = screen.article
    if article is None:
        return
    here, focused = screen.listening.resume_from, screen.view.focused_block
    sentence_cursor(screen, navigation.sentence_target(article, here, focused, sentences))


def sentence_cursor(screen: ReadingScreen, target: Position) -> None:
    """Stopped: the sentence cursor on `target`, where play will start."""
    article = screen.article
    if article is None:
        return
    spans = article.sentences(target.block)
    span = spans[target.sentence] if target.sentence < len(spans) else None
    screen.move_focus(target.block, char=target.char)
    screen.view.highlight(target.block, span)
    screen.listening.resume_from = target
    screen.save_position(target)


def edge(screen: ReadingScreen, bottom: bool) -> None:
    view = screen.view
    step(screen, view.block_count if bottom else -view.block_count)
    if bottom:
        view.scroll_end(animate=False)
    else:
        view.scroll_home(animate=False)


def heading(screen: ReadingScreen, direction: int) -> None:
    if screen.article is not None:
        target = navigation.heading_target(screen.article, screen.view.focused_block, direction)
        if target is not None:
            to_block(screen, target)


def clicked(screen: ReadingScreen, block: int, clicks: int) -> None:
    """A click focuses a paragraph; a double click plays from it."""
    suspend_follow(screen)
    drop_sentence_cursor(screen)
    screen.move_focus(block, scroll=False)
    if clicks >= 2:
        screen.listening.play_from(Position(block))
    elif not screen.listening.playing:
        screen.listening.resume_from = Position(block)
        screen.save_position(Position(block))
