"""The byline a page marks up as one (`class="byline"`, `rel="author"`), out of the body.

Publishing systems mark the author line with a name the whole web uses: a class or id of
"byline", "author", "dateline", "writtenby" or "p-author" (microformats), `rel="author"` or
`itemprop="author"`. That line is the article's byline, shown apart (`Article.byline`);
left in the body it would be read aloud as the article's first paragraph. Readability.js
takes the first such line of a short text out of the article for this reason; this module
takes the ones above the article's first paragraph of prose (a byline and a dateline), or
else the first, and a later one that says the same again. A line of that kind inside a quote,
a figure or a table (a quote's author, a photographer) is theirs, and stays. So does an
element that is only part of its block ("<span class=dateline>CAIRO —</span> Gunmen ...").
"""

from __future__ import annotations

import re
from typing import Any

from reader.extract import shapes
from reader.extract.htmlmeta import Metadata
from reader.safe_text import sanitize_line

MAX_CHARS = 100
"""A byline is shorter than this (Readability.js's bound): a longer text is an author's
biography or a paragraph that names its author."""

_NAMES = re.compile(r"byline|author|dateline|writtenby|p-author", re.IGNORECASE)
_BLOCKS = frozenset(("p", "div", "header", "section", "address", "li", "dd", "dt", "h5", "h6"))
_BLOCK_PARENTS = frozenset(("p", "li", "dd", "dt", "h5", "h6"))
_NOT_HERE = frozenset(("blockquote", "q", "figure", "figcaption", "table", "pre", "code"))
_NAME_WORDS = 6
"""A marked byline without "By" is the name itself when it is at most this many words."""


def take_byline(content: Any, meta: Metadata) -> None:
    """Removes the marked-up byline lines from `content`, in place: those above the first
    paragraph of prose, or else the first one, and any that says one of them again. The
    first gives the article its byline (or date) when the page's metadata had none."""
    named: list[tuple[Any, bool]] = []  # each with whether prose came before it
    prose = False
    for element in content.iter():
        if not isinstance(element.tag, str):
            continue
        if not prose and element.tag == "p" and _is_prose(element):
            prose = True
        if _is_named(element):
            named.append((element, prose))
    taken: dict[str, str] = {}
    dropped: set[int] = set()
    for element, after_prose in named:
        if any(id(up) in dropped or up.tag in _NOT_HERE for up in element.iterancestors()):
            continue
        text = sanitize_line(element.text_content())
        if not 0 < len(text) < MAX_CHARS or not _whole_block(element):
            continue
        key = shapes.normal(text)
        if after_prose and taken and key not in taken:
            continue
        taken.setdefault(key, text)
        dropped.add(id(element))
        element.drop_tree()
    for line in taken.values():
        _note(line, meta)


def _note(line: str, meta: Metadata) -> None:
    """The byline or the date a removed line says, where the page's metadata had none."""
    if shapes.is_date(line):
        meta.published = meta.published or shapes.clean_date(line)
        return
    name, date = shapes.byline_and_date(line)
    if name is None and len(shapes.words(line)) <= _NAME_WORDS:
        name = line
    meta.byline = meta.byline or name
    if date:
        meta.published = meta.published or shapes.clean_date(date)


def _is_prose(paragraph: Any) -> bool:
    text = sanitize_line(paragraph.text_content())
    return shapes.classify(text, use_stopwords=False) is shapes.Kind.GOOD


def _is_named(element: Any) -> bool:
    if element.get("rel") == "author" or "author" in (element.get("itemprop") or ""):
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return len(names) > 1 and bool(_NAMES.search(names))


def _whole_block(element: Any) -> bool:
    """The element is a block, or all the text of the block it sits in."""
    if element.tag in _BLOCKS:
        return True
    block = element.getparent()
    while block is not None and block.tag not in _BLOCK_PARENTS and block.tag not in _BLOCKS:
        block = block.getparent()
    if block is None:
        return False
    return shapes.normal(block.text_content()) == shapes.normal(element.text_content())
