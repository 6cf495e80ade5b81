"""Sentence spans inside a block of display text.

A sentence ends at `.`, `!`, `?` or `…` (optionally followed by closing quotes or brackets)
when whitespace and then an opening quote, bracket, capital letter or digit follow. Known
abbreviations ("Mr.", "U.S.", "e.g."), single initials, decimals ("3.5", "2,982") and a
list item's number ("1. Finland") do not end a sentence. Full stops used by CJK scripts
end one without any following space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from reader.model import Article, Block, BlockKind, Span

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

_CLOSERS = r"""["'”’»)\]]*"""
_NEXT_WORD = r"""(?=\s+["'“‘«(\[]?[\w\d])"""
_END = re.compile(
    r"[.!?…。！？]"  # a terminator first, so the scan skips ahead to the next one
    rf"(?:(?<=[.!?])[.!?]*{_CLOSERS}{_NEXT_WORD}"  # then closing quotes / brackets and
    rf"|(?<=…){_CLOSERS}{_NEXT_WORD}"  # whitespace before an opener or a word character
    r"|(?<=[。！？])[。！？]*[」』”]*)"  # CJK terminators need no space after them
    r"(?=\s*(\S)?)"  # the first character after the sentence, if any
)
_MARKER_DIGITS = 3
"""A number of at most this many digits alone before a full stop is a list item's number."""
_WORD_RUN = re.compile(r"[\w.]*")
"""Word characters and dots: read on the reversed text, the word before a full stop."""


def sentence_spans(text: str, lang: str | None = None) -> tuple[Span, ...]:
    """Spans covering every sentence of `text`, leading/trailing whitespace excluded."""
    spans: list[Span] = []
    start = len(text) - len(text.lstrip())
    backwards = ""  # `text` reversed, made at the first full stop that needs it
    for match in _END.finditer(text):
        stop, end = match.span()
        following = match.start(1)
        if text[stop] == ".":
            if following >= 0 and text[following].islower():
                continue  # "e.g. this", "3 p.m. in"
            if text[start:stop].isdigit() and stop - start <= _MARKER_DIGITS:
                continue  # "1. Finland": a list item's number, not a sentence
            backwards = backwards or text[::-1]
            if _is_abbreviation(text, backwards, stop):
                continue
        if end > start:
            spans.append(Span(start, end))
        start = following if following >= 0 else len(text)
    tail = len(text.rstrip())
    if tail > start:
        spans.append(Span(start, tail))
    return tuple(spans) or (Span(0, len(text)),)


def with_sentences(blocks: Iterable[Block], lang: str | None = None) -> tuple[Block, ...]:
    """`blocks` with their sentence spans filled in (blocks already split are kept)."""
    return tuple(
        block if block.sentences else replace(block, sentences=_spans(block, lang))
        for block in blocks
    )


def _spans(block: Block, lang: str | None) -> tuple[Span, ...]:
    """A table's sentences are its lines (one a row); other blocks' are found in the text."""
    if block.kind is not BlockKind.TABLE:
        return sentence_spans(block.text, lang)
    spans, start = [], 0
    for line in block.text.split("\n"):
        if line:
            spans.append(Span(start, start + len(line)))
        start += len(line) + 1
    return tuple(spans) or (Span(0, len(block.text)),)


def split_sentences(article: Article) -> Article:
    """`article` with every block's sentence spans: the step each parser's article goes
    through, and what re-splits an old cached copy that was stored without them."""
    if article.is_split:
        return article
    return replace(article, blocks=with_sentences(article.blocks, article.lang))


def _is_abbreviation(text: str, backwards: str, stop: int) -> bool:
    """Whether the word before the full stop at `stop` is a known abbreviation or a single
    letter; the word is matched on the reversed text, so each stop costs its word's length."""
    after = len(text) - stop  # where the character before the stop is in `backwards`
    run = _WORD_RUN.match(backwards, after)
    start = stop - (run.end() - after) if run else stop
    if start == stop:
        return False
    word = text[start:stop].lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
