"""What an export says, in order: every sentence of the body and, after a paragraph, the
notices the reader says there ("Table skipped.", `skipped`), each with the pause after it,
rendered a few at a time (`ahead`) and handed on in order."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from dataclasses import dataclass

from reader.model import Article, Block, BlockKind
from reader.narration.ahead import in_order
from reader.narration.engine import Clip, Synthesizer
from reader.narration.options import scale, silence, speaker
from reader.narration.skipped import notice, notice_language, passed_over
from reader.narration.speech import render
from reader.narration.voices import VoiceRouter
from reader.narration_options import NarrationOptions

MAX_WORKERS = 4
"""Sentences of a slow voice rendered at once, at most one per core (each adds about 100 MB
of model buffers)."""


def workers(synth: VoiceRouter) -> int:
    """How many sentences are rendered at once: one per core for a Piper voice."""
    return min(MAX_WORKERS, os.cpu_count() or 1) if synth.slow else 1


@dataclass(frozen=True, slots=True)
class Said:
    """A sentence of the body, or a notice said after one."""

    text: str
    done: int
    """Paragraphs of `body` done once it is written (0 within a paragraph)."""
    pause_ms: int
    """Silence after it."""
    block: Block | None = None
    """The block a sentence is of (who reads it: `options.speaker`); None for a notice."""


def said(article: Article, body: list[int], options: NarrationOptions) -> Iterator[Said]:
    """Every sentence of the `body` blocks, and after a paragraph the notices the reader
    says there ("Table skipped.", each kind once), each with the pause after it: the
    sentence pause within a paragraph, the paragraph pause after it, none at the end."""
    told: set[BlockKind] = set()
    language = ""
    for done, index in enumerate(body, 1):
        text = article.blocks[index].text
        end = body[done] if done < len(body) else len(article.blocks)
        kinds = passed_over(article.blocks[index + 1 : end], options, told)
        told.update(kinds)
        if kinds and not language:
            language = notice_language(options, article)
        spans = article.sentences(index)
        lines = [text[span.start : span.end] for span in spans]
        lines += [notice(kind, language) for kind in kinds]
        for number, line in enumerate(lines, 1):
            block = article.blocks[index] if number <= len(spans) else None
            if number < len(spans):
                yield Said(line, 0, options.sentence_pause_ms, block)
            elif number < len(lines) or done < len(body):
                finished = done if number == len(lines) else 0
                yield Said(line, finished, options.paragraph_pause_ms, block)
            else:
                yield Said(line, done, 0, block)


def rendered(
    article: Article,
    body: list[int],
    synth: Synthesizer,
    options: NarrationOptions,
    *,
    check: Callable[[], None] = lambda: None,
    workers: int = 1,
) -> Generator[tuple[int, str, Clip, bytes]]:
    """Every sentence of the `body` blocks and every notice, in order (`said`), as
    (paragraphs done once it is written, or 0 within a paragraph; its text; its clip; its
    PCM at the volume, with the pause after it), `workers` rendered at once. `check` is
    called before each is rendered and before each is handed on: it raises to stop."""

    def one(job: Said) -> Clip:
        check()
        return render(speaker(synth, options, job.block), job.text)

    with closing(in_order(said(article, body, options), one, workers)) as clips:
        for job, clip in clips:
            check()
            pcm = scale(clip.pcm, options.volume) + silence(synth.sample_rate, job.pause_ms)
            yield job.done, job.text, clip, pcm
