"""Bytes that decode to noise are not an article: one line and exit 2, never a screen of
replacement characters. Real text in any script still reads."""

from __future__ import annotations

import codecs
import random
import subprocess
import sys
from pathlib import Path

import pytest

from reader.extract import ExtractionError, load


def random_bytes(seed: int, alphabet: list[int], size: int = 8000) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.choice(alphabet) for _ in range(size))


NOISE = {
    "bad-utf8-pattern": b"\xff\xfe\xc3\x28" * 500,
    "high-bytes-random": random_bytes(7, list(range(0x80, 0x100))),
    "printable-and-high-random": random_bytes(11, [*range(0x20, 0x7F), *range(0x80, 0x100)]),
    "symbols-only": "☐☑☒★☆♠♣♥♦".encode() * 300,
}
TEXTS = {
    "english": "The council voted on Tuesday to keep the old library open for another year.",
    "russian": "Москва приняла новый закон о защите читателей, сообщили в пятницу вечером.",
    "greek": "Η βιβλιοθήκη της πόλης θα παραμείνει ανοιχτή για έναν ακόμη χρόνο.",
    "chinese": "市议会周二投票决定让老图书馆再开放一年，居民们对此表示欢迎。",
    "persian": "کتاب\u200cخانه\u200cی شهر یک سال دیگر باز می\u200cماند و مردم خوشحال هستند.",
    "hindi": "नगर परिषद ने मंगलवार को पुराने पुस्तकालय को एक और साल खुला रखने का फैसला किया।",
    "japanese": "東京都は火曜日、古い図書館をもう一年開けておくことを決めた。カタカナのサインも。",
    "korean": "대한민국(大韓民國)의 시의회는 화요일 옛 도서관을 1년 더 열어두기로 결정했다.",
    "pinyin": "你好 nǐ hǎo，谢谢 xiè xie，再见 zài jiàn：中国 zhōng guó 的图书馆。",
    "formula": "Let α and β be the angles; then sin α + cos β = x, and ΔE = mc² for λ > 0.",
}


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("data", NOISE.values(), ids=NOISE.keys())
def test_noise_is_refused_by_load(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(data)
    with pytest.raises(ExtractionError, match="no article text") as caught:
        load(str(path))
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_text_in_any_script_is_read(tmp_path: Path, text: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(((text + "\n\n") * 20).encode())
    assert text in load(str(path)).text


def test_text_in_any_script_is_read_in_utf16(tmp_path: Path) -> None:
    for name, text in TEXTS.items():
        for encoding in ("utf-16", "utf-16-be"):  # with a BOM (little-endian), without
            path = tmp_path / f"{name}-{encoding}.txt"
            path.write_bytes(((text + "\n\n") * 20).encode(encoding))
            if encoding == "utf-16" or text.isascii():
                assert text in load(str(path)).text, (name, encoding)


def test_ascii_text_in_utf16_without_a_bom_is_read(tmp_path: Path) -> None:
    """What some Windows tools write: NULs between the letters, no BOM. It is not a binary
    file, and not UTF-8 (of which the NULs are valid characters too)."""
    text = TEXTS["english"]
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(((text + "\r\n") * 20).encode(encoding))
        assert load(str(path)).text.startswith(text)


def utf16_noise(seed: int, size: int) -> bytes:
    """A UTF-16 BOM and random bytes: every pair a character, anywhere in Unicode."""
    return codecs.BOM_UTF16_LE + random_bytes(seed, list(range(256)), size)


@pytest.mark.parametrize("size", [64, 256, 4096])
def test_random_bytes_after_a_utf16_bom_are_refused(tmp_path: Path, size: int) -> None:
    path = tmp_path / "noise.txt"
    for seed in range(20):
        path.write_bytes(utf16_noise(seed, size))
        with pytest.raises(ExtractionError, match="no article text"):
            load(str(path))


def test_a_tiny_utf16_noise_file_is_refused_almost_always(tmp_path: Path) -> None:
    """Fifteen characters from all over Unicode: too few to be sure of every one, but their
    scripts change from letter to letter as no text's do."""
    path = tmp_path / "tiny.txt"
    refused = 0
    for seed in range(200):
        path.write_bytes(utf16_noise(seed, 30))
        try:
            load(str(path))
        except ExtractionError:
            refused += 1
    assert refused >= 190


@pytest.mark.parametrize("command", [("extract",), ()], ids=["extract", "reader"])
@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("invalid.txt", NOISE["bad-utf8-pattern"], ("no article text", "invalid.txt")),
        ("random.txt", NOISE["high-bytes-random"], ("no article text", "random.txt")),
        ("utf16.txt", utf16_noise(1, 30), ("no article text", "utf16.txt")),
        ("nav.html", b"<title>x</title><nav>Home</nav>", ("no article text", "nav.html")),
    ],
    ids=["invalid-utf8", "random-high-bytes", "utf16-noise", "page-without-article"],
)
def test_the_command_line_says_so_in_one_line_and_exits_2(
    tmp_path: Path, command: tuple[str, ...], name: str, data: bytes, words: tuple[str, ...]
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = reader(*command, str(path))
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reader: ")
    assert "\ufffd" not in lines[0]
    for word in words:
        assert word in lines[0]
