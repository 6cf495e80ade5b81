"""How long a test waits for something that must happen: one ceiling for the whole suite;
and the processes a test starts, ended when it fails half-way.

A ceiling is no measurement. It is only there so that a test whose condition never comes
fails instead of hanging the run, so it is generous: on a loaded machine (two cores shared
by several test runs) a narration worker takes over ten seconds to start and load the Piper
voice, and a render that takes 0.3 s on a quiet machine takes several. Tests wait for the
condition itself (an event, a line of output, a state), never for a fixed time.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

CEILING = 120.0
"""Seconds a test waits for a condition before it fails."""


def wait_until(
    condition: Callable[[], object], what: str = "the condition", timeout: float = CEILING
) -> None:
    """Poll `condition` until it is true; fail, naming `what`, after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@contextmanager
def ending(process: subprocess.Popen[Any]) -> Iterator[subprocess.Popen[Any]]:
    """`process`, killed on the way out if it still runs: a test that fails half-way does
    not leave it reading, rendering or exporting on, loading the machine for the tests after."""
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
