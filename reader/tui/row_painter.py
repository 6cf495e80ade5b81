"""One screen row of the reading column, drawn as a `Strip`.

The row is the text of one block (or the title, or the metadata line) between two
offsets, centred in the terminal with the focus bar in its gutter, and styled in layers:
the kind of block, its emphasis, code and links, highlights, search matches, the spoken
block, sentence and word. Styles come from the view's component classes, through the
`style` function it passes in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from reader.model import Article, BlockKind, InlineStyle, Span
from reader.tui.table_grid import LineKind
from reader.tui.wrap import BULLET, INDENT, METADATA, TITLE, Rows

GUTTER = 2
"""Cells left of the text: the focus bar and a space."""
RIGHT = 2
_STYLE_OF_KIND = {
    BlockKind.HEADING: "article-view--heading",
    BlockKind.CAPTION: "article-view--caption",
    BlockKind.QUOTE: "article-view--quote",
    BlockKind.CODE: "article-view--code",
}
_STYLE_OF_LINE = {
    LineKind.HEADER: "article-view--table-header",
    LineKind.RULE: "article-view--table-rule",
}
_STYLE_OF_INLINE = {
    InlineStyle.EMPHASIS: "article-view--emphasis",
    InlineStyle.STRONG: "article-view--strong",
    InlineStyle.CODE: "article-view--inline-code",
    InlineStyle.LINK: "article-view--link",
}


@dataclass
class Marks:
    """What the page shows besides the text."""

    focused: int = -1
    spoken: tuple[int, Span | None, Span | None] | None = None
    """The block being narrated, its sentence and its word."""
    matches: dict[int, tuple[Span, ...]] = field(default_factory=dict)
    justify: bool = False
    notice: bool = False
    """The text is a notice (nothing to read), not an article."""
    current_match: tuple[int, Span] | None = None
    """The search match the reader is on."""
    highlights: dict[int, tuple[Span, ...]] = field(default_factory=dict)
    """Sentences kept as highlights."""


class RowPainter:
    def __init__(self, style: Callable[[str], Style], console: Console) -> None:
        self._style = style
        self._console = console

    def draw(
        self, article: Article, rows: Rows, row: int, *, width: int, base: Style, marks: Marks
    ) -> Strip:
        owner, start, end = rows.block[row], rows.start[row], rows.end[row]
        column = rows.shape.width + GUTTER + RIGHT
        left = " " * ((width - column) // 2)
        indent = ""
        if owner == TITLE:
            text = Text(article.title[start:end], style=self._style("article-view--title"))
            self._mark_matches(text, owner, (start, end, None), marks)
        elif owner == METADATA:
            line = article.metadata_line[start:end]
            text = Text(line, style=self._style("article-view--metadata"))
        else:
            text, indent = self._block_text(article, rows, row, marks)
        focused = owner == marks.focused
        gutter_style = base + self._style("article-view--focus-bar") if focused else base
        segments = [Segment(left, base), Segment("▌ " if focused else "  ", gutter_style)]
        if indent:
            segments.append(Segment(indent, base))
        text.stylize_before(base)
        segments.extend(text.render(self._console))
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def _block_text(self, article: Article, rows: Rows, row: int, marks: Marks) -> tuple[Text, str]:
        """A block's row as styled text, and the indent drawn before it."""
        owner, start, end = rows.block[row], rows.start[row], rows.end[row]
        block = article.blocks[owner]
        indent = " " * INDENT.get(block.kind, 0)
        if row in rows.drawn:
            return self._grid_text(rows, row, marks), indent
        if block.kind is BlockKind.LIST_ITEM and not block.is_numbered:
            indent += BULLET if start == 0 else " " * len(BULLET)
        line, moved = block.text[start:end], None
        justified = marks.justify and block.kind is BlockKind.PARAGRAPH
        if justified and not rows.ends_paragraph_line(row):
            line, moved = justify_line(line, rows.shape.width - len(indent))
        kind_style = "article-view--notice" if marks.notice else _STYLE_OF_KIND.get(block.kind)
        text = Text(line, style=self._style(kind_style or ""))
        row_span = (start, end, moved)
        if not marks.notice:
            for inline in block.inline:
                style = self._style(_STYLE_OF_INLINE[inline.style])
                mark_span(text, Span(inline.start, inline.end), row_span, style)
        for kept in marks.highlights.get(owner, ()):
            mark_span(text, kept, row_span, self._style("article-view--highlight"))
        self._mark_matches(text, owner, row_span, marks)
        if marks.spoken is not None and marks.spoken[0] == owner:
            _, sentence, word = marks.spoken
            text.stylize_before(self._style("article-view--spoken"))
            mark_span(text, sentence, row_span, self._style("article-view--sentence"))
            mark_span(text, word, row_span, self._style("article-view--word"))
        return text, indent

    def _grid_text(self, rows: Rows, row: int, marks: Marks) -> Text:
        """A line of a table's grid. The marks of its row's sentence (spoken, kept, found)
        cover the whole line: the row is what is read, a word at a time is not shown."""
        line, kind = rows.drawn[row]
        text = Text(line, style=self._style(_STYLE_OF_LINE.get(kind, "")))
        owner, start, end = rows.block[row], rows.start[row], rows.end[row]
        if kind is LineKind.RULE or start < 0:
            return text

        def on_row(span: Span | None) -> bool:
            return span is not None and span.start < end and span.end > start

        if any(map(on_row, marks.highlights.get(owner, ()))):
            text.stylize(self._style("article-view--highlight"))
        for match in filter(on_row, marks.matches.get(owner, ())):
            current = marks.current_match == (owner, match)
            text.stylize(self._style(f"article-view--{'current-' if current else ''}match"))
        if marks.spoken is not None and marks.spoken[0] == owner:
            text.stylize_before(self._style("article-view--spoken"))
            if on_row(marks.spoken[1]):
                text.stylize(self._style("article-view--sentence"))
        return text

    def _mark_matches(
        self, text: Text, owner: int, row_span: tuple[int, int, list[int] | None], marks: Marks
    ) -> None:
        for match in marks.matches.get(owner, ()):
            current = marks.current_match == (owner, match)
            style = "article-view--current-match" if current else "article-view--match"
            mark_span(text, match, row_span, self._style(style))


def justify_line(line: str, width: int) -> tuple[str, list[int] | None]:
    """`line` with its spaces widened to fill `width` cells, and where each of its
    characters (and its end) moved to. Widening here, before styling, keeps a highlight
    continuous across the widened spaces."""
    gaps = [index for index, character in enumerate(line) if character == " "]
    extra = width - cell_len(line)
    if not gaps or extra <= 0:
        return line, None
    each, more = divmod(extra, len(gaps))
    widen = dict.fromkeys(gaps, each)
    for gap in gaps[len(gaps) - more :]:  # the last gaps take the remainder, as Rich does
        widen[gap] += 1
    moved, parts, shift = [], [], 0
    for index, character in enumerate(line):
        moved.append(index + shift)
        parts.append(character + " " * widen.get(index, 0))
        shift += widen.get(index, 0)
    moved.append(len(line) + shift)
    return "".join(parts), moved


def mark_span(
    text: Text, span: Span | None, row: tuple[int, int, list[int] | None], style: Style
) -> None:
    """Style the part of `span` (block offsets) on this row: `row` is its start and end in
    the block and, for a justified row, where its characters moved."""
    start, end, moved = row
    if span is not None and span.start < end and span.end > start:
        first, last = max(0, span.start - start), min(end, span.end) - start
        if moved is not None:
            first, last = moved[first], moved[last]
        text.stylize(style, first, last)
