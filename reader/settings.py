"""Settings: a small TOML file in the platform's config directory.

Reading never fails: a missing file gives the defaults, a broken one gives the defaults
plus a one-line problem naming the line or the key, which the UI shows. Saving writes the
whole file again (it is small and flat) through a temporary file, so a crash cannot leave
it half-written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from reader.narration.options import (
    DEFAULT_PARAGRAPH_PAUSE_MS,
    DEFAULT_SENTENCE_PAUSE_MS,
    MAX_PAUSE_MS,
    NarrationOptions,
)


@dataclass(frozen=True)
class Settings:
    voice: str = ""
    """eSpeak NG voice identifier; empty follows the article's language."""
    rate: float = 1.0
    volume: float = 1.0
    """Narration volume, 0.0-1.0, applied to the audio (in the reader and in exports)."""
    paragraph_pause_ms: int = DEFAULT_PARAGRAPH_PAUSE_MS
    """Silence after each paragraph, in milliseconds (0-10000)."""
    sentence_pause_ms: int = DEFAULT_SENTENCE_PAUSE_MS
    """Silence after each sentence within a paragraph, in milliseconds (0-10000)."""
    read_captions: bool = False
    """Read image captions aloud (and in exports); by default they are only shown."""
    highlight_sentence: bool = True
    highlight_word: bool = True
    theme: str = "textual-dark"
    """Any Textual theme, or "sepia"; the command palette changes it (and saves it)."""
    column_width: int = 80
    justify: bool = False
    """Justify paragraphs to both edges of the column."""
    paragraph_spacing: int = 1
    """Blank lines between paragraphs (0 to 3)."""
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys, e.g. `play_pause = "space,p"`."""

    def narration_options(self) -> NarrationOptions:
        """What the narrator and the export take from these settings."""
        return NarrationOptions(
            volume=self.volume,
            paragraph_pause_ms=self.paragraph_pause_ms,
            sentence_pause_ms=self.sentence_pause_ms,
            read_captions=self.read_captions,
        )


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    path: Path
    problem: str | None = None


def default_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("reader", appauthor=False) / "settings.toml"


def load(path: Path | None = None) -> LoadedSettings:
    import tomllib  # here: the reader's first frame is drawn before settings are read

    path = path or default_path()
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        return LoadedSettings(Settings(), path)
    except (OSError, UnicodeDecodeError) as error:
        return LoadedSettings(Settings(), path, f"cannot read {path}: {error}; using defaults")
    except tomllib.TOMLDecodeError as error:
        return LoadedSettings(Settings(), path, f"{path}: {error}; using defaults")
    settings, problems = _from_dict(data)
    if not problems:
        return LoadedSettings(settings, path)
    key, message = problems[0]
    return LoadedSettings(settings, path, f"{path}, line {_line_of(text, key)}: {message}; ignored")


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(key) and line.split("=")[0].strip() == key:
            return number
    return 1


def _from_dict(data: dict[str, Any]) -> tuple[Settings, list[tuple[str, str]]]:
    """Take every valid key; list the bad ones as (key, message) and ignore them."""
    defaults = Settings()
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    known = {f.name: f for f in fields(Settings)}
    for key, raw in data.items():
        value = raw
        if key not in known:
            problems.append((key, f"unknown key {key!r}"))
            continue
        expected = type(getattr(defaults, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            problems.append((key, f"{key!r} should be a {expected.__name__}, not {value!r}"))
            continue
        if key == "keys" and not all(isinstance(v, str) for v in value.values()):
            problems.append((key, "every entry under [keys] should be a string of keys"))
            continue
        values[key] = value
    settings = replace(defaults, **values)
    from reader.narration.engine import MAX_RATE, MIN_RATE

    ranges: dict[str, tuple[float, float]] = {
        "rate": (MIN_RATE, MAX_RATE),
        "volume": (0.0, 1.0),
        "paragraph_pause_ms": (0, MAX_PAUSE_MS),
        "sentence_pause_ms": (0, MAX_PAUSE_MS),
        "column_width": (40, 400),
        "paragraph_spacing": (0, 3),
    }
    for key, (low, high) in ranges.items():
        value = getattr(settings, key)
        if not low <= value <= high:
            problems.append((key, f"{key!r} should be between {low} and {high}, not {value}"))
            settings = replace(settings, **{key: getattr(defaults, key)})
    return settings, problems


def save(settings: Settings, path: Path | None = None) -> None:
    """Write `settings` (raises OSError if the directory is not writable)."""
    path = path or default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"{f.name} = {_toml_value(getattr(settings, f.name))}"
        for f in fields(Settings)
        if f.name != "keys"
    ]
    if settings.keys:
        lines += ["", "[keys]"]
        lines += [f"{name} = {_toml_value(keys)}" for name, keys in sorted(settings.keys.items())]
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
