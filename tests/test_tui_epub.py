"""An EPUB in the reader: opened like any document, its chapters in the outline, narration
going on from one chapter into the next, its place kept in the library; a DRM-protected
one is a notification."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from reader.model import BlockKind
from reader.narration.events import SentenceStarted
from reader.store import Store
from reader.tui.article_view import ArticleView
from reader.tui.outline_screen import OutlineScreen
from tests.epub_support import TITLES, epub_files, write_epub
from tests.fakes import FakeNarrator
from tests.tui_support import SIZE, ReaderApp, fake, fake_app, loaded, notifications, settle


async def test_an_epub_opens_with_its_chapters_in_the_outline(tmp_path: Path) -> None:
    app = fake_app(write_epub(tmp_path / "keeper.epub"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        article = app.reading.article
        assert article is not None
        assert article.title == "The Keeper of Gull Rock"
        screen = "\n".join(app.query_one(ArticleView).visible_text())
        assert "Chapter One: The Light" in screen
        chapters = [i for i, b in enumerate(article.blocks) if b.kind is BlockKind.HEADING]
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, OutlineScreen)
        assert app.screen.query_one(OptionList).option_count == len(chapters) == 3
        await pilot.press("end", "enter")
        await settle(pilot)
        assert app.query_one(ArticleView).focused_block == chapters[-1]


async def test_narration_spans_the_chapters_and_resumes_where_it_was(tmp_path: Path) -> None:
    path = str(write_epub(tmp_path / "keeper.epub"))
    store = Store.open(tmp_path / "state.sqlite3")
    first = ReaderApp(path, FakeNarrator, store=store)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(first))
        article = first.reading.article
        assert article is not None
        second = next(i for i, b in enumerate(article.blocks) if b.text == TITLES[1])
        await pilot.press("space")
        await settle(pilot)
        assert fake(first).article is article, "the whole book is narrated, not a chapter"
        fake(first).sink(SentenceStarted(block=second + 1, sentence=1))
        await settle(pilot)
    document = store.document(path)
    assert document is not None
    assert document.title == "The Keeper of Gull Rock"

    again = ReaderApp(path, FakeNarrator, store=store)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(again))
        await settle(pilot, lambda: again.query_one(ArticleView).focused_block == second + 1)
        await pilot.press("space")
        assert fake(again).last() == ("play", second + 1)
        assert fake(again).position.sentence == 1


async def test_a_drm_protected_epub_is_a_notification(tmp_path: Path) -> None:
    files = epub_files()
    files["META-INF/encryption.xml"] = (
        b'<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        b'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        b'<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
        b'<enc:CipherData><enc:CipherReference URI="OEBPS/text/chapter2.xhtml"/>'
        b"</enc:CipherData></enc:EncryptedData></encryption>"
    )
    app = fake_app(write_epub(tmp_path / "locked.epub", files))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: bool(notifications(app)))
        assert app.reading.article is None
        assert "protected by DRM" in notifications(app)[0]
