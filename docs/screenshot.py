"""Make docs/screenshot.svg: the reader narrating the sample article for real.

Runs the app headless with the real narrator (set ALSA_CONFIG_PATH to a null device on a
machine without sound) and saves Textual's SVG screenshot once a word is highlighted.

    .venv/bin/python docs/screenshot.py
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from reader.tui.app import ReaderApp
from reader.tui.article_view import ArticleView
from reader.tui.dialog_keys import SAMPLE_ARTICLE

OUT = Path(__file__).with_name("screenshot.svg")


async def main() -> None:
    app = ReaderApp(SAMPLE_ARTICLE)
    async with app.run_test(size=(100, 32)) as pilot:
        while app.article is None:
            await pilot.pause(0.05)
        await pilot.press("right", "right", "space")
        while app.query_one(ArticleView).spoken_word is None:
            await pilot.pause(0.02)
        await pilot.pause(0.6)
        app.save_screenshot(str(OUT))
        await app.action_quit()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
