"""The links of one paragraph: Enter opens the one chosen in the reader, `b` in the
system's web browser.

The browser is started on a thread (`webbrowser` waits for some of them), and only where
it can show itself: with no graphical session, `webbrowser` falls back to a console
browser that would take the reader's terminal, so the reader says so instead.
"""

from __future__ import annotations

import os
import sys
import webbrowser
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Inline
from reader.tui.bindings import LINKS_BINDINGS
from reader.tui.literal import literal, notice

if TYPE_CHECKING:
    from textual.screen import Screen


class LinksScreen(ModalScreen[tuple[str, bool] | None]):
    """A paragraph's links, each as its text and its address; the answer is the address
    and whether it opens in the web browser."""

    BINDINGS = LINKS_BINDINGS

    def __init__(self, text: str, links: tuple[Inline, ...]) -> None:
        """`text`: the paragraph's text, which the links' offsets point into."""
        super().__init__()
        self._links = [(text[link.start : link.end], link.href or "") for link in links]

    def compose(self) -> ComposeResult:
        with Vertical(id="links"):
            yield Static("Links of this paragraph", classes="dialog-title")
            yield OptionList(
                *(
                    Option(Text("\n").join((literal(label), literal(href, "dim", indent=2))))
                    for label, href in self._links
                )
            )
        yield Footer()  # this dialog's keys: the reading screen's do not act now

    def _chosen(self) -> str | None:
        index = self.query_one(OptionList).highlighted
        return self._links[index][1] if index is not None else None

    def action_open(self) -> None:
        if (href := self._chosen()) is not None:
            self.dismiss((href, False))

    def action_browser(self) -> None:
        if (href := self._chosen()) is not None:
            self.dismiss((href, True))

    def action_close(self) -> None:
        self.dismiss(None)


def open_in_browser(screen: Screen[None], href: str) -> None:
    """Starts the system's web browser on `href` on a thread; a failure is a notification."""
    if not _can_show_a_browser():
        screen.notify(
            notice(f"No graphical session to open a web browser in; the address is {href}"),
            severity="warning",
            markup=False,
        )
        return

    def start() -> None:
        try:
            opened = webbrowser.open(href)
        except (webbrowser.Error, OSError) as error:
            screen.app.call_from_thread(_failed, screen, href, str(error))
            return
        if not opened:
            screen.app.call_from_thread(_failed, screen, href, "no web browser found")

    screen.run_worker(start, thread=True, group="browser")


def _failed(screen: Screen[None], href: str, why: str) -> None:
    screen.notify(notice(f"Could not open {href}: {why}"), severity="error", markup=False)


def _can_show_a_browser() -> bool:
    """A browser named in $BROWSER, or a desktop session (macOS and Windows always are)."""
    if os.environ.get("BROWSER") or sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
