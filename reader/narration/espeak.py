"""eSpeak NG through pyttsx3's ctypes binding, rendering to memory with word timings.

pyttsx3's driver API plays through `aplay` and cannot pause or stop (see DESIGN), so this
module uses the binding underneath it in `AUDIO_OUTPUT_SYNCHRONOUS` mode: `Synth` returns
once the text is rendered, and the callback hands over PCM and word events as it goes.
libespeak-ng is process-global, so there is one engine per process behind a lock.
"""

from __future__ import annotations

import ctypes
import os
import re
import signal
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from reader.narration.engine import DEFAULT_LANGUAGE, Clip, Voice, snap_words
from reader.narration_options import clamp_rate

NORMAL_WPM = 175
PROBE_TIMEOUT = 10.0
"""Seconds the engine may take to start in the probe (it takes a few milliseconds)."""
PROBE_TEXT = "The quick brown fox jumps over the lazy dog."
"""What the probe says: a sentence (a lone letter does not reach most of the phonemes)."""


class EngineUnavailable(RuntimeError):
    """No speech engine in this process (libespeak-ng missing or failing)."""


_lock = threading.RLock()
_binding: ModuleType | None = None
_sample_rate = 0
_pcm = bytearray()
_events: list[tuple[int, int]] = []
_applied: dict[str, tuple[str, int, int]] = {}


def _engine() -> ModuleType:
    """The initialised binding (`Initialize` may only run once per process)."""
    global _binding, _sample_rate
    with _lock:
        if _binding is not None:
            return _binding
        try:
            from pyttsx3.drivers import _espeak
        except (RuntimeError, OSError, ImportError) as error:
            raise EngineUnavailable(
                "No speech engine: eSpeak NG is not installed (apt install espeak-ng)"
            ) from error
        _check_phoneme_data(_espeak.dll)
        _probe(_espeak)
        rate = _initialize(_espeak.dll)
        if rate <= 0:
            raise EngineUnavailable("No speech engine: eSpeak NG failed to start")
        _espeak.SetSynthCallback(_on_synth)
        _binding, _sample_rate = _espeak, rate
        return _binding


_SYNCHRONOUS = 0x0001
"""`ENOUTPUT_MODE_SYNCHRONOUS`: `Synth` returns once the text is rendered."""


def _initialize(library: ctypes.CDLL) -> int:
    """Start libespeak-ng for synchronous rendering; return its sample rate.

    What pyttsx3's `Initialize` (libespeak's `espeak_Initialize`) does, step by step
    through the eSpeak NG API, so that missing or unreadable voice data is an
    `EngineUnavailable` here instead of libespeak printing to stderr and calling exit().
    """
    library.espeak_ng_InitializePath(None)
    context = ctypes.c_void_p()
    status = library.espeak_ng_Initialize(ctypes.byref(context))
    if status != 0:
        library.espeak_ng_ClearErrorContext(ctypes.byref(context))
        message = ctypes.create_string_buffer(256)
        library.espeak_ng_GetStatusCodeMessage(status, message, ctypes.c_size_t(len(message)))
        raise EngineUnavailable(
            f"No speech engine: eSpeak NG's voice data is missing or unreadable{_where(library)} "
            f"({_text(message.value).rstrip('.')}); install it (apt install espeak-ng-data) "
            "or point ESPEAK_DATA_PATH at it"
        )
    library.espeak_ng_InitializeOutput(_SYNCHRONOUS, 0, None)
    return int(library.espeak_ng_GetSampleRate())


def _probe(binding: ModuleType) -> None:
    """Start the engine and say a word in a forked child first: damaged voice data can
    crash libespeak-ng (an empty `phontab` is a segmentation fault, a truncated `phondata`
    crashes on the first sentence), and that crash must not take this process with it. The
    child says nothing (its fds 1 and 2 go to /dev/null) and leaves without cleaning up."""
    library = binding.dll
    if not hasattr(os, "fork"):
        return
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            _initialize(library)
            binding.SetSynthCallback(lambda _wav, _samples, _events: 0)
            binding.SetVoiceByName(DEFAULT_LANGUAGE.encode())
            binding.Synth(PROBE_TEXT, flags=binding.CHARS_UTF8)
        except EngineUnavailable:
            code = 0  # the parent finds the same and says it in its own words
        except BaseException:
            code = 1
        os._exit(code)
    deadline = time.monotonic() + PROBE_TIMEOUT
    while (done := os.waitpid(pid, os.WNOHANG))[0] == 0:
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise EngineUnavailable(  # damaged voice data can loop as well as crash
                f"No speech engine: eSpeak NG did not start within {PROBE_TIMEOUT:g} s "
                f"on its voice data{_where(library)}; reinstall it "
                "(apt install --reinstall espeak-ng-data)"
            )
        time.sleep(0.002)
    status = done[1]
    if os.WIFSIGNALED(status) or os.waitstatus_to_exitcode(status) != 0:
        how = (
            f"signal {os.WTERMSIG(status)}"
            if os.WIFSIGNALED(status)
            else f"exit code {os.WEXITSTATUS(status)}"
        )
        raise EngineUnavailable(
            f"No speech engine: eSpeak NG failed on its voice data{_where(library)} ({how}); "
            "reinstall it (apt install --reinstall espeak-ng-data)"
        )


def _data_folder(library: ctypes.CDLL) -> str:
    """The voice data folder libespeak-ng reads ("" if it does not say)."""
    library.espeak_ng_InitializePath(None)
    data = ctypes.c_char_p()
    library.espeak_Info(ctypes.byref(data))
    return _text(data.value)


def _where(library: ctypes.CDLL) -> str:
    """The voice data folder libespeak-ng reads, as " in FOLDER" (or "" if unknown)."""
    folder = _data_folder(library)
    return f" in {folder}" if folder else ""


def _check_phoneme_data(library: ctypes.CDLL) -> None:
    """A `phondata` cut short (a full disk, an interrupted copy) makes libespeak-ng read
    past its end: it crashes, or speaks noise, depending on what lies beyond. Its manifest
    lists where each sound starts, so the file must reach past the last of them."""
    folder = Path(_data_folder(library))
    try:
        manifest = (folder / "phondata-manifest").read_text(encoding="latin-1")
        size = (folder / "phondata").stat().st_size
    except OSError:
        return  # missing files are for espeak_ng_Initialize to report
    starts = [int(m.group(1), 16) for m in _SOUND_START.finditer(manifest)]
    if starts and size <= max(starts):
        raise EngineUnavailable(
            f"No speech engine: eSpeak NG's voice data{_where(library)} is cut short "
            f"(phondata has {size} bytes, its sounds reach past {max(starts)}); "
            "reinstall it (apt install --reinstall espeak-ng-data)"
        )


_SOUND_START = re.compile(r"^\w\s+0x([0-9a-fA-F]+)\s", re.MULTILINE)
"""A line of `phondata-manifest`: the kind of sound, where it starts in phondata, its name."""


def _on_synth(wav: Any, samples: int, events: Any) -> int:
    """Called by libespeak-ng on the synthesizing thread, inside `Synth`."""
    if wav and samples > 0:
        _pcm.extend(ctypes.string_at(wav, samples * 2))
    assert _binding is not None
    i = 0
    while events[i].type != _binding.EVENT_LIST_TERMINATED:
        event = events[i]
        if event.type == _binding.EVENT_WORD:
            _events.append((event.text_position - 1, event.audio_position))
        i += 1
    return 0


def list_voices() -> list[Voice]:
    """Every installed voice, sorted by language."""
    engine = _engine()
    with _lock:
        found = engine.ListVoices(None)
        voices = [
            Voice(
                name=_text(v.name),
                language=_text(v.languages[1:] if v.languages else b""),
                identifier=_text(v.identifier),
            )
            for v in found
        ]
    return sorted(voices, key=lambda v: (v.language, v.name))


def _text(raw: bytes | None) -> str:
    return raw.decode("utf-8", "replace") if raw else ""


DEFAULT_PITCH = 50
"""eSpeak NG's own pitch (0-100): about 100 Hz for its English voice."""
QUOTE_PITCH = 75
"""The pitch block quotes are read at in another voice (`quote_voice`): about 1.3 times the
voice's own (129 Hz against 100 measured), the same voice and language."""


class EspeakSynthesizer:
    """The `Synthesizer` for eSpeak NG. Raises `EngineUnavailable` when there is none, and
    ValueError for an unknown `voice`; without one, the voice follows `lang`. Each instance
    speaks at its own `pitch` (the engine is one per process: it is set before each render)."""

    def __init__(
        self,
        voice: str | None = None,
        rate: float = 1.0,
        lang: str | None = None,
        pitch: int = DEFAULT_PITCH,
    ):
        self._engine = _engine()
        self.sample_rate = _sample_rate
        self._rate = clamp_rate(rate)
        self._pitch = pitch
        self.voice_name = ""
        self.voice_id = ""
        if voice:
            self.set_voice(voice)  # ValueError when unknown: the user asked for it
        else:
            self.set_voice(lang or DEFAULT_LANGUAGE, fallback=True)

    def voices(self) -> list[Voice]:
        return list_voices()

    def set_voice(self, voice: str, *, fallback: bool = False) -> str:
        """Select by identifier, name or language ("en-GB" tries "en-gb", then "en").

        With `fallback`, an unknown voice falls back to English instead of raising.
        """
        primary = re.split(r"[-_]", voice, maxsplit=1)[0].lower()
        candidates = [voice, voice.lower(), primary]
        if fallback:
            candidates.append(DEFAULT_LANGUAGE)
        with _lock:
            for candidate in dict.fromkeys(candidates):
                if self._engine.SetVoiceByName(candidate.encode()) == self._engine.EE_OK:
                    break
            else:
                raise ValueError(f"unknown voice: {voice}")
            current = self._engine.GetCurrentVoice().contents
            self.voice_name = _text(current.name)
            self.voice_id = _text(current.identifier)
            _applied.clear()
            self._apply()
        return self.voice_name

    def set_rate(self, rate: float) -> None:
        with _lock:
            self._rate = clamp_rate(rate)
            self._apply()

    @property
    def rate(self) -> float:
        return self._rate

    def _apply(self) -> None:
        """Make this instance's voice, rate and pitch the engine's (they are process-wide)."""
        wanted = (self.voice_id, round(NORMAL_WPM * self._rate), self._pitch)
        if _applied.get("settings") != wanted:
            self._engine.SetVoiceByName(wanted[0].encode())
            self._engine.SetParameter(self._engine.RATE, wanted[1], 0)
            self._engine.SetParameter(self._engine.PITCH, wanted[2], 0)
            _applied["settings"] = wanted

    def synthesize(self, text: str) -> Clip:
        engine = self._engine
        with _lock:
            self._apply()
            _pcm.clear()
            _events.clear()
            engine.Synth(text, flags=engine.CHARS_UTF8 | engine.ENDPAUSE)
            pcm, events = bytes(_pcm), list(_events)
        return Clip(pcm, self.sample_rate, snap_words(text, events))
