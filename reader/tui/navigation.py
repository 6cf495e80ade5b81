"""Moving the reading focus: paragraphs, sentences, headings, edges, a percentage, the
outline, the mouse."""

from __future__ import annotations

from reader.model import BlockKind, Position, next_sentence
from reader.tui.article_view import ArticleView
from reader.tui.base import ReaderBase
from reader.tui.player_bar import PlayerBar


class NavigationActions(ReaderBase):
    def action_next_paragraph(self) -> None:
        self._move_focus(+1)

    def action_previous_paragraph(self) -> None:
        self._move_focus(-1)

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

    def action_heading(self, step: int) -> None:
        """Focus the next (or previous) heading after (or before) the focused block."""
        if self.article is None:
            return
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

    def on_article_view_clicked(self, message: ArticleView.Clicked) -> None:
        """Click focuses a paragraph; a double click plays from it."""
        view = self.query_one(ArticleView)
        self._suspend_follow()
        self._drop_sentence_cursor()
        view.focus_block(message.index, scroll=False)
        self.query_one(PlayerBar).paragraph = message.index
        if message.clicks >= 2 and self.article is not None:
            self.narrator.play(Position(message.index))
            self._set_state("playing")
        elif self.play_state == "stopped":
            self._save_position(Position(message.index))

    def _move_sentence_cursor(self, sentences: int) -> None:
        """Move the reading cursor by sentences (play then starts there)."""
        if self.article is None:
            return
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
