"""Chapters inside exported audio files, read back with mutagen (an implementation of the
formats that is not ours), their times checked against the captions and the audio."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import mutagen
import numpy as np
import pytest
import soundfile
from mutagen.id3 import CTOC, ID3, CTOCFlags

from reader.cli import main
from reader.narration.chapter_tags import embed
from reader.narration.chapters import Chapter

EMBEDDING = (".ogg", ".opus", ".mp3", ".flac")
PAGE = """<html><head><title>The whole story</title></head><body><article>
<h1>The whole story</h1>
<p>An opening paragraph comes first. It has a second sentence too.</p>
<h2>Where it began</h2>
<p>The first part of the story is told here, at some length.</p>
<h2>What came of it: “quotes” &amp; more</h2>
<p>And the story ends in this paragraph.</p>
</article></body></html>
"""
HEADINGS = ["Where it began", "What came of it: “quotes” & more"]


def read_chapters(path: Path) -> list[tuple[float, str]]:
    """(start in seconds, title) of each chapter mutagen finds in the file."""
    if path.suffix == ".mp3":
        tags = ID3(str(path))
        tables = {frame.element_id: frame for frame in tags.getall("CTOC")}
        frames = {frame.element_id: frame for frame in tags.getall("CHAP")}
        (top,) = [table for table in tables.values() if table.flags & CTOCFlags.TOP_LEVEL]

        def listed(table: CTOC) -> list[tuple[float, str]]:
            found: list[tuple[float, str]] = []
            for child in table.child_element_ids:
                if child in tables:
                    found += listed(tables[child])
                else:
                    chap = frames[child]
                    found.append((chap.start_time / 1000, str(chap.sub_frames["TIT2"])))
            return found

        return listed(top)
    file = mutagen.File(str(path))
    assert file is not None
    assert file.tags is not None
    comments = {key.upper(): values[0] for key, values in file.tags.items()}
    found: list[tuple[float, str]] = []
    number = 1
    while (at := comments.get(f"CHAPTER{number:03d}")) is not None:
        h, m, s = at.split(":")
        found.append((int(h) * 3600 + int(m) * 60 + float(s), comments[f"CHAPTER{number:03d}NAME"]))
        number += 1
    return found


def cue_starts(vtt: str) -> dict[str, float]:
    starts: dict[str, float] = {}
    for block in vtt.split("\n\n")[1:]:
        timing, text = block.split("\n", 1)
        h, m, s = timing.split(" --> ")[0].split(":")
        plain = " ".join(html.unescape(re.sub(r"<[^>]*>", "", text)).split())
        starts[plain] = int(h) * 3600 + int(m) * 60 + float(s)
    return starts


@pytest.mark.parametrize("extension", EMBEDDING)
def test_reader_export_puts_chapters_at_the_headings(tmp_path: Path, extension: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    source = folder / "story.html"
    source.write_text(PAGE, encoding="utf-8")
    audio, captions = folder / f"story{extension}", folder / "story.vtt"
    command = ["export", str(source), "-v", "espeak:en", "-o", str(audio)]
    assert main([*command, "--captions", str(captions)]) == 0
    marks = read_chapters(audio)
    assert [title for _, title in marks] == ["The whole story", *HEADINGS]
    starts = cue_starts(captions.read_text(encoding="utf-8"))
    assert marks[0][0] == 0
    for at, title in marks[1:]:
        assert at == pytest.approx(starts[title], abs=0.002), "where the heading is heard"
    samples, rate = soundfile.read(str(audio), dtype="int16")
    last = max(starts.values())
    assert len(samples) / rate > last + 1, "the audio is whole after the chapters went in"
    assert np.abs(samples[round(marks[2][0] * rate) :][: rate // 2]).max() > 1000
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["story.html", audio.name, "story.vtt"]
    ), "no partial file left"


def test_one_chapter_is_none_and_wav_has_none(tmp_path: Path) -> None:
    """A text whose one heading opens it (its title) gets no table of one entry."""
    source = tmp_path / "plain.txt"
    source.write_text("A title\n\nA paragraph with no heading before or after it.\n")
    audio = tmp_path / "plain.ogg"
    assert main(["export", str(source), "-v", "espeak:en", "-o", str(audio)]) == 0
    assert read_chapters(audio) == []
    page = tmp_path / "story.html"
    page.write_text(PAGE, encoding="utf-8")
    wav = tmp_path / "story.wav"
    assert main(["export", str(page), "-v", "espeak:en", "-o", str(wav)]) == 0
    assert soundfile.info(str(wav)).duration > 5


@pytest.mark.parametrize(
    ("extension", "format_name", "subtype", "rate"),
    [
        (".ogg", "OGG", "VORBIS", 22050),
        (".opus", "OGG", "OPUS", 24000),
        (".mp3", "MP3", "MPEG_LAYER_III", 22050),
        (".flac", "FLAC", "PCM_16", 22050),
    ],
)
def test_many_chapters_span_pages_and_the_audio_still_decodes(
    tmp_path: Path, extension: str, format_name: str, subtype: str, rate: int
) -> None:
    """A book's worth of headings: the comment header spans pages, every later Ogg page is
    renumbered with a new checksum (a bad one would be dropped by the decoder), and more
    than 255 chapters take nested ID3 tables of contents."""
    seconds = 60.0
    tone = (np.sin(np.arange(int(rate * seconds)) * 0.05) * 8000).astype(np.int16)
    plain = io.BytesIO()
    soundfile.write(plain, tone, rate, format=format_name, subtype=subtype)
    marks = [Chapter(round(n * 0.2, 3), f"Chapter {n}: {'x' * 60}") for n in range(300)]
    path = tmp_path / f"book{extension}"
    with path.open("w+b") as target:
        embed(plain, target, marks, seconds, format=(format_name, subtype))
    found = read_chapters(path)
    assert found == [(mark.start, mark.title) for mark in marks]
    decoded, decoded_rate = soundfile.read(str(path), dtype="int16")
    assert decoded_rate == rate
    assert len(decoded) / rate == pytest.approx(seconds, abs=0.1)
    if extension == ".mp3":
        tables = ID3(str(path)).getall("CTOC")
        assert sum(len(table.child_element_ids) for table in tables) == 2 + 300


def test_a_file_not_laid_out_as_expected_is_copied_unchanged(tmp_path: Path) -> None:
    odd = io.BytesIO(b"OggS\x00 not really a page")
    target = io.BytesIO()
    embed(odd, target, [Chapter(0.0, "A")], 1.0, format=("OGG", "VORBIS"))
    assert target.getvalue() == odd.getvalue()
