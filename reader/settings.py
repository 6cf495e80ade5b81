"""Settings: a small TOML file in the platform's config directory.

Reading never fails: a missing file gives the defaults, a broken one gives the defaults
plus a one-line problem naming the line or the key, which the UI shows. The file is flat:
the narration options (`voice = ...`, `rate = ...`) sit at the top level beside the other
settings, and the key bindings in a `[keys]` table. Saving writes the whole file again (it
is small) to a temporary file that replaces the old one, so a crash cannot leave it
half-written, and every string is escaped, so what is saved always loads.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from dataclasses import Field, dataclass, field, fields
from pathlib import Path
from typing import Any

from reader.narration_options import NarrationOptions, kind, limits, problem, typed

NARRATION, KEYS = "narration", "keys"
"""The fields of `Settings` that are not one top-level value each."""


@dataclass(frozen=True)
class Settings:
    narration: NarrationOptions = NarrationOptions()
    """Voice, rate, volume, pauses, captions: written at the top level of the file."""
    highlight_sentence: bool = True
    highlight_word: bool = True
    theme: str = "textual-dark"
    """Any Textual theme, or "sepia"; the command palette changes it (and saves it)."""
    column_width: int = field(default=80, metadata=limits(40, 400))
    justify: bool = False
    """Justify paragraphs to both edges of the column."""
    paragraph_spacing: int = field(default=1, metadata=limits(0, 3))
    """Blank lines between paragraphs."""
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys, e.g. `play_pause = "space,p"`."""


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
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    where = f"{path}, line {_line_of(text, key)}"
    return LoadedSettings(settings, path, f"{where}: {message}; ignored{more}")


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(key) and line.split("=")[0].strip() == key:
            return number
    return 1


def _flat_fields() -> dict[str, Field[Any]]:
    """The top-level keys of the file: the narration options, then the other settings."""
    others = [f for f in fields(Settings) if f.name not in (NARRATION, KEYS)]
    return {f.name: f for f in (*fields(NarrationOptions), *others)}


def _from_dict(data: dict[str, Any]) -> tuple[Settings, list[tuple[str, str]]]:
    """Take every valid key; list the bad ones as (key, message) and ignore them."""
    known = _flat_fields()
    narration = {f.name for f in fields(NarrationOptions)}
    options: dict[str, Any] = {}
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for key, value in data.items():
        if key == KEYS:
            if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
                values[KEYS] = value
            else:
                problems.append((key, "every entry under [keys] should be a string of keys"))
            continue
        if key not in known:
            problems.append((key, f"unknown key {key!r}"))
            continue
        why = problem(known[key], value)
        if why is not None:
            problems.append((key, why))
            continue
        (options if key in narration else values)[key] = typed(kind(known[key]), value)
    return Settings(narration=NarrationOptions(**options), **values), problems


def save(settings: Settings, path: Path | None = None) -> None:
    """Write `settings` (raises OSError if the directory is not writable)."""
    lines = [f"{name} = {_toml_value(value)}" for name, value in _flat_items(settings)]
    if settings.keys:
        lines += ["", "[keys]"]
        lines += [
            f"{_toml_key(name)} = {_toml_value(keys)}"
            for name, keys in sorted(settings.keys.items())
        ]
    _write_atomically(path or default_path(), "\n".join(lines) + "\n")


def _flat_items(settings: Settings) -> list[tuple[str, object]]:
    narration = {f.name for f in fields(NarrationOptions)}
    return [
        (name, getattr(settings.narration if name in narration else settings, name))
        for name in _flat_fields()
    ]


def _write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over
    `path`: the file is the old one or the new one, never half of either."""
    path = Path(os.path.realpath(path))  # a symlinked settings file stays a symlink
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(OSError):
            os.chmod(name, path.stat().st_mode & 0o7777)  # keep the old file's permissions
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    _sync_directory(path.parent)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (not every system can open a directory)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return _toml_string(str(value))


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _toml_key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else _toml_string(name)


def _toml_string(text: str) -> str:
    """`text` as a TOML basic string: quotes, backslashes and every character that is not
    printable (controls, bidi overrides, line separators) escaped, as are characters beyond
    the BMP; a lone surrogate (which no file can hold) becomes U+FFFD."""
    out: list[str] = []
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        elif code > 0xFFFF:
            out.append(f"\\U{code:08X}")
        elif not char.isprintable():
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
