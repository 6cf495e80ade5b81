"""A "select all, copy" scrape (or plain text, or Markdown) -> Article.

The cleaner follows jusText's idea: classify each paragraph by shape (length, sentence
punctuation, stopword density in the language of the prose around it: `languages`) as
good, short or bad; lines repeated in the document ("Advertisement") are bad, but for a
heading its contents list repeats, and so is a paragraph echoed right after itself (see
`kinds`). The article is the best run of good paragraphs with the neighbours that belong
to it (`runs.py`); short lines between good ones stay (not the list after a "Related"
cue), short lines at the run's edges go (not the article's own end: a short sentence, a
sample, a README's section, see `tail`), and so does what sits above a byline or dateline
near its top. Above the run, shapes give the metadata: the heading-like line (a repeated
one preferred) is the title, a 1-3 word line right before it the section, "By X" the
byline, a date-looking line the date, a line ending in "(Photo: ...)" a caption. Right
after the run, "Source: X" is the credit. A document without any boilerplate signal (no
repeats, no bad lines) keeps its edges, above the run and below it. A text made of several
documents (pages pasted one after another) is cut where another article opens (a headline
and its dateline) or another page begins (after a copyright footer), and each is a section
under its own title.

Before any of it, a text dump's list of links (lynx's numbered "References") leaves the
units and its "[12]" markers become links (`link_list`); code samples and pipe tables are
units of their own (`units`), kept where they stand inside the article's run, and at its
edges: right above its first paragraph, or ending it (with the short line after them).

Text that is not a page is not cleaned at all (`book`): a Project Gutenberg file (its frame
removed, see `gutenberg`), a book with chapter headings, running prose with no page
furniture, or any text with (almost) no page furniture (`furniture`): a clean article, whose
tables, code and lists the cleaner would take for menus, loses only stray labels such as
"Advertisement". Nor is a text in which the cleaner finds no article: all of it beats nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from reader.extract import shapes
from reader.extract.book import book_article, is_book, is_prose
from reader.extract.coverage import left_out_prose
from reader.extract.furniture import is_clean, is_control
from reader.extract.gutenberg import unframe
from reader.extract.kinds import classify_units
from reader.extract.languages import stopword_judged
from reader.extract.link_list import without_link_lists, without_markers
from reader.extract.markdown import markdown_article
from reader.extract.marks import without_heading_marks, without_references
from reader.extract.runs import (
    after_dateline,
    document_runs,
    is_cue,
    main_run,
    opens_list,
    page_start,
)
from reader.extract.sentences import with_sentences
from reader.extract.shapes import Kind
from reader.extract.tail import run_end
from reader.extract.units import VERBATIM, Unit, as_block, carried, split_units
from reader.extract.vocabulary import SLASHED
from reader.model import Article, Block, BlockKind

_TITLE_WINDOW = 15
"""The title is at most this many units above the body."""
_HEAD_UNITS = 3
"""When the body starts at the first unit, the metadata is looked for in this many."""
_SECTION_WORDS = 3
"""A section label above the title ("World", "Middle East") has at most this many words."""
_TITLE_MIN_WORDS = 3
"""A title has at least this many words ..."""
_MARKED_TITLE_MIN_WORDS = 2
"""... or this many when Markdown marks it as a heading or the page repeats it."""
_OUTLINE = re.compile(r"^(?:(?:\d{1,3}(?:\.\d{1,3})*\.?|[A-Z]\.)\s+)+(?=\w)")
"""A contents or sidebar entry's numbers: "2. 2.2. ", "1 ", "A. "."""
_REPEATED_TITLE_WORDS = 4
"""A repeated line of this many words is likely the title (shorter: "Share", "Buy now")."""
_TAG_LIST_COMMAS = 3
"""A line with this many commas is a list of tags, not a title."""
_USUAL_TITLE_WORDS = range(5, 26)
"""How many words a title usually has: such a line scores `_USUAL_SCORE`, others less."""
_REPEATED_SCORE = 2.0
"""A title candidate's score for being repeated (a page shows its title twice) ..."""
_USUAL_SCORE, _UNUSUAL_SCORE = 1.0, 0.5
"""... for its length ..."""
_HEADING_SCORE = 0.5
"""... for being marked as a heading; nearness to the body adds up to 1."""
_INTRODUCTION_WORDS = 4
"""A line ending in ":" right above the body, of at least this many words, introduces it."""
_CREDIT_REACH = 4
"""A "Source: X" credit is looked for this many units past the body's end (and its last)."""
_SHORT_HEADING_WORDS = 12
"""A short line of at most this many words, shaped like a heading, becomes a subheading."""


@dataclass
class _Meta:
    title: str = ""
    section: str | None = None
    byline: str | None = None
    published: str | None = None
    credit: str | None = None
    drop: set[int] = field(default_factory=set)


def parse_text(text: str, source: str, *, markdown: bool = False, raw: bool = False) -> Article:
    """Blocks and metadata from plain text; Markdown keeps its structure and all its text,
    and so does a book (see `book`), with its chapter headings found, and any text `raw`."""
    if markdown:
        units = split_units(text, markdown=True)
        return book_article(units, source) if raw else markdown_article(units, source)
    if raw:
        return book_article(_units(text)[0], source)
    if frame := unframe(text):
        return book_article(_units(frame.body)[0], source, frame)
    units, listed = _units(text)
    if is_book(units) or is_prose(units):
        return book_article(units, source)
    for unit in units:  # a heading's permalink sign or edit link: the page's, not its words
        if (text_only := without_heading_marks(unit.text)) != unit.text:
            unit.links = carried(unit.text, text_only, unit.links)
            unit.text = text_only
    if is_clean(units):  # no page around it: keep it all but a stray "Advertisement"
        kept = [u for u in units if u.marked or not shapes.is_furniture(u.text)]
        return book_article(kept, source)
    article = _scrape_article(units, source)
    if not article.text.strip():  # nothing looked like an article: better all than nothing
        return book_article(units, source)
    source_text = without_markers(text) if listed else text
    return replace(article, left_out=left_out_prose(source_text, article))


def _units(text: str) -> tuple[list[Unit], bool]:
    """A plain text's units, a dump's link list taken out and its markers made links (see
    `link_list`); and whether it had one."""
    return without_link_lists(split_units(text))


def _scrape_article(units: list[Unit], source: str) -> Article:
    keys = [shapes.normal(unit.text) for unit in units]
    counts = Counter(keys)
    # Prose in a listed language: stopword density then tells prose from labels.
    judged = stopword_judged([unit.text for unit in units])
    kinds = classify_units(units, keys, counts, judged)
    page = _Page(units, keys, counts, kinds)
    main = main_run(units, kinds)
    documents = document_runs(units, kinds, main)
    if not documents:
        meta, blocks = _document_blocks(page, *main, lead=True)
    else:  # several documents: each under its own title, the main one's the article's
        meta, blocks, after = _Meta(), [], 0
        for start, end in documents:
            found, section = _document_blocks(page, start, end, lead=False, above=after)
            first_of_main = start == main[0]
            if found.title and (blocks or not first_of_main):  # (the first: the title)
                section.insert(0, Block(BlockKind.HEADING, found.title, 1))
            blocks.extend(section)
            after = end
            if first_of_main:
                meta = found
    return Article(
        source=source,
        title=meta.title,
        blocks=with_sentences(blocks),
        byline=meta.byline,
        section=meta.section,
        published=meta.published,
        credit=meta.credit,
    )


@dataclass
class _Page:
    """A scrape's units with what the rules look up about each."""

    units: list[Unit]
    keys: list[str]
    counts: Counter[str]
    kinds: list[Kind]
    noisy: bool = field(init=False)
    """Some unit is bad (a repeated label, junk): the page has furniture around it."""
    bare: list[str] = field(init=False)
    """Each unit's key without a contents entry's number ("2.2. Scheduling Lamps" in a
    sidebar repeats the chapter's title) ..."""
    titles: Counter[str] = field(init=False)
    """... and how often each such key appears."""

    def __post_init__(self) -> None:
        self.noisy = any(kind is Kind.BAD for kind in self.kinds)
        self.bare = [
            shapes.normal(_OUTLINE.sub("", unit.text)) if _OUTLINE.match(unit.text) else key
            for unit, key in zip(self.units, self.keys, strict=True)
        ]
        self.titles = Counter(self.bare)


def _document_blocks(
    page: _Page, start: int, end: int, *, lead: bool, above: int = 0
) -> tuple[_Meta, list[Block]]:
    """The blocks of the run [start, end) and its metadata (title, byline, date) from the
    units above it (from `above` on); with `lead`, what stands above it that belongs."""
    units, keys, counts, kinds = page.units, page.keys, page.counts, page.kinds
    start = after_dateline(units, kinds, start, end)
    if not lead:  # one of several documents: its title is on its own page
        above = page_start(units, above, start)
    meta = _metadata(page, start, end, above=above)
    if not lead:
        leading: list[int] = []
    elif page.noisy:  # captions above it, and what opens it right above its start
        opening = _opening(units, kinds, start, above)
        leading = [i for i in range(start) if i >= opening or shapes.is_caption(units[i].text)]
        leading = [i for i in leading if i not in meta.drop]
    else:
        leading = [i for i in range(start) if i not in meta.drop and kinds[i] is not Kind.BAD]
    if lead and not page.noisy:  # no page around it: what follows the run is its own too
        end = len(units)
    end = run_end(units, kinds, counts, keys, end)
    _credit(units, end, meta)
    blocks: list[Block] = []
    listed = False  # inside the short lines that follow a "Related" / "Comments" cue
    for index in [*leading, *range(start, end)]:
        unit = units[index]
        listed = kinds[index] is not Kind.GOOD and (listed or opens_list(unit.text))
        if index in meta.drop or kinds[index] is Kind.BAD or not keys[index] or listed:
            continue
        if not unit.marked and shapes.is_furniture(unit.text):
            continue
        blocks.append(_block(units[index], kinds[index]))
    return meta, blocks


def _metadata(page: _Page, start: int, end: int, *, above: int) -> _Meta:
    units, keys, counts = page.units, page.keys, page.counts
    meta = _Meta()
    head = (
        range(above, start) if start > above else range(start, min(start + _HEAD_UNITS, len(units)))
    )
    opening = keys[start] if start < len(keys) else ""
    title_at = _title_index(page, head, opening)
    if title_at is not None:
        meta.title = units[title_at].text
        meta.drop |= {i for i, key in enumerate(keys) if key == keys[title_at]}
        before = keys.index(keys[title_at]) - 1
        if before >= 0 and before not in meta.drop:
            label = units[before].text
            if (
                1 <= len(shapes.words(label)) <= _SECTION_WORDS
                and counts[keys[before]] == 1
                and shapes.is_heading_like(label)
                and not shapes.is_date(label)
                and not is_cue(label)
            ):
                meta.section = label
                meta.drop.add(before)
    for index in head:
        if units[index].kind in VERBATIM:
            continue  # a table of times or a code sample is no dateline
        text = units[index].text
        name, date = shapes.byline_and_date(text)
        if meta.byline is None and (name or date) and not (date and meta.published):
            meta.byline = name
            meta.published = meta.published or (shapes.clean_date(date) if date else None)
            meta.drop.add(index)
        elif meta.published is None and shapes.is_date(text):
            meta.published = shapes.clean_date(text)
            meta.drop.add(index)
    return meta


def _title_index(page: _Page, head: range, opening: str) -> int | None:
    """The heading-like line nearest above the body, a repeated one preferred. A title of
    two words ("Scheduling Lamps", "Lake Saimaa") needs more to tell it from a name or a
    button: a numbered contents entry repeating it, or the body opening with it (`opening`
    is the body's first key: "lake saimaa is the largest lake ...")."""
    units, keys, counts, titles = page.units, page.keys, page.counts, page.titles
    if len(units) < 2:
        return None  # never take the only paragraph
    best: tuple[float, int] | None = None
    for index in head:
        unit = units[index]
        if unit.kind is BlockKind.HEADING and unit.level == 1 and unit.marked:
            return index
        text = unit.text
        size = len(shapes.words(text))
        key = keys[index]
        short = _capitalised(text) and (titles[key] > counts[key] or opening.startswith(f"{key} "))
        repeated = titles[page.bare[index]] > 1 and (size >= _REPEATED_TITLE_WORDS or short)
        least = _MARKED_TITLE_MIN_WORDS if unit.marked or short else _TITLE_MIN_WORDS
        distance = head.stop - index
        if (
            unit.kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING)
            or distance > _TITLE_WINDOW
            or not shapes.is_heading_like(text)
            or size < least
            or SLASHED.search(text)
            or text.count(",") >= _TAG_LIST_COMMAS
            or shapes.is_date(text)
            or any(shapes.byline_and_date(text))
            or shapes.is_caption(text)
            or is_cue(text)
            or is_control(text)
        ):
            continue
        score = (_REPEATED_SCORE if repeated else 0.0) + (
            _USUAL_SCORE if size in _USUAL_TITLE_WORDS else _UNUSUAL_SCORE
        )
        heading = _HEADING_SCORE if unit.kind is BlockKind.HEADING else 0
        score += 1 - distance / _TITLE_WINDOW + heading
        if best is None or score >= best[0]:
            best = (score, index)
    return best[1] if best else None


def _capitalised(text: str) -> bool:
    return all(word[:1].isupper() for word in shapes.words(text) if word[:1].isalpha())


def _opening(units: list[Unit], kinds: list[Kind], start: int, above: int) -> int:
    """Where the article opens above its first good paragraph (`start`): at the samples and
    tables right above it, and the sentence that introduces them or it ("... wrote:")."""
    opening = start
    while opening > above and units[opening - 1].kind in VERBATIM:
        opening -= 1
    before = opening - 1
    if before >= above and kinds[before] is Kind.SHORT and _introduces(units[before].text):
        opening = before
    return opening


def _introduces(text: str) -> bool:
    """A sentence that introduces what follows it: "On Monday, Tom Penrose wrote:"."""
    return text.rstrip().endswith(":") and len(shapes.words(text)) >= _INTRODUCTION_WORDS


def _credit(units: list[Unit], end: int, meta: _Meta) -> None:
    """Take a "Source: X" credit just after the body (or its last line)."""
    for index in range(max(0, end - 1), min(len(units), end + _CREDIT_REACH)):
        if (name := shapes.credit(units[index].text)) and meta.credit is None:
            meta.credit = name
            meta.drop.add(index)


def _block(unit: Unit, kind: Kind) -> Block:
    text = unit.text
    if unit.kind is not BlockKind.PARAGRAPH:
        return as_block(unit)
    if shapes.is_caption(text):
        return as_block(unit, kind=BlockKind.CAPTION)
    if (
        kind is Kind.SHORT
        and shapes.is_heading_like(text, max_words=_SHORT_HEADING_WORDS)
        and not shapes.is_data(text)  # a line of a code sample or a table
    ):
        return as_block(unit, kind=BlockKind.HEADING, level=2)
    return as_block(unit, without_references(text) if kind is Kind.GOOD else text)
