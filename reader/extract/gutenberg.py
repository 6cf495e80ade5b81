"""A Project Gutenberg text: the book between its licence header and footer, and its card.

Gutenberg files wrap the book in boilerplate: a header with the catalogue card ("Title:",
"Author:", "Language:") ending in "*** START OF THE PROJECT GUTENBERG EBOOK ... ***", and a
footer with the licence, starting "*** END OF THE PROJECT GUTENBERG EBOOK ... ***" (older
files: "*END*THE SMALL PRINT!...*END*" and "End of the Project Gutenberg EBook of ...").
Only the text between the markers is the book; the card gives its title, author, language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_START = re.compile(
    r"^[ \t]*(?:\*{3}[ \t]*START OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b.*"
    r"|\*END\*THE SMALL PRINT!.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_END = re.compile(
    r"^[ \t]*(?:\*{3}[ \t]*END OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b"
    r"|End of (?:the )?Project Gutenberg(?:'s|’s)?\b)",
    re.IGNORECASE | re.MULTILINE,
)
_FIELD = re.compile(r"^(Title|Author|Language)[ \t]*:[ \t]*(.*)$", re.IGNORECASE | re.MULTILINE)
_MARKER_TITLE = re.compile(r"E-?(?:BOOK|TEXT)\s+(?:OF\s+)?(.*?)[\s*]*$", re.IGNORECASE)
_HEADER_MAX = 100_000
"""The START marker is this near the top (old licence headers run to some 20 KB)."""
_CONTINUATION_LINES = 4
"""A catalogue field (a long title) continues on at most this many indented lines."""
_LANGUAGES = {
    "english": "en",
    "french": "fr",
    "german": "de",
    "spanish": "es",
    "italian": "it",
    "portuguese": "pt",
    "dutch": "nl",
    "finnish": "fi",
    "swedish": "sv",
    "danish": "da",
    "norwegian": "no",
    "russian": "ru",
    "polish": "pl",
    "latin": "la",
    "greek": "el",
    "chinese": "zh",
    "japanese": "ja",
    "esperanto": "eo",
    "hungarian": "hu",
    "czech": "cs",
    "catalan": "ca",
    "tagalog": "tl",
}


@dataclass(frozen=True)
class Framed:
    """The book between the markers, and what the catalogue card says about it."""

    body: str
    title: str = ""
    author: str | None = None
    lang: str | None = None


def unframe(text: str) -> Framed | None:
    """The book inside a Gutenberg file, or None when `text` has no START marker near its top."""
    start = _START.search(text, 0, _HEADER_MAX)
    if start is None:
        return None
    end = _END.search(text, start.end())
    body = text[start.end() : end.start() if end else len(text)]
    card = _card(text[: start.start()])
    title = card.get("title") or _marker_title(start.group(0))
    language = (card.get("language") or "").split(",")[0].split(" and ")[0].strip().casefold()
    return Framed(body, title, card.get("author"), _LANGUAGES.get(language))


def _card(header: str) -> dict[str, str]:
    """Catalogue fields; a long title or author continues on indented lines."""
    card: dict[str, str] = {}
    for match in _FIELD.finditer(header):
        key = match.group(1).casefold()
        if key in card:
            continue
        value = [match.group(2).strip()]
        rest = header[match.end() + 1 :].split("\n")
        for line in rest[:_CONTINUATION_LINES]:
            if not line.startswith((" ", "\t")) or not line.strip():
                break
            value.append(line.strip())
        card[key] = " ".join(part for part in value if part)
    return {key: value for key, value in card.items() if value}


def _marker_title(marker: str) -> str:
    """ "*** START OF THE PROJECT GUTENBERG EBOOK MOBY DICK ***" -> "MOBY DICK"."""
    match = _MARKER_TITLE.search(marker)
    return match.group(1).strip() if match and "SMALL PRINT" not in marker.upper() else ""
