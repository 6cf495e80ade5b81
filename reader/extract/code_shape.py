"""Code samples in a text dump of a page, by their shape.

w3m and lynx draw a page's `<pre>` as its lines, indentation kept, with no mark around
them (lynx even sets them against its prose margin, with no blank line above). Read as
prose, such a sample is reflowed into the paragraph before it, or split into one
"paragraph" a line. So each line is judged by its shape:

- code: a brace, a call `name(`, a shell variable (`$dir`), an assignment or comparison
  between spaces, a line that sets a key (`port=8080`), a tag, a prompt (">>> "; a shell's
  "$ " and a command, however many words: `prompts`), a shebang, or a line dense with the
  symbols code is made of (`=;<>{}()` and the like, at least one of `=;{}\\`` among them);
- prose: a line of several words, many of them stopwords, and few symbols; prose ends a
  sample, and never starts one, whatever symbols it holds;
- neither (`return 0`, `[scheduler]`, a comment): part of a sample when it stands inside one,
  or at its edge at the sample's own indentation; a heading or a line ending in ":" (an
  introduction: "Run this:") is not.

A sample is a run of such lines, blank lines inside it kept when code follows them, with at
least two code lines, making at least `_CODE_SHARE` of its lines, or a shell session:
commands at a prompt (one is enough) and what they printed. A sample whose lines all
stand at one indentation needs more (`_FLAT_CODE_SHARE`), and is no sample when it is text
the renderer wrapped (lines as long as the longest: markup or a URL a page let through,
which `<pre>` never is) or holds a page's leaked markup or tracking URLs. Its text is its
lines with the indentation they share taken off; the rest stays as it was. A poem or an
indented quote has no code lines: it stays prose (a quote: `indented`). List items
(bulleted or numbered, such as a dump's numbered list of addresses) are never code, and
bracketed labels (an image's file name, a form field, a link number) are no symbols.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from reader.extract import prompts, shapes

_SIGNAL = re.compile(
    r"[{}]|[A-Za-z_]\w*\(|\$[A-Za-z_{(]|\S\s(?:=|==|!=|===|=>|->|<=|>=|:=|\+=|-=|\*=|\|\||&&)\s"
    r"|\);$|^(?:</?[A-Za-z!][\w:-]*(?:[\s>]|/>|$)|\$ [a-z./~]|>>> |#!/|/\*|//|[\w.-]+ ?= ?\S)"
    r"|\S\s?[\[(]$|^[\])]+[,;]?$"
    r"|^(?:SELECT|FROM|WHERE|GROUP BY|ORDER BY|HAVING|(?:LEFT |INNER )?JOIN|UNION|VALUES"
    r"|INSERT INTO|DELETE FROM|CREATE TABLE)(?:$| (?![A-Z]{2}))"
)
"""What marks a line as code on its own (a list or a group opened at its end, "items: [",
"WITH totals AS (", or closed on a line of its own, "),": a nested structure's lines; a
query's clause in capitals, "FROM sales", not a heading's "FROM THE ARCHIVE")."""
_COMMENT = re.compile(r"^(?:#(?!!/)|//|/\*|\*(?!\s)|--\s|;)")
"""A comment line (neither code nor prose: comments are sentences inside code)."""
_SECTION = re.compile(r"\[[\w. -]+\]")
"""A config file's section ("[Timer]"), at a sample's edge like code."""
_BULLET = re.compile(r"^(?:[-*+•◦▪·]|\d{1,5}[.)])\s")
_HARD = frozenset("=;{}\\`")
"""Symbols prose hardly ever has; a line dense with symbols needs one of these to be code."""
_DENSE = frozenset('=;<>{}\\`()[]"#*|/&+%$@^~:')
"""The symbols whose share in a line makes it code ..."""
_DENSE_SHARE = 0.1
"""... at least this share of its visible characters."""
_PROSE_WORDS = 5
"""A line of at least this many words ..."""
_PROSE_STOPWORDS = 0.25
"""... this share of them stopwords ..."""
_PROSE_SYMBOLS = 0.08
"""... and under this share of symbols is prose."""
_CODE_SHARE = 0.4
"""A sample: at least this share of its lines are code ..."""
_MIN_LINES = 2
"""... and it has at least this many lines (`_MIN_CODE_LINES` of them code)."""
_BLANK_RUN = 2
"""A sample goes on across at most this many blank lines (code follows them)."""
_LABEL = re.compile(r"(?:^|(?<=\s))\[[^\[\]]*\]|\[\d{1,5}\](?=\S)")
"""A bracketed label a renderer writes ("[logo.png?q=20]", "[Go]", lynx's "[12]Home"), not
an index (`a[2]`): no symbols of the line."""
_FLAT_CODE_SHARE = 0.6
"""A sample at one indentation: at least this share of its lines are code, and no leaked
markup (`_LEAKED`)."""
_WRAPPED_SHARE = 0.85
"""A sample is text the renderer wrapped when its lines but the last are this share of the
longest ..."""
_WRAPPED_LINES = 0.6
"""... this share of them ..."""
_WRAPPED_CHARS = 60
"""... and that is at least this long."""
_LEAKED = re.compile(r"</?(?:div|span|img|a|iframe|p|br)\b|https?://\S{30,}", re.I)
"""A page's markup or tracking URL let through into its text (`shapes.is_junk`) ..."""
_RENDERED = re.compile(r"&amp;|(?:%[0-9A-Fa-f]{2}){3}|\[MATH:|:MATH\]|^\s*IFRAME:")
"""... and what a renderer makes of markup, never in a sample: an escaped entity, an encoded
URL, lynx's "[MATH: ... :MATH]" for a formula, a frame's "IFRAME: ..."."""
_MIN_CODE_LINES = 2
_SEED_CHARS = re.compile(r"[{}=\\`;$<(\[>|&#/-]")
"""A sample starts at a line with one of these characters where code has it (see
`seeds`): `_shape` need not look at the other lines, and a text without any has no sample
(a book is read in one scan, without a look at each line)."""
_ANYWHERE = frozenset("{}=\\`")
_PAIRS = {"-": "->", "|": "||", "&": "&&", "#": "#!/", ">": ">>> "}
_DO = re.compile(r";\s*do\b")

_CODE, _PROSE, _OTHER, _BLANK = range(4)


@dataclass(frozen=True, slots=True)
class Sample:
    start: int
    end: int
    """Lines [start, end) of the text."""
    text: str


def seeds(text: str) -> list[int]:
    """Where in `text` a line may be code: a brace, `=`, a backslash or a backtick; a
    semicolon not ending a clause (`a;b`, `; do`); a variable (`$dir`), a tag's `<`, a
    call's `(` after a name; an arrow, `||`, `&&`, a shebang, a comment, a prompt. A
    semicolon or a parenthesis in prose is no seed, so scanning a book stays cheap."""
    found: list[int] = []
    for match in _SEED_CHARS.finditer(text):
        at = match.start()
        char, after = text[at], text[at + 1 : at + 2]
        if (
            char in _ANYWHERE
            or (char in _PAIRS and text.startswith(_PAIRS[char], at))
            or (char == "/" and after in ("*", "/"))
            or (char == ";" and ((after and not after.isspace()) or _DO.match(text, at)))
            or (char == "$" and after and (after.isalpha() or after in "_{( "))
            or (char == "<" and after and (after.isalpha() or after in "!/"))
            or (char == "(" and at and (text[at - 1].isalnum() or text[at - 1] == "_"))
            or (char in "([" and after in ("\n", ""))  # (a group opened at a line's end)
        ):
            found.append(at)
    return found


def samples(
    lines: list[str], offsets: list[int], taken: list[tuple[int, int]] | None = None
) -> list[Sample]:
    """The code samples among `lines` (the lines of a text whose `seeds` are `offsets`),
    none inside a range of `taken` (lines [start, end))."""
    skip = [False] * len(lines)
    for start, end in taken or ():
        skip[start:end] = [True] * (end - start)
    shape = _Shapes(lines)
    found: list[Sample] = []
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    seeded = sorted({bisect.bisect_right(starts, offset) - 1 for offset in offsets})
    looked = 0  # lines before this one were judged (a run that is no sample included)
    for index in seeded:
        if index < looked or skip[index] or shape[index] != _CODE:
            continue
        start = _back(lines, shape, skip, index, looked)
        looked = _forward(lines, shape, skip, index)
        if _is_sample(lines, shape, start, looked):
            found.append(Sample(start, looked, _dedented(lines[start:looked])))
    return found


class _Shapes:
    """Each line's shape, judged when first asked for (most lines of a text never are)."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._known: dict[int, int] = {}

    def __getitem__(self, index: int) -> int:
        found = self._known.get(index)
        if found is None:
            line = self._lines[index]
            found = self._known[index] = _shape(line) if line.strip() else _BLANK
        return found


def _is_sample(lines: list[str], shape: _Shapes, start: int, end: int) -> bool:
    body = [i for i in range(start, end) if shape[i] != _BLANK]
    if any(_RENDERED.search(lines[i]) for i in body):
        return False
    if any(prompts.is_prompt(lines[i].strip()) for i in body):
        return True  # a command at a prompt, and what it printed: a sample, if of one line
    code = sum(shape[i] == _CODE for i in body)
    judged = sum(shape[i] != _PROSE for i in body)  # (a line set in under code is the code's)
    if len(body) < _MIN_LINES or code < max(_MIN_CODE_LINES, _CODE_SHARE * judged):
        return False
    sizes = [len(lines[i].strip()) for i in body]
    longest = max(sizes)
    full = sum(size >= _WRAPPED_SHARE * longest for size in sizes[:-1])
    if longest >= _WRAPPED_CHARS and full >= _WRAPPED_LINES * (len(sizes) - 1):
        return False  # text the renderer wrapped
    if len({_indent(lines[i]) for i in body}) > 1:
        return True
    return code >= _FLAT_CODE_SHARE * len(body) and not any(_LEAKED.search(lines[i]) for i in body)


def _shape(line: str) -> int:
    text = line.strip()
    if _BULLET.match(text):
        return _OTHER
    if "[" in text:
        text = _LABEL.sub("", text).strip()
    if not text:
        return _OTHER
    if _COMMENT.match(text):
        return _OTHER
    if prompts.is_prompt(text):
        return _CODE  # a command, however many words it has
    visible = len(text) - text.count(" ")
    dense = sum(char in _DENSE for char in text)
    if _prose(text, dense / max(1, visible)):
        return _PROSE
    if _SIGNAL.search(text):
        return _CODE
    if dense >= _DENSE_SHARE * visible and any(char in _HARD for char in text):
        return _CODE
    return _OTHER


def _prose(text: str, symbols: float) -> bool:
    tokens = shapes.words(text)
    return (
        len(tokens) >= _PROSE_WORDS
        and symbols < _PROSE_SYMBOLS
        and shapes.stopword_density(text) >= _PROSE_STOPWORDS
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _edge(line: str, indent: int) -> bool:
    """A line that is neither code nor prose belongs at a sample's edge when it stands at
    the sample's indentation and is not a heading or an introduction (a comment or a config
    file's "[section]" is neither)."""
    text = line.strip()
    return _indent(line) == indent and (
        _COMMENT.match(text) is not None
        or _SECTION.fullmatch(text) is not None
        or not (text.endswith(":") or shapes.is_heading_like(text))
    )


def _back(lines: list[str], shape: _Shapes, skip: list[bool], index: int, low: int) -> int:
    """Where the sample holding the code line `index` starts: the lines right above it that
    are neither code nor prose, at its indentation; and across a few blank lines, a few such
    lines in a row none of which ends a sentence (the imports above a function, not the end
    of the paragraph before, nor a lone "and add")."""
    indent = _indent(lines[index])

    def joins(line: int, *, across: bool) -> bool:
        return (
            line >= low
            and not skip[line]
            and shape[line] == _OTHER
            and _edge(lines[line], indent)
            and not (across and shapes.ends_sentence(lines[line]))
        )

    start = index
    while joins(start - 1, across=False):
        start -= 1
    while True:
        above = start - 1
        while above >= low and shape[above] == _BLANK and start - above <= _BLANK_RUN:
            above -= 1
        top = above + 1
        while above < start - 1 and joins(top - 1, across=True):
            top -= 1
        if above + 1 - top < _MIN_LINES:
            return start
        start = top


def _forward(lines: list[str], shape: _Shapes, skip: list[bool], index: int) -> int:
    """Where the sample holding the code line `index` ends: on across code and other lines,
    and across a few blank lines when code follows; trailing lines that are not code must
    stand at the sample's indentation or deeper."""
    base = _indent(lines[index])
    end = index + 1  # lines [index, end) are in the sample; `end` is the next to look at
    last_code = index
    printed = prompts.is_prompt(lines[index].strip())  # the lines under a command, its output
    while end < len(lines) and not skip[end]:
        kind = shape[end]
        if kind == _CODE or (printed and kind != _BLANK and prompts.is_output(lines[end], base)):
            base = min(base, _indent(lines[end])) if kind == _CODE else base
            last_code = end
            printed = printed or prompts.is_prompt(lines[end].strip())
        elif kind == _BLANK:
            printed = False  # (a command's output ends at a blank line)
            after = end
            while after < len(lines) and shape[after] == _BLANK:
                after += 1
            if after - end > _BLANK_RUN or after >= len(lines) or shape[after] != _CODE:
                break
        elif kind == _PROSE and not (shape[end - 1] != _BLANK and _indent(lines[end]) > base):
            break  # (a line set in under the sample's own is its: "  total AND 1 AS limit")
        else:
            printed = False  # (a sentence under a command ends what it printed)
        end += 1
    tail = last_code + 1
    while (
        tail < end
        and shape[tail] == _OTHER
        and prompts.is_output(lines[tail], base)  # (at its indentation, and no sentence)
        and not lines[tail].rstrip().endswith(":")
    ):
        tail += 1
    return tail


def _dedented(lines: list[str]) -> str:
    """The lines without the indentation they all share, tabs as eight columns."""
    expanded = [line.expandtabs(8).rstrip() for line in lines]
    margin = min(_indent(line) for line in expanded if line)
    return "\n".join(line[margin:] for line in expanded).strip("\n")
