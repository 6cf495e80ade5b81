"""A table row as one line that reads aloud: "Name: Finland; Score: 7.8".

A row is paired with its table's header row (the first row made only of header cells)
when they have as many cells; a row that starts with its own header cell (an infobox's
"Location | South Karelia") reads "Location: South Karelia". Other rows list their cells.
The header row itself is not a line of its own: each row says it.
"""

from __future__ import annotations

from typing import Any

from reader.safe_text import sanitize_line

_CELLS = ("td", "th")


def table_row(row: Any) -> str:
    """The row's text, "" when it has none or is its table's header row."""
    cells = [cell for cell in row if cell.tag in _CELLS]
    texts = [sanitize_line(cell.text_content()) for cell in cells]
    if not any(texts):
        return ""
    headers = _headers(row)
    if headers is not None and _is_header_row(cells):
        return "" if headers == texts else ", ".join(text for text in texts if text)
    if headers is not None and len(headers) == len(texts):
        pairs = [(name, text) for name, text in zip(headers, texts, strict=True) if text]
        return "; ".join(f"{name}: {text}" if name else text for name, text in pairs)
    if len(cells) >= 2 and cells[0].tag == "th" and texts[0]:
        return f"{texts[0]}: " + ", ".join(text for text in texts[1:] if text)
    return ", ".join(text for text in texts if text)


def _headers(row: Any) -> list[str] | None:
    """The cell texts of the header row of `row`'s table, if it has one."""
    table = next((a for a in row.iterancestors() if a.tag == "table"), None)
    if table is None:
        return None
    for candidate in table.iter("tr"):
        if next((a for a in candidate.iterancestors() if a.tag == "table"), None) is not table:
            continue  # a row of a table nested inside this one
        cells = [cell for cell in candidate if cell.tag in _CELLS]
        if cells and _is_header_row(cells):
            return [sanitize_line(cell.text_content()) for cell in cells]
        return None
    return None


def _is_header_row(cells: list[Any]) -> bool:
    return len(cells) >= 2 and all(cell.tag == "th" for cell in cells)
