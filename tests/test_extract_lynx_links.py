"""`lynx -dump` with its link list: the "[12]" markers leave the text, the "References"
list leaves the article, and each marked link is a link of its paragraph.

The fixtures are pages of this suite (`fixtures/text/pages/*.html`) as `lynx -dump
-width=100` writes them, and the same page with `-nolist` (no markers, no list).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reader.extract import load
from reader.extract.text import parse_text
from reader.markdown_writer import article_markdown
from reader.model import Article, InlineStyle
from reader.narration.speech import speech_text

TEXT = Path(__file__).parent / "fixtures" / "text"
NEWS = TEXT / "harbour-news-lynx.txt"
PLAIN = TEXT / "harbour-news-lynx-nolist.txt"
DEVLOG = TEXT / "devlog-lynx-links.txt"


def links(article: Article) -> list[tuple[str, str | None]]:
    return [
        (block.text[span.start : span.end], span.href)
        for block in article.blocks
        for span in block.inline
        if span.style is InlineStyle.LINK
    ]


def test_the_markers_and_the_list_change_nothing_the_article_says() -> None:
    listed, plain = load(str(NEWS)), load(str(PLAIN))
    assert [(b.kind, b.text) for b in listed.blocks] == [(b.kind, b.text) for b in plain.blocks]
    assert (listed.title, listed.byline, listed.published) == (
        "Ferry to the outer islands returns after a winter away",
        "Maren Holt",
        "14 March 2025",
    )
    assert (plain.title, plain.byline, plain.published) == (
        listed.title,
        listed.byline,
        listed.published,
    )


def test_no_marker_is_shown_or_read_aloud() -> None:
    article = load(str(NEWS))
    assert not re.search(r"\[\d+\]", article.text)
    for block in article.blocks:
        for span in article.sentences(article.blocks.index(block)):
            assert "bracket" not in speech_text(block.text[span.start : span.end]).text
    assert "from the North Coast Ferry Company, which" in article.text
    assert "kept the hired boat in port. " not in article.text  # the paragraph ends there
    assert any(block.text.endswith("kept the hired boat in port.") for block in article.blocks)


def test_the_reference_list_is_not_article_text() -> None:
    article = load(str(NEWS))
    text = "\n".join(block.text for block in article.blocks)
    for word in ("References", "Visible links", "Hidden links", "https://", "gazette.example"):
        assert word not in text
    assert article.left_out == 0


def test_each_marked_link_is_a_link_over_its_words() -> None:
    assert links(load(str(NEWS))) == [
        ("Skerry Star", "https://example.org/ferries/skerry-star"),
        ("the annual transport report", "https://example.org/council/report-2025.pdf"),
        ("North Coast Ferry Company", "https://example.org/operators/north-coast"),
        ("her blog", "https://example.org/blogs/ellen"),
        ("the council's website", "https://example.org/timetables/summer"),
    ]


def test_a_link_that_is_a_whole_short_line_covers_it() -> None:
    text = NEWS.read_text()
    article = parse_text(text, "news.txt", raw=True)  # nothing cleaned away: menus stay
    found = dict(links(article))
    assert (
        found["Harbour wall repairs to start in May"] == "https://gazette.example/news/harbour-wall"
    )
    assert found["Local news"] == "https://gazette.example/news/local"
    shown = "\n".join(block.text for block in article.blocks)
    assert re.findall(r"\[\d+\]", shown) == ["[1]"]  # the note's own marker: "port.^[1]"


def test_dumps_of_several_pages_each_keep_their_own_links() -> None:
    text = NEWS.read_text() + "\n\n" + DEVLOG.read_text()
    article = parse_text(text, "two.txt", raw=True)
    found = dict(links(article))
    assert found["Skerry Star"] == "https://example.org/ferries/skerry-star"
    assert found["Why we stopped trusting RAID"] == "file:///posts/raid"
    assert found["Twitter"] == "https://twitter.com/intent/tweet"
    shown = "\n".join(block.text for block in article.blocks)
    assert "References" not in shown
    assert re.findall(r"\[\d+\]", shown) == ["[1]"]


def test_a_numbered_list_of_addresses_without_markers_is_the_articles_own() -> None:
    text = (
        "The figures in this piece come from three public sources, listed below so that\n"
        "anyone can check them; each of them publishes its data once a year.\n\n"
        "Sources\n\n"
        "   1. https://example.org/statistics/ferries\n"
        "   2. https://example.org/statistics/weather\n"
        "   3. https://example.org/council/budget\n"
    )
    article = parse_text(text, "sources.txt", raw=True)
    assert "1. https://example.org/statistics/ferries" in article.text
    assert "Sources" in article.text


def test_an_index_in_code_or_a_number_in_brackets_is_not_a_marker() -> None:
    text = NEWS.read_text().replace(
        "   The timetable for the summer",
        "   Write items[2] to pick the third, or [3] alone. The timetable for the summer",
    )
    article = parse_text(text, "news.txt", raw=True)
    assert "Write items[2] to pick the third, or [3] alone." in article.text


SCRIPTED = """\
Harbour news today

The city council met on Monday to talk about the [1]new harbour plan and the [2]budget for
the year ahead, which many of the people there thought was far too small for what it must do.

Others asked about the [3]ferry times and the [4]parking rules near the water.

References

   1. javascript:alert(document.cookie)
   2. file:///etc/passwd
   3. https://example.com/ferry
   4. data:text/html,<script>alert(1)</script>
"""


def test_a_listed_script_or_data_address_makes_no_link() -> None:
    article = parse_text(SCRIPTED, "scripted.txt")
    assert links(article) == [
        ("budget", "file:///etc/passwd"),
        ("ferry times", "https://example.com/ferry"),
    ]
    assert "javascript" not in article.text
    assert "[1]" not in article.text
    assert "the new harbour plan and the budget for the year" in article.text
    assert "javascript" not in article_markdown(article)


def test_a_long_list_is_read_in_one_pass(monkeypatch: Any) -> None:
    # Each entry's number was compared with a max over all the entries before it: a time
    # growing as the list's square (100,000 entries never finished).
    from reader.extract import link_list

    calls = [0]

    def counting_max(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        return max(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(link_list, "max", counting_max, raising=False)
    count = 3000
    entries = "".join(f"   {n}. https://example.com/page/{n}\n" for n in range(1, count + 1))
    prose = "".join(
        f"Paragraph {n} of the report says [{n}]something useful about the harbour.\n\n"
        for n in range(1, count + 1)
    )
    article = parse_text(f"{prose}References\n\n{entries}", "long-list.txt")
    assert "example.com" not in article.text
    assert len(links(article)) == count
    assert calls[0] < 1.5 * count  # (one a link, none an entry)


def test_a_link_in_a_sentence_covers_its_words_up_to_a_stopword_after_them() -> None:
    text = (
        "   Before that, [1]the annual report of the bank said the sea is cold all year.\n"
        "   More words follow in this paragraph to make it prose enough to be read.\n\n"
        "References\n\n"
        "   1. https://example.com/report\n"
    )
    (block,) = parse_text(text, source="dump.txt").blocks
    (link,) = block.inline
    assert block.text[link.start : link.end] == "the annual report"
