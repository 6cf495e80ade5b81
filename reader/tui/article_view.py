"""The reading column, drawn row by row on Textual's Line API.

`wrap.lay_out` turns the article into screen rows; `render_line` draws only the rows on
screen, each cached as a `Strip` until something on it changes. A highlight change (the
spoken word moving on) repaints just the rows under the old and the new span, so a book
costs what an article costs.

A book's rows are laid out in two steps so the first paint does not wait for them: the
rows around the anchor (the top of the screen, or the block asked for) at once, the whole
book on a thread, swapped in keeping the same text at the top of the screen. Where the
rows sit on screen (the place kept, where a block scrolls to) is decided by the pure rules
of `scrolling.py`, a search's matches by `search.find`; this widget applies them.

Text goes in as `rich.text.Text`, never as markup, so an article that contains "[bold]"
shows those characters.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model import Article, Block, BlockKind, Span
from reader.tui.row_painter import GUTTER, RIGHT, Marks, RowPainter
from reader.tui.scrolling import (
    Anchor,
    anchor_on_screen,
    anchor_top,
    in_two_steps,
    rows_around,
    top_showing,
)
from reader.tui.search import find
from reader.tui.wrap import BLANK, TITLE, Rows, Shape, lay_out


class Shown(NamedTuple):
    article: Article
    notice: bool = False
    """The article is a notice made into one, not something to read."""


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
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
        self.focused_block = 0
        self.follow = True
        """Keep the spoken sentence in view; the screen turns it off when the user scrolls."""
        self._shown: Shown | None = Shown(article) if article is not None else None
        """What the rows are of: an article, or a notice (nothing to read) made into one."""
        self._column = 80
        self._justify = False
        self._spacing = 1
        self._rows: Rows | None = None
        self._anchor = Anchor(-1)
        """What to keep in place on screen across a new layout."""
        self._height = 0
        """The view's height before the last resize: what was on screen is found with it."""
        self._spoken: tuple[int, Span | None, Span | None] | None = None
        self._matches: dict[int, tuple[Span, ...]] = {}
        self._current_match: tuple[int, Span] | None = None
        self._highlights: dict[int, tuple[Span, ...]] = {}
        """Sentences kept as highlights, by block."""
        self._cache: LRUCache[int, Strip] = LRUCache(1024)
        self._cache_width = 0
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
        self._new_layout(anchor or Anchor(-1))
        if anchor is None and focus:
            self._bring_into_view(self.focused_block, None)

    def show_message(self, message: str) -> None:
        """Replace the column with a notice (used when there is nothing to read)."""
        blocks = tuple(Block(BlockKind.PARAGRAPH, part) for part in message.split("\n\n"))
        self._shown = Shown(Article(source="", title="", blocks=blocks), notice=True)
        self._spoken = None
        self._matches = {}
        self._highlights = {}
        self._new_layout(Anchor(-1))

    def set_layout(self, column_width: int, justify: bool, paragraph_spacing: int) -> None:
        """The reading column's shape from settings (laid out again only if it changed)."""
        shape = (max(20, column_width), justify, max(0, paragraph_spacing))
        if shape != (self._column, self._justify, self._spacing):
            self._column, self._justify, self._spacing = shape
            self._new_layout()

    @property
    def fully_laid_out(self) -> bool:
        """False while a book's rows are still being laid out on a thread."""
        rows, shown = self._rows, self._shown
        return rows is not None and shown is not None and rows.covers(len(shown.article.blocks))

    @property
    def spoken_word(self) -> Span | None:
        return self._spoken[2] if self._spoken else None

    def screen_row_of(self, block: int) -> int | None:
        """The row of this widget showing `block`'s first line, if it is on screen."""
        rows = self._rows
        if rows is None or not rows.has(block):
            return None
        y = rows.first_row[block] - round(self.scroll_y)
        return y if 0 <= y < self.scrollable_content_region.height else None

    def block_at(self, y: int) -> int:
        """The block shown on row `y` of this widget (for a blank row, the block above)."""
        rows = self._rows
        return rows.block_at(round(self.scroll_y) + y) if rows is not None and len(rows) else -1

    def visible_text(self) -> list[str]:
        """The screen as plain text, one string per row (for tests and screen readers)."""
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        return [self._row_strip(top + y).text for y in range(height)]

    # --- layout ---------------------------------------------------------------------------

    def _shape(self) -> Shape | None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return None
        column = min(self._column, width)
        return Shape(column - GUTTER - RIGHT, self._spacing)

    def on_resize(self, event: events.Resize) -> None:
        region = self.scrollable_content_region
        if region.width != self._cache_width:
            self._cache.clear()  # the column is centred anew
            self._cache_width = region.width
        self._ensure_rows(self._height or region.height)
        self._height = region.height
        self.refresh()

    def _current_anchor(self, height: int | None = None) -> Anchor:
        """What to keep in place across a new layout: the focused block where it is on
        screen (`height` rows from the top, by default the view's), else the text at the top."""
        height = self.scrollable_content_region.height if height is None else height
        rows = self._rows
        if rows is None or not len(rows):
            return self._anchor
        return anchor_on_screen(rows, round(self.scroll_y), height, self.focused_block)

    def _new_layout(self, anchor: Anchor | None = None) -> None:
        """Lay the rows out again, keeping `anchor` (by default what is on screen) in place."""
        self._anchor = self._current_anchor() if anchor is None else anchor
        self._rows = None
        self._ensure_rows()  # clears the row cache as it lays out
        self.refresh()

    def _ensure_rows(self, height: int | None = None) -> Rows | None:
        """The rows for the current shape, laid out if need be (keeping what was on screen
        in the `height` rows at the top in place)."""
        shape = self._shape()
        if self._shown is None or shape is None:
            return None
        if self._rows is not None:
            if self._rows.shape == shape:
                return self._rows
            self._anchor = self._current_anchor(height)
        self._cache.clear()
        article, anchor = self._shown.article, self._anchor
        if not in_two_steps(article):
            self._install(lay_out(article, shape))
        else:
            height = self.scrollable_content_region.height
            self._install(rows_around(article, shape, max(0, anchor.block), height))
            self.run_worker(
                lambda: self._lay_out_all(article, shape),
                thread=True,
                group="layout",
                exclusive=True,
            )
        self._scroll_to_anchor(anchor)
        return self._rows

    def _lay_out_all(self, article: Article, shape: Shape) -> None:
        """On a thread: the whole article's rows, handed back to the UI thread."""
        rows = lay_out(article, shape)
        self.app.call_from_thread(self._all_laid_out, article, rows)

    def _all_laid_out(self, article: Article, rows: Rows) -> None:
        current, shown = self._rows, self._shown
        if shown is None or article is not shown.article or current is None:
            return
        if current.shape != rows.shape:
            return  # a newer layout has replaced the one this was for
        anchor = self._current_anchor()
        self._cache.clear()
        self._install(rows)
        self._scroll_to_anchor(anchor)
        self.refresh()

    def _install(self, rows: Rows) -> None:
        self._rows = rows
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))

    def _scroll_to_anchor(self, anchor: Anchor) -> None:
        rows = self._rows
        if rows is None:
            return
        y = anchor_top(rows, anchor, self.scrollable_content_region.height)
        if y != round(self.scroll_y):
            self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def _rows_showing(self, block: int) -> Rows | None:
        """The rows, laid out around `block` first if a partial layout lacks it."""
        rows = self._ensure_rows()
        if rows is not None and not rows.has(block):
            self._anchor = Anchor(block)
            self._rows = None
            rows = self._ensure_rows()
        return rows

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

    def keep_in_view(self, block: int, char: int) -> None:
        """Scroll (only if needed) so that character `char` of `block` is on screen."""
        self._bring_into_view(block, char)

    def _bring_into_view(self, block: int, char: int | None, *, jump: bool = False) -> None:
        rows = self._rows_showing(block)
        if rows is None:
            return
        height, top = self.scrollable_content_region.height, round(self.scroll_y)
        y = top_showing(rows, block, char, top, height, jump=jump)
        if y is not None:
            self.scroll_to(y=y, animate=False, immediate=True, force=True)

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

    def _refresh_block(self, block: int) -> None:
        rows = self._rows
        if rows is not None and rows.has(block):
            shown = rows.rows_of(block)
            self._refresh_rows(shown.start, shown.stop)

    def _refresh_spans(self, block: int, *spans: Span | None) -> None:
        rows = self._rows
        if rows is None or not (rows.has_title() if block == TITLE else rows.has(block)):
            return
        for span in spans:
            if span is not None:
                first = rows.row_of(block, span.start)
                last = rows.last_row_of(block, max(span.start, span.end - 1))
                self._refresh_rows(first, last + 1)

    def _refresh_rows(self, start: int, stop: int) -> None:
        for row in range(start, stop):
            self._cache.discard(row)
        self.refresh_lines(start, stop - start)

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

    def render_line(self, y: int) -> Strip:
        if self._rows is None and self._shown is not None:
            # Textual paints the first frame before it delivers the first Resize: lay out
            # here then, or that frame is blank and the text waits for the next one.
            self._ensure_rows()
        return self._row_strip(round(self.scroll_y) + y)

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
