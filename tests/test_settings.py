"""Settings in a real TOML file: flat and compatible, validated field by field, always saved
as valid TOML, replaced atomically."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from dataclasses import fields, replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from reader import settings
from reader.narration_options import LIMITS, NarrationOptions
from reader.settings import Settings

CHOSEN = Settings(
    narration=NarrationOptions(
        voice="en-gb",
        rate=1.5,
        volume=0.5,
        paragraph_pause_ms=600,
        sentence_pause_ms=120,
        read_captions=True,
        read_code=True,
        read_tables=False,
        quote_voice=True,
    ),
    theme="sepia",
    column_width=60,
    keys={"play_pause": "space,p"},
)


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    assert settings.load(path).settings == Settings()
    settings.save(CHOSEN, path)
    loaded = settings.load(path)
    assert loaded.problem is None
    assert loaded.settings == CHOSEN


def test_the_file_stays_flat(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    settings.save(CHOSEN, path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["voice"] == "en-gb"
    assert data["rate"] == 1.5
    assert data["read_captions"] is True
    assert (data["read_code"], data["read_tables"]) == (True, False)
    assert data["keys"] == {"play_pause": "space,p"}
    assert "narration" not in data


def test_a_file_written_before_loads_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        'voice = "fr"\nrate = 2\nvolume = 0.25\nparagraph_pause_ms = 900\n'
        "sentence_pause_ms = 30\nread_captions = true\nhighlight_word = false\n"
        'theme = "sepia"\njustify = true\n\n[keys]\nquit = "x"\n'
    )
    loaded = settings.load(path)
    assert loaded.problem is None
    assert loaded.settings.narration == NarrationOptions("fr", 2.0, 0.25, 900, 30, True)
    assert loaded.settings.narration.read_tables is True, "tables are read unless turned off"
    assert loaded.settings.highlight_word is False
    assert loaded.settings.justify is True
    assert loaded.settings.keys == {"quit": "x"}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('voice = "en"\nrate = "fast"\n', ("line 2", "'rate'")),
        ("rate = 9.0\n", ("line 1", "'rate'", "between")),
        ("rate = 7\n", ("line 1", "'rate'", "between 0.5 and 3.0", "not 7;")),
        ('theme = "sepia"\ncolour = 3\n', ("line 2", "'colour'")),
        ("rate = = 2\n", ("line 1",)),
        ("rate = 1.0\nvolume = 1.5\n", ("line 2", "'volume'", "between")),
        ("rate = nan\n", ("line 1", "'rate'", "between")),
        ("paragraph_pause_ms = -1\n", ("line 1", "'paragraph_pause_ms'", "between")),
        ("sentence_pause_ms = 0.5\n", ("line 1", "'sentence_pause_ms'", "int")),
        ('read_captions = "yes"\n', ("line 1", "'read_captions'", "bool")),
        ("column_width = 10\n", ("line 1", "'column_width'", "between 40 and 400")),
        ("voice = 3\n", ("line 1", "'voice'", "str")),
        ('narration = "x"\n', ("line 1", "'narration'", "unknown")),
        ("[keys]\nquit = 3\n", ("[keys]",)),
    ],
)
def test_a_bad_settings_file_names_line_and_key(
    tmp_path: Path, content: str, words: tuple[str, ...]
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(content)
    loaded = settings.load(path)
    assert loaded.problem is not None
    assert "\n" not in loaded.problem
    for word in words:
        assert word in loaded.problem
    assert loaded.settings.narration.rate == 1.0, "a bad value falls back to the default"
    assert replace(loaded.settings.narration, voice="") == NarrationOptions()


def test_every_problem_is_counted(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('volume = 2\nrate = 1.5\nvoice = 1\ntheme = "sepia"\n')
    loaded = settings.load(path)
    assert loaded.problem is not None
    assert "'volume'" in loaded.problem
    assert loaded.problem.endswith("(and 1 more)")
    assert loaded.settings.narration.rate == 1.5, "the good keys are taken"
    assert loaded.settings.theme == "sepia"


@pytest.mark.parametrize("option", [f for f in fields(NarrationOptions) if LIMITS in f.metadata])
def test_every_limited_option_is_checked_by_the_file(tmp_path: Path, option: object) -> None:
    """The limits live on the option itself; the file needs no list of its own."""
    name, (_, high) = option.name, option.metadata[LIMITS]  # type: ignore[attr-defined]
    path = tmp_path / "settings.toml"
    path.write_text(f"{name} = {high + 1}\n")
    loaded = settings.load(path)
    assert loaded.problem is not None
    assert f"'{name}' should be between" in loaded.problem
    assert loaded.settings == Settings()


def test_hostile_strings_are_saved_as_valid_toml(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    nasty = 'a\x1b[31m"\\\n\r\t\x00\x7f\x85\u2028\u202e \U0001f600 end'
    chosen = Settings(
        narration=NarrationOptions(voice=nasty),
        theme="]]\n[keys]\nquit = 'x'",
        keys={nasty: nasty, "": "q", "with space": "x", "a.b": "y"},
    )
    settings.save(chosen, path)
    text = path.read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert all(char.isprintable() or char == "\n" for char in text)
    loaded = settings.load(path)
    assert loaded.problem is None
    assert loaded.settings == chosen


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    voice=st.text(),
    theme=st.text(),
    keys=st.dictionaries(st.text(), st.text(), max_size=5),
)
def test_any_strings_round_trip(voice: str, theme: str, keys: dict[str, str]) -> None:
    import tempfile

    chosen = Settings(narration=NarrationOptions(voice=voice), theme=theme, keys=keys)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "settings.toml"
        settings.save(chosen, path)
        loaded = settings.load(path)
        assert loaded.problem is None
        assert loaded.settings == chosen
        assert os.listdir(directory) == ["settings.toml"], "no temporary file is left"


def test_a_lone_surrogate_cannot_break_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    settings.save(Settings(narration=NarrationOptions(voice="a\udc80b")), path)
    loaded = settings.load(path)
    assert loaded.problem is None
    assert loaded.settings.narration.voice == "a\ufffdb"


def test_a_failed_save_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "config" / "settings.toml"
    target.mkdir(parents=True)  # renaming a file over a directory fails
    with pytest.raises(IsADirectoryError):
        settings.save(CHOSEN, target)
    assert target.is_dir()
    assert [p.name for p in target.parent.iterdir()] == ["settings.toml"]


def test_saving_keeps_permissions_and_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "settings.toml"
    real.parent.mkdir()
    real.write_text('theme = "sepia"\n')
    real.chmod(0o640)
    link = tmp_path / "settings.toml"
    link.symlink_to(real)
    settings.save(CHOSEN, link)
    assert link.is_symlink()
    assert settings.load(real).settings == CHOSEN
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_settings_do_not_import_the_narration_stack() -> None:
    code = (
        "import sys, reader.settings\n"
        "loaded = [m for m in sys.modules if m.startswith('reader.narration.')]\n"
        "assert 'reader.narration' not in sys.modules and not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
