"""The sentences handed to the player, and the events still to report for each.

Synthesis runs ahead of the voice, so events cannot be sent when a sentence is rendered:
each queued sentence carries (frame, event) markers, and `Timeline.heard` releases them once
the player says that frame of that sentence is audible.

It also keeps which notices ("Table skipped.", `skipped`) the listener has heard or has
queued: one dropped before it was heard (a skip, a rate change) is not told yet.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from reader.model import BlockKind
from reader.narration.engine import Clip
from reader.narration.events import NarrationEvent, SentenceStarted, WordStarted


@dataclass(eq=False)
class Queued:
    """A sentence handed to the player (under `tag`), and the events still to report for it."""

    tag: int
    block: int
    sentence: int
    offset: int | None
    """Frames of its paragraph before this sentence (None after a jump into the middle;
    less than 0 when notices are said before it, the paragraph starting after them)."""
    markers: deque[tuple[int, NarrationEvent]] = field(default_factory=deque)
    """(frame, event) in frame order."""
    rest: int | None = None
    """Where the rest of its sentence starts in the block (display offset) when this is
    the sentence's first clause alone (see `clause`); None when it ends its sentence."""
    opens: bool = True
    """It starts its sentence (the rest of a sentence whose first clause came alone does not)."""
    notices: tuple[BlockKind, ...] = ()
    """The kinds whose notice is said after it (at its end)."""
    before: tuple[BlockKind, ...] = ()
    """The kinds whose notice is said before it (a skip jumped over them): heard once
    any of its own events is."""


class Timeline:
    def __init__(self) -> None:
        self._items: deque[Queued] = deque()
        self._tags = 0
        self._heard: set[BlockKind] = set()
        """The kinds whose notice was heard (its sentence left behind) in this article."""

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()

    def forget(self) -> None:
        """A new article: none of its notices is told yet."""
        self.clear()
        self._heard.clear()

    def told(self) -> set[BlockKind]:
        """The kinds whose notice was heard or is queued."""
        return self._heard.union(*(item.notices + item.before for item in self._items))

    def heard_notices(self) -> set[BlockKind]:
        """The kinds whose notice was heard (what is queued may yet be dropped)."""
        return set(self._heard)

    def add(
        self,
        clip: Clip,
        block: int,
        sentence: int,
        start: int,
        offset: int | None,
        *,
        opens: bool = True,
        rest: int | None = None,
        notices: tuple[BlockKind, ...] = (),
        before: tuple[BlockKind, ...] = (),
        lead: int = 0,
    ) -> int:
        """Queue the sentence (or the part of it: see `Queued.rest`) whose display text
        starts at `start` of `block`; its tag. A part that does not `open` its sentence
        reports no `SentenceStarted`; `notices`: the kinds said after it; `before`: those
        said before it, in the `lead` frames ahead of the clip (its events come later)."""
        self._tags += 1
        found = markers(clip, block, sentence, start, lead)
        if not opens:
            found.popleft()
        item = Queued(self._tags, block, sentence, offset, found, rest, opens, notices, before)
        self._items.append(item)
        return self._tags

    def drop_after(self, tag: int) -> None:
        while self._items and self._items[-1].tag > tag:
            self._items.pop()

    def drop_before(self, tag: int) -> None:
        while self._items and self._items[0].tag < tag:
            self._items.popleft()

    def opening(self, block: int, sentence: int) -> Queued | None:
        """The queued start of that sentence, if it is queued."""
        found = (i for i in self._items if i.opens and (i.block, i.sentence) == (block, sentence))
        return next(found, None)

    def find(self, tag: int) -> Queued | None:
        return next((item for item in self._items if item.tag == tag), None)

    def heard(self, tag: int, frame: int) -> Iterator[tuple[Queued, NarrationEvent]]:
        """The events that frame `frame` of sentence `tag` being audible makes due, in order;
        sentences left behind are dropped as it goes."""
        while self._items:
            item = self._items[0]
            if item.tag > tag:
                return
            while item.markers and (item.tag < tag or item.markers[0][0] <= frame):
                self._heard.update(item.before)  # (its events come after those notices)
                yield item, item.markers.popleft()[1]
            if item.tag == tag:
                return
            self._heard.update(item.notices)
            self._items.popleft()

    def reported(self) -> bool:
        """Every queued sentence's events have been released."""
        return all(not item.markers for item in self._items)


def markers(
    clip: Clip, block: int, sentence: int, start: int, lead: int = 0
) -> deque[tuple[int, NarrationEvent]]:
    """A sentence's events by frame: it starts at `lead`, each word at its engine timing."""
    found: deque[tuple[int, NarrationEvent]] = deque([(lead, SentenceStarted(block, sentence))])
    for word in clip.words:
        frame = lead + word.ms * clip.sample_rate // 1000
        found.append((frame, WordStarted(block, start + word.start, start + word.end)))
    return found
