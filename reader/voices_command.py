"""`reader voices`: both engines' voices, and `--add FILE.onnx` to install a Piper voice.

Listing reads the Piper voices' `.onnx.json` configs only (no ONNX Runtime); adding loads
the voice once (in this process: the CLI has no UI to protect) so that a file that cannot
speak is refused before it is copied.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from reader.narration.engine import Voice
from reader.safe_text import sanitize_line


class VoiceCommandError(Exception):
    """Bad input: one line for stderr, exit code 2."""


def list_command(as_json: bool) -> int:
    from reader.narration.espeak import EngineUnavailable
    from reader.narration.piper_voices import voices_folder
    from reader.narration.voices import all_voices

    try:
        voices, problems = all_voices()
    except EngineUnavailable as error:
        raise VoiceCommandError(str(error)) from None
    for problem in problems:
        print(f"reader: skipped a broken voice: {sanitize_line(problem)}", file=sys.stderr)
    for voice in voices:
        if as_json:
            print(json.dumps(record(voice), ensure_ascii=False))
        else:
            engine, identifier, language, quality, name = (
                sanitize_line(field or "-")
                for field in (
                    voice.engine,
                    voice.identifier,
                    voice.language,
                    voice.quality,
                    voice.name,
                )
            )
            print(f"{engine:<7} {identifier:<28} {language:<10} {quality:<7} {name}")
    if not as_json:
        print(sanitize_line(f"Piper voices folder: {voices_folder()} (reader voices --add FILE)"))
    return 0


def record(voice: Voice) -> dict[str, str]:
    return {
        "engine": voice.engine,
        "id": voice.identifier,
        "language": voice.language,
        "quality": voice.quality,
        "name": voice.name,
    }


def from_record(data: dict[str, str]) -> Voice:
    """The inverse of `record` (KeyError or TypeError when it is not one)."""
    return Voice(
        str(data["name"]),
        str(data["language"]),
        str(data["id"]),
        engine=str(data.get("engine", "espeak")),
        quality=str(data.get("quality", "")),
    )


def add_command(source: Path) -> int:
    """Check that `source` (a Piper `.onnx` with its `.onnx.json`) loads, then copy both
    into the voices folder."""
    from reader.narration.piper import PiperSynthesizer
    from reader.narration.piper_model import PiperUnavailable
    from reader.narration.piper_voices import BrokenVoice, read_voice, voices_folder

    if source.suffix != ".onnx":
        raise VoiceCommandError(
            f"{source}: a Piper voice is a .onnx file (with its .onnx.json beside it)"
        )
    try:
        found = read_voice(source)
        PiperSynthesizer(found).synthesize("Hello.")
    except (BrokenVoice, PiperUnavailable) as error:
        raise VoiceCommandError(str(error)) from None
    folder = voices_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for file in (source, Path(f"{source}.json")):
            shutil.copyfile(file, folder / file.name)
    except OSError as error:
        raise VoiceCommandError(f"cannot copy into {folder}: {error.strerror or error}") from None
    voice = found.voice
    print(sanitize_line(f"added {voice.identifier} ({voice.language}, {voice.name}) to {folder}"))
    return 0
