"""The layers of DESIGN.md, read from the source: what each package may not import."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reader"
TERMINAL = ("termios", "tty", "rich", "textual", "reader.terminal", "reader.tui")
FORBIDDEN = {
    "narration": TERMINAL,
    "terminal": ("textual", "reader.tui"),
}


def imported(path: Path) -> set[str]:
    """Every module `path` imports, at any depth of the file (imports inside functions too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_does_not_import_what_sits_above_it(layer: str) -> None:
    modules = sorted((PACKAGE / layer).glob("*.py"))
    assert modules, f"reader/{layer} has no modules"
    leaks = [
        f"{path.name} imports {name}"
        for path in modules
        for name in sorted(imported(path))
        if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[layer])
    ]
    assert leaks == []
