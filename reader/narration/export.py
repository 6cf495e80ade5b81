"""The narration of an article's body as a WAV file: synthesis only, no audio device.

Sentences are rendered one at a time, as the narrator does, and written as they come, so
memory stays flat for a book and the file sounds like listening in the reader.
"""

from __future__ import annotations

import wave
from collections.abc import Callable
from pathlib import Path

from reader.model import Article
from reader.narration.espeak import EngineUnavailable, EspeakSynthesizer
from reader.narration.session import PARAGRAPH_PAUSE

Progress = Callable[[int, int], None]
"""Called with (paragraphs done, paragraphs in all)."""


class ExportError(Exception):
    """One line saying why the file could not be written."""


def export_wav(
    article: Article,
    path: Path,
    *,
    voice: str | None = None,
    rate: float = 1.0,
    progress: Progress | None = None,
) -> float:
    """Write the narration of the body (no title, no captions) to `path`; return seconds."""
    body = [i for i, b in enumerate(article.blocks) if b.is_body and b.text.strip()]
    if not body:
        raise ExportError("nothing to read aloud: the article has no text")
    try:
        synth = EspeakSynthesizer(voice=voice, rate=rate, lang=article.lang)
    except (EngineUnavailable, ValueError) as error:
        raise ExportError(str(error)) from None
    pause = bytes(2 * round(synth.sample_rate * PARAGRAPH_PAUSE))
    frames = 0
    try:
        with path.open("wb") as file, wave.open(file, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(synth.sample_rate)
            for done, index in enumerate(body, 1):
                text = article.blocks[index].text
                for span in article.sentences(index):
                    clip = synth.synthesize(text[span.start : span.end])
                    out.writeframes(clip.pcm)
                    frames += clip.frames
                if done < len(body):
                    out.writeframes(pause)
                    frames += len(pause) // 2
                if progress is not None:
                    progress(done, len(body))
    except OSError as error:
        if frames:  # a partial file is worse than none
            path.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    return frames / synth.sample_rate
