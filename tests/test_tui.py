"""The reader app driven by key presses through Textual's Pilot.

Most tests use the FakeNarrator to say exactly which narration events arrive; one test
runs the real narrator (worker process, eSpeak NG, the null ALSA device) end to end.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import Footer, Input

from reader.model import Span
from reader.narration.events import (
    EngineReady,
    NarrationError,
    SentenceStarted,
    WordStarted,
)
from reader.tui.article_view import ArticleView
from reader.tui.help_screen import HelpScreen
from reader.tui.player_bar import PlayerBar
from tests.tui_support import (
    SIZE,
    ReaderApp,
    fake,
    fake_app,
    focus_bar_blocks,
    loaded,
    notifications,
    real_narrator,
    settle,
    state,
)


async def test_opens_the_seed_with_title_metadata_and_paragraphs(seeds_dir: Path) -> None:
    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        assert app.reading.article is not None
        assert app.reading.article.title.startswith("Cambodia government rejects CNA commentary")
        screen = "\n".join(app.query_one(ArticleView).visible_text())
        assert "Cambodia government rejects" in screen
        assert "Asia · CNA/fh" in screen
        assert "The Cambodian government on Wednesday" in screen
        kinds = [block.kind.value for block in app.reading.article.blocks]
        assert kinds.count("paragraph") == 15
        assert "caption" in kinds
        assert app.query_one(PlayerBar).paragraphs == len(app.reading.article.blocks)
        assert ("load", app.reading.article.title) in fake(app).calls


async def test_after_the_first_frame_the_collector_runs_and_footer_and_search_are_there(
    seeds_dir: Path,
) -> None:
    """The command line starts the app with the cyclic collector off; the app turns it on
    after its first frame and mounts what that frame did not need."""
    gc.disable()
    try:
        app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, lambda: loaded(app))
            assert gc.isenabled()
            assert app.reading.query_one("#search", Input).display is False
            footer = app.reading.query_one(Footer)
            await settle(pilot, lambda: len(footer.children) > 0)
            keys = [widget for widget in footer.children if "Play/Pause" in str(widget.render())]
            assert keys, "the footer lists the reading screen's keys"
    finally:
        gc.enable()


async def test_paragraph_navigation_moves_the_focus(seeds_dir: Path) -> None:
    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        view = app.query_one(ArticleView)
        assert view.focused_block == 1, "reading starts after the photo caption (block 0)"
        await pilot.press("right", "right", "l")
        assert view.focused_block == 4
        assert focus_bar_blocks(view) == {4}
        await pilot.press("left")
        assert view.focused_block == 3
        await pilot.press("G")
        assert view.focused_block == view.block_count - 1
        assert app.query_one(PlayerBar).paragraph == view.block_count - 1
        await pilot.press("right")
        assert view.focused_block == view.block_count - 1, "focus stays on the last block"
        await pilot.press("g")
        assert view.focused_block == 0
        assert app.query_one(PlayerBar).paragraph == 0
        await pilot.press("left")
        assert view.focused_block == 0


async def test_play_pause_resume_and_highlight(seeds_dir: Path) -> None:
    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        narrator = fake(app)
        bar = app.query_one(PlayerBar)
        view = app.query_one(ArticleView)
        await pilot.press("right", "right", "space")
        await settle(pilot)
        assert ("play", 3) in narrator.calls
        assert state(bar) == "playing"

        narrator.sink(SentenceStarted(block=3, sentence=0))
        narrator.sink(WordStarted(block=3, start=4, end=13))
        await settle(pilot)
        assert view.spoken_block == 3
        assert view.spoken_word == Span(4, 13)
        assert view.focused_block == 3, "the focus follows the narration"
        assert bar.paragraph == 3

        await pilot.press("space")
        await settle(pilot)
        assert narrator.last() == ("pause",)
        assert state(bar) == "paused"
        await pilot.press("space")
        await settle(pilot)
        assert narrator.last() == ("resume",)
        assert state(bar) == "playing"

        await pilot.press("full_stop")
        assert narrator.last() == ("skip", 1, 0)
        await pilot.press("s")
        await settle(pilot)
        assert state(bar) == "stopped"
        assert view.spoken_block is None, "stop clears the highlight"


async def test_rate_keys_change_the_rate_within_bounds(seeds_dir: Path) -> None:
    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("plus", "plus")
        assert app.query_one(PlayerBar).rate == 1.5
        assert fake(app).options.rate == 1.5
        await pilot.press(*["minus"] * 10)
        assert app.query_one(PlayerBar).rate == 0.5


async def test_help_opens_and_escape_closes_it(seeds_dir: Path) -> None:
    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("height", [18, 24, 30, 60])
async def test_the_help_says_how_to_scroll_it_on_any_terminal_height(
    seeds_dir: Path, height: int
) -> None:
    """The key list scrolls inside the dialog; its title and the hint stay in view."""
    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=(100, height)) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("question_mark")
        await settle(pilot)
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "Esc closes this help" in shown
        assert ">Keys<" in shown or "Keys " in shown


async def test_a_bad_source_is_a_notification_and_the_app_stays_usable(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    app = fake_app(binary)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: bool(notifications(app)))
        assert app.reading.article is None
        assert "binary" in notifications(app)[0]
        assert "Nothing to read." in "\n".join(app.query_one(ArticleView).visible_text())
        await pilot.press("space")  # nothing to play: told so, no crash
        await settle(pilot)
        assert any("Nothing to play" in text for text in notifications(app))
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_opening_a_missing_file_keeps_the_article(seeds_dir: Path) -> None:
    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        title = app.reading.article.title if app.reading.article else None
        await pilot.press("o")
        await settle(pilot)
        await pilot.press(*"no-such-file.html", "enter")
        await settle(pilot, lambda: bool(notifications(app)))
        assert "no such file" in notifications(app)[0]
        assert app.reading.article is not None
        assert app.reading.article.title == title
        assert app.query_one(ArticleView).article is app.reading.article


async def test_narration_problems_show_in_the_player_bar(seeds_dir: Path) -> None:
    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        narrator = fake(app)
        narrator.sink(EngineReady("en", 22050, audio_error="No audio output device"))
        await settle(pilot)
        bar = app.query_one(PlayerBar)
        assert bar.problem == "No audio output device"
        assert "No audio output device" in str(bar.render())
        narrator.sink(NarrationError("narration stopped unexpectedly"))
        await settle(pilot)
        assert "narration stopped unexpectedly" in notifications(app)
        await pilot.press("right")  # reading still works
        assert app.query_one(ArticleView).focused_block == 2


async def test_real_narration_moves_the_highlight_through_the_article(seeds_dir: Path) -> None:
    """Worker process, eSpeak NG and PortAudio on the null ALSA device, end to end."""
    app = ReaderApp(str(seeds_dir / "cna-cambodia-scam-networks.txt"), real_narrator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        view = app.query_one(ArticleView)
        await pilot.press("right", "right", "space")
        start = view.focused_block
        await settle(pilot, lambda: app.query_one(PlayerBar).state == "playing")
        spoken: set[int] = set()

        def advanced() -> bool:
            if view.spoken_block is not None:
                spoken.add(view.spoken_block)
            return any(block > start for block in spoken)

        await settle(pilot, advanced)
        assert min(spoken) >= start
        await pilot.press("s")
        await settle(pilot, lambda: app.query_one(PlayerBar).state == "stopped")
        await app.action_quit()


def test_every_binding_names_a_key_a_terminal_can_send() -> None:
    """A binding to a key name Textual never produces (say "period") silently never fires."""

    from textual.keys import Keys, format_key

    from reader.tui.bindings import BINDINGS, HIGHLIGHTS_BINDINGS, QUEUE_BINDINGS
    from reader.tui.library_screen import LibraryScreen

    special = {k.value for k in Keys}

    def sendable(key: str) -> bool:
        modifier, _, base = key.rpartition("+")
        if modifier:
            return modifier in ("ctrl", "shift") and sendable(base)
        if len(key) == 1:  # Textual names a character by its Unicode name ("full_stop")
            return key.isalnum()
        return key in special or len(format_key(key)) == 1  # shown as the character it is

    assert not sendable("period"), "the check itself tells a wrong name"
    for binding in [*BINDINGS, *LibraryScreen.BINDINGS, *QUEUE_BINDINGS, *HIGHLIGHTS_BINDINGS]:
        assert isinstance(binding, Binding)
        for key in binding.key.split(","):
            assert sendable(key), f"{key!r} of {binding.action!r} is not a key name"


async def test_without_an_audio_device_the_bar_says_so_and_reading_works(
    seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real worker, with ALSA pointed at a sound card that does not exist."""
    config = tmp_path / "asound.conf"
    config.write_text("</usr/share/alsa/alsa.conf>\npcm.!default { type hw card 42 }\n")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(config))
    app = ReaderApp(str(seeds_dir / "cna-cambodia-scam-networks.txt"), real_narrator)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        bar = app.query_one(PlayerBar)
        await settle(pilot, lambda: bar.problem is not None)
        assert bar.problem is not None
        assert bar.problem.startswith("No audio output device")
        assert "No audio output device" in str(bar.render())
        await pilot.press("space")
        await settle(pilot, lambda: any("No audio" in n for n in notifications(app)))
        assert state(bar) == "stopped"
        await pilot.press("right")  # reading works as before
        assert app.query_one(ArticleView).focused_block == 2
        await app.action_quit()


async def test_search_marks_matches_counts_them_and_n_moves(seeds_dir: Path) -> None:
    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        assert app.reading.article is not None
        expected = sum(b.text.casefold().count("spokesperson") for b in app.reading.article.blocks)
        assert expected > 3
        await pilot.press("slash", *"Spokesperson", "enter")
        await settle(pilot)
        bar = app.query_one(PlayerBar)
        assert bar.search == f"match 1/{expected}"
        view = app.query_one(ArticleView)
        first = view.focused_block
        assert "spokesperson" in app.reading.article.blocks[first].text.casefold()
        await pilot.press("n")
        assert bar.search == f"match 2/{expected}"
        await pilot.press("N", "N")
        assert bar.search == f"match {expected}/{expected}", "N wraps around"
        await pilot.press("escape")
        assert bar.search == ""
        await pilot.press("slash", *"no such words here", "enter")
        await settle(pilot)
        assert "Not found: no such words here" in notifications(app)


async def test_click_focuses_and_double_click_plays(seeds_dir: Path) -> None:
    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        view = app.query_one(ArticleView)
        row = view.screen_row_of(3)
        assert row is not None
        await pilot.click(view, offset=(30, row))
        assert view.focused_block == 3
        await pilot.double_click(view, offset=(30, row))
        await settle(pilot)
        assert ("play", 3) in fake(app).calls
        bar = app.query_one(PlayerBar)
        assert state(bar) == "playing"
        fake(app).sink(SentenceStarted(block=4, sentence=0))
        await settle(pilot)
        assert "min left" in str(bar.render())
        assert f"¶ 5/{bar.paragraphs}" in str(bar.render())


async def test_outline_lists_headings_and_jumps(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    from reader.tui.outline_screen import OutlineScreen

    source = tmp_path / "guide.md"
    paragraph = "A paragraph of guide text that is long enough to read as a real paragraph."
    source.write_text(
        f"# A Guide\n\n## Getting started\n\n{paragraph}\n\n## Going further\n\n{paragraph}\n"
    )
    app = fake_app(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        assert app.reading.article is not None
        headings = [
            i for i, b in enumerate(app.reading.article.blocks) if b.kind.value == "heading"
        ]
        assert len(headings) >= 2
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, OutlineScreen)
        assert app.screen.query_one(OptionList).option_count == len(headings)
        await pilot.press("end", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, OutlineScreen)
        assert app.query_one(ArticleView).focused_block == headings[-1]


async def test_sleep_timer_stops_at_the_end_of_the_paragraph(seeds_dir: Path) -> None:
    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        narrator = fake(app)
        await pilot.press("space")
        narrator.sink(SentenceStarted(block=2, sentence=0))
        await settle(pilot)
        await pilot.press("z")
        bar = app.query_one(PlayerBar)
        assert "sleep end of ¶" in str(bar.render())
        narrator.sink(SentenceStarted(block=2, sentence=1))
        await settle(pilot)
        assert narrator.last() != ("stop",)
        narrator.sink(SentenceStarted(block=3, sentence=0))
        await settle(pilot)
        assert narrator.last() == ("stop",)
        assert state(bar) == "stopped"
        assert "sleep" not in str(bar.render())


async def test_heading_jumps_and_go_to_percent(tmp_path: Path) -> None:
    source = tmp_path / "guide.md"
    paragraph = "A paragraph of guide text that is long enough to read as a real paragraph."
    parts = [f"## Part {n}\n\n{paragraph}\n\n{paragraph}" for n in range(1, 4)]
    source.write_text("# A Guide\n\n" + "\n\n".join(parts) + "\n")
    app = fake_app(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        assert app.reading.article is not None
        headings = [
            i for i, b in enumerate(app.reading.article.blocks) if b.kind.value == "heading"
        ]
        view = app.query_one(ArticleView)
        await pilot.press("g")
        for heading in headings:
            if heading > view.focused_block:
                await pilot.press("right_curly_bracket")
                assert view.focused_block == heading
        await pilot.press("left_curly_bracket")
        assert view.focused_block == headings[-2]
        await pilot.press("percent_sign")
        await settle(pilot)
        await pilot.press("1", "0", "0", "enter")
        await settle(pilot)
        assert view.focused_block == view.block_count - 1
        await pilot.press("percent_sign")
        await settle(pilot)
        await pilot.press("0", "enter")
        await settle(pilot)
        assert view.focused_block == 0


async def test_quick_presses_read_as_play_pause_play_whatever_the_answers(
    seeds_dir: Path,
) -> None:
    """The worker answers each command a little later: an answer to an older command must
    not undo a newer one (play's "playing" arriving after pause was pressed)."""
    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        bar = app.query_one(PlayerBar)
        await pilot.press("space", "space")
        assert state(bar) == "paused"
        await settle(pilot)
        await pilot.pause(0.1)  # every answer is in
        assert state(bar) == "paused"
        await pilot.press("space")
        await settle(pilot)
        await pilot.pause(0.1)
        assert [call[0] for call in fake(app).calls[-3:]] == ["play", "pause", "resume"]
        assert state(bar) == "playing"


async def test_a_heading_jump_lands_near_the_top_not_at_the_bottom(tmp_path: Path) -> None:
    source = tmp_path / "guide.md"
    paragraph = "A paragraph of guide text that is long enough to read as a real paragraph."
    parts = [f"## Part {n}\n\n" + "\n\n".join([paragraph] * 4) for n in range(1, 6)]
    source.write_text("# A Guide\n\n" + "\n\n".join(parts) + "\n")
    app = fake_app(source)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: loaded(app))
        view = app.query_one(ArticleView)
        await pilot.press("g", "right_curly_bracket", "right_curly_bracket")
        await settle(pilot)
        row = view.screen_row_of(view.focused_block)
        assert row is not None
        assert row <= 5, f"the heading is on row {row} of {view.size.height}"


async def test_the_current_match_looks_unlike_the_others(seeds_dir: Path) -> None:
    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("slash", *"scam", "enter")
        await settle(pilot)
        view = app.query_one(ArticleView)
        current = view.get_component_rich_style("article-view--current-match")
        other = view.get_component_rich_style("article-view--match")
        assert current != other
        top = round(view.scroll_y)
        styles = set()
        for y in range(view.size.height):
            strip = view.render_line(y)
            for segment in strip:
                if "scam" in segment.text.casefold():
                    styles.add(segment.style)
        assert len(styles) >= 2, "the match the reader is on stands out from the rest"
        assert top >= 0


async def test_search_finds_a_word_that_is_only_in_the_title(tmp_path: Path) -> None:
    source = tmp_path / "title.md"
    body = "\n\n".join(f"Paragraph {n} says plain things about the weather." for n in range(60))
    source.write_text(f"# The Zeppelin Diaries\n\n{body}\n", encoding="utf-8")
    app = fake_app(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("G")
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.scroll_y > 0
        await pilot.press("slash", *"zeppelin", "enter")
        await settle(pilot)
        assert "match 1/1" in str(app.query_one(PlayerBar).render())
        assert view.scroll_y == 0, "the title, where the match is, is brought into view"
        current = view.get_component_rich_style("article-view--current-match")
        marked = [
            segment.text
            for y in range(view.size.height)
            for segment in view.render_line(y)
            if segment.style is not None and segment.style.bgcolor == current.bgcolor
        ]
        assert "Zeppelin" in "".join(marked)


async def test_the_player_bar_shows_the_volume(seeds_dir: Path) -> None:
    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        bar = app.query_one(PlayerBar)
        assert "vol 100%" in str(bar.render())
        await pilot.press("9", "9")
        assert "vol 80%" in str(bar.render())


async def test_markup_in_headings_is_shown_as_typed_in_the_outline(tmp_path: Path) -> None:
    """A heading holding Textual markup neither crashes the outline nor acts as markup."""
    from textual.widgets import OptionList

    from reader.tui.outline_screen import OutlineScreen

    source = tmp_path / "guide.md"
    paragraph = "A paragraph of guide text that is long enough to read as a real paragraph."
    hostile = [
        "Closing [/b] tag",
        '[link="http://evil.example/"]Click[/link]',
        "[@click=app.quit]Q",
    ]
    body = "\n\n".join(f"## {heading}\n\n{paragraph}" for heading in hostile)
    source.write_text(f"# A Guide\n\n{body}\n")
    app = fake_app(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, OutlineScreen)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(len(hostile))]
        assert [p.strip() for p in prompts] == hostile
        await pilot.press("end", "enter")
        await settle(pilot)
        assert app.is_running


def test_a_keymap_with_an_unknown_id_or_no_way_to_quit_is_reported() -> None:
    from reader.tui.bindings import keymap_problems

    assert keymap_problems({"play_pause": "space,p"}) == []
    assert keymap_problems({"queue_move_up": "u"}) == [], "the queue screen's ids are known"
    assert any("'no_such'" in p for p in keymap_problems({"no_such": "x"}))
    assert any("quits" in p for p in keymap_problems({"stop": "q"}))
    assert any("quits" in p for p in keymap_problems({"quit": ""}))
    assert keymap_problems({"quit": "x", "stop": "q"}) == []


async def test_help_lists_the_library_keys_and_the_mouse_too(seeds_dir: Path) -> None:
    from textual.widgets import Static

    app = fake_app(seeds_dir / "cna-cambodia-scam-networks.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("question_mark")
        await settle(pilot)
        text = " ".join(str(static.render()) for static in app.screen.query(Static))
        assert "In the library (L)" in text
        assert "double click plays" in text
