"""Narration latency and export speed, for eSpeak NG and for the Piper voice. Prints
numbers; asserts nothing.

    .venv/bin/python benchmarks/narration.py [--runs N] [--device] [--engine espeak|piper]
        [--pulse-only | --export-only [--formats .wav,.ogg]]

- first audio: from the `play` command to the first audio frame handed to the device, in
  the worker's own loop (in-process Session + Player, as the worker runs them);
- narrator: worker start-up (spawn to EngineReady) and play() to the first SentenceStarted
  event back in this process (pipe both ways);
- export: the seed article to each audio format, with WebVTT captions: wall time as x real
  time, the CPU time it took (all threads) and the load average, since on a shared machine
  the wall time says more about the others than about the export (`--export-only`: just
  this, for each engine);
- pulseaudio: what a private PulseAudio null sink really played, recorded from its monitor
  with `parec` (first audible sample against `espeak-ng`, gaps between sentences, pause and
  resume, highlight timing; see `lib/heard.py`), the gaps at 1x and 2.5x. Skipped when
  pulseaudio or parec is missing. `--pulse-only` runs just that section (otherwise it runs
  in a fresh process for each engine at the end).

Each part runs once per engine (`--engine` picks one): eSpeak NG's English voice and the
bundled Piper voice (skipped when piper-tts or the voice is not installed).

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
from reader.narration_options import NarrationOptions  # noqa: E402

VOICES = {"espeak": "espeak:en", "piper": "piper:en_US-joe-medium"}
"""The voice each engine is measured with."""


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


def first_audio(article: Article, runs: int, voice: str) -> None:
    from reader.narration.commands import Load, Play, Stop
    from reader.narration.player import Player
    from reader.narration.session import Session
    from reader.narration.voices import VoiceRouter

    synth = VoiceRouter(voice=voice)
    player = Player(synth.sample_rate)
    player.open()
    options = NarrationOptions(voice=voice)
    session = Session(synth, player, None, lambda event: None, options=options)
    session.command(Load(article, whole=False))
    session.start()
    body = [i for i, block in enumerate(article.blocks) if block.is_body]
    samples = []
    for run in range(runs):
        start = time.perf_counter()
        session.command(Play(body[run % len(body)], 0))
        while player.first_frame_at is None or player.first_frame_at < start:
            time.sleep(0.0005)
        samples.append(player.first_frame_at - start)
        time.sleep(0.3)  # as a listener would: the rest of the sentence renders meanwhile
        session.command(Stop())
        time.sleep(0.05)
    session.close()
    report("play -> first frame to device", samples)
    latency = player.latency_frames / synth.sample_rate * 1000
    print(f"{'output latency (PortAudio)':<34} {latency:7.1f} ms")


def narrator(article: Article, runs: int, voice: str) -> None:
    from reader.narration.events import EngineReady, Finished, SentenceStarted, StateChanged
    from reader.narration.narrator import Narrator

    events: queue.Queue[object] = queue.Queue()
    start = time.perf_counter()
    handle = Narrator(events.put, NarrationOptions(voice=voice))
    handle.start()
    while not isinstance(events.get(timeout=30), EngineReady):
        pass
    report("worker start -> EngineReady", [time.perf_counter() - start])
    handle.load(article)
    samples = []
    for run in range(runs):
        start = time.perf_counter()
        handle.play(Position(run % len(article.blocks)))
        while not isinstance(events.get(timeout=30), SentenceStarted):
            pass
        samples.append(time.perf_counter() - start)
        handle.stop()
        while True:  # a short last paragraph may have finished before the stop
            event = events.get(timeout=30)
            if isinstance(event, Finished) or (
                isinstance(event, StateChanged) and event.state == "stopped"
            ):
                break
    handle.close()
    report("play() -> SentenceStarted event", samples)


def worker_load(article: Article, voice: str, seconds: float) -> None:
    """The worker's resident memory (peak of samples every 0.1 s, and the kernel's VmHWM)
    and CPU (cores on average) while it narrates the seed for `seconds`, paced to real
    time as on a sound card."""
    from reader.narration.events import EngineReady, SentenceStarted
    from reader.narration.narrator import Narrator

    events: queue.Queue[object] = queue.Queue()
    handle = Narrator(events.put, NarrationOptions(voice=voice))
    handle.start()
    while not isinstance(events.get(timeout=30), EngineReady):
        pass
    pid = handle.pid
    assert pid is not None
    handle.load(article)
    handle.play(Position(0))
    while not isinstance(events.get(timeout=30), SentenceStarted):
        pass
    ticks = os.sysconf("SC_CLK_TCK")
    cpu_start, start = _cpu_seconds(pid, ticks), time.perf_counter()
    peak = 0.0
    while time.perf_counter() - start < seconds:
        peak = max(peak, _status_mb(pid, "VmRSS"))
        time.sleep(0.1)
    cores = (_cpu_seconds(pid, ticks) - cpu_start) / (time.perf_counter() - start)
    high = _status_mb(pid, "VmHWM")
    handle.close()
    print(
        f"{'worker while narrating':<34} {peak:7.0f} MB resident at most, {high:.0f} MB "
        f"high-water mark; {cores:.2f} cores on average over {seconds:.0f} s"
    )


def _status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds(pid: int, ticks: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / ticks


def export(article: Article, voice: str, extensions: list[str] | None = None) -> None:
    from reader.narration.export import export_audio, supported_extensions

    words = sum(len(b.text.split()) for b in article.blocks if b.is_body)
    for extension in extensions or supported_extensions():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"seed{extension}"
            start, cpu = time.perf_counter(), time.process_time()
            seconds = export_audio(
                article,
                out,
                captions=Path(tmp) / "seed.vtt",
                options=NarrationOptions(voice=voice),
            )
            elapsed = time.perf_counter() - start
            cpu = time.process_time() - cpu
            size = out.stat().st_size
            cues = (Path(tmp) / "seed.vtt").read_text(encoding="utf-8").count(" --> ")
        print(
            f"{'export seed to ' + extension + ' + .vtt':<34} {elapsed * 1000:7.1f} ms "
            f"for {seconds:.1f} s of audio ({words} words, {size / 1e6:.2f} MB, "
            f"{cues} caption cues, {seconds / elapsed:.1f}x real time; CPU {cpu:.2f} s, "
            f"{seconds / cpu:.1f}x real time per CPU second; load {os.getloadavg()[0]:.1f})"
        )


def pulseaudio(article: Article, runs: int, sentences: int, voice: str) -> None:
    import drive

    print("== pulseaudio: measured on the recorded audio")
    print(
        "   .venv/bin/python benchmarks/narration.py --pulse-only "
        f"--pulse-runs {runs} --sentences {sentences} --engine {engine_of(voice)}"
    )
    options = NarrationOptions(voice=voice)  # otherwise the defaults a new user hears
    drive.run(article, runs, sentences, options, rates=(1.0, 2.5))


def engine_of(voice: str) -> str:
    return next(name for name, known in VOICES.items() if known == voice)


def null_device() -> None:
    """ALSA's default made a null sink (as in the tests): it plays faster than real time."""
    config = Path(tempfile.mkdtemp()) / "asound.conf"
    config.write_text("</usr/share/alsa/alsa.conf>\npcm.!default { type null }\n")
    os.environ["ALSA_CONFIG_PATH"] = str(config)
    os.environ.pop("PULSE_SERVER", None)


def piper_installed() -> bool:
    from reader.narration.piper_voices import find_voice

    try:
        import piper  # noqa: F401
    except ImportError:
        return False
    return find_voice(VOICES["piper"]) is not None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--device", action="store_true", help="use the real default device")
    parser.add_argument("--pulse-only", action="store_true", help="only the PulseAudio section")
    parser.add_argument("--pulse-runs", type=int, default=6, help="runs of each PulseAudio test")
    parser.add_argument(
        "--sentences", type=int, default=15, help="sentences narrated for the gap measurement"
    )
    parser.add_argument("--engine", choices=sorted(VOICES), help="only this engine")
    parser.add_argument("--formats", default="", help="export only these, e.g. .wav,.ogg")
    parser.add_argument("--export-only", action="store_true", help="only the export section")
    parser.add_argument("--load-seconds", type=float, default=30, help="worker load sampled")
    args = parser.parse_args()
    if not args.device:
        null_device()
    article = seed_article()
    print(f"seed: {len(article.blocks)} blocks, {len(article.text)} characters")
    engines = [args.engine] if args.engine else sorted(VOICES)
    if "piper" in engines and not piper_installed():
        print("piper: skipped, piper-tts or the en_US-joe-medium voice is not installed")
        engines.remove("piper")
    if args.pulse_only:
        for engine in engines:
            pulseaudio(article, args.pulse_runs, args.sentences, VOICES[engine])
        return
    formats = [f for f in args.formats.split(",") if f]
    if args.export_only:
        print(f"{os.cpu_count()} cores")
        for engine in engines:
            print(f"== {engine} ({VOICES[engine]})")
            export(article, VOICES[engine], formats)
        return
    for engine in engines:
        print(f"== {engine} ({VOICES[engine]})")
        first_audio(article, args.runs, VOICES[engine])
        narrator(article, args.runs, VOICES[engine])
        worker_load(article, VOICES[engine], args.load_seconds)
        export(article, VOICES[engine], formats)
    # a fresh process for each: ALSA has read its (null) configuration in this one
    pulse = [f"--pulse-runs={args.pulse_runs}", f"--sentences={args.sentences}"]
    for engine in engines:
        command = [sys.executable, __file__, "--pulse-only", f"--engine={engine}", *pulse]
        subprocess.run(command, check=False)


if __name__ == "__main__":
    main()
