"""The commands to the worker: typed both ways over the pipe, strict about what they read,
and a worker that reports a bad line and carries on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind
from reader.narration import events
from reader.narration.commands import (
    Command,
    CommandError,
    Configure,
    Load,
    Pause,
    Play,
    Quit,
    Resume,
    Skip,
    Stop,
    from_json,
    options_from_json,
    options_to_json,
    to_json,
)
from reader.narration.events import (
    EngineReady,
    Finished,
    NarrationError,
    NarrationWarning,
    SentenceStarted,
)
from reader.narration.worker import PACING_VARIABLE
from reader.narration_options import NarrationOptions
from tests.narration_support import Events, is_a
from tests.waiting import CEILING

ARTICLE = split_sentences(
    Article(
        source="test",
        title="Two paragraphs",
        lang="en",
        byline="Someone",
        blocks=(
            Block(BlockKind.HEADING, "A heading", 2),
            Block(BlockKind.PARAGRAPH, "The first sentence. The second one."),
            Block(BlockKind.PARAGRAPH, "The end."),
        ),
    )
)
EVERY_COMMAND: list[Command] = [
    Load(ARTICLE, whole=False),
    Load(ARTICLE, whole=True),
    Play(3, 1),
    Pause(),
    Resume(),
    Stop(),
    Skip(-1, 0),
    Skip(0, 2),
    Configure(NarrationOptions()),
    Configure(NarrationOptions("en-us", 2.5, 0.3, 900, 40, True)),
    Configure(NarrationOptions(voice='a "quoted"\nvoice \x1b ✓')),
    Quit(),
]


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda c: type(c).__name__)
def test_every_command_round_trips(command: Command) -> None:
    line = to_json(command)
    assert "\n" not in line, "one command, one line"
    assert json.loads(line)["type"] == type(command).__name__
    assert from_json(line) == command


def test_options_round_trip_as_the_workers_argument() -> None:
    options = NarrationOptions("fr", 0.75, 0.2, 0, 500, True)
    assert options_from_json(options_to_json(options)) == options


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('{"cmd": "explode"}', ("needs a 'type'", "'cmd'")),
        ('{"type": "Explode"}', ("unknown command", "'Explode'")),
        ('{"type": 3}', ("unknown command",)),
        ('{"type": "Play", "block": "x", "sentence": 0}', ("Play.block", "int", "'x'")),
        ('{"type": "Play", "block": true, "sentence": 0}', ("Play.block", "int")),
        ('{"type": "Play", "block": 1.5, "sentence": 0}', ("Play.block", "int")),
        ('{"type": "Play", "block": 1}', ("Play", "missing field 'sentence'")),
        ('{"type": "Pause", "now": true}', ("Pause", "unexpected field 'now'")),
        ('{"type": "Skip", "blocks": null, "sentences": 0}', ("Skip.blocks",)),
        ('{"type": "Load", "article": 3, "whole": false}', ("Load.article", "article")),
        ('{"type": "Load", "article": {"blocks": []}, "whole": false}', ("Load.article",)),
        ('{"type": "Configure", "options": {"rate": 2}}', ("Configure.options", "missing")),
        ('{"type": "Configure", "options": []}', ("Configure.options", "object")),
        ("[1, 2]", ("JSON object",)),
        ("not json", ("not JSON",)),
    ],
)
def test_a_malformed_command_is_refused_with_a_reason(line: str, words: tuple[str, ...]) -> None:
    with pytest.raises(CommandError) as raised:
        from_json(line)
    assert isinstance(raised.value, ValueError)
    message = str(raised.value)
    assert "\n" not in message
    for word in words:
        assert word in message


def test_options_out_of_range_are_clamped_but_wrong_types_refused() -> None:
    line = to_json(Configure(NarrationOptions()))
    data = json.loads(line)
    data["options"]["rate"] = 99
    command = from_json(json.dumps(data))
    assert command == Configure(NarrationOptions(rate=3.0))
    data["options"]["read_captions"] = "yes"
    with pytest.raises(CommandError, match=r"Configure\.options\.read_captions"):
        from_json(json.dumps(data))


class Worker:
    """The worker process driven by hand, as the narrator drives it."""

    def __init__(self) -> None:
        env = {**os.environ, PACING_VARIABLE: "0"}  # the null device may run ahead
        self.process = subprocess.Popen(
            [sys.executable, "-m", "reader.narration.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
        )
        self.events = Events()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.events(events.from_json(line))

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()


def test_the_worker_reports_a_bad_line_and_goes_on() -> None:
    worker = Worker()
    try:
        worker.events.until(is_a(EngineReady))
        worker.send('{"cmd": "explode"}')
        worker.send('{"type": "Play", "block": "x", "sentence": 0}')
        worker.send("")  # blank lines are nothing at all
        first = worker.events.until(is_a(NarrationWarning))[-1]
        second = worker.events.until(is_a(NarrationWarning))[-1]
        assert isinstance(first, NarrationWarning)
        assert isinstance(second, NarrationWarning)
        assert "'type'" in first.message
        assert "Play.block" in second.message
        worker.send(to_json(Load(ARTICLE, whole=False)))
        worker.send(to_json(Play(1, 0)))
        heard = worker.events.until(is_a(Finished))
        started = [(e.block, e.sentence) for e in heard if isinstance(e, SentenceStarted)]
        assert started == [(1, 0), (1, 1), (2, 0)]
        assert not any(isinstance(e, NarrationError | NarrationWarning) for e in heard)
        worker.send(to_json(Quit()))
        assert worker.process.wait(timeout=CEILING) == 0
    finally:
        if worker.process.poll() is None:
            worker.process.kill()
            worker.process.wait()
