"""`reader extract` over many sources: worker processes, order kept, --from lists, Ctrl-C.

Real processes, real files and a real HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.http_support import serving
from tests.waiting import CEILING, wait_until

READER = (sys.executable, "-m", "reader")
STALLED = threading.Event()
"""Set by the server when a request for /stall has come (it then waits for RELEASE)."""
RELEASE = threading.Event()
STALL_ONCE_SEEN = threading.Event()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/slow"):
            time.sleep(1.0)  # a page that takes long: the ones after it are ready first
        elif self.path.startswith("/stall-once"):
            if not STALL_ONCE_SEEN.is_set():
                STALL_ONCE_SEEN.set()
                STALLED.set()
                RELEASE.wait(CEILING)
        elif self.path.startswith("/stall"):
            STALLED.set()
            RELEASE.wait(CEILING)
        body = article(self.path.strip("/"), 40).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    RELEASE.clear()
    with serving(Handler) as url:
        yield url
    RELEASE.set()


def article(title: str, paragraphs: int) -> str:
    body = "\n\n".join(
        f"Paragraph {n} of the piece called {title} goes on for a while, as prose does."
        for n in range(paragraphs)
    )
    return f"{title}\n\n{body}\n"


def pages(folder: Path, sizes: list[int]) -> list[str]:
    """Text files of very different sizes (paragraph counts), named by their position."""
    names = []
    for index, size in enumerate(sizes):
        path = folder / f"page{index:03d}.txt"
        path.write_text(article(f"Page {index}", size), encoding="utf-8")
        names.append(str(path))
    return names


def reader(
    *args: str, stdin: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*READER, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def titles(stdout: str) -> list[str]:
    """The name of each JSON line's piece (or its error's source), in the order written."""
    found = []
    for text in stdout.splitlines():
        record = json.loads(text)
        if "error" in record:
            found.append(record["source"])
        else:
            found.append(record["text"].split("piece called ", 1)[1].split(" goes on")[0])
    return found


def test_order_is_kept_whatever_finishes_first(tmp_path: Path, server: str) -> None:
    sources = [f"{server}/slow-first", *pages(tmp_path, [3000, 2, 400, 1, 60, 5])]
    result = reader("extract", "-j", "2", "-f", "json", *sources)
    assert result.returncode == 0, result.stderr
    assert titles(result.stdout) == ["slow-first", *(f"Page {n}" for n in range(6))]


def test_one_process_and_two_write_the_same(tmp_path: Path, server: str) -> None:
    sources = [*pages(tmp_path, [200, 1, 50, 3, 900, 2, 7]), f"{server}/over-http"]
    (tmp_path / "list").write_text("\n".join(sources) + "\n")
    for output_format in ("text", "json"):
        one = reader("extract", "-j", "1", "-f", output_format, "--from", str(tmp_path / "list"))
        two = reader("extract", "-j", "2", "-f", output_format, "--from", str(tmp_path / "list"))
        assert one.returncode == two.returncode == 0, one.stderr + two.stderr
        assert one.stdout == two.stdout
    assert titles(one.stdout) == [*(f"Page {n}" for n in range(7)), "over-http"]
    single = "".join(reader("extract", source).stdout for source in sources[:3])
    assert reader("extract", *sources[:3]).stdout == single, "many at once as one at a time"


def test_a_failing_source_is_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    first, last = pages(tmp_path, [5, 8])
    missing = str(tmp_path / "missing.txt")
    result = reader("extract", "-f", "json", "-j", "2", first, missing, last)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"reader: no such file: {missing}"]
    assert titles(result.stdout) == ["Page 0", missing, "Page 1"]
    assert json.loads(result.stdout.splitlines()[1])["error"] == f"no such file: {missing}"
    text = reader("extract", first, missing, last)
    assert text.returncode == 2
    assert text.stdout.count("Paragraph 0 of the piece") == 2
    assert text.stderr.splitlines() == [f"reader: no such file: {missing}"]


def test_sources_from_a_file_and_from_stdin(tmp_path: Path) -> None:
    names = pages(tmp_path, [4, 1, 9])
    listing = f"# pages to read\n{names[0]}\n\n   {names[1]}  \n# {names[2]} is left out\n"
    (tmp_path / "list").write_text(listing)
    from_file = reader("extract", "-f", "json", "--from", str(tmp_path / "list"), names[2])
    assert from_file.returncode == 0, from_file.stderr
    assert titles(from_file.stdout) == ["Page 2", "Page 0", "Page 1"], "arguments first"
    from_stdin = reader("extract", "-f", "json", "--from", "-", stdin=listing)
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert titles(from_stdin.stdout) == ["Page 0", "Page 1"]
    stdin_listed = reader("extract", "--from", "-", stdin="-\n")
    assert stdin_listed.returncode == 2
    assert "standard input" in stdin_listed.stderr


def test_a_list_is_read_as_it_comes(tmp_path: Path) -> None:
    """Lines piped in slowly are cleaned and written before the list ends."""
    first, second = pages(tmp_path, [3, 4])
    process = subprocess.Popen(
        [*READER, "extract", "-f", "json", "--from", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    try:
        process.stdin.write(first + "\n")
        process.stdin.flush()
        assert titles(process.stdout.readline()) == ["Page 0"]
        process.stdin.write(second + "\n")
        process.stdin.close()
        assert titles(process.stdout.read()) == ["Page 1"]
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
        process.wait()


def test_bad_lists_and_options_are_one_line(tmp_path: Path) -> None:
    missing = reader("extract", "--from", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2
    assert missing.stderr.startswith("reader: cannot read the source list")
    assert len(missing.stderr.splitlines()) == 1
    nothing = reader("extract")
    assert nothing.returncode == 2
    assert nothing.stderr.splitlines() == [
        "reader: give a SOURCE, or --from FILE (see reader extract --help)"
    ]
    assert reader("extract", "-j", "0", "x.txt").returncode == 2
    assert "exit code is then 2" in " ".join(reader("extract", "--help").stdout.split())


def _group_is_gone(group: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_ctrl_c_stops_the_workers_and_keeps_what_was_written(tmp_path: Path, server: str) -> None:
    STALLED.clear()
    first = pages(tmp_path, [6])[0]
    listing = [first, *(f"{server}/stall-{n}" for n in range(6))]
    (tmp_path / "list").write_text("\n".join(listing) + "\n")
    out = tmp_path / "out.jsonl"
    with out.open("w") as stdout:
        process = subprocess.Popen(
            [*READER, "extract", "-j", "2", "-f", "json", "--from", str(tmp_path / "list")],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own group, as a terminal's foreground job
        )
    try:
        assert STALLED.wait(CEILING), "a worker asks for a stalled page"
        wait_until(out.read_text, "the first page to be written")
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the whole group gets it
        _, stderr = process.communicate(timeout=CEILING)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr == ""
    assert titles(out.read_text()) == ["Page 0"], "what was written is whole JSON lines"
    assert _group_is_gone(process.pid, within=CEILING), "no worker is left behind"


def _children(pid: int) -> list[int]:
    tasks = Path(f"/proc/{pid}/task")
    found = []
    for task in tasks.iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def test_a_worker_that_dies_is_replaced_and_its_page_tried_again(
    tmp_path: Path, server: str
) -> None:
    STALLED.clear()
    STALL_ONCE_SEEN.clear()
    before, after = pages(tmp_path, [3, 5])
    process = subprocess.Popen(
        [*READER, "extract", "-j", "2", "-f", "json", before, f"{server}/stall-once", after],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert STALLED.wait(CEILING)
        for child in _children(process.pid):
            os.kill(child, signal.SIGKILL)  # as the kernel's out-of-memory killer would
        stdout, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 0, stderr
    assert titles(stdout) == ["Page 0", "stall-once", "Page 1"]


def test_a_notice_and_raw_go_through_the_workers(tmp_path: Path) -> None:
    from tests.test_extract_left_out import COMMENT, page_with_comments

    page = str(page_with_comments(tmp_path, 20))
    plain = pages(tmp_path, [4])[0]
    result = reader("extract", "-j", "2", plain, page, plain)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("reader: cleaning left out") == 1
    assert COMMENT.strip() not in result.stdout
    raw = reader("extract", "-j", "2", "--raw", plain, page)
    assert raw.returncode == 0, raw.stderr
    assert COMMENT.strip() in raw.stdout
