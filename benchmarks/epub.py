"""A 1 MB EPUB in a real terminal: first paint against a bare Textual app (target <= 1.5,
the book ratio), and the time `load()` takes on it.

The book is generated (benchmarks/lib/book.py's sentences, tests/epub_support.py's EPUB 3
layout): chapters in their own documents, a navigation document, a footnote per chapter.

    .venv/bin/python benchmarks/epub.py [--runs 7] [--megabytes 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "lib"))
sys.path.insert(0, str(HERE.parent))

from book import WORDS, sentence  # noqa: E402
from startup import measure, tmux_server  # noqa: E402

from reader.extract import load  # noqa: E402
from tests.epub_support import Book, Chapter, epub_files, write_epub  # noqa: E402


def chapters(megabytes: float, seed: int = 11) -> tuple[Chapter, ...]:
    rng = random.Random(seed)
    out: list[Chapter] = []
    size = 0
    while size < megabytes * 1_000_000:
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).title()
        paragraphs = [
            " ".join(sentence(rng) for _ in range(rng.randint(2, 9)))
            for _ in range(rng.randint(20, 60))
        ]
        body = "".join(f"<p>{text}</p>" for text in paragraphs)
        note = '<aside epub:type="footnote" id="n1"><p>A note on this chapter.</p></aside>'
        out.append(Chapter(f"Chapter {len(out) + 1}: {title}", body + note))
        size += len(body)
    return tuple(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        book = Book(chapters=chapters(args.megabytes), title="The Generated Novel")
        path = write_epub(Path(folder) / "novel.epub", epub_files(book))
        start = time.perf_counter()
        article = load(str(path))
        elapsed = time.perf_counter() - start
        text = sum(len(block.text) for block in article.blocks)
        print(
            f"epub: {path.stat().st_size / 1e6:.2f} MB zipped, {text / 1e6:.2f} MB of text, "
            f"{len(book.chapters)} chapters, {len(article.blocks)} blocks; "
            f"load() {elapsed * 1000:.0f} ms"
        )
        if shutil.which("tmux") is None:
            print("first paint skipped: tmux is not installed (apt-get install tmux)")
            return 0
        marker = article.blocks[1].text[:40]
        with tmux_server():
            measure(path, marker, args.runs, target=1.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
