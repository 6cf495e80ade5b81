"""Rules of the scrape cleaner found on rendered pages: echoes, cues, tables, CJK text."""

from __future__ import annotations

import textwrap

import pytest

from reader.extract import shapes
from reader.extract.runs import is_cue, opens_comments
from reader.extract.shapes import Kind
from reader.extract.text import parse_text
from reader.extract.units import split_units
from tests.test_extract_runs import LONG, scrape

LOREM = (
    "The council met on Monday to discuss the flood defences. Three plans were on the table. "
    "None of them was cheap, and the engineers disagreed about which would last longest."
)
"""A paragraph of three sentences."""


def test_a_long_paragraph_said_twice_is_kept_twice() -> None:
    caption = "Volunteers fill sandbags in the square on Monday morning after the rain."
    text = scrape(*LONG[:3], caption, caption, LOREM, LOREM, *LONG[3:6])
    kept = parse_text(text, "x").text.split("\n\n")
    assert kept.count(LOREM) == 2  # several sentences twice: the text says it twice
    assert kept.count(caption) == 1  # one sentence twice: an alt text over its caption


@pytest.mark.parametrize(
    "label",
    ["13 Comments", "Comments (5 posted)", "Leave a Reply", "Post a comment", "Show comments"],
)
def test_comments_headings(label: str) -> None:
    assert opens_comments(label)


@pytest.mark.parametrize(
    "label", ["Comment", "Comment Policy", "Documents for Public Comment", "Comment activity"]
)
def test_not_comments_headings(label: str) -> None:
    assert not opens_comments(label)


def test_a_comment_column_does_not_weigh_down_the_text_after_it() -> None:
    table = ["Status", "Comment", "new", "Pick up new tasks.", "done", "Nothing to do."]
    text = scrape(*LONG[:5], *table, *LONG[5:9])
    kept = parse_text(text, "x").text
    assert LONG[0] in kept
    assert LONG[8] in kept


@pytest.mark.parametrize(
    "label", ["Related stories", "More", "2 responses", "12Comments", "Social Surge - Trending"]
)
def test_cues(label: str) -> None:
    assert is_cue(label)


@pytest.mark.parametrize(
    "label",
    [
        "More than 5%",
        "List of New Zealand-related topics",
        "My responses are slow",
        "To which she replies:",
    ],
)
def test_common_words_are_cues_only_as_a_label(label: str) -> None:
    assert not is_cue(label)


@pytest.mark.parametrize(
    "line",
    [
        "4.3.1       August 2014",
        "Herbert Dürr                63 16.6%",
        "$ hg clone public test-repo",
        "lower_bound    │     upper_bound",
        "───┼───────",
        "$915",
        "’17",
        "total = sum(values);",
    ],
)
def test_lines_of_tables_charts_and_code_are_data(line: str) -> None:
    assert shapes.is_data(line)


@pytest.mark.parametrize(
    "line", ["14:10", "Related stories", "[                    ] [Sign up]", "Home", "By Ann Lee"]
)
def test_labels_times_and_forms_are_not_data(line: str) -> None:
    assert not shapes.is_data(line)


def test_a_table_or_chart_does_not_cut_the_article() -> None:
    chart = ["Interest payments", "$915", "billion", "600", "300", "0"]
    chart += [f"’{year}" for year in range(17, 29)]  # 18 lines, only two of them words
    text = scrape(*LONG[:6], *chart, *LONG[6:9])
    kept = parse_text(text, "x").text
    assert LONG[0] in kept
    assert LONG[8] in kept
    assert "Home" not in kept


def test_as_many_labels_still_cut_it() -> None:
    labels = [f"Section {name}" for name in "ABCDEFGHIJKLMNOPQR"]  # 18 lines of words
    text = scrape(*LONG[:6], *labels, *LONG[6:8])
    kept = parse_text(text, "x").text
    assert LONG[0] in kept
    assert LONG[7] not in kept


CHINESE = (
    "在采访中，我们了解到不少学子在出国前就每年守在电脑前观看两会直播。但是，随着年龄和阅历的增长，"
    "学子们关注两会的角度也在发生着变化。他们表示，出国以后反而更加关心国家的发展，"
    "希望能够学有所用，为国家发展过程中遇到的难题贡献自己的力量。"
)


def test_wrapped_chinese_lines_join_without_spaces() -> None:
    wrapped = "\n".join(textwrap.wrap(CHINESE, width=48))
    assert "\n" in wrapped
    units = split_units(wrapped + "\n\nAn English paragraph\nthat is short.")
    assert [unit.text for unit in units] == [CHINESE, "An English paragraph", "that is short."]


def test_chinese_words_are_counted_by_characters() -> None:
    sentence = "这款产品具有极其重要的意义，因为这意味着未来的人工智能技术可能不需要人类来教它。"
    assert shapes.word_count(sentence) >= 15  # 38 characters: some 19 words
    assert shapes.classify(sentence, use_stopwords=False) is Kind.GOOD
    assert shapes.classify("转播到腾讯微博", use_stopwords=False) is Kind.SHORT
    assert shapes.word_count("Three small words") == 3


def test_a_chinese_scrape_keeps_its_paragraphs() -> None:
    menu = ["首页", "新闻", "图片", "评论", "娱乐", "财经", "军事", "体育"]
    body = [sentence + "。" for sentence in CHINESE.split("。") if sentence]  # 31 to 50 characters
    text = "\n\n".join([*menu, *body, "责任编辑：崔宁宁", "返回首页>>", *menu])
    assert parse_text(text, "x").text.split("\n\n") == body
