"""Which engine speaks: the narrator's `Synthesizer`, choosing between eSpeak NG and Piper.

A voice is named by what the user picked:
- a Piper voice, "piper:NAME" (see `piper_voices`);
- a language ("en", "fr-FR"): "automatic", the most natural installed voice for it, a Piper
  voice where there is one, eSpeak NG otherwise;
- anything else, an eSpeak NG voice ("gmw/en-US"; "espeak:ID" forces eSpeak for an ID that
  looks like a language).

A Piper voice that cannot be loaded is one warning line (`on_warning`) and eSpeak NG speaks
the same language instead: never a silent switch. Piper voices load on first use (0.3-1 s),
in the process that synthesizes (the worker or the export), one at a time.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.narration.engine import DEFAULT_LANGUAGE, Clip, Synthesizer, Voice
from reader.narration.espeak import EspeakSynthesizer, list_voices
from reader.narration.language import is_language
from reader.narration.piper_voices import (
    PIPER_PREFIX,
    PiperVoiceFile,
    best_for,
    find_voice,
    piper_voices,
)
from reader.narration_options import clamp_rate

ESPEAK_PREFIX = "espeak:"
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
    ) -> None:
        self._rate = clamp_rate(rate)
        self._espeak = EspeakSynthesizer(rate=self._rate)
        self.sample_rate = self._espeak.sample_rate
        self._on_warning = on_warning
        self._piper: tuple[str, Synthesizer] | None = None
        """The loaded Piper voice (one at a time: each holds a few hundred MB)."""
        self._current: Synthesizer = self._espeak
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
        if voice.startswith(PIPER_PREFIX):
            found = find_voice(voice)
            if found is None:
                if not fallback:
                    raise ValueError(f"unknown voice: {voice} (see `reader voices`)")
                return self._use_espeak(DEFAULT_LANGUAGE, fallback=True)
            return self._use_piper(found) or self._use_espeak(found.voice.language, True)
        if voice.startswith(ESPEAK_PREFIX):
            return self._use_espeak(voice.removeprefix(ESPEAK_PREFIX), fallback)
        if is_language(voice):
            best = best_for(voice, piper_voices()[0])
            if best is not None and (name := self._use_piper(best)):
                return name
        return self._use_espeak(voice, fallback)

    def _use_espeak(self, voice: str, fallback: bool) -> str:
        self._espeak.set_voice(voice, fallback=fallback)
        return self._switch(self._espeak, "espeak")

    def _use_piper(self, found: PiperVoiceFile) -> str | None:
        """Speak with this Piper voice (loading it first); None, and a warning, if it
        cannot be loaded."""
        identifier = found.voice.identifier
        if self._piper is None or self._piper[0] != identifier:
            from reader.narration.piper import PiperSynthesizer, PiperUnavailable

            self._piper = None
            try:
                self._piper = (identifier, PiperSynthesizer(found, rate=self._rate))
            except PiperUnavailable as error:
                self._on_warning(f"{error}; speaking with eSpeak NG instead")
                return None
        return self._switch(self._piper[1], "piper")

    def _switch(self, synth: Synthesizer, engine: str) -> str:
        self._current, self.engine = synth, engine
        synth.set_rate(self._rate)
        self.voice_name = str(getattr(synth, "voice_name", ""))
        self.voice_id = str(getattr(synth, "voice_id", ""))
        return self.voice_name

    def set_rate(self, rate: float) -> None:
        self._rate = clamp_rate(rate)
        self._current.set_rate(self._rate)

    @property
    def rate(self) -> float:
        return self._rate

    def synthesize(self, text: str) -> Clip:
        return self._current.synthesize(text)
