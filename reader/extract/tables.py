"""An HTML table as one block: its cells kept (shown as a table) and its rows as lines that
read aloud ("Name: Finland; Score: 7.8").

A data table is a table of at least two columns whose cells hold text, not layout (no
nested table, heading, list or several paragraphs; no cell longer than `MAX_CELL_CHARS`
unless a header row names the columns). Its header row is the first row when
it sits in `<thead>` or is made only of header cells; each other row is paired with it. A
row that starts with its own header cell (an infobox's "Location | South Karelia") reads
"Location: South Karelia"; other rows list their cells. The header row itself is not a line
of its own: each row says it. A cell spanning columns is followed by empty cells, so every
row is as long as the widest.

Tables that are not data tables are walked as containers (`reader.extract.html`), a row of
inline cells becoming one line (`table_row`).
"""

from __future__ import annotations

from typing import Any

from reader.model import Block, BlockKind
from reader.safe_text import sanitize_line

_CELLS = ("td", "th")
_SECTIONS = ("thead", "tbody", "tfoot")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LAYOUT = frozenset(
    {"table", "ul", "ol", "dl", "blockquote", "pre", "figure", "form"}
    | {"section", "article", "nav", "aside", "header", "footer"}
    | _HEADINGS
)
"""Elements that make a cell part of a page's layout rather than of a table of data."""
MAX_SPAN = 20
"""A `colspan` wider than this counts as this (a page's 1000 would make empty columns)."""
MAX_CELL_CHARS = 400
"""A cell longer than this is a page's column, not a datum, unless the table has a header
row: a layout table has none, while a list of films or of events names its columns and
may describe each row in a few sentences."""


class _Row:
    __slots__ = ("cells", "header", "heads", "label")

    def __init__(self, cells: list[str], heads: list[bool], header: bool) -> None:
        self.cells, self.heads, self.header = cells, heads, header
        self.label = False
        """The row is one cell across the table (a group's name): read as it is."""


def table_block(table: Any) -> Block | None:
    """The data table `table` as a `BlockKind.TABLE` block (None: not a data table, or
    nothing in it)."""
    rows: list[_Row] = []
    long = False
    for element, in_head in _own_rows(table):
        cells = [cell for cell in element if cell.tag in _CELLS]
        if any(not _is_datum(cell) for cell in cells):
            return None
        long = long or any(len(cell.text_content()) > MAX_CELL_CHARS for cell in cells)
        texts: list[str] = []
        heads: list[bool] = []
        for cell in cells:
            span = _span(cell)
            texts += [sanitize_line(cell.text_content())] + [""] * (span - 1)
            heads += [cell.tag == "th"] * span
        if any(texts):
            rows.append(_Row(texts, heads, in_head or _all_heads(heads)))
            rows[-1].label = len(cells) == 1 and len(texts) > 1  # one cell across the table
    width = max((len(row.cells) for row in rows), default=0)
    if width < 2:
        return None
    for row in rows:
        row.cells += [""] * (width - len(row.cells))
        row.heads += [False] * (width - len(row.heads))
    header = rows[0].cells if rows[0].header and len(rows) > 1 else None
    if long and header is None:
        return None
    body = rows[1:] if header is not None else rows
    body = [row for row in body if row.cells != header]  # a header row repeated further on
    lines = [line for row in body if (line := _line(row, header))]
    kept = [header] if header is not None else []
    return Block(
        BlockKind.TABLE,
        "\n".join(lines),
        rows=tuple(tuple(cells) for cells in [*kept, *(row.cells for row in body)]),
        header=header is not None,
    )


def cells_block(rows: list[list[str]], *, header: bool) -> Block | None:
    """A table given by its cells (a Markdown pipe table), read aloud as an HTML data table
    is: each row after the header row paired with its names. Short rows are filled with
    empty cells; a row longer than the header adds unnamed columns. None: fewer than two
    columns, or no text."""
    width = max((len(row) for row in rows), default=0)
    if width < 2 or not any(any(row) for row in rows):
        return None
    filled = [row + [""] * (width - len(row)) for row in rows]
    names = filled[0] if header and len(filled) > 1 else None
    body = filled[1:] if names is not None else filled
    plain = [False] * width
    lines = [line for cells in body if (line := _line(_Row(cells, plain, False), names))]
    return Block(
        BlockKind.TABLE,
        "\n".join(lines),
        rows=tuple(tuple(cells) for cells in filled),
        header=names is not None,
    )


def table_row(row: Any) -> str:
    """The text of a row of a table that is not a data table ("" when it has none, or is
    its table's header row)."""
    cells = [cell for cell in row if cell.tag in _CELLS]
    texts = [sanitize_line(cell.text_content()) for cell in cells]
    if not any(texts):
        return ""
    heads = [cell.tag == "th" for cell in cells]
    headers = _headers(row)
    is_header = headers is not None and _all_heads(heads)
    if is_header and headers == texts:
        return ""
    if headers is not None and len(headers) != len(texts):
        headers = None
    return _line(_Row(texts, heads, is_header), headers)


def _line(row: _Row, header: list[str] | None) -> str:
    """One row read aloud: paired with the header's names, or after its own header cell,
    or its cells listed."""
    texts = row.cells
    if header is not None and not row.header and not row.label:
        pairs = [(name, text) for name, text in zip(header, texts, strict=True) if text]
        return "; ".join(f"{name}: {text}" if name else text for name, text in pairs)
    if not row.header and len(texts) >= 2 and row.heads[0] and texts[0]:
        rest = ", ".join(text for text in texts[1:] if text)
        return f"{texts[0]}: {rest}" if rest else texts[0]
    return ", ".join(text for text in texts if text)


def _own_rows(table: Any) -> list[tuple[Any, bool]]:
    """The rows of `table` (not of a table inside it), each with whether it is in `<thead>`."""
    rows: list[tuple[Any, bool]] = []
    for child in table:
        if child.tag == "tr":
            rows.append((child, False))
        elif child.tag in _SECTIONS:
            rows.extend((row, child.tag == "thead") for row in child if row.tag == "tr")
    return rows


def _is_datum(cell: Any) -> bool:
    paragraphs = 0
    for element in cell.iterdescendants():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _LAYOUT:
            return False
        paragraphs += tag in ("p", "div")
    return paragraphs <= 1


def _span(cell: Any) -> int:
    try:
        return max(1, min(MAX_SPAN, int(cell.get("colspan") or 1)))
    except ValueError:
        return 1


def _headers(row: Any) -> list[str] | None:
    """The cell texts of the header row of `row`'s table, if it has one."""
    table = next((a for a in row.iterancestors() if a.tag == "table"), None)
    if table is None:
        return None
    for candidate in table.iter("tr"):
        if next((a for a in candidate.iterancestors() if a.tag == "table"), None) is not table:
            continue  # a row of a table nested inside this one
        cells = [cell for cell in candidate if cell.tag in _CELLS]
        if cells and _all_heads([cell.tag == "th" for cell in cells]):
            return [sanitize_line(cell.text_content()) for cell in cells]
        return None
    return None


def _all_heads(heads: list[bool]) -> bool:
    return len(heads) >= 2 and all(heads)
