"""The commands that make sound: `reader speak`, `export`, `podcast`, `voices`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from reader.commands.common import (
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    CommandError,
    line,
    say,
    user_store,
    warn,
)

if TYPE_CHECKING:
    import argparse

    from reader import settings
    from reader.model import Article
    from reader.narration_options import NarrationOptions


def _article(source: str) -> Article:
    from reader.extract import ExtractionError, load

    try:
        return load(source)
    except ExtractionError as error:
        raise CommandError(str(error)) from None


def speak(args: argparse.Namespace) -> int:
    from reader import settings
    from reader.terminal.speak import speak

    loaded = settings.load()
    warn(loaded.problem)
    article = _article(args.source)
    keys = sys.stdin if sys.stdin is not None and sys.stdin.isatty() else None
    with user_store() as store:
        return speak(
            article,
            out=sys.stdout,
            keys=keys,
            options=_narration(args, loaded.settings),
            store=store,
            from_start=args.from_start,
        )


def export(args: argparse.Namespace) -> int:
    from reader import settings
    from reader.narration.export import ExportError, ExportStopped, check_paths, export_audio
    from reader.terminal.interrupt import interrupt_requested
    from reader.terminal.progress import export_progress

    loaded = settings.load()
    warn(loaded.problem)
    try:
        check_paths(args.output, args.captions)
        article = _article(args.source)
        with interrupt_requested() as stop, export_progress(sys.stderr) as progress:
            seconds = export_audio(
                article,
                args.output,
                captions=args.captions,
                progress=progress,
                options=_narration(args, loaded.settings),
                stop=stop,
                on_warning=warn,
            )
    except ExportError as error:
        raise CommandError(str(error)) from None
    except ExportStopped:
        kept = f"; {args.output} is as it was" if args.output.exists() else ""
        say(f"stopped: the unfinished export was removed{kept}")
        return EXIT_INTERRUPTED
    also = f" and {args.captions}" if args.captions else ""
    print(line(f"wrote {args.output}{also} ({seconds:.1f} s of audio)"), file=sys.stderr)
    return 0


def podcast(args: argparse.Namespace) -> int:
    from reader import settings
    from reader.extract import load
    from reader.narration.export import ExportStopped
    from reader.podcast.render import PodcastError, render_podcast
    from reader.terminal.interrupt import interrupt_requested
    from reader.terminal.progress import episode_progress

    if args.base_url and not args.base_url.startswith(("http://", "https://")):
        raise CommandError(f"--base-url must start with http:// or https://: {args.base_url}")
    loaded = settings.load()
    warn(loaded.problem)
    sources = list(args.sources)
    if not sources:
        with user_store() as store:
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
                progress_for=lambda title: episode_progress(sys.stderr, title),
                say=say,
                stop=stop,
            )
    except PodcastError as error:
        raise CommandError(str(error)) from None
    except ExportStopped:
        say(f"stopped: {args.directory / 'feed.xml'} lists the episodes finished so far")
        return EXIT_INTERRUPTED
    say(f"{args.directory / 'feed.xml'}: {done.rendered} rendered, {done.unchanged} unchanged")
    return 0 if done.rendered or done.unchanged else EXIT_USAGE


def _narration(args: argparse.Namespace, chosen: settings.Settings) -> NarrationOptions:
    """The settings file's narration options, with --voice and --rate given priority."""
    from dataclasses import replace

    return replace(
        chosen.narration,
        voice=args.voice or chosen.narration.voice,
        rate=args.rate or chosen.narration.rate,
    )


def voices(args: argparse.Namespace) -> int:
    from reader.voices_command import VoiceCommandError, add_command, list_command

    try:
        return add_command(args.add) if args.add else list_command(args.json)
    except VoiceCommandError as error:
        raise CommandError(str(error)) from None
