"""One line under the article: what the narrator is doing, where, how fast, which voice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

if TYPE_CHECKING:
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
    voice = reactive("")
    following = reactive(True)
    sleep = reactive("")
    time_left = reactive("")
    """Narration time left in the article at the current rate, e.g. "12 min left"."""
    search = reactive("")
    problem: reactive[str | None] = reactive(None)
    """One line saying why narration cannot work (no audio device, no engine, ...)."""

    def render(self) -> Text:
        parts = [_STATE_LABEL[self.state]]
        if self.paragraphs:
            percent = round(100 * (self.paragraph + 1) / self.paragraphs)
            parts.append(f"¶ {self.paragraph + 1}/{self.paragraphs} {percent}%")
        if self.time_left and self.state != "stopped":
            parts.append(self.time_left)
        if self.search:
            parts.append(self.search)
        parts.append(f"{self.rate:g}x")
        parts.append(f"voice {self.voice or '…'}")
        if self.sleep:
            parts.append(f"sleep {self.sleep}")
        if not self.following and self.state != "stopped":
            parts.append("f: back to the narration")
        line = Text("  ·  ".join(parts))
        if self.problem:
            line.append("  ·  ")
            line.append(self.problem, style="bold")
        return line
