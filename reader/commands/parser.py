"""The command line's one argparse parser: the options of every command, their help.

The man page and the shell completions are read off it (`reader/cli_shell.py`), so they
cannot fall behind it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("reader")
    except PackageNotFoundError:
        return "unknown"


def _rate(text: str) -> float:
    import argparse

    from reader.narration_options import MAX_RATE, MIN_RATE

    try:
        rate = float(text.rstrip("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not MIN_RATE <= rate <= MAX_RATE:
        raise argparse.ArgumentTypeError(
            f"rate must be between {MIN_RATE:g} and {MAX_RATE:g} (times normal speed)"
        )
    return rate


def _jobs(text: str) -> int:
    import argparse

    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= jobs <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"jobs must be between 1 and {MAX_JOBS}")
    return jobs


MAX_JOBS = 256


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse
    from typing import NoReturn

    from reader.safe_text import sanitize_line

    class Parser(argparse.ArgumentParser):
        """A usage error is one line, as every other failure is: what is wrong and where
        the help is (argparse prints its usage block first); exit code 2."""

        def error(self, message: str) -> NoReturn:
            command = self.prog.removeprefix("reader").strip()
            where = f"{command}: " if command else ""
            said = sanitize_line(f"{where}{message} (see {self.prog} --help)")
            self.exit(2, f"reader: {said}\n")

    return Parser


def make_parser() -> argparse.ArgumentParser:

    parser = _parser_class()(
        prog="reader",
        description="Read articles in the terminal and listen to them, offline.",
        epilog="With no command: open SOURCE (a URL, an .html/.txt/.md/.epub file, or - for "
        "stdin) in the reader. With no SOURCE either: the library (what you read, where you "
        "stopped) when it holds documents, the bundled sample article when it is empty.",
    )
    parser.add_argument("--version", action="version", version=f"reader {_version()}")
    from reader.cli_shell import add_to, files

    add_to(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    extract = commands.add_parser(
        "extract",
        help="print the clean article",
        epilog="Several sources are cleaned side by side and written in the order given. A "
        "source that fails is one line on stderr (in JSON also an object with its error, in "
        "its place) and the others go on; the exit code is then 2. With stderr on a terminal "
        "and the output elsewhere, a progress bar. Ctrl-C stops at once (exit code 130): what "
        "was written is whole, one JSON object a line.",
    )
    source_help = "a URL, an .html/.txt/.md/.epub file, or - for stdin"
    files(extract.add_argument("sources", nargs="*", metavar="SOURCE", help=source_help))
    files(
        extract.add_argument(
            "--from",
            dest="source_list",
            metavar="FILE",
            help="also the sources listed in FILE (- for stdin), one a line; blank lines and "
            "lines starting with # are skipped",
        )
    )
    extract.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="clean in N processes (default: one per core)",
    )
    extract.add_argument(
        "-f",
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="plain text, Markdown, or one JSON object per source (default: text)",
    )
    extract.add_argument(
        "--raw",
        action="store_true",
        help="the whole text, nothing cleaned away (when cleaning left out too much; JSON "
        "says how much it left out in left_out_prose_chars)",
    )

    from reader.terminal.keys import help_epilog

    for name, help_text, epilog in (
        (
            "speak",
            "read the article aloud in this terminal",
            "It resumes where the last `reader speak` or the reader stopped, and keeps the "
            f"place as it goes. {help_epilog()}",
        ),
        (
            "export",
            "write the narration to an audio file",
            "the file's extension picks the format; links are read as their host, footnote "
            "markers and stray symbols are left out, as when listening",
        ),
    ):
        sub = commands.add_parser(name, help=help_text, epilog=epilog)
        files(sub.add_argument("source", metavar="SOURCE", help=source_help))
        sub.add_argument(
            "-r", "--rate", type=_rate, default=None, help="0.5 to 3 (default: the settings' rate)"
        )
        sub.add_argument("-v", "--voice", default=None, help="a voice from `reader voices`")
        if name == "speak":
            sub.add_argument(
                "--from-start",
                action="store_true",
                help="start at the beginning, not where listening stopped last time",
            )
        if name == "export":
            files(
                sub.add_argument(
                    "-o",
                    "--output",
                    required=True,
                    type=Path,
                    metavar="FILE",
                    help="a .wav, .flac, .ogg (Vorbis), .opus (Ogg Opus) or .mp3 file",
                )
            )
            files(
                sub.add_argument(
                    "--captions",
                    type=Path,
                    metavar="FILE.vtt",
                    help="also write WebVTT captions, timed by sentence and word",
                )
            )

    podcast = commands.add_parser(
        "podcast",
        help="render the queue (or SOURCEs) as a podcast: audio, transcripts, feed.xml",
        epilog="Run again, it renders only what is new or changed and keeps earlier episodes.",
    )
    files(podcast.add_argument("directory", type=Path, metavar="DIR", help="the podcast folder"))
    files(podcast.add_argument("sources", nargs="*", metavar="SOURCE", help=source_help))
    podcast.add_argument(
        "-f",
        "--format",
        choices=("ogg", "opus", "mp3"),
        default="ogg",
        help="ogg: Ogg Vorbis, opus: Ogg Opus (resampled to 24 kHz, smaller), mp3: MP3",
    )
    podcast.add_argument("--base-url", metavar="URL", help="where DIR is served: absolute links")
    podcast.add_argument("--title", default="reader", help="the podcast's title")
    podcast.add_argument("-r", "--rate", type=_rate, default=None, help="0.5 to 3")
    podcast.add_argument("-v", "--voice", default=None, help="a voice from `reader voices`")

    voices = commands.add_parser(
        "voices", help="list both speech engines' voices (eSpeak NG and Piper)"
    )
    voices.add_argument("--json", action="store_true", help="one JSON object per line")
    voices.add_argument(
        "--add",
        type=Path,
        metavar="FILE.onnx",
        help="copy a Piper voice (with its .onnx.json) into the voices folder, once it loads",
    )

    history = commands.add_parser("history", help="list the documents you opened, newest first")
    history.add_argument("--json", action="store_true", help="one JSON object per line")
    kept = commands.add_parser(
        "highlights",
        help="print the sentences kept with the reader's highlight key (m)",
        epilog="Each with the document's title and link, its place (paragraph and sentence) "
        "and note, and when it was saved.",
    )
    files(kept.add_argument("source", nargs="?", metavar="SOURCE", help="only this document's"))
    kind = kept.add_mutually_exclusive_group()
    kind.add_argument("--json", action="store_true", help="one JSON object per line")
    kind.add_argument("--markdown", action="store_true", help="a Markdown document")
    queue = commands.add_parser("queue", help="the listening queue: list, add, clear")
    queue.add_argument(
        "action",
        choices=("list", "add", "clear"),
        nargs="?",
        default="list",
        help="list the queue (default), add SOURCEs to its end, or empty it",
    )
    files(
        queue.add_argument("sources", nargs="*", metavar="SOURCE", help="for add: " + source_help)
    )
    queue.add_argument("--json", action="store_true", help="one JSON object per line")
    config = commands.add_parser("config", help="where the settings file is; edit it")
    config.add_argument("--path", action="store_true", help="print the settings file's path")
    config.add_argument("--edit", action="store_true", help="open it in $EDITOR")
    return parser
