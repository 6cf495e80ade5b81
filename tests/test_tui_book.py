"""A book-length document in the reader: laid out in two steps, navigated, searched, resized.

The book is generated: 40 chapters of 60 paragraphs (about 1 MB), enough for the view to
paint the rows around the reading position first and lay out the rest on a thread.
"""

from __future__ import annotations

from pathlib import Path

from reader.extract.sentences import split_sentences
from reader.model import Article, Block, BlockKind, Position, next_sentence
from reader.tui.article_view import ArticleView
from reader.tui.player_bar import PlayerBar
from tests.fakes import FakeNarrator
from tests.tui_support import SIZE, ReaderApp, book_arriving, focus_bar_blocks, settle

CHAPTERS = 40
PARAGRAPHS = 60
NEEDLE_EVERY = 97
"""Every 97th paragraph mentions the lighthouse: the search target."""


def make_book() -> Article:
    blocks: list[Block] = []
    for chapter in range(1, CHAPTERS + 1):
        blocks.append(Block(BlockKind.HEADING, f"Chapter {chapter}", level=2))
        for _ in range(PARAGRAPHS):
            number = len(blocks)
            extra = " They saw the lighthouse." if number % NEEDLE_EVERY == 0 else ""
            text = (
                f"Paragraph {number} of chapter {chapter} begins here. "
                "The road went on past the fields and the river, where nobody had walked "
                f"for a long time. It was evening when they reached the town.{extra} "
                f"Marker {number}."
            )
            blocks.append(Block(BlockKind.PARAGRAPH, text))
    return split_sentences(
        Article(source="book.txt", title="A generated book", blocks=tuple(blocks))
    )


BOOK = make_book()


def book_app() -> ReaderApp:
    return ReaderApp("book.txt", FakeNarrator, article=BOOK)


def on_screen(view: ArticleView, text: str) -> bool:
    return any(text in line for line in view.visible_text())


async def test_the_book_opens_at_the_top_and_is_laid_out_in_the_background() -> None:
    app = book_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await settle(pilot, lambda: view.fully_laid_out)
        assert on_screen(view, "A generated book")
        assert on_screen(view, "Chapter 1")
        assert view.virtual_size.height > len(BOOK.blocks) * 3


async def test_heading_jumps_edges_and_percent_land_on_their_block() -> None:
    app = book_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await settle(pilot, lambda: view.fully_laid_out)
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        assert view.focused_block == 2 * (PARAGRAPHS + 1), "the second chapter after the first"
        assert BOOK.blocks[view.focused_block].text == "Chapter 3"
        assert on_screen(view, "Chapter 3")
        await pilot.press("left_curly_bracket")
        assert BOOK.blocks[view.focused_block].text == "Chapter 2"
        await pilot.press("G")
        last = len(BOOK.blocks) - 1
        assert view.focused_block == last
        assert on_screen(view, f"Marker {last}.")
        await pilot.press("g")
        assert view.focused_block == 0
        assert on_screen(view, "A generated book")
        await pilot.press("percent_sign")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", "5", "0", "enter")
        await settle(pilot)
        middle = round(0.5 * last)
        assert view.focused_block == middle
        assert on_screen(view, BOOK.blocks[middle].text)
        assert focus_bar_blocks(view) == {middle}


async def test_sentence_jumps_move_a_reading_cursor_that_play_starts_from() -> None:
    app = book_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await settle(pilot, lambda: view.fully_laid_out)
        await pilot.press("right", "right")
        start = view.focused_block
        await pilot.press(*["right_parenthesis"] * 4)
        expected = next_sentence(BOOK, Position(start), 4)
        assert expected.block == start + 1, "four sentences a paragraph: into the next one"
        assert app.reading.listening.resume_from == expected
        assert view.spoken_block == expected.block
        assert view.focused_block == expected.block
        await pilot.press("left_parenthesis")
        assert app.reading.listening.resume_from == next_sentence(BOOK, expected, -1)
        await pilot.press("space")
        await settle(pilot)
        narrator = app.reading.listening.narrator
        assert isinstance(narrator, FakeNarrator)
        assert narrator.position == next_sentence(BOOK, expected, -1)


async def test_search_finds_every_occurrence_and_n_visits_them() -> None:
    app = book_app()
    expected = [i for i, block in enumerate(BOOK.blocks) if "lighthouse" in block.text.casefold()]
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await settle(pilot, lambda: view.fully_laid_out)
        await pilot.press("slash", *"Lighthouse", "enter")
        await settle(pilot)
        bar = app.query_one(PlayerBar)
        assert bar.search == f"match 1/{len(expected)}"
        visited = [view.focused_block]
        for _ in expected[1:]:
            await pilot.press("n")
            visited.append(view.focused_block)
            assert on_screen(view, "lighthouse")
        assert visited == expected
        await pilot.press("n")
        assert view.focused_block == expected[0], "n wraps around"


async def test_resizing_rewraps_and_keeps_the_reading_position() -> None:
    app = book_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await settle(pilot, lambda: view.fully_laid_out)
        target = 1500
        view.focus_block(target)
        await settle(pilot)
        assert on_screen(view, f"Marker {target}.")
        before = view.virtual_size.height
        for width, height in ((60, 30), (140, 45), SIZE):
            await pilot.resize_terminal(width, height)
            await settle(pilot, lambda: view.fully_laid_out)
            await settle(pilot)
            assert on_screen(view, f"Paragraph {target} of"), (width, height)
            assert target in focus_bar_blocks(view)
            widest = max(len(line.rstrip()) for line in view.visible_text())
            assert widest <= width
        assert view.virtual_size.height == before, "back at the first size, the same rows"


async def test_jumping_far_before_the_layout_is_done_shows_the_right_place() -> None:
    app = book_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        view.focus_block(2222)
        await pilot.pause()
        assert on_screen(view, "Paragraph 2222 of")
        await settle(pilot, lambda: view.fully_laid_out)
        await settle(pilot)
        assert on_screen(view, "Paragraph 2222 of"), "the full layout keeps the place"


async def test_the_beginning_of_a_book_is_shown_until_the_whole_arrives() -> None:
    app, arrived = book_arriving(BOOK, 200)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await settle(pilot)
        assert app.reading.article is not None
        assert len(app.reading.article.blocks) == 200
        await pilot.press("right", "right")
        assert on_screen(view, "Paragraph 2 of")
        top, focused = view.visible_text(), view.focused_block
        arrived.set()
        await settle(pilot, lambda: app.reading.article is BOOK)
        await settle(pilot)
        assert view.article is BOOK
        assert view.focused_block == focused, "the reader's place is kept"
        assert view.visible_text() == top, "the screen does not jump"
        assert app.query_one(PlayerBar).paragraphs == len(BOOK.blocks)


async def test_only_the_whole_book_is_remembered_not_its_beginning(tmp_path: Path) -> None:
    """The beginning on screen must not be stored (the book would read as changed next
    time); the whole, once it has come, must be."""
    from reader.store import Store

    store = Store.open(tmp_path / "state.sqlite3")
    app, arrived = book_arriving(BOOK, 200, store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: app.reading.article is not None)
        await settle(pilot)
        assert store.history() == [], "the beginning was remembered"
        arrived.set()
        await settle(pilot, lambda: bool(store.history()))
        cached = store.cached_article("book.txt")
        assert cached is not None
        assert len(cached.blocks) == len(BOOK.blocks)


async def test_a_book_opened_from_a_url_arrives_whole_and_is_remembered_whole(
    tmp_path: Path,
) -> None:
    """The reader's loading thread reads through the one loader: a book's beginning first,
    then its whole, which is what is shown at last and what the store keeps."""
    import http.server

    from reader.extract import load
    from reader.store import Store
    from tests.http_support import serving

    text = "\n\n".join(
        f"CHAPTER {c}\n\n"
        + "\n\n".join(
            f"Paragraph {p} of chapter {c} goes on for a while, as the prose of a novel does."
            for p in range(200)
        )
        for c in range(1, 25)
    )
    body = text.encode()
    book = tmp_path / "novel.txt"
    book.write_bytes(body)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            pass

    store = Store.open(tmp_path / "state.sqlite3")
    with serving(Handler) as base:
        url = f"{base}/novel.txt"
        app = ReaderApp(url, FakeNarrator, store=store)
        async with app.run_test(size=SIZE) as pilot:
            whole = load(str(book))
            # The visit is written before the clean copy: wait for the copy.
            await settle(pilot, lambda: store.cached_article(url) is not None)
            shown = app.reading.article
            assert shown is not None
            assert shown.blocks == whole.blocks
            cached = store.cached_article(url)
            assert cached is not None
            assert len(cached.blocks) == len(whole.blocks)
