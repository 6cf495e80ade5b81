"""The article's container: readability-lxml's choice, on a copy of the page prepared for it.

readability-lxml drops every element whose class or id sounds unlikely ("popup", "tweet",
"footer", "comment"), inline ones too: a link with `class="popup"` inside a sentence takes
its words out of the sentence ("I am a <a class=popup>rather elderly</a> man" reads "I am a
man"). Readability.js leaves links alone for this reason, and so does the copy readability
reads here: links lose their class and id there (the page itself keeps them), and headings
their id, an anchor made of their own words ("1-ai-and-the-toolchain" reads as a "tool"
widget to readability, which drops a heading whose names weigh against it). Other inline
elements keep theirs: a span of an unlikely class is often hidden ("cs1-hidden-error").

readability-lxml's list of unlikely names is older than Readability.js's, which has since
learnt "related", "social", "banner", "breadcrumbs", "-ad-", "supplemental" and more, and
also drops what a screen reader is told to skip (`aria-hidden`), dialogs, and the roles
of menus and asides (`role="complementary"`). The copy readability reads goes by the
newer list: a related-posts box of teasers with excerpts inside the article's container
reads as prose to every other rule. When that leaves less than a short article's prose,
readability reads the page again with nothing stripped but what is hidden, as
Readability.js does.

When readability still keeps much less prose than the page's own main region holds, that
region is taken instead (`markup.main_region`). Embedded players and frames are taken out
of the chosen region: they have no text of their own to read.
"""

from __future__ import annotations

import copy
import functools
import re
from typing import Any

from reader.extract import markup as markup_tools

_EMBEDDED = ("iframe", "video", "audio", "object", "embed", "canvas")
"""Players and frames: what they hold is a fallback for browsers without them, and
readability writes "VIDEO" into each video frame it keeps (to keep the element)."""
_UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer"
    r"|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social"
    r"|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote",
    re.IGNORECASE,
)
_MAYBE = re.compile(r"and|article|body|column|content|main|shadow", re.IGNORECASE)
_UNLIKELY_ROLES = frozenset(
    ("menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog")
)
_NEVER_UNLIKELY = frozenset(("html", "body", "a", "main", "article"))
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
MIN_PROSE = 500
"""Characters of prose below which readability runs again on the page with nothing
stripped (Readability.js's own bound for a second try)."""


def article_region(root: Any) -> Any | None:
    """Readability's choice of the article's container, or the page's main region when
    that holds much more prose (readability drops documentation pages' sections)."""
    content = _readability(for_readability(root, strip=True))
    kept = markup_tools.prose_chars(content) if content is not None else 0
    if kept < MIN_PROSE:
        content = _readability(for_readability(root, strip=False))
        kept = markup_tools.prose_chars(content) if content is not None else 0
    region = markup_tools.main_region(root, kept)
    chosen = region if region is not None else content
    if chosen is not None:
        for embedded in list(chosen.iter(*_EMBEDDED)):
            embedded.drop_tree()  # (its tail stays)
        for note in [note for note in chosen.iter() if _is_page_note(note)]:
            note.drop_tree()
    return chosen


def _is_page_note(element: Any) -> bool:
    """A short note about the page rather than its subject, with a link in it: an
    encyclopedia's hatnote ("For other uses, see <Ferry (disambiguation)>", "'NZ'
    redirects here") or its note on an unfinished list ("You can help by adding <items>")."""
    if element.get("role") != "note" or next(element.iter("a"), None) is None:
        return False
    return len(element.text_content().split()) <= _NOTE_WORDS


def _readability(page: Any) -> Any | None:
    from lxml import html as lxml_html

    try:
        summary = _document_class()(page).summary(html_partial=True)
        return lxml_html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # readability raises bare Exceptions (Unparseable, ...) on odd pages
        return None


_NOTE_WORDS = 40
"""A note (`role="note"`) with a link and at most this many words is about the page."""
_LIST_SHARE = 0.9
"""An element with more than this share of its text in lists is a list, as Readability.js
counts it."""
_STRONG_WEIGHT = 25
_FEW_LINKS = 0.2
"""readability-lxml keeps what is at most this share links whatever it is."""


def _is_list(element: Any) -> bool:
    if element.tag in ("ul", "ol"):
        return True
    total = len(element.text_content().strip())
    listed = sum(len(inner.text_content().strip()) for inner in element.iterchildren("ul", "ol"))
    return total > 0 and listed > _LIST_SHARE * total


@functools.cache
def _document_class() -> type:
    """readability-lxml's Document, cleaning lists as Readability.js does: a list of news
    items, each with a link to its bug or source in it, is more than a fifth links and went
    as "too many links for its weight", a whole section of the article with it; Readability.js
    drops a list for its links only when its class weighs for it and it is mostly links. A
    list that is links from top to bottom is then dropped item by item (`link_blocks`)."""
    from readability import Document

    class ListKeepingDocument(Document):  # type: ignore[misc]
        cleaning = False

        def sanitize(self, node: Any, candidates: Any, keep_all_images: bool = False) -> Any:
            self.cleaning = True
            try:
                return super().sanitize(node, candidates, keep_all_images)
            finally:
                self.cleaning = False

        def get_link_density(self, elem: Any) -> float:
            density: float = super().get_link_density(elem)
            if (
                self.cleaning
                and density > _FEW_LINKS
                and self.class_weight(elem) < _STRONG_WEIGHT
                and _is_list(elem)
            ):
                return 0.0
            return density

    return ListKeepingDocument


def for_readability(root: Any, *, strip: bool) -> Any:
    """A copy of the page whose links readability cannot drop by their class or id, and
    without what is hidden; with `strip`, without the elements Readability.js takes for
    page furniture by their class, id or role too."""
    page = copy.deepcopy(root)
    for link in page.iter("a"):
        link.attrib.pop("class", None)
        link.attrib.pop("id", None)
    for heading in page.iter(*_HEADINGS):
        heading.attrib.pop("id", None)  # an anchor made of its words ("...-toolchains")
    dropped = is_unlikely if strip else is_hidden
    for element in [element for element in page.iter() if dropped(element)]:
        if element.getparent() is not None:
            element.drop_tree()
    return page


def is_hidden(element: Any) -> bool:
    """What a screen reader is told to skip (`aria-hidden`): an icon, a duplicate, text
    drawn for the eye alone; a lazy image's fallback copy is the picture itself."""
    tag = element.tag
    return (
        isinstance(tag, str)
        and tag not in _NEVER_UNLIKELY
        and element.get("aria-hidden") == "true"
        and "fallback-image" not in (element.get("class") or "")
    )


def is_unlikely(element: Any) -> bool:
    """Page furniture by Readability.js's vocabulary of class, id and role, or hidden."""
    tag = element.tag
    if not isinstance(tag, str) or tag in _NEVER_UNLIKELY:
        return False
    if is_hidden(element):
        return True
    if element.get("role") in _UNLIKELY_ROLES:
        return True
    if element.get("aria-modal") == "true" and element.get("role") == "dialog":
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    if len(names) < 2 or not _UNLIKELY.search(names) or _MAYBE.search(names):
        return False
    return (
        not any(up.tag in ("table", "code", "pre") for up in element.iterancestors())
        and next(element.iter("main", "article"), None) is None
    )
