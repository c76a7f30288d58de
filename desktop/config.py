"""Where files live: platformdirs in production; tests pass explicit paths."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

from desktop import APP_NAME

DB_NAME = "du-indberetning.sqlite"


def default_db_path() -> Path:
    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True) / DB_NAME
