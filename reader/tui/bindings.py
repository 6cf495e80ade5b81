"""The reading screen's key bindings. Every binding has an id, so the `[keys]` table of the settings
file can change its keys (`play_pause = "space,p"`); the help screen is generated from this
list."""

from __future__ import annotations

from textual.binding import Binding, BindingType

BINDINGS: list[BindingType] = [
    Binding("space", "play_pause", "Play/Pause", id="play_pause"),
    Binding("s", "stop", "Stop", id="stop"),
    Binding(
        "right,l,right_square_bracket",
        "next_paragraph",
        "Next ¶",
        key_display="→",
        id="next_paragraph",
    ),
    Binding(
        "left,h,left_square_bracket",
        "previous_paragraph",
        "Prev ¶",
        key_display="←",
        id="previous_paragraph",
    ),
    Binding("greater_than_sign,full_stop", "skip(1)", "Skip ¶", show=False, id="skip_forward"),
    Binding("less_than_sign,comma", "skip(-1)", "Back ¶", show=False, id="skip_back"),
    Binding(
        "right_parenthesis", "skip_sentence(1)", "Next sentence", show=False, id="skip_sentence"
    ),
    Binding(
        "left_parenthesis", "skip_sentence(-1)", "Previous sentence", show=False, id="back_sentence"
    ),
    Binding("f", "follow", "Follow", show=False, id="follow"),
    Binding("m", "highlight", "Highlight (again: remove)", show=False, id="highlight"),
    Binding("M", "highlights", "Highlights: go to, edit, remove", show=False, id="highlights"),
    Binding("z", "sleep_timer", "Sleep timer", show=False, id="sleep_timer"),
    Binding("v", "voice", "Voice", show=False, id="voice"),
    Binding(
        "S",
        "narration_settings",
        "Narration settings (what is read, pauses)",
        show=False,
        id="narration_settings",
    ),
    Binding("plus,equals_sign", "rate(1)", "Faster", id="rate_up"),
    Binding("minus", "rate(-1)", "Slower", id="rate_down"),
    Binding("0", "volume(1)", "Louder", show=False, id="volume_up"),
    Binding("9", "volume(-1)", "Quieter", show=False, id="volume_down"),
    Binding("down,j", "scroll('down')", "Scroll down", show=False, id="scroll_down"),
    Binding("up,k", "scroll('up')", "Scroll up", show=False, id="scroll_up"),
    Binding("pagedown,ctrl+f", "scroll('page_down')", "Page down", show=False, id="page_down"),
    Binding("pageup,ctrl+b", "scroll('page_up')", "Page up", show=False, id="page_up"),
    Binding("home,g", "edge(0)", "Top", show=False, id="top"),
    Binding("end,G", "edge(1)", "Bottom", show=False, id="bottom"),
    Binding("slash", "search", "Search", id="search"),
    Binding("n", "next_match(1)", "Next match", show=False, id="next_match"),
    Binding("N", "next_match(-1)", "Previous match", show=False, id="previous_match"),
    Binding("escape", "clear_search", "Clear search", show=False, id="clear_search"),
    Binding("t", "outline", "Outline", show=False, id="outline"),
    Binding("right_curly_bracket", "heading(1)", "Next heading", show=False, id="next_heading"),
    Binding(
        "left_curly_bracket", "heading(-1)", "Previous heading", show=False, id="previous_heading"
    ),
    Binding("percent_sign", "go_to_percent", "Go to %", show=False, id="go_to_percent"),
    Binding("o", "open", "Open", show=False, id="open"),
    Binding("W", "whole_text", "Whole text (nothing cleaned away)", show=False, id="whole_text"),
    Binding("u", "links", "Links of this paragraph", show=False, id="links"),
    Binding("L", "library", "Library", show=False, id="library"),
    Binding("Q", "queue", "Queue", show=False, id="queue"),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "app.quit", "Quit", id="quit"),
]

QUEUE_BINDINGS: list[BindingType] = [
    Binding("enter", "open", "Open now", id="queue_open", priority=True),
    Binding("K,shift+up", "move(-1)", "Move up", id="queue_move_up"),
    Binding("J,shift+down", "move(1)", "Move down", id="queue_move_down"),
    Binding("d,delete", "remove", "Remove", id="queue_remove"),
    Binding("escape,Q", "close", "Back", id="queue_close"),
]
"""The queue screen's bindings (ids for the `[keys]` table too)."""

HIGHLIGHTS_BINDINGS: list[BindingType] = [
    Binding("enter", "go_to", "Go to", id="highlights_go_to", priority=True),
    Binding("e", "edit_note", "Edit note", id="highlights_note"),
    Binding("d,delete", "remove", "Remove", id="highlights_remove"),
    Binding("escape,M", "close", "Back", id="highlights_close"),
]
"""The highlights list's bindings (ids for the `[keys]` table too)."""

LINKS_BINDINGS: list[BindingType] = [
    Binding("enter", "open", "Open in the reader", id="links_open", priority=True),
    Binding("b", "browser", "Open in the web browser", id="links_browser"),
    Binding("escape,u", "close", "Back", id="links_close"),
]
"""The links list's bindings (ids for the `[keys]` table too)."""


NARRATION_BINDINGS: list[BindingType] = [
    Binding("space,enter", "switch", "Turn on or off", id="narration_toggle", priority=True),
    Binding("left", "pause(-1)", "Shorter pause", id="narration_shorter"),
    Binding("right", "pause(1)", "Longer pause", id="narration_longer"),
    Binding("escape,S", "close", "Back", id="narration_close"),
]
"""The narration settings' bindings (ids for the `[keys]` table too)."""


def keymap_problems(keymap: dict[str, str]) -> list[str]:
    """What is wrong with the `[keys]` table of the settings, one line each: ids that no
    binding has, and a table that leaves no key to quit with."""
    from reader.safe_text import sanitize_line

    bindings = [b for b in BINDINGS if isinstance(b, Binding)]
    others = (*QUEUE_BINDINGS, *HIGHLIGHTS_BINDINGS, *LINKS_BINDINGS, *NARRATION_BINDINGS)
    known = {b.id for b in (*bindings, *others) if isinstance(b, Binding) and b.id}
    problems = [
        f"unknown key id {sanitize_line(name)!r} in [keys] (see the README for the ids)"
        for name in keymap
        if name not in known
    ]
    keys_of = {b.id: keymap.get(b.id or "", b.key) for b in bindings}
    quit_keys = {key.strip() for key in keys_of.pop("quit", "").split(",") if key.strip()}
    taken = {key.strip() for keys in keys_of.values() for key in keys.split(",")}
    if not quit_keys - taken:
        problems.append("no key quits the reader with these [keys]; Ctrl+Q still does")
    return problems
