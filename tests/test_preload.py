"""Extraction in a forked child gives exactly what `load` gives, errors included."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.extract import ExtractionError, load
from reader.preload import extract_beside


def test_the_child_returns_the_same_article(seeds_dir: Path) -> None:
    for name in ("cna-cambodia-scam-networks.txt", "cna-cambodia-scam-networks.html"):
        source = str(seeds_dir / name)
        preload = extract_beside(source)
        assert preload.first() == load(source)
        assert not preload.partial


def test_the_child_reports_extraction_errors(tmp_path: Path) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ExtractionError, match="binary"):
        extract_beside(str(binary)).first()
    with pytest.raises(ExtractionError, match="no such file"):
        extract_beside(str(tmp_path / "missing.txt")).first()


def test_a_book_comes_as_its_beginning_then_whole(tmp_path: Path) -> None:
    chapter = "\n\n".join(
        f"Paragraph {n} of the chapter goes on for a while, as the prose of a novel does."
        for n in range(300)
    )
    text = "\n\n".join(f"CHAPTER {n}\n\n{chapter}" for n in range(1, 30))
    book = tmp_path / "novel.txt"
    book.write_text(text, encoding="utf-8")
    preload = extract_beside(str(book))
    beginning = preload.first()
    assert preload.partial
    whole = preload.rest()
    assert whole == load(str(book))
    assert 0 < len(beginning.blocks) < len(whole.blocks)
    # The beginning is the whole's first blocks, cut at a paragraph: nothing reordered,
    # merged or cut mid-paragraph, so swapping in the whole keeps every block in place.
    assert beginning.blocks == whole.blocks[: len(beginning.blocks)]
    assert beginning.blocks[0].text == "CHAPTER 1"
    assert beginning.title == whole.title


def novel(tmp_path: Path) -> Path:
    chapter = "\n\n".join(
        f"Paragraph {n} of the chapter goes on for a while, as the prose of a novel does."
        for n in range(300)
    )
    book = tmp_path / "novel.txt"
    book.write_text("\n\n".join(f"CHAPTER {n}\n\n{chapter}" for n in range(1, 30)))
    return book


def test_the_one_loader_gives_a_books_beginning_then_its_whole(tmp_path: Path) -> None:
    from reader.extract.steps import load_steps

    book = novel(tmp_path)
    steps = list(load_steps(str(book)))
    assert [step.whole for step in steps] == [False, True]
    beginning, whole = steps[0].article, steps[1].article
    assert whole == load(str(book))
    assert beginning.blocks == whole.blocks[: len(beginning.blocks)] != whole.blocks


def test_the_one_loader_gives_a_short_text_whole_and_raises_as_load_does(
    tmp_path: Path, seeds_dir: Path
) -> None:
    from reader.extract.steps import load_steps

    source = str(seeds_dir / "cna-cambodia-scam-networks.txt")
    assert [(s.article, s.whole) for s in load_steps(source)] == [(load(source), True)]
    with pytest.raises(ExtractionError, match="no such file"):
        list(load_steps(str(tmp_path / "missing.txt")))
