"""Volume, pauses and captions: what the listener tunes, honoured by the player, the worker's
session, the worker process and the export alike."""

from __future__ import annotations

import itertools
import queue
import re
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import soundfile

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind, Position
from reader.narration.commands import Load, Pause, Play, Resume
from reader.narration.engine import Clip
from reader.narration.espeak import EspeakSynthesizer
from reader.narration.events import Finished, NarrationEvent, SentenceStarted
from reader.narration.export import export_audio
from reader.narration.narrator import Narrator
from reader.narration.navigation import skip_target
from reader.narration.options import reads, scale, silence
from reader.narration.player import Player
from reader.narration.session import Session
from reader.narration.skipped import notice
from reader.narration.worker import PACING_VARIABLE
from reader.narration_options import NarrationOptions
from tests.narration_support import Collected, InstantPlayer, cue_times, run_session
from tests.waiting import CEILING

ARTICLE = split_sentences(
    Article(
        source="test",
        title="Options",
        lang="en",
        blocks=(
            Block(BlockKind.PARAGRAPH, "The government rejected a commentary. It said so."),
            Block(BlockKind.CAPTION, "A photo of the ministry."),
            Block(BlockKind.PARAGRAPH, "Officials freed many people."),
        ),
    )
)


def rms(samples: npt.NDArray[np.int16]) -> float:
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))


@pytest.fixture(scope="module")
def clip() -> Clip:
    return EspeakSynthesizer(voice="en").synthesize("The government rejected a commentary.")


# --- the options themselves ----------------------------------------------------------------


def test_options_clamp() -> None:
    options = NarrationOptions(rate=9, volume=1.7, paragraph_pause_ms=-3, sentence_pause_ms=99_999)
    assert (options.rate, options.volume) == (3.0, 1.0)
    assert (options.paragraph_pause_ms, options.sentence_pause_ms) == (0, 10_000)
    assert isinstance(options.rate, float)
    assert NarrationOptions(rate=float("nan"), volume=float("nan")) == NarrationOptions()
    assert options.pause_after(True) == 0
    assert options.pause_after(False) == 10_000
    assert reads(options, ARTICLE.blocks[1]) is False
    assert reads(replace(options, read_captions=True), ARTICLE.blocks[1]) is True


def test_scale_and_silence() -> None:
    pcm = np.array([1000, -1000, 30000, -32768], dtype=np.int16).tobytes()
    half = np.frombuffer(scale(pcm, 0.5), dtype=np.int16)
    assert half.tolist() == [500, -500, 15000, -16384]
    assert scale(pcm, 1.0) == pcm
    assert silence(22050, 100) == bytes(2 * 2205)


# --- volume ---------------------------------------------------------------------------------


def heard(clip: Clip, volume: float) -> npt.NDArray[np.int16]:
    """What the player hands the device for `clip` at `volume` (no stream started)."""
    player = Player(clip.sample_rate, pace=False, volume=volume)
    player.add(clip.pcm)
    out = np.zeros(clip.frames, dtype=np.int16)
    player.fill(out)
    return out


def test_volume_halves_the_rms_of_what_the_player_plays(clip: Clip) -> None:
    full, half = heard(clip, 1.0), heard(clip, 0.5)
    assert full.tobytes() == clip.pcm
    assert rms(half) == pytest.approx(rms(full) / 2, rel=0.01)


def test_volume_changes_what_is_already_queued(clip: Clip) -> None:
    player = Player(clip.sample_rate, pace=False)
    player.add(clip.pcm)
    first = np.zeros(clip.frames // 2, dtype=np.int16)
    player.fill(first)
    player.volume = 0.0
    rest = np.zeros(clip.frames - len(first), dtype=np.int16)
    player.fill(rest)
    assert rms(first) > 100
    assert not rest.any()


def test_volume_halves_the_rms_of_the_export(tmp_path: Path) -> None:
    loud, quiet = tmp_path / "loud.wav", tmp_path / "quiet.wav"
    export_audio(ARTICLE, loud)
    export_audio(ARTICLE, quiet, options=NarrationOptions(volume=0.5))
    full, _ = soundfile.read(str(loud), dtype="int16")
    half, _ = soundfile.read(str(quiet), dtype="int16")
    # eSpeak NG's output varies a little from one rendering to the next
    assert rms(half) / rms(full) == pytest.approx(0.5, abs=0.05)


# --- pauses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("paragraph_ms", "sentence_ms"), [(250, 0), (1000, 300)])
def test_pauses_set_the_gaps_in_exported_audio(
    tmp_path: Path, paragraph_ms: int, sentence_ms: int
) -> None:
    audio, captions = tmp_path / "a.wav", tmp_path / "a.vtt"
    options = NarrationOptions(paragraph_pause_ms=paragraph_ms, sentence_pause_ms=sentence_ms)
    export_audio(ARTICLE, audio, captions=captions, options=options)
    cues = cue_times(captions.read_text(encoding="utf-8"))
    assert len(cues) == 3  # two sentences, the caption skipped, one sentence
    samples, rate = soundfile.read(str(audio), dtype="int16")
    boundaries = itertools.pairwise(cues)
    for ((_, end, _), (start, _, _)), pause in zip(
        boundaries, (sentence_ms, paragraph_ms), strict=True
    ):
        assert start - end == pytest.approx(pause / 1000, abs=0.0015)
        margin = 0.002  # cue times are whole milliseconds
        gap = samples[round((end + margin) * rate) : round((start - margin) * rate)]
        assert not gap.any(), "the pause is silence"
    assert len(samples) / rate == pytest.approx(cues[-1][1], abs=0.002)


# --- captions -------------------------------------------------------------------------------


@pytest.mark.parametrize("read", [False, True])
def test_captions_are_exported_only_when_asked(tmp_path: Path, read: bool) -> None:
    audio, captions = tmp_path / "a.wav", tmp_path / "a.vtt"
    export_audio(ARTICLE, audio, captions=captions, options=NarrationOptions(read_captions=read))
    texts = [re.sub(r"<[^>]*>", "", text) for _, _, text in cue_times(captions.read_text())]
    assert ("A photo of the ministry." in texts) is read
    assert len(texts) == (4 if read else 3)


# --- the worker's session, with a player that hears everything at once -----------------------


def test_the_session_queues_the_configured_pauses_and_volume() -> None:
    options = NarrationOptions(volume=0.3, paragraph_pause_ms=700, sentence_pause_ms=200)
    player, _, rate = run_session(options, ARTICLE)
    assert player.volume == 0.3
    synth = EspeakSynthesizer(lang="en")
    texts = ("The government rejected a commentary.", "It said so.", "Officials freed many people.")
    plain = [len(synth.synthesize(text).pcm) // 2 for text in texts]
    frames = [count for count, _ in player.queued]
    assert len(frames) == 3
    # clip lengths vary by a few ms between renderings; the pauses are far longer
    added = [(count - clip) / rate for count, clip in zip(frames, plain, strict=True)]
    assert added == [
        pytest.approx(0.2, abs=0.05),
        pytest.approx(0.7, abs=0.05),
        pytest.approx(0.0, abs=0.05),  # nothing after the article's last sentence
    ]


@pytest.mark.parametrize("read", [False, True])
def test_the_session_reads_captions_only_when_asked(read: bool) -> None:
    _, events, _ = run_session(NarrationOptions(read_captions=read), ARTICLE)
    blocks = [e.block for e in events if isinstance(e, SentenceStarted)]
    assert blocks == ([0, 0, 1, 2] if read else [0, 0, 2])


CODE = split_sentences(
    Article(
        source="code",
        title="Code",
        lang="en",
        blocks=(
            Block(BlockKind.PARAGRAPH, "Run the command below."),
            Block(BlockKind.CODE, "make && sudo make install"),
            Block(BlockKind.PARAGRAPH, "Then run it again."),
            Block(BlockKind.CODE, "make check"),
            Block(BlockKind.PARAGRAPH, "It is done."),
        ),
    )
)


@pytest.mark.parametrize("read", [False, True])
def test_code_blocks_are_read_only_when_asked_and_skipping_is_said_once(read: bool) -> None:
    options = NarrationOptions(read_code=read, paragraph_pause_ms=0)
    player, events, rate = run_session(options, CODE)
    blocks = [e.block for e in events if isinstance(e, SentenceStarted)]
    assert blocks == ([0, 1, 2, 3, 4] if read else [0, 2, 4])
    if read:
        return
    synth = EspeakSynthesizer(lang="en")
    texts = ("Run the command below.", "Then run it again.", "It is done.")
    plain = [len(synth.synthesize(text).pcm) // 2 for text in texts]
    said = len(synth.synthesize(notice(BlockKind.CODE, "en")).pcm) // 2 / rate
    added = [(count - clip) / rate for (count, _), clip in zip(player.queued, plain, strict=True)]
    assert added == [
        pytest.approx(said, abs=0.05),
        pytest.approx(0, abs=0.05),
        pytest.approx(0, abs=0.05),
    ]


def test_skipping_a_paragraph_passes_over_code_it_does_not_read() -> None:
    here = Position(0, 0, 0)
    assert skip_target(CODE, here, blocks=1) == Position(2, 0, 0)
    landed = skip_target(CODE, here, blocks=1, options=NarrationOptions(read_code=True))
    assert landed == Position(1, 0, 0)


# --- the worker process ---------------------------------------------------------------------


def test_the_worker_takes_options_at_start_and_later(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PACING_VARIABLE, "0")
    events: queue.Queue[NarrationEvent] = queue.Queue()
    chosen = NarrationOptions(read_captions=True, volume=0.5, paragraph_pause_ms=0)
    narrator = Narrator(events.put, chosen)
    try:
        narrator.start()
        narrator.load(ARTICLE)

        def blocks_heard() -> list[int]:
            narrator.play(Position(0))
            heard: list[int] = []
            deadline = time.monotonic() + CEILING
            while True:
                event = events.get(timeout=max(0.01, deadline - time.monotonic()))
                if isinstance(event, SentenceStarted):
                    heard.append(event.block)
                if isinstance(event, Finished):
                    return heard

        assert blocks_heard() == [0, 0, 1, 2]
        narrator.configure(replace(chosen, read_captions=False))
        assert narrator.options.read_captions is False
        assert narrator.options.volume == 0.5
        assert blocks_heard() == [0, 0, 2]
    finally:
        narrator.close()


# --- the command line reads the settings file --------------------------------------------------


def test_reader_export_honours_the_settings_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader import settings
    from reader.cli import main

    path = settings.default_path()
    chosen = NarrationOptions(sentence_pause_ms=800, volume=0.5)
    settings.save(settings.Settings(narration=chosen), path)
    try:
        source = tmp_path / "a.txt"
        source.write_text("A title\n\nThe first sentence is here. The second one follows it.\n")
        audio, captions = tmp_path / "a.wav", tmp_path / "a.vtt"
        assert main(["export", str(source), "-o", str(audio), "--captions", str(captions)]) == 0
    finally:
        path.unlink()
    capsys.readouterr()
    (_, end, first), (start, _, second) = cue_times(captions.read_text())[-2:]
    assert first.endswith("here.")
    assert re.sub(r"<[^>]*>", "", second).startswith("The")
    assert start - end == pytest.approx(0.8, abs=0.0015)
    samples, _ = soundfile.read(str(audio), dtype="int16")
    assert 0 < np.abs(samples).max() <= 32767 // 2 + 1


def test_the_whole_of_a_book_continues_what_its_beginning_is_playing() -> None:
    """The reader shows a book's beginning, then swaps in the whole: narration goes on."""
    beginning = replace(ARTICLE, blocks=ARTICLE.blocks[:1])
    synth = EspeakSynthesizer(lang="en")
    sink = Collected()
    session = Session(synth, InstantPlayer(), None, sink)  # type: ignore[arg-type]
    session.start()
    session.command(Load(beginning, whole=False))
    session.command(Play(0, 0))
    session.command(Pause())
    session.command(Load(ARTICLE, whole=True))
    session.command(Resume())
    assert sink.done.wait(CEILING)
    session.close()
    events = sink.all()
    blocks = [e.block for e in events if isinstance(e, SentenceStarted)]
    assert blocks == [0, 0, 2], "the sentences of the whole, captions skipped, no restart"
