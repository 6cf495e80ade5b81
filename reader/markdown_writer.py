"""Article -> Markdown (CommonMark, with GitHub's pipe tables): `reader extract -f markdown`.

The article's text is from outside, so it is written as text: every character that
Markdown would read as syntax is escaped, and only the markers this module writes make
structure. A page cannot make a link, an image, raw HTML, an entity, a heading, a list, a
quote, a table row, a code block or a thematic break out of its own words, nor end the
structure it is in (a link's text, a table cell, a heading). Escaped characters show as
they were: a renderer gives back the text, and the raw file reads nearly as plain text
(only where a character would have been syntax does a backslash stand before it).
"""

from __future__ import annotations

import re

from reader.model import Article, Block, BlockKind, Inline, InlineStyle

_ALWAYS = re.compile(r"[\\`*_\[\]<>|~]|&(?=#?\w+;)")
"""Syntax wherever it stands: escapes, code, emphasis, links and images, HTML and
autolinks, table cells, strikethrough, entity references."""
_LINE_START = re.compile(r"^(\d{0,9})([#+=.)-])")
"""Syntax at the start of a line: a heading's #, a list's bullet, a setext underline;
after a number, the "." or ")" that would start a numbered list."""
_CLOSING_HASHES = re.compile(r"(\s)(#+)$")
"""A heading's closing sequence, which a renderer would drop."""
_MARKERS = {
    InlineStyle.EMPHASIS: ("*", "*"),
    InlineStyle.STRONG: ("**", "**"),
}
_UNSAFE_IN_DESTINATION = str.maketrans(
    {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "\\": "%5C"}
)


def article_markdown(article: Article) -> str:
    lines = [f"# {heading_text(article.title)}"] if article.title.strip() else []
    if article.metadata_line:
        lines.append(f"*{one_line(article.metadata_line)}*")
    lines.extend(_block(block) for block in article.blocks)
    return "\n\n".join(lines) + "\n"


def one_line(text: str) -> str:
    """`text` as Markdown text on one line (a heading's, a cell's): what it says, shown
    as it is."""
    return escape(" ".join(text.split()), line_start=True)


def heading_text(text: str) -> str:
    return _CLOSING_HASHES.sub(r"\1\\\2", one_line(text))


def escape(text: str, *, line_start: bool) -> str:
    """`text` with its Markdown syntax escaped; `line_start`: it begins a line."""
    text = _ALWAYS.sub(r"\\\g<0>", text)
    if not line_start or not (found := _LINE_START.match(text)):
        return text
    number, mark = found.groups()
    if (mark in ".)") != bool(number):
        return text  # "3-4 weeks", "2020 # note", ".5 of it": no syntax
    return f"{number}\\{mark}{text[found.end() :]}"


def _block(block: Block) -> str:
    match block.kind:
        case BlockKind.HEADING:
            return "#" * max(2, min(block.level or 2, 6)) + " " + heading_text(block.text)
        case BlockKind.CODE:
            fence = _fence(block.text)
            return f"{fence}\n{block.text}\n{fence}"
        case BlockKind.TABLE if block.rows:
            return _table(block)
    if block.is_numbered:  # "12. ": the number stays a list's, what follows is text
        number = block.text.index(" ") + 1
        return block.text[:number] + _inline(block, number)
    text = _inline(block)
    match block.kind:
        case BlockKind.QUOTE:
            return "\n".join("> " + line for line in text.splitlines())
        case BlockKind.LIST_ITEM:
            return "- " + text
        case BlockKind.CAPTION:
            return f"*{text}*"
        case _:
            return text


def _inline(block: Block, start: int = 0) -> str:
    """The block's text from `start` with its inline spans written as Markdown markers and
    the rest escaped; a line break stays one (blank lines and indents, which would end the
    block or make code of it, go)."""
    text = block.text
    spans = _nested(block.inline, start)
    opens: dict[int, list[Inline]] = {}
    closes: dict[int, list[str]] = {}
    for span in spans:
        opens.setdefault(span.start, []).append(span)
        closes.setdefault(span.end, []).insert(0, _close(span))
    pieces: list[str] = []
    at = start
    for index in sorted({*opens, *closes, len(text)}):
        if index < at:
            continue  # inside a code span, written whole
        pieces.append(_text(text, at, index, line_start=at == start))
        pieces.extend(closes.get(index, ()))
        at = index
        for span in opens.get(index, ()):
            if span.style is InlineStyle.CODE:
                pieces.append(_code_span(text[span.start : span.end]))
                at = span.end
            else:
                pieces.append("[" if span.style is InlineStyle.LINK else _MARKERS[span.style][0])
    return "".join(pieces)


def _nested(spans: tuple[Inline, ...], start: int) -> list[Inline]:
    """The spans from `start` on that nest, outermost first; none inside a code span (its
    text is literal) and none crossing another's end (its markers would not pair)."""
    kept: list[Inline] = []
    around: list[Inline] = []  # the kept spans open at this one's start, innermost last
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < start or span.end <= span.start:
            continue
        while around and around[-1].end <= span.start:
            around.pop()
        if around and (around[-1].style is InlineStyle.CODE or span.end > around[-1].end):
            continue
        kept.append(span)
        around.append(span)
    return kept


def _close(span: Inline) -> str:
    if span.style is InlineStyle.LINK:
        return f"]({(span.href or '').translate(_UNSAFE_IN_DESTINATION)})"
    return "" if span.style is InlineStyle.CODE else _MARKERS[span.style][1]


def _text(text: str, start: int, end: int, *, line_start: bool) -> str:
    """Escaped text between markers, its lines cleaned of what would end the block."""
    lines = text[start:end].split("\n")
    out: list[str] = []
    for index, raw in enumerate(lines):
        begins = index > 0 or line_start or text[start - 1] == "\n"
        line = raw.lstrip() if begins else raw  # four spaces would make it code
        if index < len(lines) - 1:
            line = line.rstrip()  # two trailing spaces would be a hard break
        if index > 0 and not line and index < len(lines) - 1:
            continue  # a blank line would end the paragraph
        out.append(escape(line, line_start=begins))
    return "\n".join(out)


def _code_span(code: str) -> str:
    """Inline code: a run of backticks longer than any inside it (escapes do not work in
    code), padded when it begins or ends with one."""
    code = " ".join(code.split("\n"))
    runs = [len(run) for run in re.findall(r"`+", code)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def _fence(code: str) -> str:
    """A fence that no line of `code` closes: ``` or ~~~, else more backticks than any of
    its lines starts with."""
    starts = [line.lstrip() for line in code.split("\n")]
    for fence in ("```", "~~~"):
        if not any(line.startswith(fence) for line in starts):
            return fence
    return "`" * (max(len(line) - len(line.lstrip("`")) for line in starts) + 1)


def _table(block: Block) -> str:
    """A pipe table; one without a header row gets an empty one (Markdown needs it)."""
    rows = [[_cell(cell) for cell in row] for row in block.rows]
    head = rows.pop(0) if block.header else [""] * len(rows[0])
    lines = [head, ["---"] * len(head), *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def _cell(text: str) -> str:
    return escape(" ".join(text.split()), line_start=False)
