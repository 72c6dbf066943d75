"""The architecture and style rules, enforced in the test run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("survey", "analysis", "webapp", "bot", "demo")
MAX_MODULE_LINES = 400
MAX_MODULES_PER_FOLDER = 12


def _tool(name: str) -> str:
    return shutil.which(name, path=str(Path(sys.executable).parent)) or name


def test_import_contracts_hold():
    """survey imports no framework; analysis only survey; webapp and bot never each other; no cycles.

    Run in a subprocess: import-linter configures logging with ``dictConfig``, which disables every
    logger that exists already, and tests that read the log would then pass or fail by test order.
    """
    result = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean():
    command = [_tool("ruff"), "check", "--quiet", "."]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _modules() -> list[Path]:
    return [
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    ]


def test_no_module_is_over_400_lines():
    """A file past ~400 lines is asking to be split (STYLE.md)."""
    long = {
        str(path.relative_to(ROOT)): lines
        for path in _modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_folder_holds_more_than_12_modules_side_by_side():
    """Folders by concern: a newcomer finds where a change goes from the folder names alone."""
    counts: dict[str, int] = {}
    for path in _modules():
        if path.name != "__init__.py":
            folder = str(path.parent.relative_to(ROOT))
            counts[folder] = counts.get(folder, 0) + 1
    crowded = {folder: count for folder, count in counts.items() if count > MAX_MODULES_PER_FOLDER}
    assert crowded == {}

