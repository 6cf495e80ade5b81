"""The reading column, drawn row by row on Textual's Line API.

Its rows are laid out, and kept in place on screen, by `LaidOutView`; `render_line` draws
only the rows on screen, each cached as a `Strip` until something on it changes. A
highlight change (the spoken word moving on) repaints just the rows under the old and the
new span, so a book costs what an article costs. A search's matches are `search.find`'s.

Text goes in as `rich.text.Text`, never as markup, so an article that contains "[bold]"
shows those characters.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.style import Style
from textual import events
from textual.message import Message
from textual.strip import Strip

from reader.model import Article, Block, BlockKind, Span
from reader.tui.laid_out_view import LaidOutView
from reader.tui.row_painter import Marks, RowPainter
from reader.tui.scrolling import Anchor
from reader.tui.search import find
from reader.tui.wrap import BLANK


class Shown(NamedTuple):
    article: Article
    notice: bool = False
    """The article is a notice made into one, not something to read."""


class ArticleView(LaidOutView, can_focus=True, inherit_bindings=False):
    """Shows an article and knows which block has the reading focus."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--title",
        "article-view--metadata",
        "article-view--notice",
        "article-view--heading",
        "article-view--caption",
        "article-view--quote",
        "article-view--code",
        "article-view--table-header",
        "article-view--table-rule",
        "article-view--focus-bar",
        "article-view--spoken",
        "article-view--sentence",
        "article-view--word",
        "article-view--match",
        "article-view--current-match",
        "article-view--highlight",
        "article-view--emphasis",
        "article-view--strong",
        "article-view--inline-code",
        "article-view--link",
    }

    DEFAULT_CSS = """
    ArticleView {
        height: 1fr;
        overflow-x: hidden;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
    }
    """

    class ScrolledByHand(Message):
        """The user scrolled with the mouse: narration should stop pulling the view."""

    class Clicked(Message):
        """A block was clicked (`clicks` is 2 for a double click)."""

        def __init__(self, index: int, clicks: int) -> None:
            super().__init__()
            self.index = index
            self.clicks = clicks

    def __init__(self, article: Article | None = None, *, id: str | None = None) -> None:
        """`article` is shown from the first frame; later ones come through show_article."""
        super().__init__(id=id)
        self.follow = True
        """Keep the spoken sentence in view; the screen turns it off when the user scrolls."""
        self._shown: Shown | None = Shown(article) if article is not None else None
        """What is shown: an article, or a notice (nothing to read) made into one."""
        self._laid = article
        self._spoken: tuple[int, Span | None, Span | None] | None = None
        self._matches: dict[int, tuple[Span, ...]] = {}
        self._current_match: tuple[int, Span] | None = None
        self._highlights: dict[int, tuple[Span, ...]] = {}
        """Sentences kept as highlights, by block."""
        self._styles: dict[str, Style] = {}
        self._painter: RowPainter | None = None

    # --- what is shown --------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        """The article shown (None while a notice is)."""
        shown = self._shown
        return shown.article if shown is not None and not shown.notice else None

    @property
    def block_count(self) -> int:
        article = self.article
        return len(article.blocks) if article else 0

    @property
    def spoken_block(self) -> int | None:
        """The block with the narration highlight, if any."""
        return self._spoken[0] if self._spoken else None

    def show_article(self, article: Article, focus: int = 0, *, keep_place: bool = False) -> None:
        """Show `article` from its top (or its `focus` block); with `keep_place`, the text
        on screen stays where it is (the whole of a book whose beginning was shown)."""
        anchor = self._current_anchor() if keep_place else None
        self._shown = Shown(article)
        self._spoken = None
        self._matches = {}
        self._highlights = {}
        self.focused_block = max(0, min(focus, len(article.blocks) - 1))
        self._lay_out_anew(article, anchor or Anchor(-1))
        if anchor is None and focus:
            self._bring_into_view(self.focused_block, None)

    def show_message(self, message: str) -> None:
        """Replace the column with a notice (used when there is nothing to read)."""
        blocks = tuple(Block(BlockKind.PARAGRAPH, part) for part in message.split("\n\n"))
        self._shown = Shown(Article(source="", title="", blocks=blocks), notice=True)
        self._spoken = None
        self._matches = {}
        self._highlights = {}
        self._lay_out_anew(self._shown.article, Anchor(-1))

    @property
    def spoken_word(self) -> Span | None:
        return self._spoken[2] if self._spoken else None

    def visible_text(self) -> list[str]:
        """The screen as plain text, one string per row (for tests and screen readers)."""
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        return [self._row_strip(top + y).text for y in range(height)]

    # --- focus, highlight, search ---------------------------------------------------------

    def focus_block(
        self, index: int, scroll: bool = True, char: int | None = None, *, jump: bool = False
    ) -> None:
        """Give `index` the reading focus; with `scroll`, bring it (or its `char`) into view.
        A `jump` (heading, outline, percent, a reopened place) lands the block near the top
        of the screen, with a few rows of context above, unless it is there already."""
        if not self.block_count:
            return
        index = max(0, min(self.block_count - 1, index))
        if index != self.focused_block:
            previous, self.focused_block = self.focused_block, index
            self._refresh_block(previous)
        self._refresh_block(index)
        if scroll:
            self._bring_into_view(index, char, jump=jump)

    def highlight(self, block: int, sentence: Span | None, word: Span | None = None) -> None:
        """Mark the spoken sentence (and word) of `block`; clear the previous block's."""
        before = self._spoken
        self._spoken = (block, sentence, word)
        if before is None or before[0] != block:
            if before is not None:
                self._refresh_block(before[0])
            self._refresh_block(block)
            return
        _, old_sentence, old_word = before
        if old_sentence != sentence:
            self._refresh_spans(block, old_sentence, sentence, old_word, word)
        elif old_word != word:
            self._refresh_spans(block, old_word, word)

    def clear_highlight(self) -> None:
        if self._spoken is not None:
            block = self._spoken[0]
            self._spoken = None
            self._refresh_block(block)

    def search(self, query: str) -> list[tuple[int, Span]]:
        """Mark every case-insensitive occurrence of `query`; return them in reading order."""
        article = self.article
        self._matches = find(article, query) if query and article is not None else {}
        self._current_match = None
        self._cache.clear()
        self.refresh()
        return [(block, span) for block, spans in self._matches.items() for span in spans]

    @property
    def highlighted(self) -> dict[int, tuple[Span, ...]]:
        """The sentences marked as highlights, by block."""
        return dict(self._highlights)

    def mark_highlights(self, highlights: dict[int, tuple[Span, ...]]) -> None:
        """Mark the sentences kept as highlights (replacing those marked before)."""
        before, self._highlights = self._highlights, highlights
        for block in before.keys() | highlights.keys():
            if before.get(block) != highlights.get(block):
                self._refresh_block(block)

    def mark_current_match(self, match: tuple[int, Span] | None) -> None:
        """Mark the match the reader is on, distinct from the other matches."""
        before, self._current_match = self._current_match, match
        for marked in (before, match):
            if marked is not None:
                self._refresh_spans(marked[0], marked[1])

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()

    # --- mouse ----------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        block = self.block_at(event.y)
        if block >= 0 and self.article is not None:
            self.post_message(self.Clicked(block, event.chain))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.post_message(self.ScrolledByHand())

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.post_message(self.ScrolledByHand())

    # --- drawing --------------------------------------------------------------------------

    def _row_strip(self, row: int) -> Strip:
        """Row `row` of the layout, from the cache or drawn into it: nothing else changes
        (the rows are laid out on resize, when an article is shown, when settings change)."""
        width, rows, shown = self.scrollable_content_region.width, self._rows, self._shown
        if rows is None or shown is None or not 0 <= row < len(rows) or rows.block[row] == BLANK:
            return Strip.blank(width, self.rich_style)
        strip = self._cache.get(row)
        if strip is None:
            if self._painter is None:
                self._painter = RowPainter(self._style, self.app.console)
            focused = -1 if shown.notice else self.focused_block
            marks = Marks(
                focused,
                self._spoken,
                self._matches,
                self._justify,
                shown.notice,
                self._current_match,
                self._highlights,
            )
            strip = self._painter.draw(
                shown.article, rows, row, width=width, base=self.rich_style, marks=marks
            )
            self._cache[row] = strip
        return strip

    def _style(self, name: str) -> Style:
        """A component's own style, to layer over the text's: only what its rule sets,
        with colours blended over the background as the full style has them."""
        if not name:
            return Style()
        style = self._styles.get(name)
        if style is None:
            full = self.get_component_rich_style(name)
            own = self.get_component_rich_style(name, partial=True)
            style = own.without_color + Style(
                color=full.color if own.color else None,
                bgcolor=full.bgcolor if own.bgcolor else None,
            )
            self._styles[name] = style
        return style
