"""How much of a source's prose the cleaner left out: the count a reader is told about.

The cleaner removes page furniture, not writing; when it leaves out text shaped like
prose (long, ending its sentences: `shapes.classify` calls it good), the reader says how
much and offers the whole text (`notice.worth_telling`). Measured on the
source's own pieces: the plain text's paragraphs, or an HTML page's paragraph-like
elements, each looked for in what the article kept.
"""

from __future__ import annotations

from typing import Any

from reader.extract import shapes
from reader.extract.markup import outermost
from reader.extract.thresholds import PROSE_STOPWORDS
from reader.extract.units import split_units
from reader.model import Article
from reader.safe_text import sanitize_line

SHINGLE = 6
"""Runs of this many words tell whether a piece of the source is in the article ..."""
FOUND_SHARE = 0.8
"""... when at least this share of the piece's runs are."""
KEPT_WHOLE = 0.95
"""An article holding this share of its source's characters kept (almost) everything."""

_PROSE_ELEMENTS = ("p", "li", "blockquote", "dd", "pre")


def left_out_prose(source: str | Any, article: Article) -> int:
    """Characters of prose-shaped text in `source` (plain text, or a parsed HTML root)
    that `article` does not hold."""
    if isinstance(source, str):
        if len(article.text) >= KEPT_WHOLE * len(source):
            return 0
        pieces = [unit.text for unit in split_units(source)]
    else:
        pieces = [
            sanitize_line(element.text_content()) for element in outermost(source, _PROSE_ELEMENTS)
        ]
    use_stopwords = shapes.stopword_density(" ".join(pieces)) >= PROSE_STOPWORDS
    kept_keys = [shapes.normal(block.text) for block in article.blocks]
    kept = set(kept_keys)
    missing = [
        (text, key)
        for text in pieces
        if (key := shapes.normal(text)) not in kept
        and shapes.classify(text, use_stopwords=use_stopwords) is shapes.Kind.GOOD
    ]  # what was kept as it stands is prose or not: only the rest is classified
    if not missing:
        return 0
    shingles = {s for key in kept_keys for s in _shingles(key)}
    return sum(len(text) for text, key in missing if not _found(key, shingles))


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = text.split()
    return {tuple(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def _found(text: str, shingles: set[tuple[str, ...]]) -> bool:
    """Most of `text`'s runs of words are in what was kept (it was merged or numbered)."""
    own = _shingles(text)
    return sum(s in shingles for s in own) >= FOUND_SHARE * len(own)
