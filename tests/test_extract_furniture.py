"""Clean text or scrape: a text with no page furniture is kept whole, a scrape is cleaned."""

from __future__ import annotations

import pytest

from reader.extract.furniture import is_clean, is_furniture_line
from reader.extract.text import parse_text
from reader.extract.units import split_units
from reader.model import BlockKind

INTRO = (
    "This guide shows how to find anomalies in a server log with a rolling z-score. "
    "It assumes a table of response codes counted per minute, as most log tools export."
)
TECHNICAL = [
    "Finding anomalies in server logs",
    INTRO,
    "Contents",
    "Preparing the data",
    "Computing the score",
    "Setting thresholds",
    "Preparing the data",
    "Each row of the summary counts the responses of one status code in one minute:",
    "period    status_code    entries",
    "10:00     200            1204",
    "10:00     404            17",
    "10:01     200            1187",
    "10:01     500            3",
    "Computing the score",
    "The score compares each minute with the mean and deviation of the hour before it:",
    "SELECT period, status_code,",
    "    (entries - avg(entries) OVER w) / stddev(entries) OVER w AS zscore",
    "FROM server_log_summary",
    "WINDOW w AS (PARTITION BY status_code ORDER BY period ROWS 60 PRECEDING);",
    "Setting thresholds",
    "Three things decide how noisy the alerts are:",
    "- the window size",
    "- the z-score cut-off",
    "- a minimum number of entries",
    "A larger window smooths out short spikes, and a minimum count keeps rare status codes "
    "from raising an alert for every single request.",
]


def _shown(text: str) -> list[str]:
    return [block.text for block in parse_text(text, "x").blocks]


def test_a_clean_technical_text_is_kept_whole() -> None:
    article = parse_text("\n\n".join(TECHNICAL), "x")
    assert article.title == TECHNICAL[0]
    shown = [block.text for block in article.blocks]
    plain = [line.removeprefix("- ") for line in TECHNICAL[1:]]
    assert [" ".join(line.split()) for line in shown] == [" ".join(p.split()) for p in plain]
    items = [block.text for block in article.blocks if block.kind is BlockKind.LIST_ITEM]
    assert items == ["the window size", "the z-score cut-off", "a minimum number of entries"]


def test_a_clean_text_loses_only_a_stray_furniture_label() -> None:
    text = "\n\n".join([*TECHNICAL[1:8], "Advertisement", *TECHNICAL[8:]])
    assert "Advertisement" not in _shown(text)
    assert len(_shown(text)) == len(TECHNICAL) - 1


SCRAPE = [
    "Skip to main content",
    "Home",
    "News",
    "Sport",
    "Weather",
    "Sign in",
    "Advertisement",
    "Home > News > Science",
    "Rivers rise after three days of rain",
    "Rivers in the north of the country rose sharply overnight after three days of rain, "
    "and the water reached the steps of the town hall by morning.",
    "Volunteers filled sandbags in the square while the fire brigade pumped out basements "
    "along the river, and the regional government opened two schools as shelters.",
    "Forecasters expect the rain to ease on Friday, but warned that the rivers would take "
    "several days to fall back to their usual level.",
    "Share",
    "Facebook",
    "Twitter",
    "Related stories",
    "Storm closes mountain roads",
    "Ferry services cancelled",
    "Advertisement",
    "Privacy policy",
    "Cookies",
    "© 2024 Example News. All rights reserved.",
]


def test_a_scrape_with_menus_and_cues_is_still_cleaned() -> None:
    article = parse_text("\n\n".join(SCRAPE), "x")
    assert article.title == "Rivers rise after three days of rain"
    assert [block.text for block in article.blocks] == SCRAPE[9:12]


def test_clean_or_scrape() -> None:
    assert is_clean(split_units("\n\n".join(TECHNICAL)))
    assert not is_clean(split_units("\n\n".join(SCRAPE)))


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Related stories",
        "Sign in",
        "Facebook",
        "Privacy policy",
        "Skip to main content",
        "© 2024 Example News",
        "Home > News > Science",
        "News | Sport | Weather",
        "[          ]",
        "[logo.png]",
        "(BUTTON) Next story",
        "IFRAME: https://example.com/ad",
        "•",
        "返回首页>>",
    ],
)
def test_page_furniture_lines(line: str) -> None:
    assert is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "10:00     404            17",
        "if a > b and b > c:",
        "FROM server_log_summary",
        "Preparing the data",
        "[extensions]",
        "Search engines index the page within a day, and the log shows their visits.",
        "- the window size",
    ],
)
def test_article_lines(line: str) -> None:
    assert not is_furniture_line(line)
