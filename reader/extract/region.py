"""The article's container: readability-lxml's choice, on a copy of the page prepared for it.

readability-lxml drops every element whose class or id sounds unlikely ("popup", "tweet",
"footer", "comment"), inline ones too: a link with `class="popup"` inside a sentence takes
its words out of the sentence ("I am a <a class=popup>rather elderly</a> man" reads "I am a
man"). Readability.js leaves links alone for this reason, and so does the copy readability
reads here: links lose their class and id there (the page itself keeps them). Other inline
elements keep theirs: a span of an unlikely class is often hidden ("cs1-hidden-error").

When readability still keeps much less prose than the page's own main region holds, that
region is taken instead (`markup.main_region`). Embedded players and frames are taken out
of the chosen region: they have no text of their own to read.
"""

from __future__ import annotations

import copy
from typing import Any

from reader.extract import markup as markup_tools

_EMBEDDED = ("iframe", "video", "audio", "object", "embed", "canvas")
"""Players and frames: what they hold is a fallback for browsers without them, and
readability writes "VIDEO" into each video frame it keeps (to keep the element)."""


def article_region(root: Any) -> Any | None:
    """Readability's choice of the article's container, or the page's main region when
    that holds much more prose (readability drops documentation pages' sections)."""
    from lxml import html as lxml_html

    try:
        from readability import Document

        summary = Document(for_readability(root)).summary(html_partial=True)
        content = lxml_html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # readability raises bare Exceptions (Unparseable, ...) on odd pages
        content = None
    kept = markup_tools.prose_chars(content) if content is not None else 0
    region = markup_tools.main_region(root, kept)
    chosen = region if region is not None else content
    if chosen is not None:
        for embedded in list(chosen.iter(*_EMBEDDED)):
            embedded.drop_tree()  # (its tail stays)
    return chosen


def for_readability(root: Any) -> Any:
    """A copy of the page whose links readability cannot drop by their class or id."""
    page = copy.deepcopy(root)
    for link in page.iter("a"):
        link.attrib.pop("class", None)
        link.attrib.pop("id", None)
    return page
