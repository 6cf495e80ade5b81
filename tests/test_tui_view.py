"""The reading view's finer points: search offsets, keeping things in view, the sentence
cursor, the place kept across a new layout, justification that keeps highlights whole."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from rich.text import Text

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind, Span
from reader.narration.events import SentenceStarted, WordStarted
from reader.tui.article_view import ArticleView
from reader.tui.player_bar import PlayerBar
from reader.tui.row_painter import justify_line, mark_span
from tests.fakes import FakeNarrator
from tests.tui_support import ReaderApp, book_arriving, fake, settle

FILLER = "Words go on and on in this long paragraph about nothing much at all. "


def article(*texts: str) -> Article:
    blocks = tuple(Block(BlockKind.PARAGRAPH, text) for text in texts)
    return split_sentences(Article(source="view.txt", title="The view", blocks=blocks))


def app_on(source: Article) -> ReaderApp:
    return ReaderApp("view.txt", FakeNarrator, article=source)


def on_screen(view: ArticleView, text: str) -> bool:
    return any(text in line for line in view.visible_text())


async def test_search_marks_the_shown_characters_even_where_case_folding_grows() -> None:
    text = "Die Straße nach Berlin ist lang."
    app = app_on(article(text, "Berlin again."))
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        found = app.query_one(ArticleView).search("berlin")
        assert found == [(0, Span(text.index("Berlin"), text.index("Berlin") + 6)), (1, Span(0, 6))]
        assert app.query_one(ArticleView).search("ss") == [], "ß is not 'ss' on screen"


async def test_a_match_deep_in_a_long_paragraph_is_brought_into_view() -> None:
    app = app_on(article("Opening words.", FILLER * 40 + "Here is the NEEDLE at last."))
    async with app.run_test(size=(60, 14)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"needle", "enter")
        await settle(pilot)
        assert on_screen(app.query_one(ArticleView), "NEEDLE")


async def test_the_spoken_word_stays_on_screen_through_a_long_sentence() -> None:
    sentence = "This sentence " + "goes on and on " * 60 + "until the final word."
    app = app_on(article("Opening words.", sentence))
    async with app.run_test(size=(60, 14)) as pilot:
        await settle(pilot)
        await pilot.press("right", "space")
        narrator = fake(app)
        narrator.sink(SentenceStarted(block=1, sentence=0))
        final = sentence.index("final")
        narrator.sink(WordStarted(block=1, start=final, end=final + 5))
        await settle(pilot)
        assert on_screen(app.query_one(ArticleView), "final word")


async def test_a_click_moves_the_focus_and_drops_the_sentence_cursor() -> None:
    app = app_on(article(*(f"Paragraph {n}. It has two sentences." for n in range(6))))
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("right_parenthesis")
        assert view.spoken_block is not None, "the sentence cursor shows"
        row = view.screen_row_of(4)
        assert row is not None
        await pilot.click(view, offset=(30, row))
        assert view.focused_block == 4
        assert view.spoken_block is None


async def test_another_article_opens_at_its_top(tmp_path: Path, seeds_dir: Path) -> None:
    app = app_on(article("Short."))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press(*str(seeds_dir / "cna-cambodia-scam-networks.html"), "enter")
        await settle(
            pilot,
            lambda: app.reading.article is not None and app.reading.article.title != "The view",
        )
        await settle(pilot)
        assert on_screen(app.query_one(ArticleView), "Cambodia government rejects")


async def test_a_resize_keeps_the_text_under_a_double_blank_row_at_the_top() -> None:
    app = app_on(article(*(FILLER * 3 + f"End {n}." for n in range(20))))
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        view.set_layout(80, False, 2)
        await settle(pilot)
        view.keep_in_view(8, 0)
        await settle(pilot)
        row = view.screen_row_of(8)
        assert row is not None
        view.scroll_to(y=round(view.scroll_y) + row - 1, animate=False, immediate=True)
        await settle(pilot)
        assert view.screen_row_of(8) == 1
        assert view.visible_text()[0].strip() == "", "the second blank row above 8 on top"
        await pilot.resize_terminal(70, 20)
        await settle(pilot)
        assert view.screen_row_of(8) == 1, "the same text at the top"


def test_justifying_widens_spaces_and_keeps_highlights_continuous() -> None:
    line, moved = justify_line("a bb ccc", 12)
    assert line == "a   bb   ccc"
    assert moved is not None
    text = Text(line)
    red = Style(bgcolor="red")
    mark_span(text, Span(0, 8), (0, 8, moved), red)
    assert [(s.start, s.end) for s in text.spans] == [(0, 12)]
    word = Text(line)
    mark_span(word, Span(2, 4), (0, 8, moved), red)
    assert word.plain[word.spans[0].start : word.spans[0].end] == "bb"
    assert justify_line("nospace", 12) == ("nospace", None)


async def test_the_whole_book_arriving_does_not_stop_the_narration() -> None:
    whole = article(*(f"Paragraph {n} of the book." for n in range(400)))
    app, arrived = book_arriving(whole, 50)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert str(app.query_one(PlayerBar).state) == "playing"
        arrived.set()
        await settle(pilot, lambda: app.reading.article is whole)
        await settle(pilot)
        calls = fake(app).calls
        assert ("continue", whole.title) in calls
        assert ("stop",) not in calls
        assert str(app.query_one(PlayerBar).state) == "playing"
