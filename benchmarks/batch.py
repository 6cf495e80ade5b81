"""`reader extract --from LIST -j N`: pages per second with one worker process and with two.

The pages are Mozilla Readability's test pages (`source.html` in each folder of the corpus,
default `../shared/corpus/readability-pages`), listed again and again up to `--pages`; where
the corpus is absent, generated news-like pages are used instead (the script says which).
Each run is the whole command, start-up included, JSON written to /dev/null; the best of
`--runs` is kept, with the CPU time its processes used, and the load average is printed: on
a machine busy with other work, a second process finds no core of its own. Usage:

    .venv/bin/python benchmarks/batch.py [CORPUS] [--pages 400] [--runs 3] [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "readability-pages"


def corpus_pages(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*/source.html")) if corpus.is_dir() else []


def generated_pages(folder: Path, count: int) -> list[Path]:
    """Pages shaped like a news site's: navigation, an article of 8-40 paragraphs, footer."""
    pages = []
    for n in range(count):
        paragraphs = "".join(
            f"<p>Paragraph {p} of story {n}: the council met on Tuesday and, after a long "
            f"debate about the budget, voted to keep the library open on Sundays.</p>"
            for p in range(8 + n % 33)
        )
        html = (
            f"<html><head><title>Story {n} - The Daily</title></head><body>"
            "<nav><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></nav>"
            f"<article><h1>Story {n}</h1><p class=byline>By A. Writer</p>{paragraphs}</article>"
            "<footer>© The Daily. <a href=/privacy>Privacy</a></footer></body></html>"
        )
        path = folder / f"story{n:04d}.html"
        path.write_text(html, encoding="utf-8")
        pages.append(path)
    return pages


def run(listing: Path, jobs: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one `reader extract` of the list."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [sys.executable, "-m", "reader", "extract", "-f", "json"]
    result = subprocess.run(
        [*command, "-j", str(jobs), "--from", str(listing)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 2):
        raise SystemExit(f"reader extract failed: {result.stderr.strip()}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--pages", type=int, default=400, help="sources in the list")
    parser.add_argument("--runs", type=int, default=3, help="runs per job count; best kept")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages = corpus_pages(args.corpus)
        if pages:
            print(f"{len(pages)} corpus pages from {args.corpus}, listed up to {args.pages}")
        else:
            print(f"no corpus at {args.corpus}: {args.pages} generated pages")
            pages = generated_pages(folder, args.pages)
        listed = [pages[n % len(pages)] for n in range(args.pages)]
        listing = folder / "list"
        listing.write_text("".join(f"{path}\n" for path in listed), encoding="utf-8")
        print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        best: dict[int, tuple[float, float]] = {}
        for _ in range(args.runs):  # interleaved, so a change of load hits every job count
            for jobs in args.jobs:
                measured = run(listing, jobs)
                best[jobs] = min(best.get(jobs, measured), measured)
        for jobs in args.jobs:
            seconds, cpu = best[jobs]
            print(
                f"-j {jobs}: {seconds:.2f} s for {args.pages} pages, "
                f"{args.pages / seconds:.1f} pages/s (CPU {cpu:.2f} s)"
            )
        first = args.jobs[0]
        for jobs in args.jobs[1:]:
            print(f"speed-up of -j {jobs} over -j {first}: {best[first][0] / best[jobs][0]:.2f}x")
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
