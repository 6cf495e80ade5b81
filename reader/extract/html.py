"""An HTML page -> Article: readability-lxml finds the article, we turn it into blocks.

The blocks are gathered by `html_blocks` and cleaned by `html_filter`: readability keeps
the densest container, which can still hold a share bar, a dateline or a list of links.
Metadata comes from the page head (Open Graph, article:*, JSON-LD) with fallbacks
(`htmlmeta`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from reader.extract import markup as markup_tools
from reader.extract.alt_text import add_alt_captions
from reader.extract.bylines import take_byline
from reader.extract.coverage import left_out_prose
from reader.extract.errors import ExtractionError
from reader.extract.html_blocks import body_blocks, walk
from reader.extract.html_filter import (
    add_captions,
    add_footnotes,
    add_gaps,
    add_lead,
    add_standfirst,
    filter_blocks,
    mark_order,
    page_texts,
)
from reader.extract.htmlmeta import page_metadata, title_from_heading
from reader.extract.inline_html import page_address, resolve_links
from reader.extract.region import article_region
from reader.extract.sentences import with_sentences
from reader.model import Article, BlockKind

MAX_LOST_SHARE = 0.1
"""When the parser stops at a limit (nesting depth, a text run's length) and drops more
than this share of the page's text, the page is refused rather than shown without it."""
MAX_ELEMENTS = 200_000
"""Pages with more elements than this are refused before parsing: readability's scoring
and the block walk take seconds per 100,000 elements, and a real article page, however
long, has a few tens of thousands (a long encyclopedia article with its references ~40,000).
Tags written in a script's or a style's text are not elements and do not count; those in
an `<svg>` or a `<template>` do (the parser builds them as elements all the same)."""
_START_TAG = re.compile(r"<[A-Za-z]")
_RAW_TEXT_START = re.compile(r"<(script|style)\b", re.IGNORECASE)
_RAW_TEXT_END = {
    "script": re.compile(r"</script", re.IGNORECASE),
    "style": re.compile(r"</style", re.IGNORECASE),
}
_TAG = re.compile(r"<[^>]*>")
_NOT_WORD = re.compile(r"[\W_]+")


def parse_html(markup: str, source: str, *, raw: bool = False) -> Article:
    """The article in an HTML page; with `raw`, every block of the page's body (its
    menus' lists aside), nothing filtered out."""
    from lxml import etree
    from lxml import html as lxml_html

    count = _elements(markup)
    if count > MAX_ELEMENTS:
        raise ExtractionError(
            f"page has too many elements to clean ({count:,}; at most {MAX_ELEMENTS:,}): {source}"
        )
    parser = lxml_html.HTMLParser()
    try:
        root = lxml_html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        raise ExtractionError(f"page has no article text: {source}") from None
    limit = _parser_limit(parser.error_log)
    meta = page_metadata(root)
    if raw:
        body = root.find("body")
        blocks = body_blocks(markup_tools.without_controls(body if body is not None else root))
        return Article(source, meta.title, with_sentences(blocks, meta.lang), lang=meta.lang)
    markup_tools.tidy(root)
    content = article_region(root)
    if content is not None:
        resolve_links(content, page_address(root, source))
        add_alt_captions(content, meta.title)
        take_byline(content, meta)
    raws = walk(content) if content is not None else []
    headings = [raw.text for raw in raws if raw.kind is BlockKind.HEADING]
    meta.title = title_from_heading(meta.declared_title, headings) or meta.title
    counts, first = page_texts(root)
    mark_order(first, raws)
    elements = list(root.iter())
    raws = add_standfirst(elements, add_lead(elements, raws), meta.title)
    raws = add_footnotes(elements, add_captions(root, elements, add_gaps(elements, raws)))
    blocks = filter_blocks(raws, counts, meta)
    if limit and (not blocks or _lost_share(markup, root) > MAX_LOST_SHARE):
        raise ExtractionError(f"page {limit}: {source}")
    article = Article(
        source=source,
        title=meta.title,
        blocks=with_sentences(blocks, meta.lang),
        byline=meta.byline,
        site=meta.site,
        section=meta.section,
        published=meta.published,
        lang=meta.lang,
        credit=meta.credit,
    )
    return replace(article, left_out=left_out_prose(root, article))


def _elements(markup: str) -> int:
    """Start tags in `markup`, those in the text of a script or a style left out (a script
    writing markup holds no elements); counted one by one only on pages over the bound."""
    elements = len(_START_TAG.findall(markup))
    if elements <= MAX_ELEMENTS:
        return elements
    elements, at = 0, 0
    while opened := _RAW_TEXT_START.search(markup, at):
        elements += len(_START_TAG.findall(markup, at, opened.end()))
        closed = _RAW_TEXT_END[opened.group(1).lower()].search(markup, opened.end())
        if closed is None:
            return elements  # the parser reads the rest as the script's text
        at = closed.end()
    return elements + len(_START_TAG.findall(markup, at))


def _parser_limit(log: Any) -> str | None:
    """libxml2 stops at 256 levels of nesting and at a 10 MB text run: what follows is lost."""
    for entry in log:
        if "Excessive depth" in entry.message:
            return "is nested too deeply to read (over 255 levels)"
        if "Resource limit exceeded" in entry.message:
            return "has a run of text too long to read (over 10 MB)"
    return None


def _lost_share(markup: str, root: Any) -> float:
    """Share of the page's word characters the parser dropped when it hit a limit."""
    written = len(_NOT_WORD.sub("", _TAG.sub(" ", markup)))
    kept = len(_NOT_WORD.sub("", root.text_content()))
    return 1.0 - kept / written if written else 0.0


def parser_limit(log: Any) -> str | None:
    """What libxml2 lost of a document, in the words `parse_html` uses (None: nothing)."""
    return _parser_limit(log)
