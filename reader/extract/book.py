"""A book as plain text -> Article: chapter headings found, every paragraph kept.

A book has no page furniture to clean away, and the scrape cleaner's runs would cut a long
dialogue (many short lines) out of it, so a book skips the cleaner. Chapter headings are
whole lines: "CHAPTER I", "Chapter 12", "CHAPTER XII. THE RETURN", "Chapter One", "BOOK
TWO", "PART III" (numbered in digits, Roman numerals or words), optionally followed by a
title line; "BOOK", "PART" and "VOLUME" open level 1, the rest level 2. Front and back
matter ("PREFACE", "EPILOGUE") are level 2 too. A heading line followed straight by another
is a table of contents entry, not a heading. Text counts as a book when it comes from
Project Gutenberg (see `gutenberg`) or has at least `_MIN_CHAPTERS` chapter headings and no
page furniture; running prose with no furniture (a story without chapters, an article
pasted clean) is kept whole the same way. Gutenberg's _italics_ lose their underscores and
"[Illustration: ...]" lines become captions.
"""

from __future__ import annotations

import re

from reader.extract import shapes
from reader.extract.furniture import is_furniture_line
from reader.extract.gutenberg import Framed
from reader.extract.runs import is_cue
from reader.extract.sentences import with_sentences
from reader.extract.thresholds import FURNITURE_CHARS, LABEL_CHARS
from reader.extract.units import Unit, as_block
from reader.extract.vocabulary import SLASHED
from reader.model import Article, Block, BlockKind

_MIN_CHAPTERS = 3
"""Fewer numbered headings than this, and the text may be a web page with a "Part 1"."""
_MIN_PARAGRAPHS = 3
"""... each with at least this many paragraphs under it."""
_PROSE_SHARE = 0.85
"""Prose: this share of the paragraphs end a sentence (web pages: at most some 0.75)."""
_MIN_PROSE = 4
"""A text of fewer paragraphs is too short to call running prose."""
_FURNITURE_ALLOWED = 3
"""Furniture lines a book may have (a "Contents" cue, a "Subscribe" in the licence) ..."""
_FURNITURE_PER_UNITS = 500
"""... plus one per this many paragraphs."""
_HEADING_CHARS = 120
"""A chapter heading line is at most this long."""
_PROSE_CHARS = 80
"""A sentence this long is prose (a contents entry is shorter) ..."""
_PROSE_WORDS = 8
"""... as is one of this many words."""
_TITLE_CHARS = 100
"""A chapter's title line is at most this long ..."""
_LONG_WORD = 4
"""... and in title case: of its words this many letters long or more ..."""
_TITLE_CAPITALS = 0.7
"""... at least this share are capitalised."""
_FRONT_TITLE_WORDS = 15
"""A book's title on its first lines has at most this many words."""
_AUTHOR_WORDS = 8
"""The name in "by Mary Example" has at most this many words."""
_ROMAN = r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_WORDS = (
    rf"(?:{_UNITS}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    rf"|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:{_UNITS}))?)"
)
_ORDINALS = (
    r"(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
    r"|nineteenth|twentieth|last)"
)
_CHAPTER = re.compile(
    r"(?i:(?P<word>chapter|book|part|volume|letter|stave|canto))\s+"
    rf"(?P<number>\d{{1,4}}|(?=[IVXLCDM])(?:{_ROMAN})|(?=[ivxlcdm])(?i:{_ROMAN})"
    rf"|(?i:{_WORDS}|{_ORDINALS}))"
    r"(?:\s*[.:—–-]+\s*|\s+(?=\S)|\s*$)(?P<title>.*)",
)
_MATTER = re.compile(
    r"(?i:prologue|epilogue|preface|introduction|foreword|afterword|contents"
    r"|table of contents|appendix(?:\s+[A-Z0-9]{1,3})?|conclusion|postscript|prelude)\.?"
)
_LEVEL_ONE = frozenset({"book", "part", "volume"})
_TITLE_WORDS = 12
"""A chapter's title ("CHAPTER I. The Return") has at most this many words."""
_ILLUSTRATION = re.compile(r"\[Illustration(?::\s*(.*?))?\]", re.IGNORECASE | re.DOTALL)
_ITALIC = re.compile(r"(?<![\w*])_(?=\S)([^_\n]{1,200}?)(?<=\S)_(?![\w*])")
"""Gutenberg's plain-text italics: _word_."""
_CREDIT = re.compile(r"(?i:produced by|e-?text prepared by|this e-?book was produced by)\b")
_BY = re.compile(r"(?i:by)\s+(\S.{0,80})")
_PARTICLES = frozenset({"and", "de", "van", "von", "der", "den", "du", "la", "le", "of", "y", "da"})
_FRONT_LINES = 8
"""The title page is among this many lines at the top."""


def chapter_level(text: str) -> int:
    """1 or 2 when `text` is a chapter (or front or back matter) heading line, else 0."""
    if len(text) > _HEADING_CHARS:
        return 0
    if match := _CHAPTER.fullmatch(text.strip()):
        title = match.group("title")
        if title and not _is_title(title):
            return 0
        return 1 if match.group("word").casefold() in _LEVEL_ONE else 2
    return 2 if _MATTER.fullmatch(text.strip()) else 0


def is_book(units: list[Unit]) -> bool:
    """Enough numbered chapter headings with paragraphs under them (not a table of contents,
    not "Chapter 5" and "Chapter 7" links under a web page), and hardly any page furniture
    (a web page cut into "Part One", "Part Two", "Part Three" has its menus and cues)."""
    headings = _headings(units)
    starts = sorted(headings)
    chapters = 0
    for position, index in enumerate(starts):
        following = starts[position + 1] if position + 1 < len(starts) else len(units)
        if following - headings[index] > _MIN_PARAGRAPHS and _CHAPTER.fullmatch(
            units[index].text.strip()
        ):
            chapters += 1
    return chapters >= _MIN_CHAPTERS and _unfurnished(units)


def is_prose(units: list[Unit]) -> bool:
    """Running text with no page around it: nearly every paragraph ends a sentence (a menu,
    a share bar, a list of links do not), and hardly any page furniture. A story without
    chapter headings is such a text; the scrape cleaner would cut its long dialogues out."""
    if len(units) < _MIN_PROSE:
        return False
    ends = sum(shapes.ends_sentence(unit.text) for unit in units)
    return ends >= _PROSE_SHARE * len(units) and _unfurnished(units)


def _unfurnished(units: list[Unit]) -> bool:
    """Hardly any cues, labels or markup: a page's furniture is short lines (so a book's
    long paragraphs need no look)."""
    furniture = sum(
        (len(text) <= LABEL_CHARS and (is_cue(text) or shapes.is_furniture(text)))
        or shapes.is_junk(text)
        for unit in units
        if len(text := unit.text) <= FURNITURE_CHARS
    )
    return furniture <= _FURNITURE_ALLOWED + len(units) / _FURNITURE_PER_UNITS


def book_article(units: list[Unit], source: str, frame: Framed | None = None) -> Article:
    """Every unit as a block, chapter headings as headings; the title page's lines become
    the title and the byline (a Gutenberg book's card, when there is one, is trusted more)."""
    headings = _headings(units)
    title, author, drop = _front_matter(units, min(headings, default=len(units)), frame)
    drop |= {line for index, line in headings.items() if line != index}  # in the heading
    blocks: list[Block] = []
    for index, unit in enumerate(units):
        if index in drop:
            continue
        if index in headings:
            text = unit.text
            if (title_line := headings[index]) > index:
                text = _joined(text, units[title_line].text)
            level = chapter_level(unit.text)
            blocks.append(as_block(unit, _plain(text), BlockKind.HEADING, level))
        elif block := _block(unit):
            blocks.append(block)
    return Article(
        source=source,
        title=title,
        blocks=with_sentences(blocks, frame.lang if frame else None),
        byline=author,
        lang=frame.lang if frame else None,
    )


def _front_matter(
    units: list[Unit], first: int, frame: Framed | None
) -> tuple[str, str | None, set[int]]:
    """Title, author and the lines of the title page above the first heading that say them
    ("THE LIGHTHOUSE KEEPER", "by Mary Example"; in a Gutenberg book "Produced by ...")."""
    title = frame.title if frame else ""
    author = frame.author if frame else None
    if not title and first > 0 and _is_front_title(units[0]):
        title = _plain(units[0].text)
    drop: set[int] = set()
    for index in range(min(first, _FRONT_LINES)):
        text = _plain(units[index].text)
        name = _by(text)
        if title and _same(text, title):
            drop.add(index)
        elif name and (author is None or _same(name, author)):
            author = author or name
            drop.add(index)
        elif (author and _same(text, author)) or (frame and _CREDIT.match(text)):
            drop.add(index)
    return title, author, drop


def _by(text: str) -> str | None:
    """The name in "by Mary Example" (not "By morning, the sea was calm.")."""
    match = _BY.fullmatch(text.strip())
    if not match:
        return None
    name = match.group(1).rstrip(".")
    words = shapes.words(name)
    if not 1 <= len(words) <= _AUTHOR_WORDS or not all(
        w[0].isupper() or w in _PARTICLES for w in words
    ):
        return None
    return name


def _same(text: str, other: str) -> bool:
    return shapes.normal(text) == shapes.normal(other)


def _headings(units: list[Unit]) -> dict[int, int]:
    """Heading index -> index of its title line (the heading's own index when it has none).

    A candidate line is a heading when prose follows it (after its title line) before the
    next candidate, or when it opens a part and a chapter heading follows it; otherwise it is
    an entry of a table of contents (which may list a chapter's sections under it).
    """
    levels = {
        i: level
        for i, unit in enumerate(units)
        if unit.kind is BlockKind.PARAGRAPH and (level := chapter_level(unit.text))
    }
    headings: dict[int, int] = {}
    following = len(units)
    for index in sorted(levels, reverse=True):
        title_line = index
        match = _CHAPTER.fullmatch(units[index].text.strip())
        if match and not match.group("title") and index + 1 < following:
            title_line = index + 1 if _is_title(units[index + 1].text) else index
        opens_part = levels[index] == 1 and levels.get(following) == 2 and following in headings
        if opens_part or any(_is_prose(unit.text) for unit in units[title_line + 1 : following]):
            headings[index] = title_line
        following = index
    return dict(sorted(headings.items()))


def _is_prose(text: str) -> bool:
    """A sentence of some length: what a chapter has and its contents entry ("The Monarchy
    in France ..... 1") has not."""
    return shapes.ends_sentence(text) and (
        len(text) >= _PROSE_CHARS or len(shapes.words(text)) >= _PROSE_WORDS
    )


def _is_title(text: str) -> bool:
    """A chapter's title line: a few words, a heading's shape or a title's capitals."""
    words = shapes.words(text)
    if not 1 <= len(words) <= _TITLE_WORDS or len(text) > _TITLE_CHARS or text.startswith("["):
        return False  # "[Illustration]" is no title
    if shapes.is_heading_like(text, max_words=_TITLE_WORDS):
        return True
    long = [word for word in words if len(word) >= _LONG_WORD]
    return bool(long) and sum(word[0].isupper() for word in long) >= _TITLE_CAPITALS * len(long)


def _is_front_title(unit: Unit) -> bool:
    """A heading-like first line; not a photo credit ("JIM WATSON/AFP/Getty Images"), a
    copyright line, a breadcrumb or a row of links, which a clean text may open with too."""
    return (
        unit.kind is BlockKind.PARAGRAPH
        and shapes.is_heading_like(unit.text, max_words=_FRONT_TITLE_WORDS)
        and not shapes.ends_sentence(unit.text)
        and not SLASHED.search(unit.text)
        and not unit.text.lstrip().startswith("[")
        and not is_furniture_line(unit.text)
    )


def _joined(heading: str, title: str) -> str:
    """ "CHAPTER I" + "The Return" -> "CHAPTER I. The Return"."""
    separator = " " if heading.rstrip()[-1:] in ".:—–-" else ". "
    return f"{heading.rstrip()}{separator}{title.strip()}"


def _block(unit: Unit) -> Block | None:
    if unit.kind is BlockKind.CODE or unit.rows is not None:
        return as_block(unit)  # kept as written: no italics to read in a sample
    text = _plain(unit.text)
    if unit.kind is BlockKind.PARAGRAPH and (picture := _ILLUSTRATION.fullmatch(text)):
        caption = " ".join((picture.group(1) or "").split())
        return Block(BlockKind.CAPTION, caption) if caption else None
    return as_block(unit, text) if text else None


def _plain(text: str) -> str:
    return _ITALIC.sub(r"\1", text) if "_" in text else text
