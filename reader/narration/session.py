"""The narration loop that runs inside the worker process: sentences in, audible events out.

The driver thread takes commands and turns the player's audible frame into
`SentenceStarted` / `WordStarted` events at the moment they are heard. It never renders:
the render thread (`render_ahead`) keeps a few sentences queued on the player, so a command is
handled, and a word highlighted, while a slow voice renders. Pause and stop also reach the
player straight from the command thread, so they act at once. Which voice speaks is
`voicing`'s to keep.
"""

from __future__ import annotations

import queue
import threading
from typing import cast

from reader.model import Article, Position
from reader.narration.commands import (
    Command,
    Configure,
    Load,
    Pause,
    Play,
    Quit,
    Resume,
    Skip,
    Stop,
)
from reader.narration.engine import Synthesizer
from reader.narration.error_line import first_line
from reader.narration.events import (
    EventSink,
    Finished,
    NarrationError,
    NarrationEvent,
    NarrationWarning,
    PlayState,
    SentenceStarted,
    StateChanged,
    WordStarted,
)
from reader.narration.navigation import body_block, skip_target
from reader.narration.options import narrated_blocks, nothing_to_read, reads
from reader.narration.player import Player
from reader.narration.render_ahead import RenderAhead
from reader.narration.timeline import Queued
from reader.narration.voicing import Voicing
from reader.narration_options import NarrationOptions

NOT_REAL_TIME = (
    "audio output is not playing in real time: nothing is being heard "
    "(is a sound device connected?)"
)
TICK = 0.01


class Session:
    def __init__(
        self,
        synth: Synthesizer,
        player: Player | None,
        audio_error: str | None,
        emit: EventSink,
        *,
        options: NarrationOptions = NarrationOptions(),
    ) -> None:
        """`synth` already speaks with the voice and rate of `options`."""
        self.synth = synth
        self.player = player
        self.options = options
        """What the listener tuned (see `reader.narration_options`); a configure command
        replaces them all at once."""
        if player is not None:
            player.volume = self.options.volume
        self.audio_error = audio_error
        self.emit = emit
        self.article: Article | None = None
        self.state: PlayState = "stopped"
        self._commands: queue.Queue[Command] = queue.Queue()
        self._stopping = False
        """A stop was asked for and not yet handled: a resume must not sound before it."""
        self._ahead = RenderAhead(synth, player, self.options, self._render_failed)
        self._voicing = Voicing(synth, self._ahead, emit, audio_error)
        self._pending = self._ahead.pending
        self._warned = False
        """`NOT_REAL_TIME` is said once per worker (pacing goes on keeping time)."""
        self._thread = threading.Thread(target=self._run, name="narration", daemon=True)

    @property
    def _position(self) -> Position:
        """The last audible position (sentence start or word)."""
        return self._ahead.position

    @_position.setter
    def _position(self, position: Position) -> None:
        self._ahead.position = position

    def start(self) -> None:
        self._thread.start()
        self._ahead.start()

    def command(self, command: Command) -> None:
        """Take a command from any thread. Pause and stop silence the player at once, and
        resume sounds at once, on the caller's thread: the driver takes a command within a
        tick, or after the events it is sending. (A resume after a stop that the driver
        has not handled yet waits for it: it must not sound again.)"""
        if self.player and self.state != "stopped":
            if isinstance(command, Pause | Stop):
                self.player.pause()
                self._stopping = self._stopping or isinstance(command, Stop)
            elif isinstance(command, Resume) and not self._stopping and self._commands.empty():
                self.player.resume()  # (after a queued skip or play, the driver resumes)
        self._commands.put(command)

    def warn(self, line: str) -> None:
        """Tell the listener something (one line). The voice switched (a Piper voice that
        failed, and eSpeak NG speaks instead) is said first, so the warning stays shown."""
        self._voicing.tell()
        self.emit(NarrationWarning(line))

    def close(self) -> None:
        self._commands.put(Quit())
        self._thread.join(timeout=2)
        self._ahead.close()
        if self.player is not None:
            self.player.close()

    # --- the driver thread ------------------------------------------------------------

    def _run(self) -> None:
        while True:
            wait = TICK if self.state != "stopped" else None
            try:
                command: Command | None = self._commands.get(timeout=wait)
            except queue.Empty:
                command = None
            try:
                with self._ahead.lock:
                    while command is not None:  # all that came, before the next report
                        if isinstance(command, Quit):
                            return
                        self._handle(command)
                        command = self._next_command()
                    if self.state != "stopped":
                        self._report()
                        self._check_real_time()
                        self._check_finished()
            except Exception as error:  # keep the worker alive; tell the user in one line
                self._render_failed(error)

    def _render_failed(self, error: Exception) -> None:
        with self._ahead.lock:
            self._halt()
        self.emit(NarrationError(f"narration failed: {first_line(error)}"))

    def _next_command(self) -> Command | None:
        try:
            return self._commands.get_nowait()
        except queue.Empty:
            return None

    def _handle(self, command: Command) -> None:
        match command:
            case Load(article, whole=True) if self.state != "stopped":
                # The whole of the text whose beginning is playing: the same blocks and
                # more, so what is rendered and queued stays right, and rendering goes on
                # past the beginning's end.
                self.article = article
                self._ahead.extend(article)
            case Load(article):
                self._halt()
                self.article = article
                self._ahead.load(article)
                # Set again even when chosen: a Piper voice that failed on the last
                # article (and left eSpeak NG speaking) is tried again on this one.
                self._voicing.follow(self.options.voice, self.article)
            case Play(block, sentence):
                self._play(block, sentence)
            case Pause() if self.state == "playing":
                assert self.player is not None
                self.player.pause()
                self._report()  # what was heard up to the pause comes before "paused"
                self.state = "paused"
                self._emit_state()
            case Resume() if self.state == "paused":
                assert self.player is not None
                self.player.resume()
                self.state = "playing"
                self._emit_state()
            case Stop():
                if self.state != "stopped":
                    self._halt()
                    self._emit_state()
                self._stopping = False
            case Skip(blocks, sentences) if self.state != "stopped":
                self._skip(blocks, sentences)
            case Configure(options):
                self._configure(options)

    def _configure(self, options: NarrationOptions) -> None:
        """Take all the options at once. Volume is heard at once, pauses and captions from
        the next sentence rendered; a new rate or voice (or quote voice) renders again what
        is queued after the sentence being heard. An empty voice follows the article's
        language again."""
        old, self.options = self.options, options
        self._ahead.options = options
        if self.player is not None:
            self.player.volume = options.volume
        if options.rate != old.rate:
            self._ahead.tune(lambda: self.synth.set_rate(options.rate))
        if options.quote_voice != old.quote_voice:
            self._ahead.tune(lambda: None)  # quotes rendered before are in the other voice
        if options.voice != old.voice:
            self._voicing.follow(self.options.voice, self.article)
        if (options.rate, options.voice, options.quote_voice) != (
            old.rate,
            old.voice,
            old.quote_voice,
        ):
            self._rerender()

    def _play(self, block: int, sentence: int) -> None:
        if self.player is None:
            self.emit(NarrationError(self.audio_error or "No audio output device"))
            return
        if self.article is None or not self.article.blocks:
            self.emit(NarrationError("nothing to read"))
            return
        if not narrated_blocks(self.article, self.options):
            # only blocks the options pass over: say which, and the setting that reads them
            self.emit(NarrationError(nothing_to_read(self.article, self.options)))
            return
        self._halt()
        block = max(0, min(block, len(self.article.blocks) - 1))
        if not reads(self.options, self.article.blocks[block]):
            # Asked to start on a block the options leave out (a document opened from the
            # queue starts at its top, often a photo caption): start at the next one read.
            following = body_block(self.article, block, 1, self.options)
            if following is None:
                self._finish()
                return
            block, sentence = following, 0
        sentence = max(0, min(sentence, len(self.article.sentences(block)) - 1))
        self._ahead.jump(block, sentence)
        self.player.resume()
        self.state = "playing"
        self._emit_state()

    def _skip(self, blocks: int, sentences: int) -> None:
        assert self.article is not None
        played = self._ahead.played() if blocks < 0 else 0.0
        target = skip_target(
            self.article,
            self._position,
            blocks,
            sentences,
            played,
            options=self.options,
        )
        if target is None:
            self._finish()
            return
        self._ahead.jump(target.block, target.sentence, skip=True)
        self._emit_state()

    def _rerender(self) -> None:
        """After a rate or voice change: the sentence being played ends as it began, and
        the ones after it are rendered again, so the change is heard from the next
        sentence on without a gap (as from the current one when nothing is queued)."""
        if self.state == "stopped" or self.article is None or self.player is None:
            return
        if not self._ahead.keep_current():
            self._ahead.jump(self._position.block, self._position.sentence)

    def _halt(self) -> None:
        self._ahead.halt()
        self.state = "stopped"

    def _finish(self) -> None:
        self._halt()
        self.emit(Finished())

    def _emit_state(self) -> None:
        p = self._position
        self.emit(StateChanged(self.state, p.block, p.sentence, p.char))

    # --- rendering and reporting --------------------------------------------------------

    def _report(self) -> None:
        """Emit the events of everything that has become audible since the last call."""
        assert self.player is not None
        heard = self.player.audible()
        if heard is None:
            return
        queued = len(self._pending)
        for item, event in self._pending.heard(cast(int, heard[0]), heard[1]):
            self._note(event, item)
            self.emit(event)
        if len(self._pending) < queued:
            self._ahead.lock.notify_all()  # room to render one more ahead

    def _note(self, event: NarrationEvent, item: Queued) -> None:
        if isinstance(event, SentenceStarted) and self.article is not None:
            start = self.article.sentences(item.block)[item.sentence].start
            self._position = Position(item.block, item.sentence, start)
        elif isinstance(event, WordStarted):
            self._position = Position(item.block, item.sentence, event.start)

    def _check_real_time(self) -> None:
        """A device that swallows audio faster than real time is paced, so nothing races to
        the end; but the listener hears nothing, and should be told, once. Narration goes on
        (highlights at reading pace still serve reading along): a warning, not an error."""
        if not self._warned and self.player is not None and self.player.racing():
            self._warned = True
            self.emit(NarrationWarning(NOT_REAL_TIME))

    def _check_finished(self) -> None:
        assert self.player is not None
        done = self._ahead.done
        if self.state == "playing" and done and self.player.drained():
            self._finish()
