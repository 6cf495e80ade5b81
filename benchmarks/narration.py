"""Narration latency and export speed. Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/narration.py [--runs N] [--device] [--pulse-only]

- first audio: from the `play` command to the first audio frame handed to the device, in
  the worker's own loop (in-process Session + Player, as the worker runs them);
- narrator: worker start-up (spawn to EngineReady) and play() to the first SentenceStarted
  event back in this process (pipe both ways);
- export: the seed article to each audio format, with WebVTT captions;
- pulseaudio: what a private PulseAudio null sink really played, recorded from its monitor
  with `parec` (first audible sample against `espeak-ng`, gaps between sentences, pause and
  resume, highlight timing; see `lib/heard.py`). Skipped when pulseaudio or parec is missing.
  `--pulse-only` runs just that section (otherwise it runs in a fresh process at the end).

Without --device, ALSA's default is a null sink (as in the tests), which plays faster than
real time: the numbers measure our code and PortAudio, not a sound card.
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "lib"))
SEED = ROOT / "reader" / "samples" / "cna-cambodia-scam-networks.txt"

from reader.extract.sentences import split_sentences  # noqa: E402
from reader.model import Article, Block, BlockKind, Position  # noqa: E402


def seed_article() -> Article:
    try:
        from reader.extract import load

        return load(str(SEED))
    except Exception:  # extract not ready: paragraphs are the long lines
        lines = [line.strip() for line in SEED.read_text().splitlines() if len(line) > 80]
        blocks = tuple(Block(BlockKind.PARAGRAPH, line) for line in lines)
        return split_sentences(Article(source=str(SEED), title="seed", blocks=blocks, lang="en"))


def report(name: str, samples: list[float]) -> None:
    ms = [s * 1000 for s in samples]
    print(
        f"{name:<34} median {statistics.median(ms):7.1f} ms   "
        f"min {min(ms):7.1f}   max {max(ms):7.1f}   (n={len(ms)})"
    )


def first_audio(article: Article, runs: int) -> None:
    from reader.narration.espeak import EspeakSynthesizer
    from reader.narration.player import Player
    from reader.narration.session import Session

    synth = EspeakSynthesizer(lang=article.lang)
    player = Player(synth.sample_rate)
    player.open()
    session = Session(synth, player, None, lambda event: None)
    session.command({"cmd": "load", "article": article.to_dict()})
    session.start()
    samples = []
    for run in range(runs):
        block = run % len(article.blocks)
        start = time.perf_counter()
        session.command({"cmd": "play", "block": block, "sentence": 0})
        while player.first_frame_at is None or player.first_frame_at < start:
            time.sleep(0.0005)
        samples.append(player.first_frame_at - start)
        session.command({"cmd": "stop"})
        time.sleep(0.02)
    session.close()
    report("play -> first frame to device", samples)
    latency = player._latency_frames / synth.sample_rate * 1000
    print(f"{'output latency (PortAudio)':<34} {latency:7.1f} ms")


def narrator(article: Article, runs: int) -> None:
    from reader.narration.events import EngineReady, Finished, SentenceStarted, StateChanged
    from reader.narration.narrator import Narrator

    events: queue.Queue[object] = queue.Queue()
    start = time.perf_counter()
    handle = Narrator(events.put)
    handle.start()
    while not isinstance(events.get(timeout=10), EngineReady):
        pass
    report("worker start -> EngineReady", [time.perf_counter() - start])
    handle.load(article)
    samples = []
    for run in range(runs):
        start = time.perf_counter()
        handle.play(Position(run % len(article.blocks)))
        while not isinstance(events.get(timeout=10), SentenceStarted):
            pass
        samples.append(time.perf_counter() - start)
        handle.stop()
        while True:  # a short last paragraph may have finished before the stop
            event = events.get(timeout=10)
            if isinstance(event, Finished) or (
                isinstance(event, StateChanged) and event.state == "stopped"
            ):
                break
    handle.close()
    report("play() -> SentenceStarted event", samples)


def export(article: Article) -> None:
    from reader.narration.export import export_audio, supported_extensions

    words = sum(len(b.text.split()) for b in article.blocks if b.is_body)
    for extension in supported_extensions():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"seed{extension}"
            start = time.perf_counter()
            seconds = export_audio(article, out, captions=Path(tmp) / "seed.vtt")
            elapsed = time.perf_counter() - start
            size = out.stat().st_size
        print(
            f"{'export seed to ' + extension + ' + .vtt':<34} {elapsed * 1000:7.1f} ms "
            f"for {seconds:.1f} s of audio ({words} words, {size / 1e6:.2f} MB, "
            f"{seconds / elapsed:.0f}x real time)"
        )


def pulseaudio(article: Article, runs: int, sentences: int) -> None:
    import drive

    from reader.narration.options import NarrationOptions

    print("== pulseaudio: measured on the recorded audio")
    print(
        "   .venv/bin/python benchmarks/narration.py --pulse-only "
        f"--pulse-runs {runs} --sentences {sentences}"
    )
    options = NarrationOptions()  # the defaults, as a new user hears them
    pauses = (options.sentence_pause_ms / 1000, options.paragraph_pause_ms / 1000)
    drive.run(article, runs, sentences, pauses, {"options": options})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--device", action="store_true", help="use the real default device")
    parser.add_argument("--pulse-only", action="store_true", help="only the PulseAudio section")
    parser.add_argument("--pulse-runs", type=int, default=6, help="runs of each PulseAudio test")
    parser.add_argument(
        "--sentences", type=int, default=15, help="sentences narrated for the gap measurement"
    )
    args = parser.parse_args()
    if not args.device:
        config = Path(tempfile.mkdtemp()) / "asound.conf"
        config.write_text("</usr/share/alsa/alsa.conf>\npcm.!default { type null }\n")
        os.environ["ALSA_CONFIG_PATH"] = str(config)
        os.environ.pop("PULSE_SERVER", None)
    article = seed_article()
    print(f"seed: {len(article.blocks)} blocks, {len(article.text)} characters")
    if args.pulse_only:
        pulseaudio(article, args.pulse_runs, args.sentences)
        return
    first_audio(article, args.runs)
    narrator(article, args.runs)
    export(article)
    # a fresh process: ALSA has read its (null) configuration in this one
    pulse = [f"--pulse-runs={args.pulse_runs}", f"--sentences={args.sentences}"]
    subprocess.run([sys.executable, __file__, "--pulse-only", *pulse], check=False)


if __name__ == "__main__":
    main()
