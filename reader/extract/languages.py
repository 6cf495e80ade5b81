"""Which paragraphs are judged by their stopwords: those amid prose in a language the list
knows.

Stopword density tells prose from labels only in a language `shapes.STOPWORDS` lists; in
another, the cleaner judges by length and punctuation alone. A page is mostly in one
language, and the whole text's density could decide for all of it; but a long text made of
several documents may mix them (an English digest holding a Czech article or a Chinese
page), and the whole text's density would make the minority's prose look like labels. So
each paragraph goes by the prose nearest it: the `_VOTERS` sentence-ending paragraphs
around it (itself among them when it is one) vote, each by its own density, and the
majority gives the language. Menus and labels do not vote: they are what is being judged.
A text with too little prose goes by its whole density.
"""

from __future__ import annotations

import bisect

from reader.extract import shapes
from reader.extract.thresholds import PROSE_STOPWORDS
from reader.extract.vocabulary import UNSPACED_LETTERS

_VOTERS = 5
"""This many prose paragraphs nearest a unit say which language it is in."""
_PROSE_WORDS = 10
"""A sentence-ending paragraph of this many words is prose, and votes ..."""
_LISTED_STOPWORDS = 0.25
"""... for a listed language when this share of its words are stopwords: prose in one
has some 0.3 to 0.5, while another language's prose shares a few short words with the list
("a", "se", "o") and reaches 0.15 now and then."""


def stopword_judged(texts: list[str]) -> list[bool]:
    """For each paragraph: is it in a language whose stopwords tell prose from labels?"""
    prose: list[int] = []
    listed: list[bool] = []
    total_stops = total_words = 0
    for index, text in enumerate(texts):
        tokens = shapes.words(text)
        stops = sum(map(shapes.STOPWORDS.__contains__, map(str.lower, tokens)))
        total_stops, total_words = total_stops + stops, total_words + len(tokens)
        if not shapes.ends_sentence(text):
            continue
        size = shapes.word_count(text) if UNSPACED_LETTERS.search(text) else len(tokens)
        if size >= _PROSE_WORDS:
            prose.append(index)
            listed.append(stops >= _LISTED_STOPWORDS * size)
    overall = total_words > 0 and total_stops >= PROSE_STOPWORDS * total_words
    if len(prose) < _VOTERS:
        return [overall] * len(texts)
    judged: list[bool] = []
    half = _VOTERS // 2
    for index in range(len(texts)):
        at = bisect.bisect_left(prose, index)
        low = min(max(0, at - half), len(prose) - _VOTERS)
        votes = listed[low : low + _VOTERS]
        judged.append(2 * sum(votes) > len(votes))
    return judged
