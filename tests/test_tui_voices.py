"""The voice chooser: automatic first, engines grouped, the article's language on top,
typing filters, Ctrl-D makes the default."""

from __future__ import annotations

from textual.app import App
from textual.widgets import OptionList

from reader.narration.engine import Voice
from reader.tui.voice_screen import VoiceChoice, VoiceScreen

VOICES = [
    Voice("Joe (English, United States)", "en-us", "piper:en_US-joe-medium", "piper", "medium"),
    Voice("Siwis (French, France)", "fr-fr", "piper:fr_FR-siwis-low", "piper", "low"),
    Voice("English (America)", "en-us", "gmw/en-US"),
    Voice("French (France)", "fr-fr", "roa/fr"),
    Voice("German", "de", "gmw/de"),
]


class Chooser(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[VoiceChoice | None] = []

    def on_mount(self) -> None:
        self.push_screen(VoiceScreen(VOICES, "fr", "Bonjour."), self.results.append)


def shown(app: Chooser) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_automatic_first_then_engines_with_the_language_on_top() -> None:
    app = Chooser()
    async with app.run_test() as pilot:
        await pilot.pause()
        rows = shown(app)
        assert rows[0].startswith("Automatic")
        assert rows[1].startswith("Piper")
        assert "Siwis" in rows[2], "French first: the article is French"
        espeak = rows.index("eSpeak NG")
        assert "French" in rows[espeak + 1]
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [VoiceChoice("")]


async def test_typing_filters_and_enter_picks() -> None:
    app = Chooser()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"germ")
        await pilot.pause()
        assert shown(app) == ["eSpeak NG", "de       German"]
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [VoiceChoice("gmw/de")]


async def test_ctrl_d_makes_the_voice_the_default() -> None:
    app = Chooser()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"joe", "ctrl+d")
        await pilot.pause()
    assert app.results == [VoiceChoice("piper:en_US-joe-medium", default=True)]


async def test_escape_cancels() -> None:
    app = Chooser()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
