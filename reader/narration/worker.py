"""The narration worker process: `python -m reader.narration.worker [--options JSON]`, the
options being a `NarrationOptions` as a JSON object (`commands.options_to_json`).

Commands (`commands`) arrive on stdin and events (`events`) leave on stdout, one JSON
object per line. A line that is not a well-formed command is reported as one
`NarrationWarning` and skipped. `Quit`, or the end of input, ends the process. A process of
its own keeps libespeak (which can `exit()`), PortAudio/ALSA (which write to fd 2) and the
audio callback (which must not wait for the GIL behind Textual) away from the UI.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from typing import TYPE_CHECKING, TextIO

from reader.narration.commands import CommandError, Quit, from_json, options_from_json
from reader.narration.events import (
    EXIT_NO_ENGINE,
    EngineReady,
    NarrationError,
    NarrationEvent,
    NarrationWarning,
    to_json,
)
from reader.narration_options import NarrationOptions

if TYPE_CHECKING:
    from reader.narration.session import Session

PACING_VARIABLE = "READER_AUDIO_PACING"
"""Set to 0 to let a sink that runs faster than real time (ALSA null in tests) set the pace."""


def _protocol_stream() -> TextIO:
    """Keep the real stdout for events; point fds 1 and 2 at /dev/null so that nothing the
    audio stack or the engine prints can reach the user's terminal or the protocol."""
    protocol = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    return os.fdopen(protocol, "w", encoding="utf-8", buffering=1)


class _Emitter:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def __call__(self, event: NarrationEvent) -> None:
        line = to_json(event) + "\n"
        with self._lock:
            try:
                self._stream.write(line)
                self._stream.flush()
            except (BrokenPipeError, OSError, ValueError):
                os._exit(0)  # the narrator is gone: nobody is listening


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reader.narration.worker")
    parser.add_argument("--options", type=options_from_json, default=NarrationOptions())
    args = parser.parse_args(argv)
    options: NarrationOptions = args.options
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    emit = _Emitter(_protocol_stream())

    from reader.narration.espeak import EngineUnavailable
    from reader.narration.voices import VoiceRouter

    session: Session | None = None

    def warn(line: str) -> None:
        """A voice that fails falls back to eSpeak NG and says so through the session
        (which says the new voice first); before there is one, straight out."""
        if session is not None:
            session.warn(line)
        else:
            emit(NarrationWarning(line))

    try:
        # No voice: eSpeak's default until an article's language picks one (a Piper voice
        # loads then, after the engine is ready and the UI has painted).
        synth = VoiceRouter(voice=options.voice or None, rate=options.rate, on_warning=warn)
    except EngineUnavailable as error:
        emit(NarrationError(str(error)))
        return EXIT_NO_ENGINE
    except ValueError as error:
        emit(NarrationError(str(error)))
        synth = VoiceRouter(rate=options.rate, on_warning=warn)

    from reader.narration.player import AudioUnavailable, Player
    from reader.narration.session import Session

    pace = os.environ.get(PACING_VARIABLE, "1") != "0"
    player: Player | None = Player(synth.sample_rate, pace=pace)
    audio_error: str | None = None
    try:
        assert player is not None
        player.open()
    except AudioUnavailable as error:
        player, audio_error = None, str(error)
    emit(EngineReady(synth.voice_name, synth.sample_rate, audio_error))

    session = Session(synth, player, audio_error, emit, options=options)
    session.start()
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            command = from_json(line)
        except CommandError as error:
            emit(NarrationWarning(f"narration ignored a command: {error}"))
            continue
        if isinstance(command, Quit):
            break
        session.command(command)
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
