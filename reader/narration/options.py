"""How the narration options (`reader.narration_options`) shape the audio: which blocks are
read, the silence of a pause, the volume applied to samples. Shared by the worker's session
and the export, so that listening and exporting sound the same."""

from __future__ import annotations

from typing import cast

from reader.model import Article, Block, BlockKind
from reader.narration.engine import Synthesizer
from reader.narration_options import NarrationOptions


def reads(options: NarrationOptions, block: Block) -> bool:
    """Whether narration reads this block (captions and code only when asked to, tables
    unless asked not to)."""
    if block.kind is BlockKind.CODE:
        return options.read_code
    if block.kind is BlockKind.TABLE:
        return options.read_tables
    return block.is_body or options.read_captions


def readable_blocks(article: Article, options: NarrationOptions) -> list[int]:
    """The blocks narration reads, in order."""
    return [i for i, block in enumerate(article.blocks) if reads(options, block)]


def narrated_blocks(article: Article, options: NarrationOptions) -> list[int]:
    """The blocks narration says, in order: those it reads that hold words (what an
    export's progress counts as paragraphs; none at all: `nothing_to_read`)."""
    return [i for i in readable_blocks(article, options) if article.blocks[i].text.strip()]


SKIPPED_SETTINGS = {
    BlockKind.CODE: ("code blocks", "read_code"),
    BlockKind.TABLE: ("tables", "read_tables"),
}


def nothing_to_read(article: Article, options: NarrationOptions) -> str:
    """The line said when narration finds nothing to read: what the article holds that
    the options skip, and the setting that reads it (S in the reader sets them too)."""
    skipped: list[tuple[str, str]] = []
    for block in article.blocks:
        if not block.text.strip() or reads(options, block):
            continue
        kind = SKIPPED_SETTINGS.get(block.kind, ("captions", "read_captions"))
        if kind not in skipped:
            skipped.append(kind)
    if not skipped:
        return "nothing to read aloud: the article has no text"
    what = " and ".join(name for name, _ in skipped)
    settings = ", ".join(f"{setting} = true" for _, setting in skipped)
    return (
        f"nothing to read aloud: the article holds only {what}, which narration skips; "
        f"{settings} in the settings (or S in the reader) reads them"
    )


def speaker(synth: Synthesizer, options: NarrationOptions, block: Block | None) -> Synthesizer:
    """Who reads `block`: the voice, or for a block quote with `quote_voice` its other voice
    (`VoiceRouter.quoting`; a synthesizer without one reads quotes itself)."""
    if options.quote_voice and block is not None and block.kind is BlockKind.QUOTE:
        quoting = getattr(synth, "quoting", None)
        if quoting is not None:
            return cast(Synthesizer, quoting())
    return synth


def silence(sample_rate: int, ms: int) -> bytes:
    """`ms` of int16 mono silence."""
    return bytes(2 * round(sample_rate * ms / 1000))


def scale(pcm: bytes, volume: float) -> bytes:
    """int16 PCM with every sample multiplied by `volume` (0.0-1.0)."""
    if volume >= 1.0:
        return pcm
    import numpy

    samples = numpy.frombuffer(pcm, dtype=numpy.int16)
    return (samples * volume).astype(numpy.int16).tobytes()
