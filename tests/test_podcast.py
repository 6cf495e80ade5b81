"""`reader podcast DIR`: real eSpeak renders into a folder, read back as a podcast app would
(feedparser for the feed, soundfile for the audio, the chapters JSON, the WebVTT)."""

from __future__ import annotations

import html
import json
import re
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

import feedparser
import numpy as np
import pytest
import soundfile

from reader.cli import main
from reader.extract.errors import ExtractionError
from reader.model import Article, Block, BlockKind
from reader.narration.export import ExportProgress, ExportStopped, Progress
from reader.podcast.chapters import chapters
from reader.podcast.feed import FEED, guid
from reader.podcast.render import Outcome, render_podcast
from tests.waiting import CEILING, ending

BASE = "https://example.org/pod/"
HOSTILE = "Bad \x1b[2J\x07title ]]></title><script>alert(1)</script> & \x00more"
SHOWN = "Bad title ]]></title><script>alert(1)</script> & more"


def article(source: str, title: str, *extra: Block) -> Article:
    return Article(
        source=source,
        title=title,
        lang="en",
        site="Example",
        blocks=(
            Block(BlockKind.PARAGRAPH, "An opening sentence. Then another one."),
            Block(BlockKind.HEADING, "The second part", 2),
            Block(BlockKind.PARAGRAPH, "The second part says a little more."),
            Block(BlockKind.HEADING, "Last <part> & end", 2),
            Block(BlockKind.PARAGRAPH, "It ends here."),
            *extra,
        ),
    )


def loader(articles: dict[str, Article]) -> Callable[[str], Article]:
    def load(source: str) -> Article:
        if source not in articles:
            raise ExtractionError(f"no such file: {source}")
        return articles[source]

    return load


def render(folder: Path, articles: dict[str, Article], **options: Any) -> Outcome:
    return render_podcast(folder, list(articles), loader(articles), **options)


def cue_starts(vtt: str) -> dict[str, float]:
    """Sentence text -> start in seconds, from a WebVTT file."""
    starts: dict[str, float] = {}
    for block in vtt.split("\n\n")[1:]:
        timing, text = block.split("\n", 1)
        h, m, s = timing.split(" --> ")[0].split(":")
        plain = html.unescape(re.sub(r"<[^>]*>", "", text))
        starts[" ".join(plain.split())] = int(h) * 3600 + int(m) * 60 + float(s)
    return starts


def test_the_feed_has_every_field_with_absolute_links(tmp_path: Path) -> None:
    articles = {
        "https://example.com/a": article("https://example.com/a", "First article"),
        "https://example.com/b": article("https://example.com/b", HOSTILE),
    }
    assert render(tmp_path, articles, base_url=BASE, title="My queue") == Outcome(rendered=2)
    raw = (tmp_path / FEED).read_bytes()
    ET.fromstring(raw)  # well-formed XML
    feed = feedparser.parse(raw)
    assert not feed.bozo
    assert feed.version == "rss20"
    assert feed.feed.title == "My queue"
    assert {entry.title for entry in feed.entries} == {"First article", SHOWN}
    for entry in feed.entries:
        source = (
            "https://example.com/a" if entry.title == "First article" else "https://example.com/b"
        )
        assert entry.id == guid(source)
        assert entry.link == source
        assert entry.published_parsed is not None
        (enclosure,) = entry.enclosures
        assert enclosure.href.startswith(BASE)
        audio = tmp_path / enclosure.href.removeprefix(BASE)
        assert int(enclosure.length) == audio.stat().st_size
        assert enclosure.type == "audio/ogg"
        info = soundfile.info(str(audio))
        h, m, s = (int(part) for part in entry.itunes_duration.split(":"))
        assert abs(h * 3600 + m * 60 + s - info.duration) <= 0.5
        samples, _ = soundfile.read(str(audio), dtype="int16")
        assert np.abs(samples).max() > 1000  # speech, not silence
        transcript = entry.podcast_transcript
        assert transcript["type"] == "text/vtt"
        assert transcript["url"].startswith(BASE)
        vtt = (tmp_path / transcript["url"].removeprefix(BASE)).read_text()
        starts = cue_starts(vtt)
        assert vtt.startswith("WEBVTT")
        assert "The second part says a little more." in starts
        marks = entry.podcast_chapters
        assert marks["type"] == "application/json+chapters"
        document = json.loads((tmp_path / marks["url"].removeprefix(BASE)).read_text())
        assert document["version"].startswith("1.")
        titles = [chapter["title"] for chapter in document["chapters"]]
        assert titles == [entry.title, "The second part", "Last <part> & end"]
        times = [chapter["startTime"] for chapter in document["chapters"]]
        assert times[0] == 0
        assert times == sorted(times)
        assert times[-1] < info.duration
        # each heading's chapter starts where its spoken sentence does
        assert abs(times[1] - starts["The second part"]) < 0.01
        assert abs(times[2] - starts["Last <part> & end"]) < 0.01


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    articles = {"x": article("x", HOSTILE, Block(BlockKind.HEADING, "]]>\x0b<h>", 2))}
    render(tmp_path, articles)
    raw = (tmp_path / FEED).read_bytes()
    assert b"<script>" not in raw
    assert b"]]></title>" not in raw
    assert b"\x1b" not in raw
    (entry,) = feedparser.parse(raw).entries
    assert entry.title == SHOWN
    assert not entry.get("link")  # a file is not a web link
    assert entry.enclosures[0].href == entry.enclosures[0].href.strip()
    assert "/" not in entry.enclosures[0].href  # relative without --base-url
    document = json.loads((tmp_path / entry.podcast_chapters["url"]).read_text())
    assert document["chapters"][-1]["title"] == "]]> <h>"


def test_a_second_run_renders_only_what_changed_and_keeps_the_rest(tmp_path: Path) -> None:
    first = {"a": article("a", "One"), "b": article("b", "Two")}
    render(tmp_path, first)
    audio = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.ogg")}
    assert render(tmp_path, first) == Outcome(unchanged=2)
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.ogg")} == audio
    changed = {"b": article("b", "Two", Block(BlockKind.PARAGRAPH, "A new paragraph."))}
    assert render(tmp_path, changed) == Outcome(rendered=1)
    feed = feedparser.parse((tmp_path / FEED).read_bytes())
    assert sorted(entry.id for entry in feed.entries) == sorted([guid("a"), guid("b")])
    assert len(list(tmp_path.glob("*.ogg"))) == 2
    (two,) = [entry for entry in feed.entries if entry.id == guid("b")]
    assert "A new paragraph." in cue_starts((tmp_path / two.podcast_transcript["url"]).read_text())


def test_another_format_replaces_the_file(tmp_path: Path) -> None:
    articles = {"a": article("a", "One")}
    render(tmp_path, articles)
    assert render(tmp_path, articles, extension=".mp3") == Outcome(rendered=1)
    assert [p.suffix for p in tmp_path.glob("*-*.*") if p.suffix in (".ogg", ".mp3")] == [".mp3"]
    (entry,) = feedparser.parse((tmp_path / FEED).read_bytes()).entries
    assert entry.enclosures[0].type == "audio/mpeg"
    assert soundfile.info(str(tmp_path / entry.enclosures[0].href)).duration > 2


def test_opus_episodes_are_ogg_at_an_opus_rate_with_chapters_where_the_voice_is(
    tmp_path: Path,
) -> None:
    """eSpeak speaks at 22,050 Hz, which Opus does not take: the file is 24 kHz and the
    times of chapters and transcript still land where the voice starts."""
    articles = {"a": article("a", "One")}
    assert render(tmp_path, articles, extension=".opus") == Outcome(rendered=1)
    (entry,) = feedparser.parse((tmp_path / FEED).read_bytes()).entries
    (enclosure,) = entry.enclosures
    audio = tmp_path / enclosure.href
    assert audio.suffix == ".opus"
    assert enclosure.type == "audio/ogg"
    assert int(enclosure.length) == audio.stat().st_size
    info = soundfile.info(str(audio))
    assert (info.format, info.subtype, info.samplerate) == ("OGG", "OPUS", 24000)
    h, m, s = (int(part) for part in entry.itunes_duration.split(":"))
    assert abs(h * 3600 + m * 60 + s - info.duration) <= 0.5
    vtt = (tmp_path / entry.podcast_transcript["url"]).read_text()
    h, m, s = vtt.rstrip().rsplit("\n\n", 1)[1].split("\n")[0].split(" --> ")[1].split(":")
    spoken = int(h) * 3600 + int(m) * 60 + float(s)  # the last cue ends with the audio
    assert info.duration == pytest.approx(spoken, abs=0.03), "resampling kept the length"
    samples, rate = soundfile.read(str(audio), dtype="int16")
    document = json.loads((tmp_path / entry.podcast_chapters["url"]).read_text())
    starts = cue_starts(vtt)
    for chapter in document["chapters"][1:]:
        at = round(chapter["startTime"] * rate)
        assert abs(chapter["startTime"] - starts[chapter["title"]]) < 0.01
        before = samples[at - round(0.1 * rate) : at - round(0.01 * rate)]
        after = samples[at : at + round(0.2 * rate)]
        assert np.sqrt(np.mean(before.astype(float) ** 2)) < 50, "quiet before the heading"
        assert np.sqrt(np.mean(after.astype(float) ** 2)) > 200, "the heading is heard"


def test_a_stop_leaves_a_valid_feed_of_what_is_done_and_no_partial_file(tmp_path: Path) -> None:
    folder = tmp_path / "pod"
    articles = {"a": article("a", "One"), "b": article("b", "Two")}
    stop = threading.Event()
    seen: list[str] = []

    def progress_for(line: str) -> AbstractContextManager[Progress | None]:
        seen.append(line)

        def step(progress: ExportProgress) -> None:
            if len(seen) == 2 and progress.paragraphs_done == 1:
                stop.set()

        return nullcontext(step)

    with pytest.raises(ExportStopped):
        render(folder, articles, stop=stop, progress_for=progress_for)
    (entry,) = feedparser.parse((folder / FEED).read_bytes()).entries
    assert entry.id == guid("a")
    assert sorted(p.suffix for p in folder.iterdir() if not p.name.startswith(".")) == [
        ".json",
        ".ogg",
        ".vtt",
        ".xml",
    ]
    hidden = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert hidden == [".reader-podcast.json"]


def test_a_source_that_fails_is_skipped_in_one_line(tmp_path: Path) -> None:
    lines: list[str] = []
    articles = {"a": article("a", "One")}
    load = loader(articles)
    outcome = render_podcast(tmp_path, ["missing.html", "a"], load, say=lines.append)
    assert outcome == Outcome(rendered=1, failed=1)
    assert lines == ["skipped missing.html: no such file: missing.html"]


def test_chapters_begin_at_zero_when_the_text_opens_with_a_heading() -> None:
    opened = Article(
        "s", "T", (Block(BlockKind.HEADING, "Intro", 1), Block(BlockKind.PARAGRAPH, "x"))
    )
    assert [(c.start, c.title) for c in chapters(opened, {0: 0.0, 1: 1.5})] == [(0.0, "Intro")]


def test_cli_renders_the_queue(
    tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = str(seeds_dir / "cna-cambodia-scam-networks.html")
    assert main(["queue", "add", seed]) == 0
    folder = tmp_path / "pod"
    assert main(["podcast", str(folder), "--format", "mp3"]) == 0
    (entry,) = feedparser.parse((folder / FEED).read_bytes()).entries
    assert entry.title.startswith("Cambodia government rejects")
    assert soundfile.info(str(folder / entry.enclosures[0].href)).duration > 60
    assert "1 rendered" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["{dir}"], "the queue is empty"),
        (["{file}/sub", "{seed}"], "cannot write the podcast in"),
        (["{file}", "{seed}"], "cannot write the podcast in"),
        (["{dir}", "missing.html", "also-missing.txt"], "skipped also-missing.txt"),
        (["{dir}", "{seed}", "--base-url", "example.org"], "--base-url must start with"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(
    tmp_path: Path,
    seeds_dir: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    said: str,
) -> None:
    afile = tmp_path / "a-file"
    afile.write_text("x")
    seed = str(seeds_dir / "cna-cambodia-scam-networks.html")
    given = [a.format(dir=tmp_path / "pod", file=afile, seed=seed) for a in arguments]
    assert main(["podcast", *given]) == 2
    err = capsys.readouterr().err
    assert said in err
    assert "Traceback" not in err
    assert all(line.startswith("reader: ") for line in err.splitlines())


def test_ctrl_c_in_the_command_leaves_a_valid_feed(tmp_path: Path) -> None:
    """A real SIGINT while the second episode renders: exit 130, the first one in the feed."""
    short = tmp_path / "short.txt"
    short.write_text("A short article.\n\nIt has two paragraphs of one sentence each.\n")
    long = tmp_path / "long.txt"
    paragraph = "This sentence is one of many in a long article that takes a while to render."
    long.write_text("A long article.\n\n" + "\n\n".join([paragraph * 4] * 400) + "\n")
    folder = tmp_path / "pod"
    command = [sys.executable, "-m", "reader", "podcast", str(folder), str(short), str(long)]
    with ending(subprocess.Popen(command, stderr=subprocess.PIPE, text=True)) as child:
        deadline = time.monotonic() + CEILING
        while time.monotonic() < deadline and child.poll() is None:
            feed = folder / FEED
            if feed.exists() and len(feedparser.parse(feed.read_bytes()).entries) == 1:
                break
            time.sleep(0.05)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=CEILING)
    assert child.returncode == 130, err
    assert "stopped" in err
    (entry,) = feedparser.parse((folder / FEED).read_bytes()).entries
    assert soundfile.info(str(folder / entry.enclosures[0].href)).duration > 1
    hidden = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert hidden == [".reader-podcast.json"]
    assert len(list(folder.glob("*.ogg"))) == 1


@pytest.mark.parametrize("extension", [".ogg", ".mp3"])
def test_episodes_carry_their_chapters_inside_the_audio_too(tmp_path: Path, extension: str) -> None:
    """Players that do not read the JSON chapters (most do not) find the same ones in the
    file: Vorbis comments in Ogg, ID3 CHAP frames in MP3 (read back with mutagen)."""
    from tests.test_narration_chapter_tags import read_chapters

    articles = {"a": article("a", "One")}
    assert render(tmp_path, articles, extension=extension) == Outcome(rendered=1)
    (entry,) = feedparser.parse((tmp_path / FEED).read_bytes()).entries
    document = json.loads((tmp_path / entry.podcast_chapters["url"]).read_text())
    expected = [(chapter["startTime"], chapter["title"]) for chapter in document["chapters"]]
    embedded = read_chapters(tmp_path / entry.enclosures[0].href)
    assert [title for _, title in embedded] == ["One", "The second part", "Last <part> & end"]
    assert [title for _, title in embedded] == [title for _, title in expected]
    for (at, _), (json_at, _) in zip(embedded, expected, strict=True):
        assert at == pytest.approx(json_at, abs=0.001)
