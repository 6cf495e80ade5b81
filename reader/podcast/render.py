"""Rendering the queue into a podcast folder: what is new or changed, one episode at a time.

After each episode the episode list and `feed.xml` are rewritten (each by a rename), so the
feed is valid and complete for what is on disk whenever the run stops. The audio and its
transcript are written whole or not at all by the export (`reader.narration.export`); a stop
between sentences leaves no partial file and the feed as it was before that episode.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from reader.extract.errors import ExtractionError
from reader.model import Article
from reader.narration.export import (
    ExportError,
    ExportProgress,
    Progress,
    export_audio,
)
from reader.narration.options import narrated_blocks
from reader.narration_options import NarrationOptions
from reader.podcast.chapters import chapters, chapters_json
from reader.podcast.feed import Episode, guid, load_episodes, save, write_atomic
from reader.safe_text import sanitize_line
from reader.store import content_hash

FORMATS = (".ogg", ".opus", ".mp3")
SLUG_LENGTH = 48
DESCRIPTION_LENGTH = 400


class PodcastError(Exception):
    """One line: the folder cannot be used."""


@dataclass(frozen=True, slots=True)
class Outcome:
    rendered: int = 0
    unchanged: int = 0
    failed: int = 0


Loader = Callable[[str], Article]
"""Loads a source; raises ExtractionError, whose message is one line to show."""
ProgressFor = Callable[[str], AbstractContextManager[Progress | None]]
"""A progress callback (or None) for the episode about to render, named by its line."""


def prepare(directory: Path) -> None:
    """Create the folder if needed and make sure files can be written in it."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if not directory.is_dir():
            raise PodcastError(f"cannot write the podcast in {directory}: it is not a folder")
        probe = directory / f".reader-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except FileExistsError:
        raise PodcastError(f"cannot write the podcast in {directory}: it is a file") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise PodcastError(f"cannot write the podcast in {directory}: {reason}") from None


def render_podcast(
    directory: Path,
    sources: Iterable[str],
    load: Loader,
    *,
    extension: str = ".ogg",
    title: str = "reader",
    base_url: str | None = None,
    options: NarrationOptions = NarrationOptions(),
    progress_for: ProgressFor | None = None,
    say: Callable[[str], None] = lambda _: None,
    stop: threading.Event | None = None,
) -> Outcome:
    """Render each source not already in the folder as it is now; keep every earlier
    episode. Failures are said in one line each and skipped. ExportStopped passes through,
    with the feed written for the episodes done."""
    prepare(directory)
    episodes, warning = load_episodes(directory)
    if warning:
        say(f"warning: {warning}")
    by_guid = {episode.guid: episode for episode in episodes}
    outcome = Outcome()
    save(directory, list(by_guid.values()), title, base_url)
    for source in dict.fromkeys(sources):
        try:
            article = load(source)
        except ExtractionError as error:
            say(f"skipped {source}: {error}")
            outcome = replace(outcome, failed=outcome.failed + 1)
            continue
        key = _key(article, extension, options)
        earlier = by_guid.get(guid(article.source))
        if earlier is not None and earlier.key == key and _complete(directory, earlier):
            outcome = replace(outcome, unchanged=outcome.unchanged + 1)
            continue
        line = sanitize_line(article.title) or sanitize_line(source)
        try:
            with _progress(progress_for, line) as progress:
                episode = _render(
                    directory,
                    article,
                    earlier=earlier,
                    key=key,
                    extension=extension,
                    options=options,
                    progress=progress,
                    stop=stop,
                )
        except ExportError as error:
            say(f"skipped {source}: {error}")
            outcome = replace(outcome, failed=outcome.failed + 1)
            continue
        by_guid[episode.guid] = episode
        save(directory, list(by_guid.values()), title, base_url)
        if earlier is not None:
            _remove_replaced(directory, earlier, episode)
        outcome = replace(outcome, rendered=outcome.rendered + 1)
    return outcome


def _render(
    directory: Path,
    article: Article,
    *,
    earlier: Episode | None,
    key: str,
    extension: str,
    options: NarrationOptions,
    progress: Progress | None,
    stop: threading.Event | None,
) -> Episode:
    identifier = guid(article.source)
    stem = Path(earlier.audio).stem if earlier else _stem(article, identifier)
    audio = directory / (stem + extension)
    transcript = directory / (stem + ".vtt")
    body = narrated_blocks(article, options)
    starts: dict[int, float] = {}

    def record(step: ExportProgress) -> None:
        if step.paragraphs_done < len(body):
            starts[body[step.paragraphs_done]] = step.seconds_done
        if progress is not None:
            progress(step)

    seconds = export_audio(
        article, audio, captions=transcript, progress=record, options=options, stop=stop
    )
    marks = chapters(article, starts)
    chapter_file = directory / (stem + ".chapters.json")
    try:
        write_atomic(chapter_file, chapters_json(marks).encode())
    except OSError as error:
        raise ExportError(f"cannot write {chapter_file}: {error.strerror or error}") from None
    published = earlier.published if earlier else datetime.now(UTC).isoformat()
    return Episode(
        guid=identifier,
        source=article.source,
        title=sanitize_line(article.title),
        author=sanitize_line(article.byline or article.site or ""),
        description=_description(article),
        language=article.lang or "",
        audio=audio.name,
        transcript=transcript.name,
        chapters=chapter_file.name,
        length=audio.stat().st_size,
        seconds=round(seconds, 3),
        published=published,
        key=key,
    )


def _progress(
    progress_for: ProgressFor | None, line: str
) -> AbstractContextManager[Progress | None]:
    if progress_for is None:
        from contextlib import nullcontext

        return nullcontext(None)
    return progress_for(line)


def _key(article: Article, extension: str, options: NarrationOptions) -> str:
    """What the rendered files depend on: the text, the format and the narration options."""
    rendered = f"{content_hash(article)}|{extension}|{options!r}"
    return hashlib.sha256(rendered.encode()).hexdigest()[:32]


def _complete(directory: Path, episode: Episode) -> bool:
    names = (episode.audio, episode.transcript, episode.chapters)
    return all((directory / name).is_file() for name in names)


def _remove_replaced(directory: Path, earlier: Episode, episode: Episode) -> None:
    """An earlier episode's audio in another format is not in the feed any more."""
    if earlier.audio != episode.audio:
        (directory / earlier.audio).unlink(missing_ok=True)


def _stem(article: Article, identifier: str) -> str:
    """A file name from the title (ASCII letters and digits), made unique by the GUID."""
    words = re.sub(r"[^a-z0-9]+", "-", sanitize_line(article.title).lower()).strip("-")
    slug = words[:SLUG_LENGTH].rstrip("-") or "episode"
    return f"{slug}-{identifier.removeprefix('reader-')[:8]}"


def _description(article: Article) -> str:
    """The metadata line and the opening of the text, for the podcast app's episode page."""
    opening = sanitize_line(article.text)
    if len(opening) > DESCRIPTION_LENGTH:
        opening = opening[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0] + " …"
    return " — ".join(part for part in (sanitize_line(article.metadata_line), opening) if part)
