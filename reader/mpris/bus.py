"""Putting the player on the session bus, or quietly not.

Where there is no session bus (a server, CI without one, a bus that refuses us), `serve`
returns at once and nothing is printed: the reader works as before. The name is the MPRIS
one, `org.mpris.MediaPlayer2.reader`; a second reader running takes
`org.mpris.MediaPlayer2.reader.instance<pid>`, as MPRIS asks.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import os
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from reader.mpris.remote import Remote

if TYPE_CHECKING:
    from dbus_fast.aio import MessageBus

    from reader.mpris.service import Player

NAME = "org.mpris.MediaPlayer2.reader"
PATH = "/org/mpris/MediaPlayer2"
CONNECT_TIMEOUT = 2.0


async def connect(remote: Remote) -> tuple[MessageBus, Player] | None:
    """The bus with the player on it under its name, or None where that cannot be."""
    logging.getLogger("dbus_fast").addHandler(logging.NullHandler())  # never on stderr
    try:
        # dbus-fast takes ~40 ms to import: on a thread, not on the loop the UI paints from
        await asyncio.to_thread(importlib.import_module, "reader.mpris.service")
        from dbus_fast import BusType, NameFlag, RequestNameReply
        from dbus_fast.aio import MessageBus

        from reader.mpris.service import Player, Root

        bus = await asyncio.wait_for(
            MessageBus(bus_type=BusType.SESSION).connect(), CONNECT_TIMEOUT
        )
    except Exception:  # no bus, no address, refused, no dbus-fast: MPRIS is off
        return None
    try:
        player = Player(remote)
        bus.export(PATH, Root(remote))
        bus.export(PATH, player)
        owned = (RequestNameReply.PRIMARY_OWNER, RequestNameReply.ALREADY_OWNER)
        if await bus.request_name(NAME, NameFlag.DO_NOT_QUEUE) not in owned:
            await bus.request_name(f"{NAME}.instance{os.getpid()}", NameFlag.DO_NOT_QUEUE)
    except Exception:
        bus.disconnect()
        return None
    return bus, player


async def serve(remote: Remote, running: Callable[[], bool] = lambda: True) -> None:
    """Be the media player for `remote` while `running()` (or until cancelled)."""
    from reader.mpris.service import POLL

    connected = await connect(remote)
    if connected is None:
        return
    bus, player = connected
    try:
        while running() and bus.connected:
            player.refresh()
            await asyncio.sleep(POLL)
    finally:
        bus.disconnect()


@contextlib.contextmanager
def served_in_thread(remote: Remote) -> Iterator[None]:
    """The media player on a thread of its own while the block runs, for a front-end
    whose main thread is busy with a loop of its own (`reader speak`)."""
    stop = threading.Event()

    def run() -> None:
        with contextlib.suppress(Exception):
            asyncio.run(serve(remote, lambda: not stop.is_set()))

    thread = threading.Thread(target=run, name="mpris", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=1)
