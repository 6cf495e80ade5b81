"""The reading column's rows on a `ScrollView`: laid out for the column's shape, a book's
in two steps, and the text on screen kept in place whenever they are laid out again.

`wrap.lay_out` turns an article into screen rows. A book's are laid out in two steps so
the first paint does not wait for them: the rows around the anchor (the top of the screen,
or the block asked for) at once, the whole book on a thread, swapped in keeping the same
text at the top of the screen. Where the rows sit on screen (the place kept, where a block
scrolls to) is decided by the pure rules of `scrolling.py`; this widget applies them. What
a row looks like is its subclass's (`ArticleView._row_strip`), cached here by row until
something on it changes.
"""

from __future__ import annotations

from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model import Article, Span
from reader.tui.row_painter import GUTTER, RIGHT
from reader.tui.scrolling import (
    Anchor,
    anchor_on_screen,
    anchor_top,
    in_two_steps,
    rows_around,
    top_showing,
)
from reader.tui.wrap import TITLE, Rows, Shape, lay_out


class LaidOutView(ScrollView):
    """Rows of an article, laid out and kept in place; drawn by a subclass."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.focused_block = 0
        """The block with the reading focus: kept where it is on screen across a layout."""
        self._laid: Article | None = None
        """What the rows are of."""
        self._column = 80
        self._justify = False
        self._spacing = 1
        self._rows: Rows | None = None
        self._anchor = Anchor(-1)
        """What to keep in place on screen across a new layout."""
        self._height = 0
        """The view's height before the last resize: what was on screen is found with it."""
        self._cache: LRUCache[int, Strip] = LRUCache(1024)
        self._cache_width = 0

    def set_layout(self, column_width: int, justify: bool, paragraph_spacing: int) -> None:
        """The reading column's shape from settings (laid out again only if it changed)."""
        shape = (max(20, column_width), justify, max(0, paragraph_spacing))
        if shape != (self._column, self._justify, self._spacing):
            self._column, self._justify, self._spacing = shape
            self._new_layout()

    @property
    def fully_laid_out(self) -> bool:
        """False while a book's rows are still being laid out on a thread."""
        rows, laid = self._rows, self._laid
        return rows is not None and laid is not None and rows.covers(len(laid.blocks))

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

    def keep_in_view(self, block: int, char: int) -> None:
        """Scroll (only if needed) so that character `char` of `block` is on screen."""
        self._bring_into_view(block, char)

    # --- laying out -----------------------------------------------------------------------

    def _lay_out_anew(self, article: Article, anchor: Anchor) -> None:
        """Rows of `article` from now on, with `anchor` kept in place on screen."""
        self._laid = article
        self._new_layout(anchor)

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
        if self._laid is None or shape is None:
            return None
        if self._rows is not None:
            if self._rows.shape == shape:
                return self._rows
            self._anchor = self._current_anchor(height)
        self._cache.clear()
        article, anchor = self._laid, self._anchor
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
        current = self._rows
        if article is not self._laid or current is None:
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

    def _bring_into_view(self, block: int, char: int | None, *, jump: bool = False) -> None:
        rows = self._rows_showing(block)
        if rows is None:
            return
        height, top = self.scrollable_content_region.height, round(self.scroll_y)
        y = top_showing(rows, block, char, top, height, jump=jump)
        if y is not None:
            self.scroll_to(y=y, animate=False, immediate=True, force=True)

    # --- drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        if self._rows is None and self._laid is not None:
            # Textual paints the first frame before it delivers the first Resize: lay out
            # here then, or that frame is blank and the text waits for the next one.
            self._ensure_rows()
        return self._row_strip(round(self.scroll_y) + y)

    def _row_strip(self, row: int) -> Strip:
        """Row `row` of the layout as drawn (cached in `_cache` by the subclass)."""
        raise NotImplementedError

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
