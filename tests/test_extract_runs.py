"""Which runs of good paragraphs make the article: code, lists, repeats, cues, datelines."""

from __future__ import annotations

from reader.extract.text import parse_text
from tests.test_extract_text import CLEAN

MENU = ["Menu", "Home", "World", "Business", "Sport", "Sign in", "Search"]
FOOTER = ["Menu", "About us", "Contact", "Privacy policy", "Terms of use", "Cookie settings"]


LONG = [
    f"On day {n} of the flood, {sentence[0].lower()}{sentence[1:]}"
    for n in ("one", "two", "three")
    for sentence in CLEAN
    if len(sentence) > 20
]
"""Twelve distinct paragraphs of body text."""


def scrape(*parts: str) -> str:
    return "\n\n".join([*MENU, *parts, *FOOTER]) + "\n"


def test_a_code_sample_does_not_cut_the_article() -> None:
    code = [
        "def handler(event):",
        "    values = [int(x) for x in event.split(',')]",
        "    total = sum(values);",
        "    if total > limit: {",
        "        notify(total)",
        "    }",
        "    return total",
    ]
    lines = [line for _ in range(2) for line in code]  # 14 lines, blank-separated in a scrape
    text = scrape(*LONG[:4], *lines, CLEAN[4])
    kept = parse_text(text, "x").text
    assert CLEAN[4] in kept
    assert LONG[0] in kept
    assert "Home" not in kept
    assert "Privacy policy" not in kept


def test_prose_after_a_short_list_still_belongs() -> None:
    items = ["Sandbags", "Drinking water", "Blankets", "Torches", "Radios"]
    closing = "Volunteers can register at the town hall until Friday; the council will call them."
    text = scrape(*LONG, *items, closing)
    kept = parse_text(text, "x").text
    assert closing in kept
    assert "Home" not in kept


def test_a_paragraph_repeated_far_away_is_kept_an_echo_is_dropped() -> None:
    chorus = "The river is higher than it has been in forty years, the mayor said again today."
    text = scrape(chorus, chorus, *CLEAN[:3], chorus, CLEAN[3])
    kept = parse_text(text, "x").text.split("\n\n")
    assert kept.count(chorus) == 2  # the echo right after the first copy goes


def test_a_related_list_inside_the_run_goes() -> None:
    related = ["Related stories", "Storms expected to return", "Insurers brace for claims"]
    text = scrape(*CLEAN[:3], *related, *CLEAN[3:])
    kept = parse_text(text, "x").text
    assert CLEAN[4] in kept
    for line in related:
        assert line not in kept


def test_notices_above_the_dateline_are_not_body() -> None:
    notice = (
        "This site stores small files on your device so that pages load faster, and it counts "
        "visits to learn which stories readers find useful."
    )
    sign_in = "Create a free profile to keep a reading list, pick favourite topics and get alerts."
    text = scrape(notice, "Accept", sign_in, "By Maria Keller", "12 March 2024 08:30", *CLEAN)
    article = parse_text(text, "x")
    assert article.text.split("\n\n") == CLEAN
    assert article.byline == "Maria Keller"
    assert article.published == "12 March 2024 08:30"


def test_release_notes_written_as_a_list_are_the_article() -> None:
    notes = [
        "Added a spell checker that works in every open document",
        "Files can now be reopened from the history in one step",
        "Searching large folders has become about twice as fast",
        "Tweaked the status bar so that it takes less room",
        "The settings window now remembers where it was left",
        "Fixed a crash when a file was renamed while it was saved",
    ]
    menu = ["* Home", "* Downloads", "* Forums", "* Sign in"]
    related = ["Related posts", "* Version 2.1 Beta Is Out", "* Meet The People Behind It"]
    text = "\n".join([*menu, "", "Version 2.0 is out", "", *(f"  + {n}" for n in notes), ""])
    text += "\n".join(["", *related, "", "Menu", "", "Menu", ""])
    kept = parse_text(text, "x").text
    for note in notes:
        assert note in kept
    for label in ("Home", "Downloads", "Beta Is Out", "Related posts"):
        assert label not in kept


def test_a_teaser_cut_short_does_not_extend_the_article() -> None:
    teasers = [
        "Why Everyone In The Village Is Suddenly Talking About The New Bridge And What...",
        "The Mayor Explains Why The Old Library Will Stay Open For Another Year And...",
    ]
    text = scrape(*LONG, "You may also like", *teasers)
    kept = parse_text(text, "x").text
    assert LONG[-1] in kept
    for teaser in teasers:
        assert teaser not in kept


def test_a_contents_list_between_the_lead_and_the_body_does_not_cut_the_lead_off() -> None:
    headings = [f"Part {n} of the flood" for n in ("one", "two", "three", "four", "five", "six")]
    contents = ["Table of Contents", *headings, "Interactive map", "Explore the map online ≫"]
    body = [
        part for heading, text in zip(headings, LONG[2:], strict=False) for part in (heading, text)
    ]
    body += LONG[8:]
    text = scrape(LONG[0], LONG[1], *contents, *body)
    kept = parse_text(text, "x").text
    assert LONG[0] in kept  # the lead, above the contents list
    assert LONG[-1] in kept
    assert "Sign in" not in kept
