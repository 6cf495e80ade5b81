"""A search in the article: the query, its matches in reading order, the current one.

Plain data and rules, no Textual: the reading screen asks the view for the matches and
shows `label`; `n`/`N` step through them, wrapping around.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.model import Span

Match = tuple[int, Span]
"""A match: its block, and the characters of that block's text."""


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
