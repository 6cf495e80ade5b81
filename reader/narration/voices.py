"""Which engine speaks: the narrator's `Synthesizer`, choosing between eSpeak NG and Piper.

A voice is named by what the user picked:
- a Piper voice, "piper:NAME" (see `piper_voices`);
- a language ("en", "fr-FR"): "automatic", the most natural installed voice for it, a Piper
  voice where there is one, eSpeak NG otherwise;
- anything else, an eSpeak NG voice ("gmw/en-US"; "espeak:ID" forces eSpeak for an ID that
  looks like a language).

A Piper voice that cannot be loaded (Piper or ONNX Runtime missing, a broken file, no
memory), or that fails while it speaks (an ONNX Runtime error, `MemoryError`), is one
warning line (`on_warning`, called once the switch is made) and eSpeak NG speaks the same
language instead, from that sentence on: never a silent switch, never a stopped narration.
Piper voices load on first use (0.3-1 s), in the process that synthesizes (the worker or
the export), one at a time. `batch` loads them for rendering a file fast rather than for
low memory; `synthesize` may then be called from several threads at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.narration.engine import DEFAULT_LANGUAGE, Clip, Synthesizer, Voice
from reader.narration.error_line import BRIEF, first_line
from reader.narration.espeak import DEFAULT_PITCH, QUOTE_PITCH, EspeakSynthesizer, list_voices
from reader.narration.language import is_language
from reader.narration.piper_voices import (
    PIPER_PREFIX,
    PiperVoiceFile,
    best_for,
    find_voice,
    piper_voices,
)
from reader.narration_options import clamp_rate

if TYPE_CHECKING:
    from reader.narration.piper import PiperSynthesizer

ESPEAK_PREFIX = "espeak:"
INSTEAD = "speaking with eSpeak NG instead"
"""How every fallback warning begins: what the listener hears next comes first."""

AUTOMATIC = ""
"""The voice setting that follows each article's language."""


def all_voices() -> tuple[list[Voice], list[str]]:
    """Every voice of both engines (Piper first), and one line per broken voice file.
    Raises `EngineUnavailable` when eSpeak NG cannot start."""
    found, problems = piper_voices()
    return [f.voice for f in found] + list_voices(), problems


class VoiceRouter:
    """The `Synthesizer` the narrator and the export use. Raises `EngineUnavailable` when
    eSpeak NG is missing, and ValueError for an unknown `voice`; without one, the voice
    follows `lang` (and with neither, eSpeak's default until `set_voice` is called)."""

    def __init__(
        self,
        voice: str | None = None,
        rate: float = 1.0,
        lang: str | None = None,
        on_warning: Callable[[str], None] = lambda _line: None,
        *,
        batch: bool = False,
    ) -> None:
        self._rate = clamp_rate(rate)
        self._batch = batch
        self._fallen = threading.Lock()
        """Sentences rendered side by side may fail together: one switches and warns."""
        self._espeak = EspeakSynthesizer(rate=self._rate)
        self.sample_rate = self._espeak.sample_rate
        self._on_warning = on_warning
        self._piper: tuple[str, PiperSynthesizer] | None = None
        """The loaded Piper voice (one at a time: each holds a few hundred MB)."""
        self._unloadable: str | None = None
        """The voice setting whose Piper voice would not load (eSpeak NG speaks for it)."""
        self._current: Synthesizer = self._espeak
        self._quoting: tuple[tuple[str, int], EspeakSynthesizer] | None = None
        """The other voice block quotes are read in, for (language, pitch)."""
        self._quoting_made = threading.Lock()
        self.voice_name = self._espeak.voice_name
        self.voice_id = self._espeak.voice_id
        self.engine = "espeak"
        if voice:
            self.set_voice(voice)
        elif lang:
            self.set_voice(lang, fallback=True)

    def voices(self) -> list[Voice]:
        return all_voices()[0]

    def set_voice(self, voice: str, *, fallback: bool = False) -> str:
        if voice == self._unloadable:
            return self.voice_name  # said once: not loaded (and said) again for each article
        self._unloadable = None
        if voice.startswith(PIPER_PREFIX):
            found = find_voice(voice)
            if found is None:
                if not fallback:
                    raise ValueError(f"unknown voice: {voice} (see `reader voices`)")
                return self._use_espeak(DEFAULT_LANGUAGE, fallback=True)
            return self._piper_or_espeak(found, found.voice.language, voice)
        if voice.startswith(ESPEAK_PREFIX):
            return self._use_espeak(voice.removeprefix(ESPEAK_PREFIX), fallback)
        if is_language(voice):
            best = best_for(voice, piper_voices()[0])
            if best is not None:
                return self._piper_or_espeak(best, voice, voice)
        return self._use_espeak(voice, fallback)

    def _use_espeak(self, voice: str, fallback: bool) -> str:
        self._espeak.set_voice(voice, fallback=fallback)
        return self._switch(self._espeak, "espeak")

    def _piper_or_espeak(self, found: PiperVoiceFile, language: str, asked: str) -> str:
        """Speak with this Piper voice (loading it first), or, if it cannot be loaded, with
        eSpeak NG in `language`, and say so (once for `asked`, the voice setting)."""
        identifier = found.voice.identifier
        if self._piper is None or self._piper[0] != identifier:
            from reader.narration.piper import PiperSynthesizer
            from reader.narration.piper_model import PiperUnavailable

            self._piper = None
            try:
                synth = PiperSynthesizer(found, rate=self._rate, batch=self._batch)
                self._piper = (identifier, synth)
            except PiperUnavailable as error:
                self._unloadable = asked
                return self._fall_back(language, str(error))
        return self._switch(self._piper[1], "piper")

    def _fall_back(self, language: str, reason: str) -> str:
        """Switch to eSpeak NG, then warn (so that whoever shows the voice already shows
        eSpeak's when the warning arrives)."""
        name = self._use_espeak(language, fallback=True)
        self._on_warning(f"{INSTEAD}: {reason}")
        return name

    def _switch(self, synth: Synthesizer, engine: str) -> str:
        self._current, self.engine = synth, engine
        synth.set_rate(self._rate)
        self.voice_name = str(getattr(synth, "voice_name", ""))
        self.voice_id = str(getattr(synth, "voice_id", ""))
        return self.voice_name

    def set_rate(self, rate: float) -> None:
        self._rate = clamp_rate(rate)
        self._current.set_rate(self._rate)

    def quoting(self) -> Synthesizer:
        """The other voice block quotes are read in (`quote_voice`): the eSpeak NG voice
        speaking, at `QUOTE_PITCH`; under a Piper voice, eSpeak NG in its language at its
        own pitch. Both speak at the rate, into the same stream (eSpeak's sample rate)."""
        loaded = self._piper
        if loaded is not None and self._current is loaded[1]:
            key = (loaded[1].file.voice.language.replace("_", "-"), DEFAULT_PITCH)
        else:
            key = (self._espeak.voice_id, QUOTE_PITCH)
        with self._quoting_made:
            if self._quoting is None or self._quoting[0] != key:
                voice = EspeakSynthesizer(lang=key[0], rate=self._rate, pitch=key[1])
                self._quoting = (key, voice)
            if self._quoting[1].rate != self._rate:
                self._quoting[1].set_rate(self._rate)
            return self._quoting[1]

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def slow(self) -> bool:
        """Whether a sentence takes long enough to render that the narrator renders the
        first clause alone when it starts playing (a Piper voice: ~50 ms per second)."""
        return self.engine == "piper"

    def synthesize(self, text: str) -> Clip:
        """The clip of `text`; when the Piper voice fails on it, eSpeak NG's, and from then
        on eSpeak NG speaks until a voice is set again (the next article tries Piper again)."""
        loaded = self._piper
        if loaded is not None and self._current is loaded[1]:
            try:
                return loaded[1].synthesize(text)
            except Exception as error:  # ONNX Runtime raises its own kinds; MemoryError too
                with self._fallen:
                    if self._piper is loaded:
                        self._piper = None  # free its memory: it may be what ran out
                        self._fall_back(
                            loaded[1].file.voice.language,
                            f"the Piper voice {loaded[1].voice_id} failed "
                            f"({first_line(error, BRIEF)})",
                        )
        return self._current.synthesize(text)
