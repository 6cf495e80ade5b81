"""`./setup.sh` when another package manager holds the dpkg lock: it waits, saying so.

The real lock is held (briefly, and only when free) and apt-get and dpkg-query are stand-ins
on PATH that report every package missing and log how they were called."""

from __future__ import annotations

import fcntl
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DPKG_LOCK = Path("/var/lib/dpkg/lock-frontend")
HELD = 2.0
"""Seconds the test holds the lock after setup.sh says it waits."""


@pytest.fixture
def dpkg_lock() -> Iterator[int]:
    """The dpkg front-end lock, held by this process (as apt-get holds it while it runs)."""
    if os.geteuid() != 0 or not DPKG_LOCK.exists():
        pytest.skip("needs root and dpkg")
    fd = os.open(DPKG_LOCK, os.O_RDWR)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        pytest.skip("a package manager is running on this machine")
    try:
        yield fd
    finally:
        os.close(fd)  # closing releases the lock too, if the test did not


def stand_in(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)


def test_setup_waits_for_the_dpkg_lock_and_says_so(tmp_path: Path, dpkg_lock: int) -> None:
    bin_dir, log = tmp_path / "bin", tmp_path / "apt-get.log"
    bin_dir.mkdir()
    stand_in(bin_dir, "dpkg-query", "exit 1")  # nothing is installed
    # update succeeds; install stops setup.sh there (a set -e exit with this code)
    stand_in(
        bin_dir,
        "apt-get",
        f'echo "$(date +%s.%N) $*" >> {log}; case "$*" in *install*) exit 42;; esac',
    )
    process = subprocess.Popen(
        [str(ROOT / "setup.sh")],
        env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"},
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    said = [process.stderr.readline(), process.stderr.readline()]
    assert said[0].startswith("setup: installing espeak-ng")
    assert said[1].startswith(
        f"setup: waiting for {Path('/proc/self/comm').read_text().strip()} "
        f"(process {os.getpid()}) to release {DPKG_LOCK}"
    )
    time.sleep(HELD)
    assert not log.exists(), "apt-get ran while the lock was held"
    released = time.time()
    fcntl.lockf(dpkg_lock, fcntl.LOCK_UN)
    rest = process.communicate(timeout=30)[1]
    assert process.returncode == 42, rest
    calls = log.read_text().splitlines()
    assert len(calls) == 2
    for call, command in zip(calls, ("update", "install"), strict=True):
        at, *arguments = call.split()
        assert float(at) >= released
        assert arguments[:3] == ["-o", "DPkg::Lock::Timeout=300", command]
