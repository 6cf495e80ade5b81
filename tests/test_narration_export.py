"""`export_wav` (synthesis only) and `speak` (a plain terminal, via the real narrator)."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import pytest

from reader.model import Article, Block, BlockKind
from reader.narration.espeak import EspeakSynthesizer
from reader.narration.export import ExportError, export_wav
from reader.narration.session import PARAGRAPH_PAUSE
from reader.narration.speak import speak
from reader.narration.worker import PACING_VARIABLE

ARTICLE = Article(
    source="test",
    title="A title that is not read",
    lang="en",
    blocks=(
        Block(BlockKind.PARAGRAPH, "The government rejected a commentary. It said so."),
        Block(BlockKind.CAPTION, "A caption is not read either."),
        Block(BlockKind.PARAGRAPH, "Officials freed 2,982 people."),
    ),
)


def test_export_writes_the_body_as_wav(tmp_path: Path) -> None:
    path = tmp_path / "story.wav"
    progress: list[tuple[int, int]] = []
    seconds = export_wav(ARTICLE, path, progress=lambda done, total: progress.append((done, total)))
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        rate = wav.getframerate()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    assert len(samples) / rate == pytest.approx(seconds)
    synth = EspeakSynthesizer(lang="en")
    body = [0, 2]
    expected = sum(
        synth.synthesize(ARTICLE.blocks[b].text[s.start : s.end]).duration
        for b in body
        for s in ARTICLE.sentences(b)
    ) + PARAGRAPH_PAUSE * (len(body) - 1)
    # eSpeak's output varies by a few ms from one rendering of a sentence to the next
    assert seconds == pytest.approx(expected, rel=0.03)
    assert float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) > 300
    assert progress == [(1, 2), (2, 2)]


def test_export_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="cannot write"):
        export_wav(ARTICLE, tmp_path / "missing" / "story.wav")
    with pytest.raises(ExportError, match="unknown voice"):
        export_wav(ARTICLE, tmp_path / "story.wav", voice="no-such-voice")
    empty = Article(source="t", title="t", blocks=(Block(BlockKind.CAPTION, "only a caption"),))
    with pytest.raises(ExportError, match="nothing to read"):
        export_wav(empty, tmp_path / "story.wav")


@pytest.fixture
def unpaced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PACING_VARIABLE, "0")  # the null device may run ahead of the clock


@pytest.mark.usefixtures("unpaced")
def test_speak_prints_each_paragraph_and_returns_0() -> None:
    out = io.StringIO()
    assert speak(ARTICLE, rate=1.5, out=out) == 0
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
