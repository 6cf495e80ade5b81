"""What readability leaves out around the article it keeps: captions, a standfirst, a lead.

All are found by position in the page (the index of each element in `root.iter()`),
from the article's body paragraphs as readability kept them:

- a figure caption inside the article's own region (`<article>`, `<main>`, or the first
  paragraph's grandparent), or placed between its first and last body paragraph, is the
  article's (captions of teasers come before or after the article, outside it);
- the summary under the article's headline (its standfirst) is the element right after
  the `<h1>` that says the title, when it is a sentence of prose: readability keeps the
  body, not the header above it;
- prose paragraphs just before the first body paragraph, with at most a few short labels
  or captions between ("Read more", a photo credit) and no heading, are its lead:
  readability can take the container of the rest of an article (a "read more" expansion)
  for the whole.
"""

from __future__ import annotations

import re
from typing import Any

from reader.extract import shapes
from reader.extract.markup import without_controls
from reader.extract.region import is_unlikely
from reader.safe_text import sanitize_line

BODY_LINKS = 0.5
"""A paragraph with less than this share of its text in links is body text."""
LEAD_LABELS = 2
"""Short labels or captions skipped between the lead and the article's first paragraph."""
LABEL_WORDS = 6
"""... each of at most this many words."""

STANDFIRST_WORDS = 6
"""The summary under a headline has at least this many words ..."""
STANDFIRST_MAX_WORDS = 80
"""... and at most this many."""
_STANDFIRST = frozenset(("p", "h2", "h3", "div"))
_PHRASES = frozenset(("a", "b", "i", "em", "strong", "q", "cite", "abbr", "br", "sup", "sub"))

GAP_CHARS = 80
"""A paragraph between the article's paragraphs longer than this is its text ..."""
GAP_LINKS = 0.25
"""... when less than this share of it is links; a shorter one when it has no link and
holds a sentence's end."""
SECTION_PARAGRAPHS = 2
"""Between two of the article's paragraphs, this many of prose are a part it left out."""
_APART = frozenset(("aside", "nav", "figure", "blockquote", "form", "footer"))
_SENTENCE = re.compile(r"\.(?: |$)")

_CAPTION_WORDS = 60
"""A list item under a figure is its caption with at most this many words."""
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_BLOCKS = _HEADINGS | {"p", "li", "blockquote", "pre", "dd", "dt", "figcaption", "caption"}
_REGIONS = ("article", "main", "body")


def captions(root: Any, elements: list[Any], first: int, last: int) -> list[Any]:
    """The figure captions of the article whose body paragraphs run from `elements[first]`
    to `elements[last]`, in page order."""
    anchor = elements[first] if first < len(elements) else None
    region = anchor
    while region is not None and region.tag not in _REGIONS:
        region = region.getparent()
    if region is None or region.tag == "body":
        parent = anchor.getparent() if anchor is not None else None
        region = parent.getparent() if parent is not None else None
    found = _captions_in(region) if region is not None else []
    inside = {id(caption) for caption in found}
    order = {id(element): index for index, element in enumerate(elements)}
    for caption in _captions_in(root):
        if id(caption) not in inside and first < order.get(id(caption), -1) < last:
            found.append(caption)
    return sorted(found, key=lambda caption: order.get(id(caption), 0))


def _captions_in(region: Any) -> list[Any]:
    """The figure captions in `region`: each `<figcaption>`, and the item of a list of one
    short item, without links, set right after a figure that has no caption of its own
    (a page writing its captions as list items under each picture)."""
    found: list[Any] = []
    for element in region.iter("figcaption", "figure"):
        if element.tag == "figcaption":
            found.append(element)
        elif (item := _listed_caption(element)) is not None:
            found.append(item)
    return found


def _listed_caption(figure: Any) -> Any | None:
    if next(figure.iter("figcaption"), None) is not None:
        return None
    after = figure.getnext()
    while after is not None and not isinstance(after.tag, str):
        after = after.getnext()  # a comment
    if after is None or after.tag not in ("ul", "ol") or (figure.tail or "").strip():
        return None
    items = [child for child in after if isinstance(child.tag, str)]
    if len(items) != 1 or items[0].tag != "li" or next(after.iter("a"), None) is not None:
        return None
    words = len(items[0].text_content().split())
    return items[0] if 0 < words <= _CAPTION_WORDS else None


def picture(caption: Any) -> str:
    """The file name of the picture a figure caption is for ("" when its figure has none):
    the same picture drawn twice, in two sizes, has two addresses but one file name."""
    figure = next((up for up in caption.iterancestors() if up.tag == "figure"), None)
    image = next(figure.iter("img"), None) if figure is not None else None
    if image is None:
        return ""
    addresses = (image.get("src"), image.get("data-src"), (image.get("srcset") or "").split(" ")[0])
    address = next((a for a in addresses if a and not a.startswith("data:")), "")
    return address.rstrip("/").rsplit("/", 1)[-1]  # (a placeholder's: none)


def standfirst(elements: list[Any], title: str, before: int) -> int | None:
    """The index of the summary under the article's headline, when it comes before
    `elements[before]` (readability keeps the body, not the header above it): the element
    right after the `<h1>` that says `title`, a paragraph or a subheading of prose,
    not a byline or a date."""
    key = shapes.normal(title)
    for index in range(min(before, len(elements))):
        heading = elements[index]
        if heading.tag != "h1" or not key or shapes.normal(heading.text_content()) != key:
            continue
        after = heading.getnext()
        while after is not None and not (
            isinstance(after.tag, str) and after.text_content().strip()
        ):
            after = after.getnext()  # a comment, an empty box
        if after is None or after.tag not in _STANDFIRST or not _phrase_only(after):
            return None
        text = sanitize_line(after.text_content())
        if not STANDFIRST_WORDS <= len(shapes.words(text)) <= STANDFIRST_MAX_WORDS:
            return None
        links = sum(len("".join(link.text_content().split())) for link in after.iter("a"))
        if shapes.byline(text) or shapes.is_date(text) or links >= BODY_LINKS * len(text):
            return None
        return next((at for at in range(index + 1, before) if elements[at] is after), None)
    return None


def _phrase_only(element: Any) -> bool:
    """Text and its emphasis, links and breaks, nothing else: a dateline is spans (the
    author, a `<time>`), a summary is a sentence."""
    return all(
        inner.tag in _PHRASES or not isinstance(inner.tag, str)  # (a comment)
        for inner in element.iterdescendants()
    )


def lead(elements: list[Any], first: int, kept: set[str]) -> list[int]:
    """Indexes of the prose paragraphs that lead into the body paragraph at `first`,
    none of whose texts (`shapes.normal` keys) is in `kept` already, in page order."""
    found: list[int] = []
    labels = 0
    for index in range(first - 1, -1, -1):
        element = elements[index]
        if not isinstance(element.tag, str) or element.tag not in _BLOCKS:
            continue
        if any(parent.tag in _BLOCKS for parent in element.iterancestors()):
            continue  # its text is its block's
        text = sanitize_line(element.text_content())
        key = shapes.normal(text)
        if not key:
            continue
        if key in kept:
            break
        if element.tag in _HEADINGS:
            break  # a section above the article's: not its lead
        if element.tag == "p" and _is_body_prose(element, text):
            found.append(index)
            labels = 0
        elif labels < LEAD_LABELS and (
            element.tag in ("figcaption", "caption") or len(shapes.words(text)) <= LABEL_WORDS
        ):
            labels += 1
        else:
            break
    return found[::-1]


def gap(elements: list[Any], before: int, after: int, kept: set[str]) -> list[Any]:
    """The paragraphs of the page between two of the article's body paragraphs, which
    follow each other in the article (at `elements[before]` and `elements[after]`), beside
    them in the same parent, none of whose texts is in `kept`, that read as article text by
    Readability.js's rule for a paragraph beside the article: long with few links, or short
    with none, ending a sentence; or, when they hold several paragraphs of prose, those
    paragraphs wherever they sit between the two (a part of the article of its own, such
    as a `<section>` readability passed over), unless set apart in an aside or a box named
    as furniture. Scripts and controls are taken out of them (they are the page's own
    elements, which nothing has cleaned)."""
    between = _paragraphs(elements, before, after)
    section = _lost_section(between, {id(up) for up in elements[before].iterancestors()}, kept)
    if section:
        return section
    parents = {id(elements[before].getparent()), id(elements[after].getparent())}
    return [
        paragraph
        for element, paragraph, text, key in between
        if id(element.getparent()) in parents
        and key
        and key not in kept
        and _is_beside_prose(paragraph, text)
    ]


def headings(elements: list[Any], before: int, after: int, kept: set[str]) -> list[Any]:
    """The headings of the page between two of the article's body paragraphs that follow
    each other in the article, beside them in the same parent, none of whose texts is in
    `kept`: readability drops every heading that is mostly a link, as a list of games or
    recipes names each item by a link to it. Copies without scripts and controls."""
    parents = {id(elements[before].getparent()), id(elements[after].getparent())}
    found: list[Any] = []
    for element in elements[before + 1 : after]:
        if element.tag in _HEADINGS and id(element.getparent()) in parents:
            heading = without_controls(element)
            key = shapes.normal(heading.text_content())
            if key and key not in kept:
                found.append(heading)
    return found


_Between = tuple[Any, Any, str, str]
"""A paragraph of the page, its copy without scripts and controls, its text, its key."""


def _paragraphs(elements: list[Any], before: int, after: int) -> list[_Between]:
    """The paragraphs between `elements[before]` and `elements[after]`, each cleaned once
    (they are the page's own elements, which nothing has cleaned)."""
    found: list[_Between] = []
    for element in elements[before + 1 : after]:
        if element.tag == "p":
            paragraph = without_controls(element)
            text = sanitize_line(paragraph.text_content())
            found.append((element, paragraph, text, shapes.normal(text)))
    return found


def _lost_section(between: list[_Between], shared: set[int], kept: set[str]) -> list[Any]:
    """The prose paragraphs `between` two of the article's, when there are several: a part
    of the article readability left out (a `<section>` of its own). `shared`: the ids of
    the first one's ancestors."""
    found: list[Any] = []
    for element, paragraph, text, key in between:
        if _set_apart(element, shared):
            continue
        if key in kept:
            return []
        if _is_body_prose(paragraph, text):
            found.append(paragraph)
    return found if len(found) >= SECTION_PARAGRAPHS else []


def _set_apart(paragraph: Any, shared: set[int]) -> bool:
    """The paragraph sits in a box of its own below the ancestors it shares with the
    article (`shared`): an aside, or one named as furniture ("related", "promo")."""
    for up in paragraph.iterancestors():
        if id(up) in shared:
            return False
        if up.tag in _APART or is_unlikely(up):
            return True
    return False


def _is_beside_prose(paragraph: Any, text: str) -> bool:
    size = len(text)
    links = sum(len(sanitize_line(link.text_content())) for link in paragraph.iter("a"))
    if size > GAP_CHARS:
        return links < GAP_LINKS * size
    return links == 0 and bool(_SENTENCE.search(text))


def _is_body_prose(paragraph: Any, text: str) -> bool:
    links = sum(len("".join(link.text_content().split())) for link in paragraph.iter("a"))
    if links >= BODY_LINKS * max(1, len("".join(text.split()))):
        return False
    return shapes.classify(text, use_stopwords=False) is shapes.Kind.GOOD
