"""`reader speak` as a media player: a real process on a private session bus, driven with
playerctl and dbus-send as a desktop's media keys and player widget would drive it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.mpris_support import playerctl, private_bus, session_bus, status_is
from tests.waiting import CEILING, wait_until

__all__ = ["private_bus", "session_bus"]  # fixtures, used by name

PARAGRAPHS = [
    f"Paragraph {word} begins here. " + " ".join(["It runs on with plain words"] * 5) + "."
    for word in ("one", "two", "three", "four", "five", "six")
]
"""Six paragraphs of 34 words: about 14 s each on the player's timeline, far longer heard
than any step of a test takes."""
PAGE = (
    "<html><head><title>A test story</title>"
    '<meta property="og:site_name" content="Example News">'
    '<meta name="author" content="Ann Writer"></head><body><article><h1>A test story</h1>'
    + "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    + "</article></body></html>"
)


def dbus_send(member: str, *args: str, interface: str = "org.mpris.MediaPlayer2") -> str:
    result = subprocess.run(
        [
            "dbus-send",
            "--session",
            "--print-reply",
            "--dest=org.mpris.MediaPlayer2.reader",
            "/org/mpris/MediaPlayer2",
            f"{interface}.{member}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=CEILING,
        check=True,
    )
    return result.stdout


class Speaking:
    """`reader speak` running, its printed paragraphs collected as they come."""

    def __init__(self, source: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "reader", "speak", str(source)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.printed: list[str] = []
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.printed.append(line)

    def said(self, text: str) -> bool:
        return any(text in line for line in self.printed)


@pytest.mark.usefixtures("session_bus")
def test_reader_speak_is_a_media_player(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(PAGE)
    speaking = Speaking(page)
    try:
        wait_until(status_is("Playing"), "reader speak to play")
        title, artist, comment, length, track = playerctl(
            "metadata",
            "--format",
            "{{xesam:title}}|{{xesam:artist}}|{{xesam:comment}}|{{mpris:length}}|{{mpris:trackid}}",
        ).split("|")
        assert (title, artist, comment) == ("A test story", "Example News", "Ann Writer")
        assert int(length) > 60_000_000  # six paragraphs of 13 s
        assert track.strip("'").startswith("/org/mpris/MediaPlayer2/reader/track/")

        playerctl("pause")
        wait_until(status_is("Paused"), "pause")
        playerctl("play")
        wait_until(status_is("Playing"), "play")

        assert not speaking.said("Paragraph two")
        playerctl("next")
        wait_until(lambda: speaking.said("Paragraph two"), "next to reach paragraph two")

        seconds = int(length) / 1e6  # a sixth of it a paragraph, less a heading's words
        playerctl("position", f"{seconds * 4.1 / 6:.1f}")  # into the fifth
        wait_until(lambda: speaking.said("Paragraph five"), "the position to reach paragraph five")
        assert seconds * 4 / 6 - 2 <= float(playerctl("position")) < seconds * 5 / 6
        assert not speaking.said("Paragraph four")

        playerctl("volume", "0.5")
        wait_until(lambda: playerctl("volume") == "0.500000", "the volume")
        rate = "variant:double:1.5"
        dbus_send(
            "Set",
            "string:org.mpris.MediaPlayer2.Player",
            "string:Rate",
            rate,
            interface="org.freedesktop.DBus.Properties",
        )
        get = dbus_send(
            "Get",
            "string:org.mpris.MediaPlayer2.Player",
            "string:Rate",
            interface="org.freedesktop.DBus.Properties",
        )
        assert "double 1.5" in get

        playerctl("stop")
        wait_until(status_is("Stopped"), "stop")
        dbus_send("Quit")
        assert speaking.process.wait(timeout=CEILING) == 0
    finally:
        if speaking.process.poll() is None:
            speaking.process.kill()
            speaking.process.wait()
    assert "Traceback" not in (speaking.process.stderr.read() if speaking.process.stderr else "")
    assert playerctl("status") == "", "gone from the bus"


def test_without_a_session_bus_nothing_is_said(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(PAGE.replace("".join(f"<p>{t}</p>" for t in PARAGRAPHS[1:]), ""))
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/no-bus"}
    env["READER_AUDIO_PACING"] = "0"
    result = subprocess.run(
        [sys.executable, "-m", "reader", "speak", str(page)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert "Paragraph one" in result.stdout
