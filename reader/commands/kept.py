"""The commands on what the reader keeps: `reader history`, `highlights`, `queue`, `config`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from reader.commands.common import CommandError, line, print_json, say, user_store, warn

if TYPE_CHECKING:
    import argparse

QUEUED_BY_NAME = 5
"""`queue add` names up to this many sources, one a line; more are counted."""


def history(args: argparse.Namespace) -> int:
    with user_store() as store:
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
            print_json(record)
        else:
            title = line(document.title) or "(untitled)"
            print(f"{document.progress:>4.0%}  {title}  {line(document.source)}")
    return 0


def highlights(args: argparse.Namespace) -> int:
    from reader import highlights
    from reader.extract import canonical_source

    source = canonical_source(args.source) if args.source else None
    with user_store() as store:
        kept = store.highlights(source)
    if not kept and source:
        say(f"no highlights saved for {source}")
    if args.json:
        for highlight in kept:
            print_json(highlights.as_record(highlight))
    else:
        print(highlights.as_markdown(kept) if args.markdown else highlights.as_text(kept), end="")
    return 0


def queue(args: argparse.Namespace) -> int:
    if args.action == "add" and not args.sources:
        raise CommandError("queue add needs at least one SOURCE")
    with user_store() as store:
        if args.action == "add":
            from reader.extract import canonical_source
            from reader.extract.errors import BLANK_SOURCE

            if any(not source.strip() for source in args.sources):
                raise CommandError(BLANK_SOURCE)
            missing = [s for s in args.sources if "://" not in s and not Path(s).is_file()]
            if missing:
                raise CommandError(f"no such file: {missing[0]}")
            sources = [canonical_source(source) for source in args.sources]
            _say_queued(sources, store.queue_add(sources))
        elif args.action == "clear":
            store.queue_clear()
        sources = store.queue() if args.action == "list" else []
    for source in sources:
        print_json({"source": source}) if args.json else print(line(source))
    return 0


def _say_queued(given: list[str], added: list[str]) -> None:
    """What `queue add` did: a line per source, or a count for many."""
    if len(given) > QUEUED_BY_NAME:
        already = len(set(given)) - len(added)
        also = f" ({already} already queued)" if already else ""
        print(f"queued {len(added)} documents{also}")
        return
    for source in dict.fromkeys(given):
        print(line(f"{'queued' if source in added else 'already queued'}: {source}"))


def config(args: argparse.Namespace) -> int:
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
    warn(loaded.problem)
    return 0
