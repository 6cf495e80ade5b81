"""One line under the article: what the narrator is doing, where, how fast, which voice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

if TYPE_CHECKING:
    from reader.model import Article
    from reader.narration.events import PlayState

_STATE_LABEL: dict[str, str] = {
    "stopped": "■ stopped",
    "playing": "▶ playing",
    "paused": "⏸ paused",
}


class PlayerBar(Static):
    state: reactive[PlayState] = reactive("stopped")
    paragraph = reactive(0)
    paragraphs = reactive(0)
    rate = reactive(1.0)
    volume = reactive(1.0)
    voice = reactive("")
    following = reactive(True)
    sleep = reactive("")
    words_left = reactive(0)
    """Words from the spoken block to the end: the time left, at the current rate."""
    search = reactive("")
    opening = reactive("")
    """What is being opened, and how much of it has come."""
    problem: reactive[str | None] = reactive(None)
    """One line saying why narration cannot work (no audio device, no engine, ...)."""

    def render(self) -> Text:
        parts = [_STATE_LABEL[self.state]]
        if self.paragraphs:
            percent = round(100 * (self.paragraph + 1) / self.paragraphs)
            parts.append(f"¶ {self.paragraph + 1}/{self.paragraphs} {percent}%")
        if self.words_left and self.state != "stopped":
            parts.append(_time_left(self.words_left, self.rate))
        if self.search:
            parts.append(self.search)
        parts.append(f"{self.rate:g}x")
        parts.append(f"vol {self.volume:.0%}")
        parts.append(f"voice {self.voice or '…'}")
        if self.sleep:
            parts.append(f"sleep {self.sleep}")
        if self.opening:
            parts.append(self.opening)
        if not self.following and self.state != "stopped":
            parts.append("f: back to the narration")
        line = Text("  ·  ".join(parts))
        if self.problem:
            line.append("  ·  ")
            line.append(self.problem, style="bold")
        return line


WORDS_A_MINUTE = 175
"""eSpeak NG's normal rate."""


def _time_left(words: int, rate: float) -> str:
    minutes = words / (WORDS_A_MINUTE * rate)
    return f"{minutes:.0f} min left" if minutes >= 1 else "< 1 min left"


def words_from(article: Article) -> list[int]:
    """Words of the body from each block to the end."""
    # Spaces plus one: words to within a few, and fast enough for a book on the UI thread.
    counts = [block.text.count(" ") + 1 if block.is_body else 0 for block in article.blocks]
    total, result = 0, [0] * len(counts)
    for index in range(len(counts) - 1, -1, -1):
        total += counts[index]
        result[index] = total
    return result


def received_label(received: int, announced: int | None) -> str:
    """ "120 kB of 1.3 MB" (or "120 kB" when the server did not say how much)."""
    label = _bytes(received)
    return f"{label} of {_bytes(announced)}" if announced and announced >= received else label


def _bytes(count: int) -> str:
    if count < 1_000_000:
        return f"{max(1, round(count / 1000))} kB"
    return f"{count / 1_000_000:.1f} MB"
