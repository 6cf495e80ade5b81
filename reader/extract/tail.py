"""Where the article ends: what follows its run of good paragraphs and belongs to it.

The run ends at its last good paragraph. What comes after it is the page's (a share bar, a
"Related" list, a footer) or the article's own end, which is not prose either:

- a short sentence, of a few words ("That is all for today.");
- a code sample or a table, and the sentence after it, however short ("Done.");
- the rest of a list it ends on;
- the list or the verse under the line that introduces it ("You will need:", "... he
  read:"): the list's items, the verse's lines up to the one ending its sentence;
- a section whose body is a sample, a table or an aligned list, under its heading or the
  line that introduces it: a README's "Installation", then "$ pip install tidetable";
  "Options:", then "--days N   how many days to print".

A line repeated in the page, a cue ("Related", "Share") and a page's label are never the
article's end.
"""

from __future__ import annotations

from collections import Counter

from reader.extract import shapes
from reader.extract.runs import is_cue
from reader.extract.shapes import Kind
from reader.extract.units import VERBATIM, Unit
from reader.model import BlockKind

TAIL_WORDS = 3
"""A short sentence right after the body, of at least this many words, belongs to it."""
_VERSE_LINES = 16
"""A verse's stanza (short lines, the last ending a sentence) under the line introducing it
has at most this many lines."""
_ITEM_WORDS = 3
"""An item of the list the article ends on has at least this many words, and a list under an
introduction as many an item on average ..."""
_INTRODUCTION_WORDS = 2
"""... and its introduction this many ("You will need:", not "Tags:")."""
_HEAD_REACH = 2
"""A heading or an introduction heads a sample when one is among this many units after it
(a heading, then the line that introduces the sample)."""


def run_end(
    units: list[Unit], kinds: list[Kind], counts: Counter[str], keys: list[str], end: int
) -> int:
    """Where the article whose run ends before `end` ends (see the module's docstring)."""
    least = TAIL_WORDS  # the words a short sentence needs to belong
    listed = False  # the unit before is an introduction ("Options:") or a line it heads
    while end < len(units):
        unit, text = units[end], units[end].text
        own = _is_own(units, kinds, counts, keys, end)
        if (
            end
            and units[end - 1].text.rstrip().endswith(":")
            and ((verse := _introduced(units, kinds, counts, keys, end)) > end)
        ):
            end, least, listed = verse, TAIL_WORDS, False
        elif unit.kind in VERBATIM:
            end, least, listed = end + 1, 1, False
        elif (
            own
            and unit.kind is BlockKind.LIST_ITEM
            and units[end - 1].kind is unit.kind
            and len(shapes.words(text)) >= _ITEM_WORDS  # (not a list of tags: "Whales")
        ):
            end += 1  # the rest of the list the article ends on
        elif own and listed and shapes.is_data(text):
            end += 1  # an aligned list's line: "--days N   how many days to print"
        elif (
            own
            and text.rstrip().endswith(":")
            and ((verse := _introduced(units, kinds, counts, keys, end + 1)) > end + 1)
        ):
            end, least, listed = verse, TAIL_WORDS, False  # an introduction, and its verse
        elif own and _heads_sample(units, kinds, counts, keys, end):
            end, least, listed = end + 1, TAIL_WORDS, text.rstrip().endswith(":")
        elif (
            own
            and shapes.ends_sentence(text)
            and len(shapes.words(text)) >= least
            and not shapes.credit(text)
        ):
            end, least, listed = end + 1, TAIL_WORDS, False
        else:
            break
    return end


def _introduced(
    units: list[Unit], kinds: list[Kind], counts: Counter[str], keys: list[str], start: int
) -> int:
    """The end of the short lines that the line ending in ":" before `start` introduces:
    a list of several words an item ("You will need:", "2 onions, chopped"; not "Filed
    under:" and its tags), or lines whose last ends a sentence (a verse's stanza); or
    `start`."""
    items = start
    while (
        items < len(units)
        and units[items].kind is BlockKind.LIST_ITEM
        and _is_own(units, kinds, counts, keys, items)
    ):
        items += 1
    words = [len(shapes.words(unit.text)) for unit in units[start:items]]
    if words and sum(words) >= _ITEM_WORDS * len(words):
        return items if len(shapes.words(units[start - 1].text)) >= _INTRODUCTION_WORDS else start
    for at in range(start, min(len(units), start + _VERSE_LINES)):
        if not _is_own(units, kinds, counts, keys, at):
            return start
        if shapes.ends_sentence(units[at].text):
            return at + 1
    return start


def _is_own(
    units: list[Unit], kinds: list[Kind], counts: Counter[str], keys: list[str], index: int
) -> bool:
    """A short line the page does not repeat, and no cue or label of the page's."""
    text = units[index].text
    return (
        kinds[index] is Kind.SHORT
        and counts[keys[index]] == 1
        and not is_cue(text)
        and not shapes.is_furniture(text)
    )


def _heads_sample(
    units: list[Unit], kinds: list[Kind], counts: Counter[str], keys: list[str], index: int
) -> bool:
    """units[index] is a heading or an introduction with a sample, a table or (after an
    introduction) an aligned list right under it, or under the next such line."""
    for at in range(index, min(len(units) - 1, index + _HEAD_REACH)):
        text = units[at].text.rstrip()
        if at > index and not _is_own(units, kinds, counts, keys, at):
            return False
        introduces = text.endswith(":")
        if not (introduces or shapes.is_heading_like(text)) or shapes.is_data(text):
            return False
        below = units[at + 1]
        if below.kind in VERBATIM or (introduces and shapes.is_data(below.text)):
            return True
    return False
