"""Block quotes in a text dump of a page, by their indentation.

w3m and lynx draw a `<blockquote>` as its lines set past the prose's margin (w3m by four
columns, lynx by two), between blank lines, with no mark; a letter or a verse quoted in a
plain text is set in the same way. Read as prose, such a quote is one more paragraph of
the text around it. So a paragraph (lines between blank lines) is a quote when:

- every line stands `_MIN_DEPTH` to `_MAX_DEPTH` columns past the text's margin, the
  indentation of most of its long lines (further in, a line is centred: a title, a notice);
- it reads as writing: a few words, ending a sentence (a verse's stanza may end a clause),
  and no line is a list item or holds the gaps of a table's columns;
- it is not a list item's later paragraph, which stands at its item's text column, under it.

A paragraph of one line must be a sentence of some length, or follow a quote at its
indentation (the quote's second paragraph). A plain text may set its quote right under the
line that introduces it ("... he wrote:"), with no blank line between: the quote's lines
are then cut from that paragraph (`Quotes.split`), not run into it. Code samples are taken
out before (`code_shape`), so a quote is what remains: prose. A text whose paragraphs open
with an indented line is set with indents, not quotes: there an indented line says nothing,
and none is a quote.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.extract import shapes

_MIN_DEPTH = 2
"""A quote stands at least this many columns past the margin ..."""
_MAX_DEPTH = 10
"""... and at most this many (a nested quote in w3m is 8 in)."""
_LONG_LINE = 45
"""The margin is the indentation of most lines at least this long: the prose's."""
_MIN_WORDS = 4
"""A quote has at least this many words ..."""
_LINE_WORDS = 10
"""... and a quote of one line this many, unless it follows a quote at its indentation."""
_INDENTED_OPENINGS = 0.25
"""A text with this share of its paragraphs of several lines opening with an indented
line sets its paragraphs with indents (at least `_MIN_OPENINGS` of them)."""
_MIN_OPENINGS = 2
_TERM_WORDS = 12
"""A definition list's term (the last line of the paragraph above a definition) has at most
this many words, and ends no clause."""
_BULLETS = "-*+•◦▪·□■●○◆►▸"
_ITEM = re.compile(rf"^([ \t]*(?:[{_BULLETS}]|\d{{1,5}}[.)]|[a-zA-Z][.)])(?:\s+|$))")
"""A list item's marker, and the column its text starts at (a lone bullet's: past it)."""
_LONG = re.compile(
    rf"^([ \t]*)(?![{_BULLETS}]\s|\d{{1,5}}[.)]\s)\S[^\n]{{{_LONG_LINE - 1},}}", re.M
)
"""A long line, not a list item's (a dump's numbered list of links stands at its own margin)."""
_OPENING = re.compile(r"(?:\A|\n[ \t]*\n)([ \t]*)(\S[^\n]*)\n([ \t]*)\S")
"""The first two lines of a paragraph of several: their indentations, and the first's text."""
_LINE_START = re.compile(r"^([ \t]*)\S", re.M)
_COLUMNS = re.compile(r"\S {3,}\S")
"""The gap between two cells of a table drawn in columns."""
_SENTENCE = re.compile(r"""[.!?…。！？]["'”’»)\]]*$""")
_CLAUSE = re.compile(r"""[.!?…。！？,;:—–-]["'”’»)\]]*$""")


def margin(text: str) -> int | None:
    """The prose's indentation in `text`, or None when no line can be told a quote by its
    indentation: the text has no lines, or opens its paragraphs indented."""
    counts = Counter(len(match.group(1)) for match in _LONG.finditer(text))
    several = openings = 0
    for match in _OPENING.finditer(text):
        several += 1
        first, opening, second = match.groups()
        openings += len(first) > len(second) and not _ITEM.match(opening)
    if openings >= max(_MIN_OPENINGS, _INDENTED_OPENINGS * several):
        return None
    if counts:
        return counts.most_common(1)[0][0]
    return min((len(match.group(1)) for match in _LINE_START.finditer(text)), default=None)


class Quotes:
    """Tells the quotes among a text's paragraphs, read in order (see `is_quote`)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._margin: int | None = -1  # (not looked for yet: most texts never need it)
        self.item_column: int | None = None
        """The text column of the list item above: its later paragraphs stand there, or
        further in (a definition or a proof under the item)."""
        self.quote_indent: int | None = None
        """The indentation of the paragraph above, when it was a quote."""
        self.term_above = False
        """The paragraph above ends in a term at the margin (a definition list's
        "Monitoring"; a heading too): the paragraph set in under it is its definition."""
        self._above: list[str] | None = None
        """The paragraph above, at the margin, not yet followed (see `_follow`)."""
        self._set_in: re.Pattern[str] | None = None
        """A line set in as a quote's, after another (once the margin is known)."""

    def is_quote(self, lines: list[str]) -> bool:
        """Whether the paragraph of `lines` (as written, none blank) is a block quote."""
        first = _indent(lines[0]) if lines[0][:1] in " \t" else 0
        if first < _MIN_DEPTH or first < self._least_depth():  # at the margin (most of them:
            self._above = lines  # what they say about the next is looked at when it matters)
            return False
        if self._margin is None:
            return False  # (a text set with indents: no quotes)
        if self._above is not None:
            self._follow(self._above, at_margin=True, found=False)
            self._above = None
        indents = [_indent(line) for line in lines]
        least = min(indents)
        at_margin = least < self._margin + _MIN_DEPTH
        found = (
            not at_margin
            and max(indents) <= self._margin + _MAX_DEPTH
            and not any(_ITEM.match(line) for line in lines)
            and not self.term_above
            and (self.item_column is None or least < self.item_column)
            and self._reads_as_quote(lines, least)
        )
        self._follow(lines, at_margin=at_margin, found=found)
        return found

    def _least_depth(self) -> int:
        """The indentation a quote's lines have at least (the margin found when first asked)."""
        if self._margin == -1:
            self._margin = margin(self._text)
            self._set_in = None
            if self._margin is not None:
                low, high = self._margin + _MIN_DEPTH, self._margin + _MAX_DEPTH
                self._set_in = re.compile(rf"\n[ \t]{{{low},{high}}}\S")
        return _MIN_DEPTH if self._margin is None else self._margin + _MIN_DEPTH

    def split(self, lines: list[str]) -> list[list[str]]:
        """The paragraph of `lines` (a line after the first set in) cut before and after a
        quote set in right under the line that introduces it ("... he wrote:"), with no
        blank line between: a plain text's way."""
        if len(lines) < 2:
            return [lines]
        self._least_depth()
        if self._margin is None or self._set_in is None:
            return [lines]
        if not self._set_in.search("\n".join(lines)):
            return [lines]  # (no line set in: most paragraphs of a dump at its margin)
        deep = [
            self._margin + _MIN_DEPTH <= _indent(line) <= self._margin + _MAX_DEPTH
            for line in lines
        ]
        parts: list[list[str]] = []
        start = 0
        for at in range(1, len(lines)):
            if (
                deep[at]
                and _indent(lines[at - 1]) < self._margin + _MIN_DEPTH
                and _CLAUSE.search(lines[at - 1])
                and not any(_ITEM.match(line) for line in lines[start:at])  # (its lines run on)
            ):
                end = at
                while end < len(lines) and deep[end]:
                    end += 1
                run = lines[at:end]
                if not any(_ITEM.match(item) for item in run) and self._reads_as_quote(run, -1):
                    parts += [lines[start:at], run]
                    start = end
        return [part for part in [*parts, lines[start:]] if part]

    def _follow(self, lines: list[str], *, at_margin: bool, found: bool) -> None:
        """What the paragraph of `lines` says about the one after it."""
        items = [match.end(1) for line in lines if (match := _ITEM.match(line))]
        if items:  # (the outermost item's column: a nested list's paragraphs are its own too)
            self.item_column = min([*items, self.item_column or items[0]])
        elif at_margin:
            self.item_column = None
        self.quote_indent = min(_indent(line) for line in lines) if found else None
        self.term_above = at_margin and _is_term(lines[-1])

    def _reads_as_quote(self, lines: list[str], indent: int) -> bool:
        text = " ".join(line.strip() for line in lines)
        size = shapes.word_count(text)
        if size < _MIN_WORDS or any(
            _COLUMNS.search(line.strip()) or shapes.is_junk(line.strip()) for line in lines
        ):
            return False  # a table's row, or markup a renderer let through (a formula)
        if len(lines) == 1 and size < _LINE_WORDS and indent != self.quote_indent:
            return False
        ending = _SENTENCE if len(lines) == 1 else _CLAUSE
        return bool(ending.search(text)) and any(char.isalpha() for char in text)


def _indent(line: str) -> int:
    """Columns of spaces before the line's text (a Chinese paragraph's own indent of
    ideographic spaces is its text's, in every line of a dump but the first)."""
    return len(line) - len(line.lstrip(" \t"))


def _is_term(line: str) -> bool:
    text = line.strip()
    return shapes.word_count(text) <= _TERM_WORDS and not _CLAUSE.search(text)
