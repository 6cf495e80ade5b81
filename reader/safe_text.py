"""Text safe to show: no terminal escape sequences, no control characters, no bidi overrides.

The one way text from outside (a page, a file name, a URL, the library, the settings) is
made fit for a terminal or a widget: extraction cleans articles with it, and every front
end passes what it prints or shows through `sanitize_line` (the TUI through
`reader.tui.literal`, which also keeps Rich/Textual markup literal).

A page or a scrape can carry bytes that a terminal would obey (ESC `[2J` clears the screen,
an OSC sequence sets the window title or writes a hyperlink, BEL rings, C1 codes such as
U+009B act as CSI on some terminals). Everything shown or spoken passes through
`sanitize()`; Rich markup such as `[bold]` is ordinary text here and is kept literally
(the view must render it with markup off).
"""

from __future__ import annotations

import re

# 7-bit OSC / DCS / SOS / PM / APC strings run to BEL or ST (ESC \\), at most to the line's
# end (a stray ESC must not eat the article); CSI runs to its final byte; any other ESC takes
# what follows it. 8-bit C1 codes (U+0080-U+009F) are removed one by one with the controls.
ESCAPES = re.compile(
    r"""
    \x1b[\]PX^_] [^\n]*? (?:\x07|\x1b\\|(?=\n)|$)   # string commands
    | \x1b\[ [0-?]* [ -/]* [@-~]?                    # CSI
    | \x1b [ -/]* [0-~]?                             # two/three-char ESC
    """,
    re.VERBOSE,
)
# C0 controls except tab and newline, DEL, C1 controls; lone surrogates and BOMs; the bidi
# embedding, override and isolate controls, which can show text in another order than it is.
CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)
LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_LINE_BREAK_CHARS = ("\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c")


def sanitize(text: str) -> str:
    """Text with escape sequences and control characters removed, line breaks as `\\n`."""
    # `LINE_BREAKS` done by str.replace, and ESCAPES only where there is an ESC: a regex
    # pass over a whole page costs a millisecond or two.
    text = text.replace("\r\n", "\n")
    for char in _LINE_BREAK_CHARS:
        if char in text:
            text = text.replace(char, "\n")
    if "\x1b" in text:
        text = ESCAPES.sub("", text)
    return CONTROLS.sub("", text)


def sanitize_line(text: str) -> str:
    """One display line: sanitized, inner whitespace runs collapsed, ends stripped."""
    return " ".join(sanitize(text).split())
