"""Word lists and character classes the cleaner's rules share, each in one place.

A rule that needs one of these imports it from here, so a change (a new script, another
copyright wording) is one edit that every rule sees alike.
"""

from __future__ import annotations

import re

FOOTER = re.compile(
    r"©|\(c\)\s*\d{4}|\ball rights reserved\b"
    r"|\b(?:available|licensed) under (?:the |a )?[\w .-]{0,40}\blicen[cs]e\b"
    r"|\bthis page was last\b",
    re.I,
)
"""A copyright line ("© 2024 ...", "(c) 2024", "All rights reserved"), or a wiki's licence
and "This page was last edited on ..." lines: page furniture."""
SLASHED = re.compile(r"\w/\w")
"""Credits ("JIM WATSON/AFP/Getty Images") and paths are not titles."""
UNSPACED_LETTERS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Chinese characters and Japanese kana, which write words without spaces between them:
counted to estimate how many words a line of such text holds."""
UNSPACED_JOINABLE = re.compile(
    r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
"""The same letters plus CJK punctuation and full-width forms: a line break between two of
these joins the lines without a space (unwrapping hard-wrapped text)."""
