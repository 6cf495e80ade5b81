"""The reading column: title, metadata line, then one widget per block.

One widget per block is plenty for an article; highlights restyle only the block being
spoken. Text goes in as `rich.text.Text`, never as markup, so an article that contains
"[bold]" shows those characters.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from reader.model import Article, Block, BlockKind, Span

_PREFIX = {BlockKind.LIST_ITEM: "• "}


class BlockView(Static):
    """One block of the article, able to highlight one sentence and one word in it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "blockview--sentence",
        "blockview--word",
        "blockview--match",
    }

    class Clicked(Message):
        def __init__(self, index: int, clicks: int) -> None:
            super().__init__()
            self.index = index
            self.clicks = clicks

    def __init__(self, block: Block, index: int) -> None:
        super().__init__(classes=f"block {block.kind.value}")
        self.block = block
        self.index = index
        self._sentence: Span | None = None
        self._word: Span | None = None
        self._matches: tuple[Span, ...] = ()

    def on_click(self, event: events.Click) -> None:
        self.post_message(self.Clicked(self.index, event.chain))

    def set_matches(self, matches: tuple[Span, ...]) -> None:
        if matches != self._matches:
            self._matches = matches
            self._repaint()

    def on_mount(self) -> None:
        self._repaint()

    def set_highlight(self, sentence: Span | None, word: Span | None = None) -> None:
        if (sentence, word) != (self._sentence, self._word):
            self._sentence, self._word = sentence, word
            self._repaint()

    def _repaint(self) -> None:
        prefix = _PREFIX.get(self.block.kind, "")
        text = Text(prefix + self.block.text)
        offset = len(prefix)
        if self._matches:
            style = self.get_component_rich_style("blockview--match")
            for match in self._matches:
                text.stylize(style, match.start + offset, match.end + offset)
        if self._sentence is not None:
            style = self.get_component_rich_style("blockview--sentence")
            text.stylize(style, self._sentence.start + offset, self._sentence.end + offset)
        if self._word is not None:
            style = self.get_component_rich_style("blockview--word")
            text.stylize(style, self._word.start + offset, self._word.end + offset)
        self.update(text)


def _article_widgets(article: Article) -> list[Static]:
    widgets: list[Static] = [Static(Text(article.title), classes="title")]
    if article.metadata_line:
        widgets.append(Static(Text(article.metadata_line), classes="metadata"))
    widgets.extend(BlockView(block, i) for i, block in enumerate(article.blocks))
    return widgets


class ArticleView(VerticalScroll):
    """Shows an article and knows which block has the reading focus."""

    can_focus = True

    class ScrolledByHand(Message):
        """The user scrolled with the mouse: narration should stop pulling the view."""

    def __init__(self, article: Article | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        """Shown from the first frame when given here; later ones come through show_article."""
        self.focused_block = 0
        self._layout: tuple[int, bool, int] | None = None
        self.follow = True
        """Keep the spoken sentence in view; the app turns it off when the user scrolls."""
        self._spoken: BlockView | None = None

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.post_message(self.ScrolledByHand())

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.post_message(self.ScrolledByHand())

    def compose(self) -> ComposeResult:
        if self.article is not None:
            yield from _article_widgets(self.article)

    def on_mount(self) -> None:
        if self.article is not None:
            self.focus_block(self.focused_block, scroll=False)

    def set_layout(self, column_width: int, justify: bool, paragraph_spacing: int) -> None:
        """The reading column's shape from settings (the stylesheet has the defaults)."""
        self._layout = (column_width, justify, paragraph_spacing)
        self._apply_layout()

    def _apply_layout(self) -> None:
        if self._layout is None:
            return
        width, justify, spacing = self._layout
        for child in self.children:
            child.styles.width = width
            if isinstance(child, BlockView):
                child.styles.text_align = "justify" if justify else "left"
                if child.block.kind is not BlockKind.LIST_ITEM:
                    child.styles.margin = (0, 0, spacing, 0)

    def show_article(self, article: Article, focus: int = 0) -> None:
        self.article = article
        self._spoken = None
        self.remove_children()
        self.mount_all(_article_widgets(article))
        self._apply_layout()
        self.focused_block = -1
        self.call_after_refresh(self.focus_block, focus, False)

    def show_message(self, message: str) -> None:
        """Replace the column with a notice (used when there is nothing to read)."""
        self.article = None
        self.remove_children()
        self.mount(Static(Text(message), classes="notice"))

    @property
    def block_count(self) -> int:
        return len(self.article.blocks) if self.article else 0

    def block_view(self, index: int) -> BlockView | None:
        for view in self.query(BlockView):
            if view.index == index:
                return view
        return None

    def focus_block(self, index: int, scroll: bool = True) -> None:
        if not self.block_count:
            return
        index = max(0, min(self.block_count - 1, index))
        if index != self.focused_block:
            previous = self.block_view(self.focused_block)
            if previous is not None:
                previous.remove_class("-focused")
            self.focused_block = index
        view = self.block_view(index)
        if view is not None:
            view.add_class("-focused")
            if scroll:
                self.scroll_to_widget(view, animate=False, top=False)

    def highlight(self, block: int, sentence: Span | None, word: Span | None = None) -> None:
        """Mark the spoken sentence (and word) of `block`; clear the previous block's."""
        view = self.block_view(block)
        if self._spoken is not None and self._spoken is not view:
            self._spoken.set_highlight(None)
            self._spoken.remove_class("-spoken")
        self._spoken = view
        if view is not None:
            view.add_class("-spoken")
            view.set_highlight(sentence, word)

    def search(self, query: str) -> list[tuple[int, Span]]:
        """Mark every case-insensitive occurrence of `query`; return them in reading order."""
        found: list[tuple[int, Span]] = []
        needle = query.casefold()
        for view in self.query(BlockView):
            spans: list[Span] = []
            if needle:
                haystack = view.block.text.casefold()
                start = haystack.find(needle)
                while start != -1:
                    spans.append(Span(start, start + len(needle)))
                    start = haystack.find(needle, start + max(1, len(needle)))
            view.set_matches(tuple(spans))
            found.extend((view.index, span) for span in spans)
        return found

    def clear_highlight(self) -> None:
        if self._spoken is not None:
            self._spoken.set_highlight(None)
            self._spoken.remove_class("-spoken")
            self._spoken = None
