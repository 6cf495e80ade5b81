"""The command line's conventions: a man page and shell completions made from the parser."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import COMMANDS

SHELLS = ("bash", "zsh", "fish")
ROFF_REQUESTS = {"TH", "SH", "SS", "TP", "PP", "nf", "fi", "br", "B"}


def reader(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def options_in_help(*command: str) -> set[str]:
    """The options `--help` lists for `command`: what the man page must list too."""
    options = reader(*command, "--help").split("options:", 1)[1]
    return set(re.findall(r"(?<![\w-])--?[a-z][a-z-]*", options))


def test_the_man_page_lists_every_command_and_option() -> None:
    page = reader("--print-man-page")
    text = page.replace("\\-", "-").replace("\\fB", " ").replace("\\fR", " ")
    sections = re.split(r"^\.SS ", text, flags=re.MULTILINE)
    named = {section.split("\n", 1)[0]: section for section in sections[1:]}
    assert set(named) == set(COMMANDS)
    assert options_in_help() <= set(re.findall(r"--?[a-z][a-z-]*", sections[0]))
    for command in COMMANDS:
        listed = set(re.findall(r"--?[a-z][a-z-]*", named[command]))
        missing = options_in_help(command) - {"-h", "--help"} - listed
        assert not missing, (command, missing)


def test_the_man_page_is_roff_that_man_reads() -> None:
    page = reader("--print-man-page")
    requests = {line[1:].split(" ", 1)[0] for line in page.splitlines() if line[:1] in ".'"}
    assert requests <= ROFF_REQUESTS  # no help text that starts with "." became a request
    assert page.startswith(".TH READER 1")
    if shutil.which("man") is None:
        return
    shown = subprocess.run(
        ["man", "-l", "-"], input=page, capture_output=True, text=True, check=True, timeout=30
    ).stdout
    assert "reader speak [-h] [-r RATE] [-v VOICE] [--from-start] SOURCE" in shown


@pytest.mark.parametrize("shell", SHELLS)
def test_each_shell_completes_every_command(shell: str) -> None:
    script = reader("--print-completion", shell)
    for command in COMMANDS:
        assert command in script
    assert "from-start" in script  # fish names it `-l from-start`
    if shutil.which(shell):
        subprocess.run([shell, "-n"], input=script, text=True, check=True, timeout=30)


def complete(script: str, *words: str) -> list[str]:
    """What bash offers for the last of `words`, with the script loaded."""
    line = " ".join(words)
    program = (
        f"{script}\n"
        f"COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; "
        f'COMP_LINE="{line}"; COMP_POINT=${{#COMP_LINE}}\n'
        "function=$(complete -p reader | sed 's/.*-F \\([^ ]*\\).*/\\1/')\n"
        '"$function" reader "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"\n'
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "--norc", "--noprofile"],
        input=program,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return result.stdout.split()


def test_bash_completes_commands_options_and_choices() -> None:
    script = reader("--print-completion", "bash")
    assert sorted(complete(script, "reader", "ex")) == ["export", "extract"]
    assert complete(script, "reader", "speak", "--from") == ["--from-start"]
    assert complete(script, "reader", "extract", "--format", "") == ["text", "markdown", "json"]


def test_fish_completes_commands_and_options(tmp_path: Path) -> None:
    if shutil.which("fish") is None:
        pytest.skip("fish is not installed")
    script = tmp_path / "reader.fish"
    script.write_text(reader("--print-completion", "fish"))
    asked = f'source {script}; complete -C "reader ex"; complete -C "reader speak --fr"'
    result = subprocess.run(
        ["fish", "--no-config", "-c", asked], capture_output=True, text=True, check=True, timeout=30
    )
    offered = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert offered == ["export", "extract", "--from-start"]
