"""An image's alt text as the caption it stands for, when it says something.

A picture in an article that has no caption of its own is described, if at all, by its
alt text; that text becomes a caption block (shown, not narrated) when it is a
description: a few words, not a file name, not "image" or "photo", not a formula (an
encyclopedia draws formulas as images with their TeX as alt text), not what a caption
beside it says already. Images inside links (teasers, buttons, thumbnails that open a
gallery) and images inside a line of text (icons, formulas) stay out of it.
"""

from __future__ import annotations

import re
from typing import Any

from reader.extract import shapes
from reader.safe_text import sanitize_line

GENERIC_ALT = re.compile(
    r"(?i:image|img|picture|pic|photo|photograph|figure|fig|illustration|cover(?: image)?"
    r"|logo|icon|graphic|placeholder|decoration|ornament|separator|divider|spacer"
    r"|thumbnail|banner|avatar|screenshot|chart|map)\W*\d*"
)
FILE_NAME = re.compile(r"(?i:\S+\.(?:jpe?g|png|gif|svg|webp|avif|bmp|tiff?))|[\w-]*\d[\w-]*")
MIN_WORDS = 3
"""Fewer words than this describe nothing a reader misses ("Portrait", "Our team")."""
_FOR_THE_ARTICLE = re.compile(
    r"(?i)(?:illustration|image|photo|picture|thumbnail)s? (?:for|of) (?:the |this )?"
    r"(?:article|post|story|page)\b"
)
"""A publishing system's stock alt text ("Illustration for article titled ...")."""
_CREDIT_ONLY = re.compile(r"(?i)\W*(?:(?:photo|image|picture)\s+)?(?:credits?|courtesy|source)\s*:")
"""Who took the picture ("(Credit: ...)") says nothing of what it shows."""
_LETTER = re.compile(r"[^\W\d_]")
_FORMULA = re.compile(r"[\\{}^=]")
_BLOCKS = frozenset({"p", "figure", "div", "section", "article", "main", "body", "center"})
_NOT_HERE = frozenset({"a", "li", "td", "th", "blockquote", "button", "h1", "h2", "h3"})
_CAPTION_CLASS = re.compile(r"caption", re.IGNORECASE)
_NEAR = 3
"""How many levels up from an image a caption of its own may sit (MediaWiki's thumbnails
put it two levels up)."""


def meaningful(alt: str) -> bool:
    """Alt text that says something: some letters, not "image" or a file name."""
    return bool(_LETTER.search(alt)) and not (
        GENERIC_ALT.fullmatch(alt) or FILE_NAME.fullmatch(alt)
    )


def add_alt_captions(content: Any, title: str = "") -> None:
    """Puts a `<figcaption>` of its alt text in place of each image of `content` that has
    a description and no caption, in place. Alt text holding the article's `title`
    ("Illustration for article titled ...") describes nothing."""
    from lxml import html as lxml_html

    title_key = shapes.normal(title)
    for image in list(content.iter("img")):
        alt = sanitize_line(image.get("alt") or "")
        if len(alt.split()) < MIN_WORDS or _FORMULA.search(alt) or not meaningful(alt):
            continue
        if title_key and title_key in shapes.normal(alt):
            continue
        if _FOR_THE_ARTICLE.match(alt) or _CREDIT_ONLY.match(alt):
            continue
        top, block = image, image.getparent()
        while block is not None and block.tag not in _BLOCKS:
            if block.tag in _NOT_HERE:
                break
            top, block = block, block.getparent()
        if block is None or block.tag not in _BLOCKS or not _alone(top, block):
            continue
        if _captioned(block, alt):
            continue
        caption = lxml_html.Element("figcaption")
        caption.text = alt
        if block.tag == "p":
            caption.tail = block.tail
            block.getparent().replace(block, caption)
        else:
            caption.tail = top.tail
            block.replace(top, caption)


def _alone(top: Any, block: Any) -> bool:
    """Nothing but white space around the image in its block: it is not part of a line."""
    if block.tag == "p":
        return not block.text_content().strip() and len(list(block.iter("img"))) == 1
    previous = top.getprevious()
    before = previous.tail if previous is not None else block.text
    return not (before or "").strip() and not (top.tail or "").strip()


def _captioned(block: Any, alt: str) -> bool:
    """A caption near the image already, or a text beside it that says the same."""
    region = block
    for _ in range(_NEAR - 1):
        parent = region.getparent()
        if parent is None or parent.tag in ("article", "main", "body"):
            break
        region = parent
    for element in region.iter():
        if isinstance(element.tag, str) and (
            element.tag == "figcaption" or _CAPTION_CLASS.search(element.get("class") or "")
        ):
            return True
    key = shapes.normal(alt)
    for sibling in (region.getprevious(), region.getnext()):
        if sibling is not None and key in shapes.normal(sibling.text_content()):
            return True
    return False
