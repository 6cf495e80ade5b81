"""The reader as a media player: the app on a private session bus, driven with playerctl
(run as a subprocess without blocking the app's loop)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

from reader.mpris.timeline import Timeline
from tests.fakes import FakeNarrator
from tests.mpris_support import private_bus, session_bus
from tests.tui_support import SIZE, ReaderApp, fake, loaded, settle
from tests.waiting import CEILING

__all__ = ["private_bus", "session_bus"]  # fixtures, used by name
SEED = "cna-cambodia-scam-networks.html"


async def playerctl(*args: str) -> str:
    process = await asyncio.create_subprocess_exec(
        "playerctl",
        "--player=reader",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    out, _ = await process.communicate()
    return out.decode().strip() if process.returncode == 0 else ""


async def until(*args: str, expected: str) -> None:
    """Ask playerctl `args` until it answers `expected`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CEILING
    while (answer := await playerctl(*args)) != expected:
        assert loop.time() < deadline, f"{args}: {answer!r}, not {expected!r}"
        await asyncio.sleep(0.05)


@pytest.mark.usefixtures("session_bus")
async def test_the_reader_is_a_media_player(seeds_dir: Path) -> None:
    app = ReaderApp(str(seeds_dir / SEED), FakeNarrator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await until("status", expected="Stopped")
        metadata = await playerctl("metadata", "--format", "{{xesam:title}}|{{xesam:artist}}")
        assert metadata == (
            "Cambodia government rejects CNA commentary on efforts to dismantle scam networks|CNA"
        )

        await playerctl("play")
        await until("status", expected="Playing")
        assert fake(app).last()[0] == "play"
        await playerctl("pause")
        await until("status", expected="Paused")
        assert fake(app).last() == ("pause",)
        await playerctl("play-pause")
        await until("status", expected="Playing")
        await playerctl("next")
        await settle(pilot, lambda: fake(app).last() == ("skip", 1, 0))
        await playerctl("volume", "0.3")
        await until("volume", expected="0.300000")
        assert app.reading.listening.state.options.volume == pytest.approx(0.3)
        await playerctl("stop")
        await until("status", expected="Stopped")

        article = app.reading.article
        assert article is not None
        timeline = Timeline(article, app.reading.listening.state.options)
        target = timeline.position(60_000_000)
        assert target.block > app.reading.focused_block, "a move the test can see"
        await playerctl("position", "60")
        await settle(pilot, lambda: app.reading.focused_block == target.block)
        await playerctl("play")
        await settle(pilot, lambda: fake(app).last() == ("play", target.block))
    assert await playerctl("status") == "", "gone from the bus with the app"


async def seeked_signals(address: str) -> tuple[MessageBus, asyncio.Queue[int]]:
    """A client of the bus that collects every Seeked signal's position."""
    bus = await MessageBus(bus_address=address).connect()
    got: asyncio.Queue[int] = asyncio.Queue()

    def on_message(message: Message) -> None:
        if message.message_type == MessageType.SIGNAL and message.member == "Seeked":
            got.put_nowait(message.body[0])

    bus.add_message_handler(on_message)
    rule = "type='signal',interface='org.mpris.MediaPlayer2.Player',member='Seeked'"
    await bus.call(
        Message(
            destination="org.freedesktop.DBus",
            path="/org/freedesktop/DBus",
            interface="org.freedesktop.DBus",
            member="AddMatch",
            signature="s",
            body=[rule],
        )
    )
    return bus, got


async def test_a_move_by_key_is_a_seek(seeds_dir: Path, session_bus: str) -> None:
    app = ReaderApp(str(seeds_dir / SEED), FakeNarrator)
    bus, seeked = await seeked_signals(session_bus)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, lambda: loaded(app))
            await until("status", expected="Stopped")
            await pilot.press("]", "]", "]")
            article = app.reading.article
            assert article is not None
            timeline = Timeline(article, app.reading.listening.state.options)
            expected = timeline.span(app.reading.listening.resume_from)[0]
            assert expected > 0
            loop = asyncio.get_running_loop()
            deadline = loop.time() + CEILING
            while (position := await asyncio.wait_for(seeked.get(), CEILING)) != expected:
                assert loop.time() < deadline, f"Seeked {position}, not {expected}"
    finally:
        bus.disconnect()
