"""`reader podcast` on the seed and two generated articles (headings, several minutes each),
with each engine: rendering time per minute of audio (wall and CPU: on a shared machine the
wall time says as much about the others), a second run (nothing changed), feed and folder
sizes, the load average. Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/podcast.py [--format ogg|opus|mp3] [--paragraphs 40]
        [--voice VOICE ...]

Runs the real command (`reader podcast DIR SOURCE -v VOICE`) in a subprocess with private
XDG folders, as a user would: once per article, so each article's rendering is timed on
its own (each run also pays the command's start-up, which the second run, rendering
nothing, shows), then once more for all of them. The voices are eSpeak NG's English and the
bundled Piper voice (en_US-joe-medium) unless --voice names others.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import resource
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


VOICES = ("espeak:en", "piper:en_US-joe-medium")


CPU: dict[str, float] = {}
"""Source -> CPU seconds (user and system, all threads) its rendering took."""


def run(folder: Path, sources: list[str], fmt: str, voice: str, env: dict[str, str]) -> float:
    command = [sys.executable, "-m", "reader", "podcast", str(folder), *sources, "-f", fmt]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*command, "-v", voice], check=True, env=env, stderr=subprocess.DEVNULL)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    CPU[" ".join(sources)] = cpu
    return took


def measure(base: Path, sources: list[str], fmt: str, voice: str, env: dict[str, str]) -> None:
    folder = base / f"podcast-{voice.replace(':', '-')}"
    took = {source: run(folder, [source], fmt, voice, env) for source in sources}
    again = run(folder, sources, fmt, voice, env)
    episodes = {
        episode["source"]: episode
        for episode in json.loads((folder / ".reader-podcast.json").read_text())
    }
    print(f"voice: {voice}   format: {fmt}   episodes: {len(episodes)}")
    for source in sources:
        episode = episodes[source]
        minutes = episode["seconds"] / 60
        print(
            f"  {episode['title'][:40]:<40} {minutes:5.1f} min  "
            f"{episode['length'] / 1e6:5.2f} MB  rendered in {took[source]:6.1f} s: "
            f"{took[source] / minutes:5.2f} s per minute of audio, "
            f"CPU {CPU[source] / minutes:5.2f} s per minute"
        )
    minutes = sum(episode["seconds"] for episode in episodes.values()) / 60
    total = sum(took.values())
    print(
        f"  all          {total:6.1f} s for {minutes:.1f} min of audio: "
        f"{total / minutes:.2f} s per minute ({minutes * 60 / total:.1f}x real time), CPU "
        f"{sum(CPU[source] for source in sources) / minutes:.2f} s per minute; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"  second run   {again:6.2f} s (nothing changed: nothing rendered)")
    size = sum(path.stat().st_size for path in folder.iterdir())
    print(f"  feed.xml     {(folder / 'feed.xml').stat().st_size / 1024:6.1f} KiB")
    print(f"  folder       {size / 1e6:6.2f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--format", choices=("ogg", "opus", "mp3"), default="ogg")
    parser.add_argument("--paragraphs", type=int, default=40)
    parser.add_argument("--voice", action="append", help="default: eSpeak NG and Piper")
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
        for voice in args.voice or VOICES:
            measure(base, sources, args.format, voice, env)


if __name__ == "__main__":
    main()
