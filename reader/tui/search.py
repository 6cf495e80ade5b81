"""A search in the article: the query, its matches in reading order, the current one.

Plain data and rules, no Textual: the reading screen asks the view for the matches and
shows `label`; `n`/`N` step through them, wrapping around.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.model import Article, Span
from reader.tui.wrap import TITLE

Match = tuple[int, Span]
"""A match: its block (`TITLE` for the title), and the characters of that block's text."""


def find(article: Article, query: str) -> dict[int, tuple[Span, ...]]:
    """Every case-insensitive occurrence of `query`, by block in reading order (the title
    first, as `TITLE`)."""
    # A pattern, not casefold(): offsets must be those of the text as shown ("ß" folds to
    # two letters).
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    texts = [(TITLE, article.title)]
    texts.extend((index, block.text) for index, block in enumerate(article.blocks))
    found: dict[int, tuple[Span, ...]] = {}
    for index, text in texts:
        spans = tuple(Span(m.start(), m.end()) for m in pattern.finditer(text))
        if spans:
            found[index] = spans
    return found


@dataclass
class Search:
    query: str = ""
    matches: list[Match] = field(default_factory=list)
    current: int = -1

    @property
    def active(self) -> bool:
        return bool(self.matches)

    @property
    def label(self) -> str:
        return f"match {self.current + 1}/{len(self.matches)}" if self.matches else ""

    def start(self, query: str, matches: list[Match], focused: int) -> Match | None:
        """A new search: its first match at or after the focused block, as a reader
        expects (or the first of all)."""
        self.query, self.matches = query, matches
        after = [i for i, (block, _) in enumerate(matches) if block >= focused]
        self.current = (after[0] if after else 0) - 1
        return self.step(1)

    def step(self, step: int) -> Match | None:
        if not self.matches:
            return None
        self.current = (self.current + step) % len(self.matches)
        return self.matches[self.current]

    def again(self, matches: list[Match]) -> None:
        """The same search over a new text (the whole of a book whose beginning was
        searched), staying on the same match."""
        here = self.matches[self.current] if self.matches else None
        self.matches = matches
        self.current = matches.index(here) if here in matches else 0

    def clear(self) -> None:
        self.query, self.matches, self.current = "", [], -1
