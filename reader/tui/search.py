"""Search in the article: `/` opens the box, Enter marks every match, `n`/`N` visit them."""

from __future__ import annotations

from textual.widgets import Input

from reader.model import Span
from reader.tui.article_view import ArticleView
from reader.tui.base import ReaderBase
from reader.tui.player_bar import PlayerBar


class SearchActions(ReaderBase):
    _matches: list[tuple[int, Span]]
    _match: int
    _query: str

    def _search_again(self) -> None:
        """The same search over a new text (the whole of a book whose beginning was
        searched), staying on the same match."""
        if not self._matches:
            return
        current = self._matches[self._match]
        self._matches = self.query_one(ArticleView).search(self._query)
        self._match = self._matches.index(current) if current in self._matches else 0
        self.query_one(PlayerBar).search = f"match {self._match + 1}/{len(self._matches)}"

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.add_class("-open")
        search.focus()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if message.input.id != "search":
            return
        self._close_search_box()
        view = self.query_one(ArticleView)
        self._query = message.value.strip()
        self._matches = view.search(self._query) if self._query else []
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
        block, span = self._matches[self._match]
        self._suspend_follow()
        self._drop_sentence_cursor()
        self.query_one(ArticleView).focus_block(block, char=span.start)
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
