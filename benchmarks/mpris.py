"""MPRIS command latency. Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/mpris.py [--runs N] [--tui]

`reader speak` of the seed article (with --tui: the reader, headless) runs on a private
session bus (its own `dbus-daemon`); this script is a D-Bus client (dbus-fast) as a
desktop's player widget is:

- Pause / Play method call -> the PropertiesChanged signal with the new PlaybackStatus
  (the command went through the queue the keys use, to the narrator, and the new state
  was seen by the bus's 50 ms look);
- Next -> the next paragraph printed (`reader speak` prints a paragraph when its first
  sentence starts being heard);
- with pulseaudio and parec installed, on a private PulseAudio null sink recorded from its
  monitor (as benchmarks/narration.py does): Pause -> silence, and Play -> sound, heard.

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


TUI = (
    "from reader.tui.app import ReaderApp; "
    f"ReaderApp({str(SEED)!r}, open_state=False).run(headless=True, size=(100, 40))"
)
"""The reader, headless (no terminal drawn to), with the real narrator."""


class Speaking:
    """`reader speak` of the seed (or the reader), each printed line kept with when it came."""

    def __init__(self, env: dict[str, str], tui: bool) -> None:
        speak = ["-m", "reader", "speak", "--from-start", str(SEED)]
        self.process = subprocess.Popen(
            [sys.executable, *(["-c", TUI] if tui else speak)],
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


async def drive(address: str, runs: int, tui: bool) -> dict[str, Any]:
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
    for _ in range(0 if tui else min(runs, 8)):
        await asyncio.sleep(SETTLE)
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


def after_next(speaking: Speaking, nexts: list[float]) -> list[float]:
    """From each Next to the first paragraph printed after it."""
    found = []
    for sent in nexts:
        later = [at for at, _ in speaking.lines if at > sent]
        if later:
            found.append(later[0] - sent)
    return found


def run(runs: int, pulse_env: dict[str, str] | None, tui: bool) -> None:
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
            measured = asyncio.run(drive(address, runs, tui))
        finally:
            speaking.close()
    summary("Pause -> PropertiesChanged Paused", measured["to_paused"])
    summary("Play -> PropertiesChanged Playing", measured["to_playing"])
    if measured["nexts"]:
        nexts = after_next(speaking, measured["nexts"])
        summary("Next -> next paragraph started (printed)", nexts)
    if recording is not None:
        from heard import pause_latencies

        to_silence, to_sound = pause_latencies(recording, measured["pauses"])
        summary("Pause -> silence, heard (PulseAudio null sink)", [s / 1000 for s in to_silence])
        summary("Play -> sound, heard (PulseAudio null sink)", [s / 1000 for s in to_sound])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--tui", action="store_true", help="the reader, not reader speak")
    args = parser.parse_args()
    os.chdir(ROOT)
    what = "the reader (headless)" if args.tui else "reader speak"
    print(f"{what}, {SEED.name}, on a private session bus; {args.runs} runs")
    print("-- ALSA null device")
    run(args.runs, None, args.tui)
    import pulse

    if pulse.missing_tools():
        print(f"-- PulseAudio: skipped ({', '.join(pulse.missing_tools())} not installed)")
        return
    print("-- PulseAudio null sink, recorded")
    with pulse.pulse_server() as pulse_env:
        run(args.runs, pulse_env, args.tui)


if __name__ == "__main__":
    main()
