"""Command line: `reader [SOURCE]` opens the TUI; subcommands use the same core without it.

Every failure a user can cause ends in one line on stderr and exit code 2, never a
traceback. Heavy modules (Textual, readability, the narration stack) are imported inside the
command that needs them, so `reader extract` does not pay for the TUI and vice versa.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from reader import settings
    from reader.model import Article
    from reader.narration_options import NarrationOptions
    from reader.store import Store

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
QUEUED_BY_NAME = 5
"""`queue add` names up to this many sources, one a line; more are counted."""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("reader")
    except PackageNotFoundError:
        return "unknown"


class CommandError(Exception):
    """A one-line, user-facing failure of a command."""


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


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
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

    extract = commands.add_parser("extract", help="print the clean article")
    source_help = "a URL, an .html/.txt/.md/.epub file, or - for stdin"
    files(extract.add_argument("sources", nargs="+", metavar="SOURCE", help=source_help))
    extract.add_argument(
        "-f",
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="plain text, Markdown, or one JSON object per source (default: text)",
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


def _load(source: str) -> Article:
    from reader.extract import ExtractionError, load

    try:
        return load(source)
    except ExtractionError as error:
        raise CommandError(str(error)) from None


def _extract(args: argparse.Namespace) -> int:
    from reader.extract import ExtractionError, load

    failed = False
    for source in args.sources:
        try:
            article = load(source)
        except ExtractionError as error:
            failed = True
            if args.format == "json":
                _print_json({"source": source, "error": str(error)})
            else:
                _say(str(error))
            continue
        if args.format == "json":
            _print_json(article.to_dict())
        elif args.format == "markdown":
            print(article.to_markdown())
        else:
            print(article.to_plain_text())
    return EXIT_USAGE if failed else 0


def _speak(args: argparse.Namespace) -> int:
    from reader import settings
    from reader.terminal.speak import speak

    loaded = settings.load()
    _warn(loaded.problem)
    article = _load(args.source)
    keys = sys.stdin if sys.stdin is not None and sys.stdin.isatty() else None
    with _user_store() as store:
        return speak(
            article,
            out=sys.stdout,
            keys=keys,
            options=_narration(args, loaded.settings),
            store=store,
            from_start=args.from_start,
        )


def _export(args: argparse.Namespace) -> int:
    from reader import settings
    from reader.narration.export import ExportError, ExportStopped, check_paths, export_audio
    from reader.terminal.interrupt import interrupt_requested
    from reader.terminal.progress import export_progress

    loaded = settings.load()
    _warn(loaded.problem)
    try:
        check_paths(args.output, args.captions)
        article = _load(args.source)
        with interrupt_requested() as stop, export_progress(sys.stderr) as progress:
            seconds = export_audio(
                article,
                args.output,
                captions=args.captions,
                progress=progress,
                options=_narration(args, loaded.settings),
                stop=stop,
                on_warning=_warn,
            )
    except ExportError as error:
        raise CommandError(str(error)) from None
    except ExportStopped:
        kept = f"; {args.output} is as it was" if args.output.exists() else ""
        _say(f"stopped: the unfinished export was removed{kept}")
        return EXIT_INTERRUPTED
    also = f" and {args.captions}" if args.captions else ""
    print(_line(f"wrote {args.output}{also} ({seconds:.1f} s of audio)"), file=sys.stderr)
    return 0


def _podcast(args: argparse.Namespace) -> int:
    from reader import settings
    from reader.extract import load
    from reader.narration.export import ExportStopped
    from reader.podcast.render import PodcastError, render_podcast
    from reader.terminal.interrupt import interrupt_requested
    from reader.terminal.progress import episode_progress

    if args.base_url and not args.base_url.startswith(("http://", "https://")):
        raise CommandError(f"--base-url must start with http:// or https://: {args.base_url}")
    loaded = settings.load()
    _warn(loaded.problem)
    sources = list(args.sources)
    if not sources:
        with _user_store() as store:
            sources = store.queue()
    if not sources:
        raise CommandError("the queue is empty: add to it (reader queue add) or give SOURCEs")
    try:
        with interrupt_requested() as stop:
            done = render_podcast(
                args.directory,
                sources,
                load,
                extension="." + args.format,
                title=args.title,
                base_url=args.base_url,
                options=_narration(args, loaded.settings),
                progress_for=lambda line: episode_progress(sys.stderr, line),
                say=_say,
                stop=stop,
            )
    except PodcastError as error:
        raise CommandError(str(error)) from None
    except ExportStopped:
        _say(f"stopped: {args.directory / 'feed.xml'} lists the episodes finished so far")
        return EXIT_INTERRUPTED
    _say(f"{args.directory / 'feed.xml'}: {done.rendered} rendered, {done.unchanged} unchanged")
    return 0 if done.rendered or done.unchanged else EXIT_USAGE


def _narration(args: argparse.Namespace, chosen: settings.Settings) -> NarrationOptions:
    """The settings file's narration options, with --voice and --rate given priority."""
    from dataclasses import replace

    return replace(
        chosen.narration,
        voice=args.voice or chosen.narration.voice,
        rate=args.rate or chosen.narration.rate,
    )


def _voices(args: argparse.Namespace) -> int:
    from reader.voices_command import VoiceCommandError, add_command, list_command

    try:
        return add_command(args.add) if args.add else list_command(args.json)
    except VoiceCommandError as error:
        raise CommandError(str(error)) from None


def _history(args: argparse.Namespace) -> int:
    with _user_store() as store:
        documents = store.history()
    for document in documents:
        if args.json:
            record = {
                "source": document.source,
                "title": document.title,
                "site": document.site,
                "progress": round(document.progress, 3),
                "finished": document.finished,
                "opened_at": document.opened_at,
            }
            _print_json(record)
        else:
            title = _line(document.title) or "(untitled)"
            print(f"{document.progress:>4.0%}  {title}  {_line(document.source)}")
    return 0


def _highlights(args: argparse.Namespace) -> int:
    from reader import highlights
    from reader.extract import canonical_source

    source = canonical_source(args.source) if args.source else None
    with _user_store() as store:
        kept = store.highlights(source)
    if not kept and source:
        _say(f"no highlights saved for {source}")
    if args.json:
        for highlight in kept:
            _print_json(highlights.as_record(highlight))
    else:
        print(highlights.as_markdown(kept) if args.markdown else highlights.as_text(kept), end="")
    return 0


def _queue(args: argparse.Namespace) -> int:
    if args.action == "add" and not args.sources:
        raise CommandError("queue add needs at least one SOURCE")
    with _user_store() as store:
        if args.action == "add":
            from reader.extract import canonical_source

            missing = [s for s in args.sources if "://" not in s and not Path(s).is_file()]
            if missing:
                raise CommandError(f"no such file: {missing[0]}")
            sources = [canonical_source(source) for source in args.sources]
            _say_queued(sources, store.queue_add(sources))
        elif args.action == "clear":
            store.queue_clear()
        sources = store.queue() if args.action == "list" else []
    for source in sources:
        _print_json({"source": source}) if args.json else print(_line(source))
    return 0


def _say_queued(given: list[str], added: list[str]) -> None:
    """What `queue add` did: a line per source, or a count for many."""
    if len(given) > QUEUED_BY_NAME:
        already = len(set(given)) - len(added)
        also = f" ({already} already queued)" if already else ""
        print(f"queued {len(added)} documents{also}")
        return
    for source in dict.fromkeys(given):
        print(_line(f"{'queued' if source in added else 'already queued'}: {source}"))


def _config(args: argparse.Namespace) -> int:
    from reader import settings

    loaded = settings.load()
    if args.edit:
        import shlex
        import subprocess

        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        try:
            if not loaded.path.exists():
                settings.save(loaded.settings, loaded.path)
        except OSError as error:
            raise CommandError(f"cannot create {loaded.path}: {error.strerror}") from None
        try:
            return subprocess.call([*shlex.split(editor), str(loaded.path)])
        except ValueError as error:
            raise CommandError(f"cannot read the editor command {editor!r}: {error}") from None
        except OSError as error:
            raise CommandError(f"cannot start the editor {editor!r}: {error.strerror}") from None
    print(loaded.path)
    _warn(loaded.problem)
    return 0


@contextmanager
def _user_store() -> Iterator[Store]:
    """The reading state, closed after use; its warning (set at open, or by the first
    statement to find the file damaged) is printed once, at the end."""
    from reader.store import Store

    store = Store.open()
    try:
        yield store
    finally:
        store.close()
        _warn(store.warning)


def _print_json(record: Mapping[str, object]) -> None:
    """One JSON object per line: what every --json output prints. Strings stay exact, but
    what a terminal would obey (C1 controls, bidi controls; JSON escapes C0 itself) is
    written as a `\\uXXXX` escape, so the line is inert on a terminal and decodes the same."""
    from reader.safe_text import sanitize

    line = json.dumps(record, ensure_ascii=False)
    if sanitize(line) != line:
        line = "".join(c if sanitize(c) == c else f"\\u{ord(c):04x}" for c in line)
    print(line)


def _line(text: str) -> str:
    """Text from outside (a stored source, a title, a settings value) fit for one line of
    the terminal."""
    from reader.safe_text import sanitize_line

    return sanitize_line(text)


def _say(message: str) -> None:
    """The one way a command reports on stderr: `reader: ...`, one inert line."""
    print(f"reader: {_line(message)}", file=sys.stderr)


def _warn(problem: str | None) -> None:
    if problem:
        _say(f"warning: {problem}")


def _open_reader(source: str | None) -> int:
    """Open the TUI. A local file is extracted first, here, so a bad one fails like every
    other command (one line, exit 2) and a good one is in the app's very first frame;
    URLs and stdin load inside the app, which shows what happens."""
    preload = None
    if source and source != "-" and "://" not in source:
        from reader.extract import canonical_source
        from reader.preload import extract_beside

        source = canonical_source(source)
        preload = extract_beside(source)
    stdin_data = _take_stdin() if source == "-" else None
    from reader.extract.errors import ExtractionError
    from reader.tui.app import ReaderApp

    try:
        article = preload.first() if preload else None
    except ExtractionError as error:
        raise CommandError(str(error)) from None

    rest = preload.rest if preload and preload.partial else None
    app = ReaderApp(source, stdin_data=stdin_data, article=article, rest=rest, open_state=True)
    app.run()
    return app.return_code or 0


def _take_stdin() -> bytes:
    """Read the piped article (up to the size cap), then give the terminal back to stdin
    for the keyboard."""
    from reader.extract.errors import ExtractionError
    from reader.extract.limits import MAX_BYTES
    from reader.extract.local import read_capped

    try:
        data = read_capped(sys.stdin.buffer, MAX_BYTES, "standard input")
    except ExtractionError as error:
        raise CommandError(str(error)) from None
    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise CommandError("reading from a pipe needs a terminal for the keys") from None
    os.dup2(tty, 0)
    os.close(tty)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 - fd 0 lives as long as the process
    return data


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "extract": _extract,
    "speak": _speak,
    "export": _export,
    "podcast": _podcast,
    "voices": _voices,
    "history": _history,
    "highlights": _highlights,
    "queue": _queue,
    "config": _config,
}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments and arguments[0] in COMMANDS:
            args = _parser().parse_args(arguments)
            return COMMANDS[args.command](args)
        if arguments and arguments[0].startswith("-") and arguments[0] != "-":
            _parser().parse_args(arguments)  # --help, --version, or a usage error (exit 2)
        if len(arguments) > 1:
            raise CommandError("give one SOURCE to read, or a command first (see reader --help)")
        return _open_reader(arguments[0] if arguments else None)
    except CommandError as error:
        _say(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()  # `reader extract ... | head`: the reader went away, not an error
        return 0
    except Exception as error:
        _say(f"internal error: {error.__class__.__name__}: {error}")
        _say("please report it, with the command that caused it")
        return 1
