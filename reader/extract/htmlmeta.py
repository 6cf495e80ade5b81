"""Page metadata: title (without " - Site"), site, byline, date, section, language.

Sources in order of trust: Open Graph / article:* meta, JSON-LD (schema.org NewsArticle),
plain meta names, then the document itself (<h1>, <title>, <time>, `lang`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from reader.extract import shapes
from reader.safe_text import sanitize_line

_SEPARATORS = re.compile(r"\s+[|\-–—:·»/]{1,2}\s+")
_SITE_WORDS = 3
"""A <title>'s last part after a separator, of at most this many words, is the site's name ..."""
_TITLE_MIN_WORDS = 2
"""... when the part before it keeps at least this many words (one more for a <title>)."""
_BYLINE_ELEMENTS = 3
"""The first this many author or byline elements are read for the byline ..."""
_NAME_WORDS = 5
"""... whose text, without "By", is a name of at most this many words."""
_TITLE_HEADINGS = 3
"""A <title>'s first part names the page when one of the first this many headings says it."""
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


@dataclass
class Metadata:
    title: str = ""
    declared_title: str = ""
    """The title as the page declares it, site name and all."""
    site: str | None = None
    byline: str | None = None
    published: str | None = None
    section: str | None = None
    lang: str | None = None
    credit: str | None = None


def page_metadata(root: Any) -> Metadata:
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if name and content and content.strip():
            for part in name.split():
                metas.setdefault(part, sanitize_line(content))
    ld = _json_ld(root)
    site = _first(
        metas.get("og:site_name"), _name(ld.get("publisher")), metas.get("application-name")
    )
    declared, title = _title(root, metas, ld, site)
    byline = _first(
        _names(ld.get("author")),
        None if _is_url(metas.get("author")) else metas.get("author"),
        None if _is_url(metas.get("article:author")) else metas.get("article:author"),
        metas.get("parsely-author"),
        metas.get("sailthru.author"),
        metas.get("dc.creator"),
        _byline_element(root),
    )
    published = _first(
        metas.get("article:published_time"),
        _text(ld.get("datePublished")),
        metas.get("datepublished"),
        metas.get("pubdate"),
        metas.get("publish-date"),
        metas.get("date"),
        metas.get("dc.date"),
        metas.get("dcterms.created"),
        metas.get("parsely-pub-date"),
        metas.get("sailthru.date"),
        _time_element(root),
    )
    section = _first(
        metas.get("article:section"),
        _text(ld.get("articleSection")),
        metas.get("section"),
        metas.get("parsely-section"),
    )
    lang = _first(
        root.get("lang"),
        root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        metas.get("content-language"),
        (metas.get("og:locale") or "").replace("_", "-"),
    )
    return Metadata(
        title=title,
        declared_title=declared,
        site=site,
        byline=byline,
        published=_date(published),
        section=section,
        lang=lang.split(",")[0].strip() if lang else None,
    )


def _title(
    root: Any, metas: dict[str, str], ld: dict[str, Any], site: str | None
) -> tuple[str, str]:
    """The first declared title, and it with the site's name cut off: the part an <h1>
    shows, else the whole when an <h1> shows it in full, else without a site part."""
    head_title = sanitize_line(root.findtext(".//title") or "")
    h1s = [text for h in root.iter("h1") if (text := _h1_text(h))]
    hosts = " ".join(
        str(value).lower()
        for value in (*root.xpath('//link[@rel="canonical"]/@href'), metas.get("og:url"))
        if value
    )
    for candidate in (
        metas.get("og:title"),
        metas.get("twitter:title"),
        metas.get("dc.title"),
        head_title,
        _text(ld.get("headline")),
    ):
        if candidate:
            if shapes.normal(candidate) in {shapes.normal(h1) for h1 in h1s}:
                return candidate, candidate
            if part := title_from_heading(candidate, h1s):
                return candidate, part
            return candidate, _strip_site(candidate, site, hosts, guess=candidate == head_title)
    first = h1s[0] if h1s else ""
    return first, first


def _h1_text(element: Any) -> str:
    return sanitize_line(element.text_content())


def _strip_site(title: str, site: str | None, hosts: str, *, guess: bool) -> str:
    """ "Title - Site" / "Site | Title" -> "Title", when the part is the site's name or host.

    With `guess` (a <title>), any short last part after a separator goes too.
    """
    matches = list(_SEPARATORS.finditer(title))
    if not matches:
        return title
    head, tail = title[: matches[-1].start()].strip(), title[matches[-1].end() :].strip()
    site_key = shapes.normal(site or "")
    tail_key = shapes.normal(tail)
    if tail_key and (
        tail_key == site_key or (hosts and tail_key.replace(" ", "") in hosts.replace("-", ""))
    ):
        return head
    if site_key and shapes.normal(title[: matches[0].start()]) == site_key:
        return title[matches[0].end() :].strip()
    pipe = "|" in matches[-1].group()
    if (
        (guess or pipe)
        and len(shapes.words(tail)) <= _SITE_WORDS
        and len(shapes.words(head)) >= _TITLE_MIN_WORDS + guess
    ):
        return head
    return title


def title_from_heading(
    title: str, headings: list[str], *, look: int = _TITLE_HEADINGS
) -> str | None:
    """The first part of "Chapter - Book" / "Page | Site" when it is one of the first
    headings (else None): documentation and wiki pages name the page first and the site
    after it. Only the first part, and only when it says at least as much as the rest: a
    site's name is often a heading of its own (a logo), and so is a section's ("Opinion |
    Why our cities need trees")."""
    parts = _SEPARATORS.split(title, maxsplit=1)
    if len(parts) < 2 or len(shapes.words(parts[0])) < len(shapes.words(parts[1])):
        return None
    first = shapes.normal(parts[0])
    if first and any(shapes.normal(heading) == first for heading in headings[:look]):
        return parts[0].strip()
    return None


def _json_ld(root: Any) -> dict[str, Any]:
    """The first schema.org Article-like object on the page, or {}."""
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(
                    isinstance(k, str) and k.endswith(("Article", "Posting", "Report"))
                    for k in kinds
                ):
                    return item
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [])
    return {}


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return sanitize_line(value) if isinstance(value, str) and value.strip() else None


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _names(value: Any) -> str | None:
    values = value if isinstance(value, list) else [value]
    names = [name for item in values if (name := _name(item)) and not _is_url(name)]
    return ", ".join(dict.fromkeys(names)) or None


def _is_url(value: str | None) -> bool:
    return bool(value) and bool(re.match(r"^(?:https?:)?//", value or ""))


def _byline_element(root: Any) -> str | None:
    for element in root.xpath(
        '//*[@rel="author" or @itemprop="author" or contains(@class, "byline")]'
    )[:_BYLINE_ELEMENTS]:
        text = sanitize_line(element.text_content())
        name = shapes.byline(text) or (text if 0 < len(shapes.words(text)) <= _NAME_WORDS else None)
        if name:
            return name
    return None


def _time_element(root: Any) -> str | None:
    for element in root.iter("time"):
        value = element.get("datetime") or element.text_content()
        if value and value.strip():
            return sanitize_line(value)
    return None


def _date(value: str | None) -> str | None:
    """ISO timestamps shortened to their date; anything else as written."""
    if not value:
        return None
    match = _ISO.match(value.strip())
    return match.group(1) if match else value.strip()


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return value.strip()
    return None
