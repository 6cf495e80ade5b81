"""Is a text a page scrape at all? Count the page furniture a scrape carries.

A "select all, copy" scrape brings the page around the article along: cue labels
("Related", "Share", "Read more"), social, account and legal links ("Facebook", "Sign in",
"Privacy"), a copyright footer, breadcrumbs ("Home > News > World"), and what a renderer
leaves of forms, frames and images ("[          ]", "IFRAME: ...", "[logo.png]", a lone
bullet). A clean article text, technical or not, has (almost) none of these, and the scrape
cleaner would only harm it: its tables, code, lists and contents are runs of short lines far
from one another, which the cleaner takes for menus. So a text with hardly any furniture is
kept whole (see `text.parse_text`).

Repeated lines and runs of short lines are deliberately not counted: table cells, code and a
contents list that repeats the headings below it make them in clean text as often as menus
do in scrapes.
"""

from __future__ import annotations

import re

from reader.extract import shapes
from reader.extract.runs import is_cue
from reader.extract.thresholds import FURNITURE_CHARS, LABEL_CHARS
from reader.extract.units import Unit
from reader.extract.vocabulary import FOOTER

_ALLOWED = 2
"""Furniture lines a clean text may have: a quoted "Share" button, a "Related work" heading."""
_PER_UNITS = 250
"""... plus one per this many units: a long text names Twitter or says "Search" now and then."""
_MIN_UNITS = 4
"""A text of fewer units is too short to tell whether it is a scrape."""
_LINK_WORDS = 3
"""A social, account or navigation link ("Sign in", "Follow on Twitter") is this many words
or fewer."""
_LINK = re.compile(
    r"\b(?:facebook|twitter|instagram|youtube|linkedin|pinterest|whatsapp|reddit|flickr"
    r"|google\+|rss|e-?mail|print|sign in|sign up|log ?in|log ?out|register|subscribe"
    r"|privacy(?: policy)?|cookies?|terms of (?:use|service)|contact us|about us|newsletters?"
    r"|home|menu|search)\b",
    re.I,
)
"""Social, account, legal and navigation links: a line of at most `_LINK_WORDS` words."""
_LINK_CJK = re.compile(r"首页|登录|注册|搜索|分享|评论|收藏|责任编辑|返回|ログイン|検索|シェア")
"""The same in Chinese and Japanese (no spaces, so no word boundaries): in a short line."""
_CJK_MAX = 12
"""... in a line of at most this many characters."""
_SKIP = re.compile(r"(?:skip (?:to|navigation)|jump to|toggle)\b", re.I)
"""An accessibility link or a control: "Skip to main content", "Toggle the table of
contents"."""
_ARTIFACT = re.compile(
    r"^\[\s*\]$"  # an empty form field
    r"|\[[^\[\]]*\.(?:jpe?g|png|gif|svg|webp)\]"  # an image shown by its file name
    r"|^IFRAME:|_{6,}|^[•·]$|^\d{1,3}[.)]$"  # a frame, a text input, an empty list item
    r"|[(\[]BUTTON\b|\[(?:INS:|IMG|INLINE|SUBMIT|Search|Go)\b",
    re.I,
)
"""What a renderer (or a browser's copy) leaves of forms, frames and images."""
_CRUMB = re.compile(r"^(?:[^<>»|]{1,30}\s(?:>>?|»|\|)\s){2,}[^<>»|]{0,30}$")
_CRUMB_SEPARATOR = re.compile(r"\s(?:>>?|»|\|)\s")


def _is_crumb(text: str) -> bool:
    """A breadcrumb or a menu on one line: "Home > News > World", "News | Sport | Weather";
    its parts are names (capitalised or not in Latin script), unlike code's "a > b > c"."""
    if not _CRUMB.match(text):
        return False
    parts = [part.strip() for part in _CRUMB_SEPARATOR.split(text)]
    return all(part[:1].isalnum() and not part[:1].islower() for part in parts if part)


def is_control(text: str) -> bool:
    """A page's control, never a title: "Skip to content", "Toggle the table of contents"."""
    return bool(_SKIP.match(text.strip()))


def is_furniture_line(text: str) -> bool:
    """One of the page's own lines, never the article's."""
    text = text.strip()
    if len(text) > FURNITURE_CHARS:
        return False
    if len(text) <= LABEL_CHARS and (is_cue(text) or shapes.is_furniture(text)):
        return True
    if (
        len(shapes.words(text)) <= _LINK_WORDS
        and not shapes.ends_sentence(text)
        and _LINK.search(text)
    ):
        return True
    if len(text) <= _CJK_MAX and _LINK_CJK.search(text):
        return True
    return bool(
        FOOTER.search(text) or _ARTIFACT.search(text) or _is_crumb(text) or is_control(text)
    )


def is_clean(units: list[Unit]) -> bool:
    """Hardly any page furniture: an article text with no page around it. A text of a few
    lines is too short to tell (it has no room for furniture); the cleaner's rules judge it."""
    if len(units) < _MIN_UNITS:
        return False
    furniture = sum(is_furniture_line(unit.text) for unit in units)
    return furniture <= _ALLOWED + len(units) / _PER_UNITS
