"""A private PulseAudio server with a null sink, and a recorder of what that sink plays.

Used by `benchmarks/narration.py` to measure narration on the audio that was really played
(DESIGN: exit codes and our own frame counts prove nothing). The server runs as a child of
the benchmark on a socket in a temporary directory, with no other modules loaded, and is
stopped at the end; `PULSE_SERVER` points clients at it, and an ALSA configuration whose
default device is `type pulse` sends PortAudio's default output there too.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

RATE = 22050
"""The sink's rate: eSpeak NG's, so nothing is resampled and the recording is bit-exact."""
START_TIMEOUT = 10.0
WINDOW = 200
"""Chunks (of ~10 ms) either side used to map a sample to the wall clock."""
TOOLS = ("pulseaudio", "parec", "pactl")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@dataclass
class Recording:
    """PCM from the sink's monitor, with the wall-clock time each chunk arrived."""

    chunks: list[tuple[float, bytes]] = field(default_factory=list)
    pcm: bytes = b""
    _arrivals: list[float] = field(default_factory=list)
    _ends: list[int] = field(default_factory=list)
    """Per chunk: when it arrived, and the sample count up to its end."""

    def seal(self) -> None:
        self.pcm = b"".join(chunk for _, chunk in self.chunks)
        samples = 0
        for arrived, chunk in self.chunks:
            samples += len(chunk) // 2
            self._arrivals.append(arrived)
            self._ends.append(samples)

    def _offset(self, index: int) -> float:
        """`perf_counter()` of sample 0 as seen by the chunks around chunk `index`: the sink's
        clock and ours drift apart (~0.1%), so only nearby chunks are trusted; a chunk
        arrives after its last sample was played, so the earliest estimate is the best."""
        low, high = max(0, index - WINDOW), min(len(self._ends), index + WINDOW)
        return min(self._arrivals[i] - self._ends[i] / RATE for i in range(low, high))

    def time_of(self, sample: int) -> float:
        index = bisect.bisect_left(self._ends, sample)
        return self._offset(index) + sample / RATE

    def sample_at(self, moment: float) -> int:
        index = bisect.bisect_left(self._arrivals, moment)
        return max(0, round((moment - self._offset(index)) * RATE))

    def drift(self) -> float:
        """How much faster the sink's clock ran than ours (0.001 = 0.1%)."""
        if len(self._ends) < 2:
            return 0.0
        wall = self._arrivals[-1] - self._arrivals[0]
        return (self._ends[-1] - self._ends[0]) / RATE / wall - 1 if wall else 0.0


@contextlib.contextmanager
def pulse_server() -> Iterator[dict[str, str]]:
    """Run a private server; yield the environment variables that reach it."""
    folder = Path(tempfile.mkdtemp(prefix="reader-pulse-"))
    socket = folder / "native"
    alsa = folder / "asound.conf"
    alsa.write_text(
        "</usr/share/alsa/alsa.conf>\npcm.!default { type pulse }\nctl.!default { type pulse }\n"
    )
    command = [
        "pulseaudio",
        "--daemonize=no",
        "--exit-idle-time=-1",
        "--system=false",
        "--use-pid-file=no",
        "--disable-shm=yes",
        "-n",
        f"--load=module-null-sink sink_name=bench rate={RATE} channels=1 format=s16le",
        f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
    ]
    env = {
        "PULSE_SERVER": f"unix:{socket}",
        "ALSA_CONFIG_PATH": str(alsa),
        "HOME": str(folder),  # the server's cookie and state stay in the temporary folder
    }
    server = subprocess.Popen(
        command,
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            probe = subprocess.run(
                ["pactl", "info"],
                env={**os.environ, **env},
                capture_output=True,
                timeout=START_TIMEOUT,
                check=False,
            )
            if probe.returncode == 0:
                break
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the private PulseAudio server did not start")
            time.sleep(0.1)
        del env["HOME"]
        yield env
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def recording(env: dict[str, str]) -> Iterator[Recording]:
    """Record the sink's monitor while the block runs (once data flows: parec takes a
    second or two to start); the recording is sealed when the block ends."""
    record = Recording()
    process = subprocess.Popen(
        [
            "parec",
            "--device=bench.monitor",
            "--raw",
            "--format=s16le",
            f"--rate={RATE}",
            "--channels=1",
            "--latency-msec=10",
        ],
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )

    def read() -> None:
        assert process.stdout is not None
        while chunk := process.stdout.read1(4096):
            record.chunks.append((time.perf_counter(), chunk))

    reader = threading.Thread(target=read, name="parec", daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not record.chunks:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("parec recorded nothing")
            time.sleep(0.02)
        time.sleep(0.2)
        yield record
        time.sleep(0.3)  # let the tail arrive
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=5)
        record.seal()
