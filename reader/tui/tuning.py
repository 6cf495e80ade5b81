"""How the reader tunes the narration from the reading screen: rate, volume, voice, the
sleep timer; and where each choice is kept.

The settings keep the rate, the volume and the default voice; the store keeps a voice chosen
for one document. The screen owns one `Tuning`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.timer import Timer

    from reader.tui.reading_screen import ReadingScreen
    from reader.tui.voice_screen import VoiceChoice


class Tuning:
    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self._sleep_timers: list[Timer] = []
        """The sleep timer's alarm and the tick that counts its minutes down."""

    def step_rate(self, direction: int) -> None:
        from reader.narration_options import step_rate

        self.tune(rate=step_rate(self._screen.listening.state.options.rate, direction))

    def step_volume(self, direction: int) -> None:
        from reader.narration_options import step_volume

        self.tune(volume=step_volume(self._screen.listening.state.options.volume, direction))

    def tune(self, **changes: Any) -> None:
        """Change narration options: the narrator takes them all, the settings keep them
        (but the voice: the settings keep the default one, the store this document's)."""
        listening, services = self._screen.listening, self._screen.services
        options = replace(listening.state.options, **changes)
        if options != listening.state.options:
            listening.configure(options)
            chosen = services.settings.settings
            default = replace(options, voice=chosen.narration.voice)
            services.save_settings(replace(chosen, narration=default))

    def document_voice(self, voice: str) -> None:
        """Narrate with this document's voice, or the default voice when it has none."""
        listening = self._screen.listening
        default = self._screen.services.settings.settings.narration.voice
        listening.configure(replace(listening.state.options, voice=voice or default))

    def voice_chosen(self, choice: VoiceChoice | None) -> None:
        """A voice for this document only ("" is automatic), or the default for all."""
        if choice is None:
            return
        services, article = self._screen.services, self._screen.article
        if choice.default:
            chosen = services.settings.settings
            services.save_settings(
                replace(chosen, narration=replace(chosen.narration, voice=choice.voice))
            )
        voice = "" if choice.default else choice.voice
        self.document_voice(voice)
        store = services.store
        if store is not None and article is not None:
            store.save_voice(article.source, voice)

    def cycle_sleep_timer(self) -> None:
        """The next sleep timer (or none): its alarm, and a tick for the minutes left."""
        screen = self._screen
        for timer in self._sleep_timers:
            timer.stop()
        self._sleep_timers = []
        listening = screen.listening
        minutes = listening.cycle_sleep_timer()
        if minutes is not None:
            self._sleep_timers = [
                screen.set_timer(minutes * 60, listening.sleep_timer_rang, name="sleep"),
                screen.set_interval(15, listening.sleep_timer_ticked, name="sleep-label"),
            ]
