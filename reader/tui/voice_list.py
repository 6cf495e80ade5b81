"""The voices, listed in a child process: libespeak stays out of the UI process (it can
exit() the process and writes to fd 2)."""

from __future__ import annotations

import json
import subprocess
import sys

from reader.narration.engine import Voice
from reader.voices_command import from_record


def list_voices() -> tuple[list[Voice], str | None]:
    """The voices, or none and one line saying why."""
    command = [sys.executable, "-m", "reader", "voices", "--json"]
    try:
        listed = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return [], f"cannot list voices: {error}"
    if listed.returncode != 0:
        problem = listed.stderr.strip().splitlines()[-1:] or ["cannot list voices"]
        return [], problem[0].removeprefix("reader: ")
    try:
        records = [json.loads(line) for line in listed.stdout.splitlines()]
        return [from_record(r) for r in records], None
    except (ValueError, KeyError, TypeError):
        return [], "cannot list voices: unreadable answer from `reader voices --json`"
