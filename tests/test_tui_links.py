"""Emphasis and links drawn in the reading column; the links list of the focused paragraph."""

from __future__ import annotations

import os
import stat
import webbrowser
from pathlib import Path

import pytest
from textual.widgets import OptionList

from reader.tui.article_view import ArticleView
from reader.tui.links_screen import LinksScreen
from tests.http_support import serving_body
from tests.tui_support import SIZE, fake_app, loaded, notifications, settle

OTHER = b"""<html><head><title>The other page</title></head><body><article>
<h1>The other page</h1>
<p>This is the page the first one links to, with a paragraph long enough to be read as
the text of an article and not taken for a menu or a label of the page around it.</p>
</article></body></html>"""


def _document(tmp_path: Path, base: str) -> Path:
    source = tmp_path / "notes.md"
    source.write_text(
        "# Notes\n\n"
        "A paragraph with no links at all, long enough to be read as a paragraph of text.\n\n"
        f"The *first* note points to [the other page]({base}/other.html) and the second "
        f"to [a missing one]({base}/missing.html), both written out **in full**.\n",
        encoding="utf-8",
    )
    return source


def _drawn(view: ArticleView, test: str) -> str:
    return "".join(
        segment.text
        for y in range(view.size.height)
        for segment in view.render_line(y)
        if segment.style is not None and getattr(segment.style, test)
    )


async def test_emphasis_and_links_are_drawn_and_a_link_opens_in_the_reader(
    tmp_path: Path,
) -> None:
    with serving_body(OTHER) as base:
        app = fake_app(_document(tmp_path, base))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, lambda: loaded(app))
            view = app.query_one(ArticleView)
            await settle(pilot)
            assert _drawn(view, "italic") == "first"
            assert _drawn(view, "underline") == "the other pagea missing one"
            assert "in full" in _drawn(view, "bold")
            assert "*" not in "".join(s.text for y in range(10) for s in view.render_line(y))
            await pilot.press("u")
            await settle(pilot)
            assert notifications(app)[-1] == "No links in this paragraph"
            assert not isinstance(app.screen, LinksScreen)
            await pilot.press("right", "u")
            await settle(pilot, lambda: isinstance(app.screen, LinksScreen))
            options = app.screen.query_one(OptionList)
            assert options.option_count == 2
            assert f"{base}/other.html" in str(options.get_option_at_index(0).prompt)
            await pilot.press("enter")
            await settle(pilot, lambda: app.reading.article is not None and loaded(app))
            await settle(
                pilot,
                lambda: (
                    app.reading.article is not None
                    and app.reading.article.title == "The other page"
                ),
            )
            await app.action_quit()


def _browser(tmp_path: Path, code: int) -> Path:
    """A stand-in for the web browser: it writes down the address it is given."""
    script = tmp_path / "browser"
    log = tmp_path / "opened.txt"
    script.write_text(f'#!/bin/sh\necho "$1" >> {log}\nexit {code}\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


@pytest.mark.parametrize("works", [True, False])
async def test_b_opens_a_link_in_the_web_browser_and_says_so_when_it_cannot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, works: bool
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BROWSER", f"{_browser(tmp_path, 0 if works else 1)} %s")
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # read $BROWSER again
    app = fake_app(_document(tmp_path, "https://example.org"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("right", "u")
        await settle(pilot, lambda: isinstance(app.screen, LinksScreen))
        await pilot.press("down", "b")
        log = tmp_path / "opened.txt"
        await settle(pilot, lambda: log.exists() and not isinstance(app.screen, LinksScreen))
        assert log.read_text(encoding="utf-8") == "https://example.org/missing.html\n"
        if works:
            await settle(pilot, lambda: True)
            assert not any("Could not open" in text for text in notifications(app))
        else:
            await settle(pilot, lambda: any("Could not open" in t for t in notifications(app)))
            assert notifications(app)[-1] == (
                "Could not open https://example.org/missing.html: no web browser found"
            )
        await app.action_quit()


async def test_with_no_desktop_the_address_is_shown_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    assert "BROWSER" not in os.environ
    app = fake_app(_document(tmp_path, "https://example.org"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("right", "u")
        await settle(pilot, lambda: isinstance(app.screen, LinksScreen))
        await pilot.press("b")
        await settle(pilot, lambda: not isinstance(app.screen, LinksScreen))
        assert notifications(app)[-1] == (
            "No graphical session to open a web browser in; "
            "the address is https://example.org/other.html"
        )
        await app.action_quit()
