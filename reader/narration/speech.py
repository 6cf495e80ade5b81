"""Speech text beside display text: what the ear should hear, mapped back to what the eye reads.

Read aloud as written, a page says "h t t p s colon slash slash ...", "left bracket twelve
right bracket" for a footnote marker and "bullet" for a separator. `speech_text` rewrites a
sentence for the ear:

- a URL becomes "a link to example.com" (its host, without "www.");
- footnote markers such as [12], [3-5], [citation needed] and (not right after a word,
  where it is more likely an index: a[i]) [a] are removed;
- stray symbols are dropped: separators (• | · ► …) become a space, marks (© ® ™ † * and
  other pictographic symbols, emoji included) vanish. Degree signs and the like stay.

The result keeps a map of which speech characters came from which display characters, so
the engine's word offsets (in speech text) become display offsets and highlights stay right.
A word inside a rewritten part ("link", "example.com") maps to the whole part (the URL).

`render` is the one place that synthesizes a sentence of display text: the narrator and the
export both use it, so what is exported is what is heard. Its clips start with the voice
(`quiet`: no leading silence kept beyond a few ms).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from urllib.parse import urlsplit

from reader.narration.engine import Clip, Synthesizer, WordTiming
from reader.narration.quiet import without_lead

_CANDIDATE = re.compile(
    r"""
    (?P<url>(?<![\w./@])(?:https?://|www\.)[^\s<>"]+)
    |(?P<note>\[(?:\d{1,3}(?:\s*[,–-]\s*\d{1,3})*|citation\ needed|note\ \d+)\]
      |(?<!\w)\[[a-z]\])                                # "[a]" after a word is code: a[i]
    |(?P<symbol>[^\w\s\x00-\x29\x2b-\x7b\x7d-\x7f])   # non-ASCII symbols, "*" and "|"
    """,
    re.VERBOSE | re.IGNORECASE,
)
SEPARATORS = frozenset("•|·►▶◀◆◇■□▪▫●○◦‣⁃→←↑↓⇒⇐↔¦")
"""Dropped, leaving a space (they stand between words)."""
MARKS = frozenset("©®™℠¶†‡*")
"""Dropped without a trace (they stick to words). Other "So" symbols are dropped as well."""
KEPT_SYMBOLS = frozenset("°№℃℉")
"""Symbols eSpeak reads usefully ("degrees")."""
_TRAILING = ".,;:!?'\"”’»]}"


@dataclass(frozen=True, slots=True)
class _Piece:
    speech: int
    """Where the piece starts in the speech text (pieces cover it without gaps)."""
    length: int
    display_start: int
    display_end: int
    copied: bool
    """Copied character for character (offsets inside map one to one)."""


@dataclass(frozen=True, slots=True)
class SpeechText:
    display: str
    text: str
    """What the engine is given."""
    pieces: tuple[_Piece, ...]

    def _piece(self, offset: int) -> _Piece:
        index = bisect_right([p.speech for p in self.pieces], offset) - 1
        return self.pieces[max(0, index)]

    def to_display(self, start: int, end: int) -> tuple[int, int]:
        """The display span `[start, end)` of the speech span `[start, end)`."""
        if not self.pieces:
            return (0, 0)
        first = self._piece(start)
        last = self._piece(max(start, end - 1))
        if first.copied:
            display_start = first.display_start + min(start - first.speech, first.length)
        else:
            display_start = first.display_start
        if last.copied:
            display_end = last.display_start + min(end - last.speech, last.length)
        else:
            display_end = last.display_end
        return display_start, max(display_start, display_end)

    def map_words(self, words: tuple[WordTiming, ...]) -> tuple[WordTiming, ...]:
        """Word timings in speech offsets -> display offsets; the words of one rewritten
        part ("a link to example.com") become one word, timed by the first of them."""
        mapped: list[WordTiming] = []
        for word in words:
            start, end = self.to_display(word.start, word.end)
            if end <= start:
                continue
            if mapped and start < mapped[-1].end:
                if end > mapped[-1].end:
                    previous = mapped[-1]
                    mapped[-1] = WordTiming(previous.start, end, previous.ms)
                continue
            mapped.append(WordTiming(start, end, word.ms))
        return tuple(mapped)


def speech_text(display: str) -> SpeechText:
    """The text to synthesize for `display`, with its offset map."""
    parts: list[tuple[str, int, int, bool]] = []  # (speech, display start, display end, copied)
    copied_from = 0
    position = 0
    while (match := _CANDIDATE.search(display, position)) is not None:
        start, end = match.span()
        replacement: str | None
        if match.group("url"):
            end = _trim_url(display, start, end)
            replacement = _link(display[start:end])
        elif match.group("note"):
            replacement = ""
        else:
            replacement = _symbol(match.group())
        position = end
        if replacement is None:
            continue
        if copied_from < start:
            parts.append((display[copied_from:start], copied_from, start, True))
        parts.append((replacement, start, end, False))
        copied_from = end
    if copied_from < len(display):
        parts.append((display[copied_from:], copied_from, len(display), True))
    pieces: list[_Piece] = []
    offset = 0
    for text, display_start, display_end, copied in parts:
        if text:
            pieces.append(_Piece(offset, len(text), display_start, display_end, copied))
            offset += len(text)
    return SpeechText(display, "".join(part[0] for part in parts), tuple(pieces))


def _trim_url(text: str, start: int, end: int) -> int:
    """A URL does not take the sentence's closing punctuation (nor an unopened bracket)."""
    while end > start:
        last = text[end - 1]
        unopened = last == ")" and text.count("(", start, end) < text.count(")", start, end)
        if last in _TRAILING or unopened:
            end -= 1
        else:
            break
    return end


def _link(url: str) -> str:
    try:
        host = urlsplit(url if "://" in url else f"http://{url}").hostname or ""
    except ValueError:
        host = ""
    host = host.removeprefix("www.")
    return f"a link to {host}" if host else "a link"


def _symbol(char: str) -> str | None:
    """What a symbol becomes: "" (dropped), " " (a separator), None (kept as it is)."""
    if char in SEPARATORS:
        return " "
    if char in MARKS:
        return ""
    if char in KEPT_SYMBOLS:
        return None
    return "" if unicodedata.category(char) == "So" else None


def render(synth: Synthesizer, display: str) -> Clip:
    """Synthesize a sentence of display text; the clip's word offsets are display offsets,
    and its leading silence is cut short (a skip or a play hears the voice at once)."""
    speech = speech_text(display)
    clip = synth.synthesize(speech.text) if speech.text.strip() else synth.synthesize("")
    return without_lead(Clip(clip.pcm, clip.sample_rate, speech.map_words(clip.words)))
