"""Where the shipped resources (schema, code lists, translations, the user guide) live, from
source or frozen. A frozen build carries `resources/` and `docs/` beside its code."""

import sys
from pathlib import Path


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else Path(__file__).resolve().parents[1]


def resources_dir() -> Path:
    return _root() / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def guide_path() -> Path:
    """The Danish user guide (Markdown, with its screenshots in docs/screenshots)."""
    return _root() / "docs" / "brugervejledning.md"
