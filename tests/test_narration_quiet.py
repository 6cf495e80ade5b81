"""No silence between a command and the voice: a clip starts with its voice (eSpeak NG opens
a sentence that starts with a quote mark with a tenth of a second of silence), so Next onto
such a paragraph is heard at once; a resume in the silence after a sentence comes back with
the next one's voice, not after the rest of that silence."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pytest

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind
from reader.narration.engine import Clip, WordTiming
from reader.narration.espeak import EspeakSynthesizer
from reader.narration.player import Player
from reader.narration.quiet import LEAD_MS, QUIET, next_sound, without_lead
from reader.narration.render_ahead import RenderAhead
from reader.narration.speech import render
from reader.narration_options import NarrationOptions
from tests.waiting import CEILING

RATE = 22050
LEAD = RATE * LEAD_MS // 1000
OPENINGS = [
    '"Although the ministry has been committed to it, the work goes on," he said.',
    "(In brief) the ministry said so.",
    "“Quoted” words come first here.",
    "- A dash opens this one.",
]


def tone(ms: int, level: int = 8000) -> bytes:
    """A voice's stand-in: loud from its first sample."""
    frames = RATE * ms // 1000
    wave = level * np.cos(np.arange(frames) * 2 * np.pi * 220 / RATE)
    return wave.astype("<i2").tobytes()


def frames(ms: int) -> int:
    return RATE * ms // 1000


def quiet(ms: int) -> bytes:
    return bytes(2 * (RATE * ms // 1000))


def first_sound(pcm: bytes) -> int | None:
    return next_sound(np.frombuffer(pcm, dtype="<i2"), 0)


def silence_before_sound(samples: Any) -> int:
    """Frames before the first sound (all of them when there is none)."""
    first = next_sound(samples, 0)
    return len(samples) if first is None else first


def test_a_clip_starts_with_its_voice_and_its_words_move_with_it() -> None:
    clip = Clip(quiet(120) + tone(300), RATE, (WordTiming(0, 4, 120), WordTiming(5, 9, 320)))
    cut = without_lead(clip)
    assert first_sound(cut.pcm) == LEAD
    assert cut.frames == clip.frames - (frames(120) - LEAD)
    assert [w.ms for w in cut.words] == [LEAD_MS, 200 + LEAD_MS]
    assert cut.pcm[2 * LEAD :] == clip.pcm[2 * frames(120) :], "the voice untouched"


@pytest.mark.parametrize("pcm", [tone(200), quiet(5) + tone(200), quiet(300), b""])
def test_a_clip_already_starting_with_its_voice_or_all_silence_stays_as_it_is(
    pcm: bytes,
) -> None:
    clip = Clip(pcm, RATE, (WordTiming(0, 4, 0),))
    assert without_lead(clip) == clip


@pytest.mark.parametrize("text", OPENINGS)
def test_a_sentence_opening_with_a_mark_is_rendered_starting_with_its_voice(text: str) -> None:
    synth = EspeakSynthesizer(lang="en")
    raw = synth.synthesize(text)
    clip = render(synth, text)
    first = silence_before_sound(np.frombuffer(clip.pcm, dtype="<i2"))
    assert first <= LEAD
    assert clip.words[0].ms <= LEAD_MS + 1
    cut = ((first_sound(raw.pcm) or 0) - first) / RATE
    assert clip.duration == pytest.approx(raw.duration - cut, abs=0.05), "only silence cut"


class Recording(Player):
    """The real player, keeping what it is given to play."""

    def __init__(self, sample_rate: int) -> None:
        super().__init__(sample_rate)
        self.given: dict[object, bytes] = {}

    def add(self, pcm: bytes, tag: object = None) -> None:
        self.given[tag] = pcm
        super().add(pcm, tag)


def test_next_onto_a_paragraph_opening_with_a_quote_mark_plays_its_voice_at_once() -> None:
    article = split_sentences(
        Article(
            source="test",
            title="Quoted",
            lang="en",
            blocks=(
                Block(BlockKind.PARAGRAPH, "The ministry spoke on Wednesday. It said more."),
                Block(BlockKind.PARAGRAPH, OPENINGS[0]),
            ),
        )
    )
    synth = EspeakSynthesizer(lang="en")
    player = Recording(synth.sample_rate)
    failed: list[Exception] = []
    ahead = RenderAhead(synth, player, NarrationOptions(), failed.append)
    ahead.load(article)
    ahead.start()
    try:
        ahead.jump(0, 0)
        deadline = time.monotonic() + CEILING
        while (queued := ahead.pending.opening(1, 0)) is None:  # rendered ahead for Next
            assert time.monotonic() < deadline
            assert not failed
            time.sleep(0.01)
        with ahead.lock:
            ahead.jump(1, 0)  # Next
        given = np.frombuffer(player.given[queued.tag], dtype="<i2")
        assert silence_before_sound(given) <= LEAD, "the voice, not a tenth of a second's silence"
    finally:
        ahead.close()
        player.close()


def played(player: Player, count: int) -> Any:
    """What the device is handed next: `count` frames, as the stream's callback takes them."""
    out = np.zeros(count, dtype=np.int16)
    player.fill(out)
    return out


def test_a_resume_in_the_silence_after_a_sentence_comes_back_with_the_next_voice() -> None:
    player = Player(RATE)  # driven by hand, without a device
    one = tone(200) + quiet(550)  # a sentence and the silence after it
    player.add(one, "one")
    player.add(quiet(5) + tone(300), "two")
    played(player, frames(300))  # the voice, then 100 ms of the silence after it
    player.pause()
    player.resume()
    assert silence_before_sound(played(player, RATE)) <= LEAD, "not the 450 ms of silence left"


def test_the_silence_a_resume_passes_over_counts_as_played() -> None:
    player = Player(RATE)
    one = tone(200) + quiet(550)
    player.add(one, "one")
    player.add(tone(300), "two")
    played(player, frames(300))
    player.pause()
    player.resume()
    played(player, 10)
    assert player.frames_written == len(one) // 2 + 10
    assert player.audible() == ("two", 10), "the events of what was passed over are due"


def test_a_resume_mid_word_and_a_resume_while_playing_pass_over_nothing() -> None:
    player = Player(RATE)
    player.add(tone(200) + quiet(550) + tone(200), "one")
    played(player, frames(100))
    player.pause()
    player.resume()
    assert next_sound(played(player, 10), 0) == 0, "mid-word: on from where it was"
    assert player.frames_written == frames(100) + 10
    played(player, frames(150))  # into the silence, playing
    before = player.frames_written
    player.resume()  # not paused: the silence plays as rendered
    assert next_sound(played(player, frames(100)), 0) is None
    assert player.frames_written == before + frames(100)


def test_silence_is_what_stays_under_the_floor() -> None:
    samples = np.array([0, 3, -QUIET + 1, QUIET - 1, -QUIET, 5], dtype=np.int16)
    assert next_sound(samples, 0) == 4
    assert next_sound(samples, 5) is None
    long = np.zeros(10_000, dtype=np.int16)
    assert next_sound(long, 0) is None
    long[9_000] = 1000
    assert next_sound(long, 100) == 9_000
