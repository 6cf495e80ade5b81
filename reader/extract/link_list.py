"""A text dump's list of links: lynx's "[12]" markers and its numbered "References".

`lynx -dump` writes each link's number before its text ("read [12]the report") and lists
the addresses by number at the end, under a label of its own ("References", with "Visible
links:" and "Hidden links:" among them). Neither is the article's: read aloud, the markers
say "bracket twelve", and the list is a page of addresses. Both are found by shape: the list
is a run of numbered lines each holding one address ("12. https://..."), numbers rising,
under a short label; a marker is a bracketed number glued to the word after it and not to
the word before it (`a[2]` is an index), each higher than the one before (lynx numbers its
links in the order they come), and the list names at least `_MARKED_SHARE` of the entries
by their markers. A dump made of several pages, one after another, has a list after each.

The markers go from the text and the list from the units; each marker with an address
becomes a link over the words after it. A dump does not say where a link's text ends, so
the link covers its likely phrase: the whole line when it opens a short unit of its own
(a heading, a menu entry, a list item), else its words up to a punctuation mark or the next
link: a run of capitalised words ("Gulf of Finland"), or else a few words up to the first
stopword after a word that is not one, at most four ("the annual report" in "the annual report
of the bank").
"""

from __future__ import annotations

import re

from reader.extract import shapes
from reader.extract.inline_html import openable
from reader.extract.units import Unit
from reader.model import Inline, InlineStyle

_ENTRY = re.compile(r"(\d{1,5})\.\s+([A-Za-z][A-Za-z0-9+.-]*:\S.*)")
"""One line of the list: its number and the address."""
_MARKER = re.compile(r"(?<![\w\]])\[(\d{1,5})\](?=\S|$)")
_LABEL_WORDS = 3
"""A label in or above the list ("References", "Visible links:") has at most this many
words ..."""
_LABELS_ABOVE = 2
"""... and at most this many stand above its first entry."""
_MAX_MARKER = 99_999
_BROKEN_UNITS = 3
"""An address with a line break in it runs on over at most this many units."""
_MARKED_SHARE = 0.25
"""The list is the text's own when its entries have markers in the text at least this often
(hidden links have none)."""
_WHOLE_WORDS = 12
"""A unit opening with a link and this many words or fewer is that link's text ..."""
_LINK_WORDS = 4
"""... and elsewhere a link covers at most this many words."""
_CONNECTORS = frozenset({"of", "the", "and", "de", "for", "on", "in", "la", "von", "van"})
"""Small words inside a capitalised name ("Gulf of Finland", "Bank of England")."""
_OPENABLE = frozenset({"http", "https", "file"})
"""A listed address becomes a link only with one of these schemes (a page's own, and a dump
of a saved page's "file:" ones): a "javascript:" or "data:" entry leaves with the list, its
marker making no link that a click would run."""
_STOP = re.compile(r"""[.,;:!?()\[\]"“”«»|]|\s[-–—]\s""")


def without_link_lists(units: list[Unit]) -> tuple[list[Unit], bool]:
    """`units` without the link lists and their markers, each link kept as a link of its
    unit; and whether there was a list."""
    kept: list[Unit] = []
    segment = 0  # where the units of the page that the next list belongs to start
    index = 0
    found = False
    while index < len(units):
        listed = _list_at(units, index)
        if listed is None:
            kept.append(units[index])
            index += 1
            continue
        start, end, addresses = listed
        if _marked(kept[segment:], addresses):
            kept = kept[: len(kept) - (index - start)]  # the labels above the list
            _link(kept[segment:], addresses)
            segment, found = len(kept), True
        else:
            kept.extend(units[index:end])
        index = end
    return kept, found


def without_markers(text: str) -> str:
    """`text` without anything shaped like a link marker (for measures over the source)."""
    return _MARKER.sub("", text) if "[" in text else text


def _list_at(units: list[Unit], index: int) -> tuple[int, int, dict[int, str]] | None:
    """A link list whose first entry is units[index]: (its first unit, labels above it
    included; the unit after it; its addresses by number)."""
    if _ENTRY.fullmatch(units[index].text) is None or (
        index > 0 and _ENTRY.fullmatch(units[index - 1].text)
    ):
        return None
    start = index
    while start > 0 and index - start < _LABELS_ABOVE and _is_label(units[start - 1].text):
        start -= 1
    addresses: dict[int, str] = {}  # (numbered in rising order: the last is the highest)
    end = index
    while end < len(units):
        entry = _ENTRY.fullmatch(units[end].text)
        if entry is not None and int(entry[1]) > _last(addresses):
            addresses[int(entry[1])] = entry[2]
        elif _is_label(units[end].text) and end + 1 < len(units) and _entry(units[end + 1]):
            pass  # "Hidden links:"
        else:  # the rest of an address with a line break in it, or the list's end
            after = next(
                (
                    i
                    for i in range(end + 1, min(len(units), end + 1 + _BROKEN_UNITS))
                    if _entry(units[i])
                ),
                None,
            )
            if after is None or not _follows(units[after], addresses):
                break
            end = after - 1
        end += 1
    return start, end, addresses


def _follows(unit: Unit, addresses: dict[int, str]) -> bool:
    entry = _ENTRY.fullmatch(unit.text)
    return entry is not None and int(entry[1]) > _last(addresses)


def _last(addresses: dict[int, str]) -> int:
    """The highest number of a list's `addresses` so far: the last one taken (a `max` over
    them at each entry took a time growing as the list's square)."""
    return next(reversed(addresses), 0)


def _entry(unit: Unit) -> bool:
    return _ENTRY.fullmatch(unit.text) is not None


def _is_label(text: str) -> bool:
    return len(shapes.words(text)) <= _LABEL_WORDS and not shapes.ends_sentence(text)


def _markers(units: list[Unit], last: int) -> list[tuple[Unit, list[re.Match[str]]]]:
    """The markers of each unit, in order, each numbered above the one before and at most
    `last`."""
    found: list[tuple[Unit, list[re.Match[str]]]] = []
    previous = 0
    for unit in units:
        mine: list[re.Match[str]] = []
        if "[" in unit.text:
            for match in _MARKER.finditer(unit.text):
                number = int(match[1])
                if previous < number <= last:
                    mine.append(match)
                    previous = number
        found.append((unit, mine))
    return found


def _marked(units: list[Unit], addresses: dict[int, str]) -> bool:
    """The list is the one of the markers above it: it names them (and, lynx's list being
    the last thing on its page, no marker above it is numbered past its end)."""
    numbers = [int(m[1]) for _, found in _markers(units, _MAX_MARKER) for m in found]
    if not numbers or numbers[-1] > max(addresses):
        return False
    return len(addresses.keys() & set(numbers)) >= max(1, _MARKED_SHARE * len(addresses))


def _link(units: list[Unit], addresses: dict[int, str]) -> None:
    """Takes the markers out of `units`, in place, making a link of each with an address."""
    for unit, found in _markers(units, max(addresses)):
        if not found:
            continue
        pieces: list[str] = []
        starts: list[tuple[int, str | None]] = []
        previous = length = 0
        for match in found:
            before = unit.text[previous : match.start()]
            pieces.append(before)
            length += len(before)
            starts.append((length, _openable(addresses.get(int(match[1])))))
            previous = match.end()
        pieces.append(unit.text[previous:])
        text = "".join(pieces)
        links = []
        for number, (start, href) in enumerate(starts):
            limit = starts[number + 1][0] if number + 1 < len(starts) else len(text)
            end = _link_end(text, start, limit, alone=len(starts) == 1)
            if href is not None and end > start:
                links.append(Inline(start, end, InlineStyle.LINK, href))
        unit.text = text
        unit.links = tuple(sorted((*unit.links, *links), key=lambda span: span.start))


def _openable(address: str | None) -> str | None:
    return address if openable(address, _OPENABLE) else None


def _link_end(text: str, start: int, limit: int, *, alone: bool) -> int:
    """Where the text of a link starting at `start` likely ends (see the module's notes)."""
    if start == 0 and alone and len(shapes.words(text)) <= _WHOLE_WORDS:
        return len(text.rstrip())
    stop = _STOP.search(text, start, limit)
    phrase = text[start : stop.start() if stop else limit]
    words = list(re.finditer(r"\S+", phrase))
    if not words:
        return start
    taken = 0
    if words[0][0][:1].isupper():
        while taken < len(words) and (
            words[taken][0][:1].isupper()
            or (
                words[taken][0] in _CONNECTORS
                and taken + 1 < len(words)
                and words[taken + 1][0][:1].isupper()
            )
        ):
            taken += 1
    else:
        content = False
        while taken < min(len(words), _LINK_WORDS):
            stopword = words[taken][0].lower() in shapes.STOPWORDS
            if stopword and content:
                break
            content = content or not stopword
            taken += 1
    return start + words[max(1, taken) - 1].end()
