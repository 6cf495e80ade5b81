"""The one line an error is reported in: a narration failure, a voice that will not load,
a missing audio device each show the listener the first line of the reason, never a
traceback."""

from __future__ import annotations

BRIEF = 160
"""A reason inside a longer line is cut to this: ONNX Runtime's run to several hundred."""


def first_line(error: BaseException, limit: int | None = None) -> str:
    """The first line of an error's message: what a one-line report shows (cut to `limit`
    characters)."""
    text = (str(error).strip() or type(error).__name__).splitlines()[0]
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text
