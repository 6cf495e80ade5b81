"""The narration loop that runs inside the worker process: sentences in, audible events out.

One driver thread owns the synthesizer and the article cursor. It renders a few sentences
ahead of the voice (synthesis is ~300x real time, so the lead stays small and a skip or a
rate change throws little away), queues them on the player, and turns the player's audible
frame into `SentenceStarted` / `WordStarted` events at the moment they are heard.
Pause and stop reach the player straight from the command thread, so they act at once.
"""

from __future__ import annotations

import queue
import threading
from typing import cast

from reader.model import Article, BlockKind, Position
from reader.narration.clause import first_clause, trimmed
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
from reader.narration.engine import DEFAULT_LANGUAGE, Synthesizer
from reader.narration.events import (
    EngineReady,
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
from reader.narration.language import article_language
from reader.narration.navigation import body_block, skip_target
from reader.narration.options import reads, silence
from reader.narration.player import Player, first_line
from reader.narration.speech import render
from reader.narration.timeline import Queued, Timeline
from reader.narration_options import NarrationOptions

AHEAD = 3
"""Sentences rendered and queued beyond the one being heard."""
NOT_REAL_TIME = (
    "audio output is not playing in real time: nothing is being heard "
    "(is a sound device connected?)"
)
TICK = 0.01


CODE_SKIPPED = "Code block skipped."
"""Said where narration first passes over a code block (`read_code` off)."""


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
        self.voice_name = getattr(synth, "voice_name", "")
        self.article: Article | None = None
        self.state: PlayState = "stopped"
        self._commands: queue.Queue[Command] = queue.Queue()
        self._stopping = False
        self._told_code_skipped = False
        """"Code block skipped." was said in this article (it is said once)."""
        """A stop was asked for and not yet handled: a resume must not sound before it."""
        self._cursor: tuple[int, int] | None = None
        """The next sentence to render."""
        self._rendered: tuple[int, int] | None = None
        """The last sentence rendered."""
        self._offset: int | None = None
        """Frames of the cursor's paragraph rendered before it (see `Queued.offset`)."""
        self._rest: int | None = None
        """Where rendering goes on inside the cursor's sentence when its first clause was
        rendered alone (a display offset); None: from the sentence's start."""
        self._pending = Timeline()
        self._warned = False
        """`NOT_REAL_TIME` is said once per worker (pacing goes on keeping time)."""
        self._position = Position()
        """The last audible position (sentence start or word)."""
        self._thread = threading.Thread(target=self._run, name="narration", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def command(self, command: Command) -> None:
        """Take a command from any thread. Pause and stop silence the player at once, and
        resume sounds at once: the driver thread may be rendering a sentence, which takes
        up to a second with a neural voice on a busy machine. (A resume after a stop that
        the driver has not handled yet waits for it: it must not sound again.)"""
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
        self._voice_followed()
        self.emit(NarrationWarning(line))

    def close(self) -> None:
        self._commands.put(Quit())
        self._thread.join(timeout=2)
        if self.player is not None:
            self.player.close()

    # --- the driver thread ------------------------------------------------------------

    def _run(self) -> None:
        while True:
            busy = self.state != "stopped"
            wait = 0 if busy and self._needs_render() else TICK if busy else None
            try:
                command: Command | None = self._commands.get(timeout=wait)
            except queue.Empty:
                command = None
            try:
                if isinstance(command, Quit):
                    return
                while command is not None:  # all that came, before the next render
                    self._handle(command)
                    command = self._next_command()
                    if isinstance(command, Quit):
                        return
                if self.state != "stopped":
                    self._report()
                    self._check_real_time()
                    if self._needs_render():
                        self._render_next()
                    self._check_finished()
            except Exception as error:  # keep the worker alive; tell the user in one line
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
                if self._cursor is None and self._rendered is not None:
                    self._cursor = self._following(*self._rendered, last=True)
            case Load(article):
                self._halt()
                self.article = article
                self._told_code_skipped = False
                # Set again even when chosen: a Piper voice that failed on the last
                # article (and left eSpeak NG speaking) is tried again on this one.
                if self.options.voice:
                    self._set_voice(self.options.voice)
                else:
                    self._set_voice(article_language(article) or DEFAULT_LANGUAGE, fallback=True)
            case Play(block, sentence):
                self._play(block, sentence)
            case Pause() if self.state == "playing":
                assert self.player is not None
                self.player.pause()
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
        the next sentence rendered; a new rate or voice renders again what is queued after
        the sentence being heard. An empty voice follows the article's language again."""
        old, self.options = self.options, options
        if self.player is not None:
            self.player.volume = options.volume
        if options.rate != old.rate:
            self.synth.set_rate(options.rate)
        if options.voice != old.voice:
            if options.voice:
                self._set_voice(options.voice)
            else:
                language = article_language(self.article) if self.article is not None else ""
                self._set_voice(language or DEFAULT_LANGUAGE, fallback=True)
        if options.rate != old.rate or options.voice != old.voice:
            self._rerender()

    def _set_voice(self, voice: str, *, fallback: bool = False) -> None:
        """Switch voices and say so with a fresh `EngineReady` (the UI shows the voice)."""
        try:
            self.synth.set_voice(voice, fallback=fallback)
        except ValueError as error:
            self.emit(NarrationError(str(error)))
            return
        self._voice_followed()

    def _voice_followed(self) -> None:
        """A fresh `EngineReady` when the synthesizer's voice is not the one last said."""
        name = getattr(self.synth, "voice_name", "")
        if name != self.voice_name:
            self.voice_name = name
            self.emit(EngineReady(name, self.synth.sample_rate, self.audio_error))

    def _play(self, block: int, sentence: int) -> None:
        if self.player is None:
            self.emit(NarrationError(self.audio_error or "No audio output device"))
            return
        if self.article is None or not self.article.blocks:
            self.emit(NarrationError("nothing to read"))
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
        self._jump(block, sentence)
        self.player.resume()
        self.state = "playing"
        self._emit_state()

    def _skip(self, blocks: int, sentences: int) -> None:
        assert self.article is not None
        played = self._played() if blocks < 0 else 0.0
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
        self._jump(target.block, target.sentence)
        self._emit_state()

    def _played(self) -> float | None:
        """Seconds of the audible paragraph heard so far (None when unknown)."""
        assert self.player is not None
        heard = self.player.audible()
        if heard is None:
            return 0.0  # nothing of the current run is audible yet: it has just begun
        item = self._pending.find(cast(int, heard[0]))
        if item is None or item.offset is None:
            return None
        return (item.offset + heard[1]) / self.synth.sample_rate

    def _jump(self, block: int, sentence: int) -> None:
        """Drop what is queued and carry on (playing or paused) from this sentence."""
        assert self.article is not None
        assert self.player is not None
        self.player.clear()
        self._pending.clear()
        self._cursor = (block, sentence)
        self._rest = None
        self._offset = 0 if sentence == 0 else None
        start = self.article.sentences(block)[sentence].start
        self._position = Position(block, sentence, start)

    def _rerender(self) -> None:
        """After a rate or voice change: the sentence being played ends as it began, and
        the ones after it are rendered again, so the change is heard from the next
        sentence on without a gap (as from the current one when nothing is queued)."""
        if self.state == "stopped" or self.article is None or self.player is None:
            return
        kept = self.player.keep_current()
        item = self._pending.find(cast(int, kept[0])) if kept else None
        if kept is None or item is None:
            self._jump(self._position.block, self._position.sentence)
            return
        self._pending.drop_after(item.tag)
        last = item.rest is None and item.sentence + 1 >= len(self.article.sentences(item.block))
        if item.rest is None:
            self._cursor = self._following(item.block, item.sentence, last)
        else:
            self._cursor = (item.block, item.sentence)
        self._rest = item.rest
        self._offset = 0 if last else None if item.offset is None else item.offset + kept[1]

    def _halt(self) -> None:
        if self.player is not None:
            self.player.stop()
        self._pending.clear()
        self._cursor = None
        self.state = "stopped"

    def _finish(self) -> None:
        self._halt()
        self.emit(Finished())

    def _emit_state(self) -> None:
        p = self._position
        self.emit(StateChanged(self.state, p.block, p.sentence, p.char))

    # --- rendering and reporting --------------------------------------------------------

    def _needs_render(self) -> bool:
        return self._cursor is not None and len(self._pending) <= AHEAD

    def _render_next(self) -> None:
        """Render the cursor's sentence and queue it; when nothing is queued before it (play
        or a skip has just started there) and the voice renders slowly, its first clause
        alone first, so that it is heard sooner (`clause`)."""
        assert self.article is not None
        assert self.player is not None
        assert self._cursor is not None
        block, sentence = self._rendered = self._cursor
        spans = self.article.sentences(block)
        span = spans[sentence]
        text = self.article.blocks[block].text
        start = span.start if self._rest is None else self._rest
        cut = None
        if self._rest is None and not self._pending and getattr(self.synth, "slow", False):
            cut = first_clause(text, span.start, span.end)
        clip = render(self.synth, text[start : span.end if cut is None else cut.end])
        last = cut is None and sentence + 1 >= len(spans)
        pcm = clip.pcm
        if cut is not None:
            pcm = trimmed(pcm, clip.sample_rate, cut.pause_ms)
        else:
            self._cursor = self._following(block, sentence, last)
            if self._cursor is not None:  # nothing after the article's last sentence
                pcm += silence(clip.sample_rate, self.options.pause_after(last))
            if last and self._passes_code(block):
                pcm += self._code_skipped_notice()
        opens = self._rest is None
        self._rest = None if cut is None else cut.end
        offset = self._offset
        self._offset = 0 if last else None if offset is None else offset + len(pcm) // 2
        tag = self._pending.add(clip, block, sentence, start, offset, opens=opens, rest=self._rest)
        self.player.enqueue(pcm, tag)

    def _passes_code(self, block: int) -> bool:
        """Whether narration goes from `block` past a code block it does not read, the
        first time in this article (the listener is told once, not at every one)."""
        assert self.article is not None
        if self._told_code_skipped or self.options.read_code:
            return False
        following = self._cursor[0] if self._cursor is not None else len(self.article.blocks)
        between = self.article.blocks[block + 1 : following]
        return any(b.kind is BlockKind.CODE for b in between)

    def _code_skipped_notice(self) -> bytes:
        """The words said in place of a code block, and the pause after them."""
        self._told_code_skipped = True
        pcm = render(self.synth, CODE_SKIPPED).pcm
        return pcm + silence(self.synth.sample_rate, self.options.paragraph_pause_ms)

    def _following(self, block: int, sentence: int, last: bool) -> tuple[int, int] | None:
        if not last:
            return (block, sentence + 1)
        assert self.article is not None
        following = body_block(self.article, block, 1, self.options)
        return None if following is None else (following, 0)

    def _report(self) -> None:
        """Emit the events of everything that has become audible since the last call."""
        assert self.player is not None
        heard = self.player.audible()
        if heard is None:
            return
        for item, event in self._pending.heard(cast(int, heard[0]), heard[1]):
            self._note(event, item)
            self.emit(event)

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
        done = self._cursor is None and self._pending.reported()
        if self.state == "playing" and done and self.player.drained():
            self._finish()
