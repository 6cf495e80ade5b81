"""A 5 MB plain-text book in a real terminal: first paint, peak memory, keypress latency.

Generates a novel (benchmarks/lib/book.py), then in tmux:
- first paint of the book against a bare Textual app with one Static, same run (target
  ratio <= 1.5);
- peak memory of the reader process, from its rusage once it has quit (target <= 200 MB);
- keypress to repaint while paging and scrolling through the book: the time from
  `tmux send-keys` until the pane shows something new (target median < 50 ms). This
  includes starting the tmux client for each key, so it is an upper bound.

    .venv/bin/python benchmarks/book.py [--runs 7] [--keys 40] [--megabytes 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "lib"))

from book import book_text  # noqa: E402
from startup import PYTHON, measure, reader_command, tmux_server  # noqa: E402

PEAK = HERE / "lib" / "peak.py"


def pane(session: str) -> str:
    command = ["tmux", "capture-pane", "-p", "-t", session]
    return subprocess.run(command, capture_output=True, text=True, check=False).stdout


def wait_for(session: str, check: str | None = None, *, changed_from: str | None = None) -> str:
    deadline = time.perf_counter() + 20
    while time.perf_counter() < deadline:
        text = pane(session)
        if (check is not None and check in text) or (
            changed_from is not None and text != changed_from
        ):
            return text
        time.sleep(0.002)
    raise TimeoutError(f"the pane never showed {check or 'a change'}")


def keypresses(session: str, keys: list[str]) -> list[float]:
    """Seconds from sending each key to the pane changing."""
    times = []
    for key in keys:
        before = pane(session)
        start = time.perf_counter()
        subprocess.run(["tmux", "send-keys", "-t", session, key], check=True)
        wait_for(session, changed_from=before)
        times.append(time.perf_counter() - start)
        time.sleep(0.05)
    return times


def session_run(
    book: Path, marker: str, key_count: int, state: Path
) -> tuple[dict[str, list[float]], int]:
    """Start the reader under the peak-memory wrapper, press keys, quit; latencies and KB."""
    report = state / "peak.txt"
    session = "book-bench"
    command = f"{PYTHON} {PEAK} {report} {reader_command(book, state)}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command], check=True
    )
    try:
        wait_for(session, marker)
        time.sleep(3)  # the rest of the book is laid out on a thread
        half = key_count // 2
        latencies = {
            "PageDown": keypresses(session, ["PageDown"] * half),
            "j (line)": keypresses(session, ["j"] * (key_count - half)),
            "} { (chapter)": keypresses(session, ["}", "{"] * 5),
        }
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        deadline = time.perf_counter() + 20
        while not report.exists() and time.perf_counter() < deadline:
            time.sleep(0.05)
        return latencies, int(report.read_text())
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--megabytes", type=float, default=5.0)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("skipped: tmux is not installed (apt-get install tmux)")
        return 0
    with tempfile.TemporaryDirectory() as folder, tmux_server():
        book = Path(folder) / "novel.txt"
        text = book_text(args.megabytes)
        book.write_text(text, encoding="utf-8")
        marker = next(line for line in text.splitlines() if len(line) > 60)[:40]
        print(f"book: {book.stat().st_size / 1e6:.1f} MB, {text.count('CHAPTER')} chapters")
        measure(book, marker, args.runs, target=1.5)
        state = Path(folder) / "state"
        state.mkdir()
        latencies, peak_kb = session_run(book, marker, args.keys, state)
    print(f"peak memory of the reader: {peak_kb / 1024:.0f} MB (target <= 200)")
    everything = [t for times in latencies.values() for t in times]
    for name, times in [*latencies.items(), ("all keys", everything)]:
        ms = sorted(t * 1000 for t in times)
        p95 = ms[int(0.95 * (len(ms) - 1))]
        print(
            f"keypress to repaint, {name}: median {statistics.median(ms):.1f} ms, "
            f"p95 {p95:.1f} ms, max {ms[-1]:.1f} ms, n={len(ms)} (target median < 50)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
