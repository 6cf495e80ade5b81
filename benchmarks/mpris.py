"""MPRIS command latency. Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/mpris.py [--runs N] [--tui [--voice VOICE]] [--next-gap S]

`reader speak` of the seed article (with --tui: the reader, headless) runs on a private
session bus (its own `dbus-daemon`); this script is a D-Bus client (dbus-fast) as a
desktop's player widget is:

- Pause / Play method call -> the PropertiesChanged signal with the new PlaybackStatus
  (the command went through the queue the keys use, to the narrator, and the new state
  was seen by the bus's 50 ms look);
- Next -> the next paragraph printed (`reader speak` prints a paragraph when its first
  sentence starts being heard); with --tui, the `SentenceStarted` of the next paragraph's
  first sentence reaching the reading screen (the worker sends it when the player hands
  that sentence's first frame to the device);
- with pulseaudio and parec installed, on a private PulseAudio null sink recorded from its
  monitor (as benchmarks/narration.py does): Pause -> silence, and Play -> sound, heard;
  with --tui and an eSpeak voice (whose renders repeat), Next -> the next paragraph's first
  sound, heard: its first sentence is rendered here again and found in the recording by
  cross-correlation (a Piper voice's renders vary, so only its event is timed).

Without PulseAudio, ALSA's default is a null device held to real time by the worker.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks" / "lib"))
SEED = ROOT / "reader" / "samples" / "cna-cambodia-scam-networks.html"
NAME = "org.mpris.MediaPlayer2.reader"
PATH = "/org/mpris/MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
SETTLE = 0.6
"""Seconds between commands: the voice carries on (or stays silent) between them."""
MATCHED = 0.5
"""A sentence rendered again is taken as found where it correlates best, if at least this
well (eSpeak NG's renders vary a little: 0.45-0.95 where it is, mostly under 0.45 elsewhere
in the second searched)."""


@contextlib.contextmanager
def private_bus() -> Iterator[str]:
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    try:
        yield daemon.stdout.readline().strip()
    finally:
        daemon.terminate()
        daemon.wait()


TUI = """
import time
from pathlib import Path
from reader.narration.events import SentenceStarted
from reader.narration_options import NarrationOptions
from reader.settings import LoadedSettings, Settings
from reader.tui import reading_screen
from reader.tui.app import ReaderApp

trace = open({trace!r}, "a", buffering=1)
handled = reading_screen.ReadingScreen.on_narration_update

def traced(self, message):
    event = message.event
    if isinstance(event, SentenceStarted) and event.sentence == 0:
        trace.write(f"{{time.perf_counter():.6f}} {{event.block}}\\n")
    handled(self, message)

reading_screen.ReadingScreen.on_narration_update = traced
chosen = LoadedSettings(Settings(NarrationOptions(voice={voice!r})), Path({settings!r}))
ReaderApp({seed!r}, settings=chosen).run(headless=True, size=(100, 40))
"""
"""The reader, headless (no terminal drawn to), with the real narrator and `voice`; each
paragraph's first sentence heard is written to `trace` as "perf_counter block"."""


class Speaking:
    """`reader speak` of the seed (or the reader), each printed line kept with when it came."""

    def __init__(self, env: dict[str, str], tui: str | None) -> None:
        """`tui`: the voice the reader speaks with; None for `reader speak`."""
        speak = ["-m", "reader", "speak", "--from-start", str(SEED)]
        scratch = Path(tempfile.mkdtemp())
        self.trace = scratch / "started.txt"
        self.trace.touch()
        code = TUI.format(
            trace=str(self.trace),
            voice=tui,
            settings=str(scratch / "settings.toml"),
            seed=str(SEED),
        )
        self.process = subprocess.Popen(
            [sys.executable, *(["-c", code] if tui else speak)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.strip():
                self.lines.append((time.perf_counter(), line))

    def close(self) -> None:
        self.process.terminate()
        self.process.wait()

    def started(self) -> list[tuple[float, int]]:
        """(when, block) of each paragraph the reader began to be heard (--tui)."""
        rows = (line.split() for line in self.trace.read_text().splitlines())
        return [(float(when), int(block)) for when, block in rows]


async def drive(address: str, runs: int, tui: str | None, gap: float) -> dict[str, Any]:
    from dbus_fast import Message, MessageType
    from dbus_fast.aio import MessageBus

    bus = await MessageBus(bus_address=address).connect()
    statuses: asyncio.Queue[tuple[float, str]] = asyncio.Queue()

    def on_message(message: Message) -> None:
        if message.message_type == MessageType.SIGNAL and message.member == "PropertiesChanged":
            changed = message.body[1]
            if "PlaybackStatus" in changed:
                statuses.put_nowait((time.perf_counter(), changed["PlaybackStatus"].value))

    bus.add_message_handler(on_message)
    await bus.call(
        Message(
            destination="org.freedesktop.DBus",
            path="/org/freedesktop/DBus",
            interface="org.freedesktop.DBus",
            member="AddMatch",
            signature="s",
            body=[f"type='signal',interface='org.freedesktop.DBus.Properties',path='{PATH}'"],
        )
    )

    async def call(member: str) -> float:
        sent = time.perf_counter()
        await bus.call(Message(destination=NAME, path=PATH, interface=PLAYER, member=member))
        return sent

    async def status_after(member: str, wanted: str) -> tuple[float, float]:
        while not statuses.empty():
            statuses.get_nowait()
        sent = await call(member)
        while True:
            arrived, status = await asyncio.wait_for(statuses.get(), 5)
            if status == wanted:
                return sent, arrived

    if tui:  # the reader waits for Play
        await status_after("Play", "Playing")
    pauses: list[tuple[float, float]] = []
    to_paused: list[float] = []
    to_playing: list[float] = []
    for _ in range(runs):
        await asyncio.sleep(SETTLE)
        paused, seen = await status_after("Pause", "Paused")
        to_paused.append(seen - paused)
        await asyncio.sleep(SETTLE)
        resumed, seen = await status_after("Play", "Playing")
        to_playing.append(seen - resumed)
        pauses.append((paused, resumed))
    nexts: list[float] = []
    for _ in range(runs if tui else min(runs, 8)):
        await asyncio.sleep(gap)
        nexts.append(await call("Next"))
    await asyncio.sleep(SETTLE)
    bus.disconnect()
    return {"to_paused": to_paused, "to_playing": to_playing, "pauses": pauses, "nexts": nexts}


def wait_for_player(address: str, status: str) -> None:
    """Until the player is on the bus in `status`, with its article loaded."""
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address}
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        answer = subprocess.run(
            ["playerctl", "--player=reader", "metadata", "--format", "{{status}}|{{title}}"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        shown, _, title = answer.stdout.strip().partition("|")
        if shown == status and title:
            return
        time.sleep(0.05)
    raise SystemExit(f"the player did not appear on the bus as {status}")


def summary(name: str, seconds: list[float]) -> None:
    from heard import percentiles

    print(f"{name:<46} {percentiles([s * 1000 for s in seconds])}")


def after_next(speaking: Speaking, nexts: list[float], tui: bool) -> list[tuple[float, int]]:
    """From each Next to the first paragraph printed (or, --tui, heard) after it, and that
    paragraph's block (-1 when unknown)."""
    found = []
    started = speaking.started() if tui else [(at, -1) for at, _ in speaking.lines]
    for sent in nexts:
        later = [(at, block) for at, block in started if at > sent]
        if later:
            found.append((later[0][0] - sent, later[0][1]))
    return found


def next_heard(
    recording: Any, nexts: list[float], blocks: list[int], voice: str
) -> tuple[list[float], list[float]]:
    """Next -> the first sound of the paragraph it went to, in the recording; and how well
    the start of each sentence rendered again matched there (normalised correlation, 1.0 =
    identical). Only the first 0.4 s of sound is compared: the next Next cuts it short."""
    import numpy as np
    import pulse
    from heard import first_sound, pcm_of

    from reader.extract import load
    from reader.narration.speech import render
    from reader.narration.voices import VoiceRouter

    article = load(str(SEED))
    synth = VoiceRouter(voice=voice, rate=1.0, lang="en")
    samples = pcm_of(recording).astype(np.float64)
    heard: list[float] = []
    matches: list[float] = []
    for sent, block in zip(nexts, blocks, strict=True):
        span = article.sentences(block)[0]
        text = article.blocks[block].text[span.start : span.end]
        clip = np.frombuffer(render(synth, text).pcm, dtype=np.int16)
        lead = first_sound(clip, 0) or 0
        probe = clip[lead : lead + round(0.4 * pulse.RATE)].astype(np.float64)
        low = max(0, recording.sample_at(sent) - pulse.RATE // 20)
        window = samples[low : low + pulse.RATE + len(probe)]
        if len(window) < len(probe) or not probe.any():
            continue
        scores = np.correlate(window, probe, mode="valid")
        energy = np.sqrt(np.convolve(window**2, np.ones(len(probe)), mode="valid"))
        normalised = scores / (np.maximum(energy, 1.0) * np.sqrt(np.sum(probe**2)))
        best = int(np.argmax(normalised))
        matches.append(float(normalised[best]))
        if normalised[best] > MATCHED:
            heard.append(recording.time_of(low + best) - sent)
    return heard, matches


def run(runs: int, pulse_env: dict[str, str] | None, tui: str | None, gap: float) -> None:
    with private_bus() as address, contextlib.ExitStack() as stack:
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address}
        recording = None
        if pulse_env is None:
            config = Path(tempfile.mkdtemp()) / "asound.conf"
            config.write_text("</usr/share/alsa/alsa.conf>\npcm.!default { type null }\n")
            env["ALSA_CONFIG_PATH"] = str(config)
            env.pop("PULSE_SERVER", None)
        else:
            import pulse

            env.update(pulse_env)
            recording = stack.enter_context(pulse.recording(pulse_env))
        speaking = Speaking(env, tui)
        try:
            wait_for_player(address, "Stopped" if tui else "Playing")
            measured = asyncio.run(drive(address, runs, tui, gap))
        finally:
            speaking.close()
    summary("Pause -> PropertiesChanged Paused", measured["to_paused"])
    summary("Play -> PropertiesChanged Playing", measured["to_playing"])
    nexts = after_next(speaking, measured["nexts"], tui is not None)
    what = "heard event reached the screen" if tui else "printed"
    summary(f"Next -> next paragraph started ({what})", [took for took, _ in nexts])
    if recording is not None and tui is not None and tui.startswith("espeak"):
        sent = measured["nexts"][: len(nexts)]
        heard, matches = next_heard(recording, sent, [block for _, block in nexts], tui)
        summary("Next -> next paragraph's first sound, heard", heard)
        print(
            f"{'  (rendered again, matched in the recording:':<46} "
            f"{' '.join(f'{m:.2f}' for m in matches)})"
        )
    if recording is not None:
        from heard import pause_latencies

        to_silence, to_sound = pause_latencies(recording, measured["pauses"])
        summary("Pause -> silence, heard (PulseAudio null sink)", [s / 1000 for s in to_silence])
        summary("Play -> sound, heard (PulseAudio null sink)", [s / 1000 for s in to_sound])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--tui", action="store_true", help="the reader, not reader speak")
    parser.add_argument("--voice", default="espeak:en", help="the reader's voice (--tui)")
    parser.add_argument(
        "--next-gap",
        type=float,
        default=SETTLE,
        help="seconds between two Nexts (a voice "
        "slower to render than that never starts a paragraph)",
    )
    args = parser.parse_args()
    os.chdir(ROOT)
    tui = args.voice if args.tui else None
    what = f"the reader (headless, {args.voice})" if args.tui else "reader speak"
    print(f"{what}, {SEED.name}, on a private session bus; {args.runs} runs")
    print("-- ALSA null device")
    run(args.runs, None, tui, args.next_gap)
    import pulse

    if pulse.missing_tools():
        print(f"-- PulseAudio: skipped ({', '.join(pulse.missing_tools())} not installed)")
        return
    print("-- PulseAudio null sink, recorded")
    with pulse.pulse_server() as pulse_env:
        run(args.runs, pulse_env, tui, args.next_gap)


if __name__ == "__main__":
    main()
