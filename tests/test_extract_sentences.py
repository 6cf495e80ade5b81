"""Sentence spans on any text: they cover it in order, split only after a terminator, and
read the same however the text around a block was cut."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.extract.sentences import sentence_spans
from reader.model import Span

PIECES = st.sampled_from(
    [
        ".",
        "...",
        "!",
        "?!",
        "…",
        "。",
        "！",
        "」",
        "”",
        ")",
        '"',
        "“",
        "(",
        " ",
        "\n",
        "\u00a0",
        "\u3000",
        "Mr",
        "U.S",
        "e.g",
        "p.m",
        "A",
        "a",
        "word",
        "Word",
        "école",
        "3.5",
        "_",
        "日本",
    ]
)
TEXTS = st.one_of(st.lists(PIECES, max_size=40).map("".join), st.text(max_size=60))
ENDS = frozenset(".!?…。！？\"'”’»)]」』")


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_spans_cover_the_text_in_order_with_only_whitespace_between(text: str) -> None:
    spans = sentence_spans(text)
    if not text.strip():
        assert spans == (Span(0, len(text)),)
        return
    cuts = [0, *itertools.chain.from_iterable((s.start, s.end) for s in spans), len(text)]
    assert cuts == sorted(cuts)
    gaps = [text[a:b] for a, b in itertools.pairwise(cuts)][::2]
    assert all(not gap.strip() for gap in gaps)
    assert all(text[s.start : s.end].strip() == text[s.start : s.end] for s in spans)
    assert all(text[s.end - 1] in ENDS for s in spans[:-1])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["One.", "Two!", "Three?", "Four…", "五。"]), min_size=1))
def test_each_plain_sentence_is_one_span(parts: list[str]) -> None:
    text = " ".join(parts)
    assert [text[s.start : s.end] for s in sentence_spans(text)] == parts


def test_abbreviations_far_into_a_long_text_do_not_end_a_sentence() -> None:
    sentence = "See e.g. Mr. Smith, U.S. Dept. of Fig. 3.5 at 9 a.m. on Monday."
    text = " ".join([sentence] * 5_000)
    assert {text[s.start : s.end] for s in sentence_spans(text)} == {sentence}
    assert len(sentence_spans(text)) == 5_000


def test_a_list_items_number_is_not_a_sentence_of_its_own() -> None:
    text = "1. Finland tops the list again. 12. Sweden comes next."
    assert [text[s.start : s.end] for s in sentence_spans(text)] == [
        "1. Finland tops the list again.",
        "12. Sweden comes next.",
    ]
    said = "The score was 7. Then it rained."  # a number ending a sentence still ends it
    assert [said[s.start : s.end] for s in sentence_spans(said)] == [
        "The score was 7.",
        "Then it rained.",
    ]
