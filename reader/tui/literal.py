"""The one way outside text reaches a widget: as literal `Text`, never as markup.

Headings, titles, file names, URLs, voice names and settings values can hold "[/b]" or
"[@click=...]" (which Textual would parse, or crash on) and escape or bidi control
characters (which a terminal would obey). `literal()` makes any of them plain, safe text.
"""

from __future__ import annotations

from rich.text import Text

from reader.safe_text import sanitize_line


def literal(text: str, style: str = "", *, indent: int = 0) -> Text:
    """`text` as one line of plain text (after `indent` spaces): markup shown as typed,
    controls removed, runs of white space made one."""
    return Text(" " * indent + sanitize_line(text), style=style)


def notice(text: str) -> str:
    """`text` fit for `notify(..., markup=False)`, which takes a string: one line, the
    controls removed."""
    return sanitize_line(text)
