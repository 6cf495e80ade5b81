"""The export's progress bar: drawn on a terminal, nothing anywhere else."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
from pathlib import Path

from reader.narration.export import ExportProgress
from reader.terminal.progress import duration, export_progress


def test_progress_bar_only_on_a_terminal() -> None:
    with export_progress(io.StringIO()) as progress:
        assert progress is None
    leader, follower = os.openpty()
    try:
        with open(follower, "w", closefd=False) as terminal, export_progress(terminal) as bar:
            assert bar is not None
            bar(ExportProgress(0, 2, 0, 1000, 0.0, first_guess=200.0))
            bar(ExportProgress(1, 2, 500, 1000, 90.0, first_guess=200.0))
            bar(ExportProgress(2, 2, 1000, 1000, 181.0, first_guess=200.0))
        drawn = _read_all(leader).decode("utf-8", "replace")
    finally:
        os.close(leader)
        os.close(follower)
    assert "exporting 2 paragraphs: about 3 min 20 s of audio" in drawn, "up front, the guess"
    assert "2/2 paragraphs · ≈ 3 min 01 s of audio" in drawn, "then what was measured"
    assert "left" in drawn


def test_lengths_read_as_people_say_them() -> None:
    assert [duration(s) for s in (0.4, 45, 200, 3599.6, 7500)] == [
        "0 s",
        "45 s",
        "3 min 20 s",
        "1 h 00 min",
        "2 h 05 min",
    ]


def _read_all(fd: int) -> bytes:
    """Everything written to the terminal so far (a pty hands it over in pieces)."""
    data = b""
    while select.select([fd], [], [], 0.2)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return data


def test_a_batch_shows_its_bar_on_a_terminal_and_its_output_stays_clean(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Page {n}\n\nA paragraph of page {n}, in prose.\n")
    (tmp_path / "list").write_text("0.txt\nmissing.txt\n1.txt\n2.txt\n")
    leader, follower = os.openpty()
    try:
        with (tmp_path / "out.txt").open("w") as out:
            result = subprocess.run(
                [sys.executable, "-m", "reader", "extract", "--from", "list"],
                cwd=tmp_path,
                stdout=out,
                stderr=follower,
                timeout=60,
                check=False,
            )
        drawn = _read_all(leader).decode("utf-8", "replace")
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 2
    assert "reader: no such file: missing.txt" in drawn
    assert "extracting" in drawn
    assert "0/4" in drawn, "the list is counted first"
    assert "1 failed" in drawn
    output = (tmp_path / "out.txt").read_text()
    assert "\x1b" not in output
    assert output.count("A paragraph of page") == 3
