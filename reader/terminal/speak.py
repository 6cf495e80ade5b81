"""`reader speak`: narration in a plain terminal, each paragraph printed as it is heard.

When stdin is a terminal, keys drive it (`keys`); otherwise (pipes, tests) it just plays.
Given the store, it keeps the place as the reader does: the document goes into the history,
each sentence heard is saved as the position (so `kill -9` loses at most that sentence),
the next `reader speak` resumes there, and the end marks the document finished.
"""

from __future__ import annotations

import queue
import sys
import textwrap
from typing import TextIO

from reader.model import Article, Position
from reader.narration.events import (
    EngineReady,
    Finished,
    NarrationError,
    NarrationEvent,
    NarrationWarning,
    SentenceStarted,
)
from reader.narration.narrator import Narrator
from reader.narration.options import nothing_to_read, readable_blocks
from reader.narration_options import NarrationOptions
from reader.safe_text import sanitize_line
from reader.store import Document, Store
from reader.terminal.keys import HELP, Command, Controls, Key, listening
from reader.terminal.remote import media_player

EXIT_INTERRUPTED = 130
EXIT_UNAVAILABLE = 2
WIDTH = 80


def speak(
    article: Article,
    *,
    out: TextIO,
    keys: TextIO | None = None,
    options: NarrationOptions = NarrationOptions(),
    store: Store | None = None,
    from_start: bool = False,
) -> int:
    """Narrate `article`; 0 at the end or on `q`, 130 on Ctrl-C, 2 without audio device or
    engine. With `keys` (a terminal), keys drive the narration (see `keys.HELP`); `options`
    set the voice, rate, volume, pauses and whether captions are read. With `store`, the
    place is kept and resumed (unless `from_start`); piped text has no name to keep it by."""
    readable = readable_blocks(article, options)
    if not readable:
        print(f"reader: {nothing_to_read(article, options)}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    if article.source == "-":
        store = None
    start = Position(readable[0])
    if store is not None:
        resumed = _resume_point(article, store.remember(article), readable)
        if resumed is not None and not from_start:
            start = resumed
            paragraph = readable.index(resumed.block) + 1
            print(
                f"resuming at paragraph {paragraph} of {len(readable)} "
                "(--from-start to start over)",
                file=sys.stderr,
            )
    inbox: queue.Queue[NarrationEvent | Key | Command] = queue.Queue()
    narrator = Narrator(inbox.put, options)
    try:
        with listening(keys, inbox.put) as reading:
            controls = Controls(narrator, options, sys.stderr)  # keys and the media player
            controls.position = start
            if reading:
                print(HELP, file=sys.stderr, flush=True)
            narrator.start()
            narrator.load(article)
            narrator.play(start)
            with media_player(controls, article, inbox.put):
                return _follow(article, inbox, out, controls, store)
    except KeyboardInterrupt:
        narrator.stop()
        return EXIT_INTERRUPTED
    finally:
        narrator.close()


def _resume_point(article: Article, document: Document, readable: list[int]) -> Position | None:
    """Where listening stopped last time, if past the start and not at the end."""
    position = document.position
    if document.finished or position.block not in readable:
        return None
    if position.sentence >= len(article.sentences(position.block)):
        position = Position(position.block)
    return position if (position.block, position.sentence) > (readable[0], 0) else None


def _follow(
    article: Article,
    inbox: queue.Queue[NarrationEvent | Key | Command],
    out: TextIO,
    controls: Controls | None,
    store: Store | None,
) -> int:
    printed = -1
    while True:
        try:
            event = inbox.get(timeout=0.25)  # a timeout keeps Ctrl-C responsive everywhere
        except queue.Empty:
            if controls is not None and controls.time_to_sleep(None):
                return 0
            continue
        if isinstance(event, Key | Command):
            if controls is not None and not controls.take(event):
                return 0
            continue
        if controls is not None:
            controls.note(event)
            if controls.time_to_sleep(event):
                return 0
        match event:
            case EngineReady(audio_error=str(problem)):
                print(f"reader: {sanitize_line(problem)}", file=sys.stderr)
                return EXIT_UNAVAILABLE
            case SentenceStarted(block=block, sentence=sentence):
                if store is not None:
                    start = article.sentences(block)[sentence].start
                    store.save_position(article.source, Position(block, sentence, start))
                if block != printed:
                    if printed < 0 and article.title:
                        print(article.title, file=out, flush=True)
                    printed = block
                    text = textwrap.fill(article.blocks[block].text, WIDTH)
                    print(f"\n{text}", file=out, flush=True)
            case Finished():
                if store is not None:
                    store.mark_finished(article.source)
                return 0
            case NarrationWarning(message=message):
                print(f"reader: warning: {sanitize_line(message)}", file=sys.stderr)
            case NarrationError(message=message):
                print(f"reader: {sanitize_line(message)}", file=sys.stderr)
                return EXIT_UNAVAILABLE if printed < 0 else 1
            case _:
                pass
