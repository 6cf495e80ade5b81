"""The search box of the reading screen: open it, find, step through the matches, clear.

`Search` (search.py) keeps the query and the matches; this moves the focus to them, marks
the current one in the view and keeps the player bar's label. The screen owns one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Input

from reader.tui import moves
from reader.tui.search import Match, Search

if TYPE_CHECKING:
    from reader.tui.reading_screen import ReadingScreen


class Searching:
    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self.search = Search()

    def _box(self) -> Input:
        return self._screen.query_one("#search", Input)

    def open_box(self) -> None:
        box = self._box()
        box.add_class("-open")
        box.focus()

    def submitted(self, value: str) -> None:
        """Enter in the box: find `value`, from the focused block on."""
        screen = self._screen
        self.close_box()
        query = value.strip()
        matches = screen.view.search(query) if query else []
        if not matches:
            self.clear()
            if query:
                screen.notify(f"Not found: {query}", markup=False)
            return
        self._show(self.search.start(query, matches, screen.view.focused_block))

    def step(self, step: int) -> None:
        if self.search.active:
            self._show(self.search.step(step))

    def _show(self, match: Match | None) -> None:
        if match is None:
            return
        screen = self._screen
        moves.suspend_follow(screen)
        moves.drop_sentence_cursor(screen)
        block, span = match
        if block < 0:  # in the title
            screen.move_focus(0, scroll=False)
            screen.view.scroll_home(animate=False, force=True)
        else:
            screen.move_focus(block, char=span.start)
        screen.view.mark_current_match(match)
        screen.search_label = self.search.label

    def again(self) -> None:
        """The same search over the whole of a book whose beginning was searched."""
        search = self.search
        search.again(self._screen.view.search(search.query) if search.active else [])
        self._screen.search_label = search.label

    def close_box(self) -> None:
        self._box().remove_class("-open")
        self._screen.view.focus()

    def clear(self) -> None:
        if self.search.active:
            self._screen.view.search("")
        self.search.clear()
        self._screen.search_label = ""
