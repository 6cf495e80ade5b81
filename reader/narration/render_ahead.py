"""Rendering ahead of the voice, on a thread of its own: the session's commands never wait
for a render.

One render thread keeps `AHEAD` sentences queued on the player beyond the one being heard,
in reading order from the cursor. When that queue is full it renders (`openings`) the
first sentences of the paragraphs a skip is likely to land on (the next, this one, the
one before), so that Next and Previous play audio already rendered; linear rendering takes
a kept opening too when it reaches it, so nothing is rendered twice. What is queued for a
sentence (its pause, the notices around it) is put together by `sentence_audio`.

A skip forward over blocks narration does not read (a table, a code block) says their
notice before the sentence it lands on, as narration going on past them would have
("Table skipped.", `skipped`: each kind once an article).

Everything here is guarded by `lock` (the session holds it while it handles a command or
reports what was heard); a synthesis runs outside it. A voice or rate change is made on the
render thread too, between two renders (`tune`), so it never races a synthesis and the
command that asked for it does not wait for one. Each render remembers the `epoch` (where
the cursor was set) and `generation` (which voice, rate and article) it was made for: a
command that moved the cursor, or changed the voice or rate, while it rendered makes it
stale, and a stale render is dropped, never queued.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from reader.model import Article, BlockKind, Position
from reader.narration.clause import Cut, first_clause
from reader.narration.engine import Clip, Synthesizer
from reader.narration.navigation import body_block
from reader.narration.openings import Openings
from reader.narration.options import speaker
from reader.narration.player import Player
from reader.narration.sentence_audio import Notices, notices, sentence_audio
from reader.narration.skipped import notice_language, passed_over
from reader.narration.speech import render
from reader.narration.timeline import Timeline
from reader.narration_options import NarrationOptions

AHEAD = 3
"""Sentences rendered and queued beyond the one being heard."""
RUNWAY = 3.0
"""Seconds of queued audio under which the next sentence renders before anything else (a
Piper sentence takes up to a second to render on a busy machine)."""
IDLE = 0.1
"""Seconds the render thread sleeps when nothing wakes it (a safety net, not a tick)."""


@dataclass(frozen=True, slots=True)
class _Job:
    epoch: int
    generation: int
    block: int
    sentence: int
    text: str
    """The display text to render (a sentence, its first clause, or its rest)."""
    start: int
    """Where `text` starts in the block."""
    cut: Cut | None = None
    clip: Clip | None = None
    """Already rendered (found in the cache)."""
    cached: bool = False
    """A paragraph opening rendered for the cache, not for the queue."""
    lead: tuple[BlockKind, ...] = ()
    """The kinds whose notice is said before it (a skip jumped over them)."""


class RenderAhead:
    def __init__(
        self,
        synth: Synthesizer,
        player: Player | None,
        options: NarrationOptions,
        on_error: Callable[[Exception], None],
    ) -> None:
        self.synth = synth
        self.player = player
        self.options = options
        self.lock = threading.Condition(threading.RLock())
        self.pending = Timeline()
        """What is queued on the player, and the events still to report for it."""
        self.article: Article | None = None
        self.position = Position()
        """The last audible position (the session keeps it): what skips start from."""
        self.epoch = 0
        self.generation = 0
        self._on_error = on_error
        self._cursor: tuple[int, int] | None = None
        """The next sentence to render."""
        self._rendered: tuple[int, int] | None = None
        """The last sentence rendered."""
        self._offset: int | None = None
        """Frames of the cursor's paragraph rendered before it (see `Queued.offset`)."""
        self._rest: int | None = None
        """Where rendering goes on inside the cursor's sentence when its first clause was
        rendered alone (a display offset); None: from the sentence's start."""
        self._lead: tuple[BlockKind, ...] = ()
        """The notices said before the cursor's sentence: kinds a skip jumped over."""
        self._openings = Openings()
        self._tunings: list[Callable[[], None]] = []
        """Voice and rate changes to make before the next render."""
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="render-ahead", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        with self.lock:
            self._closed = True
            self.lock.notify_all()
        self._thread.join(timeout=2)

    # --- what the session changes (each wakes the render thread) --------------------------

    def load(self, article: Article) -> None:
        with self.lock:
            self.halt()
            self.article = article
            self.generation += 1  # what renders now is of another article
            self._openings.clear()
            self.pending.forget()  # each notice is said once an article (`skipped`)

    def extend(self, article: Article) -> None:
        """The whole of the text whose beginning is playing: the same blocks and more, so
        what is rendered and queued stays right, and rendering goes on past its end."""
        with self.lock:
            self.article = article
            if self._cursor is None and self._rendered is not None:
                self._cursor = self._following(*self._rendered, last=True)
            self.lock.notify_all()

    def halt(self) -> None:
        with self.lock:
            if self.player is not None:
                self.player.stop()
            self.pending.clear()
            self._cursor, self._lead = None, ()
            self.epoch += 1

    def tune(self, change: Callable[[], None]) -> None:
        """Make `change` to the synthesizer (a voice or a rate) on the render thread before
        it renders again; what was rendered before it (cached or in progress) is stale."""
        with self.lock:
            self._tunings.append(change)
            self.generation += 1
            self._openings.clear()
            self.lock.notify_all()

    def jump(self, block: int, sentence: int, *, skip: bool = False) -> None:
        """Carry on (playing or paused) from this sentence: with what is already queued for
        it when it is there (a skip forward over render-ahead), else from a fresh cursor
        (its first clause first when the voice is slow and it is not cached). A `skip`
        forward over blocks left out says their notices first, those not heard yet."""
        assert self.player is not None
        with self.lock:
            lead = self._jumped_over(block) if skip else ()
            self.position = self._opening(block, sentence)
            queued = self.pending.opening(block, sentence)
            if not lead and queued is not None and self.player.drop_before(queued.tag):
                self.pending.drop_before(queued.tag)
                self.lock.notify_all()  # room to render more ahead
                return
            self.player.clear()
            self.pending.clear()
            self._restart((block, sentence), None, 0 if sentence == 0 else None, lead)

    def keep_current(self) -> bool:
        """After a rate or voice change: the sentence being heard ends as it began and the
        ones after it are rendered again (False when nothing is queued: jump instead)."""
        assert self.player is not None
        with self.lock:
            kept = self.player.keep_current()
            item = self.pending.find(kept[0]) if kept and isinstance(kept[0], int) else None
            if kept is None or item is None or self.article is None:
                return False
            self.pending.drop_after(item.tag)
            spans = self.article.sentences(item.block)
            last = item.rest is None and item.sentence + 1 >= len(spans)
            if item.rest is None:
                cursor = self._following(item.block, item.sentence, last)
            else:
                cursor = (item.block, item.sentence)
            offset = None if item.offset is None else item.offset + kept[1]
            self._restart(cursor, item.rest, 0 if last else offset)
            return True

    def played(self) -> float | None:
        """Seconds of the audible paragraph heard so far (None when unknown)."""
        assert self.player is not None
        with self.lock:
            heard = self.player.audible()
            if heard is None:
                return 0.0  # nothing of the current run is audible yet: it has just begun
            item = self.pending.find(heard[0]) if isinstance(heard[0], int) else None
            if item is None or item.offset is None:
                return None
            return (item.offset + heard[1]) / self.synth.sample_rate

    @property
    def done(self) -> bool:
        """Nothing left to render, and every event of what is queued reported."""
        with self.lock:
            return self._cursor is None and self.pending.reported()

    def _restart(
        self,
        cursor: tuple[int, int] | None,
        rest: int | None,
        offset: int | None,
        lead: tuple[BlockKind, ...] = (),
    ) -> None:
        self._cursor, self._rest, self._offset, self._lead = cursor, rest, offset, lead
        self.epoch += 1
        self.lock.notify_all()

    def _jumped_over(self, block: int) -> tuple[BlockKind, ...]:
        """The notices due for the blocks between the audible one and `block` (a skip
        forward): the kinds left out there whose notice was not heard in this article.
        What is queued is not counted: a skip that says them drops it all."""
        here, article = self.position.block, self.article
        if article is None or block <= here + 1:
            return ()
        between = article.blocks[here + 1 : block]
        return tuple(passed_over(between, self.options, self.pending.heard_notices()))

    def _opening(self, block: int, sentence: int) -> Position:
        assert self.article is not None
        return Position(block, sentence, self.article.sentences(block)[sentence].start)

    # --- the render thread --------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self.lock:
                job = None
                while not self._tunings and (job := self._take()) is None:
                    if self._closed:
                        return
                    self.lock.wait(IDLE)
                tunings, self._tunings = self._tunings, []
            try:
                for change in tunings:
                    change()
                if job is not None and not tunings:
                    clip, lead, notices = self._render(job)
                    with self.lock:
                        self._commit(job, clip, lead, notices)
            except Exception as error:  # the session halts and says so in one line
                self._on_error(error)

    def _take(self) -> _Job | None:
        """What to render next: the next sentence when less than `RUNWAY` is queued, then
        the next paragraph's opening (what Next plays), then the sentences ahead, then the
        openings of this paragraph and the one before (what Previous plays)."""
        if self._closed or self.article is None:
            return None
        linear = self._cursor is not None
        if linear and (not self.pending or self._runway() < RUNWAY):
            return self._next_job()
        following = self._cache_job((1,))
        if following is not None:
            return following
        if linear and len(self.pending) <= AHEAD:
            return self._next_job()
        return self._cache_job((0, -1))

    def _next_job(self) -> _Job:
        assert self.article is not None
        assert self._cursor is not None
        block, sentence = self._cursor
        span = self.article.sentences(block)[sentence]
        text = self.article.blocks[block].text
        base = (self.epoch, self.generation, block, sentence)
        if self._rest is not None:
            return _Job(*base, text[self._rest : span.end], self._rest, lead=self._lead)
        clip = self._openings.get(block, sentence)
        if clip is not None:
            return _Job(*base, "", span.start, clip=clip, lead=self._lead)
        cut = None
        if not self.pending and getattr(self.synth, "slow", False):
            cut = first_clause(text, span.start, span.end)
        end = span.end if cut is None else cut.end
        return _Job(*base, text[span.start : end], span.start, cut, lead=self._lead)

    def _runway(self) -> float:
        """Seconds of audio queued on the player, not yet handed to the device."""
        if self.player is None:
            return 0.0
        return self.player.queued_frames() / self.synth.sample_rate

    def _cache_job(self, steps: tuple[int, ...]) -> _Job | None:
        """The first sentence of the paragraph `step` away (the next: 1) for the first of
        `steps` where it is not rendered yet (`Openings.wanted`)."""
        article = self.article
        if article is None or (self._cursor is None and not self.pending):
            return None  # stopped: nothing is rendered for a play that may not come
        block = self._openings.wanted(
            article,
            self.position.block,
            steps,
            self.options,
            lambda block: self.pending.opening(block, 0) is not None,
        )
        if block is None:
            return None
        span = article.sentences(block)[0]
        text = article.blocks[block].text[span.start : span.end]
        return _Job(self.epoch, self.generation, block, 0, text, span.start, cached=True)

    def _render(self, job: _Job) -> tuple[Clip, Notices, Notices]:
        """The job's clip, the notices said before it (`_Job.lead`), and those said for
        the blocks passed over after it."""
        clip = job.clip if job.clip is not None else render(self._speaker(job), job.text)
        kinds, language = self._passed(job)
        return clip, notices(self.synth, job.lead, language), notices(self.synth, kinds, language)

    def _commit(self, job: _Job, clip: Clip, lead: Notices, after: Notices) -> None:
        """Queue the render (or cache it), unless a command has made it stale."""
        if job.generation != self.generation:
            return
        whole = job.cut is None and job.start == self._opening(job.block, job.sentence).char
        if whole and job.sentence == 0:
            self._openings.keep(job.block, clip)
        if job.cached or job.epoch != self.epoch:
            return
        assert self.article is not None
        block, sentence = self._rendered = (job.block, job.sentence)
        last = job.cut is None and sentence + 1 >= len(self.article.sentences(block))
        if job.cut is None:
            self._cursor = self._following(block, sentence, last)
        more = self._cursor is not None
        pcm, before = sentence_audio(
            clip, self.options, cut=job.cut, before=lead, after=after, last=last, more=more
        )
        opens = self._rest is None
        self._rest = None if job.cut is None else job.cut.end
        offset = self._offset
        if offset is not None:
            offset -= before  # the paragraph starts after the notices
        self._offset = 0 if last else None if offset is None else offset + len(pcm) // 2
        self._lead = ()
        tag = self.pending.add(
            clip,
            block,
            sentence,
            job.start,
            offset,
            opens=opens,
            rest=self._rest,
            notices=tuple(kind for kind, _ in after),
            before=job.lead,
            lead=before,
        )
        assert self.player is not None
        self.player.enqueue(pcm, tag)

    def _speaker(self, job: _Job) -> Synthesizer:
        """Who reads the job's block (a quote may be read in another voice)."""
        with self.lock:
            article, options = self.article, self.options
        if article is None or job.block >= len(article.blocks):
            return self.synth
        return speaker(self.synth, options, article.blocks[job.block])

    def _passed(self, job: _Job) -> tuple[list[BlockKind], str]:
        """The kinds to announce after the job's sentence, narration going on past blocks
        it does not read (each kind the first time in this article, not said before it
        either), and the language of its notices."""
        if job.cached:
            return [], ""
        with self.lock:
            article, block = self.article, job.block
            if article is None or job.epoch != self.epoch or job.generation != self.generation:
                return [], ""  # stale: it will not be queued
            kinds: list[BlockKind] = []
            if job.cut is None and job.sentence + 1 >= len(article.sentences(block)):
                following = body_block(article, block, 1, self.options)
                end = len(article.blocks) if following is None else following
                told = self.pending.told().union(job.lead)
                kinds = passed_over(article.blocks[block + 1 : end], self.options, told)
            said = kinds or job.lead
            return kinds, notice_language(self.options, article) if said else ""

    def _following(self, block: int, sentence: int, last: bool) -> tuple[int, int] | None:
        if not last:
            return (block, sentence + 1)
        assert self.article is not None
        following = body_block(self.article, block, 1, self.options)
        return None if following is None else (following, 0)
