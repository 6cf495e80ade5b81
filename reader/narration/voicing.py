"""Which voice narration speaks with: the one chosen, else the article's language; switched
on the render thread, and told to the UI (a fresh `EngineReady`) whenever it changes."""

from __future__ import annotations

from reader.model import Article
from reader.narration.engine import DEFAULT_LANGUAGE, Synthesizer
from reader.narration.events import EngineReady, EventSink, NarrationError
from reader.narration.language import article_language
from reader.narration.render_ahead import RenderAhead


class Voicing:
    def __init__(
        self, synth: Synthesizer, ahead: RenderAhead, emit: EventSink, audio_error: str | None
    ) -> None:
        self.synth = synth
        self._ahead = ahead
        self._emit = emit
        self._audio_error = audio_error
        self.name = getattr(synth, "voice_name", "")
        """The voice last told."""

    def follow(self, voice: str, article: Article | None) -> None:
        """Speak with `voice` (the setting), else with the article's language (English
        when it is not known, or when no voice speaks it)."""
        if voice:
            self.switch(voice)
        else:
            language = article_language(article) if article is not None else ""
            self.switch(language or DEFAULT_LANGUAGE, fallback=True)

    def switch(self, voice: str, *, fallback: bool = False) -> None:
        """Switch voices (on the render thread, between two renders: loading a Piper voice
        takes up to a second) and say so with a fresh `EngineReady` (the UI shows it)."""

        def change() -> None:
            try:
                self.synth.set_voice(voice, fallback=fallback)
            except ValueError as error:
                self._emit(NarrationError(str(error)))
                return
            self.tell()

        self._ahead.tune(change)

    def tell(self) -> None:
        """A fresh `EngineReady` when the synthesizer's voice is not the one last told."""
        name = getattr(self.synth, "voice_name", "")
        if name != self.name:
            self.name = name
            self._emit(EngineReady(name, self.synth.sample_rate, self._audio_error))
