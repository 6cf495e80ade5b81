"""Extraction quality on Mozilla Readability's test pages: ours vs readability-lxml alone.

Scores body text with 4-token shingles (`\\w+` tokens, case kept; multiset precision,
recall, F1 per the corpus README), the title by exact match, and time per page.
`--text` also scores the plain-text cleaner on "select all, copy"-style renderings of the
same pages made by w3m and lynx (when installed; lynx also with its "[12]" link markers and
numbered link list, as `lynx -dump` writes by default), beside the do-nothing baseline: the
raw rendering scored as is; and on the reference text itself, where the recall is how much of a
clean article (no page around it) the cleaner keeps. The render commands are printed. The
corpus is not part of the project; the script says so and exits 0 when it is absent.
`--book` times `reader.extract.load` on a generated ~5 MB plain-text novel (no corpus needed).
Usage:

    .venv/bin/python benchmarks/extraction.py [CORPUS] [--text] [--limit N] [--worst K]
    .venv/bin/python benchmarks/extraction.py --book [--mb 5]
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import shutil
import statistics
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "readability-pages"

if TYPE_CHECKING:
    from reader.model import Article

_TOKEN = re.compile(r"\w+")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(0, len(tokens) - 3)))


def score(output: str, reference: str) -> tuple[float, float]:
    got, want = shingles(output), shingles(reference)
    hits = sum((got & want).values())
    precision = hits / sum(got.values()) if got else (1.0 if not want else 0.0)
    recall = hits / sum(want.values()) if want else 1.0
    return precision, recall


def html_text(markup: str) -> str:
    from lxml import html

    if not markup.strip():
        return ""
    root = html.fromstring(markup)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for element in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"):
        element.tail = "\n" + (element.tail or "")
    return str(root.text_content())


@dataclass
class Tally:
    name: str
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    titles: list[bool] = field(default_factory=list)
    ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    """CPU time of the thread: steadier than the wall clock when other work shares the cores."""
    per_page: dict[str, float] = field(default_factory=dict)

    def add(
        self, page: str, output: str, reference: str, title_ok: bool, ms: tuple[float, float]
    ) -> None:
        precision, recall = score(output, reference)
        self.precision.append(precision)
        self.recall.append(recall)
        self.titles.append(title_ok)
        self.ms.append(ms[0])
        self.cpu_ms.append(ms[1])
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        self.per_page[page] = f1

    def line(self) -> str:
        p, r = statistics.mean(self.precision), statistics.mean(self.recall)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return (
            f"{self.name:<28} pages {len(self.precision):>4}  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}"
            f"  title {statistics.mean(self.titles):.3f}  median {statistics.median(self.ms):6.1f}"
            f" ms/page (CPU {statistics.median(self.cpu_ms):.1f})"
        )


def timed(function: Callable[[], tuple[str, str]]) -> tuple[str, str, tuple[float, float]]:
    """The text and title `function` gives, and its wall-clock and CPU milliseconds."""
    start, cpu_start = time.perf_counter(), time.thread_time()
    text, title = function()
    wall = (time.perf_counter() - start) * 1000
    return text, title, (wall, (time.thread_time() - cpu_start) * 1000)


def ours_html(path: Path) -> Callable[[], tuple[str, str]]:
    def run() -> tuple[str, str]:
        from reader.extract import ExtractionError, load

        try:
            article = load(str(path))
        except ExtractionError:
            return "", ""
        return _shown(article), article.title

    return run


def readability_alone(path: Path) -> Callable[[], tuple[str, str]]:
    def run() -> tuple[str, str]:
        from readability import Document

        try:
            document = Document(path.read_text(errors="replace"))
            return html_text(document.summary(html_partial=True)), document.short_title()
        except Exception:  # readability raises bare Exceptions on odd pages
            return "", ""

    return run


def ours_text(rendered: str, source: str) -> Callable[[], tuple[str, str]]:
    def run() -> tuple[str, str]:
        from reader.extract import ExtractionError
        from reader.extract.text import parse_text
        from reader.safe_text import sanitize

        try:
            article = parse_text(sanitize(rendered), source)
        except ExtractionError:
            return "", ""
        return _shown(article), article.title

    return run


def _shown(article: Article) -> str:
    """Every block as the reader shows it, captions included (the reference text has them
    too); a table by its cells, row by row (its `text` is what is read aloud, each cell
    named by its column)."""
    return "\n\n".join(
        "\n".join(" ".join(row) for row in block.rows) if block.rows else block.text
        for block in article.blocks
    )


def baseline_text(rendered: str) -> Callable[[], tuple[str, str]]:
    """Do nothing: the rendering as the renderer gave it, scored as is (no title)."""

    def run() -> tuple[str, str]:
        return rendered, ""

    return run


RENDERERS = ("w3m", "lynx", "lynx-list")
"""lynx-list: lynx's default dump, its "[12]" link markers and numbered link list kept."""


def render_command(tool: str, path: Path) -> list[str]:
    return {
        "w3m": ["w3m", "-dump", "-cols", "100", "-T", "text/html", str(path)],
        "lynx": ["lynx", "-dump", "-nolist", "-width=100", "-assume_charset=utf-8", str(path)],
        "lynx-list": ["lynx", "-dump", "-width=100", "-assume_charset=utf-8", str(path)],
    }[tool]


def render(tool: str, path: Path) -> str | None:
    if not shutil.which(render_command(tool, path)[0]):
        return None
    command = render_command(tool, path)
    result = subprocess.run(command, capture_output=True, timeout=60, check=False)
    return result.stdout.decode("utf-8", errors="replace")


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_NUMBERS = ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")
_VOCABULARY_TEXT = """
    the a of and to in he she it was that his her with as had for on at by not but house
    river morning letter window garden silence road evening doctor captain mother walked
    looked answered remembered wondered carried opened waited returned whispered slowly
    quietly never always again already perhaps however certainly
    """
_VOCABULARY = _VOCABULARY_TEXT.split()


def generated_book(size: int, seed: int = 1) -> str:
    """A Gutenberg-style novel of about `size` characters: licence header and footer,
    parts and chapters headed in several styles, prose hard-wrapped at 70 columns,
    dialogue in runs of short paragraphs."""
    import random
    import textwrap

    rng = random.Random(seed)

    def sentence(low: int = 5, high: int = 24) -> str:
        text = " ".join(rng.choice(_VOCABULARY) for _ in range(rng.randint(low, high)))
        return text[0].upper() + text[1:] + rng.choice(".....!?")

    lines = [
        "The Project Gutenberg eBook of A Generated Novel",
        "",
        "Title: A Generated Novel",
        "",
        "Author: Ann Example",
        "",
        "Language: English",
        "",
        "*** START OF THE PROJECT GUTENBERG EBOOK A GENERATED NOVEL ***",
        "",
        "A GENERATED NOVEL",
        "",
        "by Ann Example",
        "",
    ]
    chapter, total = 0, 0
    while total < size:
        if chapter % 10 == 0:
            lines += [f"PART {_NUMBERS[chapter // 10 % 10].upper()}", ""]
        chapter += 1
        style = chapter % 4
        if style == 0:
            lines += [f"CHAPTER {_ROMAN[(chapter - 1) % 12]}.", "", "The Return", ""]
        elif style == 1:
            lines += [f"Chapter {chapter}", ""]
        elif style == 2:
            lines += [f"CHAPTER {_ROMAN[(chapter - 1) % 12]}. A LETTER ARRIVES", ""]
        else:
            lines += [f"Chapter {_NUMBERS[(chapter - 1) % 10]}", ""]
        for _ in range(rng.randint(30, 60)):
            if rng.random() < 0.25:
                paragraph = f"“{sentence(2, 8)}” said {rng.choice(['he', 'she', 'the captain'])}."
            else:
                prose = " ".join(sentence() for _ in range(rng.randint(2, 8)))
                paragraph = textwrap.fill(prose, width=70)
            lines += [paragraph, ""]
            total += len(paragraph) + 2
    lines += ["*** END OF THE PROJECT GUTENBERG EBOOK A GENERATED NOVEL ***", ""]
    lines += ["Licence text. " * 12 for _ in range(200)]
    return "\n".join(lines)


def book_benchmark(megabytes: float) -> int:
    """Generate a book, then time the whole of `reader.extract.load` on it (best of 3); the
    CPU time too, which other work on a loaded machine disturbs less than the wall time."""
    import tempfile

    from reader.extract import load

    text = generated_book(int(megabytes * 1_000_000))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.txt"
        path.write_text(text, encoding="utf-8")
        times, cpu = [], []
        for _ in range(3):
            start, cpu_start = time.perf_counter(), time.process_time()
            article = load(str(path))
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - cpu_start) * 1000)
    size = len(text.encode()) / 1_000_000
    headings = sum(block.kind == "heading" for block in article.blocks)
    print(
        f"book: {size:.1f} MB, {len(article.blocks)} blocks ({headings} headings), "
        f"title {article.title!r}; load {min(times):.0f} ms "
        f"(median {statistics.median(times):.0f} ms), {size / min(times) * 1000:.1f} MB/s; "
        f"CPU {min(cpu):.0f} ms"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--text", action="store_true", help="also score w3m/lynx renderings")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--worst", type=int, default=0, help="list the K worst pages (ours)")
    parser.add_argument("--book", action="store_true", help="time a generated plain-text book")
    parser.add_argument("--mb", type=float, default=5.0, help="the book's size (--book)")
    args = parser.parse_args()
    if args.book:
        return book_benchmark(args.mb)
    corpus: Path = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}: skipping the extraction benchmark")
        return 0
    pages = sorted(p for p in corpus.iterdir() if (p / "source.html").is_file())
    if args.limit:
        pages = pages[: args.limit]
    tallies = {name: Tally(name) for name in ("ours (html)", "readability-lxml alone")}
    for page in pages:
        reference = html_text((page / "expected.html").read_text(errors="replace"))
        meta_path = page / "expected-metadata.json"
        meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
        want_title = " ".join((meta.get("title") or "").split())
        runs = [
            ("ours (html)", ours_html(page / "source.html")),
            ("readability-lxml alone", readability_alone(page / "source.html")),
        ]
        if args.text:
            runs.append(("ours (text, clean reference)", ours_text(reference, page.name)))
            for tool in RENDERERS:
                rendered = render(tool, page / "source.html")
                if rendered is not None:
                    runs.append((f"baseline (raw {tool})", baseline_text(rendered)))
                    runs.append((f"ours (text via {tool})", ours_text(rendered, page.name)))
        for name, run in runs:
            text, title, ms = timed(run)
            tally = tallies.setdefault(name, Tally(name))
            tally.add(page.name, text, reference, " ".join(title.split()) == want_title, ms)
    print(f"{len(pages)} pages from {corpus}")
    if args.text:
        for tool in RENDERERS:
            command = render_command(tool, Path("PAGE/source.html"))
            state = "" if shutil.which(command[0]) else "  (not installed: skipped)"
            print(f"render: {shlex.join(command)}{state}")
    for tally in tallies.values():
        print(tally.line())
    ours, alone = tallies["ours (html)"], tallies["readability-lxml alone"]
    print(
        "ours / readability alone, median per page: "
        f"{statistics.median(ours.ms) / statistics.median(alone.ms):.2f}x wall clock, "
        f"{statistics.median(ours.cpu_ms) / statistics.median(alone.cpu_ms):.2f}x CPU time, "
        f"{sum(ours.cpu_ms) / sum(alone.cpu_ms):.2f}x CPU time in total"
    )
    if clean := tallies.get("ours (text, clean reference)"):
        whole = sum(recall >= 0.99 for recall in clean.recall)
        print(f"clean reference text kept (recall >= 0.99) on {whole} of {len(clean.recall)} pages")
    if args.worst:
        for name, tally in tallies.items():
            worst = sorted(tally.per_page.items(), key=lambda item: item[1])[: args.worst]
            print(f"worst for {name}: " + ", ".join(f"{p} {f:.2f}" for p, f in worst))
        ours, alone = tallies["ours (html)"].per_page, tallies["readability-lxml alone"].per_page
        losses = sorted(ours, key=lambda page: ours[page] - alone[page])[: args.worst]
        print(
            "ours (html) vs readability alone, biggest losses: "
            + ", ".join(f"{page} {ours[page] - alone[page]:+.2f}" for page in losses)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
