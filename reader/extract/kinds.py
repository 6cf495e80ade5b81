"""Each unit of a scrape as good, short or bad: its shape first, then its repeats.

Shape (`shapes.classify`) says prose, short line or junk; a caption is never prose, and a
list item written as a sentence ("Added a new player model") is. Then repetition: a line
repeated in the document ("Advertisement", "Share") is a label, and a paragraph echoed
right after itself is a double (unless it has several sentences). A heading repeated by the
page's contents list or sidebar is not a label where it heads prose: the one of its copies
that stands right before a paragraph stays, as a heading.
"""

from __future__ import annotations

from collections import Counter

from reader.extract import shapes
from reader.extract.sentences import sentence_spans
from reader.extract.shapes import Kind
from reader.extract.units import VERBATIM, Unit
from reader.model import BlockKind

_ECHO = 2
"""A paragraph repeated within this many units of itself is a rendering's double (an image's
alt text over its caption, a hidden copy); further away, it is the article's own text."""
_ECHO_SENTENCES = 3
"""... unless it has this many sentences: doubles are headlines, alt texts and captions; a
paragraph of several sentences said twice is the text saying it twice."""
_LIST_PROSE_WORDS = 5
"""A list item of this many words in sentence case is written as prose ..."""
_LIST_PROSE_STOPWORDS = 0.1
"""... unless (in a language with stopwords) under this share of its words are stopwords."""
_HEADING_WORDS = 12
"""A repeated line of at most this many words may be a heading its contents list repeats."""


def classify_units(
    units: list[Unit], keys: list[str], counts: Counter[str], judged: list[bool]
) -> list[Kind]:
    """Each unit's kind; `judged`: whether its stopwords count (see `languages`)."""
    shaped = [_shape(unit, use) for unit, use in zip(units, judged, strict=True)]
    heads = _heads(units, keys, counts, shaped)
    kinds: list[Kind] = []
    last: dict[str, int] = {}
    for index, (key, shape) in enumerate(zip(keys, shaped, strict=True)):
        unit = units[index]
        repeated = counts[key] > 1 and index not in heads and unit.kind not in VERBATIM
        if repeated and (shape is not Kind.GOOD or _echo(unit.text, index - last.get(key, -99))):
            kinds.append(Kind.BAD)  # a repeated label, or a paragraph's double
        else:
            kinds.append(shape)
        last[key] = index
    return kinds


def _shape(unit: Unit, use_stopwords: bool) -> Kind:
    if unit.kind in VERBATIM:
        return Kind.SHORT  # a code sample or a table: kept inside the article, never its start
    kind = shapes.classify(unit.text, use_stopwords=use_stopwords)
    if kind is Kind.GOOD and shapes.is_caption(unit.text):
        return Kind.SHORT  # a caption is shown but never starts or extends the body
    if (
        kind is Kind.SHORT
        and unit.kind is BlockKind.LIST_ITEM
        and shapes.is_sentence_case(unit.text, min_words=_LIST_PROSE_WORDS)
        and not (use_stopwords and shapes.stopword_density(unit.text) < _LIST_PROSE_STOPWORDS)
    ):
        return Kind.GOOD  # a list written as prose: release notes, steps
    return kind


def _heads(
    units: list[Unit], keys: list[str], counts: Counter[str], shaped: list[Kind]
) -> set[int]:
    """The repeated short lines that head prose once: a heading (its other copies are in
    the contents list or a sidebar), not a label set before several paragraphs."""
    heading: dict[str, list[int]] = {}
    for index in range(len(units) - 1):
        if (
            shaped[index] is Kind.SHORT
            and _opens_prose(units[index + 1], shaped[index + 1])
            and counts[keys[index]] > 1
            and shapes.is_heading_like(units[index].text, max_words=_HEADING_WORDS)
            and not shapes.is_furniture(units[index].text)
        ):
            heading.setdefault(keys[index], []).append(index)
    return {found[0] for found in heading.values() if len(found) == 1}


def _opens_prose(unit: Unit, kind: Kind) -> bool:
    """A paragraph of prose, or a sentence introducing a sample or a list ("Run this:"),
    not the next entry of a contents list."""
    if unit.kind is not BlockKind.PARAGRAPH:
        return False
    text = unit.text
    return kind is Kind.GOOD or (
        text.endswith(":") and len(shapes.words(text)) >= _LIST_PROSE_WORDS
    )


def _echo(text: str, distance: int) -> bool:
    return distance <= _ECHO and len(sentence_spans(text)) < _ECHO_SENTENCES
