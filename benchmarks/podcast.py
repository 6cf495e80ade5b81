"""`reader podcast` on the seed and two generated articles (headings, several minutes each):
rendering time per minute of audio, a second run (nothing changed), feed and folder sizes.
Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/podcast.py [--format ogg|mp3] [--paragraphs 40]

Runs the real command (`reader podcast DIR SOURCES...`) in a subprocess with private XDG
folders, as a user would. The engine is the export's (eSpeak NG).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "lib"))

from book import sentence  # noqa: E402

SEED = ROOT / "seeds" / "cna-cambodia-scam-networks.html"


def generated_article(path: Path, title: str, paragraphs: int, seed: int) -> Path:
    """An HTML article with a heading every five paragraphs."""
    rng = random.Random(seed)
    parts = [f"<html><head><title>{html.escape(title)}</title></head><body><article>"]
    parts.append(f"<h1>{html.escape(title)}</h1>")
    for number in range(paragraphs):
        if number and number % 5 == 0:
            parts.append(f"<h2>Part {number // 5 + 1}</h2>")
        text = " ".join(sentence(rng) for _ in range(4))
        parts.append(f"<p>{html.escape(text)}</p>")
    parts.append("</article></body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def run(folder: Path, sources: list[str], fmt: str, env: dict[str, str]) -> float:
    command = [sys.executable, "-m", "reader", "podcast", str(folder), *sources, "-f", fmt]
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--format", choices=("ogg", "mp3"), default="ogg")
    parser.add_argument("--paragraphs", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        env = {**os.environ}
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            env[name] = str(base / name.lower())
        sources = [
            str(SEED),
            str(generated_article(base / "one.html", "A generated article", args.paragraphs, 1)),
            str(generated_article(base / "two.html", "Another one", args.paragraphs, 2)),
        ]
        folder = base / "podcast"
        first = run(folder, sources, args.format, env)
        again = run(folder, sources, args.format, env)
        episodes = json.loads((folder / ".reader-podcast.json").read_text())
        minutes = sum(episode["seconds"] for episode in episodes) / 60
        print(f"engine: eSpeak NG   format: {args.format}   episodes: {len(episodes)}")
        for episode in episodes:
            print(
                f"  {episode['title'][:48]:<48} {episode['seconds'] / 60:5.1f} min  "
                f"{episode['length'] / 1e6:5.2f} MB"
            )
        print(f"first run      {first:6.2f} s for {minutes:.1f} min of audio")
        print(f"per minute     {first / minutes:6.2f} s of rendering per minute of audio")
        print(f"second run     {again:6.2f} s (nothing changed: nothing rendered)")
        size = sum(path.stat().st_size for path in folder.iterdir())
        print(f"feed.xml       {(folder / 'feed.xml').stat().st_size / 1024:6.1f} KiB")
        print(f"folder         {size / 1e6:6.2f} MB")


if __name__ == "__main__":
    main()
