"""When to tell the reader that cleaning left prose out, and offer the whole text
(`reader extract --raw`, `W` in the reader). Imports nothing heavy: the reader's screen asks
it about every article it shows."""

from __future__ import annotations

from reader.model import Article

NOTICE_CHARS = 2000
"""Prose left out beyond this (about a page) is worth telling the reader about ..."""
NOTICE_SHARE = 0.5
"""... when it is also at least this share of what the article kept: a page's comments
and teasers are often a page of prose, but rarely half as much as its article."""


def worth_telling(article: Article) -> bool:
    """Whether cleaning left out enough prose to say so and offer the whole text."""
    return article.left_out >= max(NOTICE_CHARS, NOTICE_SHARE * len(article.text))
