"""What cleaning leaves out is counted, said, and can be had whole (`--raw`, `W`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.extract import load
from reader.extract.notice import worth_telling
from reader.model import article_from_dict
from tests.tui_support import fake_app, notifications, settle

STORY = (
    "The council met on Monday to talk about the flood defences along the river, and "
    "residents filled the hall to hear what would be done before the winter storms came. "
)
COMMENT = (
    "I have lived by this river for forty years and I have seen it flood six times, so I "
    "do not believe a new wall will be enough unless they also clear the drains upstream. "
)


def page_with_comments(tmp_path: Path, comments: int) -> Path:
    story = "".join(f"<p>{STORY * 2}</p>" for _ in range(6))
    thread = "".join(
        f'<div class="comment"><p class="author">Reader {i}</p><p>{COMMENT * 2}</p></div>'
        for i in range(comments)
    )
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Flood defences</title></head><body>"
        f"<article><h1>Flood defences</h1>{story}</article>"
        f'<section id="comments" class="comments"><h2>Comments</h2>{thread}</section>'
        "</body></html>"
    )
    return page


def test_prose_the_cleaner_left_out_is_counted(tmp_path: Path) -> None:
    article = load(str(page_with_comments(tmp_path, 20)))
    assert COMMENT.strip() not in article.text
    assert article.left_out >= 20 * len(COMMENT * 2) * 0.9
    assert worth_telling(article)
    assert article_from_dict(article.to_dict()).left_out == article.left_out


def test_a_page_that_kept_its_prose_has_nothing_to_tell(tmp_path: Path) -> None:
    article = load(str(page_with_comments(tmp_path, 1)))
    assert not worth_telling(article)


def test_raw_keeps_the_whole_text(tmp_path: Path) -> None:
    article = load(str(page_with_comments(tmp_path, 20)), raw=True)
    assert COMMENT.strip() in article.text
    assert STORY.strip() in article.text
    assert "Reader 7" in article.text
    scrape = tmp_path / "scrape.txt"
    scrape.write_text("Home\n\nNews\n\nSport\n\n" + "\n\n".join([STORY * 3] * 4))
    texts = [block.text for block in load(str(scrape), raw=True).blocks]
    assert texts[:3] == ["Home", "News", "Sport"]


def run_extract(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "extract", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_extract_says_what_it_left_out_and_json_carries_the_count(tmp_path: Path) -> None:
    page = str(page_with_comments(tmp_path, 20))
    done = run_extract("--format", "json", page)
    assert done.returncode == 0
    line = done.stderr.strip()
    assert line.startswith("reader: cleaning left out ")
    assert line.endswith(f"from {page}: --raw keeps the whole text")
    assert json.loads(done.stdout)["left_out_prose_chars"] > 0
    raw = run_extract("--raw", page)
    assert raw.returncode == 0
    assert raw.stderr == ""
    assert COMMENT.strip() in raw.stdout


async def test_the_reader_says_what_it_left_out_and_w_shows_the_whole_text(
    tmp_path: Path,
) -> None:
    app = fake_app(page_with_comments(tmp_path, 20))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, lambda: app.reading.article is not None)
        assert any(n.startswith("Cleaning left out") for n in notifications(app))
        article = app.reading.article
        assert article is not None
        assert COMMENT.strip() not in article.text
        await pilot.press("W")
        await settle(pilot, lambda: app.reading.article is not article)
        whole = app.reading.article
        assert whole is not None
        assert COMMENT.strip() in whole.text
        assert any(n.startswith("The whole text") for n in notifications(app))
        await pilot.press("W")
        await settle(pilot, lambda: app.reading.article is not whole)
        again = app.reading.article
        assert again is not None
        assert COMMENT.strip() not in again.text


async def test_stopping_a_whole_text_load_keeps_the_article_and_its_place(tmp_path: Path) -> None:
    app = fake_app(page_with_comments(tmp_path, 20))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, lambda: app.reading.article is not None)
        article = app.reading.article
        app.reading.opener.raw = True  # as W asks, before the whole text comes ...
        app.reading.opener.cancel()  # ... and Esc stops it
        assert not app.reading.opener.showing_raw, "the article is still shown"
        await pilot.press("W")
        await settle(pilot, lambda: app.reading.article is not article)
        assert app.reading.opener.showing_raw
        await pilot.press("m")
        await settle(pilot)
        assert any(
            n.startswith("Highlights are kept on the article") for n in notifications(app)
        ), notifications(app)
