"""The narration of an article's body as an audio file (WAV, FLAC, Ogg Vorbis or MP3), and
optionally WebVTT captions: synthesis only, no audio device.

Sentences are rendered one at a time, as the narrator does (same speech text, same pauses,
volume and captions read or not: `options.NarrationOptions`), and written as they come, so
memory stays flat for a book and the file sounds like listening in the reader. Files are
written through soundfile (libsndfile; its wheel bundles the library, MP3 needs libsndfile
>= 1.1) in blocks of at most a second: libsndfile 1.2.2 crashes writing a minute or more of
Ogg Vorbis in one call.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any, BinaryIO

from reader.model import Article
from reader.narration.captions import Cue, cue, webvtt
from reader.narration.espeak import EngineUnavailable, EspeakSynthesizer
from reader.narration.options import readable_blocks, scale, silence
from reader.narration.speech import render
from reader.narration_options import NarrationOptions

Progress = Callable[[int, int], None]
"""Called with (paragraphs done, paragraphs in all)."""

FORMATS: dict[str, tuple[str, str]] = {
    ".wav": ("WAV", "PCM_16"),
    ".flac": ("FLAC", "PCM_16"),
    ".ogg": ("OGG", "VORBIS"),
    ".mp3": ("MP3", "MPEG_LAYER_III"),
}
"""File extension -> libsndfile (format, subtype)."""
CAPTIONS_SUFFIX = ".vtt"


class ExportError(Exception):
    """One line saying why the file could not be written."""


def supported_extensions() -> list[str]:
    """The extensions this machine's libsndfile can write (MP3 needs 1.1 or later)."""
    soundfile = _soundfile()
    formats = soundfile.available_formats()
    return [
        extension
        for extension, (name, subtype) in FORMATS.items()
        if name in formats and subtype in soundfile.available_subtypes(name)
    ]


def check_paths(path: Path, captions: Path | None = None) -> None:
    """Refuse, in one line, a file type this cannot write (before any work is done)."""
    supported = supported_extensions()
    if path.suffix.lower() not in supported:
        raise ExportError(
            f"cannot write {path.name}: the audio file must end in {', '.join(supported)}"
        )
    if captions is not None:
        if captions.suffix.lower() != CAPTIONS_SUFFIX:
            raise ExportError(f"cannot write {captions.name}: captions are WebVTT (.vtt) files")
        if captions.resolve() == path.resolve():
            raise ExportError("the captions and the audio must go to different files")


def export_audio(
    article: Article,
    path: Path,
    *,
    captions: Path | None = None,
    progress: Progress | None = None,
    options: NarrationOptions = NarrationOptions(),
) -> float:
    """Write the narration of the body (no title; image captions only with
    `options.read_captions`) to `path`, in the format its extension names, and WebVTT to
    `captions` if given; return seconds of audio."""
    check_paths(path, captions)
    body = [i for i in readable_blocks(article, options) if article.blocks[i].text.strip()]
    if not body:
        raise ExportError("nothing to read aloud: the article has no text")
    try:
        synth = EspeakSynthesizer(voice=options.voice, rate=options.rate, lang=article.lang)
    except (EngineUnavailable, ValueError) as error:
        raise ExportError(str(error)) from None
    soundfile = _soundfile()
    name, subtype = FORMATS[path.suffix.lower()]
    sample_rate = synth.sample_rate
    paragraph_pause = silence(sample_rate, options.paragraph_pause_ms)
    sentence_pause = silence(sample_rate, options.sentence_pause_ms)
    cues: list[Cue] = []
    frames = 0
    created: list[Path] = []
    try:
        with ExitStack() as files:
            audio = files.enter_context(_create(path, created))
            vtt = files.enter_context(_create(captions, created)) if captions else None
            out = files.enter_context(
                soundfile.SoundFile(audio, "w", sample_rate, 1, format=name, subtype=subtype)
            )
            for done, index in enumerate(body, 1):
                text = article.blocks[index].text
                spans = article.sentences(index)
                for number, span in enumerate(spans, 1):
                    sentence = text[span.start : span.end]
                    clip = render(synth, sentence)
                    cues.append(cue(frames, clip, sentence))
                    pcm = scale(clip.pcm, options.volume)
                    if number < len(spans):
                        pcm += sentence_pause
                    elif done < len(body):
                        pcm += paragraph_pause
                    _write(out, pcm, sample_rate)
                    frames += len(pcm) // 2
                if progress is not None:
                    progress(done, len(body))
            if vtt is not None:
                vtt.write(webvtt(cues).encode("utf-8"))
    except OSError as error:
        _remove(created)  # a partial file is worse than none
        failed = error.filename or path
        raise ExportError(f"cannot write {failed}: {error.strerror or error}") from None
    except soundfile.SoundFileError as error:
        _remove(created)
        raise ExportError(f"cannot write {path}: {error}") from None
    except BaseException:  # Ctrl-C, a failing engine: no half-written file either
        _remove(created)
        raise
    return frames / sample_rate


def _soundfile() -> Any:
    try:
        import soundfile
    except (OSError, ImportError) as error:  # the library ships in the wheel; a source build
        raise ExportError(f"cannot write audio files: {error}") from None
    return soundfile


def _create(path: Path, created: list[Path]) -> BinaryIO:
    file = path.open("wb")
    created.append(path)
    return file


def _write(out: Any, pcm: bytes, sample_rate: int) -> None:
    """Hand PCM to libsndfile a second at a time at most (see the module docstring)."""
    view = memoryview(pcm)
    block = 2 * sample_rate
    for start in range(0, len(view), block):
        out.buffer_write(view[start : start + block], dtype="int16")


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
