"""Thresholds that several of the cleaner's rules share, each defined once.

A threshold only one module uses is named at the top of that module; the ones here are read
by more than one rule, which must agree on them (a change is one edit every rule sees).
"""

from __future__ import annotations

LABEL_CHARS = 80
"""A cue or furniture label ("Related", "Share this") is at most this many characters."""
FURNITURE_CHARS = 200
"""A line of page furniture is at most this long: longer lines are text, never looked at."""
PROSE_STOPWORDS = 0.15
"""Prose has at least this share of stopwords; a document with less overall is in a language
the stopword list does not know, and is judged without it."""
