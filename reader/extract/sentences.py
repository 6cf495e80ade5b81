"""Sentence spans inside a block of display text.

A sentence ends at `.`, `!`, `?` or `…` (optionally followed by closing quotes or brackets)
when whitespace and then an opening quote, bracket, capital letter or digit follow. Known
abbreviations ("Mr.", "U.S.", "e.g."), single initials and decimals ("3.5", "2,982") do not
end a sentence. Full stops used by CJK scripts end one without any following space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from reader.model import Article, Block, Span

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "vs",
        "etc",
        "al",
        "approx",
        "dept",
        "est",
        "fig",
        "gen",
        "gov",
        "lt",
        "col",
        "capt",
        "sgt",
        "rep",
        "sen",
        "rev",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "vol",
        "pp",
        "ed",
        "eds",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "cf",
        "ca",
    ]
)

_END = re.compile(
    r"""
    (?:[.!?]+|…)              # the terminator
    ["'”’»)\]]*               # closing quotes / brackets
    (?=\s+["'“‘«(\[]?[\w\d])  # whitespace, then an opener or a word character
    |[。！？]+[」』”]*          # CJK terminators need no space after them
    """,
    re.VERBOSE,
)
_NEXT_CHAR = re.compile(r"\s*(\S)")
"""The first character after a terminator (matched in place: slicing the rest of a long
text at every full stop would be quadratic)."""


def sentence_spans(text: str, lang: str | None = None) -> tuple[Span, ...]:
    """Spans covering every sentence of `text`, leading/trailing whitespace excluded."""
    return _cached_spans(text)


def with_sentences(blocks: Iterable[Block], lang: str | None = None) -> tuple[Block, ...]:
    """`blocks` with their sentence spans filled in (blocks already split are kept)."""
    return tuple(
        block if block.sentences else replace(block, sentences=sentence_spans(block.text, lang))
        for block in blocks
    )


def split_sentences(article: Article) -> Article:
    """`article` with every block's sentence spans: the step each parser's article goes
    through, and what re-splits an old cached copy that was stored without them."""
    if article.is_split:
        return article
    return replace(article, blocks=with_sentences(article.blocks, article.lang))


@lru_cache(maxsize=4096)
def _cached_spans(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    start = _skip_space(text, 0)
    for match in _END.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        following = _NEXT_CHAR.match(text, end)
        if match.group().startswith(".") and following and following.group(1).islower():
            continue
        if end > start:
            spans.append(Span(start, end))
        start = _skip_space(text, end)
    tail = len(text.rstrip())
    if tail > start:
        spans.append(Span(start, tail))
    return tuple(spans) or (Span(0, len(text)),)


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot  # the run of word characters and dots before the stop, read backwards: a
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_."):  # search
        start -= 1  # from the text's start at every stop would be quadratic
    if start == dot:
        return False
    word = text[start:dot].lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
