"""The command line as a user runs it: real processes, real files, real audio stack."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from tests.waiting import CEILING, ending

SEED = "cna-cambodia-scam-networks.txt"
FIRST_PARAGRAPH = "The Cambodian government on Wednesday (Nov 26) rejected"


def reader(
    *args: str, stdin: bytes | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reader: ")
    for word in words:
        assert word in lines[0]


def test_extract_json_of_the_seed(seeds_dir: Path) -> None:
    result = reader("extract", "--format", "json", str(seeds_dir / SEED))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    expected = {
        "source",
        "title",
        "byline",
        "site",
        "section",
        "published",
        "lang",
        "blocks",
        "text",
    }
    assert expected <= set(data)
    assert data["title"] == (
        "Cambodia government rejects CNA commentary on efforts to dismantle scam networks"
    )
    assert data["section"] == "Asia"
    paragraphs = data["text"].split("\n\n")
    assert len(paragraphs) == 15
    assert paragraphs[0].startswith(FIRST_PARAGRAPH)
    assert paragraphs[-1].endswith("the spokesperson added.")
    assert [b["kind"] for b in data["blocks"]].count("caption") == 1


def test_extract_text_and_markdown(seeds_dir: Path) -> None:
    text = reader("extract", str(seeds_dir / SEED))
    assert text.returncode == 0
    assert text.stdout.startswith("Cambodia government rejects CNA commentary")
    assert "Advertisement" not in text.stdout
    markdown = reader("extract", "-f", "markdown", str(seeds_dir / SEED))
    assert markdown.stdout.startswith("# Cambodia government rejects")


def test_extract_reads_stdin() -> None:
    body = "A plain paragraph of text that a user pipes in, long enough to be an article body."
    result = reader(
        "extract", "-", stdin=f"{body}\n\nAnd a second paragraph follows it here.\n".encode()
    )
    assert result.returncode == 0, result.stderr
    assert body in result.stdout


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: d / "missing.txt", ("no such file",)),
        (lambda d: d, ("directory",)),
        (
            lambda d: _write(d / "image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
            ("binary",),
        ),
        (lambda d: _write(d / "empty.txt", b""), ("empty",)),
        (lambda d: _write(d / "blank.txt", b"  \n\n\t\n"), ("empty",)),
        (
            lambda d: _write(
                d / "nav.html", b"<html><body><nav><a href=/>Home</a></nav></body></html>"
            ),
            (),
        ),
    ],
    ids=["missing", "directory", "binary", "empty", "whitespace", "no-article"],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, make: object, words: tuple[str, ...]
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    for command in (("extract",), ("export", "-o", str(tmp_path / "out.wav")), ("speak",)):
        assert_one_line_error(reader(*command, str(path)), *words)


@pytest.mark.parametrize("blank", ["", "  "], ids=["empty", "spaces"])
@pytest.mark.parametrize(
    "command",
    [(), ("extract",), ("speak",), ("queue", "add")],
    ids=["reader", "extract", "speak", "queue"],
)
def test_a_blank_source_is_named_blank(blank: str, command: tuple[str, ...]) -> None:
    """`reader "$FILE"` with FILE unset: not the library, not "is a directory" (the current
    folder), not "no such file: " with nothing after it."""
    assert_one_line_error(reader(*command, blank), "the source is blank")


def test_a_nul_byte_in_a_listed_name_fails_that_source_alone(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", b"The council met on Tuesday and agreed on the budget.\n")
    listing = _write(tmp_path / "list.txt", f"{good}\n{tmp_path}/bad\x00name.txt\n".encode())
    result = reader("extract", "-f", "json", "--from", str(listing))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    records = [json.loads(text) for text in result.stdout.splitlines()]
    assert "council met" in records[0]["text"]
    assert "NUL" in records[1]["error"]


def test_sources_may_stand_after_an_option(tmp_path: Path) -> None:
    """`reader extract a.txt -f json b.txt`: argparse alone stops at b.txt with the
    top-level usage ("unrecognized arguments")."""
    first = _write(tmp_path / "a.txt", b"The council met on Tuesday about the budget.\n")
    second = _write(tmp_path / "b.txt", b"The library stays open for another year.\n")
    result = reader("extract", str(first), "-f", "json", str(second))
    assert result.returncode == 0, result.stderr
    texts = [json.loads(record)["text"] for record in result.stdout.splitlines()]
    assert texts == [
        "The council met on Tuesday about the budget.",
        "The library stays open for another year.",
    ]
    assert reader("extract", str(first), "--bogus", str(second)).returncode == 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("extract", "-j", "0", "a.txt"), "extract: argument -j/--jobs: jobs must be between 1"),
        (("extract", "-f", "\x1b[2Jyaml", "a.txt"), "invalid choice: '\\x1b[2Jyaml'"),
        (("export", "a.txt"), "export: the following arguments are required: -o/--output"),
        (("speak", "--rate", "9", "a.txt"), "see reader speak --help"),
        (("--bogus",), "unrecognized arguments: --bogus (see reader --help)"),
    ],
    ids=["range", "choice", "missing", "rate", "unknown"],
)
def test_a_usage_error_is_one_line(args: tuple[str, ...], words: str) -> None:
    """Not argparse's usage block and then the error: one line, as every failure, saying
    where the help is."""
    assert_one_line_error(reader(*args), words)


def test_invalid_utf8_is_read_not_refused(tmp_path: Path) -> None:
    text = "Café owners say the new rules are unfair to small businesses in the old town.\n\n"
    path = _write(tmp_path / "latin1.txt", (text * 3).encode("latin-1") + b"\xff\xfe\x80 end.\n")
    result = reader("extract", str(path))
    assert result.returncode == 0, result.stderr
    assert "Café owners" in result.stdout


def test_opening_a_missing_file_in_the_reader_fails_before_the_screen(tmp_path: Path) -> None:
    assert_one_line_error(reader(str(tmp_path / "nope.html")), "no such file")
    assert_one_line_error(reader(str(tmp_path)), "directory")


def test_export_writes_the_body_as_wav(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "short.txt",
        b"A Short Title For The Test\n\nThe first paragraph is read aloud by the engine.\n\n"
        b"The second paragraph follows after a short pause.\n",
    )
    out = tmp_path / "out.wav"
    result = reader("export", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    with wave.open(str(out)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
        assert wav.getnchannels() == 1
    assert 3 < seconds < 15


def test_export_refuses_unknown_formats(tmp_path: Path, seeds_dir: Path) -> None:
    assert_one_line_error(
        reader("export", str(seeds_dir / SEED), "-o", str(tmp_path / "x.xyz")), ".wav"
    )


def test_export_to_a_folder_that_is_not_there_fails_before_any_work(
    tmp_path: Path, seeds_dir: Path
) -> None:
    """Said at once, not after the whole article was narrated (seconds, 400 MB)."""
    source = str(seeds_dir / SEED)
    a_file = _write(tmp_path / "notes.txt", b"not a folder")
    for output, words in (
        (tmp_path / "gone" / "story.wav", f"there is no folder {tmp_path / 'gone'}"),
        (a_file / "story.wav", f"{a_file} is not a folder"),
    ):
        assert_one_line_error(reader("export", source, "-o", str(output)), words)
    captions = str(tmp_path / "gone" / "story.vtt")
    result = reader("export", source, "-o", str(tmp_path / "story.wav"), "--captions", captions)
    assert_one_line_error(result, "there is no folder")
    assert not (tmp_path / "story.wav").exists()


def test_voices_lists_english() -> None:
    result = reader("voices")
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines()]
    assert any(row[0] == "espeak" and row[2].startswith("en") for row in rows)
    assert any(row[0] == "piper" and row[2] == "en-us" for row in rows)  # the bundled voice
    assert "Piper voices folder:" in result.stdout


def test_speak_prints_paragraphs_and_ctrl_c_exits_130(seeds_dir: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "speak", str(seeds_dir / SEED)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert process.stdout is not None
    with ending(process):
        deadline = time.monotonic() + CEILING
        line = ""
        while FIRST_PARAGRAPH not in line and time.monotonic() < deadline:
            line = process.stdout.readline()
        assert FIRST_PARAGRAPH in line
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=CEILING)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_queue_and_history_commands(tmp_path: Path, seeds_dir: Path) -> None:
    first, second = str(seeds_dir / SEED), str(tmp_path / "b.txt")
    Path(second).write_text("A second article to queue, with a paragraph of its own.\n")
    assert_one_line_error(reader("queue", "add", str(tmp_path / "gone.txt")), "no such file")
    added = reader("queue", "add", first, second)
    assert added.returncode == 0
    assert added.stdout.splitlines() == [f"queued: {first}", f"queued: {second}"]
    again = reader("queue", "add", second)
    assert again.stdout.splitlines() == [f"already queued: {second}"]
    listed = reader("queue", "list", "--json")
    assert [json.loads(line)["source"] for line in listed.stdout.splitlines()] == [first, second]
    assert reader("queue", "list").stdout.splitlines() == [first, second]
    assert reader("queue", "clear").returncode == 0
    assert reader("queue", "list").stdout == ""
    assert_one_line_error(reader("queue", "add"), "SOURCE")

    from reader.store import Store

    store = Store.open()  # the same isolated XDG data directory as the commands above
    assert store.warning is None
    from reader.extract import load

    store.remember(load(first))
    history = reader("history", "--json")
    records = [json.loads(line) for line in history.stdout.splitlines()]
    assert records[0]["source"] == first
    assert records[0]["title"].startswith("Cambodia government")
    assert "Cambodia government" in reader("history").stdout


def test_queue_add_counts_many_sources(tmp_path: Path) -> None:
    paths = [str(_write(tmp_path / f"{n}.txt", b"A paragraph to queue.\n")) for n in range(8)]
    assert reader("queue", "add", *paths[:2]).returncode == 0
    result = reader("queue", "add", *paths)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "queued 6 documents (2 already queued)\n"
    assert reader("queue", "list").stdout.splitlines() == paths


def test_config_path_and_edit(tmp_path: Path) -> None:
    path = reader("config", "--path").stdout.strip()
    assert path.endswith("settings.toml")
    assert path.startswith(os.environ["XDG_CONFIG_HOME"])
    env = {**os.environ, "EDITOR": f"{sys.executable} -c pass"}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "config", "--edit"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert Path(path).exists(), "--edit creates the file with the defaults first"


HOSTILE = "\x1b]0;owned\x07\x1b[31mred\x1b[0m \u202eevil\u202c \x9b2J"
"""A name a terminal would obey: OSC 0 (window title), SGR colour, a bidi override, C1 CSI."""
OBEYED = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c")


def assert_inert(text: str) -> None:
    for char in OBEYED:
        assert char not in text, f"{char!r} reached the terminal: {text!r}"


def test_history_and_queue_print_stored_names_inert(tmp_path: Path) -> None:
    from reader.extract import load
    from reader.store import Store

    path = tmp_path / f"{HOSTILE}.html"
    path.write_text(
        "<html><body><p>" + "A paragraph of an untitled page. " * 8 + "</p></body></html>"
    )
    store = Store.open()  # the same isolated XDG data directory as the commands
    store.remember(load(str(path)))
    store.queue_add([str(path)])
    store.close()
    for command in (
        ("history",),
        ("history", "--json"),
        ("queue", "list"),
        ("queue", "list", "--json"),
    ):
        result = reader(*command)
        assert result.returncode == 0, result.stderr
        assert "red" in result.stdout, command
        assert "evil" in result.stdout, command
        assert_inert(result.stdout)
    for line in reader("queue", "list", "--json").stdout.splitlines():
        assert json.loads(line)["source"] == str(path), "JSON keeps the name exact, escaped"


def test_warnings_and_errors_quote_settings_inert(tmp_path: Path) -> None:
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "reader" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text('voice = "\\u001b]0;owned\\u0007\\u009b2J"\nrate = 9.0\n')
    source = _write(tmp_path / "a.txt", b"A title\n\nA paragraph that would be read aloud.\n")
    result = reader("export", str(source), "-o", str(tmp_path / "a.wav"))
    assert result.returncode == 2
    assert "unknown voice" in result.stderr
    assert_inert(result.stderr)
    assert all(line.startswith("reader: ") for line in result.stderr.splitlines())


def test_a_store_warning_is_printed_inert(tmp_path: Path) -> None:
    data = tmp_path / HOSTILE
    (data / "reader").mkdir(parents=True)
    (data / "reader" / "reader.sqlite3").write_bytes(b"not a database " * 100)
    result = subprocess.run(
        [sys.executable, "-m", "reader", "history"],
        env={**os.environ, "XDG_DATA_HOME": str(data)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert result.stderr.startswith("reader: warning: ")
    assert "red evil" in result.stderr
    assert_inert(result.stderr)


def test_history_on_a_damaged_database_warns_once_and_starts_afresh(seeds_dir: Path) -> None:
    from reader.database import default_path
    from reader.extract import load
    from reader.store import Store
    from tests.test_store import damage_past_the_first_page

    store = Store.open()
    store.remember(load(str(seeds_dir / SEED)))
    store.close()
    damage_past_the_first_page(default_path())
    damaged = reader("history")
    assert damaged.returncode == 0
    assert damaged.stdout == ""
    [line] = damaged.stderr.splitlines()
    assert line.startswith("reader: warning: the reading history was damaged")
    assert reader("queue", "add", str(seeds_dir / SEED)).stderr == ""
    assert reader("queue", "list").stdout.strip() == str(seeds_dir / SEED)


def test_help_and_readme_say_what_reader_alone_opens() -> None:
    said = " ".join(reader("--help").stdout.split())
    assert (
        "With no SOURCE either: the library (what you read, where you stopped) when it holds "
        "documents, the bundled sample article when it is empty." in said
    )
    readme = " ".join((Path(__file__).resolve().parent.parent / "README.md").read_text().split())
    assert "opens that library when it holds documents, and the bundled sample article" in readme


class Listening:
    """`reader speak ARGS` as a process, its stdout and stderr read as they come."""

    started: ClassVar[list[subprocess.Popen[bytes]]] = []
    """Every one of them, for `ended_listening` to end."""

    def __init__(self, *args: str, cwd: Path | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "reader", "speak", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
        )
        Listening.started.append(self.process)
        self.out = self.err = ""

    def wait_for(self, text: str, *, on_stderr: bool = False, timeout: float = CEILING) -> None:
        import select

        assert self.process.stdout is not None
        assert self.process.stderr is not None
        deadline = time.monotonic() + timeout
        while text not in (self.err if on_stderr else self.out):
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} did not come:\n{self.out}\n{self.err}"
            pipes = [self.process.stdout, self.process.stderr]
            for pipe in select.select(pipes, [], [], min(left, 0.2))[0]:
                chunk = os.read(pipe.fileno(), 65536).decode()
                if pipe is self.process.stdout:
                    self.out += chunk
                else:
                    self.err += chunk
            assert self.process.poll() is None or text in self.out + self.err, self.err

    def rest(self) -> None:
        """Read what the process wrote before it ended (it has ended: the pipes are closing)."""
        assert self.process.stdout is not None
        assert self.process.stderr is not None
        self.out += self.process.stdout.read().decode()
        self.err += self.process.stderr.read().decode()

    def paragraphs(self) -> list[str]:
        return [line for line in self.out.splitlines() if line.startswith("Paragraph ")]


@pytest.fixture
def ended_listening() -> Iterator[None]:
    """A test that fails half-way leaves no `reader speak` reading on for a minute."""
    yield
    while Listening.started:
        with ending(Listening.started.pop()):
            pass


@pytest.mark.usefixtures("ended_listening")
def test_speak_resumes_after_kill_9_and_says_when_nothing_is_heard(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "long.txt",
        b"Twenty paragraphs to listen to\n\n"
        + b"\n\n".join(b"Paragraph %d is short. It ends." % n for n in range(1, 21))
        + b"\n",
    )
    first = Listening(str(source))
    # the null device takes audio faster than real time: pacing keeps time, and after some
    # seconds of that the worker says so, once
    first.wait_for("reader: warning: audio output is not playing in real time", on_stderr=True)
    assert len(first.paragraphs()) >= 2, "a few paragraphs heard in real time"
    first.process.kill()  # kill -9: no clean-up at all
    first.process.wait()
    first.rest()  # what it printed up to the kill: on a loaded machine, more than was read
    heard = first.paragraphs()
    assert first.err.count("not playing in real time") == 1

    again = Listening(source.name, cwd=tmp_path)  # another spelling, the same document
    again.wait_for("Paragraph ")
    again.wait_for(".")
    # the last paragraph printed, or (killed between saving a sentence and printing it)
    # the one after
    resumed = int(again.paragraphs()[0].split()[1])
    assert resumed in (len(heard), len(heard) + 1)
    assert heard[-1].startswith(f"Paragraph {len(heard)} ")
    assert f"resuming at paragraph {resumed} of 20" in again.err
    again.process.send_signal(signal.SIGINT)
    again.process.communicate(timeout=CEILING)
    assert again.process.returncode == 130

    over = Listening("--from-start", str(source))
    over.wait_for("Paragraph 1 is short.")
    over.process.send_signal(signal.SIGINT)
    over.process.communicate(timeout=CEILING)
    assert "resuming" not in over.err
    [record] = [json.loads(line) for line in reader("history", "--json").stdout.splitlines()]
    assert record["source"] == str(source)


def test_an_article_of_code_alone_says_which_setting_reads_it(tmp_path: Path) -> None:
    """Export and speak of a text that is all code: not "no text" but what narration skips
    and the setting that reads it."""
    source = _write(
        tmp_path / "snippet.md",
        b"# A snippet\n\n```python\ndef main() -> None:\n    print('hello')\n```\n",
    )
    for command in (("export", "-o", str(tmp_path / "out.wav")), ("speak",)):
        result = reader(*command, str(source))
        assert_one_line_error(result, "only code blocks", "read_code = true")
    assert not (tmp_path / "out.wav").exists()
