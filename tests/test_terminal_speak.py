"""`speak` in a plain terminal without keys (stdin not a terminal), via the real narrator.

Export has its own tests in test_narration_export.py; keys in test_terminal_keys.py.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind, Position
from reader.narration.worker import PACING_VARIABLE
from reader.narration_options import NarrationOptions
from reader.store import Store
from reader.terminal.speak import speak

ARTICLE = split_sentences(
    Article(
        source="test",
        title="A title that is not read",
        lang="en",
        blocks=(
            Block(BlockKind.PARAGRAPH, "The government rejected a commentary. It said so."),
            Block(BlockKind.CAPTION, "A caption is not read either."),
            Block(BlockKind.PARAGRAPH, "Officials freed 2,982 people."),
        ),
    )
)


@pytest.fixture
def unpaced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PACING_VARIABLE, "0")  # the null device may run ahead of the clock


@pytest.mark.usefixtures("unpaced")
def test_speak_prints_each_paragraph_and_returns_0() -> None:
    out = io.StringIO()
    assert speak(ARTICLE, out=out, options=NarrationOptions(rate=1.5)) == 0
    text = out.getvalue()
    assert "A title that is not read" in text
    assert "The government rejected a commentary." in text
    assert "Officials freed 2,982 people." in text
    assert "caption" not in text
    assert text.index("The government") < text.index("Officials")


class _InterruptOnParagraph(io.StringIO):
    def write(self, s: str) -> int:
        if "Officials" in s:
            raise KeyboardInterrupt
        return super().write(s)


@pytest.mark.usefixtures("unpaced")
def test_speak_ctrl_c_returns_130() -> None:
    assert speak(ARTICLE, out=_InterruptOnParagraph()) == 130


def test_speak_without_audio_device_returns_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "asound.conf"
    config.write_text("</usr/share/alsa/alsa.conf>\npcm.!default { type hw card 42 }\n")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(config))
    assert speak(ARTICLE, out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith("reader: No audio output device")
    assert err.count("\n") == 1


@pytest.mark.usefixtures("unpaced")
def test_speak_keeps_the_place_in_the_store(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "state.sqlite3")
    assert speak(ARTICLE, out=io.StringIO(), store=store) == 0
    document = store.document(ARTICLE.source)
    assert document is not None, "in the history"
    assert document.finished
    assert document.position == Position(2, 0, 0), "the last sentence heard"


@pytest.mark.usefixtures("unpaced")
def test_speak_resumes_where_it_stopped_unless_told_otherwise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(tmp_path / "state.sqlite3")
    store.remember(ARTICLE)
    store.save_position(ARTICLE.source, Position(0, 1, 37))
    out = io.StringIO()
    assert speak(ARTICLE, out=out, store=store) == 0
    assert capsys.readouterr().err == "resuming at paragraph 1 of 2 (--from-start to start over)\n"
    assert "Officials freed" in out.getvalue()
    store.save_position(ARTICLE.source, Position(2))
    store.mark_finished(ARTICLE.source, False)
    out = io.StringIO()
    assert speak(ARTICLE, out=out, store=store) == 0
    assert "The government rejected" not in out.getvalue()
    assert "Officials freed" in out.getvalue()
    store.save_position(ARTICLE.source, Position(2))
    store.mark_finished(ARTICLE.source, False)
    out = io.StringIO()
    assert speak(ARTICLE, out=out, store=store, from_start=True) == 0
    assert "The government rejected" in out.getvalue()
    out = io.StringIO()
    assert speak(ARTICLE, out=out, store=store) == 0, "finished: from the top again"
    assert "The government rejected" in out.getvalue()
