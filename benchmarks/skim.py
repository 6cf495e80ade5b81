"""Next while skimming: from a Next (skip a paragraph forward) to the moment the paragraph
it lands on becomes audible, with Next pressed every `--every` seconds. Prints numbers;
asserts nothing.

    .venv/bin/python benchmarks/skim.py [--engine espeak|piper] [--every 0.6] [--skips 40]

The worker's Session and Player run in this process (as in the worker) on ALSA's null
device, which the player paces to real time. Narration starts at the seed's first
paragraph and plays for a few seconds (so the render-ahead settles), then Next is pressed
`--every` seconds after the paragraph the last one landed on was heard (a listener skims by
ear: a moment of each paragraph, then on). "Heard" is the `SentenceStarted` event of the
paragraph's first sentence, sent when the player's audible frame reaches it. At the
article's end narration starts again from the top.
"""

from __future__ import annotations

import argparse
import os
import queue
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "lib"))

from narration import VOICES, null_device, piper_installed, seed_article  # noqa: E402

from reader.narration_options import NarrationOptions  # noqa: E402

WARM_UP = 4.0
"""Seconds narrated before the first Next."""
TIMEOUT = 20.0


def skim(engine: str, every: float, skips: int) -> list[float]:
    from heard import percentiles

    from reader.narration.commands import Load, Play, Skip
    from reader.narration.events import Finished, NarrationEvent, SentenceStarted
    from reader.narration.player import Player
    from reader.narration.session import Session
    from reader.narration.voices import VoiceRouter

    article = seed_article()
    voice = VOICES[engine]
    synth = VoiceRouter(voice=voice)
    player = Player(synth.sample_rate)
    player.open()
    events: queue.Queue[tuple[float, NarrationEvent]] = queue.Queue()
    session = Session(
        synth,
        player,
        None,
        lambda event: events.put((time.perf_counter(), event)),
        options=NarrationOptions(voice=voice),
    )
    session.command(Load(article, whole=False))
    session.start()
    first = next(i for i, block in enumerate(article.blocks) if block.is_body)

    def heard_opening(after: float) -> tuple[float, int] | None:
        """When a paragraph's first sentence was heard after `after` (None: the end)."""
        while True:
            stamp, event = events.get(timeout=TIMEOUT)
            if isinstance(event, Finished):
                return None
            if isinstance(event, SentenceStarted) and event.sentence == 0 and stamp > after:
                return stamp, event.block

    samples: list[float] = []
    session.command(Play(first, 0))
    heard_opening(0.0)
    time.sleep(WARM_UP)
    while len(samples) < skips:
        time.sleep(every)
        while not events.empty():
            events.get_nowait()
        press = time.perf_counter()
        session.command(Skip(1, 0))
        got = heard_opening(press)
        if got is None:  # the article's end: from the top again
            session.command(Play(first, 0))
            heard_opening(0.0)
            time.sleep(WARM_UP)
            continue
        samples.append((got[0] - press) * 1000)
    session.close()
    print(
        f"{engine:<7} Next every {every:.1f} s -> heard  {percentiles(samples)}  "
        f"load {os.getloadavg()[0]:.2f}"
    )
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=sorted(VOICES), default="piper")
    parser.add_argument("--every", type=float, default=0.6, help="seconds between Next presses")
    parser.add_argument("--skips", type=int, default=40, help="Next presses measured")
    parser.add_argument("--device", action="store_true", help="use the real default device")
    args = parser.parse_args()
    if not args.device:
        null_device()
    if args.engine == "piper" and not piper_installed():
        print("piper: skipped, piper-tts or the en_US-joe-medium voice is not installed")
        return
    skim(args.engine, args.every, args.skips)
    sys.stdout.flush()
    os._exit(0)  # a render may still be inside ONNX Runtime, which aborts at exit


if __name__ == "__main__":
    main()
