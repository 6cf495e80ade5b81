"""Long texts made of many documents: how much of their prose the cleaner keeps, how fast.

Builds long texts from the pages of Mozilla Readability's test corpus (not part of the
project: the script says so and exits 0 when it is absent): their clean reference texts one
after another, and the same pages rendered by w3m and by lynx ("select all, copy"-style
scrapes, menus and all) one after another, and by lynx with its link markers and list.
Each is cleaned by `reader.extract.load`; a reference paragraph (over 80 characters) counts
as kept when its words appear in the output in order. Prints the share of prose kept
(target: 95%), the documents that lost more than half, the size and the time per MB.

    .venv/bin/python benchmarks/long_documents.py [CORPUS] [--documents N]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "readability-pages"
MIN_PARAGRAPH = 80
_WORDS = re.compile(r"\w+")


def normal(text: str) -> str:
    return " ".join(_WORDS.findall(text))


def reference(page: Path) -> list[str]:
    from lxml import html

    root = html.fromstring(page.joinpath("expected.html").read_text(errors="replace"))
    texts = (" ".join(p.text_content().split()) for p in root.iter("p"))
    return [text for text in texts if len(text) > MIN_PARAGRAPH]


def render(tool: str, page: Path) -> str:
    command = {
        "w3m": ["w3m", "-dump", "-T", "text/html", "-cols", "120"],
        "lynx": ["lynx", "-dump", "-nolist", "-force_html", "-width=120"],
        "lynx-list": ["lynx", "-dump", "-force_html", "-width=120"],  # "[12]" markers, list
    }[tool]
    done = subprocess.run(
        [*command, str(page / "source.html")],
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )
    return done.stdout


def measure(name: str, documents: list[str], references: list[list[str]]) -> None:
    from reader.extract import load

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.txt"
        path.write_text("\n\n\n".join(documents))
        size = path.stat().st_size
        start = time.perf_counter()
        article = load(str(path))
        elapsed = time.perf_counter() - start
    kept_text = normal("\n".join(block.text for block in article.blocks))
    total = kept = 0
    lost: list[str] = []
    for paragraphs in references:
        mine = sum(len(p) for p in paragraphs)
        found = sum(len(p) for p in paragraphs if normal(p) in kept_text)
        total, kept = total + mine, kept + found
        if found < mine / 2:
            lost.append(paragraphs[0][:50])
    headings = sum(block.kind == "heading" for block in article.blocks)
    mb = size / 1024 / 1024
    print(
        f"{name:22} {len(documents):3} documents {mb:6.2f} MB  prose kept {kept / total:.3f}"
        f"  {headings:3} headings  {elapsed:6.2f} s  {elapsed / mb:5.2f} s/MB"
    )
    for first_words in lost:
        print(f"    lost more than half: {first_words!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--documents", type=int, default=40, help="pages in each text")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: nothing to measure")
        return
    pages = [
        page
        for page in sorted(args.corpus.iterdir())
        if (page / "expected.html").exists() and sum(map(len, reference(page))) >= 2000
    ][: args.documents]
    references = [reference(page) for page in pages]
    measure("clean texts", ["\n\n".join(r) for r in references], references)
    for tool in ("w3m", "lynx", "lynx-list"):
        if shutil.which(tool.split("-")[0]) is None:
            print(f"{tool} is not installed: its scrapes are not measured")
            continue
        measure(f"{tool} scrapes", [render(tool, page) for page in pages], references)


if __name__ == "__main__":
    main()
