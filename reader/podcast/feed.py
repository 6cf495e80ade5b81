"""The podcast's RSS 2.0 `feed.xml`, built with xml.etree from the folder's episode list.

The list (`EPISODES`, JSON beside the feed) is what the feed is made from and what a later
run compares with: each episode's GUID comes from its document's source, so it stays the
same when the document is rendered again; `key` says what was rendered (content hash,
format, voice, rate). Text from pages goes through `sanitize_line` (which drops the control
characters XML 1.0 cannot carry); ElementTree escapes the rest (`&`, `<`, `>`, quotes), so a
title such as `]]></title><script>` stays a title.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

from reader.safe_text import sanitize_line

FEED = "feed.xml"
EPISODES = ".reader-podcast.json"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
MIME_TYPES = {".ogg": "audio/ogg", ".opus": "audio/ogg", ".mp3": "audio/mpeg"}
"""Ogg Opus is audio/ogg too (RFC 7845)."""
TRANSCRIPT_TYPE = "text/vtt"
CHAPTERS_TYPE = "application/json+chapters"

ET.register_namespace("itunes", ITUNES)
ET.register_namespace("podcast", PODCAST)
ET.register_namespace("atom", ATOM)


@dataclass(frozen=True, slots=True)
class Episode:
    guid: str
    source: str
    title: str
    author: str
    description: str
    language: str
    audio: str
    """File names inside the folder."""
    transcript: str
    chapters: str
    length: int
    """Bytes of the audio file."""
    seconds: float
    published: str
    """ISO 8601 with time zone: when it was first rendered."""
    key: str


def guid(source: str) -> str:
    """The episode's GUID: the same for the same document, run after run."""
    return "reader-" + hashlib.sha256(source.encode()).hexdigest()[:32]


def load_episodes(directory: Path) -> tuple[list[Episode], str | None]:
    """The episodes of an earlier run, and a warning if their list could not be read."""
    path = directory / EPISODES
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
        return [Episode(**record) for record in records], None
    except FileNotFoundError:
        return [], None
    except (OSError, ValueError, TypeError) as error:
        return [], f"{path} could not be read ({error}); starting a new feed"


def save(directory: Path, episodes: list[Episode], title: str, base_url: str | None) -> None:
    """Write the episode list and the feed, each whole or not at all."""
    records = [asdict(episode) for episode in episodes]
    write_atomic(directory / EPISODES, json.dumps(records, ensure_ascii=False, indent=1).encode())
    write_atomic(directory / FEED, feed_xml(episodes, title, base_url))


def write_atomic(path: Path, data: bytes) -> None:
    """`data` in `path` by a rename, so a reader sees the old file or the new, never half."""
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(partial, 0o644)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def link(name: str, base_url: str | None) -> str:
    """A file of the folder as the feed names it: relative, or under `base_url`."""
    quoted = quote(name)
    return base_url.rstrip("/") + "/" + quoted if base_url else quoted


def duration(seconds: float) -> str:
    """`itunes:duration` as HH:MM:SS."""
    minutes, whole = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{whole:02d}"


def feed_xml(episodes: list[Episode], title: str, base_url: str | None) -> bytes:
    """The RSS 2.0 document, newest episode first."""
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", title)
    _text(channel, "link", base_url or "")
    _text(channel, "description", f"{title}: articles read aloud by reader")
    _text(channel, "generator", "reader")
    if base_url:
        ET.SubElement(
            channel,
            f"{{{ATOM}}}link",
            {"href": link(FEED, base_url), "rel": "self", "type": "application/rss+xml"},
        )
    _text(channel, f"{{{ITUNES}}}author", "reader")
    _text(channel, f"{{{ITUNES}}}explicit", "false")
    ordered = sorted(episodes, key=lambda episode: episode.published, reverse=True)
    if ordered:
        _text(channel, "lastBuildDate", _rfc822(ordered[0].published))
    for episode in ordered:
        _item(channel, episode, base_url)
    ET.indent(rss)
    document: bytes = ET.tostring(rss, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _item(channel: ET.Element, episode: Episode, base_url: str | None) -> None:
    item = ET.SubElement(channel, "item")
    _text(item, "title", episode.title or "(untitled)")
    if "://" in episode.source:
        _text(item, "link", episode.source)
    _text(item, "description", episode.description or episode.title)
    ET.SubElement(item, "guid", {"isPermaLink": "false"}).text = episode.guid
    _text(item, "pubDate", _rfc822(episode.published))
    mime = MIME_TYPES[Path(episode.audio).suffix.lower()]
    enclosure = {"url": link(episode.audio, base_url), "length": str(episode.length)}
    ET.SubElement(item, "enclosure", {**enclosure, "type": mime})
    _text(item, f"{{{ITUNES}}}duration", duration(episode.seconds))
    if episode.author:
        _text(item, f"{{{ITUNES}}}author", episode.author)
    transcript = {"url": link(episode.transcript, base_url), "type": TRANSCRIPT_TYPE}
    if episode.language:
        transcript["language"] = _clean(episode.language)
    ET.SubElement(item, f"{{{PODCAST}}}transcript", transcript)
    chapters = {"url": link(episode.chapters, base_url), "type": CHAPTERS_TYPE}
    ET.SubElement(item, f"{{{PODCAST}}}chapters", chapters)


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = _clean(text)


def _clean(text: str) -> str:
    return sanitize_line(text)


def _rfc822(iso: str) -> str:
    return format_datetime(datetime.fromisoformat(iso))
