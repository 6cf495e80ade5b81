"""What readability leaves out around the article it keeps: figure captions and a lead.

Both are found by position in the page (the index of each element in `root.iter()`),
from the article's body paragraphs as readability kept them:

- a figure caption inside the article's own region (`<article>`, `<main>`, or the first
  paragraph's grandparent), or placed between its first and last body paragraph, is the
  article's (captions of teasers come before or after the article, outside it);
- prose paragraphs just before the first body paragraph, with at most a few short labels
  or captions between ("Read more", a photo credit) and no heading, are its lead:
  readability can take the container of the rest of an article (a "read more" expansion)
  for the whole.
"""

from __future__ import annotations

from typing import Any

from reader.extract import shapes
from reader.safe_text import sanitize_line

BODY_LINKS = 0.5
"""A paragraph with less than this share of its text in links is body text."""
LEAD_LABELS = 2
"""Short labels or captions skipped between the lead and the article's first paragraph."""
LABEL_WORDS = 6
"""... each of at most this many words."""

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
    found = list(region.iter("figcaption")) if region is not None else []
    inside = {id(caption) for caption in found}
    order = {id(element): index for index, element in enumerate(elements)}
    for caption in root.iter("figcaption"):
        if id(caption) not in inside and first < order.get(id(caption), -1) < last:
            found.append(caption)
    return sorted(found, key=lambda caption: order.get(id(caption), 0))


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


def _is_body_prose(paragraph: Any, text: str) -> bool:
    links = sum(len("".join(link.text_content().split())) for link in paragraph.iter("a"))
    if links >= BODY_LINKS * max(1, len("".join(text.split()))):
        return False
    return shapes.classify(text, use_stopwords=False) is shapes.Kind.GOOD
