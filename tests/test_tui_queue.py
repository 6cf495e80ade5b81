"""The listening queue in the reader: what it plays next, and the queue screen."""

from __future__ import annotations

from pathlib import Path

from reader.model import BlockKind
from reader.store import Store
from reader.tui.article_view import ArticleView
from tests.tui_support import SIZE, ReaderApp, loaded, real_narrator, settle

CAPTIONED = """<html><head><title>Second story</title></head><body><article>
<h1>Second story</h1>
<figure><img src="a.jpg"><figcaption>A photo of the harbour at dawn</figcaption></figure>
<p>The second story begins after its photo, with a paragraph long enough to be text.</p>
<p>It goes on with another paragraph, also long enough to be kept as the body.</p>
</article></body></html>
"""


async def test_the_next_document_in_the_queue_skips_its_photo_caption(tmp_path: Path) -> None:
    """Worker process, eSpeak NG, the null ALSA device: `read_captions` is off (the
    default), so the queued document's caption, its first block, is not read."""
    first = tmp_path / "first.txt"
    first.write_text("Short\n\nOne sentence to hear.\n")
    second = tmp_path / "second.html"
    second.write_text(CAPTIONED)
    store = Store.open(tmp_path / "state.sqlite3")
    store.queue_add([str(second)])
    app = ReaderApp(str(first), real_narrator, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: loaded(app))
        await pilot.press("space")
        view = app.query_one(ArticleView)
        spoken: set[int] = set()

        def body_heard() -> bool:
            article = app.reading.article
            if article is None or article.source != str(second):
                return False
            if view.spoken_block is not None:
                spoken.add(view.spoken_block)
            return any(article.blocks[block].is_body for block in spoken)

        await settle(pilot, body_heard, timeout=60)
        article = app.reading.article
        assert article is not None
        assert article.blocks[0].kind is BlockKind.CAPTION, "the fixture opens on a caption"
        assert all(article.blocks[block].kind is not BlockKind.CAPTION for block in spoken)
        await app.action_quit()
