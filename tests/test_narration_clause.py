"""Play starts with the sentence's first clause alone when the voice renders slowly: the
listener hears it sooner, and the sentence is still one sentence, each word once, in order,
joined without a gap."""

from __future__ import annotations

import numpy as np

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind
from reader.narration.clause import JOIN_MS, first_clause, trimmed
from reader.narration.commands import Load, Play
from reader.narration.engine import Clip, Voice, word_spans
from reader.narration.events import Finished, SentenceStarted, WordStarted
from reader.narration.piper import PiperSynthesizer
from reader.narration.player import Player
from reader.narration.session import Session
from tests.narration_support import Events, is_a

LONG_SENTENCE = (
    "The Cambodian government on Wednesday, after a week of silence, rejected a commentary "
    "about the country's efforts to crack down on scam centres."
)
NO_COMMA = (
    "Officials said that more than two thousand people from twenty countries had been "
    "freed from the compounds in the last month alone."
)


def cut_text(text: str) -> str | None:
    cut = first_clause(text, 0, len(text))
    return None if cut is None else text[: cut.end]


def test_the_first_clause_ends_at_a_mark_or_after_a_few_words() -> None:
    assert cut_text(LONG_SENTENCE) == "The Cambodian government on Wednesday,"
    assert cut_text(NO_COMMA) == "Officials said that more"
    assert cut_text("Yes, the minister said it was over, and that was that for now.") == (
        "Yes, the minister said"
    )
    assert cut_text("In 2024, the minister said, it was over, and that was that.") == (
        "In 2024, the minister said,"
    )
    assert cut_text("A short sentence is rendered whole, always.") is None
    offset = "Before. "
    cut = first_clause(offset + LONG_SENTENCE, len(offset), len(offset) + len(LONG_SENTENCE))
    assert cut is not None
    assert (offset + LONG_SENTENCE)[
        len(offset) : cut.end
    ] == "The Cambodian government on Wednesday,"


def test_trimmed_leaves_only_the_pause_asked_for() -> None:
    rate = 22050
    sound = (np.sin(np.arange(rate // 2) / 5) * 10_000).astype("<i2")
    pcm = np.concatenate([sound, np.zeros(rate // 4, "<i2")]).tobytes()
    kept = trimmed(pcm, rate, JOIN_MS)
    assert len(kept) // 2 - len(sound) <= rate * JOIN_MS // 1000 + 1
    assert len(kept) // 2 >= len(sound) - 5
    assert trimmed(bytes(200), rate, JOIN_MS) == bytes(200)


class Recording:
    """The Piper voice, slow (as the router says of it), keeping what it was asked."""

    slow = True

    def __init__(self, synth: PiperSynthesizer) -> None:
        self.synth = synth
        self.sample_rate = synth.sample_rate
        self.voice_name = synth.voice_name
        self.texts: list[str] = []

    def synthesize(self, text: str) -> Clip:
        self.texts.append(text)
        return self.synth.synthesize(text)

    def voices(self) -> list[Voice]:
        return self.synth.voices()

    def set_voice(self, voice: str, *, fallback: bool = False) -> str:
        return self.voice_name

    def set_rate(self, rate: float) -> None:
        self.synth.set_rate(rate)


def test_a_slow_voice_starts_with_the_first_clause(piper_synth: PiperSynthesizer) -> None:
    piper_synth.set_rate(1.0)
    text = f"{LONG_SENTENCE} {NO_COMMA}"
    article = split_sentences(
        Article(source="t", title="t", lang="en", blocks=(Block(BlockKind.PARAGRAPH, text),))
    )
    synth = Recording(piper_synth)
    events = Events()
    player = Player(synth.sample_rate, pace=False)
    session = Session(synth, player, None, events)
    session.start()
    try:
        session.command(Load(article, whole=False))
        session.command(Play(0, 0))
        got = events.until(is_a(Finished))
    finally:
        session.close()
    # Only the sentence play started at is cut; the next renders whole. (Once all is
    # queued, the paragraph's opening may be rendered whole too, for a skip back to it.)
    assert synth.texts[:3] == [
        "The Cambodian government on Wednesday,",
        LONG_SENTENCE.removeprefix("The Cambodian government on Wednesday,"),
        NO_COMMA,
    ]
    assert set(synth.texts[3:]) <= {LONG_SENTENCE}
    assert [e for e in got if isinstance(e, SentenceStarted)] == [
        SentenceStarted(0, 0),
        SentenceStarted(0, 1),
    ]
    words = [(e.start, e.end) for e in got if isinstance(e, WordStarted)]
    assert words == word_spans(text)
