"""`reader --print-man-page` and `--print-completion SHELL`: the man page and the shell
completions, both made from the one argparse parser, so neither can fall behind it.

The completions come from shtab; the man page is written here, in roff: a few dozen lines
read the parser as shtab does, where argparse-manpage would be one more dependency (and
one more build step) for the same page.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator, Sequence
from typing import Any

import shtab


def add_to(parser: argparse.ArgumentParser) -> None:
    """Give `parser` the two options; each prints its text and exits."""
    shtab.add_argument_to(
        parser, ["--print-completion"], help="print the completion script for a shell, e.g. bash"
    )
    parser.add_argument(
        "--print-man-page", action=_PrintManPage, help="print the man page (roff) and exit"
    )


def files(action: argparse.Action) -> argparse.Action:
    """Complete `action`'s value with file names (shtab reads the `complete` attribute)."""
    action.complete = shtab.FILE  # type: ignore[attr-defined]
    return action


class _PrintManPage(argparse.Action):
    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(man_page(parser), end="")
        parser.exit()


def man_page(parser: argparse.ArgumentParser) -> str:
    """The parser as a man page (section 1): synopsis, description, every command and
    every option with its help."""
    name = parser.prog
    lines = [
        f'.TH {name.upper()} 1 "" "{name}" "User Commands"',
        ".SH NAME",
        f"{name} \\- {_roff(parser.description or '')}",
        ".SH SYNOPSIS",
        f".B {name}",
        "[\\fISOURCE\\fR]",
        ".br",
        f".B {name}",
        "\\fICOMMAND\\fR [\\fIOPTIONS\\fR]",
        ".SH DESCRIPTION",
        _roff(parser.description or ""),
    ]
    if parser.epilog:
        lines += [".PP", _roff(parser.epilog)]
    lines += [".SH OPTIONS", *_options(parser, with_help=True)]
    commands = list(_commands(parser))
    if commands:
        lines.append(".SH COMMANDS")
    for command, helped, sub in commands:
        usage = sub.format_usage().removeprefix("usage: ").strip()
        lines += [".SS " + _roff(command), _roff(helped), ".PP", ".nf", _roff(usage), ".fi"]
        if sub.epilog:
            lines += [".PP", _roff(sub.epilog)]
        lines += _options(sub)
    return "\n".join(lines) + "\n"


def _options(parser: argparse.ArgumentParser, *, with_help: bool = False) -> Iterator[str]:
    """Each argument of `parser`; `-h` only where asked (every command has it)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
            continue
        if isinstance(action, argparse._HelpAction) and not with_help:
            continue
        if action.option_strings:
            shown = ", ".join(f"\\fB{_roff(o)}\\fR" for o in action.option_strings)
            if action.nargs != 0:
                shown += " \\fI" + _roff(_metavar(action)) + "\\fR"
        else:
            shown = "\\fI" + _roff(_metavar(action)) + "\\fR"
        yield ".TP"
        yield shown
        yield _roff(_help(parser, action))


def _commands(
    parser: argparse.ArgumentParser,
) -> Iterator[tuple[str, str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for command, sub in action.choices.items():
                yield command, helps.get(command, ""), sub


def _metavar(action: argparse.Action) -> str:
    if isinstance(action.metavar, str):
        return action.metavar
    if action.choices is not None:
        return "{" + ",".join(str(choice) for choice in action.choices) + "}"
    return action.dest.upper() if action.option_strings else action.dest


def _help(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    """The option's help as `--help` shows it (with %(default)s and the like filled in)."""
    if not action.help or "%" not in action.help:
        return action.help or ""
    return parser._get_formatter()._expand_help(action)


def _roff(text: str) -> str:
    """Text safe in roff: backslashes and hyphens escaped, no line starting a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = re.sub(r"\s*\n\s*", " ", text)
    return re.sub(r"^([.'])", r"\\&\1", text)
