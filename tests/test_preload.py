"""Extraction in a forked child gives exactly what `load` gives, errors included."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.extract import ExtractionError, load
from reader.preload import extract_beside


def test_the_child_returns_the_same_article(seeds_dir: Path) -> None:
    for name in ("cna-cambodia-scam-networks.txt", "cna-cambodia-scam-networks.html"):
        source = str(seeds_dir / name)
        assert extract_beside(source)() == load(source)


def test_the_child_reports_extraction_errors(tmp_path: Path) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ExtractionError, match="binary"):
        extract_beside(str(binary))()
    with pytest.raises(ExtractionError, match="no such file"):
        extract_beside(str(tmp_path / "missing.txt"))()
