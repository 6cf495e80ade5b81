"""The export's progress bar: drawn on a terminal, nothing anywhere else."""

from __future__ import annotations

import io
import os
import select

from reader.terminal.progress import export_progress


def test_progress_bar_only_on_a_terminal() -> None:
    with export_progress(io.StringIO()) as progress:
        assert progress is None
    leader, follower = os.openpty()
    try:
        with open(follower, "w", closefd=False) as terminal, export_progress(terminal) as bar:
            assert bar is not None
            bar(1, 2)
            bar(2, 2)
        drawn = _read_all(leader).decode("utf-8", "replace")
    finally:
        os.close(leader)
        os.close(follower)
    assert "exporting" in drawn


def _read_all(fd: int) -> bytes:
    """Everything written to the terminal so far (a pty hands it over in pieces)."""
    data = b""
    while select.select([fd], [], [], 0.2)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return data
