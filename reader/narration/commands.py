"""What the narrator tells its worker: the commands, one JSON object per line on its stdin.

Commands are small frozen dataclasses, like the events that come back (`events`), written
as `{"type": "Play", "block": 3, "sentence": 0}`. Reading is strict, because a line comes
from another process: an unknown type, a missing or unexpected field or a value of the wrong
type is a `CommandError` naming the problem (the worker reports it and carries on), never a
half-understood command. Every field must be given; numbers are clamped later, where the
article is known.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, is_dataclass
from typing import Any, TypeVar, get_type_hints

from reader.model import Article, article_from_dict
from reader.narration_options import NarrationOptions, typed


@dataclass(frozen=True, slots=True)
class Load:
    """Narrate `article` from now on, stopping what plays; or with `whole`, take it as the
    whole of the text whose beginning was loaded, and carry on without a break."""

    article: Article
    whole: bool


@dataclass(frozen=True, slots=True)
class Play:
    """Play from sentence `sentence` of block `block`."""

    block: int
    sentence: int


@dataclass(frozen=True, slots=True)
class Pause:
    pass


@dataclass(frozen=True, slots=True)
class Resume:
    pass


@dataclass(frozen=True, slots=True)
class Stop:
    pass


@dataclass(frozen=True, slots=True)
class Skip:
    """Jump by paragraphs or sentences while playing (negative goes back)."""

    blocks: int
    sentences: int


@dataclass(frozen=True, slots=True)
class Configure:
    """Replace all the narration options at once."""

    options: NarrationOptions


@dataclass(frozen=True, slots=True)
class Quit:
    pass


Command = Load | Play | Pause | Resume | Stop | Skip | Configure | Quit

_COMMAND_TYPES: dict[str, type[Command]] = {
    cls.__name__: cls for cls in (Load, Play, Pause, Resume, Stop, Skip, Configure, Quit)
}


T = TypeVar("T")


class CommandError(ValueError):
    """A line that is not a well-formed command; the message says what is wrong."""


def to_json(command: Command) -> str:
    data = {f.name: _encode(getattr(command, f.name)) for f in fields(command)}
    return json.dumps({"type": type(command).__name__, **data})


def from_json(line: str) -> Command:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise CommandError(f"not JSON: {error}") from None
    if not isinstance(data, dict):
        raise CommandError(f"a command is a JSON object, not {type(data).__name__}")
    name = data.pop("type", None)
    if name is None:
        known = ", ".join(_COMMAND_TYPES)
        raise CommandError(f"a command needs a 'type' ({known}), not only {sorted(data)}")
    cls = _COMMAND_TYPES.get(name) if isinstance(name, str) else None
    if cls is None:
        raise CommandError(f"unknown command {name!r}")
    return _decode(cls, data, name)


def options_to_json(options: NarrationOptions) -> str:
    """The options as the worker's `--options` takes them."""
    return json.dumps(_encode(options))


def options_from_json(text: str) -> NarrationOptions:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(f"options are not JSON: {error}") from None
    return _decode(NarrationOptions, data, "options")


def _encode(value: object) -> object:
    if isinstance(value, Article):
        return value.to_dict()
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return value


def _decode(cls: type[T], data: object, where: str) -> T:
    """An instance of the dataclass `cls` from `data`, with every field and nothing else."""
    if not isinstance(data, dict):
        raise CommandError(f"{where} should be an object, not {data!r}")
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    unexpected = sorted(set(data) - set(names))
    if unexpected:
        raise CommandError(f"{where}: unexpected field {unexpected[0]!r}")
    hints = get_type_hints(cls)
    values: dict[str, Any] = {}
    for option in fields(cls):  # type: ignore[arg-type]
        if option.name not in data:
            raise CommandError(f"{where}: missing field {option.name!r}")
        value, hint = data[option.name], hints[option.name]
        place = f"{where}.{option.name}"
        if hint is Article:
            values[option.name] = _article(value, place)
        elif isinstance(hint, type) and is_dataclass(hint):
            values[option.name] = _decode(hint, value, place)
        else:
            try:
                values[option.name] = typed(hint, value)
            except TypeError as error:
                raise CommandError(f"{place} {error}") from None
    return cls(**values)


def _article(data: object, where: str) -> Article:
    try:
        article = article_from_dict(data)  # type: ignore[arg-type]
        if all(isinstance(b.text, str) for b in article.blocks) and isinstance(article.title, str):
            return article
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise CommandError(f"{where} is not an article ({type(error).__name__}: {error})") from None
    raise CommandError(f"{where} is not an article (a text is not a string)")
