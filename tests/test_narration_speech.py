"""Speech text: what the ear hears, with word offsets that still land on the display text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.narration.engine import WordTiming, word_spans
from reader.narration.espeak import EspeakSynthesizer
from reader.narration.speech import render, speech_text


@pytest.mark.parametrize(
    ("display", "heard"),
    [
        ("See https://www.example.com/a/b?c=1.", "See a link to example.com."),
        ("(http://bbc.co.uk/news)", "(a link to bbc.co.uk)"),
        ("Go to www.gov.uk/help, then wait.", "Go to a link to gov.uk, then wait."),
        ("https://en.wikipedia.org/wiki/Foo_(bar) is it", "a link to en.wikipedia.org is it"),
        ("As reported [12] and noted[3–5].", "As reported  and noted."),
        ("Disputed[citation needed] and [a] fact.", "Disputed and  fact."),
        ("Home | News • Sport", "Home   News   Sport"),
        ("Acme™ and Co® ©2024", "Acme and Co 2024"),
        ("Footnote* here † and ‡", "Footnote here  and "),
        ("Sunny 😀 today", "Sunny  today"),
        ("It was 20°C in the shade.", "It was 20°C in the shade."),
        ("Plain text, nothing to change: 3.5 [sic] “quoted”.", None),
        ("An array a[i] stays.", None),
    ],
)
def test_what_the_ear_hears(display: str, heard: str | None) -> None:
    assert speech_text(display).text == (display if heard is None else heard)


def test_offsets_map_back_to_the_display_text() -> None:
    display = "Read https://example.com/x now [2] ok™."
    speech = speech_text(display)
    assert speech.text == "Read a link to example.com now  ok."
    url = (display.index("https"), display.index(" now"))
    for word in ("a", "link", "to", "example.com"):
        start = speech.text.index(word + " ") if word != "a" else speech.text.index("a link")
        assert speech.to_display(start, start + len(word)) == url
    now = speech.text.index("now")
    assert speech.to_display(now, now + 3) == (display.index("now"), display.index("now") + 3)
    ok = speech.text.index("ok")
    assert display[slice(*speech.to_display(ok, ok + 2))] == "ok"


def test_words_of_a_link_become_one_word() -> None:
    display = "Read https://example.com/x now."
    speech = speech_text(display)
    timings = tuple(
        WordTiming(start, end, 100 * i) for i, (start, end) in enumerate(word_spans(speech.text))
    )
    mapped = speech.map_words(timings)
    assert [display[w.start : w.end] for w in mapped] == ["Read", "https://example.com/x", "now"]
    assert [w.ms for w in mapped] == [0, 100, 500]


def test_rendered_words_are_display_words() -> None:
    display = "Officials [4] said • https://www.example.org/report is out."
    clip = render(EspeakSynthesizer(lang="en"), display)
    words = [display[w.start : w.end] for w in clip.words]
    assert words == ["Officials", "said", "https://www.example.org/report", "is", "out"]
    assert clip.duration > 1


_PIECES = st.sampled_from(
    [
        "word",
        " ",
        ", ",
        ". ",
        "https://www.example.com/path?q=1",
        "www.test.org",
        "[12]",
        "[a]",
        "•",
        "|",
        "™",
        "©",
        "😀",
        "°",
        "(",
        ")",
        "Ünïcode",
        "2,982",
    ]
)


@given(st.lists(_PIECES, max_size=20).map("".join))
def test_mapping_is_monotonic_and_inside_the_display(display: str) -> None:
    speech = speech_text(display)
    previous = (0, 0)
    for start, end in word_spans(speech.text):
        mapped = speech.to_display(start, end)
        assert 0 <= mapped[0] < mapped[1] <= len(display)
        assert mapped >= previous
        previous = mapped
    for piece in speech.pieces:  # copied text is the display's, character for character
        if piece.copied:
            copied = speech.text[piece.speech : piece.speech + piece.length]
            assert copied == display[piece.display_start : piece.display_end]


@given(st.text(max_size=60))
def test_any_text_maps_words_inside_the_display(display: str) -> None:
    speech = speech_text(display)
    timings = tuple(WordTiming(s, e, i) for i, (s, e) in enumerate(word_spans(speech.text)))
    last_end = 0
    for word in speech.map_words(timings):
        assert 0 <= word.start < word.end <= len(display)
        assert word.start >= last_end
        last_end = word.end
