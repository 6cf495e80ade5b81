"""A private D-Bus session bus for the MPRIS tests, and `playerctl` to drive the player.

Each test module that uses `session_bus` gets its own `dbus-daemon`, so no test sees the
developer's desktop bus (and the desktop never sees the tests' players).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator

import pytest

from tests.waiting import CEILING


@pytest.fixture(scope="module")
def private_bus() -> Iterator[str]:
    if shutil.which("dbus-daemon") is None or shutil.which("playerctl") is None:
        pytest.skip("needs dbus-daemon and playerctl (Debian: dbus, playerctl)")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    try:
        yield address
    finally:
        daemon.terminate()
        daemon.wait(timeout=CEILING)


@pytest.fixture
def session_bus(private_bus: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The private bus is this test's session bus (for the processes it starts too)."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", private_bus)
    return private_bus


def playerctl(*args: str) -> str:
    result = subprocess.run(
        ["playerctl", "--player=reader", *args],
        capture_output=True,
        text=True,
        timeout=CEILING,
        check=False,
        env=os.environ,
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def status_is(state: str) -> Callable[[], bool]:
    return lambda: playerctl("status") == state
