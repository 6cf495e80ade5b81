"""A "select all, copy" scrape (or plain text, or Markdown) -> Article.

The cleaner follows jusText's idea: classify each paragraph by shape (length, sentence
punctuation, stopword density) as good, short or bad; lines repeated in the document
("Advertisement") are bad. The article is the densest run of good paragraphs; short lines
between good ones stay, short lines at the run's edges go. Above the run, shapes give the
metadata: the heading-like line (a repeated one preferred) is the title, a 1-3 word line
right before it the section, "By X" the byline, a date-looking line the date, a line
ending in "(Photo: ...)" a caption. Right after the run, "Source: X" is the credit.
A document without any boilerplate signal (no repeats, no bad lines) keeps its edges.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from reader.extract import shapes
from reader.extract.markdown import markdown_article
from reader.extract.shapes import Kind
from reader.extract.units import Unit, split_units
from reader.model import Article, Block, BlockKind

_SPLIT_GAP = 4
"""This many non-good units in a row end a run of good ones."""
_CUE = re.compile(
    r"\b(?:related|read|reading|more|recommended|popular|trending|latest|newsletter"
    r"|subscribe|sign up|comments?|replies|leave a reply|responses|discussion|share|follow us"
    r"|advertisement|sponsored)\b",
    re.I,
)
_COMMENTS = re.compile(r"\b(?:comments?|replies|leave a reply|responses|discussion)\b", re.I)
_TITLE_WINDOW = 15
"""The title is at most this many units above the body."""
_SLASHED = re.compile(r"\w/\w")
"""Credits ("JIM WATSON/AFP/Getty Images") and paths are not titles."""


@dataclass
class _Meta:
    title: str = ""
    section: str | None = None
    byline: str | None = None
    published: str | None = None
    credit: str | None = None
    drop: set[int] = field(default_factory=set)


def parse_text(text: str, source: str, *, markdown: bool = False) -> Article:
    """Blocks and metadata from plain text; Markdown keeps its structure and all its text."""
    units = split_units(text, markdown=markdown)
    if markdown:
        return markdown_article(units, source)
    return _scrape_article(units, source)


def _scrape_article(units: list[Unit], source: str) -> Article:
    keys = [shapes.normal(unit.text) for unit in units]
    counts = Counter(keys)
    # Prose in a listed language: stopword density then tells prose from labels.
    use_stopwords = shapes.stopword_density(" ".join(u.text for u in units)) >= 0.15
    kinds = _classify(units, keys, counts, use_stopwords=use_stopwords)
    noisy = any(kind is Kind.BAD for kind in kinds)
    start, end = _main_run(units, kinds)
    meta = _metadata(units, keys, counts, start, end)
    blocks: list[Block] = []
    if noisy:
        lead = [i for i in range(start) if shapes.is_caption(units[i].text)]
        lead = [i for i in lead if i not in meta.drop]
    else:
        lead = [i for i in range(start) if i not in meta.drop and kinds[i] is not Kind.BAD]
    end = _extend_tail(units, kinds, counts, keys, end=end, meta=meta)
    for index in [*lead, *range(start, end)]:
        unit = units[index]
        if index in meta.drop or kinds[index] is Kind.BAD or not keys[index]:
            continue
        if not unit.marked and shapes.is_furniture(unit.text):
            continue
        blocks.append(_block(units[index], kinds[index]))
    return Article(
        source=source,
        title=meta.title,
        blocks=tuple(blocks),
        byline=meta.byline,
        section=meta.section,
        published=meta.published,
        credit=meta.credit,
    )


def _classify(
    units: list[Unit], keys: list[str], counts: Counter[str], *, use_stopwords: bool
) -> list[Kind]:
    kinds: list[Kind] = []
    seen: set[str] = set()
    for unit, key in zip(units, keys, strict=True):
        kind = shapes.classify(unit.text, use_stopwords=use_stopwords)
        if kind is Kind.GOOD and shapes.is_caption(unit.text):
            kind = Kind.SHORT  # a caption is shown but never starts or extends the body
        if counts[key] > 1 and (kind is not Kind.GOOD or key in seen):
            kind = Kind.BAD  # a repeated label, or a second copy of a paragraph
        seen.add(key)
        kinds.append(kind)
    return kinds


@dataclass
class _Run:
    start: int
    end: int
    weight: float
    gap_before: int
    cue_before: bool
    good: int = 0
    span: int = 0
    followers: int = 0
    after_label: int = 0
    place: float = 1.0
    """Earlier is likelier: footers, comments and link farms come after the article."""

    def score(self) -> float:
        density = math.sqrt(self.good / max(1, self.span))
        teaser = 1 - 0.7 * self.after_label / max(1, self.followers)
        return self.good * density * teaser * self.weight * self.place


def _main_run(units: list[Unit], kinds: list[Kind]) -> tuple[int, int]:
    """[start, end) of the best run of good units, with the neighbours that belong to it.

    A run scores its good characters, scaled by how dense it is (good / all characters in
    its span); a run whose good units mostly follow a short label (headline, summary,
    headline, summary) is a teaser list and counts less; runs after a comments heading
    ("13 Comments", "Leave a reply") count a quarter. A neighbour joins when it is big, or
    when only a few short lines (a list, an inline "Related:" link) separate the two.
    """
    runs: list[_Run] = []
    gap, cue, weight = _SPLIT_GAP, False, 1.0
    for index, (unit, kind) in enumerate(zip(units, kinds, strict=True)):
        if kind is Kind.GOOD:
            if gap >= _SPLIT_GAP or not runs:
                runs.append(_Run(index, index, weight, gap, cue))
            else:
                runs[-1].span += sum(len(u.text) for u in units[runs[-1].end : index])
                runs[-1].followers += 1
                runs[-1].after_label += gap > 0
            runs[-1].end = index + 1
            runs[-1].good += len(unit.text)
            runs[-1].span += len(unit.text)
            gap, cue = 0, False
        else:
            gap += 1
            if kind is Kind.SHORT and _is_cue(unit.text):
                cue = True
                if _COMMENTS.search(unit.text):
                    weight = 0.25
    if not runs:
        return 0, len(units)
    for run in runs:
        run.place = 1 - 0.4 * run.start / len(units)
    best = max(range(len(runs)), key=lambda i: runs[i].score())
    low = high = best
    total = runs[best].score()
    while True:
        if low > 0 and runs[low - 1].score() >= _needed(runs[low], total):
            low -= 1
            total += runs[low].score()
        elif high + 1 < len(runs) and runs[high + 1].score() >= _needed(runs[high + 1], total):
            high += 1
            total += runs[high].score()
        else:
            return runs[low].start, runs[high].end


def _needed(run: _Run, total: float) -> float:
    """The score a neighbour across `run`'s leading gap needs to join the main run."""
    close = run.gap_before <= 12 and (not run.cue_before or run.gap_before <= 3)
    return (0.1 if close else 0.5) * total


def _is_cue(text: str) -> bool:
    """A short label that opens page furniture: "Related", "Read more", "Most popular"."""
    return (
        len(shapes.words(text)) <= 5 and not shapes.ends_sentence(text) and bool(_CUE.search(text))
    )


def _metadata(
    units: list[Unit], keys: list[str], counts: Counter[str], start: int, end: int
) -> _Meta:
    meta = _Meta()
    head = range(start) if start > 0 else range(min(3, len(units)))
    title_at = _title_index(units, keys, counts, head)
    if title_at is not None:
        meta.title = units[title_at].text
        meta.drop |= {i for i, key in enumerate(keys) if key == keys[title_at]}
        before = keys.index(keys[title_at]) - 1
        if before >= 0 and before not in meta.drop:
            label = units[before].text
            if (
                1 <= len(shapes.words(label)) <= 3
                and counts[keys[before]] == 1
                and shapes.is_heading_like(label)
                and not shapes.is_date(label)
                and not _is_cue(label)
            ):
                meta.section = label
                meta.drop.add(before)
    for index in head:
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


def _title_index(
    units: list[Unit], keys: list[str], counts: Counter[str], head: range
) -> int | None:
    """The heading-like line nearest above the body, a repeated one preferred."""
    if len(units) < 2:
        return None  # never take the only paragraph
    best: tuple[float, int] | None = None
    for index in head:
        unit = units[index]
        if unit.kind is BlockKind.HEADING and unit.level == 1 and unit.marked:
            return index
        text = unit.text
        size = len(shapes.words(text))
        repeated = counts[keys[index]] > 1 and size >= 4  # not "Share", "Buy now"
        distance = head.stop - index
        if (
            unit.kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING)
            or distance > _TITLE_WINDOW
            or not shapes.is_heading_like(text)
            or size < (2 if unit.marked else 3)
            or _SLASHED.search(text)
            or text.count(",") >= 3  # a tag list
            or shapes.is_date(text)
            or any(shapes.byline_and_date(text))
            or shapes.is_caption(text)
            or _is_cue(text)
        ):
            continue
        score = (2.0 if repeated else 0.0) + (1.0 if 5 <= size <= 25 else 0.5)
        score += 1 - distance / _TITLE_WINDOW + (0.5 if unit.kind is BlockKind.HEADING else 0)
        if best is None or score >= best[0]:
            best = (score, index)
    return best[1] if best else None


def _extend_tail(
    units: list[Unit],
    kinds: list[Kind],
    counts: Counter[str],
    keys: list[str],
    *,
    end: int,
    meta: _Meta,
) -> int:
    """Keep short sentences right after the run; take a "Source: X" credit just after it."""
    while end < len(units):
        text = units[end].text
        if (
            kinds[end] is Kind.SHORT
            and counts[keys[end]] == 1
            and shapes.ends_sentence(text)
            and len(shapes.words(text)) >= 3
            and not shapes.credit(text)
            and not _is_cue(text)
        ):
            end += 1
        else:
            break
    for index in range(max(0, end - 1), min(len(units), end + 4)):
        if (name := shapes.credit(units[index].text)) and meta.credit is None:
            meta.credit = name
            meta.drop.add(index)
    return end


def _block(unit: Unit, kind: Kind) -> Block:
    text = unit.text
    if unit.kind is not BlockKind.PARAGRAPH:
        return Block(unit.kind, text, unit.level)
    if shapes.is_caption(text):
        return Block(BlockKind.CAPTION, text)
    if kind is Kind.SHORT and shapes.is_heading_like(text, max_words=12):
        return Block(BlockKind.HEADING, text, 2)
    return Block(BlockKind.PARAGRAPH, text)
