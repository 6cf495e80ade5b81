"""Narration as the reading screen sees it: a plain controller, no Textual.

`Listening` owns the narrator. The screen hands it the user's commands (play, pause, skip,
rate, ...) and the narrator's events (delivered on the UI thread); it turns both into one
`ListeningState`, which it gives to its observer whenever it changes. Nothing else writes
the play state, the spoken place or the voice: the screen shows what it is told.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, Protocol

from reader.model import Article, Position, Span
from reader.narration_options import NarrationOptions
from reader.sleep_timer import SleepTimer

if TYPE_CHECKING:
    from reader.narration.events import NarrationEvent, NarratorHandle, PlayState

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True, slots=True)
class Spoken:
    """What is being heard: a sentence of a block, and within it a word (when known)."""

    block: int
    sentence: Span | None
    word: Span | None = None


@dataclass(frozen=True, slots=True)
class ListeningState:
    play: PlayState = "stopped"
    options: NarrationOptions = NarrationOptions()
    """What the narrator was told: voice, rate, volume, pauses, captions."""
    voice: str = ""
    """The voice speaking (the worker names it; the article's language may choose it)."""
    problem: str | None = None
    """One line saying why narration cannot work (no audio device, no engine, ...)."""
    spoken: Spoken | None = None
    """The narration highlight; None when stopped."""
    sleep: str = ""
    """The sleep timer's label ("end of ¶", an end time), empty when off."""


class ListeningObserver(Protocol):
    """What the controller tells the screen that owns it."""

    def listening_changed(self, state: ListeningState) -> None: ...

    def narration_moved(self, position: Position) -> None:
        """Narration reached `position` (a sentence start or a word): save it, follow it."""

    def narration_notice(self, text: str, severity: Severity) -> None: ...

    def narration_finished(self) -> None:
        """The end of the article was heard."""


class Listening:
    def __init__(
        self, make_narrator: Callable[[], NarratorHandle], observer: ListeningObserver
    ) -> None:
        self._make_narrator = make_narrator
        self._narrator: NarratorHandle | None = None
        self._observer = observer
        self._article: Article | None = None
        self._state = ListeningState()
        self._stale = False
        """Events of an article replaced mid-narration, still on their way: dropped until
        the worker confirms the stop."""
        self._unconfirmed = 0
        """Commands sent that the worker will answer with a `StateChanged`, not yet
        answered. The state shown is the last one asked for until all are answered: an
        answer to an older command (play, when pause was pressed since) must not undo it."""
        self.resume_from = Position()
        """Where narration is, or where it stopped (play resumes there)."""
        self._sleep = SleepTimer()

    @property
    def state(self) -> ListeningState:
        return self._state

    @property
    def started(self) -> bool:
        """Whether the narrator exists yet (it is made after the first frame)."""
        return self._narrator is not None

    @property
    def narrator(self) -> NarratorHandle:
        """Made on first use: showing an article needs neither the narrator's modules nor
        its worker."""
        if self._narrator is None:
            self._narrator = self._make_narrator()
            if self._state.options != NarrationOptions():
                self._narrator.configure(self._state.options)
            if self._article is not None:
                self._narrator.load(self._article)
        return self._narrator

    def configure(self, options: NarrationOptions) -> None:
        """Narrate with `options` from now on (the next sentence on)."""
        if options == self._state.options:
            return
        voice = options.voice or self._state.voice
        self._set(options=options, voice=voice)
        if self._narrator is not None:  # else it is given the options when it is made
            self._narrator.configure(options)

    # --- what is read -----------------------------------------------------------------

    def show(self, article: Article, *, whole: bool = False) -> None:
        """Narrate `article` from now on; with `whole`, it is the whole of the text whose
        beginning was shown (and may be playing): narration carries on through it."""
        if self._state.play != "stopped" and not whole:
            self.stop()
            self._stale = True
        self._article = article
        if not whole:
            self.resume_from = Position()
        if self._narrator is not None:  # else it is given the article when it is made
            self._narrator.load(article, whole=whole)

    # --- commands ---------------------------------------------------------------------

    def play_pause(self, focused: int) -> None:
        """Pause, resume, or play from the focused block (from the saved sentence when
        that is where narration stopped)."""
        if self._article is None:
            self._observer.narration_notice("Nothing to play yet.", "warning")
            return
        # The state changes here, at once, and the worker's events confirm it: two quick
        # presses must read as play then pause, not as two plays.
        match self._state.play:
            case "playing":
                self._asked(self.narrator.pause, "paused")
            case "paused":
                self._asked(self.narrator.resume, "playing")
            case _:
                here = self.resume_from
                self.play_from(here if here.block == max(0, focused) else Position(focused))

    def play_from(self, position: Position) -> None:
        if self._article is None:
            return
        self.resume_from = position
        self._asked(lambda: self.narrator.play(position), "playing")

    def stop(self) -> None:
        if self._state.play != "stopped":
            self._asked(self.narrator.stop, "stopped")

    def skip(self, blocks: int = 0, sentences: int = 0) -> None:
        if self._state.play != "stopped":  # the worker answers with its (same) state
            self._asked(lambda: self.narrator.skip(blocks=blocks, sentences=sentences), None)

    def _asked(self, command: Callable[[], None], state: PlayState | None) -> None:
        """Send `command`, and show `state` at once (the worker's answer confirms it)."""
        command()
        self._unconfirmed += 1
        if state == "stopped":
            self._set(play=state, spoken=None)
        elif state is not None:
            self._set(play=state)

    def cycle_sleep_timer(self) -> int | None:
        """The sleep timer's next choice; the minutes to wait when it is a number (the
        owner's clock then calls `sleep_timer_rang`)."""
        choice = self._sleep.cycle(self.resume_from.block)
        self._set(sleep=self._sleep.label)
        return choice if isinstance(choice, int) else None

    def sleep_timer_ticked(self) -> None:
        """Time has passed: the label shows the minutes left."""
        self._set(sleep=self._sleep.label)

    def sleep_timer_rang(self) -> None:
        if self._sleep.rang():
            self.stop()
            self._set(sleep="")
            self._observer.narration_notice("Sleep timer: narration stopped.", "information")

    @property
    def playing(self) -> bool:
        """Playing or paused: narration has a place in the text."""
        return self._state.play != "stopped"

    def close(self) -> None:
        if self._narrator is not None:
            self._narrator.close()

    # --- events -----------------------------------------------------------------------

    def handle(self, event: NarrationEvent) -> None:
        """One event from the narrator, on the UI thread."""
        from reader.narration.events import (
            EngineReady,
            Finished,
            NarrationError,
            NarrationWarning,
            SentenceStarted,
            StateChanged,
            WordStarted,
        )

        match event:
            case EngineReady(voice=voice, audio_error=audio_error):
                self._set(voice=voice, problem=audio_error)
            case StateChanged(state=state):
                if state == "stopped":
                    self._stale = False
                self._unconfirmed = max(0, self._unconfirmed - 1)
                if self._unconfirmed:
                    return  # a newer command is on its way: its answer will say
                if state == "stopped":
                    self._set(play=state, spoken=None)
                else:
                    self._set(play=state)
            case SentenceStarted(block=block, sentence=sentence) if not self._stale:
                self._sentence_heard(block, sentence)
            case WordStarted(block=block, start=start, end=end) if not self._stale:
                self._word_heard(block, Span(start, end))
            case Finished():
                self._unconfirmed = 0
                self._set(play="stopped", spoken=None)
                self._observer.narration_finished()
            case NarrationWarning(message=text):
                self._set(problem=text)
                self._observer.narration_notice(text, "warning")
            case NarrationError(message=text):
                # Narration has stopped (a dead worker is replaced on the next play).
                self._unconfirmed = 0
                self._set(play="stopped", spoken=None, problem=text)
                self._observer.narration_notice(text, "error")

    def _sentence_heard(self, block: int, sentence: int) -> None:
        article = self._article
        if article is None or block >= len(article.blocks):
            return
        spans = article.sentences(block)
        span = spans[sentence] if sentence < len(spans) else None
        self._set(spoken=Spoken(block, span))
        self.resume_from = Position(block, sentence, span.start if span else 0)
        self._observer.narration_moved(self.resume_from)
        if self._sleep.ends_before(block):
            self._sleep.clear()
            self.stop()
            self._set(sleep="")
            self._observer.narration_notice(
                "Sleep timer: stopped at the end of the paragraph.", "information"
            )

    def _word_heard(self, block: int, word: Span) -> None:
        article = self._article
        if article is None or block >= len(article.blocks):
            return
        from reader.model import sentence_at

        sentence = article.sentences(block)[sentence_at(article, block, word.start)]
        self._set(spoken=Spoken(block, sentence, word))

    def _set(self, **changes: object) -> None:
        state = replace(self._state, **changes)  # type: ignore[arg-type]
        if state != self._state:
            self._state = state
            self._observer.listening_changed(state)
