"""The narration of an article's body as an audio file (WAV, FLAC, Ogg Vorbis, Ogg Opus or
MP3), and optionally WebVTT captions: synthesis only, no audio device.

Sentences are rendered as the narrator renders them (same speech text, same pauses, volume,
blocks read or not, voices, and the same "Table skipped." where the reader says it:
`options`, `skipped`; in order: `export_script`), and written in order as they come, so
memory stays flat for a book and the file sounds like listening in the reader. A Piper
voice is loaded for speed (`batch`) and renders a few sentences ahead on every core
(`ahead`); eSpeak NG, one engine per process and fast, renders one at a time. Files are
written through soundfile (libsndfile; its wheel bundles the library, MP3 needs libsndfile
>= 1.1) in blocks of at most a second: libsndfile 1.2.2 crashes writing a minute or more of
Ogg Vorbis in one call. Opus takes only some sample rates: the voice's audio is resampled
to the nearest one above it (`resample`; times in the captions do not move). An article with
headings gets chapters at them inside the file where its format has a place for them (Ogg,
MP3, FLAC: `chapter_tags`). Each file appears whole or not at all (`output_file`).

The export can be stopped between sentences (`stop`, set on Ctrl-C by the command line:
a KeyboardInterrupt raised inside libsndfile's callbacks would be printed and ignored).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import ExitStack, closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reader.model import Article, BlockKind
from reader.narration.captions import Cue, cue, webvtt
from reader.narration.chapter_tags import embed, embeds
from reader.narration.chapters import Chapter, chapters
from reader.narration.engine import DEFAULT_LANGUAGE
from reader.narration.espeak import EngineUnavailable
from reader.narration.export_script import rendered, workers
from reader.narration.language import article_language
from reader.narration.options import narrated_blocks, nothing_to_read
from reader.narration.output_file import OutputFile, Sink
from reader.narration.resample import Resampler, opus_rate
from reader.narration.voices import VoiceRouter
from reader.narration_options import NarrationOptions

WORDS_PER_MINUTE = 150
"""eSpeak NG's pace at rate 1, pauses included (152 measured on the sample article): the
first guess of a file's length, before any of it is rendered."""


@dataclass(frozen=True, slots=True)
class ExportProgress:
    paragraphs_done: int
    paragraphs: int
    chars_done: int
    chars: int
    """Characters of the text read, done and in all: the measure of work."""
    seconds_done: float
    """Audio written so far."""
    first_guess: float
    """The whole file's length in seconds, guessed from its words and the rate."""

    @property
    def seconds(self) -> float:
        """The whole file's length: the first guess, then what was rendered so far
        extrapolated by characters."""
        if self.chars_done == 0 or self.seconds_done == 0:
            return self.first_guess
        return self.seconds_done * self.chars / self.chars_done


Progress = Callable[[ExportProgress], None]
"""Called before the first paragraph and after each one."""

FORMATS: dict[str, tuple[str, str]] = {
    ".wav": ("WAV", "PCM_16"),
    ".flac": ("FLAC", "PCM_16"),
    ".ogg": ("OGG", "VORBIS"),
    ".opus": ("OGG", "OPUS"),
    ".mp3": ("MP3", "MPEG_LAYER_III"),
}
"""File extension -> libsndfile (format, subtype)."""
CAPTIONS_SUFFIX = ".vtt"


class ExportError(Exception):
    """One line saying why the file could not be written."""


class ExportStopped(Exception):
    """The export was asked to stop; no file was written (nor any earlier one changed)."""


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
    for target in (path, captions):
        if target is not None and target.is_dir():
            raise ExportError(f"cannot write {target}: it is a directory")
        if target is not None and not target.parent.is_dir():
            why = (
                f"{target.parent} is not a folder"
                if target.parent.exists()
                else (f"there is no folder {target.parent}")
            )
            raise ExportError(f"cannot write {target}: {why}")
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
    stop: threading.Event | None = None,
    on_warning: Callable[[str], None] = lambda _line: None,
) -> float:
    """Write the narration of the body (no title; image captions only with
    `options.read_captions`) to `path`, in the format its extension names, and WebVTT to
    `captions` if given; return seconds of audio. ExportStopped within a sentence of
    `stop` being set; ExportError for anything else that goes wrong."""
    check_paths(path, captions)
    body = narrated_blocks(article, options)
    if not body:
        raise ExportError(nothing_to_read(article, options))
    synth = _router(article, options, on_warning)
    soundfile = _soundfile()
    name, subtype = FORMATS[path.suffix.lower()]
    sample_rate = synth.sample_rate
    file_rate = opus_rate(sample_rate) if subtype == "OPUS" else sample_rate
    resampler = Resampler(sample_rate, file_rate) if file_rate != sample_rate else None
    cues: list[Cue] = []
    starts = {body[0]: 0.0}
    """Where each paragraph starts in the audio (the headings' are the chapters)."""
    frames = 0
    chars = [len(article.blocks[i].text) for i in body]
    guess = _first_guess(article, body, options)
    report = progress or (lambda _: None)
    report(ExportProgress(0, len(body), 0, sum(chars), 0.0, guess))
    try:
        with ExitStack() as files:
            audio = OutputFile(path)
            raw = files.enter_context(audio)
            sink = Sink(raw)
            vtt = OutputFile(captions) if captions else None
            vtt_file = files.enter_context(vtt) if vtt else None
            with soundfile.SoundFile(sink, "w", file_rate, 1, format=name, subtype=subtype) as out:
                # Closed here on any failure, not by the collector on some render thread,
                # which cannot wait for itself.
                said = files.enter_context(
                    closing(
                        rendered(
                            article,
                            body,
                            synth,
                            options,
                            check=_raising(stop),
                            workers=workers(synth),
                        )
                    )
                )
                for done, sentence, clip, pcm in said:
                    cues.append(cue(frames, clip, sentence))
                    _write(out, resampler.feed(pcm) if resampler else pcm, file_rate)
                    sink.failed()
                    frames += len(pcm) // 2
                    if done:
                        seconds = frames / sample_rate
                        if done < len(body):
                            starts[body[done]] = seconds
                        at = sum(chars[:done])
                        report(ExportProgress(done, len(body), at, sum(chars), seconds, guess))
                if resampler is not None:
                    _write(out, resampler.finish(), file_rate)
            sink.failed()  # closing wrote the header and the last frames
            if vtt is not None and vtt_file is not None:
                _write_captions(vtt, vtt_file, webvtt(cues))
            _commit(
                audio,
                raw,
                files,
                marks=_chapters(article, body, starts),
                seconds=frames / sample_rate,
                kind=(name, subtype),
            )
    except OSError as error:
        failed = error.filename or path
        raise ExportError(f"cannot write {failed}: {error.strerror or error}") from None
    except soundfile.SoundFileError as error:
        raise ExportError(f"cannot write {path}: {error}") from None
    return frames / sample_rate


def _raising(stop: threading.Event | None) -> Callable[[], None]:
    """A check that raises ExportStopped once `stop` is set."""

    def check() -> None:
        if stop is not None and stop.is_set():
            raise ExportStopped

    return check


def _router(
    article: Article, options: NarrationOptions, on_warning: Callable[[str], None]
) -> VoiceRouter:
    """The voice, loaded for speed, or ExportError."""
    try:
        return VoiceRouter(
            voice=options.voice,
            rate=options.rate,
            lang=article_language(article) or DEFAULT_LANGUAGE,
            on_warning=on_warning,
            batch=True,
        )
    except (EngineUnavailable, ValueError) as error:
        raise ExportError(str(error)) from None


def _first_guess(article: Article, body: list[int], options: NarrationOptions) -> float:
    words = sum(len(article.blocks[i].text.split()) for i in body)
    return words * 60 / (WORDS_PER_MINUTE * options.rate)


def _commit(
    audio: OutputFile,
    raw: BinaryIO,
    files: ExitStack,
    *,
    marks: list[Chapter],
    seconds: float,
    kind: tuple[str, str],
) -> None:
    """Put the written file in place: as it is, or copied with its chapters."""
    if not marks or not embeds(*kind):
        audio.commit()
        return
    tagged = OutputFile(audio.path, stage="chapters")
    embed(raw, files.enter_context(tagged), marks, seconds, format=kind)
    tagged.commit()


def _chapters(article: Article, body: list[int], starts: dict[int, float]) -> list[Chapter]:
    """The chapters at the headings the narration reads; none when that makes one chapter
    (no heading, or only one at the start: a table of contents of one entry says nothing)."""
    if not any(article.blocks[index].kind is BlockKind.HEADING for index in body):
        return []
    marks = chapters(article, starts)
    return marks if len(marks) > 1 else []


def _soundfile() -> Any:
    try:
        import soundfile
    except (OSError, ImportError) as error:  # the library ships in the wheel; a source build
        raise ExportError(f"cannot write audio files: {error}") from None
    return soundfile


def _write_captions(vtt: OutputFile, file: BinaryIO, text: str) -> None:
    try:
        file.write(text.encode("utf-8"))
    except OSError as error:
        error.filename = str(vtt.path)
        raise
    vtt.commit()


def _write(out: Any, pcm: bytes, sample_rate: int) -> None:
    """Hand PCM to libsndfile a second at a time at most (see the module docstring)."""
    view = memoryview(pcm)
    block = 2 * sample_rate
    for start in range(0, len(view), block):
        out.buffer_write(view[start : start + block], dtype="int16")
