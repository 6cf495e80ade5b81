"""Code blocks and tables narration passes over: skipped by the options, said once per
article per kind ("Table skipped."), in the narration's language, at the same places when
listening (the worker's session, real eSpeak NG) and in an exported file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

import pytest
import soundfile

from reader.extract import load
from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind
from reader.narration.commands import Load, Pause, Play, Resume, Skip
from reader.narration.engine import Clip
from reader.narration.espeak import EspeakSynthesizer
from reader.narration.events import Finished, NarrationError, NarrationEvent, SentenceStarted
from reader.narration.export import export_audio
from reader.narration.options import nothing_to_read, reads
from reader.narration.render_ahead import RenderAhead
from reader.narration.session import Session
from reader.narration.skipped import NOTICES, notice, notice_language, passed_over, primary
from reader.narration.speech import render
from reader.narration_options import NarrationOptions
from tests.narration_support import Events, InstantPlayer, cue_times, run_session, state
from tests.waiting import wait_until

GERMAN = Path(__file__).resolve().parent / "fixtures" / "nonprose-de.html"
"""Blocks: 0 paragraph, 1 table, 2-3 paragraphs, 4 code, 5 paragraph, 6 table, 7 paragraph."""
SKIPPING = NarrationOptions(read_tables=False, paragraph_pause_ms=0)
SAID = {phrase for phrases in NOTICES.values() for phrase in phrases.values()}

ENGLISH = split_sentences(
    Article(
        source="scores",
        title="Scores",
        lang="en",
        blocks=(
            Block(BlockKind.PARAGRAPH, "The scores are in. Finland leads."),
            Block(
                BlockKind.TABLE,
                "Name: Finland; Score: 7.8\nName: Denmark; Score: 7.5",
                rows=(("Name", "Score"), ("Finland", "7.8"), ("Denmark", "7.5")),
                header=True,
            ),
            Block(BlockKind.CAPTION, "The happiest countries."),
            Block(BlockKind.CODE, "print(scores)"),
            Block(BlockKind.PARAGRAPH, "Denmark comes second."),
        ),
    )
)


class Listening(EspeakSynthesizer):
    """eSpeak NG keeping every text it was given: what the listener hears, word for word."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang=lang)
        self.texts: list[str] = []

    def synthesize(self, text: str) -> Clip:
        self.texts.append(text)
        return super().synthesize(text)


@pytest.fixture(scope="module")
def german() -> Article:
    return load(str(GERMAN))


# --- which blocks, which words --------------------------------------------------------------


def test_tables_are_read_unless_turned_off_and_code_only_when_turned_on() -> None:
    table, code = ENGLISH.blocks[1], ENGLISH.blocks[3]
    assert reads(NarrationOptions(), table)
    assert not reads(NarrationOptions(), code)
    assert not reads(SKIPPING, table)
    assert reads(NarrationOptions(read_code=True), code)


def test_each_kind_passed_over_is_named_once_in_reading_order() -> None:
    blocks = ENGLISH.blocks[1:4]
    assert passed_over(blocks, SKIPPING, told=()) == [BlockKind.TABLE, BlockKind.CODE]
    assert passed_over(blocks, SKIPPING, told={BlockKind.TABLE}) == [BlockKind.CODE]
    assert passed_over(blocks, NarrationOptions(), told=()) == [BlockKind.CODE]
    everything = NarrationOptions(read_code=True, read_captions=True)
    assert passed_over(blocks, everything, told=()) == [], "nothing skipped, nothing said"
    assert passed_over(ENGLISH.blocks[2:3], SKIPPING, told=()) == [], "captions: silently"


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Table skipped."),
        ("de", "Tabelle übersprungen."),
        ("de-AT", "Tabelle übersprungen."),
        ("fr", "Tableau ignoré."),
        ("es", "Tabla omitida."),
        ("it", "Tabella saltata."),
        ("pt_BR", "Tabela ignorada."),
        ("fi", "Table skipped."),
        ("", "Table skipped."),
    ],
)
def test_the_notice_is_in_the_narration_language_else_english(language: str, said: str) -> None:
    assert notice(BlockKind.TABLE, language) == said


def test_the_narration_language_is_the_chosen_voice_else_the_article() -> None:
    assert primary("piper:de_DE-thorsten-medium") == "de"
    assert primary("gmw/en-US") == "en"
    assert primary("espeak:fr") == "fr"
    assert notice_language(NarrationOptions(), ENGLISH) == "en"
    assert notice_language(NarrationOptions(voice="roa/it"), ENGLISH) == "it"


@pytest.mark.parametrize("voice", ["German", "espeak:German", "english-us", "Joe Medium"])
def test_a_voice_chosen_by_name_speaks_the_notice_in_the_article_language(voice: str) -> None:
    # An eSpeak NG voice may be chosen by its name: the name is no language code, so the
    # notice goes by the article's language (then English), not by the name's letters.
    german = Article(source="de", title="Zahlen", lang="de-AT", blocks=ENGLISH.blocks)
    assert notice_language(NarrationOptions(voice=voice), german) == "de"
    unknown = Article(source="x", title="", blocks=())
    assert notice_language(NarrationOptions(voice=voice), unknown) == "en"


# --- the worker's session, with the real engine ---------------------------------------------


def test_a_table_turned_off_is_skipped_and_said_once_in_german(german: Article) -> None:
    synth = Listening("de")
    player, events, rate = run_session(SKIPPING, german, synth)
    blocks = [e.block for e in events if isinstance(e, SentenceStarted)]
    assert sorted(set(blocks)) == [0, 2, 3, 5, 7], "neither table nor code is read"
    said = [text for text in synth.texts if text in SAID]
    assert said == ["Tabelle übersprungen.", "Codeblock übersprungen."], "each kind once"
    assert not any("Bodensee;" in text for text in synth.texts)

    # Each notice follows the last sentence before the block it names: the frames queued
    # with that sentence are the sentence and the notice (no pauses here), each rendered
    # as narration renders it.
    plain = EspeakSynthesizer(lang="de")
    extra = {}
    for (frames, _), event in zip(player.queued, sentences(events), strict=True):
        text = sentence_text(german, event.block, event.sentence)
        extra[(event.block, event.sentence)] = frames / rate - render(plain, text).duration
    table = render(plain, "Tabelle übersprungen.").duration
    code = render(plain, "Codeblock übersprungen.").duration
    assert extra.pop((0, 1)) == pytest.approx(table, abs=0.05)
    assert extra.pop((3, 0)) == pytest.approx(code, abs=0.05)
    assert all(value == pytest.approx(0, abs=0.05) for value in extra.values())


def test_tables_read_by_default_row_by_row_and_only_code_is_said(german: Article) -> None:
    synth = Listening("de")
    _, events, _ = run_session(NarrationOptions(paragraph_pause_ms=0), german, synth)
    blocks = [e.block for e in events if isinstance(e, SentenceStarted)]
    assert blocks.count(1) == 3, "the table's three rows, one after another"
    assert [text for text in synth.texts if text in SAID] == ["Codeblock übersprungen."]


def test_an_english_article_hears_the_english_notices_once_each() -> None:
    synth = Listening("en")
    _, events, _ = run_session(SKIPPING, ENGLISH, synth)
    blocks = [e.block for e in events if isinstance(e, SentenceStarted)]
    assert blocks == [0, 0, 4]
    assert [text for text in synth.texts if text in SAID] == [
        "Table skipped.",
        "Code block skipped.",
    ]


def sentences(events: list[NarrationEvent]) -> list[SentenceStarted]:
    return [e for e in events if isinstance(e, SentenceStarted)]


def sentence_text(article: Article, block: int, sentence: int) -> str:
    span = article.sentences(block)[sentence]
    return article.blocks[block].text[span.start : span.end]


# --- the export says the same at the same places --------------------------------------------


def test_the_export_says_the_notices_where_the_reader_does(german: Article, tmp_path: Path) -> None:
    audio, captions = tmp_path / "seen.wav", tmp_path / "seen.vtt"
    options = NarrationOptions(read_tables=False, paragraph_pause_ms=400)
    seconds = export_audio(german, audio, captions=captions, options=options)
    vtt = captions.read_text(encoding="utf-8")
    timed = cue_times(vtt, tags=False)
    texts = [text for _, _, text in timed]
    assert texts == [
        sentence_text(german, 0, 0),
        sentence_text(german, 0, 1),
        "Tabelle übersprungen.",
        sentence_text(german, 2, 0),
        sentence_text(german, 2, 1),
        sentence_text(german, 3, 0),
        "Codeblock übersprungen.",
        sentence_text(german, 5, 0),
        sentence_text(german, 7, 0),
    ]
    tagged = [text for _, _, text in cue_times(vtt)]
    assert re.fullmatch(r"Tabelle <\d\d:\d\d:\d\d\.\d{3}>übersprungen\.", tagged[2]), (
        "the notice's words are timed like a sentence's"
    )
    # a paragraph's pause before the notice and after it, as before any paragraph
    notice_at = texts.index("Tabelle übersprungen.")
    before, at, after = timed[notice_at - 1], timed[notice_at], timed[notice_at + 1]
    assert at[0] - before[1] == pytest.approx(0.4, abs=0.0015)
    assert after[0] - at[1] == pytest.approx(0.4, abs=0.0015)
    samples, rate = soundfile.read(str(audio), dtype="int16")
    assert len(samples) / rate == pytest.approx(seconds, abs=0.002)
    assert seconds == pytest.approx(timed[-1][1], abs=0.002), "no pause after the end"


def test_the_export_narrates_what_the_session_narrates(german: Article, tmp_path: Path) -> None:
    """Listening and exporting say the same sentences and notices, in the same order."""
    synth = Listening("de")
    _, events, _ = run_session(SKIPPING, german, synth)
    heard = [sentence_text(german, e.block, e.sentence) for e in sentences(events)]
    said = iter([text for text in synth.texts if text in SAID])
    spoken: list[str] = []
    for text, event in zip(heard, sentences(events), strict=True):
        spoken.append(text)
        if (event.block, event.sentence) in {(0, 1), (3, 0)}:
            spoken.append(next(said))
    captions = tmp_path / "seen.vtt"
    export_audio(german, tmp_path / "seen.wav", captions=captions, options=SKIPPING)
    assert [
        text for _, _, text in cue_times(captions.read_text(encoding="utf-8"), tags=False)
    ] == spoken


def test_a_notice_at_the_article_end_is_said_with_no_pause_after(tmp_path: Path) -> None:
    ending = split_sentences(
        Article(
            source="end",
            title="End",
            lang="fr",
            blocks=(
                Block(BlockKind.PARAGRAPH, "Voici le code."),
                Block(BlockKind.CODE, "make"),
            ),
        )
    )
    captions = tmp_path / "end.vtt"
    options = NarrationOptions(paragraph_pause_ms=500)
    seconds = export_audio(ending, tmp_path / "end.wav", captions=captions, options=options)
    timed = cue_times(captions.read_text(encoding="utf-8"), tags=False)
    assert [text for _, _, text in timed] == ["Voici le code.", "Bloc de code ignoré."]
    assert seconds == pytest.approx(timed[-1][1], abs=0.002)


class Held:
    """A player that takes what is queued and plays none of it: the first sentence queued
    stays the one being heard."""

    def __init__(self) -> None:
        self.volume = 1.0
        self.tags: list[object] = []

    def enqueue(self, pcm: bytes, tag: object = None) -> None:
        self.tags.append(tag)

    def queued_frames(self) -> int:
        return 10**9  # a long runway: it renders ahead as far as it does while playing

    def audible(self) -> tuple[object, int] | None:
        return (self.tags[0], 0) if self.tags else None

    def keep_current(self) -> tuple[object, int] | None:
        return self.audible()

    def drop_before(self, tag: object) -> bool:
        return False

    def stop(self) -> None:
        pass

    def clear(self) -> None:
        pass


def test_a_notice_queued_but_not_heard_is_said_when_narration_passes_again() -> None:
    # A rate change while the first sentence is heard renders again what was queued after
    # it: the notices queued there were never heard, so they are said in the new render.
    synth = Listening("en")
    player = Held()
    errors: list[Exception] = []
    ahead = RenderAhead(synth, player, SKIPPING, errors.append)  # type: ignore[arg-type]
    ahead.start()
    try:
        ahead.load(ENGLISH)
        ahead.jump(0, 0)
        wait_until(lambda: len(player.tags) >= 3, "the article queued")
        assert [text for text in synth.texts if text in SAID] == NOTICED
        assert ahead.keep_current()
        wait_until(lambda: len(player.tags) >= 5, "the rest queued again")
    finally:
        ahead.close()
    assert not errors
    assert [text for text in synth.texts if text in SAID] == NOTICED * 2


NOTICED = ["Table skipped.", "Code block skipped."]


def test_playing_an_article_of_only_skipped_blocks_says_why_and_how_to_hear_them() -> None:
    # The reader shows this line as a notification: the listener learns that code is
    # passed over and which setting (or S) reads it, instead of narration ending at once.
    article = split_sentences(
        Article(
            source="code",
            title="Code",
            lang="en",
            blocks=(Block(BlockKind.CODE, "print(1)"), Block(BlockKind.CODE, "print(2)")),
        )
    )
    events = Events()
    session = Session(EspeakSynthesizer(lang="en"), InstantPlayer(), None, events)  # type: ignore[arg-type]
    session.start()
    try:
        session.command(Load(article, whole=False))
        session.command(Play(0, 0))
        (*_, last) = events.until(lambda event: isinstance(event, (Finished, NarrationError)))
    finally:
        session.close()
    assert last == NarrationError(nothing_to_read(article, NarrationOptions()))
    assert "read_code = true" in last.message


class Stalled:
    """A player that plays nothing by itself: what is heard is what the test sets in
    `heard` (tag, frame); a skip's `clear` drops what was queued."""

    def __init__(self) -> None:
        self.volume = 1.0
        self.queued: list[tuple[object, bytes]] = []
        self.heard: tuple[object, int] | None = None

    def enqueue(self, pcm: bytes, tag: object = None) -> None:
        self.queued.append((tag, pcm))

    def queued_frames(self) -> int:
        return 10**9  # a long runway: it renders ahead as far as it does while playing

    def audible(self) -> tuple[object, int] | None:
        return self.heard

    def drop_before(self, tag: object) -> bool:
        tags = [queued for queued, _ in self.queued]
        if tag not in tags or (self.heard is not None and self.heard[0] == tag):
            return False
        del self.queued[: tags.index(tag)]
        return True

    def clear(self) -> None:
        self.queued.clear()
        self.heard = None

    def keep_current(self) -> tuple[object, int] | None:
        return None

    def drained(self) -> bool:
        return False

    def racing(self) -> bool:
        return False

    def pause(self) -> None:
        pass

    def resume(self) -> None:
        pass

    stop = close = clear


@contextmanager
def stalled() -> Iterator[tuple[Session, Stalled, Listening, Events]]:
    """The worker's session narrating `ENGLISH` with tables and code skipped, the whole
    article queued on a player that plays only what the test says is heard."""
    synth = Listening("en")
    player = Stalled()
    events = Events()
    session = Session(synth, player, None, events, options=SKIPPING)  # type: ignore[arg-type]
    session.start()
    try:
        session.command(Load(ENGLISH, whole=False))
        session.command(Play(0, 0))
        wait_until(lambda: len(player.queued) >= 3, "the article queued")
        yield session, player, synth, events
    finally:
        session.close()


def test_next_over_a_table_and_code_says_their_notices_before_the_paragraph() -> None:
    # Narration going on past the table and the code block says so after the first
    # paragraph; Next from that paragraph jumps over them, and says the same before the
    # paragraph it lands on, each kind once an article: jumping back and narrating past
    # them again says nothing more.
    with stalled() as (session, player, synth, events):
        player.heard = (player.queued[0][0], 0)
        events.until(lambda event: event == SentenceStarted(0, 0))
        before = len(synth.texts)
        assert [text for text in synth.texts if text in SAID] == NOTICED, "queued after 0.1"

        session.command(Skip(1, 0))  # before the notices queued after 0.1 are heard
        wait_until(lambda: len(player.queued) == 1, "the paragraph after the code queued")
        assert [text for text in synth.texts[before:] if text in SAID] == NOTICED
        plain = EspeakSynthesizer(lang="en")
        lead = sum(len(render(plain, text).pcm) // 2 for text in NOTICED)
        tag, pcm = player.queued[0]
        sentence = render(plain, "Denmark comes second.")
        assert len(pcm) // 2 - lead == pytest.approx(len(sentence.pcm) // 2, abs=0.05 * 22050)

        # While the notices are heard the highlight stays; the paragraph starts after them.
        player.heard = (tag, lead // 2)
        session.command(Pause())
        paused = events.until(state("paused"))
        assert SentenceStarted(4, 0) not in paused
        player.heard = (tag, lead + len(sentence.pcm) // 4)
        session.command(Resume())
        events.until(lambda event: event == SentenceStarted(4, 0))

        # Back to the first paragraph and on past the skipped blocks: told already.
        told = len(synth.texts)
        session.command(Skip(-1, 0))
        wait_until(lambda: queued_after(player, tag, 3), "the article queued again")
        assert [text for text in synth.texts[told:] if text in SAID] == []


def test_next_over_blocks_whose_notices_were_heard_says_nothing() -> None:
    with stalled() as (session, player, synth, events):
        player.heard = (player.queued[2][0], 0)  # past the notices queued after 0.1
        events.until(lambda event: event == SentenceStarted(4, 0))
        told, last = len(synth.texts), player.queued[-1][0]
        session.command(Skip(-1, 0))
        wait_until(lambda: queued_after(player, last, 3), "the article queued again")
        player.heard = (player.queued[0][0], 0)
        events.until(lambda event: event == SentenceStarted(0, 0))
        session.command(Skip(1, 0))
        events.until(state("playing"))
        wait_until(lambda: player.queued, "the paragraph Next lands on")
        assert [text for text in synth.texts[told:] if text in SAID] == []


def queued_after(player: Stalled, tag: object, count: int) -> bool:
    """Whether `count` items (at least one) are queued, all after the one tagged `tag`."""
    tags = [queued for queued, _ in player.queued]
    return len(tags) >= max(1, count) and all(cast(int, t) > cast(int, tag) for t in tags)
