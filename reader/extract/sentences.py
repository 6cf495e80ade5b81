"""Sentence spans inside a block of display text.

A sentence ends at `.`, `!`, `?` or `…` (optionally followed by closing quotes or brackets)
when whitespace and then an opening quote, bracket, capital letter or digit follow. Known
abbreviations ("Mr.", "U.S.", "e.g."), single initials and decimals ("3.5", "2,982") do not
end a sentence. Full stops used by CJK scripts end one without any following space.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.model import Span

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
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentence_spans(text: str, lang: str | None = None) -> tuple[Span, ...]:
    """Spans covering every sentence of `text`, leading/trailing whitespace excluded."""
    return _cached_spans(text)


@lru_cache(maxsize=4096)
def _cached_spans(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    start = _skip_space(text, 0)
    for match in _END.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        following = text[end:].lstrip()
        if match.group().startswith(".") and following[:1].islower():
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
    match = _WORD_BEFORE.search(text, 0, dot)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
