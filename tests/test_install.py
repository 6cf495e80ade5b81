"""An install without setup.sh: the wheel that `pipx install .` / `uv tool install .` build.

The wheel is built from a copy of the source tree (as pip builds it, with build isolation)
and installed into a new virtual environment in tmp_path, with no source tree and no
editable install in sight. So that the test runs offline and in seconds, that environment
takes the dependencies from the project's own environment through a `.pth` line rather
than downloading them: what this proves is that the wheel carries the package, its data
files (the sample article, the stylesheet) and the `reader` command; that the pinned
dependencies resolve from PyPI is what pipx or uv do, and not tested here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEFT_OUT = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "tests"
)


def run(*command: str | Path, cwd: Path) -> str:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_wheel_installs_a_working_reader(tmp_path: Path) -> None:
    source, wheels, home = tmp_path / "source", tmp_path / "wheels", tmp_path / "venv"
    shutil.copytree(ROOT, source, ignore=LEFT_OUT)
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, ".", cwd=source)
    (wheel,) = wheels.glob("reader-*.whl")
    shutil.rmtree(source)

    venv.create(home, with_pip=False)
    python = home / "bin" / "python"
    site = Path(
        run(
            python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path
        ).strip()
    )
    (site / "project-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "-q",
        "--no-deps",
        wheel,
        cwd=tmp_path,
    )

    command = home / "bin" / "reader"
    where = run(python, "-c", "import reader; print(reader.__file__)", cwd=tmp_path)
    assert Path(where.strip()).is_relative_to(site)
    assert "extract" in run(command, "--help", cwd=tmp_path)
    sample = site / "reader" / "samples" / "cna-cambodia-scam-networks.txt"
    assert run(command, "extract", sample, cwd=tmp_path).startswith("Cambodia government rejects")
    assert (site / "reader" / "tui" / "reader.tcss").is_file()
    assert ".SS speak" in run(command, "--print-man-page", cwd=tmp_path)
