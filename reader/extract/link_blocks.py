"""Which of the article's blocks are links to elsewhere rather than its own words.

readability keeps the densest container, which can still hold a list of related stories,
a share bar or a "Read more" link; the walk (`html_blocks`) gives each block the share of
its text inside links and its words outside them, read here to tell a list of links from
a sentence with links in it.
"""

from __future__ import annotations

import itertools
import re

from reader.extract import shapes
from reader.extract.around import BODY_LINKS
from reader.extract.html_blocks import Raw
from reader.model import BlockKind

_LINK_LIST = 0.6
"""A block with more than this share of its text in links ..."""
_LINK_LIST_WORDS = 25
"""... and at most this many words is a list of links, dropped ..."""
_LINK_LIST_OWN_WORDS = 3
"""... unless this many of its words are outside its links: a sentence with links in it
("Neil has patches up to <improve the tab unloader>, and <show UI when frames crash>"),
or an item of a list whose items together are not mostly links: one linked line among the
sentences of a list of news ("<Here's our year in review!>") is one of them, while a list
of related stories is links from top to bottom."""
_ITEM_PROSE_WORDS = 40
"""A paragraph of at least this many words under a linked heading is the article's prose
about the item the link names; a teaser's excerpt under its headline is shorter."""
_CUE = (
    r"^\W*(?:related|read(?: more| next| also)?|see also|also read|more|watch|listen|recommended"
    r"|most read|learn more|lire(?: aussi)?|voir aussi|à lire aussi|leer más|lea también"
    r"|lesen sie auch|mehr zum thema|main articles?|further information|previous|next|older"
    r"|newer)\b[^:：]{0,20}[:：]"
)
_POINTER = re.compile(_CUE, re.IGNORECASE)
"""The cue before a link to another page ("Main article:", "See also:", "Related:")."""
_PROMOTION = re.compile(
    _CUE + r"|^\[.*\]$|^\W*[←«‹]|[→»›]\W*$"
    r"|^\W*(?:learn|read|find out|click|sign|subscribe|download|get|continue|see|view|watch"
    r"|listen|edit|improve|share|print|e-?mail|comment|reply|follow|join|donate|buy|shop|try"
    r"|go|back|return|jump|skip)\b",
    re.IGNORECASE,
)
"""A link promoted as another story or page: cued ("Related: ...", "Lire aussi : ...",
"Main article: ...", "Previous: ..."), set in brackets ("[Read: ...]"), pointed to by an
arrow ("← Older post"), or a call to action ("Learn more about ...", "Edit this page")."""

TEASER = re.compile(
    r"(?:…|\.\.\.)\s*(?:\[?\s*(?:read more|continue reading|read on|more|lire la suite"
    r"|weiterlesen|leer más|leia mais)\s*\]?\W*){1,2}$",
    re.IGNORECASE,
)
"""Another story's excerpt, cut short and followed by its link ("... it… Read more")."""


def link_furniture(raws: list[Raw]) -> list[bool]:
    """Which blocks are page furniture made of links (`_is_link_furniture`), or point to
    other pages (`_is_pointer`)."""
    links = _links_only(raws)
    return [
        (links[index] and _is_link_furniture(raws, links, index)) or _is_pointer(raw)
        for index, raw in enumerate(raws)
    ]


def _list_link_shares(raws: list[Raw]) -> dict[int, float]:
    """The share of each list's text inside links, its items taken together."""
    links: dict[int, float] = {}
    chars: dict[int, int] = {}
    for raw in raws:
        if raw.group:
            size = _chars(raw.text)
            chars[raw.group] = chars.get(raw.group, 0) + size
            links[raw.group] = links.get(raw.group, 0.0) + raw.link_share * size
    return {group: links[group] / max(1, chars[group]) for group in chars}


def _links_only(raws: list[Raw]) -> list[bool]:
    """Which blocks are a link and little else: mostly links, short, few words of their
    own, and (a list's item) in a list that is mostly links too."""
    list_links = _list_link_shares(raws)
    return [
        raw.link_share > _LINK_LIST
        and list_links.get(raw.group, 1.0) > _LINK_LIST
        and (len(shapes.words(raw.text)) <= _LINK_LIST_WORDS or raw.kind is BlockKind.HEADING)
        and raw.own_words < _LINK_LIST_OWN_WORDS
        for raw in raws
    ]


def _is_link_furniture(raws: list[Raw], links: list[bool], index: int) -> bool:
    """A link block that is page furniture: a heading, caption or list item made of a link
    (a teaser's headline), one of several links side by side ("Facebook X WhatsApp") or
    of a run of link blocks (a list of links written as paragraphs), or a promotion
    ("Related: <...>", "[Read: <...>]", "<Learn more>"). A link paragraph alone between the
    article's paragraphs is the article's: an image's credit ("(Artist: <name>)"), a
    sentence written as a link; so is a heading made of a link over a paragraph of the
    article's prose: a list of games or recipes names each item by a link to it."""
    raw = raws[index]
    if raw.kind is BlockKind.HEADING and _introduces_prose(raws, index):
        return False
    return (
        raw.kind is not BlockKind.PARAGRAPH
        or bool(raw.group)
        or raw.link_count > 1
        or (index > 0 and links[index - 1])
        or (index + 1 < len(raws) and links[index + 1])
        or bool(_PROMOTION.match(raw.text))
    )


def _introduces_prose(raws: list[Raw], index: int) -> bool:
    """The block at `index` is followed (past captions) by a paragraph of prose longer than
    a teaser's excerpt, with few links, not cut short."""
    for raw in itertools.islice(raws, index + 1, None):
        if raw.kind is BlockKind.CAPTION or not raw.text:
            continue
        return (
            raw.kind is BlockKind.PARAGRAPH
            and raw.link_share < BODY_LINKS
            and len(shapes.words(raw.text)) >= _ITEM_PROSE_WORDS
            and not TEASER.search(raw.text)
        )
    return False


def _is_pointer(raw: Raw) -> bool:
    """A cue and links to other pages, nothing else: "Main article: <Firefox>", "See also:
    <Rail transport> and <Tramways>". The cue's words are not counted as the block's own
    (as `_links_only` counts them), so a pointer to one page is links too."""
    cue = _POINTER.match(raw.text)
    if cue is None or raw.kind is not BlockKind.PARAGRAPH or not raw.link_count:
        return False
    rest = raw.text[cue.end() :]
    link_chars = raw.link_share * _chars(raw.text)
    own = raw.own_words - len(shapes.words(cue.group()))
    return (
        link_chars > _LINK_LIST * _chars(rest)
        and len(shapes.words(rest)) <= _LINK_LIST_WORDS
        and own < _LINK_LIST_OWN_WORDS
    )


def _chars(text: str) -> int:
    """Visible characters, as the walk counts them for `Raw.link_share`."""
    return len("".join(text.split()))
