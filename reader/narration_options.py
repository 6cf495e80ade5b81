"""What the listener tunes: one frozen value from the settings file to the worker's session.

The same `NarrationOptions` goes to the narrator (and on to its worker process), to
`reader speak` and to the export, so that listening and exporting sound the same. Each field
carries its limits in its metadata (`LIMITS`); the settings file validates against them and
the options clamp to them, so adding an option is one field here plus its use in the session.

- `voice`: an eSpeak NG voice; empty follows each article's language;
- `rate`: speed as a multiple of the voice's normal words per minute; a change is heard
  from the next sentence;
- `volume` (0.0-1.0) scales the PCM: in the player's callback while narrating (a change is
  heard at once, queued sentences included), in the samples written when exporting;
- `paragraph_pause_ms` of silence after a paragraph's last sentence, `sentence_pause_ms`
  after every other sentence (both on top of the end pause eSpeak NG puts in each clip);
  a change applies from the next sentence rendered (the worker renders a few ahead);
- `read_captions`: captions (image captions, dimmed in the view) are skipped unless true;
- `read_code`: code blocks are skipped unless true;
- `read_tables`: tables are read row by row ("Name: Finland; Score: 7.8") unless false.
  Narration says so the first time it passes over a code block or a table it skips in an
  article ("Code block skipped.", "Table skipped.": `reader.narration.skipped`);
- `quote_voice`: block quotes are read in another voice (eSpeak NG: the same voice at a
  higher pitch; under a Piper voice, eSpeak NG in its language) when true.

Stdlib only: the settings and the TUI import this without the narration stack.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import Field, dataclass, field, fields
from typing import Any, TypeVar, cast

MIN_RATE, MAX_RATE = 0.5, 3.0
RATE_STEP = 0.25
"""One press of a faster/slower key, in the reader and in `reader speak`."""
VOLUME_STEP = 0.1
"""One press of a louder/quieter key."""
MAX_PAUSE_MS = 10_000

LIMITS = "limits"
"""Field metadata key: the inclusive `(low, high)` a number must lie in."""

T = TypeVar("T")


def limits(low: float, high: float) -> Mapping[str, tuple[float, float]]:
    """Metadata for a numeric field that must lie in `[low, high]`."""
    return {LIMITS: (low, high)}


@dataclass(frozen=True, slots=True)
class NarrationOptions:
    voice: str = ""
    """eSpeak NG voice identifier; empty follows the article's language."""
    rate: float = field(default=1.0, metadata=limits(MIN_RATE, MAX_RATE))
    volume: float = field(default=1.0, metadata=limits(0.0, 1.0))
    """Applied to the audio, in the reader and in exports."""
    paragraph_pause_ms: int = field(default=250, metadata=limits(0, MAX_PAUSE_MS))
    """Silence after each paragraph."""
    sentence_pause_ms: int = field(default=0, metadata=limits(0, MAX_PAUSE_MS))
    """Silence after each sentence within a paragraph."""
    read_captions: bool = False
    """Read image captions aloud (and in exports); by default they are only shown."""
    read_code: bool = False
    """Read code blocks aloud; by default narration passes over them, saying so once."""
    read_tables: bool = True
    """Read tables row by row; when false narration passes over them, saying so once."""
    quote_voice: bool = False
    """Read block quotes in another voice, so a quoted speaker sounds apart."""

    def __post_init__(self) -> None:
        """Out-of-range values are clamped, not refused: they come from a UI or a pipe
        (the settings file refuses them, with a line saying so)."""
        for option in fields(self):
            value = kind(option)(getattr(self, option.name))
            object.__setattr__(self, option.name, clamp(option, value))

    def pause_after(self, last_in_paragraph: bool) -> int:
        """Milliseconds of silence after a sentence (none after the article's last one is
        the caller's business)."""
        return self.paragraph_pause_ms if last_in_paragraph else self.sentence_pause_ms


def kind(option: Field[Any]) -> type[Any]:
    """The type of an option's (or a setting's) values: its default's."""
    return type(option.default)


def clamp(option: Field[Any], value: T) -> T:
    """`value` within the option's limits (a NaN becomes the default)."""
    bounds = option.metadata.get(LIMITS)
    if bounds is None or not isinstance(value, int | float) or isinstance(value, bool):
        return value
    if isinstance(value, float) and math.isnan(value):
        return cast(T, option.default)
    low, high = bounds
    return type(value)(max(low, min(high, value)))


def problem(option: Field[Any], value: object) -> str | None:
    """Why `value` cannot be this option (or setting), or None when it can: its type is the
    default's (an int serves for a float; a bool is no number) and it lies within limits."""
    try:
        number = typed(kind(option), value)
    except TypeError as error:
        return f"{option.name!r} {error}"
    bounds = option.metadata.get(LIMITS)
    if bounds is not None and not bounds[0] <= number <= bounds[1]:
        return f"{option.name!r} should be between {bounds[0]} and {bounds[1]}, not {value}"
    return None


def typed(kind: type[T], value: object) -> T:
    """`value` as a `kind` (bool, int, float or str) or TypeError saying what it should be."""
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        article = "an" if kind.__name__[0] in "aeiou" else "a"
        raise TypeError(f"should be {article} {kind.__name__}, not {value!r}")
    return value


def clamp_rate(rate: float) -> float:
    return max(MIN_RATE, min(MAX_RATE, rate))


def clamp_volume(volume: float) -> float:
    return max(0.0, min(1.0, float(volume)))


def step_rate(rate: float, steps: int) -> float:
    """`rate` moved by `steps` key presses, within limits and free of float dust."""
    return round(clamp_rate(rate + steps * RATE_STEP), 2)


def step_volume(volume: float, steps: int) -> float:
    """`volume` moved by `steps` key presses, within 0-1 and free of float dust."""
    return round(clamp_volume(volume + steps * VOLUME_STEP), 2)
