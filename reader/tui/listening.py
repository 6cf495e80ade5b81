"""Narration in the app: the player's actions, and the narrator's events turned into the
highlight, the following view and the player bar."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import work

from reader.model import Article, Position, Span
from reader.sleep_timer import SleepTimer
from reader.tui.article_view import ArticleView
from reader.tui.base import ReaderBase
from reader.tui.messages import NarrationUpdate, VoicesListed
from reader.tui.player_bar import PlayerBar

if TYPE_CHECKING:
    from textual.timer import Timer

    from reader.narration.events import NarratorHandle


class ListeningActions(ReaderBase):
    sleep: SleepTimer
    _sleep_timer: Timer | None
    _stale_events: bool
    """Events of an article that was replaced mid-narration, still on their way."""
    _words_from: list[int]
    """Words of the body from each block to the end: for the time left."""

    def start_narrator(self) -> None:
        self._start(self.narrator)  # made here, on the UI thread, started on a thread

    @work(thread=True, group="narrator")
    def _start(self, narrator: NarratorHandle) -> None:
        narrator.start()

    def _on_narration_event(self, event: object) -> None:
        """Called on the narrator's thread: hand the event to the UI thread."""
        self.post_message(NarrationUpdate(event))  # type: ignore[arg-type]

    def on_narration_update(self, message: NarrationUpdate) -> None:
        # Imported here, not at the top: the first frame does not need the event classes.
        from reader.narration.events import (
            EngineReady,
            Finished,
            NarrationError,
            NarrationWarning,
            SentenceStarted,
            StateChanged,
            WordStarted,
        )

        event = message.event
        view = self.query_one(ArticleView)
        bar = self.query_one(PlayerBar)
        match event:
            case EngineReady(voice=voice, audio_error=audio_error):
                bar.voice = voice
                bar.problem = audio_error
            case StateChanged(state=state, block=block):
                if state == "stopped":
                    self._stale_events = False
                self.play_state = bar.state = state
                bar.paragraph = block
                if state == "stopped":
                    view.clear_highlight()
            case SentenceStarted(block=block, sentence=sentence) if not self._stale_events:
                self._follow(block, sentence)
            case WordStarted(block=block, start=start, end=end) if not self._stale_events:
                self._follow_word(block, start, end)
            case Finished():
                self.play_state = bar.state = "stopped"
                view.clear_highlight()
                self._finished_article()
            case NarrationWarning(message=text):
                bar.problem = text
                self.notify(text, title="Narration", severity="warning", markup=False)
            case NarrationError(message=text):
                # Narration has stopped (a dead worker is replaced on the next play).
                self._set_state("stopped")
                bar.problem = text
                self.notify(text, title="Narration", severity="error", markup=False)

    def _follow(self, block: int, sentence: int) -> None:
        if self.article is None or block >= len(self.article.blocks):
            return
        spans = self.article.sentences(block)
        span = spans[sentence] if sentence < len(spans) else None
        view = self.query_one(ArticleView)
        view.highlight(block, span if self.settings.settings.highlight_sentence else None)
        if view.follow:
            view.focus_block(block, char=span.start if span else None)
        bar = self.query_one(PlayerBar)
        bar.paragraph = block
        bar.time_left = self._time_left(block)
        self._save_position(Position(block, sentence, span.start if span else 0))
        if self.sleep.ends_before(block):
            self.sleep.clear()
            bar.sleep = ""
            self.action_stop()
            self.notify("Sleep timer: stopped at the end of the paragraph.")

    def _follow_word(self, block: int, start: int, end: int) -> None:
        if self.article is None or block >= len(self.article.blocks):
            return
        from reader.model import sentence_at

        shown = self.settings.settings
        sentence = sentence_at(self.article, block, start)
        span = self.article.sentences(block)[sentence] if shown.highlight_sentence else None
        word = Span(start, end) if shown.highlight_word else None
        view = self.query_one(ArticleView)
        view.highlight(block, span, word)
        if view.follow:
            view.keep_in_view(block, end - 1)  # a long sentence runs past the screen

    def _time_left(self, block: int) -> str:
        """At eSpeak's normal 175 words a minute, times the rate."""
        words = self._words_from[block] if block < len(self._words_from) else 0
        minutes = words / (175 * self.rate)
        return f"{minutes:.0f} min left" if minutes >= 1 else "< 1 min left"

    def action_play_pause(self) -> None:
        if self.article is None:
            self.notify("Nothing to play yet.", severity="warning")
            return
        # The state is set here, at once, and confirmed by the worker's events: two quick
        # presses must read as play then pause, not as two plays.
        if self.play_state == "playing":
            self.narrator.pause()
            self._set_state("paused")
        elif self.play_state == "paused":
            self.narrator.resume()
            self._set_state("playing")
        else:
            focused = max(0, self.query_one(ArticleView).focused_block)
            resume = self.resume_from
            self.narrator.play(resume if resume.block == focused else Position(focused))
            self._set_state("playing")

    def action_stop(self) -> None:
        self.narrator.stop()
        self._set_state("stopped")

    def action_skip(self, blocks: int) -> None:
        if self.play_state == "stopped":
            self._move_focus(blocks)
        else:
            self.narrator.skip(blocks=blocks)

    def action_skip_sentence(self, sentences: int) -> None:
        """While narrating, skip sentences; otherwise move the sentence cursor."""
        if self.play_state != "stopped":
            self.narrator.skip(sentences=sentences)
        else:
            self._move_sentence_cursor(sentences)

    def action_follow(self) -> None:
        """Jump back to the spoken sentence and keep following it."""
        view = self.query_one(ArticleView)
        view.follow = self.query_one(PlayerBar).following = True
        view.focus_block(self.resume_from.block)

    def on_article_view_scrolled_by_hand(self) -> None:
        self._suspend_follow()

    def action_sleep_timer(self) -> None:
        choice = self.sleep.cycle(self.resume_from.block)
        if self._sleep_timer is not None:
            self._sleep_timer.stop()
            self._sleep_timer = None
        if isinstance(choice, int):
            self._sleep_timer = self.set_timer(choice * 60, self._sleep_timer_rang, name="sleep")
        self.query_one(PlayerBar).sleep = self.sleep.label

    def _sleep_timer_rang(self) -> None:
        if self.sleep.rang():
            self.action_stop()
            self.query_one(PlayerBar).sleep = ""
            self.notify("Sleep timer: narration stopped.")

    @work(thread=True, exclusive=True, group="voices")
    def action_voice(self) -> None:
        """List the voices in a child process: libespeak stays out of the UI process (it can
        exit() the process and writes to fd 2)."""
        import json
        import subprocess
        import sys

        from reader.narration.engine import Voice

        command = [sys.executable, "-m", "reader", "voices", "--json"]
        try:
            listed = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=30,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            self.post_message(VoicesListed([], f"cannot list voices: {error}"))
            return
        if listed.returncode != 0:
            problem = listed.stderr.strip().splitlines()[-1:] or ["cannot list voices"]
            self.post_message(VoicesListed([], problem[0].removeprefix("reader: ")))
            return
        records = [json.loads(line) for line in listed.stdout.splitlines()]
        voices = [Voice(r["name"], r["language"], r["id"]) for r in records]
        self.post_message(VoicesListed(voices, None))

    def on_voices_listed(self, message: VoicesListed) -> None:
        if message.error:
            self.notify(message.error, severity="error", markup=False)
            return
        from reader.tui.dialogs import VoiceScreen

        lang = self.article.lang if self.article else None
        self.push_screen(VoiceScreen(message.voices, lang), self._voice_chosen)

    def _voice_chosen(self, voice: str | None) -> None:
        if voice:
            self.narrator.set_voice(voice)
            self.query_one(PlayerBar).voice = voice
            self._save_settings(replace(self.settings.settings, voice=voice))

    def action_rate(self, direction: int) -> None:
        from reader.narration.engine import RATE_STEP, clamp_rate

        rate = clamp_rate(self.rate + direction * RATE_STEP)
        if rate != self.rate:
            self.rate = self.query_one(PlayerBar).rate = rate
            self.narrator.set_rate(rate)
            self._save_settings(replace(self.settings.settings, rate=rate))

    def action_volume(self, direction: int) -> None:
        from reader.narration.options import step_volume

        volume = step_volume(self.settings.settings.volume, direction)
        self.narrator.configure(volume=volume)
        self.notify(f"Volume {volume:.0%}", timeout=1.5)
        self._save_settings(replace(self.settings.settings, volume=volume))


def words_from(article: Article) -> list[int]:
    """Words of the body from each block to the end."""
    # Spaces plus one: words to within a few, and fast enough for a book on the UI thread.
    counts = [block.text.count(" ") + 1 if block.is_body else 0 for block in article.blocks]
    total, result = 0, [0] * len(counts)
    for index in range(len(counts) - 1, -1, -1):
        total += counts[index]
        result[index] = total
    return result
