"""Where the build puts things: one place for the spec, build.py, render_iss.py and the tests."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE_NAME = "du-indberetning"  # the program file, as the command is named in pyproject.toml
SPEC = ROOT / "installer" / "du-indberetning.spec"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
APP_DIR = DIST / EXE_NAME  # PyInstaller's one-folder app
ISS_TEMPLATE = ROOT / "installer" / "windows" / "du-indberetning.iss.in"
ISS_OUT = BUILD / "windows" / "du-indberetning.iss"
IS_WIN = sys.platform.startswith("win")


def frozen_program(console: bool = True) -> Path:
    """The frozen app. On Windows the window program has no console, so the command line and
    --self-test use du-indberetning-cli.exe beside it."""
    if IS_WIN:
        return APP_DIR / (f"{EXE_NAME}-cli.exe" if console else f"{EXE_NAME}.exe")
    return APP_DIR / EXE_NAME


def bundle_dir() -> Path:
    """Where PyInstaller puts the code and data (sys._MEIPASS of the frozen app)."""
    return APP_DIR / "_internal"
