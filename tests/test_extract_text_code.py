"""Code samples in text dumps of pages: one code block each, lines and indentation kept.

The fixtures are pages of this suite (`fixtures/text/pages/*.html`) as `w3m -dump -cols 100`
and `lynx -dump -nolist -width=100` draw them: w3m sets a `<pre>` between blank lines at the
prose's margin, lynx against its own margin, right under the paragraph that introduces it.
A block quote and a poem are indented too: they are quotes, not code.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reader.extract import load
from reader.extract.text import parse_text
from reader.model import Article, BlockKind
from tests.test_extract_docs import DOCS

TEXT = Path(__file__).parent / "fixtures" / "text"
DUMPS = ["tutorial-w3m.txt", "tutorial-lynx.txt", "devlog-w3m.txt", "devlog-lynx.txt"]

FUNCTION = """\
import tomllib
from pathlib import Path


def load_settings(path: Path) -> dict[str, object]:
    with path.open("rb") as handle:
        settings = tomllib.load(handle)
    if settings.get("workers", 1) < 1:
        raise ValueError("workers must be at least 1")
    return settings"""
CONFIG = '[server]\nhost = "127.0.0.1"\nport = 8080\nworkers = 4'
SESSION = "$ python3 serve.py --config settings.toml\nserving on 127.0.0.1:8080 with 4 workers"


def code(article: Article) -> list[str]:
    return [block.text for block in article.blocks if block.kind is BlockKind.CODE]


def prose(article: Article) -> list[str]:
    return [block.text for block in article.blocks if block.kind is not BlockKind.CODE]


@pytest.mark.parametrize("name", DUMPS[:2])
def test_a_dumps_code_samples_are_code_blocks_with_their_indentation(name: str) -> None:
    article = load(str(TEXT / name))
    assert code(article) == [FUNCTION, CONFIG, SESSION]  # (the session: a command, its output)


@pytest.mark.parametrize("name", DUMPS[:2])
def test_no_line_of_a_sample_is_left_in_the_prose(name: str) -> None:
    article = load(str(TEXT / name))
    for text in prose(article):
        for line in (*FUNCTION.splitlines(), *CONFIG.splitlines(), *SESSION.splitlines()):
            if line.strip():
                assert line.strip() not in text
    assert any(text.endswith("opened in binary mode:") for text in prose(article))


@pytest.mark.parametrize("name", DUMPS[:2])
def test_an_indented_quote_and_poem_are_quotes_not_code(name: str) -> None:
    article = load(str(TEXT / name))
    quotes = [block.text for block in article.blocks if block.kind is BlockKind.QUOTE]
    assert len(quotes) == 2
    assert quotes[0].startswith("I spent an afternoon finding out")
    assert quotes[0].endswith("four years ago.")
    assert quotes[1].splitlines()[:2] == [
        "Write it down and write it plain,",
        "say what every key is for;",
    ]  # a verse keeps its lines
    assert not any("Write it down" in text or "afternoon" in text for text in code(article))


@pytest.mark.parametrize("name", DUMPS[2:])
def test_code_in_a_scrape_with_page_furniture_is_kept_where_it_stands(name: str) -> None:
    article = load(str(TEXT / name))
    samples = code(article)
    assert len(samples) == 3
    assert samples[0].startswith("#!/bin/sh\nset -eu\n")
    assert '    echo "backing up $dir"' in samples[0].splitlines()
    assert samples[1].splitlines()[0] == "fn checksum(data: &[u8]) -> u32 {"
    assert samples[2] == "[Timer]\nOnCalendar=*-*-* 03:00:00\nPersistent=true"
    kinds = [block.kind for block in article.blocks]
    first = kinds.index(BlockKind.CODE)
    assert kinds[first - 1] is BlockKind.PARAGRAPH  # the paragraph that introduces it
    texts = [block.text for block in article.blocks]
    for furniture in ("Related posts", "Share this post", "Leave a comment"):
        assert furniture not in texts


@pytest.mark.parametrize(
    ("name", "sample"),
    [
        ("mdbook.txt", 'schedule "porch" {\n    on  = "sunset"\n    off = "23:30"\n}'),
        ("sphinx.txt", '[scheduler]\nworkers = 4\nqueue = "default"'),
    ],
)
def test_documentation_dumps_keep_their_examples_as_code(name: str, sample: str) -> None:
    assert code(load(str(DOCS / name))) == [sample]


def test_indented_prose_in_plain_text_is_not_code() -> None:
    text = textwrap.dedent(
        """\
        The letter arrived on a Tuesday, and it said only this about the house by the sea:

            We kept the lamp lit every night; the ships came in, and went again,
            and nobody asked us why (nor did we tell them) until the war was over.

        Her grandmother had written a verse on the back of the envelope:

            Salt on the window, sand on the stair;
            a kettle, a candle, an empty chair.
            Come home = come home, the gulls would call;
            and we came home, and that was all.

        Nobody in the family knew who had taught it to her, or when she had learnt it.
        """
    )
    article = parse_text(text, "letter.txt")
    assert code(article) == []
    assert "Salt on the window, sand on the stair;" in article.text


def test_a_sample_in_plain_text_between_paragraphs_is_code() -> None:
    text = textwrap.dedent(
        """\
        To count the lines of every file in a folder, a short loop in the shell is enough.
        It prints each name beside its count, and the total at the end.

        for f in *.txt; do
            printf '%s %s\\n' "$(wc -l < "$f")" "$f"
        done | sort -n

        The sort puts the longest files last, where they are easy to find on the screen.
        """
    )
    article = parse_text(text, "notes.txt")
    assert code(article) == [
        'for f in *.txt; do\n    printf \'%s %s\\n\' "$(wc -l < "$f")" "$f"\ndone | sort -n'
    ]
    assert len(prose(article)) == 2


def test_a_long_sample_is_measured_once_not_once_a_line(monkeypatch: pytest.MonkeyPatch) -> None:
    # Whether a sample is text the renderer wrapped compares each line with the longest;
    # the longest was found again for each line, a time growing as the sample's square.
    from reader.extract import code_shape

    calls = [0]

    def counting_max(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        return max(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(code_shape, "max", counting_max, raising=False)
    lines = [f"x{i} = f({i});" for i in range(3000)]
    article = parse_text("\n".join(lines) + "\n", "generated.txt")
    assert [block.kind for block in article.blocks] == [BlockKind.CODE]
    assert article.blocks[0].text == "\n".join(lines)
    assert calls[0] < 1.5 * len(lines)  # (a look at each line, not one over all of them)


SHELL_INTRO = "To build it from a clean checkout you need only a compiler and make."
SHELL_AFTER = "The build takes a minute or two and leaves the program in the out folder."


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize(
    ("session", "sample"),
    [
        ("$ cd project\n$ make", "$ cd project\n$ make"),
        ("    $ cd project\n    $ make", "$ cd project\n$ make"),
        (
            "$ make\nmake: nothing to be done for 'all'",
            "$ make\nmake: nothing to be done for 'all'",
        ),
        (
            "$ thing --help\nUsage: thing [OPTIONS] FILE",
            "$ thing --help\nUsage: thing [OPTIONS] FILE",
        ),
        ("$ pip install thing", "$ pip install thing"),
        (
            "$ echo the build is done and the tests pass",
            "$ echo the build is done and the tests pass",
        ),
        ("dev@box:~/project$ make", "dev@box:~/project$ make"),
    ],
)
def test_a_short_shell_session_is_code(gap: str, session: str, sample: str) -> None:
    article = parse_text(f"{SHELL_INTRO}{gap}{session}{gap}{SHELL_AFTER}\n", "build.txt")
    assert code(article) == [sample]
    assert prose(article) == [SHELL_INTRO, SHELL_AFTER]


@pytest.mark.parametrize(
    "lines",
    [
        "$5 is the price of the basic plan.\n$10 buys the plan with support.",
        "$ 5 is what the basic plan costs.",
        "% of the vote went to the smaller parties this time.",
    ],
)
def test_prose_that_opens_with_a_dollar_amount_is_not_code(lines: str) -> None:
    article = parse_text(f"{SHELL_INTRO}\n\n{lines}\n\n{SHELL_AFTER}\n", "prices.txt")
    assert code(article) == []
    for line in lines.splitlines():
        assert line in article.text


def test_a_nested_structure_drawn_as_lines_is_one_sample() -> None:
    sample = "payload: {\n    items: [\n        items: [\n        ]\n        ...\n    ]\n    ...\n}"
    text = (
        "The client may send the server a structure nested as deep as it likes. This is what "
        f"the one in the attack looks like:\n\n{sample}\n\nThe root holds 300 lists, and each "
        "of them holds ten more, down to five levels.\n"
    )
    article = parse_text(text, "attack.txt")
    assert code(article) == [sample]
    assert len(prose(article)) == 2


def test_a_query_with_clauses_set_in_under_its_lines_is_one_sample() -> None:
    query = textwrap.dedent(
        """\
        WITH totals AS (
           SELECT
               day,
               sum(amount) AS total
           FROM
               sales
        )
        SELECT
           *,
           total NOT BETWEEN 10 AND 100 AS is_outlier,
           total NOT BETWEEN 5 AND 500 AS is_far_out
        FROM
           totals;"""
    )
    text = (
        "To find the days whose sales stand out, we compare each day's total with the bounds "
        f"we chose:\n\n{query}\n\nTwo days stand out, and both of them fall on a holiday.\n"
    )
    article = parse_text(text, "sales.txt")
    assert code(article) == [query]
    assert prose(article)[-1] == "Two days stand out, and both of them fall on a holiday."


def test_the_sentences_under_a_session_are_not_what_it_printed() -> None:
    text = f"{SHELL_INTRO}\n$ cd project\n$ make\nThe price is simple.\n$5 buys it all.\n"
    article = parse_text(text, "build.txt")
    assert code(article) == ["$ cd project\n$ make"]
    assert prose(article)[-2:] == ["The price is simple.", "$5 buys it all."]
