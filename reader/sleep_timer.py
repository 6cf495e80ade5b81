"""The sleep timer's state: off, end of the current paragraph, or a number of minutes.

Shared by the reader and `reader speak`, and plain code: `cycle` steps through the choices,
`ends_before` says whether narration reaching a block should stop it, `rang` whether a
minutes timer that fired is still the current one.
"""

from __future__ import annotations

import math
import time

CHOICES: tuple[str | int | None, ...] = (None, "paragraph", 15, 30, 60)


class SleepTimer:
    def __init__(self) -> None:
        self.choice: str | int | None = None
        self._block = 0
        self._deadline = 0.0

    def cycle(self, block: int) -> str | int | None:
        """Step to the next choice; `block` is the paragraph being spoken now."""
        self.choice = CHOICES[(CHOICES.index(self.choice) + 1) % len(CHOICES)]
        self._block = block
        if isinstance(self.choice, int):
            self._deadline = time.monotonic() + self.choice * 60
        return self.choice

    @property
    def label(self) -> str:
        if self.choice == "paragraph":
            return "end of ¶"
        if isinstance(self.choice, int):
            # Time remaining, not an end time: "23:45" read like a countdown.
            return f"{math.ceil(self._remaining() / 60)} min"
        return ""

    def _remaining(self) -> float:
        return max(0.0, self._deadline - time.monotonic())

    def ends_before(self, block: int) -> bool:
        """Narration reached `block`: stop if the timer waits for the paragraph to end."""
        return self.choice == "paragraph" and block != self._block

    def rang(self) -> bool:
        """A minutes timer fired: true if it is still the chosen one and due."""
        due = isinstance(self.choice, int) and self._remaining() <= 0.5
        if due:
            self.clear()
        return due

    def clear(self) -> None:
        self.choice = None
