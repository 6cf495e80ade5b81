"""Where the article is in a scrape: runs of good paragraphs, and which of them belong.

A run is a stretch of good units (see `shapes.classify`) with fewer than `_SPLIT_GAP`
other units between any two; a cue line ("Related", "Comments") always starts a new one.
The best-scoring run is the article's core; its neighbours join by the rules of `_needed`.
A byline or dateline near the top of the core then marks where the body starts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from reader.extract import shapes
from reader.extract.shapes import Kind
from reader.extract.thresholds import FURNITURE_CHARS
from reader.extract.units import VERBATIM, Unit
from reader.extract.vocabulary import FOOTER

_SPLIT_GAP = 4
"""This many non-good units in a row end a run of good ones."""
_NEAR = 6
"""Runs this close (in lines that are not data: code, tables, charts, see `shapes.is_data`)
are parts of one text, split by a list or a figure."""
_TEASER_PENALTY = 0.7
"""A run whose good units all follow a short label (a teaser list) keeps 1 minus this much
of its score."""
_COMMENTS_WEIGHT = 0.25
"""Runs after a comments heading count this much, until the page ends: at its copyright
footer, or at `_PAGE_GAP` lines without prose (a footer, then the next page's menus)."""
_FOOTER_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_RESERVED = re.compile(r"\ball rights reserved\b", re.I)
_PAGE_GAP = 20
"""This many lines in a row that are neither prose nor data end a page: a comment thread's
names, times and "Reply" links between two comments are fewer."""
_PLACE_PENALTY = 0.4
"""A run at the end of the text keeps 1 minus this much of its score (earlier is likelier)."""
_NEAR_SHARE = 0.02
"""A run within `_NEAR` lines joins the main one with this share of the best run's score."""
_FAR_SHARE = 0.1
"""A run farther away needs this share to join ..."""
_FARTHEST_SHARE = 0.5
"""... and this share beyond `_FAR_GAP` lines (`_CUE_GAP` right after a cue)."""
_FAR_GAP = 12
"""Up to this many lines away, a run needs `_FAR_SHARE` to join."""
_CUE_GAP = 3
"""Up to this many lines after a cue ("Related", "Comments"), a run needs `_FAR_SHARE`."""
DOCUMENT_GOOD_CHARS = 1200
"""Runs the main one leaves out are a document of their own (kept, as a section) with at
least this many characters of good text (about 200 words: a short news story) ..."""
DOCUMENT_DENSITY = 0.6
"""... making up at least this share of its span ..."""
DOCUMENT_LABELLED_SHARE = 0.35
"""... and, unless it opens as an article does (a headline, then a byline or dateline), at
most this share of its good units right after a short label (a teaser list is headline,
summary, headline, summary; a comment thread name, time, comment) and no comments heading
before it."""
DOCUMENT_PARAGRAPH = 250
"""... unless its good units are this long on average: an article with a subheading
before each section, not a teaser's one or two sentences."""
HEADLINE_WORDS = 5
"""A heading-like line of at least this many words before a byline or dateline is a
headline: another article starts there (not a commenter's name and the time)."""
_CUE_WORDS = 5
"""A cue label has at most this many words ..."""
_CUE_CHARS = 200
"""... and at most this many characters."""
_DATELINE_REACH = 16
"""A byline or dateline opens the body when it is among this many units at its top ..."""
_ABOVE_DATELINE = 0.3
"""... with at most this share of the run's good text above it."""
_CUE = re.compile(
    r"^\W*(?:\d+\s*)?(?:read|reading|more(?!\s+than\b)|latest|share|replies|responses)\b"
    r"|(?:\b|(?<=\d))(?:related|recommended|popular|trending|newsletter"  # "12Comments" too
    r"|subscribe|sign up|comments|(?:post|leave|add|write) (?:a |your )?(?:comment|reply)"
    r"|all replies|discussion|follow us"
    r"|advertisement|sponsored"
    # the same labels in the other languages of `shapes.STOPWORDS`
    r"|relacionad[oa]s?|comentarios?|comentários?|comparte|compartilhe|leia mais"
    r"|lee también|à lire aussi|lire aussi|articles liés|commentaires?|partager|voir aussi"
    r"|verwandte|ähnliche|lesen sie auch|mehr zum thema|kommentare?|teilen|leggi anche"
    r"|commenti|correlati|gerelateerd|lees ook|reacties|похожие|читайте также|комментари\w*)\b",
    re.I,
)
_COMMENTS = re.compile(
    r"^\W*(?:\d+\s*)?(?:comments|replies|responses|discussion)\b"  # a heading: "13 Comments"
    r"|\b(?:comments|replies)\s*\(?\d|\b(?:leave|post|add|write)\s+(?:a|your)?\s*(?:reply|comment)"
    r"|\b(?:show|view|all|load|read)\s+(?:\w+\s+)?(?:comments|replies)"
    r"|\b(?:comentarios|comentários|commentaires|kommentare|commenti|reacties|комментари\w*)\b",
    re.I,
)
"""A comments heading ("13 Comments", "Leave a reply", "Show comments"); not "Comment" alone,
which also heads a table column, nor "Comment policy" or "Public comment"."""


@dataclass
class _Run:
    start: int
    end: int
    weight: float
    gap_before: int
    cue_before: bool
    good: int = 0
    span: int = 0
    followers: int = 0
    after_label: int = 0
    """Good units right after a label (a headline, a name, a time; not a line of code or
    data, nor one that introduces what follows: "Run this:")."""
    place: float = 1.0
    """Earlier is likelier: footers, comments and link farms come after the article."""
    opens_document: bool = False
    """A byline or dateline stands in the gap before it: another article begins here."""

    def score(self) -> float:
        density = math.sqrt(self.good / max(1, self.span))
        teaser = 1 - _TEASER_PENALTY * self.after_label / max(1, self.followers)
        return self.good * density * teaser * self.weight * self.place


def main_run(units: list[Unit], kinds: list[Kind]) -> tuple[int, int]:
    """[start, end) of the best run of good units, with the neighbours that belong to it.

    A run scores its good characters, scaled by how dense it is (good / all characters in
    its span); a run whose good units mostly follow a short label (headline, summary,
    headline, summary) is a teaser list and counts less; runs after a comments heading
    ("13 Comments", "Leave a reply") count a quarter. A cue line ("Related") always starts a
    new run. A neighbour joins when it is big enough for the gap between (see `_needed`).
    """
    runs = _runs(units, kinds)
    if not runs:
        return 0, len(units)
    best = max(range(len(runs)), key=lambda i: runs[i].score())
    low, high = _grow(runs, best, best, runs[best].score())
    return runs[low].start, runs[high].end


def document_runs(
    units: list[Unit], kinds: list[Kind], main: tuple[int, int]
) -> list[tuple[int, int]]:
    """[start, end) of each document in a text made of several (a digest, chapters, pages
    pasted one after another), in text order, the main run (`main`) cut where another
    document begins inside it. Empty when the text holds one document.

    Among the runs the main one left out, the best that is a document of its own
    (`_is_document`) grows as the main one does, but never across a byline or dateline
    (another article's start), and so on while there are such runs.
    """
    runs = _runs(units, kinds)
    taken = [main[0] <= run.start < main[1] for run in runs]
    groups: list[tuple[int, int]] = []
    for best in sorted(range(len(runs)), key=lambda i: -runs[i].score()):
        if taken[best]:
            continue
        low, high = _grow(runs, best, best, runs[best].score(), taken, documents=True)
        for index in range(low, high + 1):
            taken[index] = True
        if _is_document(runs[low : high + 1]):
            groups.append((runs[low].start, runs[high].end))
    parts: list[list[_Run]] = []
    for run in runs:
        if main[0] <= run.start < main[1]:
            if not parts or run.opens_document:
                parts.append([])
            parts[-1].append(run)
    if not groups and len(parts) < 2:
        return []
    inside = [(part[0].start, part[-1].end) for part in parts]
    return sorted(groups + inside)


def _is_document(group: list[_Run]) -> bool:
    """Runs left out of the main one that are writing in their own right, not a teaser
    list or a comment thread: long and dense, and either opening as an article does or not
    mostly pieces under labels. A comments heading before an article's start does not count
    against it: in a digest, every document after the first follows the first one's
    comments."""
    good = sum(run.good for run in group)
    span = sum(run.span for run in group)
    labelled = sum(run.after_label for run in group)
    units = sum(run.followers + 1 for run in group)
    prose = good >= DOCUMENT_GOOD_CHARS and good >= DOCUMENT_DENSITY * span
    if group[0].opens_document:
        return prose
    under_labels = labelled > DOCUMENT_LABELLED_SHARE * units
    return (
        prose
        and group[0].weight == 1.0
        and (not under_labels or good >= DOCUMENT_PARAGRAPH * units)
    )


def _runs(units: list[Unit], kinds: list[Kind]) -> list[_Run]:
    runs: list[_Run] = []
    gap, cue, weight = _SPLIT_GAP, False, 1.0
    width, opening, headline, new_page = _SPLIT_GAP, False, False, False
    label = False  # the unit before is a label (see `_is_label`)
    contents = False  # inside a contents list: its entries repeat the headings below
    for index, (unit, kind) in enumerate(zip(units, kinds, strict=True)):
        if kind is Kind.GOOD:
            if gap >= _SPLIT_GAP or cue or new_page or not runs:
                opens = opening or new_page
                runs.append(_Run(index, index, weight, width, cue, opens_document=opens))
            else:
                runs[-1].span += sum(len(u.text) for u in units[runs[-1].end : index])
                runs[-1].followers += 1
                runs[-1].after_label += gap > 0 and label
            runs[-1].end = index + 1
            runs[-1].good += len(unit.text)
            runs[-1].span += len(unit.text)
            gap, cue, width, opening, headline, new_page = 0, False, 0, False, False, False
            contents = False
        else:
            gap += 1
            data = unit.kind in VERBATIM or shapes.is_data(unit.text)
            contents = contents and kind is Kind.BAD
            width += not data and not contents  # (a contents list is the text's own outline)
            label = not data and not unit.text.rstrip().endswith(":")
            if kind is Kind.SHORT and headline and _is_dateline(unit.text):
                opening, weight = True, 1.0  # another article: its comments are to come
            elif ends_page(unit.text):
                new_page, weight = True, 1.0  # another page follows the copyright footer
            elif width >= _PAGE_GAP:
                weight = 1.0  # the page with the comments is over: another may follow
            headline = headline or _is_headline(unit.text)
            if kind is Kind.SHORT and _CONTENTS.match(unit.text):
                contents = True
            elif kind is Kind.SHORT and is_cue(unit.text):
                cue = True
                if opens_comments(unit.text):  # (comments under the footer: the same page)
                    weight, new_page = _COMMENTS_WEIGHT, False
    for run in runs:
        run.place = 1 - _PLACE_PENALTY * run.start / len(units)
    return runs


def _grow(
    runs: list[_Run],
    low: int,
    high: int,
    top: float,
    taken: list[bool] | None = None,
    *,
    documents: bool = False,
) -> tuple[int, int]:
    """The neighbours of runs[low..high] that join it (none already taken by another;
    with `documents`, none across the start of another article)."""
    used = taken or [False] * len(runs)
    while True:
        if (
            low > 0
            and not used[low - 1]
            and not (documents and runs[low].opens_document)
            and _group(runs, low - 1, -1) >= _needed(runs[low], top)
        ):
            low -= 1
        elif (
            high + 1 < len(runs)
            and not used[high + 1]
            and not (documents and runs[high + 1].opens_document)
            and _group(runs, high + 1, 1) >= _needed(runs[high + 1], top)
        ):
            high += 1
        else:
            return low, high


def _group(runs: list[_Run], first: int, step: int) -> float:
    """The score of runs[first] and of the runs beyond it that are near it, and so on: a
    small paragraph between two lists must not stop a long text behind it from joining."""
    total, index = runs[first].score(), first
    if not _near(runs[first if step > 0 else first + 1]):
        return total  # a far neighbour joins on its own merit
    while 0 <= index + step < len(runs):
        later = max(index, index + step)  # the later run of the two holds the gap
        if not _near(runs[later]):
            break
        index += step
        total += runs[index].score()
    return total


def _near(run: _Run) -> bool:
    return run.gap_before <= _NEAR and not run.cue_before


def _needed(run: _Run, top: float) -> float:
    """The score a neighbour across `run`'s leading gap needs to join the main run.

    A share of the best run's score, not of all that has joined so far: a long text cut
    into many runs by code, lists or figures would otherwise stop growing halfway. The share
    grows with the gap (lines of code, tables and charts do not count in it): almost any
    prose after a few lines, a tenth of the best run after up to 12 lines or right after a
    cue ("Related", "Comments"), half after more.
    """
    if run.cue_before:
        return (_FAR_SHARE if run.gap_before <= _CUE_GAP else _FARTHEST_SHARE) * top
    if run.gap_before <= _NEAR:
        return _NEAR_SHARE * top  # a list or a figure inside the text: any prose after it belongs
    return (_FAR_SHARE if run.gap_before <= _FAR_GAP else _FARTHEST_SHARE) * top


_LIST_CUE = re.compile(
    r"\b(?:related|recommended|popular|trending|relacionad[oa]s?|articles liés|verwandte"
    r"|correlati|gerelateerd|похожие)\b",
    re.I,
)


_CONTENTS = re.compile(r"^\W*(?:table of contents|contents|on this page|in this article)\W*$", re.I)
"""A page's contents list heading: its entries repeat the headings, and are no text. Not a
furniture line (see `furniture`): a clean document has its contents too. Nor a cue: the
list stands between the text's lead and its body, and its entries (repeated: bad) do not
widen the gap between the two."""


def opens_list(text: str) -> bool:
    """A cue that heads a list of other articles or of the page's own sections: "Related
    stories", "Most popular", "Contents"."""
    return (is_cue(text) and bool(_LIST_CUE.search(text))) or bool(_CONTENTS.match(text))


def opens_comments(text: str) -> bool:
    """A cue that heads the comments: "13 Comments", "Leave a reply", "Show comments"."""
    return is_cue(text) and bool(_COMMENTS.search(text))


def is_cue(text: str) -> bool:
    """A short label that opens page furniture: "Related", "Read more", "Most popular".

    Common words count only as the label's first ("More", not "More than 5%"; "2 responses",
    not "My responses are slow"), and a cue is a word of its own, not "New Zealand-related".
    """
    if len(text) > _CUE_CHARS or len(shapes.words(text)) > _CUE_WORDS:
        return False
    if shapes.ends_sentence(text):
        return False
    return any(text[max(0, m.start() - 1) : m.start()] != "-" for m in _CUE.finditer(text))


def after_dateline(units: list[Unit], kinds: list[Kind], start: int, end: int) -> int:
    """A byline or dateline near the top of the run opens the article: what is above it
    (a cookie notice, a sign-in box, the title) is not body text."""
    good = sum(len(units[i].text) for i in range(start, end) if kinds[i] is Kind.GOOD)
    above = 0
    for index in range(start, min(end, start + _DATELINE_REACH)):
        text = units[index].text
        if kinds[index] is Kind.GOOD:
            above += len(text)
            if above > _ABOVE_DATELINE * good:
                break
        elif above and _is_dateline(text):
            after = index + 1
            while after < end and _is_dateline(units[after].text):
                after += 1
            return after
    return start


def ends_page(text: str) -> bool:
    """A page's copyright footer ("© 2024 The Courier", "All rights reserved"), not a
    photo's credit ("© Reuters"): what follows is another page."""
    return (
        len(text) <= FURNITURE_CHARS
        and bool(FOOTER.search(text))
        and bool(_FOOTER_YEAR.search(text) or _RESERVED.search(text))
    )


def page_start(units: list[Unit], low: int, high: int) -> int:
    """Where the page holding units[high] starts, looking back to `low`: after the last
    copyright footer between (a document's title is on its own page, not the last one's)."""
    for index in range(high - 1, low - 1, -1):
        if ends_page(units[index].text):
            return index + 1
    return low


def _is_headline(text: str) -> bool:
    return len(shapes.words(text)) >= HEADLINE_WORDS and shapes.is_heading_like(text)


def _is_dateline(text: str) -> bool:
    return any(shapes.byline_and_date(text)) or shapes.is_date(text)
