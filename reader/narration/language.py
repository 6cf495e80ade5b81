"""The language an article is read in: the one it declares, else the one its text is in.

Text scrapes and most plain text declare none. py3langid (langid.py's maintained fork, BSD,
a 97-language model shipped in the package, no network) tells the language from the body's
first few thousand characters in milliseconds once loaded (~0.5 s, in the worker or the
export, never in the UI process).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from reader.model import Article

SAMPLE_CHARS = 4000
"""Enough text for a confident guess; more only costs time."""
MIN_CHARS = 20
"""Below this a guess is noise: the voice stays the default."""
MIN_CONFIDENCE = 0.8
"""A guess less likely than this leaves the language unknown (the default voice)."""
_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def is_language(tag: str) -> bool:
    """Whether `tag` looks like a language tag ("en", "pt-BR", "en_US")."""
    return bool(_TAG.fullmatch(tag))


def article_language(article: Article) -> str:
    """The declared language, else the detected one, else "" (too little text, or no
    detector installed)."""
    if article.lang:
        return article.lang
    sample = ""
    for block in article.blocks:
        if block.is_body:
            sample += block.text + "\n"
            if len(sample) >= SAMPLE_CHARS:
                break
    return detect(sample[:SAMPLE_CHARS])


def detect(text: str) -> str:
    """The language of `text`, or "" when the detector is not sure (or not installed)."""
    if len(text.strip()) < MIN_CHARS:
        return ""
    identifier = _identifier()
    if identifier is None:
        return ""
    language, confidence = identifier.classify(text)
    return str(language) if confidence >= MIN_CONFIDENCE else ""


@functools.cache
def _identifier() -> Any:
    """py3langid's model with probabilities normalised to 0-1 (loaded once)."""
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
