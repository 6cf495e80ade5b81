"""First paint in a real terminal: the reader on the seed vs a bare Textual app.

Each run starts a program in a fresh tmux session and polls the pane until a marker text
shows: the article's first body words for the reader, the Static's text for the baseline.
Runs alternate so both see the same machine state. Usage:

    .venv/bin/python benchmarks/startup.py [--runs 7] [SOURCE MARKER]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SEED = ROOT / "reader" / "samples" / "cna-cambodia-scam-networks.txt"
SEED_MARKER = "The Cambodian government on Wednesday"


def first_paint(command: str, marker: str, timeout: float = 20.0) -> float:
    session = f"startup-bench-{time.monotonic_ns()}"
    start = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command],
        check=True,
    )
    try:
        while time.perf_counter() - start < timeout:
            pane = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            if marker in pane:
                return time.perf_counter() - start
            time.sleep(0.005)
        raise TimeoutError(f"{marker!r} never appeared for {command}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("source", nargs="?", default=str(SEED))
    parser.add_argument("marker", nargs="?", default=SEED_MARKER)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("skipped: tmux is not installed (apt-get install tmux)")
        return 0
    with tmux_server():
        measure(args.source, args.marker, args.runs, target=1.3)
    return 0


@contextmanager
def tmux_server() -> Iterator[None]:
    """A session that outlives the measured ones keeps the tmux server up between runs."""
    keeper = f"bench-keeper-{os.getpid()}"
    subprocess.run(["tmux", "new-session", "-d", "-s", keeper, "sleep 3600"], check=True)
    try:
        yield
    finally:
        subprocess.run(["tmux", "kill-session", "-t", keeper], check=False)


def reader_command(source: str | Path, state: Path) -> str:
    """The reader on `source`, with its settings and history in `state` (not the user's)."""
    env = " ".join(f"XDG_{kind}_HOME={state / kind.lower()}" for kind in ("DATA", "CONFIG"))
    return f"env {env} {PYTHON} -m reader {source}"


def measure(source: str | Path, marker: str, runs: int, target: float) -> float:
    """Median first-paint ratio of the reader on `source` to the bare app, printed.

    The package is byte-compiled first, as an installed one is (./setup.sh does it too):
    otherwise, where PYTHONDONTWRITEBYTECODE is set, every run compiles it again."""
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "reader")], check=True)
    with tempfile.TemporaryDirectory() as state:
        reader = reader_command(source, Path(state))
        bare = f"{PYTHON} {ROOT / 'benchmarks' / 'bare_app.py'}"
        first_paint(bare, "bare textual app is up")  # warm the file cache
        first_paint(reader, marker)
        reader_times, bare_times = [], []
        for _ in range(runs):
            bare_times.append(first_paint(bare, "bare textual app is up"))
            reader_times.append(first_paint(reader, marker))
    bare_median = statistics.median(bare_times)
    reader_median = statistics.median(reader_times)
    ratio = reader_median / bare_median
    print(f"bare Textual app, first paint: median {bare_median * 1000:.0f} ms")
    print(f"reader {Path(source).name}, first paint: median {reader_median * 1000:.0f} ms")
    print(f"ratio: {ratio:.2f} (target <= {target})")
    return ratio


if __name__ == "__main__":
    raise SystemExit(main())
